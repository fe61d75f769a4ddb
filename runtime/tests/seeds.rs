//! Golden bodies from the crates generated out of the repository's
//! catalogs: each seed's documented example, built the way a service
//! builds it (one constructor call) and rendered in the catalog's shape.

use billing_errors::BillingError;
use errcat::WireShape;
use fold_errors::FoldError;
use function_compute_errors::FunctionComputeError;
use workspaces_errors::WorkspacesError;

fn body<C: errcat::ErrorCode>(error: &errcat::Error<C>) -> serde_json::Value {
    serde_json::from_str(&error.to_json(error.shape())).unwrap()
}

#[test]
fn seed_001_tenant_not_found() {
    let error = FoldError::tenant_not_found();
    assert_eq!(error.status(), 404);
    insta::assert_json_snapshot!(body(&error));
}

#[test]
fn seed_001_validation_error_with_field_errors() {
    let error = FoldError::validation_error()
        .with_field_error("url", "Expected string, received number")
        .with_field_error("event", "Invalid enum value");
    assert_eq!(error.status(), 400);
    insta::assert_json_snapshot!(body(&error));
}

#[test]
fn seed_002_workspace_slug_taken() {
    let error =
        WorkspacesError::workspace_slug_taken("acme", "acme-corp").with_request_id("req_xyz123");
    assert_eq!(error.shape(), WireShape::Nested);
    insta::assert_json_snapshot!(body(&error));
}

#[test]
fn seed_002_oauth_invalid_grant() {
    let error = WorkspacesError::invalid_grant("authorization code expired");
    assert_eq!(error.shape(), WireShape::OAuth2);
    assert_eq!(error.status(), 400);
    insta::assert_json_snapshot!(body(&error));
}

#[test]
fn seed_003_version_not_found() {
    let error = FunctionComputeError::version_not_found(3, "billing");
    assert_eq!(error.shape(), WireShape::ErrorCode);
    assert_eq!(error.status(), 404);
    insta::assert_json_snapshot!(body(&error));
}

#[test]
fn seed_004_problem_with_resolve() {
    let error = BillingError::no_active_plan().with_request_id("req_7Hc2");
    assert_eq!(error.shape(), WireShape::Problem);
    let response = error.to_response();
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    insta::assert_json_snapshot!(body(&error));
}

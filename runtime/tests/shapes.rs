//! Golden bodies: each seed's example, reproduced key for key.

mod support;

use errcat::WireShape;
use support::{Demo, error, json};

#[test]
fn flat_tenant_not_found_matches_seed_001() {
    let err = error(Demo::TenantNotFound, vec![]);
    assert_eq!(
        err.to_json(WireShape::Flat),
        r#"{"error":"Tenant not found","code":"TENANT_NOT_FOUND","details":{},"hint":"Check that the tenant_id is correct"}"#
    );
    insta::assert_json_snapshot!(json(&err, WireShape::Flat));
}

#[test]
fn flat_validation_error_carries_field_errors_in_order() {
    let err = error(Demo::ValidationError, vec![])
        .with_field_error("url", "Expected string, received number")
        .with_field_error("event", "Invalid enum value");
    assert_eq!(
        err.to_json(WireShape::Flat),
        r#"{"error":"Validation failed","code":"VALIDATION_ERROR","details":{"url":["Expected string, received number"],"event":["Invalid enum value"]}}"#
    );
    insta::assert_json_snapshot!(json(&err, WireShape::Flat));
}

#[test]
fn flat_details_are_null_for_codes_that_declare_none() {
    let err = error(Demo::RateLimited, vec![]).with_details(serde_json::json!({"x": 1}));
    assert_eq!(
        err.to_json(WireShape::Flat),
        r#"{"error":"Too many requests","code":"RATE_LIMITED","details":null,"hint":"Wait and retry."}"#
    );
}

/// `WireShape::carries_details` is what the loader asks; the bodies are what
/// clients get. The two must agree for every shape.
#[test]
fn a_shape_carries_details_exactly_when_its_bodies_have_them() {
    let err = error(Demo::ValidationError, vec![]).with_field_error("url", "Expected string");
    for shape in WireShape::ALL {
        let body = json(&err, shape);
        // AIP-193's `error.details` is a list of google.rpc details, not
        // the code's: the member is found by the part it holds.
        let path = shape.spec().path_of(errcat::shape::Part::Details);
        let details = path.and_then(|path| {
            path.iter()
                .try_fold(&body, |value, name| value.get(*name))
                .cloned()
        });
        assert_eq!(
            details.is_some(),
            shape.carries_details(),
            "{shape:?}: {body}"
        );
    }
}

#[test]
fn nested_workspace_slug_taken_matches_seed_002() {
    let err = error(
        Demo::WorkspaceSlugTaken,
        vec!["acme".into(), "acme-corp".into()],
    )
    .with_request_id("req_xyz123");
    assert_eq!(
        err.to_json(err.shape()),
        r#"{"error":{"code":"workspace_slug_taken","message":"The slug 'acme' is already in use. Try 'acme-corp' or pick another.","request_id":"req_xyz123"}}"#
    );
    insta::assert_json_snapshot!(json(&err, WireShape::Nested));
}

#[test]
fn nested_omits_request_id_when_none_was_given() {
    let err = error(Demo::WorkspaceSlugTaken, vec!["a".into(), "b".into()]);
    let body = json(&err, WireShape::Nested);
    assert_eq!(body["error"].as_object().map(|o| o.len()), Some(2));
}

#[test]
fn oauth2_invalid_grant_matches_seed_002() {
    let err = error(Demo::InvalidGrant, vec!["code expired".into()]);
    assert_eq!(err.shape(), WireShape::OAuth2);
    assert_eq!(
        err.to_json(err.shape()),
        r#"{"error":"invalid_grant","error_description":"code expired"}"#
    );
    insta::assert_json_snapshot!(json(&err, WireShape::OAuth2));
}

#[test]
fn error_code_shape_matches_seed_003() {
    let err = error(Demo::VersionNotFound, vec![3u64.into(), "billing".into()]);
    assert_eq!(
        err.to_json(err.shape()),
        r#"{"errorCode":"VersionNotFound","errorMessage":"version '3' of service 'billing' does not exist"}"#
    );
    insta::assert_json_snapshot!(json(&err, WireShape::ErrorCode));
}

#[test]
fn problem_with_resolve_matches_seed_004() {
    let err = error(Demo::NoActivePlan, vec![]).with_request_id("req_1");
    assert_eq!(
        err.to_json(err.shape()),
        concat!(
            r#"{"type":"https://docs.example.com/errors#no_active_plan","title":"No active plan","#,
            r#""status":402,"detail":"No billing plan selected.","instance":"req_1","#,
            r#""error_code":"no_active_plan","resolve":{"message":"Select a billing plan to continue.","#,
            r#""url":"https://app.example.com/billing","action":"select_plan","method":"POST","#,
            r#""endpoint":"/v1/billing/plan"}}"#
        )
    );
    insta::assert_json_snapshot!(json(&err, WireShape::Problem));
}

#[test]
fn problem_omits_resolve_and_instance_when_absent() {
    let err = error(Demo::RateLimited, vec![]);
    assert_eq!(
        err.to_json(WireShape::Problem),
        r#"{"type":"about:blank","title":"RATE_LIMITED","status":429,"detail":"Too many requests","error_code":"RATE_LIMITED"}"#
    );
}

#[test]
fn every_shape_renders_the_same_message() {
    let err = error(Demo::VersionNotFound, vec![7u64.into(), "api".into()]);
    let message = err.to_string();
    assert_eq!(message, "version '7' of service 'api' does not exist");
    let found = |shape| {
        let body = json(&err, shape);
        let text = body.to_string();
        text.contains(&message)
    };
    for shape in WireShape::ALL {
        assert!(found(shape), "{shape:?} lost the message");
    }
}

#[test]
fn aws_json_sends_the_code_in_the_body_and_in_x_amzn_errortype() {
    let err = error(Demo::TenantNotFound, vec![]);
    assert_eq!(
        err.to_json(WireShape::AwsJson),
        r#"{"__type":"TENANT_NOT_FOUND","message":"Tenant not found"}"#
    );
    let headers = err.headers(WireShape::AwsJson);
    assert_eq!(headers["content-type"], "application/x-amz-json-1.1");
    assert_eq!(headers["x-amzn-errortype"], "TENANT_NOT_FOUND");
    // No other shape sends it.
    assert!(
        !err.headers(WireShape::Flat)
            .contains_key("x-amzn-errortype")
    );
}

#[test]
fn postgrest_writes_every_member_with_null_for_what_the_error_lacks() {
    let err = error(Demo::RateLimited, vec![]);
    assert_eq!(
        err.to_json(WireShape::Postgrest),
        r#"{"code":"RATE_LIMITED","message":"Too many requests","details":null,"hint":"Wait and retry."}"#
    );
    let err = error(Demo::ValidationError, vec![]).with_field_error("url", "Expected string");
    assert_eq!(
        err.to_json(WireShape::Postgrest),
        r#"{"code":"VALIDATION_ERROR","message":"Validation failed","details":{"url":["Expected string"]},"hint":null}"#
    );
    assert_eq!(
        err.headers(WireShape::Postgrest)["content-type"],
        "application/json"
    );
}

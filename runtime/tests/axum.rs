//! The axum integration, driven through a real `Router`.

#![cfg(feature = "axum")]

mod support;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use errcat::Error;
use support::{Demo, error};
use tower::ServiceExt;

async fn tenant() -> Result<&'static str, Error<Demo>> {
    Err(error(Demo::TenantNotFound, vec![]).with_request_id("req_7"))
}

async fn limited() -> Result<&'static str, Error<Demo>> {
    Err(error(Demo::RateLimited, vec![]).with_rate_limit(100, 0, 9))
}

fn app() -> Router {
    Router::new()
        .route("/tenant", get(tenant))
        .route("/limited", get(limited))
        .route("/ok", get(|| async { "fine" }))
        .layer(axum::middleware::from_fn(errcat::axum::negotiate))
}

async fn call(path: &str, accept: Option<&str>) -> (StatusCode, String, String) {
    let mut request = Request::get(path);
    if let Some(accept) = accept {
        request = request.header("accept", accept);
    }
    let response = app()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let body = axum::body::to_bytes(response.into_body(), 1 << 16)
        .await
        .unwrap();
    (
        status,
        content_type,
        String::from_utf8(body.to_vec()).unwrap(),
    )
}

#[tokio::test]
async fn a_handler_error_renders_in_its_own_shape() {
    let (status, content_type, body) = call("/tenant", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(content_type, "application/json");
    assert_eq!(
        body,
        r#"{"error":"Tenant not found","code":"TENANT_NOT_FOUND","details":{},"hint":"Check that the tenant_id is correct"}"#
    );
}

#[tokio::test]
async fn accept_problem_json_gets_rfc_9457_with_the_same_status_and_headers() {
    let (status, content_type, body) = call("/tenant", Some("application/problem+json")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(content_type, "application/problem+json");
    assert_eq!(
        body,
        r#"{"type":"about:blank","title":"TENANT_NOT_FOUND","status":404,"detail":"Tenant not found","instance":"req_7","error_code":"TENANT_NOT_FOUND","details":{}}"#
    );

    let response = app()
        .oneshot(
            Request::get("/limited")
                .header("accept", "application/problem+json")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "60");
    assert_eq!(response.headers()["ratelimit-limit"], "100");
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
}

/// The response of `path` to a request with these `Accept` fields.
async fn respond(path: &str, accept: &[&str]) -> axum::response::Response {
    let mut request = Request::get(path);
    for value in accept {
        request = request.header("accept", *value);
    }
    app()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_weightier_type_wins_across_every_accept_field_and_errors_vary_on_accept() {
    let cases: &[(&[&str], &str)] = &[
        (&[], "application/json"),
        (
            &["application/json, application/problem+json;q=0.5"],
            "application/json",
        ),
        (&["application/problem+json; Q=0"], "application/json"),
        (
            &["application/json;q=0.5", "application/problem+json"],
            "application/problem+json",
        ),
        (
            &["*/*;q=0.1, application/problem+json"],
            "application/problem+json",
        ),
        (&["*/*"], "application/json"),
    ];
    for (accept, content_type) in cases {
        let response = respond("/tenant", accept).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{accept:?}");
        assert_eq!(
            response.headers()["content-type"],
            *content_type,
            "{accept:?}"
        );
        assert_eq!(response.headers()["vary"], "accept", "{accept:?}");
    }
    let ok = respond("/ok", &["application/problem+json"]).await;
    assert!(ok.headers().get("vary").is_none());
}

#[tokio::test]
async fn the_middleware_leaves_other_responses_alone() {
    let (status, content_type, body) = call("/ok", Some("application/problem+json")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/plain"));
    assert_eq!(body, "fine");
}

//! Status, headers, negotiation, and what a server error keeps to itself.

mod support;

use std::error::Error as _;

use errcat::{AnyCode, ErrorCode, ErrorReport, WireShape};
use http::HeaderMap;
use http::header::{ACCEPT, CONTENT_TYPE, RETRY_AFTER};
use support::{Demo, error};

fn accept(value: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, value.parse().unwrap());
    headers
}

#[test]
fn content_type_follows_the_shape() {
    let err = error(Demo::TenantNotFound, vec![]);
    for shape in WireShape::ALL {
        let response = err.render(shape);
        assert_eq!(response.headers()[CONTENT_TYPE], shape.content_type());
    }
    assert_eq!(
        err.render(WireShape::Problem).headers()[CONTENT_TYPE],
        "application/problem+json"
    );
}

#[test]
fn retry_after_uses_the_catalog_default_or_the_runtime_value() {
    let default = error(Demo::RateLimited, vec![]).to_response();
    assert_eq!(default.status(), 429);
    assert_eq!(default.headers()[RETRY_AFTER], "60");
    let supplied = error(Demo::RateLimited, vec![])
        .with_retry_after(5)
        .to_response();
    assert_eq!(supplied.headers()[RETRY_AFTER], "5");
    let none = error(Demo::TenantNotFound, vec![]).to_response();
    assert!(none.headers().get(RETRY_AFTER).is_none());
}

#[test]
fn rate_limit_headers_appear_only_when_supplied() {
    let bare = error(Demo::RateLimited, vec![]).to_response();
    assert!(bare.headers().get("ratelimit-limit").is_none());
    let full = error(Demo::RateLimited, vec![])
        .with_rate_limit(100, 0, 42)
        .to_response();
    assert_eq!(full.headers()["RateLimit-Limit"], "100");
    assert_eq!(full.headers()["RateLimit-Remaining"], "0");
    assert_eq!(full.headers()["RateLimit-Reset"], "42");
}

#[test]
fn accept_problem_json_selects_rfc_9457() {
    let err = error(Demo::TenantNotFound, vec![]);
    assert_eq!(err.negotiate(&HeaderMap::new()), WireShape::Flat);
    assert_eq!(err.negotiate(&accept("application/json")), WireShape::Flat);
    // The higher `q` wins, whatever the order (the full table is the
    // runtime's unit test of `accept`).
    assert_eq!(
        err.negotiate(&accept("application/json, application/problem+json;q=0.9")),
        WireShape::Flat
    );
    assert_eq!(
        err.negotiate(&accept(
            "application/json;q=0.8, application/problem+json;q=0.9"
        )),
        WireShape::Problem
    );
    assert_eq!(
        err.negotiate(&accept("Application/Problem+JSON")),
        WireShape::Problem
    );
    assert_eq!(
        err.negotiate(&accept("application/problem+json; q=0")),
        WireShape::Flat
    );
    let response = err.respond(&accept("application/problem+json"));
    assert_eq!(response.headers()[CONTENT_TYPE], "application/problem+json");
    assert_eq!(response.headers()["vary"], "accept");
    assert!(response.body().starts_with(r#"{"type":"#));
}

#[test]
fn server_errors_never_send_their_source_or_details() {
    let err = error(Demo::InternalError, vec![])
        .with_request_id("req_42")
        .with_details(serde_json::json!({"query": "SELECT secret FROM vault"}))
        .with_source("connection to db-7.internal refused");
    for shape in WireShape::ALL {
        let body = err.to_json(shape);
        assert!(!body.contains("secret"), "{shape:?} leaked details: {body}");
        assert!(
            !body.contains("db-7"),
            "{shape:?} leaked the source: {body}"
        );
        assert!(body.contains("Unexpected server error"));
    }
    assert_eq!(
        err.to_json(WireShape::Flat),
        r#"{"error":"Unexpected server error","code":"INTERNAL_ERROR","details":{}}"#
    );
    assert_eq!(
        err.source().map(ToString::to_string).as_deref(),
        Some("connection to db-7.internal refused")
    );
}

#[test]
fn the_log_line_keeps_what_the_client_was_not_told() {
    let err = error(Demo::InternalError, vec![])
        .with_request_id("req_42")
        .with_details(serde_json::json!({"query": "q"}))
        .with_source("db refused");
    assert_eq!(
        err.log_line(),
        r#"INTERNAL_ERROR 500 request_id=req_42: Unexpected server error details={"query":"q"}: caused by: db refused"#
    );
    let response = err.to_response();
    let report = response.extensions().get::<ErrorReport>().unwrap();
    assert_eq!(report.request_id.as_deref(), Some("req_42"));
    assert_eq!(report.status, 500);
    assert_eq!(report.log_line, err.log_line());
}

#[test]
fn client_errors_send_details_the_code_declares() {
    let err =
        error(Demo::TenantNotFound, vec![]).with_details(serde_json::json!({"tenant_id": "t_1"}));
    assert!(
        err.to_json(WireShape::Flat)
            .contains(r#""details":{"tenant_id":"t_1"}"#)
    );
    assert!(
        err.to_json(WireShape::Nested)
            .contains(r#""details":{"tenant_id":"t_1"}"#)
    );
}

#[test]
fn codes_and_aliases_parse_and_unknown_codes_are_kept() {
    assert_eq!(Demo::parse("RATE_LIMITED"), Some(Demo::RateLimited));
    assert_eq!(
        Demo::parse("ROLLBACK_TARGET_MISSING"),
        Some(Demo::VersionNotFound)
    );
    assert_eq!(Demo::parse("rate_limited"), None);
    let alias: AnyCode<Demo> = "ROLLBACK_TARGET_MISSING".parse().unwrap();
    assert_eq!(alias.known(), Some(Demo::VersionNotFound));
    assert_eq!(alias.as_str(), "VersionNotFound");
    let unknown: AnyCode<Demo> = serde_json::from_str(r#""ADDED_LATER""#).unwrap();
    assert_eq!(unknown, AnyCode::Unknown("ADDED_LATER".into()));
    assert_eq!(serde_json::to_string(&unknown).unwrap(), r#""ADDED_LATER""#);
}

#[test]
fn a_code_is_found_by_its_number() {
    assert_eq!(Demo::from_number(4004), Some(Demo::TenantNotFound));
    assert_eq!(Demo::from_number(-32602), Some(Demo::ValidationError));
    // A number no code has, and the codes without one.
    assert_eq!(Demo::from_number(4001), None);
    assert_eq!(Demo::from_number(0), None);
    assert_eq!(Demo::RateLimited.info().number, None);
}

#[test]
fn every_row_parses_back_to_its_own_code() {
    for (text, code) in Demo::catalog().lookup() {
        assert_eq!(Demo::parse(text), Some(*code));
    }
    let sorted = Demo::catalog()
        .lookup()
        .windows(2)
        .all(|pair| pair[0].0 < pair[1].0);
    assert!(sorted, "the lookup table must be sorted for binary search");
}

#[test]
fn arguments_are_found_by_name() {
    let err = error(Demo::VersionNotFound, vec![3u64.into(), "billing".into()]);
    assert_eq!(err.arg("service"), Some(&errcat::Arg::from("billing")));
    assert_eq!(err.arg("version"), Some(&errcat::Arg::Uint(3)));
    assert_eq!(err.arg("missing"), None);
}

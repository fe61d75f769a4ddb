//! A service's view of the generated mini crate: copied into the temporary
//! crate by `rust_compile.rs` and run there.

use mini_errors::{MiniError, MiniErrorCode, details};

use errcat::{AnyCode, WireShape};

// The status table works in const context.
const NOT_FOUND: u16 = MiniErrorCode::VersionNotFound.http_status();

fn body(error: &MiniError, shape: WireShape) -> serde_json::Value {
    serde_json::from_str(&error.to_json(shape)).unwrap()
}

/// Typed details with an optional member left out and one given.
fn version_details() -> details::VersionNotFound {
    details::VersionNotFound {
        service: "billing".to_owned(),
        latest: None,
        versions: vec![1, 2],
        retention: details::version_not_found::Retention {
            days: 30,
            policy: None,
        },
        conflicts: vec![details::version_not_found::Conflicts {
            version: 2,
            r#type: "pin".to_owned(),
            ratio: 0.5,
            pinned: true,
            delta: -1,
        }],
    }
}

#[test]
fn typed_details_leave_out_what_is_none() {
    let mut typed = version_details();
    typed.latest = Some(4);
    typed.retention.policy = Some("keep-last".to_owned());
    let error = MiniError::version_not_found(3, "billing", typed);
    assert_eq!(
        error.details(),
        Some(&serde_json::json!({
            "service": "billing",
            "latest": 4,
            "versions": [1, 2],
            "retention": { "days": 30, "policy": "keep-last" },
            "conflicts": [{ "version": 2, "type": "pin", "ratio": 0.5, "pinned": true, "delta": -1 }]
        }))
    );
}

#[test]
fn constructor_display_and_every_shape_agree() {
    let error = MiniError::version_not_found(3, "billing", version_details())
        .with_request_id("req_1");
    let message = "version '3' of service 'billing' does not exist";
    assert_eq!(error.to_string(), message);
    assert_eq!(error.code(), MiniErrorCode::VersionNotFound);
    assert_eq!(error.status().as_u16(), NOT_FOUND);
    let details = serde_json::json!({
        "service": "billing",
        "versions": [1, 2],
        "retention": { "days": 30 },
        "conflicts": [{ "version": 2, "type": "pin", "ratio": 0.5, "pinned": true, "delta": -1 }]
    });
    assert_eq!(
        body(&error, WireShape::Flat),
        serde_json::json!({
            "error": message, "code": "VERSION_NOT_FOUND", "details": details,
            "hint": "Use a version that exists."
        })
    );
    assert_eq!(
        body(&error, WireShape::Nested),
        serde_json::json!({"error": {"code": "VERSION_NOT_FOUND", "message": message, "details": details, "request_id": "req_1"}})
    );
    assert_eq!(
        body(&error, WireShape::ErrorCode),
        serde_json::json!({"errorCode": "VERSION_NOT_FOUND", "errorMessage": message})
    );
    assert_eq!(
        body(&error, WireShape::OAuth2),
        serde_json::json!({"error": "VERSION_NOT_FOUND", "error_description": message})
    );
    assert_eq!(
        error.to_json(WireShape::Problem),
        concat!(
            r#"{"type":"https://docs.mini.example/errors#version_not_found","title":"Version not found","#,
            r#""status":404,"detail":"version '3' of service 'billing' does not exist","#,
            r#""instance":"req_1","error_code":"VERSION_NOT_FOUND","details":{"service":"billing","#,
            r#""versions":[1,2],"retention":{"days":30},"conflicts":[{"version":2,"type":"pin","#,
            r#""ratio":0.5,"pinned":true,"delta":-1}]}}"#
        )
    );
}

#[test]
fn a_code_with_its_own_shape_renders_in_it() {
    let error = MiniError::invalid_grant(String::from("code expired"));
    let response = error.to_response();
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.body(),
        r#"{"error":"INVALID_GRANT","error_description":"code expired"}"#
    );
}

#[test]
fn validation_errors_carry_field_errors() {
    let error = MiniError::validation_error()
        .with_field_error("url", "Expected string, received number")
        .with_field_error("event", "Invalid enum value");
    assert_eq!(
        error.to_json(WireShape::Flat),
        concat!(
            r#"{"error":"Validation failed","code":"VALIDATION_ERROR","details":{"url":["Expected string, received number"],"#,
            r#""event":["Invalid enum value"]},"hint":"Check body.details for field-level errors."}"#
        )
    );
}

#[test]
fn rate_limits_set_headers() {
    // The catalog's header values, the limit from the constructor.
    let response = MiniError::rate_limited(250).to_response();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "60");
    assert_eq!(response.headers()["ratelimit-limit"], "250");
    assert_eq!(response.headers()["ratelimit-remaining"], "0");
    let problem = MiniError::mfa_required().render(WireShape::Problem);
    assert_eq!(problem.headers()["content-type"], "application/problem+json");
    assert!(problem.body().ends_with(
        r#""resolve":{"message":"Enter your one-time code.","url":"https://app.mini.example/login/mfa","action":"enter_totp","method":"POST","endpoint":"/v1/auth/mfa"}}"#
    ));
}

#[test]
fn server_errors_keep_their_source_on_the_server() {
    let error = MiniError::internal_error()
        .with_request_id("req_9")
        .with_source("disk /dev/sda1 full");
    assert!(!error.to_json(WireShape::Flat).contains("sda1"));
    assert!(error.log_line().contains("req_9"));
    assert!(error.log_line().contains("disk /dev/sda1 full"));
    assert!(std::error::Error::source(&error).is_some());
}

#[test]
#[allow(deprecated)]
fn deprecated_constructors_still_work() {
    let error = MiniError::old_not_found("r1", true, 0.5, -2);
    assert_eq!(
        error.to_string(),
        "Resource r1 does not exist (strict: true, score 0.5, delta -2)"
    );
    assert!(error.info().deprecated);
    assert_eq!(error.info().replacement, Some("VERSION_NOT_FOUND"));
}

#[test]
fn codes_parse_from_codes_and_aliases_and_unknown_codes_survive() {
    assert_eq!("RATE_LIMITED".parse(), Ok(MiniErrorCode::RateLimited));
    assert_eq!(
        "ROLLBACK_TARGET_MISSING".parse(),
        Ok(MiniErrorCode::VersionNotFound)
    );
    assert_eq!("LEGACY_GONE".parse(), Ok(MiniErrorCode::LegacyGone));
    assert!("NOT_A_CODE".parse::<MiniErrorCode>().is_err());
    let added_later: AnyCode<MiniErrorCode> = "ADDED_LATER".parse().unwrap();
    assert_eq!(added_later.as_str(), "ADDED_LATER");
    assert_eq!(added_later.known(), None);
    for code in MiniErrorCode::ALL {
        assert_eq!(code.as_str().parse(), Ok(code));
        assert_eq!(code.to_string(), code.as_str());
        assert_eq!(code.status().as_u16(), code.http_status());
    }
    assert_eq!(format!("{:?}", MiniErrorCode::RateLimited), "RATE_LIMITED");
    assert_eq!(MiniErrorCode::AuthRequired.grpc_code().as_str(), "UNAUTHENTICATED");
    assert_eq!(MiniErrorCode::InternalError.retryable(), true);
    assert_eq!(MiniErrorCode::MfaRequired.title(), "Second factor required");
    assert_eq!(MiniErrorCode::RateLimited.category(), "limits");
}

#[test]
fn errors_convert_into_axum_responses() {
    use errcat::axum::IntoResponse;
    let response = MiniError::auth_required().into_response();
    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["content-type"], "application/json");
}

#[test]
fn codes_serialize_as_their_wire_string() {
    let json = serde_json::to_string(&MiniErrorCode::VersionNotFound).unwrap();
    assert_eq!(json, r#""VERSION_NOT_FOUND""#);
    let alias: MiniErrorCode = serde_json::from_str(r#""ROLLBACK_TARGET_MISSING""#).unwrap();
    assert_eq!(alias, MiniErrorCode::VersionNotFound);
    let unknown = serde_json::from_str::<MiniErrorCode>(r#""ADDED_LATER""#).unwrap_err();
    assert!(unknown.to_string().contains("unknown error code `ADDED_LATER`"), "{unknown}");
}

//! `errcat::client`: every body the runtime renders reads back as its
//! error, and the bodies SDKs get wrong (unknown codes, aliases, missing
//! optional members, a proxy's page, problem details without a code) read
//! as what they are.

mod support;

use std::time::{Duration, SystemTime};

use errcat::client::{Received, retry_after};
use errcat::{AnyCode, ErrorCode, WireShape};
use serde_json::{Value, json};
use support::{Demo, error};

fn parse(body: &Value, status: Option<u16>) -> Received<Demo> {
    Received::parse(body.to_string().as_bytes(), status)
}

fn args(code: Demo) -> Vec<errcat::Arg> {
    code.info()
        .params
        .iter()
        .map(|p| match p.ty {
            errcat::ParamType::String => errcat::Arg::from("x"),
            _ => errcat::Arg::Uint(7),
        })
        .collect()
}

#[test]
fn every_code_in_every_shape_reads_back_as_itself() {
    let codes = [
        Demo::TenantNotFound,
        Demo::ValidationError,
        Demo::WorkspaceSlugTaken,
        Demo::InvalidGrant,
        Demo::VersionNotFound,
        Demo::NoActivePlan,
        Demo::RateLimited,
        Demo::InternalError,
    ];
    for code in codes {
        for &shape in Demo::catalog().shapes {
            let sent = error(code, args(code))
                .with_request_id("req_1")
                .with_field_error("name", "Too long");
            let body = sent.to_json(shape);
            let back = Received::<Demo>::parse(body.as_bytes(), Some(sent.info().status));
            let what = format!("{} as {}: {body}", code.info().code, shape.as_str());
            assert_eq!(back.code, Some(AnyCode::Known(code)), "{what}");
            assert_eq!(back.known(), Some(code), "{what}");
            assert_eq!(back.shape, Some(shape), "{what}");
            assert_eq!(back.status, Some(sent.info().status), "{what}");
            assert_eq!(back.message, sent.message(), "{what}");
            let carries_id = matches!(shape, WireShape::Nested | WireShape::Problem);
            assert_eq!(
                back.request_id.as_deref(),
                carries_id.then_some("req_1"),
                "{what}"
            );
            if shape == WireShape::Problem {
                assert_eq!(back.problem_type.as_deref(), Some(sent.info().docs_url));
            }
        }
    }
}

#[test]
fn an_alias_reads_as_its_code_and_keeps_the_wire_string() {
    let back = parse(
        &json!({"errorCode": "ROLLBACK_TARGET_MISSING", "errorMessage": "gone"}),
        Some(404),
    );
    assert_eq!(back.known(), Some(Demo::VersionNotFound));
    assert_eq!(back.wire_code.as_deref(), Some("ROLLBACK_TARGET_MISSING"));
    assert_eq!(back.shape, Some(WireShape::ErrorCode));
}

#[test]
fn a_code_added_after_this_build_is_kept_as_received() {
    let back = parse(
        &json!({"error": "Quota frozen", "code": "QUOTA_FROZEN", "details": null, "request_id": "req_2"}),
        Some(409),
    );
    assert_eq!(back.code, Some(AnyCode::Unknown("QUOTA_FROZEN".into())));
    assert_eq!(back.message, "Quota frozen");
    // A member the shape has no place for is still read at the top.
    assert_eq!(back.request_id.as_deref(), Some("req_2"));
}

#[test]
fn a_body_without_its_optional_members_reads_with_defaults() {
    let back = parse(
        &json!({"error": "", "code": "ROLLBACK_TARGET_MISSING"}),
        None,
    );
    assert_eq!(back.known(), Some(Demo::VersionNotFound));
    // An empty message falls back to the code's title, not the wire string.
    assert_eq!(back.message, "VersionNotFound");
    assert_eq!(back.details, Value::Null);
    assert_eq!(back.hint, None);
    assert_eq!(back.status, None);
}

#[test]
fn problem_details_without_a_code_are_still_problem_details() {
    let back = parse(
        &json!({
            "type": "https://example.com/probs/out-of-credit",
            "title": "You do not have enough credit.",
            "status": 403,
            "instance": "/account/12345/msgs/abc",
        }),
        None,
    );
    assert_eq!(back.shape, Some(WireShape::Problem));
    assert_eq!(back.code, None);
    assert_eq!(back.status, Some(403));
    assert_eq!(back.message, "You do not have enough credit.");
    assert_eq!(
        back.problem_type.as_deref(),
        Some("https://example.com/probs/out-of-credit")
    );
    assert_eq!(back.request_id.as_deref(), Some("/account/12345/msgs/abc"));
}

#[test]
fn json_reads_as_a_browser_reads_it() {
    let with_bom = "\u{feff}{\"error\":\"x\",\"code\":\"TENANT_NOT_FOUND\"}";
    let back = Received::<Demo>::parse(with_bom.as_bytes(), None);
    assert_eq!(back.known(), Some(Demo::TenantNotFound));
    // A server that cut an emoji in half sends half a surrogate pair.
    let cut =
        r#"{"error":"ok \ud83d","code":"TENANT_NOT_FOUND","hint":"\ud83d\ude00 \\ud800 \udc00"}"#;
    let back = Received::<Demo>::parse(cut.as_bytes(), None);
    assert_eq!(back.known(), Some(Demo::TenantNotFound));
    assert_eq!(back.message, "ok \u{fffd}");
    assert_eq!(back.hint.as_deref(), Some("\u{1f600} \\ud800 \u{fffd}"));
    let status = parse(&json!({"error_code": "X", "status": 503.0}), None);
    assert_eq!(status.status, Some(503));
    assert_eq!(status.message, "X");
    let fraction = parse(&json!({"error_code": "X", "status": 503.5}), None);
    assert_eq!(fraction.status, None);
}

#[test]
fn a_proxys_page_is_an_error_with_no_code() {
    let page = b"<html><body><h1>502 Bad Gateway</h1></body></html>";
    let back = Received::<Demo>::parse(page, Some(502));
    assert_eq!(back.code, None);
    assert_eq!(back.shape, None);
    assert_eq!(back.message, "HTTP 502");
    assert_eq!(
        back.body,
        Value::String(String::from_utf8_lossy(page).into_owned())
    );
    let nothing = Received::<Demo>::parse(b"", None);
    assert_eq!(nothing.message, "Unrecognized error response");
}

#[test]
fn retry_after_is_seconds_or_an_http_date() {
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480); // Wed, 21 Oct 2015 07:28:00 GMT
    let with = |value: &str| {
        let mut headers = errcat::http::HeaderMap::new();
        headers.insert("retry-after", value.parse().unwrap());
        retry_after(&headers, now)
    };
    assert_eq!(with("120"), Some(Duration::from_secs(120)));
    assert_eq!(
        with("Wed, 21 Oct 2015 07:30:00 GMT"),
        Some(Duration::from_secs(120))
    );
    assert_eq!(with("Wed, 21 Oct 2015 07:00:00 GMT"), Some(Duration::ZERO));
    assert_eq!(with("soon"), None);
    assert_eq!(with("-5"), None);
    assert_eq!(retry_after(&errcat::http::HeaderMap::new(), now), None);
    // RFC 9110: a delta too large to represent is 2^31 seconds.
    assert_eq!(
        with("184467440737095516160"),
        Some(Duration::from_secs(1 << 31))
    );
    // An RFC 850 year is the latest with its digits at most 50 years after
    // now's: in 2026, 75 is 2075, not the 1975 httpdate reads alone.
    let in_2026 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600);
    let mut rfc850 = errcat::http::HeaderMap::new();
    rfc850.insert(
        "retry-after",
        "Tuesday, 01-Jan-75 00:00:00 GMT".parse().unwrap(),
    );
    assert_eq!(
        retry_after(&rfc850, in_2026),
        Some(Duration::from_secs(17_897 * 86_400))
    );
    assert_eq!(
        with("Tuesday, 20-Oct-15 07:28:00 GMT"),
        Some(Duration::ZERO)
    );
    let mut twice = errcat::http::HeaderMap::new();
    twice.append("retry-after", "120".parse().unwrap());
    twice.append("retry-after", "120".parse().unwrap());
    assert_eq!(retry_after(&twice, now), None, "sent twice: no valid value");
}

/// A declared shape renders and reads back through its description alone:
/// the constants, the error as the only element of a list, and the request
/// id from the header the shape carries it in.
#[test]
fn a_declared_shape_renders_and_reads_back() {
    let sent = error(Demo::TenantNotFound, Vec::new())
        .with_request_id("8d3c2f1ab2c9a1e0-LHR")
        .with_shape(support::CLOUDFLARE);
    let response = sent.to_response();
    assert_eq!(
        response.body(),
        r#"{"success":false,"errors":[{"code":"TENANT_NOT_FOUND","message":"Tenant not found"}],"messages":[]}"#
    );
    assert_eq!(response.headers()["cf-ray"], "8d3c2f1ab2c9a1e0-LHR");
    let back = Received::<Demo>::from_response(&response);
    assert_eq!(back.known(), Some(Demo::TenantNotFound));
    assert_eq!(back.shape, Some(support::CLOUDFLARE));
    assert_eq!(back.message, "Tenant not found");
    assert_eq!(back.request_id.as_deref(), Some("8d3c2f1ab2c9a1e0-LHR"));
}

/// A shape of numbered codes sends a code's number and is read back by it;
/// a number the client does not know is kept, and a code sent as text is
/// still the code.
#[test]
fn a_code_sent_as_its_number_is_read_back_by_it() {
    let sent = error(Demo::TenantNotFound, Vec::new()).with_shape(support::TWILIO);
    let body = sent.to_json(support::TWILIO);
    assert_eq!(
        body,
        r#"{"code":4004,"message":"Tenant not found","status":404}"#
    );
    let back = Received::<Demo>::parse(body.as_bytes(), Some(404));
    assert_eq!(back.known(), Some(Demo::TenantNotFound));
    assert_eq!(back.shape, Some(support::TWILIO));
    assert_eq!(back.wire_code.as_deref(), Some("4004"));

    let unknown = parse(
        &json!({"code": 20404, "message": "Not found", "status": 404}),
        None,
    );
    assert_eq!(unknown.code, Some(AnyCode::Unknown("20404".into())));
    let text = parse(
        &json!({"code": "TENANT_NOT_FOUND", "message": "Not found", "status": 404}),
        None,
    );
    assert_eq!(text.known(), Some(Demo::TenantNotFound));

    // A code without a number goes as its string.
    let unnumbered = error(Demo::RateLimited, Vec::new()).to_json(support::TWILIO);
    assert!(
        unnumbered.starts_with(r#"{"code":"RATE_LIMITED","#),
        "{unnumbered}"
    );
}

/// AIP-193: the code is the `reason` of the `ErrorInfo` detail, found by
/// its `@type` wherever it is among the details; a `nested` body, an
/// `error` object too, is not mistaken for one.
#[test]
fn an_aip_193_code_is_the_reason_of_its_error_info() {
    let sent = error(
        Demo::VersionNotFound,
        vec![errcat::Arg::Uint(7), "x".into()],
    )
    .to_json(WireShape::Aip193);
    assert_eq!(
        sent,
        concat!(
            r#"{"error":{"code":404,"message":"version '7' of service 'x' does not exist","status":"NOT_FOUND","#,
            r#""details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"VersionNotFound","#,
            // The arguments, sorted by name and as text, as gRPC's
            // `ErrorInfo.metadata` has them.
            r#""domain":"demo","metadata":{"service":"x","version":"7"}}]}}"#
        )
    );
    let google = json!({"error": {
        "code": 404,
        "message": "Tenant not found",
        "status": "NOT_FOUND",
        "details": [
            {"@type": "type.googleapis.com/google.rpc.Help", "links": []},
            {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "TENANT_NOT_FOUND",
             "domain": "demo", "metadata": {"tenant": "t1"}},
        ],
    }});
    let back = parse(&google, None);
    assert_eq!(back.shape, Some(WireShape::Aip193));
    assert_eq!(back.known(), Some(Demo::TenantNotFound));
    assert_eq!(back.status, Some(404));
    assert_eq!(back.message, "Tenant not found");

    let nested = parse(
        &json!({"error": {"code": "TENANT_NOT_FOUND", "message": "Tenant not found"}}),
        None,
    );
    assert_eq!(nested.shape, Some(WireShape::Nested));
    assert_eq!(nested.known(), Some(Demo::TenantNotFound));
}

/// AWS servers qualify the code (`namespace#Name`) or follow it with a URL
/// (`Name:http://...`), and restJson1 bodies may carry no `__type` at all:
/// the header alone names the code then.
#[test]
fn an_aws_code_is_read_from_its_header_and_unqualified() {
    let response = |header: &str, body: &str| {
        http::Response::builder()
            .status(404)
            .header("x-amzn-errortype", header)
            .body(body.to_owned())
            .unwrap()
    };
    let only_message = Received::<Demo>::from_response(&response(
        "TENANT_NOT_FOUND:http://internal.amazon.com/coral/com.amazon.coral.validate/",
        r#"{"message":"Tenant not found"}"#,
    ));
    assert_eq!(only_message.known(), Some(Demo::TenantNotFound));
    assert_eq!(only_message.shape, Some(WireShape::AwsJson));
    assert_eq!(only_message.message, "Tenant not found");
    assert_eq!(
        only_message.wire_code.as_deref(),
        Some("TENANT_NOT_FOUND:http://internal.amazon.com/coral/com.amazon.coral.validate/")
    );

    let qualified = Received::<Demo>::from_response(&response(
        "ignored",
        r#"{"__type":"com.example.fold#RATE_LIMITED","message":"slow down"}"#,
    ));
    assert_eq!(qualified.known(), Some(Demo::RateLimited));
    assert_eq!(qualified.message, "slow down");

    // Without the header, a body of no shape is no AWS error.
    let plain = Received::<Demo>::parse(br#"{"message":"Tenant not found"}"#, Some(404));
    assert_eq!(plain.shape, None);
    assert_eq!(plain.code, None);
}

//! The Rust client (`errcat::client`) against the conformance kit of every
//! catalog the service serves (`<out>/conformance/cases.json`, written by
//! `gen`): each golden response, read with its status and headers, must
//! give exactly the expected reading. Every case that fails is reported,
//! not only the first.

use std::path::Path;
use std::time::{Duration, SystemTime};

use errcat::client::{Received, retry_after};
use errcat::http::{HeaderMap, HeaderName, HeaderValue};
use errcat::{AnyCode, ErrorCode};
use serde_json::{Map, Value, json};

// ANCHOR: reading
/// What `errcat::client` makes of one case's response, in the kit's names.
fn reading<C: ErrorCode>(response: &Value, now: SystemTime) -> Value {
    let status = u16::try_from(response["status"].as_u64().expect("a status")).expect("a status");
    let mut headers = HeaderMap::new();
    for pair in response["headers"].as_array().expect("headers") {
        let name = HeaderName::try_from(pair[0].as_str().expect("a name")).expect("a header name");
        let value =
            HeaderValue::try_from(pair[1].as_str().expect("a value")).expect("a header value");
        headers.append(name, value);
    }
    let body = response["body"].as_str().expect("a body");
    let received = Received::<C>::parse_with_headers(body.as_bytes(), Some(status), &headers);
    let resolve = received.resolve.map(|members| {
        members
            .into_iter()
            .map(|(name, value)| (name.to_owned(), Value::from(value)))
            .collect::<Map<_, _>>()
    });
    json!({
        "known": matches!(received.code, Some(AnyCode::Known(_))),
        "code": received.code.as_ref().map(AnyCode::as_str),
        "wireCode": received.wire_code,
        "status": received.status,
        "shape": received.shape.map(errcat::WireShape::as_str),
        "message": received.message,
        "hint": received.hint,
        "details": received.details,
        "requestId": received.request_id,
        "resolve": resolve,
        "type": received.problem_type,
        "instance": received.instance,
        "retryAfterSeconds": retry_after(&headers, now).map(|wait| wait.as_secs()),
    })
}
// ANCHOR_END: reading

fn run_kit<C: ErrorCode>(out: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(out)
        .join("conformance/cases.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; `cargo xtask gen` writes it", path.display()));
    let kit: Value = serde_json::from_str(&text).expect("the kit is JSON");
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(kit["now"].as_u64().expect("now"));
    let cases = kit["cases"].as_array().expect("cases");
    assert!(
        cases.len() > 40,
        "{}: only {} cases",
        path.display(),
        cases.len()
    );
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let got = reading::<C>(&case["response"], now);
            (got != case["expect"]).then(|| {
                format!(
                    "{}:\n  expected {}\n  got      {got}",
                    case["name"], case["expect"]
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{}: {} of {} cases read wrong:\n{}",
        path.display(),
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn the_rust_client_reads_the_fold_kit() {
    run_kit::<fold_errors::FoldErrorCode>("generated");
}

#[test]
fn the_rust_client_reads_the_billing_kit() {
    run_kit::<billing_errors::BillingErrorCode>("examples/billing/generated");
}

#[test]
fn the_rust_client_reads_the_function_compute_kit() {
    run_kit::<function_compute_errors::FunctionComputeErrorCode>(
        "examples/function-compute/generated",
    );
}

#[test]
fn the_rust_client_reads_the_workspaces_kit() {
    run_kit::<workspaces_errors::WorkspacesErrorCode>("examples/workspaces/generated");
}

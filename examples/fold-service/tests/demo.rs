//! `/demo/{catalog}/{code}` renders every wire shape the runtime writes, as
//! the TypeScript client's tests see them.

mod support;

use serde_json::json;
use support::{Method, Service};

#[tokio::test]
async fn every_wire_shape() {
    let service = Service::start(&[]);

    let flat = service.get("/demo/fold/INTERNAL_ERROR", None).await;
    let body = flat.expect(500, "INTERNAL_ERROR");
    assert_eq!(body["error"], "Internal server error");

    let flat = service.get("/demo/fold/VALIDATION_ERROR", None).await;
    let body = flat.expect(400, "VALIDATION_ERROR");
    assert_eq!(
        body["details"],
        json!({ "name": ["Expected string, received number"] })
    );

    let limited = service.get("/demo/fold/RATE_LIMITED", None).await;
    let body = limited.expect(429, "RATE_LIMITED");
    assert_eq!(
        body["error"],
        "Too many requests: the limit is 42 requests per minute"
    );
    // The window's headers carry the example values, as the docs show.
    assert_eq!(limited.header("retry-after"), "42");
    assert_eq!(limited.header("ratelimit-limit"), "42");
    assert_eq!(limited.header("ratelimit-remaining"), "42");

    let nested = service
        .get("/demo/workspaces/forbidden_by_scope", None)
        .await;
    assert_eq!(nested.status.as_u16(), 403);
    assert_eq!(nested.body["error"]["code"], "forbidden_by_scope");
    assert_eq!(nested.body["error"]["request_id"], "req_xyz123");
    assert!(
        nested.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("<scope>")
    );

    let oauth2 = service.get("/demo/workspaces/invalid_grant", None).await;
    assert_eq!(oauth2.status.as_u16(), 400);
    assert_eq!(
        oauth2.body,
        json!({
            "error": "invalid_grant",
            "error_description": "The authorization code is invalid: <reason>",
        })
    );

    let error_code = service
        .get("/demo/function-compute/EntityTooLarge", None)
        .await;
    assert_eq!(error_code.status.as_u16(), 400);
    assert_eq!(
        error_code.body,
        json!({
            "errorCode": "EntityTooLarge",
            "errorMessage": "payload size exceeds maximum allowed size (42 bytes)",
        })
    );

    let problem = service.get("/demo/billing/token_expired", None).await;
    assert_eq!(problem.status.as_u16(), 410);
    assert_eq!(problem.header("content-type"), "application/problem+json");
    assert_eq!(problem.body["error_code"], "token_expired");
    assert_eq!(problem.body["status"], 410);
    assert_eq!(problem.body["instance"], "req_xyz123");
    assert_eq!(problem.body["resolve"]["action"], "request_password_reset");
}

/// A catalog not sent over HTTP, served over HTTP all the same: a SQLSTATE
/// goes out with the status PostgREST documents for it, else with its gRPC
/// code's, and the generated table keeps each code's severity.
#[tokio::test]
async fn sqlstates_go_out_with_their_statuses_and_keep_their_severities() {
    use postgres_errors::PostgresErrorCode;

    let service = Service::start(&[]);
    let body = service.get("/demo/postgres/42P01", None).await;
    let body = body.expect(404, "42P01");
    assert_eq!(body["error"], "relation \"<relation>\" does not exist");
    // ALREADY_EXISTS, and no status of its own.
    service
        .get("/demo/postgres/42P07", None)
        .await
        .expect(409, "42P07");
    // UNKNOWN: a warning has no gRPC code but the default.
    service
        .get("/demo/postgres/01004", None)
        .await
        .expect(500, "01004");

    let severity = |code: PostgresErrorCode| code.info().severity;
    assert_eq!(
        severity(PostgresErrorCode::StringDataRightTruncation),
        errcat::Severity::Warning
    );
    assert_eq!(
        severity(PostgresErrorCode::SuccessfulCompletion),
        errcat::Severity::Notice
    );
    assert_eq!(
        severity(PostgresErrorCode::UndefinedTable),
        errcat::Severity::Error
    );
    assert_eq!(PostgresErrorCode::UndefinedTable.as_str(), "42P01");
}

#[tokio::test]
async fn problem_json_for_any_shape_and_not_found_for_unknown_codes() {
    let service = Service::start(&[]);
    let reply = service
        .send(
            Method::GET,
            "/demo/function-compute/EntityTooLarge",
            None,
            None,
            &[("accept", "application/problem+json")],
        )
        .await;
    assert_eq!(reply.header("content-type"), "application/problem+json");
    assert_eq!(reply.body["error_code"], "EntityTooLarge");
    assert_eq!(reply.body["title"], "Payload too large");

    service
        .get("/demo/fold/NO_SUCH_CODE", None)
        .await
        .expect(404, "NOT_FOUND");
    service
        .get("/demo/nope/NOT_FOUND", None)
        .await
        .expect(404, "NOT_FOUND");
}

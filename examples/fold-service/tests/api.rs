//! The API over real HTTP: one code of every category of the fold catalog,
//! as the derived service errors render them, plus the happy path.

mod support;

use serde_json::{Value, json};
use support::{Method, Service};

const ADMIN: &str = "fold_admin_acme";
const VIEWER: &str = "fold_viewer_acme";
const FREE_ADMIN: &str = "fold_admin_globex";

fn hello(name: &str) -> Value {
    json!({ "name": name, "code": "export default () => 'hi'" })
}

#[tokio::test]
async fn authentication_codes() {
    let service = Service::start(&[]);

    let reply = service.get("/v1/functions", None).await;
    let body = reply.expect(401, "AUTH_REQUIRED");
    assert_eq!(body["error"], "No authentication token provided");
    assert_eq!(body["details"], Value::Null);

    let reply = service.get("/v1/functions", Some("not-a-token")).await;
    reply.expect(401, "AUTH_INVALID");
    // Not even a bearer token.
    let reply = service
        .send(
            Method::GET,
            "/v1/functions",
            None,
            None,
            &[("authorization", "Basic YTpi")],
        )
        .await;
    reply.expect(401, "AUTH_INVALID");

    let reply = service.post("/v1/functions", VIEWER, hello("api")).await;
    assert_eq!(
        reply.expect(403, "FORBIDDEN")["error"],
        "Insufficient permissions"
    );
}

#[tokio::test]
async fn functions_deploy_and_roll_back() {
    let service = Service::start(&[]);
    let reply = service.post("/v1/functions", ADMIN, hello("api")).await;
    assert_eq!(reply.status.as_u16(), 201, "{}", reply.text);
    assert_eq!(reply.body["id"], "fn_1");
    assert_eq!(reply.header("ratelimit-limit"), "100");
    assert_eq!(reply.header("ratelimit-remaining"), "99");

    let code = json!({ "code": "export default () => 'v2'" });
    let reply = service
        .post("/v1/functions/fn_1/deploys", ADMIN, code)
        .await;
    assert_eq!(reply.body["active_version"], 2, "{}", reply.text);

    let reply = service
        .post(
            "/v1/functions/fn_1/rollback",
            ADMIN,
            json!({ "version": 1 }),
        )
        .await;
    assert_eq!(reply.body["active_version"], 1, "{}", reply.text);

    let reply = service.get("/v1/functions", Some(VIEWER)).await;
    assert_eq!(reply.body[0]["name"], "api", "{}", reply.text);
}

#[tokio::test]
async fn resource_codes() {
    let service = Service::start(&[]);
    let reply = service.get("/v1/functions/fn_404", Some(ADMIN)).await;
    let body = reply.expect(404, "FUNCTION_NOT_FOUND");
    assert_eq!(body["error"], "Function 'fn_404' not found");

    service.post("/v1/functions", ADMIN, hello("api")).await;
    let reply = service
        .post(
            "/v1/functions/fn_1/rollback",
            ADMIN,
            json!({ "version": 7 }),
        )
        .await;
    let body = reply.expect(404, "VERSION_NOT_FOUND");
    assert_eq!(body["error"], "Version 7 of function 'fn_1' not found");

    let mut with_binding = hello("worker");
    with_binding["bindings"] = json!(["kv:sessions"]);
    let reply = service.post("/v1/functions", ADMIN, with_binding).await;
    reply.expect(404, "BINDING_NOT_FOUND");

    let reply = service.post("/v1/functions", ADMIN, hello("api")).await;
    reply.expect(409, "CONFLICT");

    let reply = service.get("/no/such/route", None).await;
    reply.expect(404, "NOT_FOUND");
}

#[tokio::test]
async fn validation_codes_carry_details() {
    let service = Service::start(&[]);
    let reply = service
        .post("/v1/functions", ADMIN, hello("Bad_Name"))
        .await;
    let body = reply.expect(400, "VALIDATION_ERROR");
    assert_eq!(
        body["details"],
        json!({ "name": [
            "Must start with a lowercase letter",
            "May contain only lowercase letters, digits and `-`",
        ]})
    );

    let reply = service
        .post("/v1/functions", ADMIN, json!({ "name": 7 }))
        .await;
    let body = reply.expect(400, "VALIDATION_ERROR");
    assert!(body["details"]["body"][0].is_string(), "{}", reply.text);

    let no_export = json!({ "name": "api", "code": "console.log(1)" });
    let reply = service.post("/v1/functions", ADMIN, no_export).await;
    let body = reply.expect(400, "CODE_INVALID");
    assert_eq!(
        body["details"],
        json!({ "problem": "The script has no default export" })
    );

    let reply = service
        .post("/v1/bindings", FREE_ADMIN, json!({ "name": "queue:jobs" }))
        .await;
    let body = reply.expect(400, "BINDING_NOT_ALLOWED");
    assert_eq!(
        body["error"],
        "Binding 'queue:jobs' is not allowed for this organization"
    );
}

#[tokio::test]
async fn limit_codes() {
    let service = Service::start(&[]);
    let domain = json!({ "domain": "api.example.com" });
    let reply = service
        .post("/v1/domains", FREE_ADMIN, domain.clone())
        .await;
    let body = reply.expect(403, "PRO_PLAN_REQUIRED");
    assert_eq!(body["error"], "Custom domains requires a Pro plan");

    let reply = service.post("/v1/domains", ADMIN, domain.clone()).await;
    assert_eq!(reply.status.as_u16(), 201, "{}", reply.text);
    let reply = service.post("/v1/domains", ADMIN, domain).await;
    reply.expect(409, "CUSTOM_DOMAIN_ALREADY_EXISTS");
}

#[tokio::test]
async fn a_server_error_never_shows_its_source() {
    let service = Service::start(&[]);
    service.post("/v1/functions", ADMIN, hello("api")).await;
    let huge = format!("export default () => '{}'", "x".repeat(70_000));
    let reply = service
        .post("/v1/functions/fn_1/deploys", ADMIN, json!({ "code": huge }))
        .await;
    let body = reply.expect(500, "DEPLOY_FAILED");
    assert_eq!(body["error"], "Deploy failed");
    assert_eq!(body["hint"], "Retry; check platform status.");
    for secret in ["10.20.0.7", "edge storage", "scripts/fn_1", "65536"] {
        assert!(
            !reply.text.contains(secret),
            "leaks {secret}: {}",
            reply.text
        );
    }
    // The server's log has the cause the client was not told.
    let line = service
        .log_line_with(&["DEPLOY_FAILED", "10.20.0.7"])
        .unwrap_or_else(|log| panic!("no log line of the 500 and its cause in:\n{log}"));
    assert!(line.contains("ERROR"), "{line}");
    assert!(line.contains("status=500"), "{line}");

    let reply = service
        .send(
            Method::POST,
            "/v1/functions/fn_1/deploys",
            Some(ADMIN),
            Some(json!({ "code": format!("export default () => '{}'", "y".repeat(70_000)) })),
            &[("accept", "application/problem+json")],
        )
        .await;
    assert_eq!(reply.header("content-type"), "application/problem+json");
    assert_eq!(reply.body["error_code"], "DEPLOY_FAILED");
    assert!(!reply.text.contains("10.20.0.7"), "{}", reply.text);
}

#[tokio::test]
async fn problem_json_on_request() {
    let service = Service::start(&[]);
    let reply = service
        .send(
            Method::GET,
            "/v1/functions/fn_9",
            Some(ADMIN),
            None,
            &[("accept", "application/problem+json")],
        )
        .await;
    assert_eq!(reply.status.as_u16(), 404);
    assert_eq!(reply.header("content-type"), "application/problem+json");
    assert_eq!(reply.body["status"], 404);
    assert_eq!(reply.body["error_code"], "FUNCTION_NOT_FOUND");
    assert_eq!(reply.body["detail"], "Function 'fn_9' not found");
    assert_eq!(
        reply.body["type"],
        "https://docs.fold.run/errors#function_not_found"
    );
    // The rate-limit headers survive the re-rendering.
    assert_eq!(reply.header("ratelimit-remaining"), "99");
    assert_eq!(reply.header("vary"), "accept");

    // RFC 9110 weights: JSON preferred over problem+json keeps the flat
    // body, in whichever order the client lists them.
    let reply = service
        .send(
            Method::GET,
            "/v1/functions/fn_9",
            Some(ADMIN),
            None,
            &[("accept", "application/problem+json;q=0.5, application/json")],
        )
        .await;
    assert_eq!(reply.header("content-type"), "application/json");
    assert_eq!(reply.body["code"], "FUNCTION_NOT_FOUND");
    assert_eq!(reply.header("vary"), "accept");
}

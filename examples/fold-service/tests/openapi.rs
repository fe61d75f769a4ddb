//! `GET /openapi.json` over real HTTP: the service's own OpenAPI document,
//! valid to the reference validator, each operation listing exactly the
//! codes of its handler's enum and of authentication and the rate limit,
//! each under the status the catalog gives it. (The codes the `Rejections`
//! layer answers with are in no enum and not listed.)

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use errcat::ErrorCode;
use fold_errors::FoldErrorCode;
use serde_json::Value;
use support::Service;

/// What authentication and the rate limit answer before any handler runs.
const GUARDS: [&str; 3] = ["AUTH_REQUIRED", "AUTH_INVALID", "RATE_LIMITED"];

/// Every code of the service's `ApiError`.
const API_ERROR: [&str; 12] = [
    "FORBIDDEN",
    "NOT_FOUND",
    "FUNCTION_NOT_FOUND",
    "VERSION_NOT_FOUND",
    "BINDING_NOT_FOUND",
    "BINDING_NOT_ALLOWED",
    "CONFLICT",
    "VALIDATION_ERROR",
    "CODE_INVALID",
    "PRO_PLAN_REQUIRED",
    "CUSTOM_DOMAIN_ALREADY_EXISTS",
    "DEPLOY_FAILED",
];

async fn document() -> Value {
    let service = Service::start(&[]);
    let reply = service.get("/openapi.json", None).await;
    assert_eq!(reply.status.as_u16(), 200, "{}", reply.text);
    assert_eq!(reply.header("content-type"), "application/json");
    reply.body
}

/// Runs openapi-spec-validator (what `cargo xtask test` installs), or says
/// it skipped when the validator is missing and the tools are not required.
fn validate(document: &Value) {
    let found = Command::new("python3")
        .args(["-c", "import openapi_spec_validator"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        assert!(
            std::env::var_os("ERRCAT_REQUIRE_TOOLS").is_none(),
            "openapi-spec-validator is missing; `cargo xtask test` installs it"
        );
        eprintln!("skipped: openapi-spec-validator is not installed");
        return;
    }
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("fold-service.openapi.json");
    std::fs::write(&path, serde_json::to_vec_pretty(document).unwrap()).unwrap();
    let out = Command::new("python3")
        .args(["-m", "openapi_spec_validator"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The codes an operation documents, by status, read from its examples.
fn codes_of(operation: &Value) -> BTreeMap<u16, BTreeSet<String>> {
    let mut out: BTreeMap<u16, BTreeSet<String>> = BTreeMap::new();
    for (status, response) in operation["responses"].as_object().unwrap() {
        let status: u16 = status.parse().unwrap();
        if status < 400 {
            continue;
        }
        for content in response["content"].as_object().unwrap().values() {
            let codes = content["examples"].as_object().unwrap().keys().cloned();
            out.entry(status).or_default().extend(codes);
        }
    }
    out
}

/// `codes` by the status the catalog gives each.
fn by_catalog_status(codes: &[&str]) -> BTreeMap<u16, BTreeSet<String>> {
    let mut out: BTreeMap<u16, BTreeSet<String>> = BTreeMap::new();
    for code in codes {
        let parsed = FoldErrorCode::parse(code).unwrap_or_else(|| panic!("{code} is a fold code"));
        out.entry(parsed.info().status)
            .or_default()
            .insert((*code).to_owned());
    }
    out
}

#[tokio::test]
async fn every_operation_lists_exactly_the_codes_it_can_answer_with() {
    let document = document().await;
    validate(&document);

    let reads: Vec<&str> = GUARDS.to_vec();
    let mut lookup = GUARDS.to_vec();
    lookup.push("FUNCTION_NOT_FOUND");
    let mut writes: Vec<&str> = GUARDS.to_vec();
    writes.extend(API_ERROR);
    let expected = [
        ("/v1/functions", "get", &reads),
        ("/v1/functions/{id}", "get", &lookup),
        ("/v1/functions", "post", &writes),
        ("/v1/functions/{id}/deploys", "post", &writes),
        ("/v1/functions/{id}/rollback", "post", &writes),
        ("/v1/bindings", "get", &reads),
        ("/v1/bindings", "post", &writes),
        ("/v1/domains", "post", &writes),
    ];
    let paths = document["paths"].as_object().unwrap();
    let operations: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(operations, expected.len(), "{:#}", document["paths"]);
    for (path, method, codes) in expected {
        let operation = &document["paths"][path][method];
        assert_eq!(
            codes_of(operation),
            by_catalog_status(codes),
            "{method} {path}"
        );
    }
}

#[tokio::test]
async fn the_responses_refer_to_schemas_the_document_holds() {
    let document = document().await;
    let schemas = document["components"]["schemas"].as_object().unwrap();
    let text = document["paths"].to_string();
    for name in ["FlatError", "ProblemDetails"] {
        assert!(
            text.contains(&format!("#/components/schemas/{name}")),
            "{name}"
        );
        assert!(schemas.contains_key(name), "{name}");
    }
    assert!(schemas.contains_key("FoldErrorCode"));
    // The 429 of a read carries the rate limit's headers.
    let headers = &document["paths"]["/v1/functions"]["get"]["responses"]["429"]["headers"];
    for name in [
        "Retry-After",
        "RateLimit-Limit",
        "RateLimit-Remaining",
        "RateLimit-Reset",
    ] {
        assert_eq!(headers[name]["schema"]["type"], "integer", "{name}");
    }
}

//! Nothing axum answers leaves the service outside the catalog: malformed,
//! oversized, wrong-method, wrong-path and bad-UTF-8 requests, sent over
//! real HTTP, each get a catalog code with its status, in the shape
//! `Accept` asks for, valid against the JSON Schema gen writes for that
//! shape.

mod support;

use std::path::Path;

use errcat::ErrorCode;
use errcat::client::Received;
use fold_errors::FoldErrorCode;
use serde_json::Value;
use support::{Method, Reply, Service};

const ADMIN: &str = "Bearer fold_admin_acme";
const JSON: (&str, &str) = ("content-type", "application/json");

struct Case {
    what: &'static str,
    method: Method,
    path: &'static str,
    headers: Vec<(&'static str, &'static str)>,
    body: Vec<u8>,
    /// The body's claimed length when only its start is sent.
    claimed: Option<usize>,
    code: &'static str,
}

fn case(what: &'static str, method: Method, path: &'static str, code: &'static str) -> Case {
    Case {
        what,
        method,
        path,
        headers: vec![("authorization", ADMIN)],
        body: Vec::new(),
        claimed: None,
        code,
    }
}

impl Case {
    fn json(mut self, body: &[u8]) -> Case {
        self.headers.push(JSON);
        self.body = body.to_vec();
        self
    }

    /// A JSON body of `length` bytes, of which only as much as passes
    /// axum's 2 MB limit is sent before the answer is read: the service
    /// reads up to the limit, answers and closes, and the test never races
    /// that close with writing the rest.
    fn uploading(mut self, length: usize) -> Case {
        self.headers.push(JSON);
        self.body = vec![b' '; (2 << 20) + (64 << 10)];
        self.claimed = Some(length);
        self
    }

    async fn send(&self, service: &Service, accept: Option<&'static str>) -> Reply {
        let mut headers = self.headers.clone();
        headers.extend(accept.map(|a| ("accept", a)));
        match self.claimed {
            Some(length) => {
                service
                    .send_stalled(self.method.clone(), self.path, &headers, &self.body, length)
                    .await
            }
            None => {
                service
                    .send_bytes(self.method.clone(), self.path, &headers, self.body.clone())
                    .await
            }
        }
    }

    fn raw(mut self, body: Vec<u8>) -> Case {
        self.body = body;
        self
    }

    fn header(mut self, name: &'static str, value: &'static str) -> Case {
        self.headers.retain(|(n, _)| *n != name);
        self.headers.push((name, value));
        self
    }

    fn without(mut self, name: &'static str) -> Case {
        self.headers.retain(|(n, _)| *n != name);
        self
    }
}

fn cases() -> Vec<Case> {
    let post = |what, path, code| case(what, Method::POST, path, code);
    let get = |what, path, code| case(what, Method::GET, path, code);
    vec![
        post("JSON cut short", "/v1/functions", "VALIDATION_ERROR").json(b"{\"name\":"),
        post("not JSON at all", "/v1/functions", "VALIDATION_ERROR").json(b"<xml/>"),
        post(
            "a JSON string, not an object",
            "/v1/functions",
            "VALIDATION_ERROR",
        )
        .json(b"\"x\""),
        post("a wrong type", "/v1/functions", "VALIDATION_ERROR").json(b"{\"name\":7}"),
        post("a missing field", "/v1/functions", "VALIDATION_ERROR").json(b"{\"name\":\"a\"}"),
        post(
            "a negative version",
            "/v1/functions/fn_1/rollback",
            "VALIDATION_ERROR",
        )
        .json(b"{\"version\":-1}"),
        post(
            "a body that is not UTF-8",
            "/v1/functions",
            "VALIDATION_ERROR",
        )
        .json(b"{\"name\":\"\xff\xfe\"}"),
        post("no content type", "/v1/functions", "UNSUPPORTED_MEDIA_TYPE")
            .raw(b"{\"name\":\"a\",\"code\":\"x\"}".to_vec()),
        post("a text body", "/v1/functions", "UNSUPPORTED_MEDIA_TYPE")
            .header("content-type", "text/plain")
            .raw(b"hello".to_vec()),
        post("3 MB of JSON", "/v1/functions", "PAYLOAD_TOO_LARGE").uploading(3 << 20),
        case(
            "DELETE a collection",
            Method::DELETE,
            "/v1/functions",
            "METHOD_NOT_ALLOWED",
        ),
        case(
            "PUT a create-only path",
            Method::PUT,
            "/v1/domains",
            "METHOD_NOT_ALLOWED",
        ),
        case(
            "PATCH the demo",
            Method::PATCH,
            "/demo/fold/NOT_FOUND",
            "METHOD_NOT_ALLOWED",
        )
        .without("authorization"),
        get("no such route", "/no/such/route", "NOT_FOUND"),
        get("a path too deep", "/v1/functions/a/b/c", "NOT_FOUND"),
        get("the root", "/", "NOT_FOUND"),
        get("no route, no token", "/v2/functions", "NOT_FOUND").without("authorization"),
        get(
            "invalid UTF-8 in the demo path",
            "/demo/fold/%FF",
            "VALIDATION_ERROR",
        ),
        get(
            "invalid UTF-8 in a catalog name",
            "/demo/%FF%FE/x",
            "VALIDATION_ERROR",
        ),
        get(
            "invalid UTF-8 in an id",
            "/v1/functions/%C3%28",
            "VALIDATION_ERROR",
        ),
        get(
            "an unknown id",
            "/v1/functions/%2e%2e",
            "FUNCTION_NOT_FOUND",
        ),
        get("no token", "/v1/functions", "AUTH_REQUIRED").without("authorization"),
        get(
            "a token that is not Bearer",
            "/v1/functions",
            "AUTH_INVALID",
        )
        .header("authorization", "Basic Zm9sZA=="),
        case(
            "no token on a bad method",
            Method::DELETE,
            "/v1/functions",
            "AUTH_REQUIRED",
        )
        .without("authorization"),
    ]
}

struct Schemas {
    flat: jsonschema::Validator,
    problem: jsonschema::Validator,
}

impl Schemas {
    fn load() -> Schemas {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../generated/schema");
        let load = |name: &str| {
            let text = std::fs::read_to_string(folder.join(name)).expect("gen wrote the schema");
            let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
            jsonschema::draft202012::options()
                .should_validate_formats(true)
                .build(&schema)
                .expect("the schema is valid")
        };
        Schemas {
            flat: load("flat.schema.json"),
            problem: load("problem.schema.json"),
        }
    }

    /// Asserts everything a client of the catalog relies on.
    fn check(&self, case: &Case, reply: &Reply, problem: bool) {
        let what = format!(
            "{} ({} {}): {}",
            case.what, case.method, case.path, reply.text
        );
        let (validator, content_type, code) = if problem {
            (
                &self.problem,
                "application/problem+json",
                &reply.body["error_code"],
            )
        } else {
            (&self.flat, "application/json", &reply.body["code"])
        };
        assert_eq!(reply.header("content-type"), content_type, "{what}");
        let problems: Vec<String> = validator
            .iter_errors(&reply.body)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(problems.is_empty(), "{what}: {problems:#?}");
        assert_eq!(code, case.code, "{what}");
        let expected = FoldErrorCode::parse(case.code).expect("a fold code");
        // ANCHOR: received
        let status = reply.status.as_u16();
        let received = Received::<FoldErrorCode>::parse(reply.text.as_bytes(), Some(status));
        assert_eq!(received.known(), Some(expected), "{what}");
        // ANCHOR_END: received
        let info = expected.info();
        assert_eq!(reply.status.as_u16(), info.status, "{what}");
        if problem {
            assert_eq!(reply.body["status"], info.status, "{what}");
        }
        assert_eq!(
            reply.header("content-length"),
            reply.text.len().to_string(),
            "{what}"
        );
        assert_eq!(reply.header("vary"), "accept", "{what}");
        if case.code == "METHOD_NOT_ALLOWED" {
            assert_eq!(reply.headers.get_all("allow").iter().count(), 1, "{what}");
        }
        if reply.status.as_u16() == 401 {
            assert!(
                reply
                    .header("www-authenticate")
                    .starts_with("Bearer realm=\"api.fold.run\""),
                "{what}"
            );
        }
    }
}

#[tokio::test]
async fn every_hostile_request_gets_a_catalog_error_in_every_shape() {
    let service = Service::start(&["--rate-limit", "1000"]);
    let schemas = Schemas::load();
    for case in cases() {
        for accept in [None, Some("application/problem+json")] {
            let reply = case.send(&service, accept).await;
            schemas.check(&case, &reply, accept.is_some());
        }
    }
}

#[tokio::test]
async fn axums_answers_carry_their_reason_and_headers() {
    let service = Service::start(&[]);
    let service = &service;
    let send = |case: Case| async move { case.send(service, None).await };
    let reply = send(case("", Method::DELETE, "/v1/functions", "")).await;
    assert_eq!(reply.header("allow"), "GET,HEAD,POST");
    assert_eq!(
        reply.text,
        r#"{"error":"This endpoint does not support the request's method","code":"METHOD_NOT_ALLOWED","details":null,"hint":"Use one of the methods in the response's `Allow` header."}"#
    );
    // The auth guard's rate-limit headers are kept on the converted answer.
    assert_eq!(reply.header("ratelimit-limit"), "100");

    let reply = send(case("", Method::GET, "/demo/fold/%FF", "")).await;
    assert_eq!(
        reply.body["details"],
        serde_json::json!({ "path": ["Invalid URL: Invalid UTF-8 in `code`"] })
    );

    let reply = send(case("", Method::POST, "/v1/functions", "").json(b"{\"name\":7}")).await;
    assert_eq!(
        reply.body["details"],
        serde_json::json!({ "body": ["Failed to deserialize the JSON body into the target type: name: invalid type: integer `7`, expected a string at line 1 column 9"] })
    );

    let reply = send(case("", Method::POST, "/v1/functions", "").uploading(3 << 20)).await;
    assert_eq!(
        reply.text,
        r#"{"error":"Request body too large","code":"PAYLOAD_TOO_LARGE","details":null,"hint":"Send a smaller body; deploy large scripts as a bundle under the size limit."}"#
    );
}

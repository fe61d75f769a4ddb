//! `errcat::axum::Rejections`: what axum answers on its own, driven through
//! a real `Router` with axum's real extractors, comes back as the catalog
//! code its class is mapped to, in the negotiated shape.

#![cfg(feature = "axum")]

use std::collections::HashMap;

use axum::Router;
use axum::body::Body;
use axum::extract::{Extension, Json, Path, Query};
use axum::http::{Request, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use errcat::{
    Catalog, CodeInfo, DetailsKind, Error, ErrorCode, ErrorReport, HeaderTemplate, Param,
    ParamType, Piece, WireShape,
};
use serde_json::{Value, json};
use tower::ServiceExt;

/// A catalog with one code per class, so every mapping is seen apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u16)]
enum Http {
    Malformed,
    Unprocessable,
    MediaType,
    TooLarge,
    NoRoute,
    Method,
    Refused,
    SignIn,
    Internal,
    Taken,
}

const fn row(code: &'static str, status: u16, message: &'static str) -> CodeInfo {
    CodeInfo {
        code,
        status,
        title: code,
        message,
        template: &[],
        category: "http",
        ..CodeInfo::DEFAULTS
    }
}

static CODES: [CodeInfo; 10] = [
    CodeInfo {
        template: &[Piece::Text("Malformed request")],
        details: DetailsKind::FieldErrors,
        ..row("MALFORMED", 400, "Malformed request")
    },
    CodeInfo {
        template: &[Piece::Text("Request failed validation")],
        details: DetailsKind::FieldErrors,
        ..row("UNPROCESSABLE", 422, "Request failed validation")
    },
    CodeInfo {
        template: &[Piece::Text("Send JSON")],
        ..row("MEDIA_TYPE", 415, "Send JSON")
    },
    CodeInfo {
        template: &[Piece::Text("Body too large")],
        ..row("TOO_LARGE", 413, "Body too large")
    },
    CodeInfo {
        template: &[Piece::Text("No such route")],
        ..row("NO_ROUTE", 404, "No such route")
    },
    CodeInfo {
        template: &[Piece::Text("Method not allowed")],
        params: &[Param {
            name: "allow",
            ty: ParamType::String,
        }],
        header_values: &[HeaderTemplate {
            name: "allow",
            value: &[Piece::Param(0)],
        }],
        ..row("METHOD", 405, "Method not allowed")
    },
    CodeInfo {
        template: &[Piece::Text("Request refused")],
        details: DetailsKind::FieldErrors,
        ..row("REFUSED", 400, "Request refused")
    },
    CodeInfo {
        template: &[Piece::Text("Sign in")],
        header_values: &[HeaderTemplate {
            name: "www-authenticate",
            value: &[Piece::Text("Bearer realm=\"api\"")],
        }],
        ..row("SIGN_IN", 401, "Sign in")
    },
    CodeInfo {
        template: &[Piece::Text("Internal error")],
        details: DetailsKind::FieldErrors,
        ..row("INTERNAL", 500, "Internal error")
    },
    CodeInfo {
        template: &[
            Piece::Text("Name '"),
            Piece::Param(0),
            Piece::Text("' taken"),
        ],
        params: &[Param {
            name: "name",
            ty: ParamType::String,
        }],
        ..row("TAKEN", 409, "Name '{name}' taken")
    },
];

static CATALOG: Catalog<Http> = Catalog::new(
    "http",
    WireShape::Flat,
    &CODES,
    &[
        ("INTERNAL", Http::Internal),
        ("MALFORMED", Http::Malformed),
        ("MEDIA_TYPE", Http::MediaType),
        ("METHOD", Http::Method),
        ("NO_ROUTE", Http::NoRoute),
        ("REFUSED", Http::Refused),
        ("SIGN_IN", Http::SignIn),
        ("TAKEN", Http::Taken),
        ("TOO_LARGE", Http::TooLarge),
        ("UNPROCESSABLE", Http::Unprocessable),
    ],
);

impl ErrorCode for Http {
    fn catalog() -> &'static Catalog<Self> {
        &CATALOG
    }

    fn index(self) -> usize {
        self as usize
    }
}

const REJECTIONS: errcat::axum::Rejections<Http> = errcat::axum::Rejections {
    bad_request: Http::Malformed,
    unprocessable: Http::Unprocessable,
    unsupported_media_type: Http::MediaType,
    payload_too_large: Http::TooLarge,
    not_found: Http::NoRoute,
    method_not_allowed: Http::Method,
    other_client_error: Http::Refused,
    server_error: Http::Internal,
    statuses: &[(401, Http::SignIn)],
};

#[derive(serde::Deserialize)]
struct Create {
    #[allow(dead_code)]
    name: String,
}

#[derive(Clone)]
struct Missing;

fn app() -> Router {
    Router::new()
        .route("/things", post(|Json(_): Json<Create>| async { "created" }))
        .route(
            "/things/{id}",
            get(|Path(id): Path<u32>| async move { id.to_string() }),
        )
        .route(
            "/search",
            get(|Query(q): Query<HashMap<String, u32>>| async move { q.len().to_string() }),
        )
        .route("/teapot", get(|| async { StatusCode::IM_A_TEAPOT }))
        .route(
            "/busy",
            get(|| async {
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    [("retry-after", "5")],
                    "slow down",
                )
            }),
        )
        .route(
            "/needs",
            get(|Extension(_): Extension<Missing>| async { "never" }),
        )
        .route(
            "/taken",
            get(|| async { Err::<(), _>(Error::new(Http::Taken, vec!["fold".into()])) }),
        )
        .route(
            "/login",
            get(|| async { (StatusCode::UNAUTHORIZED, "who are you?") }),
        )
        .route(
            "/cookies",
            get(|| async {
                (
                    StatusCode::IM_A_TEAPOT,
                    axum::response::AppendHeaders([
                        ("set-cookie", "a=1"),
                        ("set-cookie", "b=2"),
                        ("vary", "origin"),
                        ("content-disposition", "inline"),
                    ]),
                    "short and stout",
                )
            }),
        )
        .route(
            "/rendered",
            get(|| async {
                Error::new(Http::Taken, vec!["fold".into()])
                    .to_response()
                    .map(Body::from)
            }),
        )
        .route(
            "/gateway",
            get(|| async {
                (
                    StatusCode::BAD_GATEWAY,
                    [("content-type", "text/html")],
                    "<h1>502</h1>",
                )
            }),
        )
        .route("/ok", get(|| async { "fine" }))
        .layer(REJECTIONS.layer())
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Value,
    text: String,
    report: Option<ErrorReport>,
}

async fn send(request: Request<Body>) -> Reply {
    let response: Response = app().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let report = response.extensions().get::<ErrorReport>().cloned();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
        .await
        .unwrap();
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Reply {
        status,
        headers,
        body,
        text,
        report,
    }
}

fn post_json(path: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(path)
        .header("content-type", "application/json")
        .body(body.into())
        .unwrap()
}

fn get_path(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

#[tokio::test]
async fn each_class_of_axum_answer_becomes_its_catalog_code() {
    let cases: Vec<(&str, Request<Body>, u16, Value)> = vec![
        (
            "a body that is not JSON",
            post_json("/things", "{\"name\":"),
            400,
            json!({
                "error": "Malformed request",
                "code": "MALFORMED",
                "details": {"body": ["Failed to parse the request body as JSON: name: EOF while parsing a value at line 1 column 8"]},
            }),
        ),
        (
            "JSON of the wrong structure",
            post_json("/things", "{\"name\":5}"),
            422,
            json!({
                "error": "Request failed validation",
                "code": "UNPROCESSABLE",
                "details": {"body": ["Failed to deserialize the JSON body into the target type: name: invalid type: integer `5`, expected a string at line 1 column 9"]},
            }),
        ),
        (
            "JSON without its content type",
            Request::post("/things").body(Body::from("{}")).unwrap(),
            415,
            json!({"error": "Send JSON", "code": "MEDIA_TYPE", "details": null}),
        ),
        (
            "a body over axum's 2 MB default",
            post_json("/things", vec![b' '; 3 << 20]),
            413,
            json!({"error": "Body too large", "code": "TOO_LARGE", "details": null}),
        ),
        (
            "a path parameter of the wrong type",
            get_path("/things/abc"),
            400,
            json!({
                "error": "Malformed request",
                "code": "MALFORMED",
                "details": {"path": ["Invalid URL: Cannot parse `abc` to a `u32`"]},
            }),
        ),
        (
            "invalid UTF-8 in the path",
            get_path("/things/%FF"),
            400,
            json!({
                "error": "Malformed request",
                "code": "MALFORMED",
                "details": {"path": ["Invalid URL: Invalid UTF-8 in `id`"]},
            }),
        ),
        (
            "a query string of the wrong type",
            get_path("/search?n=x"),
            400,
            json!({
                "error": "Malformed request",
                "code": "MALFORMED",
                "details": {"query": ["Failed to deserialize query string: n: invalid digit found in string"]},
            }),
        ),
        (
            "no route",
            get_path("/nowhere"),
            404,
            json!({"error": "No such route", "code": "NO_ROUTE", "details": null}),
        ),
        (
            "a handler's bare status",
            get_path("/teapot"),
            400,
            json!({"error": "Request refused", "code": "REFUSED", "details": {}}),
        ),
    ];
    for (what, request, status, body) in cases {
        let reply = send(request).await;
        assert_eq!(reply.status.as_u16(), status, "{what}: {}", reply.text);
        assert_eq!(reply.body, body, "{what}: {}", reply.text);
        assert_eq!(reply.headers["content-type"], "application/json", "{what}");
        assert_eq!(reply.headers["vary"], "accept", "{what}");
    }
}

#[tokio::test]
async fn a_405_sends_axums_allow_through_the_codes_template() {
    let reply = send(Request::delete("/things").body(Body::empty()).unwrap()).await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        reply.body,
        json!({"error": "Method not allowed", "code": "METHOD", "details": null})
    );
    let allow: Vec<_> = reply.headers.get_all("allow").iter().collect();
    assert_eq!(allow, ["POST"]);
}

#[tokio::test]
async fn a_status_of_its_own_keeps_its_meaning_and_the_catalogs_headers() {
    let reply = send(get_path("/login")).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.body["code"], "SIGN_IN");
    assert_eq!(reply.headers["www-authenticate"], "Bearer realm=\"api\"");
    let report = reply.report.expect("converted answers carry a report");
    assert!(
        report.log_line.contains("who are you?"),
        "{}",
        report.log_line
    );
}

#[tokio::test]
async fn headers_that_are_not_about_the_body_survive_every_value() {
    let reply = send(get_path("/busy")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    // The original's own wait, over any default of the code.
    assert_eq!(reply.headers["retry-after"], "5");
    assert_eq!(reply.headers["content-type"], "application/json");
    // Text that is not one of axum's rejections stays in the log.
    assert_eq!(
        reply.body,
        json!({"error": "Request refused", "code": "REFUSED", "details": {}})
    );
    assert!(reply.report.unwrap().log_line.contains("slow down"));

    let reply = send(get_path("/cookies")).await;
    let cookies: Vec<_> = reply.headers.get_all("set-cookie").iter().collect();
    assert_eq!(cookies, ["a=1", "b=2"]);
    let vary: Vec<_> = reply.headers.get_all("vary").iter().collect();
    assert_eq!(vary, ["origin", "accept"]);
    assert!(reply.headers.get("content-disposition").is_none());
}

#[tokio::test]
async fn what_a_server_error_said_is_logged_and_never_sent() {
    let reply = send(get_path("/needs")).await;
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        reply.body,
        json!({"error": "Internal error", "code": "INTERNAL", "details": {}})
    );
    assert!(!reply.text.contains("extension"), "{}", reply.text);
    let log = reply.report.unwrap().log_line;
    assert!(log.contains("Missing request extension"), "{log}");

    let reply = send(get_path("/gateway")).await;
    assert_eq!(reply.body["code"], "INTERNAL");
    let log = reply.report.unwrap().log_line;
    assert!(
        log.contains("a 502 answer outside the catalog: text/html, 12 bytes"),
        "{log}"
    );
}

#[tokio::test]
async fn the_negotiated_shape_applies_to_converted_answers() {
    let request = Request::get("/things/abc")
        .header("accept", "application/problem+json")
        .body(Body::empty())
        .unwrap();
    let reply = send(request).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.headers["content-type"], "application/problem+json");
    assert_eq!(
        reply.body,
        json!({
            "type": "about:blank",
            "title": "MALFORMED",
            "status": 400,
            "detail": "Malformed request",
            "error_code": "MALFORMED",
            "details": {"path": ["Invalid URL: Cannot parse `abc` to a `u32`"]},
        })
    );
}

#[tokio::test]
async fn catalog_errors_and_successes_pass_through() {
    let taken = send(get_path("/taken")).await;
    assert_eq!(taken.status, StatusCode::CONFLICT);
    assert_eq!(
        taken.body,
        json!({"error": "Name 'fold' taken", "code": "TAKEN", "details": null})
    );
    assert_eq!(taken.headers["vary"], "accept");
    let rendered = send(get_path("/rendered")).await;
    assert_eq!(rendered.status, StatusCode::CONFLICT);
    assert_eq!(rendered.body["code"], "TAKEN");
    let ok = send(get_path("/ok")).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.text, "fine");
    assert!(ok.headers.get("vary").is_none());
}

fn panic_of(rejections: errcat::axum::Rejections<Http>) -> String {
    let panic = std::panic::catch_unwind(|| rejections.layer()).unwrap_err();
    panic.downcast_ref::<String>().cloned().unwrap_or_default()
}

#[test]
fn a_class_mapped_to_a_code_with_parameters_is_refused_when_the_router_is_built() {
    let rejections = errcat::axum::Rejections {
        not_found: Http::Taken,
        ..REJECTIONS
    };
    assert_eq!(
        panic_of(rejections),
        "errcat::axum::Rejections: `not_found` is `TAKEN`, whose message needs {name}; \
         a rejection has no values for them, so map `not_found` to a code without parameters"
    );
}

#[test]
fn a_class_mapped_across_client_and_server_errors_is_refused() {
    let rejections = errcat::axum::Rejections {
        server_error: Http::Refused,
        ..REJECTIONS
    };
    assert_eq!(
        panic_of(rejections),
        "errcat::axum::Rejections: `server_error` is `REFUSED`, a client error (400); \
         map `server_error` to a 5xx code"
    );
    let rejections = errcat::axum::Rejections {
        statuses: &[(429, Http::Internal)],
        ..REJECTIONS
    };
    assert_eq!(
        panic_of(rejections),
        "errcat::axum::Rejections: `statuses: 429` is `INTERNAL`, a server error (500); \
         map `statuses: 429` to a 4xx code"
    );
}

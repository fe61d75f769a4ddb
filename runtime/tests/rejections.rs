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
    Catalog, CodeInfo, DetailsKind, Error, ErrorCode, Param, ParamType, Piece, WireShape,
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

static CODES: [CodeInfo; 9] = [
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
        ..row("METHOD", 405, "Method not allowed")
    },
    CodeInfo {
        template: &[Piece::Text("Request refused")],
        details: DetailsKind::FieldErrors,
        ..row("REFUSED", 400, "Request refused")
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
        .route("/ok", get(|| async { "fine" }))
        .layer(REJECTIONS.layer())
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Value,
    text: String,
}

async fn send(request: Request<Body>) -> Reply {
    let response: Response = app().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
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
        (
            "a missing extension, the server's fault",
            get_path("/needs"),
            500,
            json!({"error": "Internal error", "code": "INTERNAL", "details": {}}),
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
async fn a_405_keeps_axums_allow_header() {
    let reply = send(Request::delete("/things").body(Body::empty()).unwrap()).await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        reply.body,
        json!({"error": "Method not allowed", "code": "METHOD", "details": null})
    );
    assert_eq!(reply.headers["allow"], "POST");
}

#[tokio::test]
async fn headers_that_are_not_about_the_body_survive() {
    let reply = send(get_path("/busy")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.headers["retry-after"], "5");
    assert_eq!(reply.headers["content-type"], "application/json");
    assert_eq!(
        reply.body,
        json!({"error": "Request refused", "code": "REFUSED", "details": {"request": ["slow down"]}})
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
    let ok = send(get_path("/ok")).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.text, "fine");
    assert!(ok.headers.get("vary").is_none());
}

#[test]
fn a_class_mapped_to_a_code_with_parameters_is_refused_when_the_router_is_built() {
    let rejections = errcat::axum::Rejections {
        not_found: Http::Taken,
        ..REJECTIONS
    };
    let panic = std::panic::catch_unwind(|| rejections.layer()).unwrap_err();
    assert_eq!(
        panic.downcast_ref::<String>().map(String::as_str),
        Some(
            "errcat::axum::Rejections: `not_found` is `TAKEN`, whose message needs {name}; \
             a rejection has no values for them, so map `not_found` to a code without parameters"
        )
    );
}

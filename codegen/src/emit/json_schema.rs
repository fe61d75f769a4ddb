//! JSON Schema 2020-12 of each wire shape's body (`<shape>.schema.json`),
//! with the codes a response in that shape can carry. The OpenAPI emitter
//! builds its component schemas from the same [`body_schema`], so the two
//! descriptions cannot disagree.
//!
//! Schemas describe what the runtime sends (`runtime/src/render.rs`): the
//! members it always writes are `required`, the ones it writes only when
//! there is a value (hint, request id, details, resolve) are optional.
//! Unknown members are allowed, so a client validating responses keeps
//! working when a later version adds one.

use serde_json::{Map, Value, json};

use super::text::{escape, json_without_markup};
use super::{OutputFile, notice};
use crate::model::{Catalog, WireShape};

pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Shapes some emitted code uses, in [`WireShape::ALL`] order, always with
/// `problem`: the runtime answers any code as RFC 9457 problem details when
/// the request's `Accept` asks for `application/problem+json`.
pub fn shapes_in_use(catalog: &Catalog) -> Vec<WireShape> {
    WireShape::ALL
        .into_iter()
        .filter(|&shape| {
            shape == WireShape::Problem || catalog.emitted().any(|c| c.wire_shape == shape)
        })
        .collect()
}

/// Codes a body in `shape` can carry: those sent in it by default, or every
/// emitted code for `problem`.
pub fn codes_in(catalog: &Catalog, shape: WireShape) -> Vec<&str> {
    catalog
        .emitted()
        .filter(|c| shape == WireShape::Problem || c.wire_shape == shape)
        .map(|c| c.code.as_str())
        .collect()
}

/// The file name of a shape's schema, e.g. `error_code.schema.json`.
pub fn file_name(shape: WireShape) -> String {
    format!("{}.schema.json", shape.as_str())
}

pub fn emit(catalog: &Catalog) -> Vec<OutputFile> {
    shapes_in_use(catalog)
        .into_iter()
        .map(|shape| {
            let mut document = Map::new();
            document.insert("$comment".into(), notice(&catalog.name).into());
            document.insert("$schema".into(), DIALECT.into());
            document.insert(
                "title".into(),
                format!("{} error ({} shape)", catalog.title, shape.as_str()).into(),
            );
            let Value::Object(body) = body_schema(shape, json!({ "$ref": "#/$defs/code" })) else {
                unreachable!("body schemas are objects")
            };
            document.extend(body);
            document.insert(
                "$defs".into(),
                json!({ "code": code_schema(catalog, &codes_in(catalog, shape)) }),
            );
            OutputFile::new(file_name(shape), pretty(&Value::Object(document)))
        })
        .collect()
}

/// The enum of wire codes.
pub fn code_schema(catalog: &Catalog, codes: &[&str]) -> Value {
    json!({
        "description": format!(
            "Machine-readable {} error code: stable, so branch on it. Clients should \
             accept codes added after they were built.",
            escape(&catalog.title)
        ),
        "type": "string",
        "enum": codes,
    })
}

/// The schema of a body in `shape`; `code` is the schema of its code member
/// (an enum, or a `$ref` to one).
pub fn body_schema(shape: WireShape, code: Value) -> Value {
    let message = |what: &str| json!({ "type": "string", "description": what });
    let request_id = message("The request's id: quote it when reporting the error.");
    let details = json!({
        "type": "object",
        "description": "Additional context, such as field-level validation errors \
                        (field name to a list of messages).",
    });
    match shape {
        WireShape::Flat => json!({
            "description": "Flat error body: `{error, code, details, hint}`.",
            "type": "object",
            "required": ["error", "code", "details"],
            "properties": {
                "error": message("Human-readable message; its wording may change."),
                "code": code,
                "details": {
                    "type": ["object", "null"],
                    "description": details["description"],
                },
                "hint": {
                    "type": ["string", "null"],
                    "description": "What to do about it.",
                },
            },
        }),
        WireShape::Nested => json!({
            "description": "Nested error body: `{error: {code, message, request_id}}`.",
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": code,
                        "message": message("Human-readable message; its wording may change."),
                        "request_id": request_id,
                        "details": details,
                    },
                },
            },
        }),
        WireShape::ErrorCode => json!({
            "description": "Error body `{errorCode, errorMessage}`.",
            "type": "object",
            "required": ["errorCode", "errorMessage"],
            "properties": {
                "errorCode": code,
                "errorMessage": message("Human-readable message; its wording may change."),
            },
        }),
        WireShape::Problem => json!({
            "description": "RFC 9457 problem details with the `error_code` and `resolve` extensions.",
            "type": "object",
            "required": ["type", "title", "status", "detail", "error_code"],
            "properties": {
                "type": {
                    "type": "string",
                    "format": "uri-reference",
                    "description": "URI of this error's documentation, or `about:blank`.",
                },
                "title": message("Short, static summary of the error."),
                "status": {
                    "type": "integer",
                    "minimum": 400,
                    "maximum": 599,
                    "description": "The HTTP status code.",
                },
                "detail": message("Human-readable explanation of this occurrence."),
                "instance": {
                    "type": "string",
                    "format": "uri-reference",
                    "description": "Identifies this occurrence: the request's id.",
                },
                "error_code": code,
                "details": details,
                "resolve": {
                    "type": "object",
                    "description": "How a person or an agent can fix the problem; \
                                    absent when there is no self-service fix.",
                    "minProperties": 1,
                    "properties": {
                        "message": message("Call to action for a person."),
                        "url": {
                            "type": "string",
                            "format": "uri",
                            "description": "Where a person can fix it.",
                        },
                        "action": message("Machine-readable action for agents."),
                        "method": {
                            "type": "string",
                            "enum": ["GET", "POST", "PUT", "PATCH", "DELETE"],
                            "description": "HTTP method of the resolution endpoint.",
                        },
                        "endpoint": message("API path an agent can call to fix it."),
                    },
                },
            },
        }),
        WireShape::OAuth2 => json!({
            "description": "OAuth 2 error body (RFC 6749, section 5.2).",
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": code,
                "error_description": message("Human-readable explanation."),
                "error_uri": {
                    "type": "string",
                    "format": "uri",
                    "description": "Page with more about the error.",
                },
            },
        }),
    }
}

/// Two-space pretty JSON ending in a newline; the first member lands on the
/// second line, where the writer looks for the generated notice. No `<`
/// appears as such, so the document can be inlined into an HTML page.
pub fn pretty(value: &Value) -> String {
    let mut text = json_without_markup(value, true);
    text.push('\n');
    text
}

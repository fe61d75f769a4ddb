//! Example response bodies, built from the model in one place so that the
//! docs, the static site, `errcat explain` and the OpenAPI description all
//! show a client the same bytes for the same code.
//!
//! Examples are `serde_json::Value`s (with `preserve_order`, so members come
//! out in the order the wire shapes document them) and use the runtime's
//! fixed example values (`errcat::example`), which a service's own OpenAPI
//! document shows too.

use errcat::shape::{Arguments, Details, HeaderMember, Parts};
use serde_json::Value;

use crate::model::{Catalog, Code, HeaderValue, Param, Resolve, Template, WireShape};

/// The request id every example shows.
pub const EXAMPLE_REQUEST_ID: &str = errcat::example::REQUEST_ID;

/// A parameter's example value as text: the runtime's
/// ([`errcat::example::arg`]).
fn example_text(param: &Param) -> String {
    errcat::example::arg(&param.name, param.ty).to_string()
}

/// Each parameter's name with its example value, for the arguments part.
pub fn arguments(code: &Code) -> Vec<(String, errcat::Arg)> {
    code.message
        .params
        .iter()
        .map(|p| (p.name.clone(), errcat::example::arg(&p.name, p.ty)))
        .collect()
}

/// The code's message with every parameter replaced by its example value.
pub fn message(code: &Code) -> String {
    code.message.render_with(example_text)
}

/// The `details` member of a code's body, or `None` when the code declares
/// no details and the member is absent (or `null` in the flat shape).
pub fn details(code: &Code) -> Option<Value> {
    if code.detail_members.is_empty() {
        errcat::example::details(code.details, code.is_server_error())
    } else {
        Some(crate::model::details_example(&code.detail_members))
    }
}

/// The example body of `code` in the shape it is sent in.
pub fn body(catalog: &Catalog, code: &Code) -> Value {
    body_in(catalog, code, code.wire_shape)
}

/// The example body of `code` as it would look in `shape`, rendered by the
/// `errcat` runtime from the code's parts (with [`EXAMPLE_REQUEST_ID`] as
/// the request id), so it is what a service sends for it.
pub fn body_in(catalog: &Catalog, code: &Code, shape: WireShape) -> Value {
    with_parts(catalog, code, |parts| {
        serde_json::to_value(parts.body(shape))
            .expect("a body is a map of strings, numbers and JSON")
    })
}

/// The headers `shape` carries parts of the example error in
/// (`X-Amzn-ErrorType`), with their values.
pub fn shape_headers(
    catalog: &Catalog,
    code: &Code,
    shape: WireShape,
) -> Vec<(&'static HeaderMember, String)> {
    with_parts(catalog, code, |parts| parts.shape_headers(shape))
}

/// `f` of the example error's parts, as the runtime renders them.
fn with_parts<R>(catalog: &Catalog, code: &Code, f: impl FnOnce(&Parts<'_, str>) -> R) -> R {
    let message = message(code);
    let details = details(code);
    let arguments = arguments(code);
    let docs_url = catalog.docs_url(code);
    f(&Parts {
        code: &code.code,
        number: code.number,
        grpc: code.grpc,
        domain: catalog.domain(),
        status: code.http_status(),
        title: &code.title,
        message: message.as_str(),
        hint: code.hint.as_deref(),
        docs_url: &docs_url,
        request_id: Some(EXAMPLE_REQUEST_ID),
        details: details.as_ref().map(Details::Value),
        arguments: Arguments::Named(&arguments),
        resolve: code.resolve.as_ref().map(Resolve::values),
    })
}

/// Pretty-printed JSON with two-space indents, the form every docs page uses.
pub fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).expect("a JSON value always serializes")
}

/// The catalog headers the example shows (not `Content-Type`, which
/// depends on the shape), with example values: the list form's
/// `Retry-After` from the code's default (60 s without one), a template
/// with its parameters' example values.
pub fn headers(code: &Code) -> Vec<(&str, String)> {
    code.headers
        .iter()
        .map(|header| {
            let value = match &header.value {
                HeaderValue::RetryAfter => code
                    .retry
                    .after_seconds
                    .unwrap_or(errcat::example::RETRY_AFTER_SECONDS)
                    .to_string(),
                HeaderValue::Template(segments) => Template {
                    segments: segments.clone(),
                    params: code.message.params.clone(),
                }
                .render_with(example_text),
            };
            (header.name.as_str(), value)
        })
        .collect()
}

/// The reason phrase of `status`, as RFC 9110 names it (the runtime's).
pub use errcat::example::reason_phrase;

/// The whole example response as an HTTP message: status line, headers, a
/// blank line and the pretty JSON body.
pub fn http_response(catalog: &Catalog, code: &Code, shape: WireShape) -> String {
    let status = code.http_status();
    let mut out = format!("HTTP/1.1 {status}");
    if let Some(reason) = reason_phrase(status) {
        out.push(' ');
        out.push_str(reason);
    }
    out.push('\n');
    out.push_str(&format!("Content-Type: {}\n", shape.content_type()));
    for (header, value) in shape_headers(catalog, code, shape) {
        out.push_str(&format!("{}: {value}\n", header.name));
    }
    for (name, value) in headers(code) {
        out.push_str(&format!("{name}: {value}\n"));
    }
    out.push('\n');
    out.push_str(&pretty(&body_in(catalog, code, shape)));
    out
}

//! The example error of each code: what docs pages, `errcat explain`,
//! OpenAPI documents and the `utoipa` integration show a client for it. The
//! values are fixed, never random or time-based, so generated files are
//! deterministic, and they live here so that every one of those shows the
//! same bytes for the same code.

use serde_json::{Value, json};

use crate::catalog::{CodeInfo, DetailsKind, ErrorCode, HeaderSet, ParamType};
use crate::error::{Arg, Error};

/// The request id every example shows (seed 002's style).
pub const REQUEST_ID: &str = "req_xyz123";

/// The `Retry-After` of an example whose code sends one without a default.
pub const RETRY_AFTER_SECONDS: u32 = 60;

/// The example value of a message parameter. Strings show the parameter's
/// name in angle brackets, so a reader sees which part of the message
/// varies; the other types show a plausible value of their type, so a
/// reader sees how it is formatted.
#[must_use]
pub fn arg(name: &str, ty: ParamType) -> Arg {
    match ty {
        ParamType::String => Arg::from(format!("<{name}>")),
        ParamType::Integer => Arg::Int(-3),
        ParamType::Unsigned => Arg::Uint(42),
        ParamType::Float => Arg::Float(0.5),
        ParamType::Bool => Arg::Bool(true),
    }
}

/// [`arg`] as a JSON value: a member of the example of typed details.
#[must_use]
pub fn value(name: &str, ty: ParamType) -> Value {
    match arg(name, ty) {
        Arg::Str(text) => Value::from(text.into_owned()),
        Arg::Int(number) => Value::from(number),
        Arg::Uint(number) => Value::from(number),
        Arg::Float(number) => Value::from(number),
        Arg::Bool(flag) => Value::from(flag),
    }
}

/// The example `details` of a code, or `None` when it declares none. A
/// server error never shows details beyond an empty object, as the
/// renderer sends none.
#[must_use]
pub fn details(kind: DetailsKind, server_error: bool) -> Option<Value> {
    match kind {
        // Only the catalog knows their members (the generated docs show
        // them); a service's own document shows none.
        DetailsKind::None | DetailsKind::Typed => None,
        _ if server_error => Some(json!({})),
        DetailsKind::Object => Some(json!({})),
        // Seed 001's validation example: field name to a list of problems.
        DetailsKind::FieldErrors => Some(json!({
            "name": ["Expected string, received number"],
        })),
    }
}

/// The example error of `code`, as a service would raise it: every
/// parameter its example value, with [`REQUEST_ID`], the example details,
/// and [`RETRY_AFTER_SECONDS`] where the code sends `Retry-After` without a
/// default.
#[must_use]
pub fn error<C: ErrorCode>(code: C) -> Error<C> {
    let info: &CodeInfo = code.info();
    let args = info.params.iter().map(|p| arg(p.name, p.ty)).collect();
    let mut error = Error::new(code, args).with_request_id(REQUEST_ID);
    let typed = C::catalog().typed_detail(info.code, "example");
    if let Some(details) = typed.or_else(|| details(info.details, info.is_server_error())) {
        error = error.with_details(details);
    }
    // Only the list form's: a template's value is the example arguments,
    // and a service's own value would outrank it.
    let templated = info.header_values.iter().any(|h| h.name == "retry-after");
    if info.headers.contains(HeaderSet::RETRY_AFTER) && !templated && info.retry_after.is_none() {
        error = error.with_retry_after(RETRY_AFTER_SECONDS);
    }
    error
}

/// The reason phrase of `status`, as RFC 9110 names it: `http`'s table,
/// except the two names RFC 9110 replaced (`Payload Too Large`,
/// `Unprocessable Entity`).
#[must_use]
pub fn reason_phrase(status: u16) -> Option<&'static str> {
    match status {
        413 => Some("Content Too Large"),
        422 => Some("Unprocessable Content"),
        _ => http::StatusCode::from_u16(status).ok()?.canonical_reason(),
    }
}

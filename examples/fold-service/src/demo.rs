//! `GET /demo/{catalog}/{code}`: any code of the fold catalog or of the
//! example catalogs, rendered in its catalog's wire shape with the example
//! values the generated docs show (`<name>` for strings, 42 for unsigned, a
//! `name` field error, request id `req_xyz123`), so clients in other
//! languages can be tested against every shape the runtime writes.
//! `Accept: application/problem+json` turns any of them into RFC 9457.

use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use errcat::{Arg, DetailsKind, ErrorCode, ParamType};

use crate::errors::ApiError;

/// The request id the demo bodies carry, as in the generated docs.
pub const REQUEST_ID: &str = "req_xyz123";

pub async fn render(Path((catalog, code)): Path<(String, String)>) -> Response {
    let error = match catalog.as_str() {
        "fold" => example::<fold_errors::FoldErrorCode>(&code),
        "workspaces" => example::<workspaces_errors::WorkspacesErrorCode>(&code),
        "function-compute" => example::<function_compute_errors::FunctionComputeErrorCode>(&code),
        "billing" => example::<billing_errors::BillingErrorCode>(&code),
        _ => None,
    };
    error.unwrap_or_else(|| ApiError::NoSuchRoute.into_response())
}

fn example<C: ErrorCode>(code: &str) -> Option<Response> {
    let code = C::parse(code)?;
    let info = code.info();
    let args = info
        .params
        .iter()
        .map(|p| example_arg(p.name, p.ty))
        .collect();
    let mut error = errcat::Error::new(code, args).with_request_id(REQUEST_ID);
    if info.details == DetailsKind::FieldErrors {
        error = error.with_field_error("name", "Expected string, received number");
    }
    Some(error.into_response())
}

fn example_arg(name: &str, ty: ParamType) -> Arg {
    match ty {
        ParamType::String => Arg::from(format!("<{name}>")),
        ParamType::Integer => Arg::Int(-3),
        ParamType::Unsigned => Arg::Uint(42),
        ParamType::Float => Arg::Float(0.5),
        ParamType::Bool => Arg::Bool(true),
    }
}

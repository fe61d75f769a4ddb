//! `GET /demo/{catalog}/{code}`: any code of the fold catalog or of the
//! example catalogs, rendered in its catalog's wire shape with the example
//! values the generated docs show (`errcat::example`: `<name>` for strings,
//! 42 for unsigned, a `name` field error, request id `req_xyz123`), so
//! clients in other languages can be tested against every shape the
//! runtime writes.
//! `Accept: application/problem+json` turns any of them into RFC 9457.

use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use errcat::ErrorCode;

use crate::errors::ApiError;

pub async fn render(Path((catalog, code)): Path<(String, String)>) -> Response {
    let error = match catalog.as_str() {
        "fold" => example::<fold_errors::FoldErrorCode>(&code),
        "workspaces" => example::<workspaces_errors::WorkspacesErrorCode>(&code),
        "function-compute" => example::<function_compute_errors::FunctionComputeErrorCode>(&code),
        "billing" => example::<billing_errors::BillingErrorCode>(&code),
        "postgres" => example::<postgres_errors::PostgresErrorCode>(&code),
        _ => None,
    };
    error.unwrap_or_else(|| ApiError::NoSuchRoute.into_response())
}

/// The runtime's example error of the code: what the generated docs show
/// for it, as a service sends it.
fn example<C: ErrorCode>(code: &str) -> Option<Response> {
    Some(errcat::example::error(C::parse(code)?).into_response())
}

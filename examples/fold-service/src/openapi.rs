//! The service's own OpenAPI document, `GET /openapi.json`. Its error
//! responses are not written here: each operation names the enums its
//! handler can answer with, and the derive lists their codes from the
//! catalog, so the document cannot drift from what the service sends.

use axum::Json;
use fold_errors::FoldErrorCode;
use utoipa::OpenApi;

use crate::routes;

// ANCHOR: document
/// The schemas the error responses refer to: the fold catalog's codes and
/// wire shapes. utoipa's attribute takes a path, so it is named here.
const ERROR_SCHEMAS: errcat::openapi::Schemas<FoldErrorCode> = errcat::openapi::Schemas::NEW;

#[derive(OpenApi)]
#[openapi(
    info(title = "Fold API", description = "Functions, deploys, bindings and custom domains."),
    paths(
        routes::list_functions,
        routes::get_function,
        routes::create_function,
        routes::deploy,
        routes::rollback,
        routes::list_bindings,
        routes::create_binding,
        routes::create_domain,
    ),
    modifiers(&ERROR_SCHEMAS),
)]
pub struct Api;
// ANCHOR_END: document

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(Api::openapi())
}

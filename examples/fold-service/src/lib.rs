//! An example service of the Fold platform (api.fold.run), in memory:
//! functions with deployed versions, bindings and custom domains, behind
//! bearer tokens and a per-organization rate limit. Every error it answers
//! with is a code of the fold catalog, raised as a variant of the service's
//! own enums (`errors`), mapped by `#[derive(errcat::ApiError)]`.
//!
//! Demo tokens (`Authorization: Bearer <token>`): `fold_admin_acme`,
//! `fold_deployer_acme`, `fold_viewer_acme` (organization `acme`, Pro plan)
//! and `fold_admin_globex` (organization `globex`, Free plan).
//!
//! | route | what |
//! |---|---|
//! | `GET, POST /v1/functions` | list, create (and deploy version 1) |
//! | `GET /v1/functions/{id}` | one function |
//! | `POST /v1/functions/{id}/deploys` | deploy a new version |
//! | `POST /v1/functions/{id}/rollback` | activate an earlier version |
//! | `GET, POST /v1/bindings` | list, create (admins) |
//! | `POST /v1/domains` | add a custom domain (admins, Pro plan) |
//! | `GET /demo/{catalog}/{code}` | any code of `fold`, `workspaces`, `function-compute`, `billing`, `postgres`, rendered |
//! | `GET /openapi.json` | the API's OpenAPI document, each operation with the codes it can answer with |
//! | gRPC `fold.v1.Functions/GetFunction` | one function, errors as `google.rpc.Status` details |

pub mod auth;
pub mod demo;
pub mod errors;
pub mod grpc;
pub mod limit;
pub mod openapi;
pub mod routes;
pub mod store;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::Router;
use axum::routing::get;
use fold_errors::FoldErrorCode;

use crate::limit::RateLimiter;
use crate::store::Store;

/// The documented default: 100 requests a minute per organization.
pub const DEFAULT_RATE_LIMIT: u64 = 100;

/// Shared state of the service.
#[derive(Debug)]
pub struct App {
    store: Mutex<Store>,
    limiter: RateLimiter,
}

impl App {
    pub fn new(rate_limit: u64) -> Self {
        App {
            store: Mutex::new(Store::seeded()),
            limiter: RateLimiter::new(rate_limit),
        }
    }

    /// The store. Handlers never leave it half-updated across a panic (each
    /// mutation is a single insert or push), so a poisoned lock is still
    /// consistent and is used as it is.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The whole service: the API behind authentication and the rate limit,
/// the demo renderer, and RFC 9457 for clients that ask for it. Whatever
/// axum answers on its own (a body that is not JSON, a path with no route, a
/// method the path does not take) is a catalog code too.
pub fn router(app: Arc<App>) -> Router {
    // On the routes only: a path with no route is `NOT_FOUND` for anyone.
    let api = routes::api().route_layer(axum::middleware::from_fn_with_state(
        app.clone(),
        auth::guard,
    ));
    Router::new()
        .merge(api)
        .route("/demo/{catalog}/{code}", get(demo::render))
        .route("/openapi.json", get(openapi::document))
        // gRPC answers in its own status, not in catalog bodies; only its
        // service's paths go to it, so every other path stays `NOT_FOUND`.
        .route_service("/fold.v1.Functions/{*method}", grpc::service(app.clone()))
        .layer(rejections().layer())
        .with_state(app)
}

// ANCHOR: rejections
/// The fold code of each class of answer axum gives on its own. A JSON body
/// of the wrong structure (axum's 422) is a `VALIDATION_ERROR` like any
/// other field the API rejects, with axum's reason under `body`.
fn rejections() -> errcat::axum::Rejections<FoldErrorCode> {
    errcat::axum::Rejections {
        bad_request: FoldErrorCode::ValidationError,
        unprocessable: FoldErrorCode::ValidationError,
        unsupported_media_type: FoldErrorCode::UnsupportedMediaType,
        payload_too_large: FoldErrorCode::PayloadTooLarge,
        not_found: FoldErrorCode::NotFound,
        method_not_allowed: FoldErrorCode::MethodNotAllowed,
        other_client_error: FoldErrorCode::ValidationError,
        server_error: FoldErrorCode::InternalError,
        statuses: &[],
    }
}
// ANCHOR_END: rejections

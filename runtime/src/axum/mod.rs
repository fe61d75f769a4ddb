//! axum integration (feature `axum`).
//!
//! An error returned from a handler renders in its own shape. A router
//! takes one layer, [`Rejections::layer`], and then every error response
//! from the routes and fallback inside it is a catalog error in the shape
//! the request's `Accept` prefers (RFC 9457 when `application/problem+json`
//! weighs more than the error's own content type, as RFC 9110 says), with
//! `Vary: accept`: the error rides along in the response's extensions, so
//! the layer re-renders it without the handler knowing about `Accept`, and
//! axum's own answers (rejections, 404, 405) become the codes the
//! [`Rejections`] name. Layers added outside it, routers merged after it,
//! and what hyper answers before a request reaches axum (a malformed
//! request line, headers too large) are not covered. A router that wants
//! only the negotiation takes the [`negotiate`] middleware instead.
//!
//! ```ignore
//! let app = Router::new()
//!     .route("/v1/functions", get(list).post(create))
//!     .layer(errcat::axum::Rejections { /* a code per class */ }.layer());
//! // or, for the negotiation alone:
//! let app = Router::new()
//!     .route("/", get(handler))
//!     .layer(axum::middleware::from_fn(errcat::axum::negotiate));
//! ```

use std::sync::Arc;

use ::axum::body::Body;
use ::axum::extract::Request;
use ::axum::middleware::Next;
pub use ::axum::response::{IntoResponse, Response};
use http::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderValue};

use crate::catalog::{ErrorCode, WireShape};
use crate::error::Error;

mod catalog_only;

pub use catalog_only::{CatalogOnly, CatalogOnlyLayer, Rejections};

/// The error behind a response, type-erased so middleware that does not
/// know the catalog can re-render it.
trait Rerender: Send + Sync {
    fn shape(&self) -> WireShape;
    fn to_json(&self, shape: WireShape) -> String;
}

impl<C: ErrorCode> Rerender for Error<C> {
    fn shape(&self) -> WireShape {
        Error::shape(self)
    }

    fn to_json(&self, shape: WireShape) -> String {
        Error::to_json(self, shape)
    }
}

#[derive(Clone)]
struct Rendered(Arc<dyn Rerender>);

impl<C: ErrorCode> IntoResponse for Error<C> {
    fn into_response(self) -> Response {
        // Where an error leaves the service: logged once, with its cause.
        #[cfg(feature = "tracing")]
        crate::trace::log(&self);
        let mut response = self.to_response().map(Body::from);
        response.extensions_mut().insert(Rendered(Arc::new(self)));
        response
    }
}

/// Middleware (`axum::middleware::from_fn(negotiate)`): an errcat error
/// response is re-rendered in the shape the request's `Accept` prefers
/// ([`Error::negotiate`]: RFC 9457 when `application/problem+json` weighs
/// more than the error's own content type), and gets `Vary: accept`. Status
/// and headers other than `Content-Type` are kept as the handler and inner
/// layers left them. [`Rejections::layer`] does this too, and also brings
/// axum's own error responses into the catalog.
pub async fn negotiate(request: Request, next: Next) -> Response {
    let accept = accept_of(request.headers());
    renegotiate(&accept, next.run(request).await)
}

/// The request's `Accept` fields, kept for after the handler has run.
fn accept_of(request_headers: &HeaderMap) -> HeaderMap {
    let mut accept = HeaderMap::new();
    for value in request_headers.get_all(ACCEPT) {
        accept.append(ACCEPT, value.clone());
    }
    accept
}

/// An errcat error response in the shape `accept` prefers, with `Vary`; any
/// other response as it is.
fn renegotiate(accept: &HeaderMap, mut response: Response) -> Response {
    let Some(Rendered(error)) = response.extensions().get::<Rendered>().cloned() else {
        return response;
    };
    crate::accept::vary_on_accept(response.headers_mut());
    let shape = crate::accept::choose(accept, error.shape());
    if shape == error.shape() {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    parts
        .headers
        .insert(CONTENT_TYPE, HeaderValue::from_static(shape.content_type()));
    Response::from_parts(parts, Body::from(error.to_json(shape)))
}

/// Implements `IntoResponse` for a generated error type that converts into
/// [`Error`] (through `__impl_into_response`).
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_axum_response {
    ($ty:ty) => {
        impl $crate::axum::IntoResponse for $ty {
            fn into_response(self) -> $crate::axum::Response {
                $crate::axum::IntoResponse::into_response($crate::Error::from(self))
            }
        }
    };
}

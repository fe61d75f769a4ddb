//! axum integration (feature `axum`).
//!
//! An error returned from a handler renders in its own shape. Add the
//! [`negotiate`] middleware to honour `Accept: application/problem+json`:
//! the error rides along in the response's extensions, so the middleware can
//! re-render it as RFC 9457 without the handler knowing about `Accept`.
//!
//! ```ignore
//! let app = Router::new()
//!     .route("/", get(handler))
//!     .layer(axum::middleware::from_fn(errcat::axum::negotiate));
//! ```

use std::sync::Arc;

use ::axum::body::Body;
use ::axum::extract::Request;
use ::axum::middleware::Next;
pub use ::axum::response::{IntoResponse, Response};
use http::header::{CONTENT_TYPE, HeaderValue};

use crate::catalog::{ErrorCode, WireShape};
use crate::error::Error;

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
        let mut response = self.to_response().map(Body::from);
        response.extensions_mut().insert(Rendered(Arc::new(self)));
        response
    }
}

/// Middleware (`axum::middleware::from_fn(negotiate)`): when the request's
/// `Accept` asks for `application/problem+json`, an errcat error response is
/// re-rendered as RFC 9457. Status and headers other than `Content-Type` are
/// kept as the handler and inner layers left them.
pub async fn negotiate(request: Request, next: Next) -> Response {
    let wants_problem = crate::render::accepts_problem(request.headers());
    let response = next.run(request).await;
    if !wants_problem {
        return response;
    }
    let Some(Rendered(error)) = response.extensions().get::<Rendered>().cloned() else {
        return response;
    };
    if error.shape() == WireShape::Problem {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    parts.headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(WireShape::Problem.content_type()),
    );
    Response::from_parts(parts, Body::from(error.to_json(WireShape::Problem)))
}

/// Implements `IntoResponse` for a generated error type that converts into
/// [`Error`]. Generated crates invoke it unconditionally; it expands to
/// nothing unless `errcat` is built with the `axum` feature.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_into_response {
    ($ty:ty) => {
        impl $crate::axum::IntoResponse for $ty {
            fn into_response(self) -> $crate::axum::Response {
                $crate::axum::IntoResponse::into_response($crate::Error::from(self))
            }
        }
    };
}

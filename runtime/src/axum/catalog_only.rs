//! Every error response in the catalog: what axum answers on its own (its
//! extractors' rejections, the 404 fallback, `405 Method Not Allowed`) and a
//! handler's bare `StatusCode` become the catalog codes a service declared,
//! in the negotiated shape.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use ::axum::body::{Body, to_bytes};
use ::axum::extract::Request;
use ::axum::response::{IntoResponse, Response};
use http::header;
use http::response::Parts;
use tower_layer::Layer;
use tower_service::Service;

use super::{Rendered, accept_of, renegotiate};
use crate::catalog::{DetailsKind, ErrorCode};
use crate::error::Error;

/// The catalog code for each class of error response that does not come
/// from the catalog, classified by its status. A struct literal names every
/// class, so a service cannot forget one; a class added in a later version
/// of errcat fails to compile until it is mapped.
///
/// The rejection's own text (axum's `Failed to parse the request body as
/// JSON: …`) is the error's source, logged and never sent; for a client
/// error whose code declares `details = "field_errors"` it is also a field
/// error, under `body`, `path`, `query` or `request` as axum's text says.
///
/// ```ignore
/// let app = Router::new()
///     .route("/v1/functions", get(list).post(create))
///     .layer(errcat::axum::Rejections {
///         bad_request: FoldErrorCode::ValidationError,
///         unprocessable: FoldErrorCode::ValidationError,
///         unsupported_media_type: FoldErrorCode::UnsupportedMediaType,
///         payload_too_large: FoldErrorCode::PayloadTooLarge,
///         not_found: FoldErrorCode::NotFound,
///         method_not_allowed: FoldErrorCode::MethodNotAllowed,
///         other_client_error: FoldErrorCode::ValidationError,
///         server_error: FoldErrorCode::InternalError,
///     }.layer());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rejections<C> {
    /// `400`: a JSON body that does not parse, path or query parameters that
    /// do not deserialize, invalid UTF-8 in the path or the body, a body
    /// that fails to arrive.
    pub bad_request: C,
    /// `422`: a JSON body of the wrong structure (a missing field, a wrong
    /// type), a form body that does not deserialize.
    pub unprocessable: C,
    /// `415`: a JSON or form body without its `Content-Type`.
    pub unsupported_media_type: C,
    /// `413`: a body over the limit (`DefaultBodyLimit`, 2 MB unless set).
    pub payload_too_large: C,
    /// `404`: no route matches the path.
    pub not_found: C,
    /// `405`: the path has routes, but not for this method. The response
    /// keeps axum's `Allow` header.
    pub method_not_allowed: C,
    /// Any other `4xx` that a handler or a layer answers without the catalog.
    pub other_client_error: C,
    /// Any `5xx` without the catalog: a missing extension or state, a path
    /// extractor of the wrong arity, a handler's bare `500`.
    pub server_error: C,
}

impl<C: ErrorCode> Rejections<C> {
    /// The layer that applies this mapping and negotiates the shape of every
    /// errcat error response (as [`negotiate`](super::negotiate) does), so a
    /// router needs only this one.
    ///
    /// # Panics
    ///
    /// When a class is mapped to a code whose message needs parameters: a
    /// rejection has no values for them. The message names the class, the
    /// code and its parameters. It panics when the router is built, before
    /// any request is served, as axum does for overlapping routes.
    #[must_use]
    pub fn layer(self) -> CatalogOnlyLayer<C> {
        for (class, code) in self.classes() {
            let info = code.info();
            if !info.params.is_empty() {
                let params: Vec<String> = info
                    .params
                    .iter()
                    .map(|p| format!("{{{}}}", p.name))
                    .collect();
                panic!(
                    "errcat::axum::Rejections: `{class}` is `{}`, whose message needs {}; \
                     a rejection has no values for them, so map `{class}` to a code without parameters",
                    info.code,
                    params.join(", "),
                );
            }
        }
        CatalogOnlyLayer { rejections: self }
    }

    fn classes(&self) -> [(&'static str, C); 8] {
        [
            ("bad_request", self.bad_request),
            ("unprocessable", self.unprocessable),
            ("unsupported_media_type", self.unsupported_media_type),
            ("payload_too_large", self.payload_too_large),
            ("not_found", self.not_found),
            ("method_not_allowed", self.method_not_allowed),
            ("other_client_error", self.other_client_error),
            ("server_error", self.server_error),
        ]
    }

    fn code_for(&self, status: http::StatusCode) -> C {
        match status.as_u16() {
            400 => self.bad_request,
            404 => self.not_found,
            405 => self.method_not_allowed,
            413 => self.payload_too_large,
            415 => self.unsupported_media_type,
            422 => self.unprocessable,
            500.. => self.server_error,
            _ => self.other_client_error,
        }
    }
}

/// The layer of [`Rejections::layer`].
#[derive(Debug, Clone, Copy)]
pub struct CatalogOnlyLayer<C> {
    rejections: Rejections<C>,
}

impl<S, C: ErrorCode> Layer<S> for CatalogOnlyLayer<C> {
    type Service = CatalogOnly<S, C>;

    fn layer(&self, inner: S) -> Self::Service {
        CatalogOnly {
            inner,
            rejections: self.rejections,
        }
    }
}

/// The service of [`CatalogOnlyLayer`], around a router's routes.
#[derive(Debug, Clone)]
pub struct CatalogOnly<S, C> {
    inner: S,
    rejections: Rejections<C>,
}

impl<S, C> Service<Request> for CatalogOnly<S, C>
where
    S: Service<Request, Error = Infallible>,
    S::Response: IntoResponse,
    S::Future: Send + 'static,
    C: ErrorCode + Send + Sync + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let accept = accept_of(request.headers());
        let rejections = self.rejections;
        let response = self.inner.call(request);
        Box::pin(async move {
            let response = response.await?.into_response();
            let response = if response.status().as_u16() >= 400
                && response.extensions().get::<Rendered>().is_none()
            {
                into_catalog(response, &rejections).await
            } else {
                response
            };
            Ok(renegotiate(&accept, response))
        })
    }
}

/// The largest rejection text read back: axum's are a line or two; a bigger
/// body is some page that says nothing a catalog error could carry.
const MAX_TEXT: usize = 4096;

/// The catalog error for an error response from outside the catalog, with
/// the original's headers that are not about its body (axum's `Allow`, a
/// layer's `RateLimit-*`).
async fn into_catalog<C: ErrorCode>(response: Response, rejections: &Rejections<C>) -> Response {
    let (parts, body) = response.into_parts();
    let mut error = Error::new(rejections.code_for(parts.status), Vec::new());
    if let Some(text) = plain_text(&parts, body).await {
        if error.info().details == DetailsKind::FieldErrors && !error.info().is_server_error() {
            error = error.with_field_error(request_part(&text), text.clone());
        }
        error = error.with_source(text);
    }
    let mut converted = error.into_response();
    for (name, value) in &parts.headers {
        if !is_about_the_body(name) && !converted.headers().contains_key(name) {
            converted.headers_mut().append(name, value.clone());
        }
    }
    converted
}

async fn plain_text(parts: &Parts, body: Body) -> Option<String> {
    let content_type = parts.headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    if !content_type.starts_with("text/plain") {
        return None;
    }
    let bytes = to_bytes(body, MAX_TEXT).await.ok()?;
    let text = String::from_utf8(bytes.to_vec()).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// Which part of the request axum's rejection text is about, from the
/// wording of its rejections (pinned by this crate's tests against axum).
fn request_part(text: &str) -> &'static str {
    const BODY: [&str; 7] = [
        "Failed to parse the request body",
        "Failed to deserialize the JSON body",
        "Expected request with `Content-Type",
        "Failed to buffer the request body",
        "Request body didn't contain valid UTF-8",
        "Form requests must have",
        "Failed to deserialize form",
    ];
    if BODY.iter().any(|prefix| text.starts_with(prefix)) {
        "body"
    } else if text.starts_with("Invalid URL") {
        "path"
    } else if text.starts_with("Failed to deserialize query string") {
        "query"
    } else {
        "request"
    }
}

/// Headers that describe the replaced body, not the response.
fn is_about_the_body(name: &header::HeaderName) -> bool {
    [
        header::CONTENT_TYPE,
        header::CONTENT_LENGTH,
        header::CONTENT_ENCODING,
        header::CONTENT_LANGUAGE,
        header::CONTENT_LOCATION,
        header::CONTENT_RANGE,
        header::TRANSFER_ENCODING,
        header::ETAG,
        header::LAST_MODIFIED,
    ]
    .contains(name)
}

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
use crate::error::{Arg, Error};
use crate::render::ErrorReport;

/// The catalog code for each class of error response that does not come
/// from the catalog, classified by its status. A struct literal names every
/// class, so a service cannot forget one; a class added in a later version
/// of errcat fails to compile until it is mapped.
///
/// What the original said becomes the error's source, logged (with the
/// `tracing` feature) and never sent: axum's text, or the status, type and
/// size of another body. One thing reaches the client: when axum rejected
/// the request's body, path or query with a 4xx and the code declares
/// `details = "field_errors"`, axum's reason (`Failed to parse the request
/// body as JSON: …`) is a field error under `body`, `path` or `query`.
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
///         statuses: &[(401, FoldErrorCode::AuthRequired)],
///     }.layer());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rejections<C: 'static> {
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
    /// Codes for particular statuses, before the classes above: a layer's
    /// `401` or `503` keeps its meaning instead of becoming
    /// `other_client_error` or `server_error`.
    pub statuses: &'static [(u16, C)],
}

impl<C: ErrorCode> Rejections<C> {
    /// The layer that applies this mapping and negotiates the shape of every
    /// errcat error response (as [`negotiate`](super::negotiate) does), so a
    /// router needs only this one.
    ///
    /// # Panics
    ///
    /// When a class is mapped to a code of the other kind (a client class to
    /// a 5xx code, `server_error` to a 4xx one), or to a code whose message
    /// needs parameters, which a rejection has no values for (except `allow`
    /// for `method_not_allowed`: axum's `Allow`). The message names the
    /// class and the code. It panics when the router is built, before any
    /// request is served, as axum does for overlapping routes.
    #[must_use]
    #[track_caller]
    pub fn layer(self) -> CatalogOnlyLayer<C> {
        for (i, (status, _)) in self.statuses.iter().enumerate() {
            assert!(
                (400..=599).contains(status),
                "errcat::axum::Rejections: `statuses` maps {status}, which is not an error status; \
                 list only statuses from 400 to 599"
            );
            assert!(
                !self.statuses[..i].iter().any(|(s, _)| s == status),
                "errcat::axum::Rejections: `statuses` maps {status} twice; keep one"
            );
        }
        for (class, code, server, status) in self.classes() {
            let info = code.info();
            if info.is_server_error() != server {
                let (wanted, found) = if server {
                    ("a 5xx", "a client error")
                } else {
                    ("a 4xx", "a server error")
                };
                panic!(
                    "errcat::axum::Rejections: `{class}` is `{}`, {found} ({}); \
                     map `{class}` to {wanted} code",
                    info.code, info.status,
                );
            }
            let fillable: &[&str] = if status == Some(405) { &["allow"] } else { &[] };
            let unfilled: Vec<String> = info
                .params
                .iter()
                .filter(|p| !fillable.contains(&p.name))
                .map(|p| format!("{{{}}}", p.name))
                .collect();
            if !unfilled.is_empty() {
                panic!(
                    "errcat::axum::Rejections: `{class}` is `{}`, whose message needs {}; \
                     a rejection has no values for them, so map `{class}` to a code without parameters",
                    info.code,
                    unfilled.join(", "),
                );
            }
        }
        CatalogOnlyLayer { rejections: self }
    }

    /// Every mapping: its name, its code, whether it is for 5xx, and the
    /// one status it answers, if it answers one.
    fn classes(&self) -> Vec<(String, C, bool, Option<u16>)> {
        let mut classes: Vec<(String, C, bool, Option<u16>)> = [
            ("bad_request", self.bad_request, Some(400)),
            ("unprocessable", self.unprocessable, Some(422)),
            (
                "unsupported_media_type",
                self.unsupported_media_type,
                Some(415),
            ),
            ("payload_too_large", self.payload_too_large, Some(413)),
            ("not_found", self.not_found, Some(404)),
            ("method_not_allowed", self.method_not_allowed, Some(405)),
            ("other_client_error", self.other_client_error, None),
        ]
        .into_iter()
        .map(|(class, code, status)| (class.to_owned(), code, false, status))
        .collect();
        classes.push(("server_error".to_owned(), self.server_error, true, None));
        for (status, code) in self.statuses {
            classes.push((
                format!("statuses: {status}"),
                *code,
                *status >= 500,
                Some(*status),
            ));
        }
        classes
    }

    fn code_for(&self, status: http::StatusCode) -> C {
        let status = status.as_u16();
        if let Some((_, code)) = self.statuses.iter().find(|(s, _)| *s == status) {
            return *code;
        }
        match status {
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
pub struct CatalogOnlyLayer<C: 'static> {
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
pub struct CatalogOnly<S, C: 'static> {
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
            let from_catalog = response.extensions().get::<Rendered>().is_some()
                || response.extensions().get::<ErrorReport>().is_some();
            let response = if response.status().as_u16() >= 400 && !from_catalog {
                into_catalog(response, &rejections).await
            } else {
                response
            };
            Ok(renegotiate(&accept, response))
        })
    }
}

/// The largest body read back: axum's rejections are a line or two, and a
/// longer text is cut here for the log.
const MAX_TEXT: usize = 4096;

/// The catalog error for an error response from outside the catalog, with
/// the original's extensions and its headers that are not about its body
/// (a layer's `RateLimit-*`, `Set-Cookie`, `Vary`; its `Retry-After` over
/// the code's default).
async fn into_catalog<C: ErrorCode>(response: Response, rejections: &Rejections<C>) -> Response {
    let (parts, body) = response.into_parts();
    let code = rejections.code_for(parts.status);
    let args = code
        .info()
        .params
        .iter()
        .map(|param| {
            if param.name == "allow" && parts.status == http::StatusCode::METHOD_NOT_ALLOWED {
                let lines: Vec<_> = parts
                    .headers
                    .get_all(header::ALLOW)
                    .iter()
                    .map(|line| String::from_utf8_lossy(line.as_bytes()).into_owned())
                    .collect();
                Arg::from(lines.join(", "))
            } else {
                Arg::from("")
            }
        })
        .collect();
    let mut error = Error::new(code, args);
    let said = what_it_said(&parts, body).await;
    if let Said::Text(text) = &said
        && parts.status.is_client_error()
        && !error.info().is_server_error()
        && error.info().details == DetailsKind::FieldErrors
        && let Some(part) = request_part(text)
    {
        error = error.with_field_error(part, text.clone());
    }
    error = error.with_source(said.describe(parts.status));
    let mut converted = error.into_response();
    // The catalog's headers stand, except `Retry-After`: the original's
    // own wait is more precise than the code's default.
    let catalogs: Vec<header::HeaderName> = converted
        .headers()
        .keys()
        .filter(|name| **name != header::RETRY_AFTER)
        .cloned()
        .collect();
    let mut kept = http::HeaderMap::new();
    for (name, value) in &parts.headers {
        if !is_about_the_body(name) && !catalogs.contains(name) {
            kept.append(name, value.clone());
        }
    }
    for name in kept.keys() {
        converted.headers_mut().remove(name);
    }
    for (name, value) in &kept {
        converted.headers_mut().append(name, value.clone());
    }
    let mut extensions = parts.extensions;
    extensions.extend(std::mem::take(converted.extensions_mut()));
    *converted.extensions_mut() = extensions;
    converted
}

/// The original body, as far as the log needs it.
enum Said {
    Nothing,
    Text(String),
    Other {
        content_type: String,
        bytes: usize,
    },
    /// Over the limit read back, or failing as it was read.
    Unread {
        content_type: String,
    },
}

impl Said {
    fn describe(&self, status: http::StatusCode) -> String {
        match self {
            Said::Text(text) => text.clone(),
            Said::Nothing => format!(
                "a {} answer outside the catalog, with no body",
                status.as_u16()
            ),
            Said::Other {
                content_type,
                bytes,
            } => format!(
                "a {} answer outside the catalog: {content_type}, {bytes} bytes",
                status.as_u16()
            ),
            Said::Unread { content_type } => format!(
                "a {} answer outside the catalog: {content_type}, more than {} bytes or unreadable",
                status.as_u16(),
                MAX_TEXT * 4
            ),
        }
    }
}

async fn what_it_said(parts: &Parts, body: Body) -> Said {
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let is_text = content_type.as_deref().is_some_and(|t| {
        t.get(..10)
            .is_some_and(|p| p.eq_ignore_ascii_case("text/plain"))
    });
    let Ok(bytes) = to_bytes(body, MAX_TEXT * 4).await else {
        return Said::Unread {
            content_type: content_type.unwrap_or_else(|| "no content type".to_owned()),
        };
    };
    if bytes.is_empty() {
        return Said::Nothing;
    }
    if !is_text {
        return Said::Other {
            content_type: content_type.unwrap_or_else(|| "no content type".to_owned()),
            bytes: bytes.len(),
        };
    }
    let text = String::from_utf8_lossy(&bytes);
    let mut end = text.len().min(MAX_TEXT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Said::Text(text[..end].trim().to_owned())
}

/// Which part of the request axum's rejection text is about, from the
/// wording of its rejections (pinned by this crate's tests against axum);
/// `None` for any other text, which stays in the log.
fn request_part(text: &str) -> Option<&'static str> {
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
        Some("body")
    } else if text.starts_with("Invalid URL") {
        Some("path")
    } else if text.starts_with("Failed to deserialize query string") {
        Some("query")
    } else {
        None
    }
}

/// Headers that describe the replaced body, not the response.
fn is_about_the_body(name: &header::HeaderName) -> bool {
    const DIGESTS: [&str; 3] = ["content-digest", "repr-digest", "digest"];
    [
        header::CONTENT_TYPE,
        header::CONTENT_LENGTH,
        header::CONTENT_ENCODING,
        header::CONTENT_LANGUAGE,
        header::CONTENT_LOCATION,
        header::CONTENT_DISPOSITION,
        header::TRANSFER_ENCODING,
        header::ETAG,
        header::LAST_MODIFIED,
    ]
    .contains(name)
        || DIGESTS.contains(&name.as_str())
}

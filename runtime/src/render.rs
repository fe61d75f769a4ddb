//! Bodies, headers and responses in every wire shape.
//!
//! Bodies are `Serialize` views over the error, so a body is written straight
//! into the output (the message is streamed from its template) and there is
//! one serializer per shape for every catalog instead of a derive per code.

use std::error::Error as StdError;
use std::fmt::Write as _;

use http::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::catalog::{ErrorCode, Resolve, WireShape};
use crate::error::{Error, PublicDetails};

/// `RateLimit-Limit` (IETF draft `ratelimit-headers`).
pub const RATELIMIT_LIMIT: HeaderName = HeaderName::from_static("ratelimit-limit");
/// `RateLimit-Remaining`.
pub const RATELIMIT_REMAINING: HeaderName = HeaderName::from_static("ratelimit-remaining");
/// `RateLimit-Reset`.
pub const RATELIMIT_RESET: HeaderName = HeaderName::from_static("ratelimit-reset");

/// An error's body in one shape; serialize it with any serde serializer.
pub struct Body<'a, C: ErrorCode> {
    error: &'a Error<C>,
    shape: WireShape,
}

/// What a rendered response carries in its extensions, so middleware can log
/// what the client was not told (source chain, server-error details) next to
/// the request id, with whatever logger the service uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorReport {
    /// The wire code.
    pub code: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The request id, when one was attached.
    pub request_id: Option<String>,
    /// [`Error::log_line`].
    pub log_line: String,
}

impl<C: ErrorCode> Error<C> {
    /// The body in `shape`, as a serializable view.
    #[must_use]
    pub fn body(&self, shape: WireShape) -> Body<'_, C> {
        Body { error: self, shape }
    }

    /// The body in `shape`, as JSON text.
    ///
    /// # Panics
    ///
    /// Never: a body is a map of strings, numbers and JSON values, which
    /// always serialize.
    #[must_use]
    pub fn to_json(&self, shape: WireShape) -> String {
        serde_json::to_string(&self.body(shape))
            .expect("error bodies are maps of strings, numbers and JSON values")
    }

    /// The response headers in `shape`: `Content-Type`, `Retry-After` when
    /// the code or the service gives a value, `RateLimit-*` when supplied.
    #[must_use]
    pub fn headers(&self, shape: WireShape) -> HeaderMap {
        let mut headers = HeaderMap::with_capacity(5);
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(shape.content_type()));
        if let Some(seconds) = self.retry_after() {
            headers.insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        if let Some(rate) = self.rate_limit() {
            headers.insert(RATELIMIT_LIMIT, HeaderValue::from(rate.limit));
            headers.insert(RATELIMIT_REMAINING, HeaderValue::from(rate.remaining));
            headers.insert(RATELIMIT_RESET, HeaderValue::from(rate.reset));
        }
        headers
    }

    /// The whole response in `shape`, whatever the catalog's choice. Its
    /// extensions carry an [`ErrorReport`] for the server's logs.
    #[must_use]
    pub fn render(&self, shape: WireShape) -> http::Response<String> {
        let mut response = http::Response::new(self.to_json(shape));
        *response.status_mut() = self.status();
        *response.headers_mut() = self.headers(shape);
        response.extensions_mut().insert(ErrorReport {
            code: self.info().code,
            status: self.info().status,
            request_id: self.request_id().map(str::to_owned),
            log_line: self.log_line(),
        });
        response
    }

    /// The response in the error's own shape ([`Error::shape`]).
    #[must_use]
    pub fn to_response(&self) -> http::Response<String> {
        self.render(self.shape())
    }

    /// The shape to answer a request with: RFC 9457 when its `Accept` asks
    /// for `application/problem+json`, the error's own shape otherwise.
    #[must_use]
    pub fn negotiate(&self, request_headers: &HeaderMap) -> WireShape {
        if accepts_problem(request_headers) {
            WireShape::Problem
        } else {
            self.shape()
        }
    }

    /// The response to a request with these headers (see [`Error::negotiate`]).
    #[must_use]
    pub fn respond(&self, request_headers: &HeaderMap) -> http::Response<String> {
        self.render(self.negotiate(request_headers))
    }

    /// One line for the server's log: code, status, request id, message,
    /// details and the whole source chain — everything a client of a server
    /// error does not see.
    #[must_use]
    pub fn log_line(&self) -> String {
        let mut line = format!("{} {}", self.info().code, self.info().status);
        if let Some(id) = self.request_id() {
            let _ = write!(line, " request_id={id}");
        }
        let _ = write!(line, ": {self}");
        if let Some(details) = self.details() {
            let _ = write!(line, " details={details}");
        }
        let mut cause = self.source();
        while let Some(err) = cause {
            let _ = write!(line, ": caused by: {err}");
            cause = err.source();
        }
        line
    }
}

/// Whether an `Accept` header lists `application/problem+json` with a
/// non-zero quality.
pub(crate) fn accepts_problem(request_headers: &HeaderMap) -> bool {
    request_headers
        .get_all(http::header::ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|range| {
            let mut parts = range.split(';').map(str::trim);
            let media = parts.next().unwrap_or_default();
            media.eq_ignore_ascii_case("application/problem+json")
                && !parts.any(|p| {
                    p.strip_prefix("q=")
                        .and_then(|q| q.trim().parse::<f32>().ok())
                        .is_some_and(|q| q <= 0.0)
                })
        })
}

/// The message, streamed from the template into the serializer.
struct Message<'a, C: ErrorCode>(&'a Error<C>);

impl<C: ErrorCode> Serialize for Message<'_, C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

impl Serialize for PublicDetails<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            PublicDetails::Empty => serializer.serialize_map(Some(0))?.end(),
            PublicDetails::Value(value) => value.serialize(serializer),
        }
    }
}

impl Serialize for Resolve {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let members = [
            ("message", self.message),
            ("url", self.url),
            ("action", self.action),
            ("method", self.method),
            ("endpoint", self.endpoint),
        ];
        let mut map = serializer.serialize_map(None)?;
        for (key, value) in members {
            if let Some(value) = value {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}

/// The inside of the nested shape's `error` member.
struct Nested<'a, C: ErrorCode>(&'a Error<C>);

impl<C: ErrorCode> Serialize for Nested<'_, C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let error = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", error.info().code)?;
        map.serialize_entry("message", &Message(error))?;
        if let Some(id) = error.request_id() {
            map.serialize_entry("request_id", id)?;
        }
        if let Some(details) = error.public_details() {
            map.serialize_entry("details", &details)?;
        }
        map.end()
    }
}

impl<C: ErrorCode> Serialize for Body<'_, C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let error = self.error;
        let info = error.info();
        let mut map = serializer.serialize_map(None)?;
        match self.shape {
            WireShape::Flat => {
                map.serialize_entry("error", &Message(error))?;
                map.serialize_entry("code", info.code)?;
                map.serialize_entry("details", &error.public_details())?;
                if let Some(hint) = info.hint {
                    map.serialize_entry("hint", hint)?;
                }
            }
            WireShape::Nested => map.serialize_entry("error", &Nested(error))?,
            WireShape::ErrorCode => {
                map.serialize_entry("errorCode", info.code)?;
                map.serialize_entry("errorMessage", &Message(error))?;
            }
            WireShape::Problem => {
                map.serialize_entry("type", info.docs_url)?;
                map.serialize_entry("title", info.title)?;
                map.serialize_entry("status", &info.status)?;
                map.serialize_entry("detail", &Message(error))?;
                if let Some(id) = error.request_id() {
                    map.serialize_entry("instance", id)?;
                }
                map.serialize_entry("error_code", info.code)?;
                if let Some(details) = error.public_details() {
                    map.serialize_entry("details", &details)?;
                }
                if let Some(resolve) = &info.resolve {
                    map.serialize_entry("resolve", resolve)?;
                }
            }
            WireShape::OAuth2 => {
                map.serialize_entry("error", info.code)?;
                map.serialize_entry("error_description", &Message(error))?;
            }
        }
        map.end()
    }
}

//! The error value: a code, its typed arguments, and what the service adds at
//! run time (source, request id, details, rate-limit state).

use std::borrow::Cow;
use std::error::Error as StdError;
use std::fmt;

use crate::catalog::{CodeInfo, DetailsKind, ErrorCode, Piece};
use crate::shape::{Details, WireShape};

/// One argument of a message template, typed as the catalog declares it.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// `string`.
    Str(Cow<'static, str>),
    /// `integer`.
    Int(i64),
    /// `unsigned`.
    Uint(u64),
    /// `float`.
    Float(f64),
    /// `bool`.
    Bool(bool),
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Str(s) => f.write_str(s),
            Arg::Int(n) => fmt::Display::fmt(n, f),
            Arg::Uint(n) => fmt::Display::fmt(n, f),
            Arg::Float(x) => fmt::Display::fmt(x, f),
            Arg::Bool(b) => fmt::Display::fmt(b, f),
        }
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Int(n)
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Uint(n)
    }
}

impl From<f64> for Arg {
    fn from(x: f64) -> Self {
        Arg::Float(x)
    }
}

impl From<bool> for Arg {
    fn from(b: bool) -> Self {
        Arg::Bool(b)
    }
}

impl From<&'static str> for Arg {
    fn from(s: &'static str) -> Self {
        Arg::Str(Cow::Borrowed(s))
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(Cow::Owned(s))
    }
}

impl From<Cow<'static, str>> for Arg {
    fn from(s: Cow<'static, str>) -> Self {
        Arg::Str(s)
    }
}

/// What a constructor's `string` parameter takes: anything that becomes a
/// `Cow<'static, str>` (`&'static str`, `String`, `Cow`). A name of its own
/// keeps each of a large catalog's constructors on one line, in its source
/// and in rustdoc.
///
/// ```
/// use std::borrow::Cow;
///
/// fn message(text: impl errcat::IntoText) -> Cow<'static, str> {
///     text.into()
/// }
/// assert_eq!(message("static"), "static");
/// assert_eq!(message(format!("{} owned", 1)), "1 owned");
/// assert_eq!(message(Cow::Borrowed("cow")), "cow");
/// ```
pub trait IntoText: Into<Cow<'static, str>> {}

impl<T: Into<Cow<'static, str>>> IntoText for T {}

/// Rate-limit state for the `RateLimit-*` headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RateLimit {
    /// Requests allowed in the window.
    pub limit: u64,
    /// Requests left in the window.
    pub remaining: u64,
    /// Seconds until the window resets.
    pub reset: u64,
}

/// Anything that can be an error's source: any error, or a plain message.
pub type Source = Box<dyn StdError + Send + Sync + 'static>;

/// An error of a catalog: a code, the template's arguments, and what the
/// service attached. Boxed inside, so `Result<T, Error<C>>` stays one word.
pub struct Error<C: ErrorCode> {
    inner: Box<Inner<C>>,
}

struct Inner<C> {
    code: C,
    args: Vec<Arg>,
    details: Option<serde_json::Value>,
    source: Option<Source>,
    request_id: Option<Box<str>>,
    retry_after: Option<u32>,
    rate_limit: Option<RateLimit>,
    shape: Option<WireShape>,
}

impl<C: ErrorCode> Error<C> {
    /// An error with `code` and the template arguments in constructor order.
    /// Generated constructors call this with arguments of the declared types;
    /// a missing argument renders as an empty string rather than panicking.
    #[must_use]
    pub fn new(code: C, args: Vec<Arg>) -> Self {
        Error {
            inner: Box::new(Inner {
                code,
                args,
                details: None,
                source: None,
                request_id: None,
                retry_after: None,
                rate_limit: None,
                shape: None,
            }),
        }
    }

    /// The code.
    #[must_use]
    pub fn code(&self) -> C {
        self.inner.code
    }

    /// The code's catalog row.
    #[must_use]
    pub fn info(&self) -> &'static CodeInfo {
        self.inner.code.info()
    }

    /// The HTTP status.
    #[must_use]
    pub fn status(&self) -> http::StatusCode {
        status_of(self.info())
    }

    /// Static summary of the code (RFC 9457 `title`).
    #[must_use]
    pub fn title(&self) -> &'static str {
        self.info().title
    }

    /// What the caller should do about it, from the catalog.
    #[must_use]
    pub fn hint(&self) -> Option<&'static str> {
        self.info().hint
    }

    /// The rendered message template (what `Display` writes).
    #[must_use]
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// The template arguments, in constructor order.
    #[must_use]
    pub fn args(&self) -> &[Arg] {
        &self.inner.args
    }

    /// The argument named `name` in the catalog.
    #[must_use]
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        let position = self.info().params.iter().position(|p| p.name == name)?;
        self.inner.args.get(position)
    }

    /// Details attached with [`Error::with_details`] or
    /// [`Error::with_field_error`], as the server sees them (a server error
    /// never sends them to the client).
    #[must_use]
    pub fn details(&self) -> Option<&serde_json::Value> {
        self.inner.details.as_ref()
    }

    /// The request id, when one was attached.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }

    /// `Retry-After` in seconds, as the response's header says it: the
    /// value given at run time, else the code's `Retry-After` header value
    /// when the catalog gives one and it comes out a number, else the code's
    /// `retry_after`.
    #[must_use]
    pub fn retry_after(&self) -> Option<u32> {
        self.inner.retry_after.or_else(|| {
            self.info()
                .header_values
                .iter()
                .find(|h| h.name == "retry-after")
                .and_then(|h| {
                    crate::render::header_value(h.value, self.args())
                        .trim()
                        .parse()
                        .ok()
                })
                .or(self.info().retry_after)
        })
    }

    /// `Retry-After` as the service set it on this error, if it did.
    pub(crate) fn inner_retry_after(&self) -> Option<u32> {
        self.inner.retry_after
    }

    /// Rate-limit state, when supplied.
    #[must_use]
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.inner.rate_limit
    }

    /// The shape this error renders in by default: the one forced with
    /// [`Error::with_shape`], else the code's own, else the catalog's.
    #[must_use]
    pub fn shape(&self) -> WireShape {
        self.inner.shape.unwrap_or(self.info().shape)
    }

    /// The underlying cause, kept for the server's logs only.
    #[must_use]
    pub fn with_source(mut self, source: impl Into<Source>) -> Self {
        self.inner.source = Some(source.into());
        self
    }

    /// Replaces the details. Sent to clients only for codes that declare
    /// details and are not server errors.
    #[must_use]
    pub fn with_details(mut self, details: serde_json::Value) -> Self {
        self.inner.details = Some(details);
        self
    }

    /// Adds one field-level message, building
    /// `{"field": ["message", ...]}` in insertion order.
    #[must_use]
    pub fn with_field_error(mut self, field: &str, message: impl Into<String>) -> Self {
        let details = self
            .inner
            .details
            .get_or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
        if !details.is_object() {
            *details = serde_json::Value::Object(serde_json::Map::new());
        }
        if let serde_json::Value::Object(fields) = details {
            let messages = fields
                .entry(field)
                .or_insert_with(|| serde_json::Value::Array(Vec::new()));
            if !messages.is_array() {
                *messages = serde_json::Value::Array(Vec::new());
            }
            if let serde_json::Value::Array(list) = messages {
                list.push(serde_json::Value::String(message.into()));
            }
        }
        self
    }

    /// The request id, carried in bodies that have a place for it and in
    /// the server's log line.
    #[must_use]
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.inner.request_id = Some(request_id.into().into_boxed_str());
        self
    }

    /// `Retry-After` in seconds, overriding the catalog's default.
    #[must_use]
    pub fn with_retry_after(mut self, seconds: u32) -> Self {
        self.inner.retry_after = Some(seconds);
        self
    }

    /// The `RateLimit-Limit`, `-Remaining` and `-Reset` header values.
    #[must_use]
    pub fn with_rate_limit(mut self, limit: u64, remaining: u64, reset: u64) -> Self {
        self.inner.rate_limit = Some(RateLimit {
            limit,
            remaining,
            reset,
        });
        self
    }

    /// Renders in `shape` by default, whatever the catalog says.
    #[must_use]
    pub fn with_shape(mut self, shape: WireShape) -> Self {
        self.inner.shape = Some(shape);
        self
    }

    /// Details as the client may see them: `None` when the code declares
    /// none (or typed ones and none were attached), an empty object for
    /// server errors and when none were attached.
    pub(crate) fn public_details(&self) -> Option<Details<'_>> {
        let info = self.info();
        match info.details {
            DetailsKind::None => None,
            DetailsKind::Typed if info.is_server_error() => None,
            DetailsKind::Typed => self.inner.details.as_ref().map(Details::Value),
            _ if info.is_server_error() => Some(Details::Empty),
            _ => Some(
                self.inner
                    .details
                    .as_ref()
                    .map_or(Details::Empty, Details::Value),
            ),
        }
    }
}

pub(crate) fn status_of(info: &CodeInfo) -> http::StatusCode {
    // The loader only admits 100..=599, so this fallback is unreachable for
    // generated tables; a hand-built table still gets a sane answer.
    http::StatusCode::from_u16(info.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
}

impl<C: ErrorCode> fmt::Display for Error<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for piece in self.info().template {
            match piece {
                Piece::Text(text) => f.write_str(text)?,
                Piece::Param(i) => {
                    if let Some(arg) = self.inner.args.get(*i) {
                        fmt::Display::fmt(arg, f)?;
                    }
                }
            }
        }
        Ok(())
    }
}

impl<C: ErrorCode> fmt::Debug for Error<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        let mut s = f.debug_struct("Error");
        s.field("code", &inner.code)
            .field("message", &format_args!("{self}"));
        if let Some(id) = &inner.request_id {
            s.field("request_id", id);
        }
        if let Some(details) = &inner.details {
            s.field("details", details);
        }
        if let Some(source) = &inner.source {
            s.field("source", source);
        }
        s.finish_non_exhaustive()
    }
}

/// `first` and every cause after it, each the `source()` of the one before.
pub(crate) fn causes<'a>(
    first: &'a (dyn StdError + 'static),
) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    std::iter::successors(Some(first), |&cause| cause.source())
}

impl<C: ErrorCode> StdError for Error<C> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|source| source as &(dyn StdError + 'static))
    }
}

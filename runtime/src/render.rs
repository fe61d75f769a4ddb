//! Bodies, headers and responses in every wire shape.
//!
//! Bodies are `Serialize` views over the error, so a body is written straight
//! into the output (the message is streamed from its template) and there is
//! one serializer per shape for every catalog instead of a derive per code.

use std::error::Error as StdError;
use std::fmt::{Display, Write as _};

use http::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

use crate::catalog::{ErrorCode, Piece, Resolve};
use crate::error::{Arg, Error};
use crate::shape::{
    Arguments, CodeForm, Details, Literal, Member, Part, Parts, PartsBody, Presence, WireShape,
};

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

/// A header value from its template: the catalog's text as written (the
/// loader holds it to visible ASCII), each parameter's value made safe.
pub(crate) fn header_value(pieces: &[Piece], args: &[Arg]) -> String {
    let mut value = String::new();
    let mut quoted = false;
    for piece in pieces {
        match piece {
            Piece::Text(text) => {
                for c in text.chars() {
                    if c == '"' && !value.ends_with('\\') {
                        quoted = !quoted;
                    }
                    value.push(c);
                }
            }
            Piece::Param(i) => {
                if let Some(arg) = args.get(*i) {
                    push_safe(&mut value, &arg.to_string(), quoted);
                }
            }
        }
    }
    value
}

/// A parameter's value as a header can hold it, and as a reader can undo:
/// inside a quoted string `"` and `\` escaped (so a value cannot close the
/// string and add parameters of its own); `%` and what a header value
/// cannot hold percent-encoded as UTF-8; control characters made spaces.
fn push_safe(out: &mut String, arg: &str, quoted: bool) {
    for c in arg.chars() {
        match c {
            '"' | '\\' if quoted => {
                out.push('\\');
                out.push(c);
            }
            '%' => out.push_str("%25"),
            ' ' | '\t' => out.push(c),
            c if c.is_ascii_graphic() => out.push(c),
            c if c.is_control() => out.push(' '),
            c => {
                let mut bytes = [0; 4];
                for byte in c.encode_utf8(&mut bytes).bytes() {
                    let _ = write!(out, "%{byte:02X}");
                }
            }
        }
    }
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

    /// The response headers in `shape`: `Content-Type`, every header whose
    /// value the catalog gives, with this error's arguments, then what the
    /// service set on the error, which outranks them: `Retry-After`
    /// (else the code's `retry_after`), `RateLimit-*`. A parameter's value
    /// in a header is made safe: `%` and characters a header value cannot
    /// hold percent-encoded, control characters made spaces, `"` and `\`
    /// escaped inside a quoted string; a value that comes out empty is not
    /// sent.
    #[must_use]
    pub fn headers(&self, shape: WireShape) -> HeaderMap {
        let mut headers = HeaderMap::with_capacity(5 + self.info().header_values.len());
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(shape.content_type()));
        // Most shapes send none; their parts are not gathered on this path.
        let shape_headers = if shape.spec().headers.is_empty() {
            Vec::new()
        } else {
            Parts::from(self).shape_headers(shape)
        };
        for (header, value) in shape_headers {
            // The loader holds codes sent in a header to what one can hold.
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(header.name.as_bytes()),
                HeaderValue::try_from(value),
            ) {
                headers.insert(name, value);
            }
        }
        for header in self.info().header_values {
            let value = header_value(header.value, self.args());
            // An empty value says nothing, and would stop a stack that
            // fills the header itself (axum's `Allow`) from doing so.
            if value.trim().is_empty() {
                continue;
            }
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(header.name.as_bytes()),
                HeaderValue::try_from(value),
            ) {
                headers.insert(name, value);
            }
        }
        // What the service sets on this error outranks the catalog's values.
        match (self.inner_retry_after(), self.info().retry_after) {
            (Some(seconds), _) => {
                headers.insert(RETRY_AFTER, HeaderValue::from(seconds));
            }
            (None, Some(seconds)) if !headers.contains_key(RETRY_AFTER) => {
                headers.insert(RETRY_AFTER, HeaderValue::from(seconds));
            }
            _ => {}
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

    /// The shape to answer a request with: RFC 9457 when the request's
    /// `Accept` weighs `application/problem+json` above the error's own
    /// content type, the error's own shape otherwise (on a tie too), as
    /// RFC 9110 §12.5.1 says: `q` values, `*/*` and `application/*`, every
    /// `Accept` field. A response rendered in it should carry `Vary:
    /// accept`, as [`Error::respond`]'s does.
    #[must_use]
    pub fn negotiate(&self, request_headers: &HeaderMap) -> WireShape {
        crate::accept::choose(request_headers, self.shape())
    }

    /// The response to a request with these headers (see
    /// [`Error::negotiate`]), with `Vary: accept`, since another `Accept`
    /// may get another shape.
    #[must_use]
    pub fn respond(&self, request_headers: &HeaderMap) -> http::Response<String> {
        let mut response = self.render(self.negotiate(request_headers));
        crate::accept::vary_on_accept(response.headers_mut());
        response
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
        for cause in self.source().into_iter().flat_map(crate::error::causes) {
            let _ = write!(line, ": caused by: {cause}");
        }
        line
    }
}

/// The message, streamed from its `Display` into the serializer.
struct Streamed<'a, M: Display + ?Sized>(&'a M);

impl<M: Display + ?Sized> Serialize for Streamed<'_, M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

impl Serialize for Details<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Details::Empty => serializer.serialize_map(Some(0))?.end(),
            Details::Value(value) => value.serialize(serializer),
        }
    }
}

impl Serialize for Resolve {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ResolveBody(self.values()).serialize(serializer)
    }
}

impl Serialize for Literal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Literal::Null => serializer.serialize_unit(),
            Literal::Bool(value) => serializer.serialize_bool(value),
            Literal::Integer(value) => serializer.serialize_i64(value),
            Literal::String(value) => serializer.serialize_str(value),
            Literal::EmptyList => serializer.serialize_seq(Some(0))?.end(),
            Literal::EmptyObject => serializer.serialize_map(Some(0))?.end(),
        }
    }
}

/// `resolve`'s members that have a value, in [`Resolve::MEMBERS`] order.
struct ResolveBody<'a>([Option<&'a str>; Resolve::MEMBERS.len()]);

impl Serialize for ResolveBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (member, value) in Resolve::MEMBERS.iter().zip(self.0) {
            if let Some(value) = value {
                map.serialize_entry(member.name, value)?;
            }
        }
        map.end()
    }
}

/// The arguments as an object of texts, sorted by name.
struct ArgumentsBody<'a>(Arguments<'a>);

impl Serialize for ArgumentsBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let sorted = self.0.sorted();
        let mut map = serializer.serialize_map(Some(sorted.len()))?;
        for (name, arg) in sorted {
            map.serialize_entry(name, &Streamed(arg))?;
        }
        map.end()
    }
}

impl<M: Display + ?Sized> Serialize for PartsBody<'_, '_, M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let parts = self.parts;
        let nested = |members| PartsBody {
            parts,
            members,
            code_form: self.code_form,
        };
        let mut map = serializer.serialize_map(None)?;
        for member in self.members {
            let name = member.name;
            match member.part {
                Part::Message => map.serialize_entry(name, &Streamed(parts.message))?,
                Part::Code => match (self.code_form, parts.number) {
                    (CodeForm::Number, Some(number)) => map.serialize_entry(name, &number)?,
                    _ => map.serialize_entry(name, parts.code)?,
                },
                Part::Status => map.serialize_entry(name, &parts.status)?,
                Part::GrpcStatus => map.serialize_entry(name, parts.grpc.as_str())?,
                Part::Domain => map.serialize_entry(name, parts.domain)?,
                Part::Title => map.serialize_entry(name, parts.title)?,
                Part::DocsUrl => map.serialize_entry(name, parts.docs_url)?,
                Part::Hint => optional(&mut map, member, parts.hint)?,
                Part::RequestId => optional(&mut map, member, parts.request_id)?,
                Part::Details => optional(&mut map, member, parts.details)?,
                Part::Resolve => optional(&mut map, member, parts.resolve.map(ResolveBody))?,
                Part::Arguments => map.serialize_entry(name, &ArgumentsBody(parts.arguments))?,
                Part::Object(members) => map.serialize_entry(name, &nested(members))?,
                Part::List(members) => map.serialize_entry(name, &[nested(members)])?,
                Part::Constant(literal) => map.serialize_entry(name, &literal)?,
            }
        }
        map.end()
    }
}

/// Writes a member whose part the error may lack, as its presence says.
fn optional<S: SerializeMap, T: Serialize>(
    map: &mut S,
    member: &Member,
    value: Option<T>,
) -> Result<(), S::Error> {
    match (value, member.presence) {
        (Some(value), _) => map.serialize_entry(member.name, &value),
        (None, Presence::NullWhenAbsent) => map.serialize_entry(member.name, &()),
        (None, Presence::Always | Presence::WhenPresent) => Ok(()),
    }
}

impl<C: ErrorCode> Serialize for Body<'_, C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Parts::from(self.error)
            .body(self.shape)
            .serialize(serializer)
    }
}

/// The parts an error's bodies are made of. (Not a method of `Error`, whose
/// method names are names no generated constructor can take.)
impl<'a, C: ErrorCode> From<&'a Error<C>> for Parts<'a, Error<C>> {
    fn from(error: &'a Error<C>) -> Self {
        let info = error.info();
        Parts {
            code: info.code,
            number: info.number,
            grpc: info.grpc,
            domain: C::catalog().domain,
            status: info.status,
            title: info.title,
            message: error,
            hint: info.hint,
            docs_url: info.docs_url,
            request_id: error.request_id(),
            details: error.public_details(),
            arguments: Arguments::Of(info.params, error.args()),
            resolve: info.resolve.as_ref().map(Resolve::values),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Arg, Piece, header_value};

    fn value(pieces: &[Piece], arg: &str) -> String {
        header_value(pieces, &[Arg::from(arg.to_owned())])
    }

    #[test]
    fn a_parameter_cannot_close_a_quoted_string_or_break_the_line() {
        let quoted = [
            Piece::Text("Bearer realm=\"api\", error=\""),
            Piece::Param(0),
            Piece::Text("\""),
        ];
        assert_eq!(
            value(&quoted, "x\", realm=\"evil"),
            r#"Bearer realm="api", error="x\", realm=\"evil""#
        );
        assert_eq!(
            value(&quoted, "a\\b"),
            r#"Bearer realm="api", error="a\\b""#
        );
        let bare = [Piece::Text("</v1/"), Piece::Param(0), Piece::Text(">")];
        assert_eq!(value(&bare, "a\r\nSet-Cookie: x"), "</v1/a  Set-Cookie: x>");
        assert_eq!(value(&bare, "café 100%"), "</v1/caf%C3%A9 100%25>");
        assert_eq!(value(&bare, "\"quoted\""), "</v1/\"quoted\">");
    }

    #[test]
    fn a_missing_argument_writes_nothing() {
        assert_eq!(header_value(&[Piece::Param(0)], &[]), "");
    }
}

//! Reading error responses on the client side (feature `client`): a body in
//! any wire shape, with a code this build knows, a code added after it, or
//! no code at all (a proxy's page), never failing. It reads bodies as the
//! generated TypeScript parser does, from the same description of the
//! shapes (`errcat::shape`), and reads JSON as a browser does: a leading
//! byte-order mark is skipped and a lone UTF-16 surrogate escape (a server
//! that cut an emoji in half) becomes U+FFFD rather than losing the body.

use serde_json::{Map, Value};

use crate::any_code::AnyCode;
use crate::catalog::{ErrorCode, Resolve};
use crate::shape::{CodeForm, Expect, Literal, Member, Part, Step, WireShape};

mod retry_after;
pub use retry_after::{RETRY_AFTER_MAX_SECONDS, retry_after};

/// An error response as a client received it.
#[derive(Debug, Clone, PartialEq)]
pub struct Received<C> {
    /// The code, read against the catalog (aliases resolve to their code);
    /// `None` when the body names none.
    pub code: Option<AnyCode<C>>,
    /// The code exactly as received, before aliases were resolved.
    pub wire_code: Option<String>,
    /// The response's status if given, else the body's `status`.
    pub status: Option<u16>,
    /// The body's shape; `None` when it is no error body of a known shape.
    pub shape: Option<WireShape>,
    /// The human-readable message; never empty.
    pub message: String,
    pub hint: Option<String>,
    /// `details` as sent, `null` when absent.
    pub details: Value,
    pub request_id: Option<String>,
    /// The `resolve` members that are strings, in [`Resolve::MEMBERS`] order.
    pub resolve: Option<Vec<(&'static str, String)>>,
    /// RFC 9457 `type` (the docs URL) and `instance`.
    pub problem_type: Option<String>,
    pub instance: Option<String>,
    /// The body as received: its JSON, or its text when it was not JSON.
    pub body: Value,
}

impl<C: ErrorCode> Received<C> {
    /// Reads an error body (its bytes, in any shape) with the response's
    /// status, if known.
    #[must_use]
    pub fn parse(body: &[u8], status: Option<u16>) -> Self {
        Self::parse_with_headers(body, status, &http::HeaderMap::new())
    }

    /// Reads a whole response: its status, its headers (some shapes carry
    /// the code in one, `X-Amzn-ErrorType`) and its body.
    #[must_use]
    pub fn from_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Self {
        Self::parse_with_headers(
            response.body().as_ref(),
            Some(response.status().as_u16()),
            response.headers(),
        )
    }

    /// Reads an error body with the response's status, if known, and its
    /// headers.
    #[must_use]
    pub fn parse_with_headers(body: &[u8], status: Option<u16>, headers: &http::HeaderMap) -> Self {
        let text = String::from_utf8_lossy(body);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let parsed = serde_json::from_str::<Value>(text)
            .or_else(|_| serde_json::from_str::<Value>(&without_lone_surrogates(text)))
            .unwrap_or_else(|_| Value::String(text.to_owned()));
        let empty = Map::new();
        let json = parsed.as_object().unwrap_or(&empty);
        let header = |name: &str| {
            let value = headers.get(name)?.to_str().ok()?.trim();
            (!value.is_empty()).then(|| value.to_owned())
        };
        let shapes = C::catalog().shapes_by_signature();
        let shape = shape_of(shapes, json, &|name| header(name).is_some());
        let spec = shape.map(WireShape::spec);
        let at = |part: Part| -> Option<&Value> {
            let steps = spec?.steps_of(part)?;
            steps.iter().try_fold(&parsed, |value, step| match step {
                Step::Member(name) => value.as_object()?.get(*name),
                Step::Element(members) => element(value.as_array()?, members),
            })
        };
        // A part in the body, else in the header its shape carries it in.
        let text_at = |part: Part| {
            at(part)
                .and_then(non_empty_text)
                .or_else(|| header(spec?.header_of(part)?))
        };
        let top = |name: &str| json.get(name).and_then(non_empty_text);

        let form = spec.map_or(CodeForm::Exact, |spec| spec.code_form);
        // In the number form a JSON number names the code by its `number`.
        let numbered = at(Part::Code)
            .and_then(Value::as_i64)
            .filter(|_| form == CodeForm::Number);
        let wire_code = numbered
            .map(|number| number.to_string())
            .or_else(|| text_at(Part::Code));
        let code = wire_code.as_deref().map(|wire| match wire.parse::<i64>() {
            Ok(number) if form == CodeForm::Number => {
                C::from_number(number).map_or_else(|| AnyCode::Unknown(wire.into()), AnyCode::Known)
            }
            _ => AnyCode::<C>::parse(form.read(wire)),
        });
        // Any JSON number that is a whole status, `503.0` too.
        let body_status = at(Part::Status)
            .and_then(Value::as_f64)
            .filter(|s| s.fract() == 0.0 && (0.0..=f64::from(u16::MAX)).contains(s))
            .map(|s| s as u16);
        let status = status.or(body_status);
        let fallback = match (&code, &wire_code) {
            (Some(AnyCode::Known(known)), _) => {
                let info = known.info();
                let title = if info.title.is_empty() {
                    info.code
                } else {
                    info.title
                };
                title.to_owned()
            }
            (_, Some(wire)) => wire.clone(),
            (_, None) => status.map_or_else(
                || "Unrecognized error response".to_owned(),
                |s| format!("HTTP {s}"),
            ),
        };
        let problem_json = shape == Some(WireShape::Problem);
        let instance = text_at(Part::RequestId).filter(|_| problem_json);
        // A server may send a member its shape has no place for at the top.
        let request_id = text_at(Part::RequestId)
            .filter(|_| !problem_json)
            .or_else(|| top("request_id"))
            .or_else(|| instance.clone());
        let mut received = Received {
            message: text_at(Part::Message)
                .or_else(|| text_at(Part::Title))
                .unwrap_or(fallback),
            hint: text_at(Part::Hint).or_else(|| top("hint")),
            details: at(Part::Details)
                .filter(|v| !v.is_null())
                .or_else(|| json.get("details"))
                .cloned()
                .unwrap_or(Value::Null),
            request_id,
            resolve: at(Part::Resolve)
                .filter(|v| !v.is_null())
                .or_else(|| json.get("resolve"))
                .and_then(resolve_of),
            problem_type: text_at(Part::DocsUrl),
            instance,
            code,
            wire_code,
            status,
            shape,
            body: Value::Null,
        };
        received.body = parsed;
        received
    }

    /// The code, if it is one this build knows.
    #[must_use]
    pub fn known(&self) -> Option<C> {
        self.code.as_ref()?.known()
    }
}

/// The element of `items` a [`Step::Element`] of `members` takes: the
/// first with their constant values.
fn element<'v>(items: &'v [Value], members: &'static [Member]) -> Option<&'v Value> {
    items.iter().find(|item| {
        Step::matches(members).all(|(name, literal)| {
            let value = item.get(name);
            match literal {
                Literal::String(text) => value.and_then(Value::as_str) == Some(text),
                Literal::Bool(flag) => value.and_then(Value::as_bool) == Some(flag),
                Literal::Integer(number) => value.and_then(Value::as_i64) == Some(number),
                Literal::Null | Literal::EmptyList | Literal::EmptyObject => true,
            }
        })
    })
}

/// The value at a signature's member: top-level, or inside objects
/// (`error.status`).
fn signed<'v>(body: &'v Map<String, Value>, dotted: &str) -> Option<&'v Value> {
    let mut names = dotted.split('.');
    let first = body.get(names.next()?)?;
    names.try_fold(first, |value, name| value.as_object()?.get(name))
}

/// The first of `shapes` (in [`WireShape::by_signature`] order) one of
/// whose signatures `body` has; else the first whose code header the
/// response has (an AWS body may hold nothing but its `message`).
fn shape_of(
    shapes: &[WireShape],
    body: &Map<String, Value>,
    has_header: &dyn Fn(&str) -> bool,
) -> Option<WireShape> {
    let by_header = |shape: &&WireShape| shape.spec().header_of(Part::Code).is_some_and(has_header);
    let by_body = shapes.iter().find(|shape| {
        shape.spec().signature_checks().iter().any(|set| {
            set.iter().all(|(name, expect)| {
                matches!(
                    (expect, signed(body, name)),
                    (Expect::Present, Some(_))
                        | (Expect::String, Some(Value::String(_)))
                        | (Expect::Number, Some(Value::Number(_)))
                        | (Expect::Object, Some(Value::Object(_)))
                        | (Expect::Array, Some(Value::Array(_)))
                        | (Expect::Boolean, Some(Value::Bool(_)))
                        | (Expect::Null, Some(Value::Null))
                )
            })
        })
    });
    by_body.or_else(|| shapes.iter().find(by_header)).copied()
}

/// `text` with every `\uD800`–`\uDFFF` escape that is not half of a
/// surrogate pair written as `\uFFFD`, as `JSON.parse` then a browser's
/// string handling would show it.
fn without_lone_surrogates(text: &str) -> String {
    fn surrogate_at(text: &str, at: usize) -> Option<u16> {
        let hex = text.get(at..at + 6)?.strip_prefix("\\u")?;
        let unit = u16::from_str_radix(hex, 16).ok()?;
        (0xD800..=0xDFFF).contains(&unit).then_some(unit)
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        let escaped_backslash = text[at..].starts_with("\\\\");
        if escaped_backslash {
            out.push_str("\\\\");
            at += 2;
            continue;
        }
        match surrogate_at(text, at) {
            Some(0xD800..=0xDBFF)
                if surrogate_at(text, at + 6).is_some_and(|low| low >= 0xDC00) =>
            {
                out.push_str(&text[at..at + 12]);
                at += 12;
            }
            Some(_) => {
                out.push_str("\\uFFFD");
                at += 6;
            }
            None => {
                let c = text[at..].chars().next().unwrap_or_default();
                out.push(c);
                at += c.len_utf8().max(1);
            }
        }
    }
    out
}

fn non_empty_text(value: &Value) -> Option<String> {
    value.as_str().filter(|s| !s.is_empty()).map(str::to_owned)
}

fn resolve_of(value: &Value) -> Option<Vec<(&'static str, String)>> {
    let object = value.as_object()?;
    Some(
        Resolve::MEMBERS
            .iter()
            .filter_map(|member| {
                let text = object.get(member.name).and_then(non_empty_text)?;
                Some((member.name, text))
            })
            .collect(),
    )
}

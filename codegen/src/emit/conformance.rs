//! The conformance kit: golden responses an SDK in any language reads,
//! each with what a correct parser makes of it. Every code in its own
//! shape and as problem+json (what a service sends when asked for it),
//! then the responses SDKs get wrong: codes added later, aliases, bodies
//! without their optional members, problem details without a code, a
//! proxy's page, every form of `Retry-After`.
//!
//! The bodies are the runtime's rendering of each code's parts, the bytes a
//! service sends; the expectations are written from the catalog and the
//! shapes' description (which part each shape carries), never by running a
//! parser, so a parser that disagrees with them fails. The book's
//! "Conformance kit" chapter documents the format.

use errcat::shape::{CodeForm, Details, Part, Parts};
use serde_json::{Map, Value, json};

use crate::emit::example;
use crate::emit::{OutputFile, notice};
use crate::model::{Catalog, Code, GrpcCode, Resolve, WireShape};

mod traps;

/// The kit's one file, below the target's folder.
pub const FILE: &str = "cases.json";

/// The instant every case's `Retry-After` dates are relative to
/// (2026-01-01T00:00:00Z, in seconds since the epoch): fixed, so the kit is
/// the same on every run.
pub const NOW: u64 = 1_767_225_600;

/// The wait an HTTP-date case asks for, in seconds after [`NOW`].
const DATE_WAIT: u64 = 120;

/// The cap on `Retry-After` seconds every client keeps (the runtime's).
const RETRY_AFTER_MAX: u64 = errcat::client::RETRY_AFTER_MAX_SECONDS;

/// Nesting (arrays and objects, the body itself included) of the deepest
/// body the kit asks every client to read as JSON. Parsers cap it to keep
/// a hostile body from exhausting the stack: serde_json at 127, so 100
/// leaves room for the kit's own nesting around the expected details.
const DEEPEST: usize = 100;

pub fn emit(catalog: &Catalog) -> Vec<OutputFile> {
    let mut kit = Kit::new(catalog);
    for code in &catalog.codes {
        let kind = if code.retired.is_some() {
            "retired"
        } else {
            "code"
        };
        let sent = Sent::example(catalog, code);
        for shape in shapes_of(code) {
            let name = format!("{kind}/{}/{}", code.code, shape.as_str());
            kit.push(&sent.case(Some(code), &name, shape));
        }
        for alias in &code.aliases {
            let mut aliased = sent.clone();
            aliased.wire.clone_from(alias);
            // Sent as its string even where codes go as numbers.
            aliased.number = None;
            kit.push(&aliased.case(Some(code), &format!("alias/{alias}"), code.wire_shape));
        }
    }
    if let Some(sample) = catalog.emitted().next() {
        for case in traps::cases(catalog, sample) {
            kit.push(&case);
        }
    }
    vec![OutputFile::new(FILE, kit.finish())]
}

/// The file, written a case at a time: a large catalog's kit is tens of
/// megabytes, and holding every case as a JSON value first would take
/// several times that.
struct Kit {
    out: Vec<u8>,
    cases: usize,
}

impl Kit {
    fn new(catalog: &Catalog) -> Self {
        let mut out = String::new();
        out.push_str("{\n");
        out.push_str(&format!(
            "  \"$comment\": {},\n",
            Value::from(notice(&catalog.name))
        ));
        out.push_str(&format!(
            "  \"catalog\": {},\n",
            Value::from(catalog.name.as_str())
        ));
        out.push_str(&format!("  \"now\": {NOW},\n"));
        out.push_str("  \"cases\": [\n");
        Kit {
            out: out.into_bytes(),
            cases: 0,
        }
    }

    /// One case a line: a diff of the kit shows which cases changed.
    fn push(&mut self, case: &Value) {
        if self.cases > 0 {
            self.out.extend_from_slice(b",\n");
        }
        self.out.extend_from_slice(b"    ");
        serde_json::to_writer(&mut self.out, case).expect("a JSON value always serializes");
        self.cases += 1;
    }

    fn finish(mut self) -> String {
        self.out.extend_from_slice(b"\n  ]\n}\n");
        String::from_utf8(self.out).expect("serde_json writes UTF-8")
    }
}

/// The shapes a service can send `code` in: its own, and problem+json
/// when a client asks for it.
fn shapes_of(code: &Code) -> Vec<WireShape> {
    if code.wire_shape == WireShape::Problem {
        vec![WireShape::Problem]
    } else {
        vec![code.wire_shape, WireShape::Problem]
    }
}

/// The wait, in seconds at [`NOW`], a client reads from a catalog's own
/// `Retry-After` value (the list form's seconds, or a template rendered
/// with the example values), by the runtime client's rule: the kit's
/// `retry-after/` cases hold every client to that rule with values written
/// out by hand.
fn wait_of(value: &str) -> Option<u64> {
    let mut headers = errcat::http::HeaderMap::new();
    headers.insert(
        errcat::http::header::RETRY_AFTER,
        errcat::http::HeaderValue::from_str(value).ok()?,
    );
    let now = std::time::UNIX_EPOCH + std::time::Duration::from_secs(NOW);
    errcat::client::retry_after(&headers, now).map(|wait| wait.as_secs())
}

/// What one response says, before it is rendered in a shape.
#[derive(Clone)]
struct Sent {
    wire: String,
    /// The number a shape that sends codes as numbers sends.
    number: Option<i64>,
    grpc: GrpcCode,
    domain: String,
    status: u16,
    title: String,
    message: String,
    hint: Option<String>,
    docs_url: String,
    request_id: Option<&'static str>,
    details: Option<Value>,
    /// The message's arguments by parameter name.
    arguments: Vec<(String, errcat::Arg)>,
    resolve: Option<Resolve>,
    /// Headers besides `Content-Type`, as sent.
    headers: Vec<(String, String)>,
    /// The wait the headers ask for, in seconds.
    retry_after: Option<u64>,
    /// Whether the headers that carry parts of the error in its shape
    /// (`X-Amzn-ErrorType`) are left out: a case that writes them itself.
    omit_shape_headers: bool,
}

impl Sent {
    /// The example error of `code`, as the docs show it.
    fn example(catalog: &Catalog, code: &Code) -> Self {
        let headers: Vec<(String, String)> = example::headers(code)
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect();
        let retry_after = headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("retry-after"))
            .and_then(|(_, value)| wait_of(value));
        Sent {
            wire: code.code.clone(),
            number: code.number,
            grpc: code.grpc,
            domain: catalog.domain().to_owned(),
            status: code.http_status(),
            title: code.title.clone(),
            message: example::message(code),
            hint: code.hint.clone(),
            docs_url: catalog.docs_url(code),
            request_id: Some(example::EXAMPLE_REQUEST_ID),
            details: example::details(code),
            arguments: example::arguments(code),
            resolve: code.resolve.clone(),
            headers,
            retry_after,
            omit_shape_headers: false,
        }
    }

    /// The same error without any member a shape may leave out.
    fn minimal(mut self) -> Self {
        self.hint = None;
        self.request_id = None;
        self.details = None;
        self.resolve = None;
        self
    }

    fn body(&self, shape: WireShape) -> Value {
        serde_json::from_str(&self.body_text(shape)).expect("a rendered body is JSON")
    }

    /// The body in `shape`, as the runtime sends it.
    fn body_text(&self, shape: WireShape) -> String {
        serde_json::to_string(&self.parts().body(shape))
            .expect("a body is a map of strings, numbers and JSON")
    }

    fn parts(&self) -> Parts<'_, str> {
        Parts {
            code: &self.wire,
            number: self.number,
            grpc: self.grpc,
            domain: &self.domain,
            status: self.status,
            title: &self.title,
            message: self.message.as_str(),
            hint: self.hint.as_deref(),
            docs_url: &self.docs_url,
            request_id: self.request_id,
            details: self.details.as_ref().map(Details::Value),
            arguments: errcat::shape::Arguments::Named(&self.arguments),
            resolve: self.resolve.as_ref().map(Resolve::values),
        }
    }

    /// A case of this error in `shape`, whose wire code is `known`'s (or
    /// an alias of it), or no catalog code for `None`.
    fn case(&self, known: Option<&Code>, name: &str, shape: WireShape) -> Value {
        let expect = self.expect(known, shape, Some(&self.wire));
        self.case_of(name, None, shape, &self.body_text(shape), expect)
    }

    /// A case of this error's status and headers in `shape`, with `body` as
    /// sent and `expect` as read.
    fn case_of(
        &self,
        name: &str,
        about: Option<&str>,
        shape: WireShape,
        body: &str,
        expect: Expect,
    ) -> Value {
        Case {
            name,
            about,
            status: self.status,
            headers: self.headers_in(shape),
            body,
            expect: expect.into_json(),
        }
        .into_json()
    }

    fn headers_in(&self, shape: WireShape) -> Vec<(String, String)> {
        let mut headers = vec![("Content-Type".to_owned(), shape.content_type().to_owned())];
        if !self.omit_shape_headers {
            let parts = self.parts();
            let of_shape = parts.shape_headers(shape).into_iter();
            headers.extend(of_shape.map(|(header, value)| (header.name.to_owned(), value)));
        }
        headers.extend(self.headers.iter().cloned());
        headers
    }

    /// What a parser reads from this error in `shape`, with `wire` as the
    /// code it reads (`known`'s, or none of the catalog's): each part the
    /// shape has a member for, and nothing else.
    fn expect(&self, known: Option<&Code>, shape: WireShape, wire: Option<&str>) -> Expect {
        let spec = shape.spec();
        // A shape of numbered codes sends the number where it has one.
        let number = self
            .number
            .filter(|_| spec.code_form == CodeForm::Number)
            .map(|number| number.to_string());
        let wire = wire.and(number.as_deref()).or(wire);
        let carries = |part: Part| spec.path_of(part).is_some() || spec.header_of(part).is_some();
        let text = |part: Part, value: Option<&str>| {
            value
                .filter(|v| carries(part) && !v.is_empty())
                .map(str::to_owned)
        };
        let message = text(Part::Message, Some(&self.message))
            .or_else(|| text(Part::Title, Some(&self.title)));
        let problem = shape == WireShape::Problem;
        let request_id = text(Part::RequestId, self.request_id);
        let resolve = self.resolve.as_ref().filter(|_| carries(Part::Resolve));
        let mut expect = Expect::reading(known, wire, self.status, message);
        expect.shape = Some(shape);
        expect.hint = text(Part::Hint, self.hint.as_deref());
        expect.details = self
            .details
            .clone()
            .filter(|_| carries(Part::Details))
            .unwrap_or(Value::Null);
        expect.instance = request_id.clone().filter(|_| problem);
        expect.request_id = request_id;
        expect.resolve = resolve.map(resolve_object);
        expect.problem_type = text(Part::DocsUrl, Some(&self.docs_url));
        expect.retry_after = self.retry_after;
        expect
    }
}

/// What a correct parser makes of a response, in the kit's names.
struct Expect {
    known: Option<String>,
    wire_code: Option<String>,
    status: u16,
    shape: Option<WireShape>,
    message: String,
    hint: Option<String>,
    details: Value,
    request_id: Option<String>,
    resolve: Option<Value>,
    problem_type: Option<String>,
    instance: Option<String>,
    retry_after: Option<u64>,
}

impl Expect {
    /// A response with `wire` as its code (if any), which is `known`'s or an
    /// alias of it when the catalog has it, and `message` (if the body has
    /// one); the message falls back to the code's title, the wire code, then
    /// `HTTP <status>`.
    fn reading(
        known: Option<&Code>,
        wire: Option<&str>,
        status: u16,
        message: Option<String>,
    ) -> Self {
        let fallback = match (known, wire) {
            (Some(code), _) if !code.title.is_empty() => code.title.clone(),
            (Some(code), _) => code.code.clone(),
            (None, Some(wire)) => wire.to_owned(),
            (None, None) => format!("HTTP {status}"),
        };
        Expect {
            known: known.map(|c| c.code.clone()),
            wire_code: wire.map(str::to_owned),
            status,
            shape: None,
            message: message.unwrap_or(fallback),
            hint: None,
            details: Value::Null,
            request_id: None,
            resolve: None,
            problem_type: None,
            instance: None,
            retry_after: None,
        }
    }

    fn into_json(self) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("known".into(), self.known.is_some().into());
        out.insert("code".into(), self.known.or(self.wire_code.clone()).into());
        out.insert("wireCode".into(), self.wire_code.into());
        out.insert("status".into(), self.status.into());
        out.insert("shape".into(), self.shape.map(WireShape::as_str).into());
        out.insert("message".into(), self.message.into());
        out.insert("hint".into(), self.hint.into());
        out.insert("details".into(), self.details);
        out.insert("requestId".into(), self.request_id.into());
        out.insert("resolve".into(), self.resolve.into());
        out.insert("type".into(), self.problem_type.into());
        out.insert("instance".into(), self.instance.into());
        out.insert("retryAfterSeconds".into(), self.retry_after.into());
        out
    }
}

/// One case of the kit.
struct Case<'a> {
    name: &'a str,
    /// Why the case is there, for the cases SDKs get wrong.
    about: Option<&'a str>,
    status: u16,
    headers: Vec<(String, String)>,
    body: &'a str,
    expect: Map<String, Value>,
}

impl Case<'_> {
    fn into_json(self) -> Value {
        let mut case = Map::new();
        case.insert("name".into(), self.name.into());
        if let Some(about) = self.about {
            case.insert("about".into(), about.into());
        }
        case.insert(
            "response".into(),
            json!({
                "status": self.status,
                "headers": self.headers.iter().map(|(n, v)| json!([n, v])).collect::<Vec<_>>(),
                "body": self.body,
            }),
        );
        case.insert("expect".into(), Value::Object(self.expect));
        Value::Object(case)
    }
}

/// The `resolve` members with text, as a parser returns them.
fn resolve_object(resolve: &Resolve) -> Value {
    let members = errcat::Resolve::MEMBERS.iter().zip(resolve.values());
    Value::Object(
        members
            .filter_map(|(member, value)| {
                let value = value.filter(|v| !v.is_empty())?;
                Some((member.name.to_owned(), value.into()))
            })
            .collect(),
    )
}

fn compact(value: &Value) -> String {
    serde_json::to_string(value).expect("a JSON value always serializes")
}

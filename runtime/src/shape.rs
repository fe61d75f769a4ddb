//! Every wire shape, described once as data: its members, their nesting,
//! which part of an error each one holds, and when it is written.
//!
//! The serializer in `render.rs` walks these descriptions, and so does every
//! generator that needs a shape (examples, JSON Schema, OpenAPI, the docs,
//! the TypeScript parser), so a body, its schema and its docs cannot
//! disagree, and a new shape is one more entry here.

use std::fmt::Display;

use crate::catalog::{GrpcCode, Param};
use crate::error::Arg;

/// The JSON shapes an error body can take on the wire: a built-in one, or
/// one a catalog declares (its generated crate holds the description).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WireShape {
    /// `{"error", "code", "details", "hint"}`.
    Flat,
    /// `{"error": {"code", "message", "request_id", "details"}}`.
    Nested,
    /// `{"errorCode", "errorMessage"}`.
    ErrorCode,
    /// RFC 9457 `application/problem+json` with `error_code` and `resolve`.
    Problem,
    /// OAuth 2 `{"error", "error_description"}`.
    OAuth2,
    /// AWS JSON protocols' `{"__type", "message"}`, the code also in
    /// `X-Amzn-ErrorType`.
    AwsJson,
    /// PostgREST's `{"code", "message", "details", "hint"}`.
    Postgrest,
    /// Google's AIP-193 `{"error": {"code", "message", "status", "details"}}`,
    /// the code as the `reason` of a `google.rpc.ErrorInfo` detail.
    Aip193,
    /// A shape a catalog declares in its `[shape.NAME]` table.
    Declared(&'static ShapeSpec),
}

/// What a shape is, member by member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ShapeSpec {
    /// The spelling catalogs use (`flat`, `problem`, ...).
    pub name: &'static str,
    /// What the shape is called in prose: `Flat error body`.
    pub summary: &'static str,
    /// A PascalCase name for collections of schemas: `FlatError`.
    pub schema_name: &'static str,
    /// The `Content-Type` of a body in this shape.
    pub content_type: &'static str,
    /// The members, in the order they are written.
    pub members: &'static [Member],
    /// The sets of members that identify a body as this shape: it has every
    /// member of one set, a code of any type, the others with their part's
    /// JSON type. A member is named from the top, through objects with `.`
    /// (`error.status`). A parser tries the shapes with the longest
    /// set first, so one that includes another (flat's `error` and `code`
    /// against OAuth 2's `error`) wins.
    pub signatures: &'static [&'static [&'static str]],
    /// Headers that carry a part of the error besides the body.
    pub headers: &'static [HeaderMember],
    /// How a reader finds the code in what the member or header holds.
    pub code_form: CodeForm,
}

/// A response header that carries a part of the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HeaderMember {
    /// The header's name, as its protocol's documentation writes it
    /// (header names are case-insensitive).
    pub name: &'static str,
    /// What it holds.
    pub part: Part,
}

/// How the code is written where a shape carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CodeForm {
    /// As the catalog writes it.
    Exact,
    /// A Smithy shape name, which other servers of the protocol qualify
    /// (`aws.dynamodb#ResourceNotFoundException`) or follow with a URL
    /// (`ResourceNotFoundException:http://internal.amazon.com/...`). A
    /// reader keeps what is before the first `:`, then what is after the
    /// first `#`, as the AWS SDKs do; so a code sent in this form holds
    /// neither.
    SmithyShapeName,
    /// The code's stable `number`, a JSON number (a header holds its
    /// digits): how Twilio and MySQL name their errors. A reader looks the
    /// code up by it. A code without a number (one forced into the shape
    /// with `with_shape`) is sent as its string, which a reader reads as
    /// the code.
    Number,
    /// A `google.rpc.ErrorInfo` reason, as AIP-193 writes them: an
    /// uppercase letter, then uppercase letters, digits and `_`, not ending
    /// in `_`, at most 63 characters.
    ErrorInfoReason,
}

impl CodeForm {
    /// The code in `written`, read the way this form says.
    #[must_use]
    pub fn read(self, written: &str) -> &str {
        match self {
            CodeForm::Exact | CodeForm::Number | CodeForm::ErrorInfoReason => written,
            CodeForm::SmithyShapeName => {
                let name = written.split(':').next().unwrap_or(written);
                name.split_once('#').map_or(name, |(_, after)| after)
            }
        }
    }

    /// What the member holding the code means in this form, as
    /// [`Part::meaning`] says it.
    #[must_use]
    pub const fn code_meaning(self) -> &'static str {
        match self {
            CodeForm::Exact | CodeForm::SmithyShapeName | CodeForm::ErrorInfoReason => {
                Part::Code.meaning()
            }
            CodeForm::Number => {
                "Machine-readable error code, as the code's stable number; stable, so branch on it"
            }
        }
    }

    /// Whether `code` can be written in this form and reads back as
    /// itself.
    #[must_use]
    pub fn holds(self, code: &str) -> bool {
        match self {
            CodeForm::ErrorInfoReason => is_reason(code),
            _ => self.read(code) == code,
        }
    }
}

/// One step on the way from a body's top to a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The member of this name.
    Member(&'static str),
    /// The element of a list whose members are these: the first one that
    /// has their constant text, number or boolean ([`Step::matches`]);
    /// the first when they have none. AIP-193's `ErrorInfo` is known by
    /// its `@type` among the other details a server may send.
    Element(&'static [Member]),
}

impl Step {
    /// The constant members an element must have, with their values.
    pub fn matches(members: &'static [Member]) -> impl Iterator<Item = (&'static str, Literal)> {
        members.iter().filter_map(|member| match member.part {
            Part::Constant(
                literal @ (Literal::String(_) | Literal::Bool(_) | Literal::Integer(_)),
            ) => Some((member.name, literal)),
            _ => None,
        })
    }
}

/// One member of a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Member {
    /// Its name in the JSON object.
    pub name: &'static str,
    /// What it holds.
    pub part: Part,
    /// When it is written.
    pub presence: Presence,
}

/// The part of an error a member holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// The human-readable message, rendered from the code's template.
    Message,
    /// The machine-readable wire code, in the shape's [`CodeForm`].
    Code,
    /// The HTTP status.
    Status,
    /// The name of the code's gRPC status (`NOT_FOUND`).
    GrpcStatus,
    /// The domain the code belongs to (AIP-193's `ErrorInfo.domain`): the
    /// catalog's `domain`, else its name.
    Domain,
    /// The code's static summary.
    Title,
    /// The code's documentation URL (RFC 9457 `type`).
    DocsUrl,
    /// What the caller should do about it; only codes with a hint have one.
    Hint,
    /// The request's id; only errors that were given one have one.
    RequestId,
    /// The code's details; only codes that declare details have them.
    Details,
    /// RFC 9457 `resolve`; only codes with a self-service fix have one.
    Resolve,
    /// The message's arguments, an object of each parameter's name to the
    /// argument's text (AIP-193's `ErrorInfo.metadata`, as gRPC sends it);
    /// `{}` for a code without parameters.
    Arguments,
    /// An object of further members (the nested shape's `error`).
    Object(&'static [Member]),
    /// A list of one object of further members (Cloudflare's `errors`). A
    /// reader reads its first element.
    List(&'static [Member]),
    /// The same value in every body (Cloudflare's `success: false`).
    Constant(Literal),
}

/// A JSON value a member holds in every body. Lists and objects with
/// members are [`Part::List`] and [`Part::Object`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Literal {
    Null,
    Bool(bool),
    Integer(i64),
    String(&'static str),
    /// `[]`.
    EmptyList,
    /// `{}`.
    EmptyObject,
}

impl Literal {
    /// The value's JSON type, as JSON Schema names it.
    #[must_use]
    pub const fn json_type(self) -> &'static str {
        match self {
            Literal::Null => "null",
            Literal::Bool(_) => "boolean",
            Literal::Integer(_) => "integer",
            Literal::String(_) => "string",
            Literal::EmptyList => "array",
            Literal::EmptyObject => "object",
        }
    }
}

/// What a signature checks of a body's member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Only that it is there: the code, which servers that are not errcat
    /// send as numbers too.
    Present,
    /// A JSON string.
    String,
    /// A JSON number.
    Number,
    /// A JSON object.
    Object,
    /// A JSON list.
    Array,
    /// `true` or `false`.
    Boolean,
    /// `null`.
    Null,
}

impl Expect {
    /// What a member holding `part` must be.
    #[must_use]
    pub const fn of(part: Part) -> Expect {
        match part {
            Part::Code => Expect::Present,
            Part::Status => Expect::Number,
            Part::Details | Part::Resolve | Part::Arguments | Part::Object(_) => Expect::Object,
            Part::List(_) => Expect::Array,
            Part::Constant(literal) => match literal {
                Literal::Null => Expect::Null,
                Literal::Bool(_) => Expect::Boolean,
                Literal::Integer(_) => Expect::Number,
                Literal::String(_) => Expect::String,
                Literal::EmptyList => Expect::Array,
                Literal::EmptyObject => Expect::Object,
            },
            Part::Message
            | Part::Title
            | Part::DocsUrl
            | Part::Hint
            | Part::RequestId
            | Part::GrpcStatus
            | Part::Domain => Expect::String,
        }
    }

    /// The check as the TypeScript parser spells it: `present`, or what
    /// its `kind` gives: a `typeof` result, `array` or `null`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Expect::Present => "present",
            Expect::String => "string",
            Expect::Number => "number",
            Expect::Object => "object",
            Expect::Array => "array",
            Expect::Boolean => "boolean",
            Expect::Null => "null",
        }
    }
}

/// When a member is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Presence {
    /// In every body.
    Always,
    /// Only when the error has a value for its part.
    WhenPresent,
    /// In every body, as `null` when the error has no value for its part.
    NullWhenAbsent,
}

const fn always(name: &'static str, part: Part) -> Member {
    Member {
        name,
        part,
        presence: Presence::Always,
    }
}

const fn when_present(name: &'static str, part: Part) -> Member {
    Member {
        name,
        part,
        presence: Presence::WhenPresent,
    }
}

const fn null_when_absent(name: &'static str, part: Part) -> Member {
    Member {
        name,
        part,
        presence: Presence::NullWhenAbsent,
    }
}

impl Part {
    /// Whether every error has a value for this part. Members holding one
    /// are written always; the others only when there is a value (or as
    /// `null`, see [`Presence`]).
    #[must_use]
    pub const fn always_has_value(self) -> bool {
        matches!(
            self,
            Part::Message
                | Part::Code
                | Part::Status
                | Part::GrpcStatus
                | Part::Domain
                | Part::Title
                | Part::DocsUrl
                | Part::Arguments
                | Part::Object(_)
                | Part::List(_)
                | Part::Constant(_)
        )
    }

    /// The JSON type of the member's value.
    #[must_use]
    pub const fn json_type(self) -> &'static str {
        match self {
            Part::Status => "integer",
            Part::Details | Part::Resolve | Part::Arguments | Part::Object(_) => "object",
            Part::List(_) => "array",
            Part::Constant(literal) => literal.json_type(),
            Part::Message
            | Part::Code
            | Part::GrpcStatus
            | Part::Domain
            | Part::Title
            | Part::DocsUrl
            | Part::Hint
            | Part::RequestId => "string",
        }
    }

    /// What the member means to a client, as a sentence without its full
    /// stop, so docs can add when it is absent.
    #[must_use]
    pub const fn meaning(self) -> &'static str {
        match self {
            Part::Message => "Human-readable message; its wording may change between releases",
            Part::Code => "Machine-readable error code; stable, so branch on it",
            Part::Status => "The HTTP status code",
            Part::GrpcStatus => "The name of the code's gRPC status, such as `NOT_FOUND`",
            Part::Domain => "The domain the code belongs to: a code is unique within it",
            Part::Title => "Short, static summary of the code",
            Part::DocsUrl => "URI of the code's documentation, or about:blank",
            Part::Hint => "What to do about it",
            Part::RequestId => "The request's id, to quote when you report a problem",
            Part::Details => {
                "More context, such as field-level validation errors (field name to a list of messages)"
            }
            Part::Resolve => "How a person or an agent can fix the problem",
            Part::Arguments => "The message's parameters, each name to the value's text",
            Part::Object(_) => "The error",
            Part::List(_) => "The error, as the only element of a list",
            Part::Constant(_) => "The same in every error body",
        }
    }

    /// When a member of this part is left out or `null`, for parts an
    /// error may lack: `when the code has no hint`.
    #[must_use]
    pub const fn absent_when(self) -> Option<&'static str> {
        match self {
            Part::Hint => Some("when the code has no hint"),
            Part::RequestId => Some("when the request has no id"),
            Part::Details => Some("when the code declares no details"),
            Part::Resolve => Some("when there is no self-service fix"),
            _ => None,
        }
    }
}

impl Member {
    /// What the member means as a sentence, saying when it is absent or
    /// `null`.
    #[must_use]
    pub fn sentence(&self) -> String {
        if let Part::Constant(literal) = self.part {
            let value = serde_json::to_string(&literal).unwrap_or_default();
            return format!("Always `{value}`.");
        }
        let meaning = self.part.meaning();
        match (self.presence, self.part.absent_when()) {
            (Presence::WhenPresent, Some(when)) => format!("{meaning}; absent {when}."),
            (Presence::NullWhenAbsent, Some(when)) => format!("{meaning}; null {when}."),
            _ => format!("{meaning}."),
        }
    }
}

// Unqualified, so the tables below read like the bodies they describe.
use Part::{Code, DocsUrl, Hint, Message, RequestId, Status, Title};

const FLAT: ShapeSpec = ShapeSpec::json("flat", "Flat error body", "FlatError").with(
    &[
        always("error", Message),
        always("code", Code),
        null_when_absent("details", Part::Details),
        when_present("hint", Hint),
    ],
    &[&["error", "code"]],
);

const NESTED: ShapeSpec = ShapeSpec::json("nested", "Nested error body", "NestedError").with(
    &[always(
        "error",
        Part::Object(&[
            always("code", Code),
            always("message", Message),
            when_present("request_id", RequestId),
            when_present("details", Part::Details),
        ]),
    )],
    &[&["error"]],
);

const ERROR_CODE: ShapeSpec = ShapeSpec::json("error_code", "Error body", "ErrorCodeError").with(
    &[always("errorCode", Code), always("errorMessage", Message)],
    &[&["errorCode"]],
);

const PROBLEM: ShapeSpec = ShapeSpec {
    content_type: "application/problem+json",
    ..ShapeSpec::json(
        "problem",
        "RFC 9457 problem details with the `error_code` and `resolve` extensions",
        "ProblemDetails",
    )
}
.with(
    &[
        always("type", DocsUrl),
        always("title", Title),
        always("status", Status),
        always("detail", Message),
        when_present("instance", RequestId),
        always("error_code", Code),
        when_present("details", Part::Details),
        when_present("resolve", Part::Resolve),
    ],
    // What every RFC 9457 body has, so a proxy's problem details are read
    // as such too; or the extension that names the code, for bodies that
    // leave the optional `type` and `title` out.
    &[&["type", "title"], &["error_code"]],
);

const OAUTH2: ShapeSpec = ShapeSpec::json(
    "oauth2",
    "OAuth 2 error body (RFC 6749, section 5.2)",
    "OAuth2Error",
)
.with(
    &[always("error", Code), always("error_description", Message)],
    &[&["error"]],
);

const AWS_JSON: ShapeSpec = ShapeSpec {
    content_type: "application/x-amz-json-1.1",
    headers: &[HeaderMember {
        name: "X-Amzn-ErrorType",
        part: Code,
    }],
    code_form: CodeForm::SmithyShapeName,
    ..ShapeSpec::json(
        "aws_json",
        "AWS JSON error body (the awsJson1_1 protocol), the code also in `X-Amzn-ErrorType`",
        "AwsJsonError",
    )
}
.with(
    &[always("__type", Code), always("message", Message)],
    &[&["__type"]],
);

const POSTGREST: ShapeSpec = ShapeSpec::json("postgrest", "PostgREST error body", "PostgrestError")
    .with(
        &[
            always("code", Code),
            always("message", Message),
            null_when_absent("details", Part::Details),
            null_when_absent("hint", Hint),
        ],
        &[&["code", "message", "details", "hint"]],
    );

/// AIP-193, as Google's HTTP APIs send a `google.rpc.Status`: the code is
/// the `reason` of the `ErrorInfo` detail, which a reader finds by its
/// `@type` among the others a server may send.
const AIP_193: ShapeSpec = ShapeSpec {
    code_form: CodeForm::ErrorInfoReason,
    ..ShapeSpec::json(
        "aip193",
        "Google API error (AIP-193): a `google.rpc.Status` with an `ErrorInfo` detail",
        "GoogleRpcStatus",
    )
}
.with(
    &[always(
        "error",
        Part::Object(&[
            always("code", Status),
            always("message", Message),
            always("status", Part::GrpcStatus),
            always(
                "details",
                Part::List(&[
                    always(
                        "@type",
                        Part::Constant(Literal::String("type.googleapis.com/google.rpc.ErrorInfo")),
                    ),
                    always("reason", Code),
                    always("domain", Part::Domain),
                    always("metadata", Part::Arguments),
                ]),
            ),
        ]),
    )],
    // `nested` is an `error` object too: what only AIP-193's has.
    &[&["error", "error.status", "error.details"]],
);

impl WireShape {
    /// Every built-in shape, in declaration order.
    pub const ALL: [WireShape; 8] = [
        WireShape::Flat,
        WireShape::Nested,
        WireShape::ErrorCode,
        WireShape::Problem,
        WireShape::OAuth2,
        WireShape::AwsJson,
        WireShape::Postgrest,
        WireShape::Aip193,
    ];

    /// The shape's description.
    #[must_use]
    pub const fn spec(self) -> &'static ShapeSpec {
        match self {
            WireShape::Flat => &FLAT,
            WireShape::Nested => &NESTED,
            WireShape::ErrorCode => &ERROR_CODE,
            WireShape::Problem => &PROBLEM,
            WireShape::OAuth2 => &OAUTH2,
            WireShape::AwsJson => &AWS_JSON,
            WireShape::Postgrest => &POSTGREST,
            WireShape::Aip193 => &AIP_193,
            WireShape::Declared(spec) => spec,
        }
    }

    /// The spelling catalogs use (`flat`, `problem`, ...).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        self.spec().name
    }

    /// The built-in shape a catalog spells `s`, if any.
    #[must_use]
    pub fn parse(s: &str) -> Option<WireShape> {
        Self::ALL.into_iter().find(|shape| shape.as_str() == s)
    }

    /// `shapes` in the order a parser tries them: those with a longer
    /// signature first, so one that includes another (flat's `error` and
    /// `code` against OAuth 2's `error`) wins; otherwise in the order given.
    #[must_use]
    pub fn by_signature(shapes: &[WireShape]) -> Vec<WireShape> {
        let mut shapes = shapes.to_vec();
        let longest = |shape: &WireShape| {
            let sets = shape.spec().signatures.iter();
            sets.map(|set| set.len()).max().unwrap_or(0)
        };
        shapes.sort_by_key(|shape| std::cmp::Reverse(longest(shape)));
        shapes
    }

    /// Whether a body in this shape has a `details` member. A code whose own
    /// shape has none cannot declare details: they would never reach a
    /// client of that shape, while its docs promised them.
    #[must_use]
    pub const fn carries_details(self) -> bool {
        holds_details(self.spec().members)
    }

    /// The `Content-Type` of a body in this shape.
    #[must_use]
    pub const fn content_type(self) -> &'static str {
        self.spec().content_type
    }
}

impl ShapeSpec {
    /// A shape sent as `application/json`, its members still to come.
    const fn json(
        name: &'static str,
        summary: &'static str,
        schema_name: &'static str,
    ) -> ShapeSpec {
        ShapeSpec {
            name,
            summary,
            schema_name,
            content_type: "application/json",
            members: &[],
            signatures: &[],
            headers: &[],
            code_form: CodeForm::Exact,
        }
    }

    const fn with(
        self,
        members: &'static [Member],
        signatures: &'static [&'static [&'static str]],
    ) -> ShapeSpec {
        ShapeSpec {
            members,
            signatures,
            ..self
        }
    }

    /// The members as a reader scans them: `{error: {code, message}}`.
    #[must_use]
    pub fn outline(&self) -> String {
        fn outline_of(members: &[Member]) -> String {
            let names: Vec<String> = members
                .iter()
                .map(|member| match member.part {
                    Part::Object(inner) => format!("{}: {}", member.name, outline_of(inner)),
                    Part::List(inner) => format!("{}: [{}]", member.name, outline_of(inner)),
                    _ => member.name.to_owned(),
                })
                .collect();
            format!("{{{}}}", names.join(", "))
        }
        outline_of(self.members)
    }

    /// Every member at any depth with its path from the body's top, parents
    /// before their members: `(["error", "code"], code)`.
    pub fn members(&self) -> impl Iterator<Item = (Vec<&'static str>, &'static Member)> {
        let mut out = Vec::new();
        walk(self.members, &mut Vec::new(), &mut out);
        out.into_iter()
    }

    /// Each signature's members with what a body's member must be to match.
    #[must_use]
    pub fn signature_checks(&self) -> Vec<Vec<(&'static str, Expect)>> {
        self.signatures
            .iter()
            .map(|set| {
                set.iter()
                    .map(|name| {
                        let expect = match self.member_at(name) {
                            // `null` when the error has no value for it.
                            Some(member) if member.presence == Presence::NullWhenAbsent => {
                                Expect::Present
                            }
                            Some(member) => Expect::of(member.part),
                            None => Expect::Present,
                        };
                        (*name, expect)
                    })
                    .collect()
            })
            .collect()
    }

    /// The member a signature names: a top-level one, or one inside objects
    /// (`error.status`).
    fn member_at(&self, dotted: &str) -> Option<&'static Member> {
        let mut members = self.members;
        let mut found = None;
        for name in dotted.split('.') {
            let member = members.iter().find(|member| member.name == name)?;
            members = match member.part {
                Part::Object(inner) => inner,
                _ => &[],
            };
            found = Some(member);
        }
        found
    }

    /// The way to the member holding `part`, as a reader takes it; `None`
    /// when the shape has no such member.
    #[must_use]
    pub fn steps_of(&self, part: Part) -> Option<Vec<Step>> {
        fn find(members: &'static [Member], part: Part, steps: &mut Vec<Step>) -> bool {
            for member in members {
                steps.push(Step::Member(member.name));
                let found = match member.part {
                    found if found == part => true,
                    Part::Object(inner) => find(inner, part, steps),
                    Part::List(inner) => {
                        steps.push(Step::Element(inner));
                        find(inner, part, steps) || {
                            steps.pop();
                            false
                        }
                    }
                    _ => false,
                };
                if found {
                    return true;
                }
                steps.pop();
            }
            false
        }
        let mut steps = Vec::new();
        find(self.members, part, &mut steps).then_some(steps)
    }

    /// Whether a body and headers of this shape can carry `code` as it is:
    /// its readers would not cut it ([`CodeForm`]), and a header that
    /// carries it can hold it (visible ASCII).
    #[must_use]
    pub fn can_send(&self, code: &str) -> bool {
        self.code_form.holds(code)
            && (self.header_of(Part::Code).is_none() || code.bytes().all(|b| b.is_ascii_graphic()))
    }

    /// The header carrying `part`, if the shape has one.
    #[must_use]
    pub fn header_of(&self, part: Part) -> Option<&'static str> {
        self.headers
            .iter()
            .find(|header| header.part == part)
            .map(|header| header.name)
    }

    /// The path of the member holding `part`, if the shape has one. A
    /// reader that meets a list on the way reads its first element.
    #[must_use]
    pub fn path_of(&self, part: Part) -> Option<Vec<&'static str>> {
        self.members()
            .find(|(_, member)| member.part == part)
            .map(|(path, _)| path)
    }

    /// A path as documentation writes it, each list followed by `[0]`:
    /// `errors[0].code`.
    #[must_use]
    pub fn written_path(&self, path: &[&str]) -> String {
        let mut written = String::new();
        let mut members = self.members;
        for name in path {
            if !written.is_empty() {
                written.push('.');
            }
            written.push_str(name);
            match members.iter().find(|member| member.name == *name) {
                Some(Member {
                    part: Part::List(inner),
                    ..
                }) => {
                    written.push_str("[0]");
                    members = inner;
                }
                Some(Member {
                    part: Part::Object(inner),
                    ..
                }) => members = inner,
                _ => members = &[],
            }
        }
        written
    }
}

/// Whether `code` is an AIP-193 reason: `[A-Z][A-Z0-9_]+[A-Z0-9]`, at most
/// 63 characters.
fn is_reason(code: &str) -> bool {
    let bytes = code.as_bytes();
    let word = |b: &u8| b.is_ascii_uppercase() || b.is_ascii_digit();
    (3..=63).contains(&bytes.len())
        && bytes[0].is_ascii_uppercase()
        && bytes.last().is_some_and(word)
        && bytes.iter().all(|b| word(b) || *b == b'_')
}

/// Whether `members`, at any depth, hold the details; `const`, so a loop.
const fn holds_details(members: &[Member]) -> bool {
    let mut i = 0;
    while i < members.len() {
        match members[i].part {
            Part::Details => return true,
            Part::Object(inner) | Part::List(inner) if holds_details(inner) => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

fn walk(
    members: &'static [Member],
    parents: &mut Vec<&'static str>,
    out: &mut Vec<(Vec<&'static str>, &'static Member)>,
) {
    for member in members {
        parents.push(member.name);
        out.push((parents.clone(), member));
        if let Part::Object(inner) | Part::List(inner) = member.part {
            walk(inner, parents, out);
        }
        parents.pop();
    }
}

/// What the `details` member holds on the wire.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Details<'a> {
    /// `{}`: the code declares details, but none reach the client.
    Empty,
    /// The details as attached.
    Value(&'a serde_json::Value),
}

/// The parts of one error a body is made of, for rendering a body without
/// an [`Error`](crate::Error): documentation examples, gateways that relay
/// another service's errors. An `Error` renders through the same parts.
#[derive(Debug)]
pub struct Parts<'a, M: Display + ?Sized> {
    /// The wire code.
    pub code: &'a str,
    /// The code's stable number, which a shape of [`CodeForm::Number`]
    /// sends as the code.
    pub number: Option<i64>,
    /// The HTTP status.
    pub status: u16,
    /// The code's gRPC status.
    pub grpc: GrpcCode,
    /// The domain the code belongs to ([`Part::Domain`]).
    pub domain: &'a str,
    /// The code's static summary.
    pub title: &'a str,
    /// The message, written with `Display` straight into the output.
    pub message: &'a M,
    /// What the caller should do about it.
    pub hint: Option<&'a str>,
    /// The code's docs page, or `about:blank`.
    pub docs_url: &'a str,
    /// The request's id.
    pub request_id: Option<&'a str>,
    /// `None` when the code declares no details.
    pub details: Option<Details<'a>>,
    /// The message's arguments, by parameter name.
    pub arguments: Arguments<'a>,
    /// The `resolve` members' values in [`crate::Resolve::MEMBERS`] order;
    /// `None` when there is no self-service fix.
    pub resolve: Option<[Option<&'a str>; crate::Resolve::MEMBERS.len()]>,
}

/// The message's arguments by parameter name ([`Part::Arguments`]).
#[derive(Debug, Clone, Copy)]
pub enum Arguments<'a> {
    /// A code's parameters and an error's arguments, in the same order.
    Of(&'a [Param], &'a [Arg]),
    /// Each parameter's name with its argument.
    Named(&'a [(String, Arg)]),
}

impl<'a> Arguments<'a> {
    /// Each name with its argument, sorted by name, as gRPC's metadata map
    /// is written.
    #[must_use]
    pub fn sorted(&self) -> Vec<(&'a str, &'a Arg)> {
        let mut pairs: Vec<(&'a str, &'a Arg)> = match *self {
            Arguments::Of(params, args) => params.iter().map(|p| p.name).zip(args.iter()).collect(),
            Arguments::Named(named) => named
                .iter()
                .map(|(name, arg)| (name.as_str(), arg))
                .collect(),
        };
        pairs.sort_by_key(|(name, _)| *name);
        pairs
    }
}

// By hand: derived, they would ask `M: Clone` of a message only borrowed.
impl<M: Display + ?Sized> Clone for Parts<'_, M> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M: Display + ?Sized> Copy for Parts<'_, M> {}

impl<'a, M: Display + ?Sized> Parts<'a, M> {
    /// The headers `shape` carries parts of the error in, with their
    /// values: the ones a response in that shape sends besides its body.
    #[must_use]
    pub fn shape_headers(&self, shape: WireShape) -> Vec<(&'static HeaderMember, String)> {
        shape
            .spec()
            .headers
            .iter()
            .filter_map(|header| {
                let value = match header.part {
                    Part::Code => match (shape.spec().code_form, self.number) {
                        (CodeForm::Number, Some(number)) => number.to_string(),
                        _ => self.code.to_owned(),
                    },
                    Part::Status => self.status.to_string(),
                    Part::GrpcStatus => self.grpc.as_str().to_owned(),
                    Part::Domain => self.domain.to_owned(),
                    Part::Title => self.title.to_owned(),
                    Part::Message => self.message.to_string(),
                    Part::DocsUrl => self.docs_url.to_owned(),
                    Part::Hint => self.hint?.to_owned(),
                    Part::RequestId => self.request_id?.to_owned(),
                    Part::Details
                    | Part::Resolve
                    | Part::Arguments
                    | Part::Object(_)
                    | Part::List(_)
                    | Part::Constant(_) => return None,
                };
                Some((header, value))
            })
            .collect()
    }

    /// The body in `shape`, as a serializable view.
    #[must_use]
    pub fn body(&self, shape: WireShape) -> PartsBody<'_, 'a, M> {
        let spec = shape.spec();
        PartsBody {
            parts: self,
            members: spec.members,
            code_form: spec.code_form,
        }
    }
}

/// A body in one shape made of [`Parts`]; serialize it with any serializer.
pub struct PartsBody<'p, 'a, M: Display + ?Sized> {
    pub(crate) parts: &'p Parts<'a, M>,
    pub(crate) members: &'static [Member],
    pub(crate) code_form: CodeForm,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back() {
        for shape in WireShape::ALL {
            assert_eq!(WireShape::parse(shape.as_str()), Some(shape));
        }
        assert_eq!(WireShape::parse("Flat"), None);
    }

    /// A member that is always written holds a part every error has, and
    /// the others one an error may lack: otherwise a body would have a hole
    /// or a member could never be left out as its docs say.
    #[test]
    fn presence_matches_the_part() {
        for shape in WireShape::ALL {
            for (path, member) in shape.spec().members() {
                let always = member.presence == Presence::Always;
                assert_eq!(
                    always,
                    member.part.always_has_value(),
                    "{path:?} in {shape:?}"
                );
                assert_eq!(!always, member.part.absent_when().is_some(), "{path:?}");
            }
        }
    }

    #[test]
    fn signatures_name_members_of_every_body_and_every_shape_has_a_code() {
        for shape in WireShape::ALL {
            let spec = shape.spec();
            for name in spec.signatures.iter().copied().flatten() {
                let member = spec.member_at(name);
                // In every body, if only as `null`.
                assert!(
                    member.is_some_and(|m| m.presence != Presence::WhenPresent),
                    "{name} in {shape:?}"
                );
            }
            assert!(spec.path_of(Part::Code).is_some(), "{shape:?}");
            assert!(spec.path_of(Part::Message).is_some(), "{shape:?}");
        }
    }

    #[test]
    fn header_names_are_header_names() {
        for shape in WireShape::ALL {
            for header in shape.spec().headers {
                assert!(http::HeaderName::from_bytes(header.name.as_bytes()).is_ok());
            }
        }
        let aws = WireShape::AwsJson.spec();
        assert_eq!(aws.header_of(Part::Code), Some("X-Amzn-ErrorType"));
        assert_eq!(WireShape::Flat.spec().header_of(Part::Code), None);
    }

    #[test]
    fn smithy_shape_names_are_read_as_the_aws_sdks_read_them() {
        let form = CodeForm::SmithyShapeName;
        for (written, code) in [
            ("ResourceNotFoundException", "ResourceNotFoundException"),
            (
                "aws.dynamodb#ResourceNotFoundException",
                "ResourceNotFoundException",
            ),
            (
                "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
                "ResourceNotFoundException",
            ),
            (
                "aws.protocoltests#FooError:http://internal.amazon.com/",
                "FooError",
            ),
            ("", ""),
        ] {
            assert_eq!(form.read(written), code, "{written}");
        }
        assert!(form.holds("ThrottlingException"));
        assert!(!form.holds("PD:ErrFoo"));
        assert!(!form.holds("a#b"));
        assert!(CodeForm::Exact.holds("PD:ErrFoo"));
    }

    #[test]
    fn paths_lead_through_objects() {
        let path = WireShape::Nested.spec().path_of(Part::RequestId);
        assert_eq!(path, Some(vec!["error", "request_id"]));
        assert!(WireShape::Nested.carries_details());
        assert!(!WireShape::OAuth2.carries_details());
    }
}

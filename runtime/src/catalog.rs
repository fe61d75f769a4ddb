//! What a catalog's table holds: one [`CodeInfo`] per code, indexed by the
//! code enum's discriminant (decoded from a generated crate's string, see
//! `table.rs`, or written out by hand), and the codes and aliases for
//! parsing. Every behaviour that is the same for all codes lives here once,
//! generic over [`ErrorCode`], so generated code stays tables and constructors.

use std::fmt;
use std::hash::Hash;

pub use crate::lookup::Catalog;
pub use crate::shape::WireShape;

/// `google.rpc.Code`, for services that also speak gRPC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
#[allow(missing_docs)] // the names are the documentation: see google/rpc/code.proto
pub enum GrpcCode {
    Cancelled = 1,
    Unknown = 2,
    InvalidArgument = 3,
    DeadlineExceeded = 4,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    FailedPrecondition = 9,
    Aborted = 10,
    OutOfRange = 11,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    DataLoss = 15,
    Unauthenticated = 16,
}

impl GrpcCode {
    /// Every code, in `google.rpc.Code` order.
    pub const ALL: [GrpcCode; 16] = [
        GrpcCode::Cancelled,
        GrpcCode::Unknown,
        GrpcCode::InvalidArgument,
        GrpcCode::DeadlineExceeded,
        GrpcCode::NotFound,
        GrpcCode::AlreadyExists,
        GrpcCode::PermissionDenied,
        GrpcCode::ResourceExhausted,
        GrpcCode::FailedPrecondition,
        GrpcCode::Aborted,
        GrpcCode::OutOfRange,
        GrpcCode::Unimplemented,
        GrpcCode::Internal,
        GrpcCode::Unavailable,
        GrpcCode::DataLoss,
        GrpcCode::Unauthenticated,
    ];

    /// The code named `s` (`NOT_FOUND`), if any.
    #[must_use]
    pub fn parse(s: &str) -> Option<GrpcCode> {
        Self::ALL.into_iter().find(|code| code.as_str() == s)
    }

    /// The default for an HTTP status, following the HTTP mapping documented
    /// in `google/rpc/code.proto`; statuses it does not list fall back to
    /// `FAILED_PRECONDITION` (4xx) and `INTERNAL` (5xx), its general rule.
    #[must_use]
    pub const fn from_http_status(status: u16) -> GrpcCode {
        match status {
            400 => GrpcCode::InvalidArgument,
            401 => GrpcCode::Unauthenticated,
            403 => GrpcCode::PermissionDenied,
            404 => GrpcCode::NotFound,
            409 => GrpcCode::Aborted,
            416 => GrpcCode::OutOfRange,
            429 => GrpcCode::ResourceExhausted,
            499 => GrpcCode::Cancelled,
            501 => GrpcCode::Unimplemented,
            502 | 503 => GrpcCode::Unavailable,
            504 => GrpcCode::DeadlineExceeded,
            _ if status < 500 => GrpcCode::FailedPrecondition,
            _ => GrpcCode::Internal,
        }
    }

    /// The `google.rpc.Code` name, e.g. `NOT_FOUND`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            GrpcCode::Cancelled => "CANCELLED",
            GrpcCode::Unknown => "UNKNOWN",
            GrpcCode::InvalidArgument => "INVALID_ARGUMENT",
            GrpcCode::DeadlineExceeded => "DEADLINE_EXCEEDED",
            GrpcCode::NotFound => "NOT_FOUND",
            GrpcCode::AlreadyExists => "ALREADY_EXISTS",
            GrpcCode::PermissionDenied => "PERMISSION_DENIED",
            GrpcCode::ResourceExhausted => "RESOURCE_EXHAUSTED",
            GrpcCode::FailedPrecondition => "FAILED_PRECONDITION",
            GrpcCode::Aborted => "ABORTED",
            GrpcCode::OutOfRange => "OUT_OF_RANGE",
            GrpcCode::Unimplemented => "UNIMPLEMENTED",
            GrpcCode::Internal => "INTERNAL",
            GrpcCode::Unavailable => "UNAVAILABLE",
            GrpcCode::DataLoss => "DATA_LOSS",
            GrpcCode::Unauthenticated => "UNAUTHENTICATED",
        }
    }

    /// The HTTP status `google/rpc/code.proto` documents for the code: what
    /// a code without a status of its own (in a catalog whose transport is
    /// not HTTP) is sent with when it is served over HTTP all the same.
    #[must_use]
    pub const fn http_status(self) -> u16 {
        match self {
            GrpcCode::Cancelled => 499,
            GrpcCode::InvalidArgument | GrpcCode::FailedPrecondition | GrpcCode::OutOfRange => 400,
            GrpcCode::DeadlineExceeded => 504,
            GrpcCode::NotFound => 404,
            GrpcCode::AlreadyExists | GrpcCode::Aborted => 409,
            GrpcCode::PermissionDenied => 403,
            GrpcCode::ResourceExhausted => 429,
            GrpcCode::Unimplemented => 501,
            GrpcCode::Unavailable => 503,
            GrpcCode::Unauthenticated => 401,
            GrpcCode::Unknown | GrpcCode::Internal | GrpcCode::DataLoss => 500,
        }
    }

    /// The numeric value in `google.rpc.Code`.
    #[must_use]
    pub const fn number(self) -> u8 {
        self as u8
    }
}

/// What the `details` member of a body carries for a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DetailsKind {
    /// Nothing: `null` in the flat shape.
    #[default]
    None,
    /// A free-form JSON object; `{}` when the error carries none.
    Object,
    /// `{"field": ["message", ...]}`; `{}` when the error carries none.
    FieldErrors,
    /// An object of the members the catalog declares, which the generated
    /// constructor and derive always attach; absent (`null` in the flat
    /// shape) when the error carries none, since `{}` would lack them.
    Typed,
}

impl DetailsKind {
    /// Every kind, in declaration order.
    pub const ALL: [DetailsKind; 4] = [
        DetailsKind::None,
        DetailsKind::Object,
        DetailsKind::FieldErrors,
        DetailsKind::Typed,
    ];

    /// The kinds a catalog writes by name; typed details are written as
    /// their members.
    pub const WRITTEN: [DetailsKind; 3] = [
        DetailsKind::None,
        DetailsKind::Object,
        DetailsKind::FieldErrors,
    ];

    /// The spelling catalogs and locks use (`none`, `object`,
    /// `field_errors`, `typed`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            DetailsKind::None => "none",
            DetailsKind::Object => "object",
            DetailsKind::FieldErrors => "field_errors",
            DetailsKind::Typed => "typed",
        }
    }

    /// The kind a catalog spells `s`, if any.
    #[must_use]
    pub fn parse(s: &str) -> Option<DetailsKind> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == s)
    }
}

/// How serious a code is: most are errors, but catalogs such as
/// PostgreSQL's also list the warnings and notices a platform reports
/// (SQLSTATE class `01`, `02`), which services log and clients show
/// differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Severity {
    /// The request failed.
    #[default]
    Error,
    /// The request succeeded, but with something the caller should know.
    Warning,
    /// Information, such as a notice that a default was applied.
    Notice,
}

impl Severity {
    /// Every severity, in declaration order.
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Notice];

    /// The spelling catalogs use (`error`, `warning`, `notice`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Notice => "notice",
        }
    }

    /// The severity a catalog spells `s`, if any.
    #[must_use]
    pub fn parse(s: &str) -> Option<Severity> {
        Self::ALL
            .into_iter()
            .find(|severity| severity.as_str() == s)
    }
}

/// A set of the headers a code declares, as bits so it fits a `const` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct HeaderSet(u8);

impl HeaderSet {
    /// No headers.
    pub const NONE: HeaderSet = HeaderSet(0);
    /// `Retry-After`.
    pub const RETRY_AFTER: HeaderSet = HeaderSet(1);
    /// `RateLimit-Limit`.
    pub const RATE_LIMIT_LIMIT: HeaderSet = HeaderSet(1 << 1);
    /// `RateLimit-Remaining`.
    pub const RATE_LIMIT_REMAINING: HeaderSet = HeaderSet(1 << 2);
    /// `RateLimit-Reset`.
    pub const RATE_LIMIT_RESET: HeaderSet = HeaderSet(1 << 3);

    /// The headers the runtime fills itself, in their usual spelling and
    /// in the order errcat has always listed them.
    pub const KNOWN: [(&'static str, HeaderSet); 4] = [
        ("Retry-After", HeaderSet::RETRY_AFTER),
        ("RateLimit-Limit", HeaderSet::RATE_LIMIT_LIMIT),
        ("RateLimit-Remaining", HeaderSet::RATE_LIMIT_REMAINING),
        ("RateLimit-Reset", HeaderSet::RATE_LIMIT_RESET),
    ];

    /// What a known header's value means, for a reader of an API's docs;
    /// `None` for a header errcat does not fill. Compared without case.
    #[must_use]
    pub fn meaning_of(name: &str) -> Option<&'static str> {
        let [retry_after, limit, remaining, reset] = HeaderSet::KNOWN.map(|(known, _)| known);
        Some(match name {
            _ if name.eq_ignore_ascii_case(retry_after) => "Seconds to wait before retrying.",
            _ if name.eq_ignore_ascii_case(limit) => "Requests allowed in the current window.",
            _ if name.eq_ignore_ascii_case(remaining) => "Requests left in the current window.",
            _ if name.eq_ignore_ascii_case(reset) => "Seconds until the window resets.",
            _ => return None,
        })
    }

    /// The known headers among `names`, which are compared without case.
    pub fn of_names<'a>(names: impl IntoIterator<Item = &'a str>) -> HeaderSet {
        names.into_iter().fold(HeaderSet::NONE, |set, name| {
            HeaderSet::KNOWN
                .iter()
                .filter(|(known, _)| known.eq_ignore_ascii_case(name))
                .fold(set, |set, (_, bit)| set.union(*bit))
        })
    }

    /// Both sets together; `const` so tables can spell `A.union(B)`.
    #[must_use]
    pub const fn union(self, other: HeaderSet) -> HeaderSet {
        HeaderSet(self.0 | other.0)
    }

    /// The set with these bits, as [`HeaderSet::bits`] gives them.
    #[must_use]
    pub const fn from_bits(bits: u8) -> HeaderSet {
        HeaderSet(bits)
    }

    /// The set as bits, for tables that store it as a number.
    #[must_use]
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// Whether every header of `other` is in `self`.
    #[must_use]
    pub const fn contains(self, other: HeaderSet) -> bool {
        self.0 & other.0 == other.0
    }
}

/// A header a code always sends, its value a template over the code's
/// parameters (`Bearer realm="api", error="{reason}"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HeaderTemplate {
    /// The header name, lowercase (as `http::HeaderName` holds it).
    pub name: &'static str,
    /// The value's text and parameters.
    pub value: &'static [Piece],
}

/// RFC 9457 `resolve` extension: how a human or an agent fixes the problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Resolve {
    /// Call to action for a human.
    pub message: Option<&'static str>,
    /// Where a human fixes it.
    pub url: Option<&'static str>,
    /// Machine-readable action for agents, e.g. `select_plan`.
    pub action: Option<&'static str>,
    /// HTTP method of `endpoint`.
    pub method: Option<&'static str>,
    /// API path an agent can call to fix it.
    pub endpoint: Option<&'static str>,
}

impl Resolve {
    /// No members, for `Resolve { url: .., ..Resolve::NONE }` in `const` rows.
    pub const NONE: Resolve = Resolve {
        message: None,
        url: None,
        action: None,
        method: None,
        endpoint: None,
    };

    /// The members, in the order bodies write them.
    pub const MEMBERS: [ResolveMember; 5] = [
        ResolveMember {
            name: "message",
            value: ResolveValue::Text,
            meaning: "Call to action for a person.",
        },
        ResolveMember {
            name: "url",
            value: ResolveValue::Link,
            meaning: "Where a person can fix it.",
        },
        ResolveMember {
            name: "action",
            value: ResolveValue::Text,
            meaning: "Machine-readable action for agents.",
        },
        ResolveMember {
            name: "method",
            value: ResolveValue::Method,
            meaning: "HTTP method of the resolution endpoint.",
        },
        ResolveMember {
            name: "endpoint",
            value: ResolveValue::Link,
            meaning: "API path an agent can call to fix it.",
        },
    ];

    /// The HTTP methods `method` may name.
    pub const METHODS: [&'static str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// The members' values, in [`Resolve::MEMBERS`] order.
    #[must_use]
    pub const fn values(&self) -> [Option<&'static str>; 5] {
        [
            self.message,
            self.url,
            self.action,
            self.method,
            self.endpoint,
        ]
    }
}

/// The kind of string a [`ResolveMember`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResolveValue {
    /// Free text.
    Text,
    /// An absolute URL or a path on the API's host.
    Link,
    /// One of [`Resolve::METHODS`].
    Method,
}

/// One member of [`Resolve`], as bodies and their docs name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResolveMember {
    /// The JSON member's name, which is also the catalog's key.
    pub name: &'static str,
    /// What kind of string it holds.
    pub value: ResolveValue,
    /// What it holds.
    pub meaning: &'static str,
}

/// One piece of a message template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Piece {
    /// Literal text (braces already unescaped).
    Text(&'static str),
    /// The argument at this position of the constructor.
    Param(usize),
}

/// The type of a template parameter, as declared in the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParamType {
    /// `string`.
    String,
    /// `integer` (`i64`).
    Integer,
    /// `unsigned` (`u64`).
    Unsigned,
    /// `float` (`f64`).
    Float,
    /// `bool`.
    Bool,
}

impl ParamType {
    /// Every type, in declaration order.
    pub const ALL: [ParamType; 5] = [
        ParamType::String,
        ParamType::Integer,
        ParamType::Unsigned,
        ParamType::Float,
        ParamType::Bool,
    ];

    /// The spelling catalogs use (`string`, `unsigned`, ...).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Integer => "integer",
            ParamType::Unsigned => "unsigned",
            ParamType::Float => "float",
            ParamType::Bool => "bool",
        }
    }

    /// The type a catalog spells `s`, if any.
    #[must_use]
    pub fn parse(s: &str) -> Option<ParamType> {
        Self::ALL.into_iter().find(|ty| ty.as_str() == s)
    }
}

/// A template parameter: its name and type, in constructor order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Param {
    /// The placeholder's name in the template.
    pub name: &'static str,
    /// Its declared type.
    pub ty: ParamType,
}

/// Everything the catalog says about one code, as a `static` row.
#[derive(Debug, Clone, Copy, PartialEq)]
#[allow(clippy::struct_excessive_bools)] // one flag per catalog field, read one at a time
pub struct CodeInfo {
    /// The wire string.
    pub code: &'static str,
    /// HTTP status, 100..=599 (almost always 4xx or 5xx): the catalog's, or
    /// for a code that has none (its catalog is not served over HTTP), the
    /// HTTP equivalent of its gRPC code.
    pub status: u16,
    /// Static summary (RFC 9457 `title`).
    pub title: &'static str,
    /// The message template as written in the catalog, `{name}` placeholders.
    pub message: &'static str,
    /// The same template, split for rendering without parsing.
    pub template: &'static [Piece],
    /// Parameters in constructor order.
    pub params: &'static [Param],
    /// What the caller should do about it.
    pub hint: Option<&'static str>,
    /// Why it happens.
    pub description: Option<&'static str>,
    /// The id of the code's category.
    pub category: &'static str,
    /// Whether retrying the same request can succeed.
    pub retryable: bool,
    /// The caller is going too fast.
    pub throttling: bool,
    /// Default `Retry-After`, in seconds.
    pub retry_after: Option<u32>,
    /// The headers errcat knows that every response with this code carries
    /// (`Retry-After`, `RateLimit-*`), however their values are given.
    pub headers: HeaderSet,
    /// The headers whose values the catalog gives, over the parameters.
    pub header_values: &'static [HeaderTemplate],
    /// What `details` holds.
    pub details: DetailsKind,
    /// The shape this code renders in (its own, or the catalog's default).
    pub shape: WireShape,
    /// RFC 9457 `type`: the code's docs page, or `about:blank`.
    pub docs_url: &'static str,
    /// The matching `google.rpc.Code`.
    pub grpc: GrpcCode,
    /// RFC 9457 `resolve`, when a self-service fix exists.
    pub resolve: Option<Resolve>,
    /// Stable number: MySQL's errno, a JSON-RPC error code (negative ones
    /// too); within ±(2^53 − 1), so JavaScript reads it exactly.
    pub number: Option<i64>,
    /// The code is deprecated: still emitted, but new code should not use it.
    pub deprecated: bool,
    /// The code to use instead of a deprecated one.
    pub replacement: Option<&'static str>,
    /// The code is no longer emitted; it is kept so old payloads parse.
    pub retired: bool,
    /// Error, warning or notice.
    pub severity: Severity,
}

impl CodeInfo {
    /// The values of fields a catalog may leave out, for rows written as
    /// `CodeInfo { code: .., ..CodeInfo::DEFAULTS }`. Its own `code`,
    /// `status`, `title`, `message`, `category` and `docs_url` are
    /// placeholders every generated row overrides.
    pub const DEFAULTS: CodeInfo = CodeInfo {
        code: "",
        status: 500,
        title: "",
        message: "",
        template: &[],
        params: &[],
        hint: None,
        description: None,
        category: "",
        retryable: false,
        throttling: false,
        retry_after: None,
        headers: HeaderSet::NONE,
        header_values: &[],
        details: DetailsKind::None,
        shape: WireShape::Flat,
        docs_url: "about:blank",
        grpc: GrpcCode::Unknown,
        resolve: None,
        number: None,
        deprecated: false,
        replacement: None,
        retired: false,
        severity: Severity::Error,
    };

    /// How many fields a `CodeInfo` has: a row that sets every one of them
    /// cannot end in `..CodeInfo::DEFAULTS` (clippy's `needless_update`),
    /// so generators count against it. A test holds it to the struct.
    pub const FIELD_COUNT: usize = 24;

    /// `status >= 500`: the server's fault, whose details stay on the server.
    #[must_use]
    pub const fn is_server_error(&self) -> bool {
        self.status >= 500
    }
}

/// The code enum of a generated catalog. Implemented by generated code only:
/// it hands over the tables, and everything else is provided here.
pub trait ErrorCode: Copy + Eq + Hash + fmt::Debug + Send + Sync + 'static {
    /// The catalog's tables.
    fn catalog() -> &'static Catalog<Self>;

    /// Position of the code in [`Catalog::codes`] (its discriminant).
    fn index(self) -> usize;

    /// The code's row.
    #[must_use]
    fn info(self) -> &'static CodeInfo {
        &Self::catalog().codes()[self.index()]
    }

    /// The code a wire string or alias names, if this build knows it.
    #[must_use]
    fn parse(s: &str) -> Option<Self> {
        Self::catalog().parse(s)
    }

    /// The code whose stable `number` is `number`, if this build knows one.
    #[must_use]
    fn from_number(number: i64) -> Option<Self> {
        Self::catalog().from_number(number)
    }
}

#[cfg(test)]
mod tests {
    /// Counts the names of an exhaustive pattern, which stops compiling
    /// when a field is added to `CodeInfo` until it is listed here too.
    macro_rules! fields {
        ($($field:ident),* $(,)?) => {{
            let super::CodeInfo { $($field: _),* } = super::CodeInfo::DEFAULTS;
            [$(stringify!($field)),*].len()
        }};
    }

    #[test]
    fn the_field_count_is_the_structs() {
        let listed = fields!(
            code,
            status,
            title,
            message,
            template,
            params,
            hint,
            description,
            category,
            retryable,
            throttling,
            retry_after,
            headers,
            header_values,
            details,
            shape,
            docs_url,
            grpc,
            resolve,
            number,
            deprecated,
            replacement,
            retired,
            severity,
        );
        assert_eq!(listed, super::CodeInfo::FIELD_COUNT);
    }

    use super::*;

    #[test]
    fn every_grpc_code_has_the_http_status_code_proto_documents() {
        let statuses: Vec<(&str, u16)> = GrpcCode::ALL
            .iter()
            .map(|code| (code.as_str(), code.http_status()))
            .collect();
        assert_eq!(
            statuses,
            [
                ("CANCELLED", 499),
                ("UNKNOWN", 500),
                ("INVALID_ARGUMENT", 400),
                ("DEADLINE_EXCEEDED", 504),
                ("NOT_FOUND", 404),
                ("ALREADY_EXISTS", 409),
                ("PERMISSION_DENIED", 403),
                ("RESOURCE_EXHAUSTED", 429),
                ("FAILED_PRECONDITION", 400),
                ("ABORTED", 409),
                ("OUT_OF_RANGE", 400),
                ("UNIMPLEMENTED", 501),
                ("INTERNAL", 500),
                ("UNAVAILABLE", 503),
                ("DATA_LOSS", 500),
                ("UNAUTHENTICATED", 401),
            ]
        );
    }

    #[test]
    fn grpc_defaults_follow_the_google_mapping() {
        assert_eq!(GrpcCode::from_http_status(404), GrpcCode::NotFound);
        assert_eq!(
            GrpcCode::from_http_status(422),
            GrpcCode::FailedPrecondition
        );
        assert_eq!(GrpcCode::from_http_status(502), GrpcCode::Unavailable);
        assert_eq!(GrpcCode::from_http_status(500), GrpcCode::Internal);
    }

    #[test]
    fn names_parse_back() {
        for code in GrpcCode::ALL {
            assert_eq!(GrpcCode::parse(code.as_str()), Some(code));
        }
        for (number, code) in (1..).zip(GrpcCode::ALL) {
            assert_eq!(code.number(), number);
        }
    }

    #[test]
    fn resolve_values_follow_the_member_list() {
        let resolve = Resolve {
            message: Some("message"),
            url: Some("url"),
            action: Some("action"),
            method: Some("method"),
            endpoint: Some("endpoint"),
        };
        let names = Resolve::MEMBERS.map(|member| Some(member.name));
        assert_eq!(resolve.values(), names);
    }
}

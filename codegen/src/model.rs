//! The validated catalog: the one value every emitter reads.
//!
//! Nothing here can be built from unchecked input except through
//! [`crate::load`], so an emitter may assume every invariant documented below
//! (unique codes, declared parameters, known categories, resolvable
//! replacements) and never needs to report an error of its own.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// A whole catalog, in the order people read it: categories in declared
/// order, and inside a category, codes by file path and then source position.
/// A code's index in [`Catalog::codes`] is its position in every generated
/// table.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    /// Short machine name, e.g. `fold`; names the generated crate and types.
    pub name: String,
    /// Human title of the API, e.g. `Fold API`.
    pub title: String,
    /// Markdown introduction shown at the top of the docs index.
    pub description: Option<String>,
    /// Version of the API the catalog describes (used by `since`, changelog).
    pub version: Option<String>,
    pub code_style: CodeStyle,
    /// Wire shape used by codes that do not choose their own.
    pub wire_shape: WireShape,
    /// Base URL of the published docs; a code's `docs_url` defaults to
    /// `{docs_base_url}#{anchor}`.
    pub docs_base_url: Option<String>,
    pub categories: Vec<Category>,
    pub codes: Vec<Code>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    /// Stable id, e.g. `authentication`.
    pub id: String,
    pub title: String,
    pub description: Option<String>,
}

/// Index into [`Catalog::categories`].
pub type CategoryIndex = usize;

#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    /// The wire string, exactly as clients see it.
    pub code: String,
    pub status: u16,
    /// Static summary, RFC 9457 `title`; defaults to the code in sentence case.
    pub title: String,
    pub message: Template,
    /// What the caller should do about it.
    pub hint: Option<String>,
    /// Why it happens (the seeds' "Cause" / "Description" column).
    pub description: Option<String>,
    /// Long-form markdown explanation, like `rustc --explain`.
    pub docs: Option<String>,
    pub category: CategoryIndex,
    pub retry: Retry,
    /// Headers every response with this code carries.
    pub headers: Vec<Header>,
    pub details: DetailsKind,
    pub resolve: Option<Resolve>,
    /// Explicit RFC 9457 `type`; see [`Catalog::docs_url`] for the default.
    pub docs_url: Option<String>,
    /// Other wire strings that parse to this code.
    pub aliases: Vec<String>,
    pub deprecated: Option<Deprecation>,
    /// A retired code is never emitted again, but is kept so it is never
    /// reused and old clients still parse it.
    pub retired: Option<Retirement>,
    /// Catalog version that introduced the code.
    pub since: Option<String>,
    pub grpc: GrpcCode,
    /// Optional stable number, for JSON-RPC / MCP style error numbers.
    pub number: Option<u32>,
    /// The resolved shape: the code's own choice or the catalog default.
    pub wire_shape: WireShape,
    /// Where the code is defined, relative to the catalog directory.
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Path relative to the catalog directory, `/`-separated.
    pub file: String,
    /// 1-based line of the code's table header.
    pub line: u32,
}

/// A message template: text interleaved with typed parameters, e.g.
/// `version '{version}' of service '{service}' does not exist`.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub segments: Vec<Segment>,
    /// Parameters in order of first appearance in the template; this is the
    /// argument order of every generated constructor.
    pub params: Vec<Param>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    Text(String),
    /// Index into [`Template::params`].
    Param(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    pub ty: ParamType,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParamType {
    String,
    Integer,
    Unsigned,
    Float,
    Bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Retry {
    pub retryable: bool,
    /// The failure is the caller going too fast (Smithy's `throttling`).
    pub throttling: bool,
    /// Default `Retry-After`, in seconds.
    pub after_seconds: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Header {
    RetryAfter,
    RateLimitLimit,
    RateLimitRemaining,
    RateLimitReset,
}

/// What the `details` member of a response carries for this code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DetailsKind {
    /// No details: `null` in the flat shape.
    #[default]
    None,
    /// A free-form JSON object.
    Object,
    /// Field-level errors: `{"url": ["Expected string, received number"]}`.
    FieldErrors,
}

/// RFC 9457 `resolve` extension: how a human or an agent fixes the problem.
/// At least one member is set.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Resolve {
    pub message: Option<String>,
    pub url: Option<String>,
    pub action: Option<String>,
    pub method: Option<String>,
    pub endpoint: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Deprecation {
    pub since: Option<String>,
    /// A code of the same catalog (validated to exist).
    pub replacement: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Retirement {
    pub since: Option<String>,
    pub note: Option<String>,
}

/// The wire shapes the seeds use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WireShape {
    /// `{"error", "code", "details", "hint"}` (seeds 000, 001).
    Flat,
    /// `{"error": {"code", "message", "request_id"}}` (seed 002).
    Nested,
    /// `{"errorCode", "errorMessage"}` (seed 003).
    ErrorCode,
    /// RFC 9457 `application/problem+json` with `error_code`, `resolve` (seed 004).
    Problem,
    /// OAuth 2 `{"error", "error_description"}` (seed 002).
    OAuth2,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeStyle {
    ScreamingSnake,
    Snake,
    Pascal,
}

/// `google.rpc.Code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GrpcCode {
    Cancelled,
    Unknown,
    InvalidArgument,
    DeadlineExceeded,
    NotFound,
    AlreadyExists,
    PermissionDenied,
    ResourceExhausted,
    FailedPrecondition,
    Aborted,
    OutOfRange,
    Unimplemented,
    Internal,
    Unavailable,
    DataLoss,
    Unauthenticated,
}

impl Catalog {
    pub fn find(&self, code: &str) -> Option<&Code> {
        self.codes.iter().find(|c| c.code == code)
    }

    /// Finds a code by its wire string or one of its aliases.
    pub fn resolve_code(&self, code_or_alias: &str) -> Option<&Code> {
        self.find(code_or_alias).or_else(|| {
            self.codes
                .iter()
                .find(|c| c.aliases.iter().any(|a| a == code_or_alias))
        })
    }

    pub fn codes_in(&self, category: CategoryIndex) -> impl Iterator<Item = &Code> {
        self.codes.iter().filter(move |c| c.category == category)
    }

    /// RFC 9457 `type` of a code: its own `docs_url`, else the docs page's
    /// anchor for it, else `about:blank` as RFC 9457 prescribes.
    pub fn docs_url(&self, code: &Code) -> String {
        match (&code.docs_url, &self.docs_base_url) {
            (Some(url), _) => url.clone(),
            (None, Some(base)) => format!("{}#{}", base.trim_end_matches('#'), code.anchor()),
            (None, None) => "about:blank".to_owned(),
        }
    }

    /// Rust type of the error value, e.g. `FoldError`.
    pub fn rust_error_type(&self) -> String {
        format!("{}Error", self.name.to_upper_camel_case())
    }

    /// Rust type of the code enum, e.g. `FoldErrorCode`.
    pub fn rust_code_type(&self) -> String {
        format!("{}ErrorCode", self.name.to_upper_camel_case())
    }

    /// Name of the generated Rust crate, e.g. `fold-errors`.
    pub fn rust_crate_name(&self) -> String {
        format!("{}-errors", self.name.to_snake_case().replace('_', "-"))
    }
}

impl Code {
    /// Enum variant, e.g. `VersionNotFound`.
    pub fn rust_variant(&self) -> String {
        self.code.to_upper_camel_case()
    }

    /// Constructor and snake_case name, e.g. `version_not_found`.
    pub fn rust_fn(&self) -> String {
        self.code.to_snake_case()
    }

    /// Key in the TypeScript `ErrorCode` object, e.g. `VERSION_NOT_FOUND`.
    pub fn ts_key(&self) -> String {
        self.code.to_shouty_snake_case()
    }

    /// Stable anchor of the code's docs entry: the code, lowercased
    /// (`#rate_limited`, `#invalidargument`).
    pub fn anchor(&self) -> String {
        self.code.to_ascii_lowercase()
    }

    pub fn has_header(&self, header: Header) -> bool {
        self.headers.contains(&header)
    }

    pub fn is_server_error(&self) -> bool {
        self.status >= 500
    }
}

/// Enum variants the generated Rust reserves; a code may not become one.
/// The Rust emitter owns this list. The code enum has no variant of its own,
/// but unknown wire codes parse into `errcat::AnyCode::Unknown`, and a code
/// named `Unknown` would make `AnyCode::Known(Code::Unknown)` read as its
/// opposite.
pub const RESERVED_RUST_VARIANTS: &[&str] = &["Unknown"];

/// Names a per-code constructor of the generated error type may not take:
/// its own methods, the methods of `errcat::Error` it derefs to, and the
/// trait functions called on it with path syntax (`FoldError::from`). The
/// Rust emitter owns this list: extend it when either type gains a name.
pub const RESERVED_RUST_FNS: &[&str] = &[
    // `errcat::Error`, through `Deref`.
    "new",
    "code",
    "info",
    "status",
    "title",
    "hint",
    "message",
    "args",
    "arg",
    "details",
    "request_id",
    "retry_after",
    "rate_limit",
    "shape",
    "body",
    "to_json",
    "headers",
    "render",
    "to_response",
    "negotiate",
    "respond",
    "log_line",
    // The generated type's own builders.
    "with_source",
    "with_details",
    "with_field_error",
    "with_request_id",
    "with_retry_after",
    "with_rate_limit",
    "with_shape",
    "into_inner",
    // Traits it implements.
    "from",
    "fmt",
    "source",
    "deref",
    "into_response",
];

/// Default title of a code with none of its own: `TENANT_NOT_FOUND` and
/// `TenantNotFound` both become `Tenant not found`.
pub fn default_title(code: &str) -> String {
    let words = code.to_snake_case().replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Template {
    /// The template as written in the catalog, with `{name}` placeholders
    /// and literal braces doubled.
    pub fn source(&self) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Text(text) => out.push_str(&text.replace('{', "{{").replace('}', "}}")),
                Segment::Param(i) => {
                    out.push('{');
                    out.push_str(&self.params[*i].name);
                    out.push('}');
                }
            }
        }
        out
    }

    /// Renders the template with `arg` producing each parameter's text.
    pub fn render_with(&self, mut arg: impl FnMut(&Param) -> String) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Text(text) => out.push_str(text),
                Segment::Param(i) => out.push_str(&arg(&self.params[*i])),
            }
        }
        out
    }
}

impl ParamType {
    pub const ALL: [ParamType; 5] = [
        ParamType::String,
        ParamType::Integer,
        ParamType::Unsigned,
        ParamType::Float,
        ParamType::Bool,
    ];

    /// The spelling used in catalog files.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Integer => "integer",
            ParamType::Unsigned => "unsigned",
            ParamType::Float => "float",
            ParamType::Bool => "bool",
        }
    }

    pub fn parse(s: &str) -> Option<ParamType> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

impl Header {
    pub const ALL: [Header; 4] = [
        Header::RetryAfter,
        Header::RateLimitLimit,
        Header::RateLimitRemaining,
        Header::RateLimitReset,
    ];

    /// The header name, as written in catalog files and on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Header::RetryAfter => "Retry-After",
            Header::RateLimitLimit => "RateLimit-Limit",
            Header::RateLimitRemaining => "RateLimit-Remaining",
            Header::RateLimitReset => "RateLimit-Reset",
        }
    }

    /// Header names are case-insensitive on the wire, and so in the catalog.
    pub fn parse(s: &str) -> Option<Header> {
        Self::ALL
            .into_iter()
            .find(|h| h.as_str().eq_ignore_ascii_case(s))
    }
}

impl DetailsKind {
    pub const ALL: [DetailsKind; 3] = [
        DetailsKind::None,
        DetailsKind::Object,
        DetailsKind::FieldErrors,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DetailsKind::None => "none",
            DetailsKind::Object => "object",
            DetailsKind::FieldErrors => "field_errors",
        }
    }

    pub fn parse(s: &str) -> Option<DetailsKind> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

impl WireShape {
    pub const ALL: [WireShape; 5] = [
        WireShape::Flat,
        WireShape::Nested,
        WireShape::ErrorCode,
        WireShape::Problem,
        WireShape::OAuth2,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WireShape::Flat => "flat",
            WireShape::Nested => "nested",
            WireShape::ErrorCode => "error_code",
            WireShape::Problem => "problem",
            WireShape::OAuth2 => "oauth2",
        }
    }

    pub fn parse(s: &str) -> Option<WireShape> {
        Self::ALL.into_iter().find(|w| w.as_str() == s)
    }

    pub fn content_type(self) -> &'static str {
        match self {
            WireShape::Problem => "application/problem+json",
            _ => "application/json",
        }
    }
}

impl CodeStyle {
    pub const ALL: [CodeStyle; 3] = [
        CodeStyle::ScreamingSnake,
        CodeStyle::Snake,
        CodeStyle::Pascal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CodeStyle::ScreamingSnake => "SCREAMING_SNAKE_CASE",
            CodeStyle::Snake => "snake_case",
            CodeStyle::Pascal => "PascalCase",
        }
    }

    pub fn parse(s: &str) -> Option<CodeStyle> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Whether `code` is written in this style: ASCII letters and digits,
    /// starting with a letter, words joined the style's way.
    pub fn accepts(self, code: &str) -> bool {
        let mut chars = code.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        let word_chars_ok = match self {
            CodeStyle::ScreamingSnake => {
                first.is_ascii_uppercase()
                    && code
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            }
            CodeStyle::Snake => {
                first.is_ascii_lowercase()
                    && code
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            }
            CodeStyle::Pascal => {
                first.is_ascii_uppercase() && code.chars().all(|c| c.is_ascii_alphanumeric())
            }
        };
        word_chars_ok && !code.ends_with('_') && !code.contains("__")
    }

    /// `code` rewritten in this style, for "did you mean" suggestions.
    pub fn convert(self, code: &str) -> String {
        match self {
            CodeStyle::ScreamingSnake => code.to_shouty_snake_case(),
            CodeStyle::Snake => code.to_snake_case(),
            CodeStyle::Pascal => code.to_upper_camel_case(),
        }
    }
}

impl GrpcCode {
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

    /// The `google.rpc.Code` name, e.g. `NOT_FOUND`.
    pub fn as_str(self) -> &'static str {
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

    /// The numeric value of the code in `google.rpc.Code`.
    pub fn number(self) -> u8 {
        match self {
            GrpcCode::Cancelled => 1,
            GrpcCode::Unknown => 2,
            GrpcCode::InvalidArgument => 3,
            GrpcCode::DeadlineExceeded => 4,
            GrpcCode::NotFound => 5,
            GrpcCode::AlreadyExists => 6,
            GrpcCode::PermissionDenied => 7,
            GrpcCode::ResourceExhausted => 8,
            GrpcCode::FailedPrecondition => 9,
            GrpcCode::Aborted => 10,
            GrpcCode::OutOfRange => 11,
            GrpcCode::Unimplemented => 12,
            GrpcCode::Internal => 13,
            GrpcCode::Unavailable => 14,
            GrpcCode::DataLoss => 15,
            GrpcCode::Unauthenticated => 16,
        }
    }

    pub fn parse(s: &str) -> Option<GrpcCode> {
        Self::ALL.into_iter().find(|g| g.as_str() == s)
    }

    /// The default for an HTTP status, following the HTTP mapping documented
    /// in `google/rpc/code.proto`; statuses it does not list fall back to
    /// `FAILED_PRECONDITION` (4xx) and `INTERNAL` (5xx), its general rule.
    pub fn from_http_status(status: u16) -> GrpcCode {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_titles_read_as_sentences() {
        assert_eq!(default_title("TENANT_NOT_FOUND"), "Tenant not found");
        assert_eq!(default_title("ServiceNotFound"), "Service not found");
        assert_eq!(default_title("rate_limited"), "Rate limited");
    }

    #[test]
    fn code_styles_accept_only_their_own_spelling() {
        assert!(CodeStyle::ScreamingSnake.accepts("HTTP2_X"));
        assert!(!CodeStyle::ScreamingSnake.accepts("USER__NOT_FOUND"));
        assert!(!CodeStyle::ScreamingSnake.accepts("RateLimited"));
        assert!(CodeStyle::Snake.accepts("workspace_slug_taken"));
        assert!(!CodeStyle::Snake.accepts("_leading"));
        assert!(CodeStyle::Pascal.accepts("InvalidArgument"));
        assert!(!CodeStyle::Pascal.accepts("Invalid_Argument"));
        assert!(!CodeStyle::Pascal.accepts(""));
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
}

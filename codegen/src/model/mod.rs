//! The validated catalog: the one value every emitter reads.
//!
//! Nothing here can be built from unchecked input except through
//! [`crate::load`], so an emitter may assume every invariant documented below
//! (unique codes, declared parameters, known categories, resolvable
//! replacements) and never needs to report an error of its own.

use heck::{ToSnakeCase, ToUpperCamelCase};

mod details;
pub(crate) mod naming;
mod shape;
mod template;

pub use details::{
    DetailMember, DetailType, example as details_example, flatten as flatten_details,
};
pub use naming::{
    CodeRule, CodeStyle, RESERVED_PAGE_STEMS, RESERVED_RUST_FNS, RESERVED_RUST_VARIANTS,
    default_title, is_ident, is_rust_keyword, is_typescript_reserved,
};
pub use shape::{MemberDecl, PLACEHOLDERS, PartDecl, ShapeDecl};
pub use template::{Param, Segment, Template};
// What a code may be, which the derive checks the same way.
pub use crate::code_name::{CodeProblem, code_problem};
// The runtime's own definitions, so what the catalog says and what services
// send can never disagree.
pub use errcat::{DetailsKind, GrpcCode, ParamType, Severity, WireShape};

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
    /// The rule every code follows, if the catalog sets one; codes are any
    /// visible text otherwise.
    pub code_style: Option<CodeRule>,
    /// Wire shape used by codes that do not choose their own.
    pub wire_shape: WireShape,
    /// The shapes the catalog declares (`[shape.NAME]`), in declared order;
    /// [`Catalog::shapes`] adds the built-in ones.
    pub declared_shapes: Vec<WireShape>,
    /// What the platform sends its errors over; a code's `status` is
    /// required only over HTTP.
    pub transport: Transport,
    /// The domain its codes are unique in (AIP-193's and gRPC's
    /// `ErrorInfo.domain`), when it is not the catalog's name.
    pub domain: Option<String>,
    /// Base URL of the published docs; a code's `docs_url` defaults to
    /// `{docs_base_url}#{anchor}`.
    pub docs_base_url: Option<String>,
    /// Why the catalog holds no stability lock, when it says so: once a
    /// catalog was locked, only this reviewed line lets it go without one.
    pub unlocked: Option<String>,
    pub categories: Vec<Category>,
    /// A secondary classification beside categories (SQLSTATE's classes,
    /// Smithy's client and server faults), in declared order; often none.
    pub classes: Vec<Class>,
    pub codes: Vec<Code>,
}

/// What a platform sends its errors over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Transport {
    /// HTTP, where every code has a status.
    #[default]
    Http,
    /// gRPC only: a code's gRPC code is its primary classification.
    Grpc,
    /// Neither (a database's SQLSTATEs, a library's errors): a code's
    /// class is its primary classification.
    None,
}

impl Transport {
    pub const ALL: [Transport; 3] = [Transport::Http, Transport::Grpc, Transport::None];

    /// The spelling catalogs use (`http`, `grpc`, `none`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Transport::Http => "http",
            Transport::Grpc => "grpc",
            Transport::None => "none",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    /// Stable id, e.g. `authentication`.
    pub id: String,
    pub title: String,
    pub description: Option<String>,
}

impl Category {
    /// File name (without `.md` or `.html`) of the category's docs page: its
    /// id, unless that would collide with a file the layout needs on a
    /// case-insensitive file system (`summary` and `SUMMARY.md`, `index` and
    /// `index.html`). The loader keeps these unique.
    pub fn page_stem(&self) -> String {
        if RESERVED_PAGE_STEMS.contains(&self.id.as_str()) {
            format!("{}_errors", self.id)
        } else {
            self.id.clone()
        }
    }
}

/// Index into [`Catalog::categories`].
pub type CategoryIndex = usize;

/// A class codes can be in besides their category, e.g. SQLSTATE class
/// `23`, "Integrity Constraint Violation".
#[derive(Debug, Clone, PartialEq)]
pub struct Class {
    /// As the platform writes it, e.g. `23` or `client`.
    pub id: String,
    pub title: String,
    pub description: Option<String>,
}

/// Index into [`Catalog::classes`].
pub type ClassIndex = usize;

#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    /// The wire string, exactly as clients see it: any visible text.
    pub code: String,
    /// What the generated identifiers are made from instead of the code
    /// (`ident = "UndefinedTable"` for `42P01`), if the catalog says.
    pub ident: Option<String>,
    /// The HTTP status the platform documents; only a catalog whose
    /// transport is not HTTP may leave it out (see [`Code::http_status`]).
    pub status: Option<u16>,
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
    /// The code's class, if the catalog declares classes and it has one.
    pub class: Option<ClassIndex>,
    /// Free labels the docs show and the site filters on, in the order
    /// written.
    pub tags: Vec<String>,
    pub retry: Retry,
    /// Headers every response with this code carries.
    pub headers: Vec<Header>,
    pub details: DetailsKind,
    /// The members of typed details (`details = { bucket = "string" }`),
    /// whose kind is then [`DetailsKind::Typed`]; empty otherwise.
    pub detail_members: Vec<DetailMember>,
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
    pub number: Option<i64>,
    /// Error (the default), warning or notice.
    pub severity: Severity,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Retry {
    pub retryable: bool,
    /// The failure is the caller going too fast (Smithy's `throttling`).
    pub throttling: bool,
    /// Default `Retry-After`, in seconds.
    pub after_seconds: Option<u32>,
}

/// A header every response with a code carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// As the catalog spells it (`WWW-Authenticate`); header names are
    /// case-insensitive, so compare with [`Header::is`].
    pub name: String,
    pub value: HeaderValue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum HeaderValue {
    /// `Retry-After` in the list form: the code's `retry_after`, or the
    /// seconds the service gives at run time.
    RetryAfter,
    /// Text and the code's parameters (indices into its message's
    /// [`Template::params`]), which every constructor requires.
    Template(Vec<Segment>),
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

impl Resolve {
    /// The members' values in the runtime's `Resolve::MEMBERS` order, which
    /// is also the order of these fields.
    pub fn values(&self) -> [Option<&str>; errcat::Resolve::MEMBERS.len()] {
        [
            self.message.as_deref(),
            self.url.as_deref(),
            self.action.as_deref(),
            self.method.as_deref(),
            self.endpoint.as_deref(),
        ]
    }
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

impl Catalog {
    /// Every shape its codes may be sent in and its clients read: the
    /// built-in ones, then the declared ones. A code's shape is named by
    /// its place here in the generated table.
    pub fn shapes(&self) -> impl Iterator<Item = WireShape> + '_ {
        WireShape::ALL
            .into_iter()
            .chain(self.declared_shapes.iter().copied())
    }

    /// The place of `shape` in [`Catalog::shapes`].
    ///
    /// # Panics
    ///
    /// If the catalog has no such shape, which the loader rules out.
    pub fn shape_index(&self, shape: WireShape) -> usize {
        self.shapes()
            .position(|candidate| candidate == shape)
            .expect("every code's shape is one of its catalog's")
    }

    /// The domain its codes are unique in: `domain`, else the name.
    pub fn domain(&self) -> &str {
        self.domain.as_deref().unwrap_or(&self.name)
    }

    /// Codes a server can still send: retired codes never are, and aliases
    /// are only read, never written.
    pub fn emitted(&self) -> impl Iterator<Item = &Code> {
        self.codes.iter().filter(|c| c.retired.is_none())
    }

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
        code.docs_url_in(self.docs_base_url.as_deref())
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
    /// What the generated identifiers are made from: the `ident`, else
    /// the code.
    pub fn ident_source(&self) -> &str {
        self.ident.as_deref().unwrap_or(&self.code)
    }

    /// The HTTP status the code is sent with when it is served over HTTP
    /// all the same: its own, else its gRPC code's HTTP equivalent
    /// (`google/rpc/code.proto`).
    pub fn http_status(&self) -> u16 {
        self.status.unwrap_or_else(|| self.grpc.http_status())
    }

    /// Enum variant, e.g. `VersionNotFound`: a code that is no identifier
    /// keeps its letters and digits as words (`42P01` becomes `E42p01`).
    pub fn rust_variant(&self) -> String {
        naming::rust_variant(self.ident_source())
    }

    /// Constructor and snake_case name, e.g. `version_not_found`.
    pub fn rust_fn(&self) -> String {
        naming::rust_fn(self.ident_source())
    }

    /// Key in the TypeScript `ErrorCode` object, e.g. `VERSION_NOT_FOUND`.
    pub fn ts_key(&self) -> String {
        naming::ts_key(self.ident_source())
    }

    /// Stable anchor of the code's docs entry: the code, lowercased
    /// (`#rate_limited`, `#invalidargument`, `#pd:errfoo`), with any
    /// character outside `[a-z0-9-_.:]` written as `~hex~`.
    pub fn anchor(&self) -> String {
        naming::anchor(&self.code)
    }

    /// RFC 9457 `type` of the code in a catalog whose docs are published at
    /// `docs_base_url`; see [`Catalog::docs_url`].
    pub fn docs_url_in(&self, docs_base_url: Option<&str>) -> String {
        match (&self.docs_url, docs_base_url) {
            (Some(url), _) => url.clone(),
            (None, Some(base)) => format!("{}#{}", base.trim_end_matches('#'), self.anchor()),
            (None, None) => "about:blank".to_owned(),
        }
    }

    /// Whether the code declares the header `name`, in any case.
    pub fn has_header(&self, name: &str) -> bool {
        self.headers.iter().any(|h| h.is(name))
    }

    pub fn is_server_error(&self) -> bool {
        self.http_status() >= 500
    }
}

impl Header {
    /// The name of the header the list form may hold, and the runtime fills.
    pub const RETRY_AFTER: &'static str = "Retry-After";

    /// Whether this is the header `name`, in any case.
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// The name as HTTP/2 and the `http` crate write it.
    pub fn lowercase_name(&self) -> String {
        self.name.to_ascii_lowercase()
    }

    /// The value with `{param}` placeholders, as the catalog writes it; the
    /// list form's `Retry-After` has none.
    pub fn template_source(&self, params: &[Param]) -> Option<String> {
        match &self.value {
            HeaderValue::RetryAfter => None,
            HeaderValue::Template(segments) => Some(
                Template {
                    segments: segments.clone(),
                    params: params.to_vec(),
                }
                .source(),
            ),
        }
    }
}

//! How codes are spelled, and which names generated code keeps for itself.

use std::borrow::Cow;
use std::fmt::Write as _;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

pub use crate::code_name::{is_ident, is_rust_keyword};

/// The rule a catalog's codes follow, if it sets one (`code_style`): one of
/// the identifier styles, or a pattern such as AIP-193's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeRule {
    Style(CodeStyle),
    /// A regular expression every code matches whole (`regex` syntax), and
    /// at most `max_length` characters.
    Pattern {
        pattern: Option<String>,
        max_length: Option<usize>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeStyle {
    ScreamingSnake,
    Snake,
    Pascal,
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

/// Category ids whose docs page would be named like a file of the docs'
/// own layout (`README.md`, `SUMMARY.md`, `book.toml`, `index.html`,
/// `assets/`): their pages get `_errors` appended instead.
pub const RESERVED_PAGE_STEMS: &[&str] = &["readme", "summary", "index", "book", "assets"];

/// The name `source` (a code, or its explicit `ident`) becomes in a
/// generated identifier style: `convert` applied to its ASCII letters and
/// digits (every other ASCII character separates words; a non-ASCII letter
/// or digit becomes the word `U<hex>`, so it still tells codes apart), and
/// `prefix` before a name that would start with a digit (SQLSTATE `42P01`
/// is the variant `E42p01`). Empty when `source` has no letter or digit,
/// which the loader reports.
pub(crate) fn identifier(source: &str, convert: fn(&str) -> String, prefix: &str) -> String {
    let name = convert(&ascii_words(source));
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}{name}")
    } else {
        name
    }
}

/// The enum variant `source` names, e.g. `VersionNotFound`, `E42p01`.
pub fn rust_variant(source: &str) -> String {
    identifier(source, |w| w.to_upper_camel_case(), "E")
}

/// The constructor `source` names, e.g. `version_not_found`, `e42p01`.
pub fn rust_fn(source: &str) -> String {
    identifier(source, |w| w.to_snake_case(), "e")
}

/// The TypeScript `ErrorCode` key `source` names, e.g. `E42P01`.
pub fn ts_key(source: &str) -> String {
    identifier(source, |w| w.to_shouty_snake_case(), "E")
}

fn ascii_words(source: &str) -> Cow<'_, str> {
    if source.is_ascii() {
        return Cow::Borrowed(source);
    }
    let mut words = String::with_capacity(source.len() * 2);
    for c in source.chars() {
        if c.is_ascii() {
            words.push(c);
        } else if c.is_alphanumeric() {
            let _ = write!(words, " U{:X} ", u32::from(c));
        } else {
            words.push(' ');
        }
    }
    Cow::Owned(words)
}

/// The anchor of a code's docs entry: the code in lowercase, where it is
/// ASCII letters, digits and `-_.:` (safe in an HTML id and in a URL's
/// fragment, unescaped), with any other character written `~<hex>~`, so
/// no two codes that differ in more than letter case share one.
pub fn anchor(code: &str) -> String {
    let mut anchor = String::with_capacity(code.len());
    for c in code.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':') {
            anchor.push(c.to_ascii_lowercase());
        } else {
            let _ = write!(anchor, "~{:x}~", u32::from(c));
        }
    }
    anchor
}

/// Default title of a code with none of its own, from its `ident` or else
/// the code: `TENANT_NOT_FOUND` and `TenantNotFound` both become `Tenant
/// not found`; a source in no identifier style (`42P01`, `PD:ErrFoo`) is
/// its own title, since its words cannot be told apart.
pub fn default_title(source: &str) -> String {
    if !CodeStyle::ALL.iter().any(|style| style.accepts(source)) {
        return source.to_owned();
    }
    let words = source.to_snake_case().replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
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

/// TypeScript's reserved words, which may not name a binding.
const TYPESCRIPT_RESERVED: &[&str] = &[
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "yield",
    "await",
];

pub fn is_typescript_reserved(word: &str) -> bool {
    TYPESCRIPT_RESERVED.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_titles_read_as_sentences() {
        assert_eq!(default_title("TENANT_NOT_FOUND"), "Tenant not found");
        assert_eq!(default_title("ServiceNotFound"), "Service not found");
        assert_eq!(default_title("rate_limited"), "Rate limited");
        assert_eq!(default_title("42P01"), "42P01");
        assert_eq!(default_title("PD:ErrFoo"), "PD:ErrFoo");
    }

    #[test]
    fn identifiers_come_from_any_code() {
        let (variant, function, key) = (rust_variant, rust_fn, ts_key);
        assert_eq!(variant("VERSION_NOT_FOUND"), "VersionNotFound");
        assert_eq!(variant("42P01"), "E42p01");
        assert_eq!(function("42P01"), "e42p01");
        assert_eq!(key("42P01"), "E42P01");
        assert_eq!(variant("PD:core:ErrFoo"), "PdCoreErrFoo");
        assert_eq!(
            function("AWS.SimpleQueueService.NonExistentQueue"),
            "aws_simple_queue_service_non_existent_queue"
        );
        assert_eq!(key("1045"), "E1045");
        assert_eq!(variant("Fehler ä"), "FehlerUe4");
        assert_eq!(key("参数"), "U53C2_U6570");
        assert_eq!(variant("!!!"), "");
    }

    #[test]
    fn anchors_are_url_safe_and_keep_codes_apart() {
        assert_eq!(anchor("RATE_LIMITED"), "rate_limited");
        assert_eq!(anchor("PD:core:ErrFoo"), "pd:core:errfoo");
        assert_eq!(anchor("AWS.SQS.X-1"), "aws.sqs.x-1");
        assert_eq!(anchor("a b/c#d"), "a~20~b~2f~c~23~d");
        assert_eq!(anchor("é~"), "~e9~~7e~");
        assert_ne!(anchor("a b"), anchor("a~20~b"));
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
}

//! How codes are spelled, and which names generated code keeps for itself.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

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

/// Element ids of the docs site's index page, where every code's row also
/// has its anchor as id: a code whose anchor is one of these would make
/// `#anchor` links, and the page's script, find the element instead of the
/// code. The site emitter owns this list (a test checks it against the
/// page).
pub const RESERVED_ANCHORS: &[&str] = &[
    "q",
    "status",
    "category",
    "errcat-class",
    "errcat-tag",
    "count",
    "codes",
    "none",
    "more",
    "errcat-index",
    "response-format",
    "handling",
];

/// Category ids whose docs page would be named like a file of the docs'
/// own layout (`README.md`, `SUMMARY.md`, `book.toml`, `index.html`,
/// `assets/`): their pages get `_errors` appended instead.
pub const RESERVED_PAGE_STEMS: &[&str] = &["readme", "summary", "index", "book", "assets"];

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

/// Rust's strict and reserved keywords of every edition up to 2024. Weak
/// keywords (`union`, `raw`, `safe`, `macro_rules`) are valid identifiers.
const RUST_KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

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

pub fn is_rust_keyword(word: &str) -> bool {
    RUST_KEYWORDS.contains(&word)
}

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

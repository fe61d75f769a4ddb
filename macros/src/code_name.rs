//! What a catalog code may be, and the name its struct has in a generated
//! crate's derive support. The derive (errcat-macros) finds that struct from
//! the code string alone, and the code generator (errcat-codegen) writes
//! it, so both must spell it the same way: `codegen/src/code_name.rs` is a
//! link to this file (cargo packages the linked file's contents), one set of
//! rules compiled into both. Only `std`, so it builds in either crate.

use std::fmt;

/// Why a string cannot be a code: a code is the exact string a platform
/// sends (`42P01`, `PD:core:ErrFoo`, `AWS.SimpleQueueService.NonExistentQueue`),
/// so anything printable goes, but nothing a person could not see or type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeProblem {
    Empty,
    LeadingWhitespace,
    TrailingWhitespace,
    /// A character a terminal or page does not show as itself (a control
    /// character, a bidirectional override, a zero-width character).
    Invisible(char),
}

impl fmt::Display for CodeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodeProblem::Empty => f.write_str("is empty"),
            CodeProblem::LeadingWhitespace => f.write_str("starts with whitespace"),
            CodeProblem::TrailingWhitespace => f.write_str("ends with whitespace"),
            CodeProblem::Invisible(c) => {
                write!(f, "holds the invisible character U+{:04X}", u32::from(*c))
            }
        }
    }
}

/// Why `code` cannot be a catalog code, if it cannot.
pub fn code_problem(code: &str) -> Option<CodeProblem> {
    if code.is_empty() {
        return Some(CodeProblem::Empty);
    }
    if code.starts_with(char::is_whitespace) {
        return Some(CodeProblem::LeadingWhitespace);
    }
    if code.ends_with(char::is_whitespace) {
        return Some(CodeProblem::TrailingWhitespace);
    }
    code.chars()
        .find(|&c| is_invisible(c))
        .map(CodeProblem::Invisible)
}

/// Control characters, and the format characters that change how text
/// around them reads without showing themselves (Trojan Source's bidi
/// overrides, zero-width joiners, the byte order mark).
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
        )
}

/// Rust's strict and reserved keywords of every edition up to 2024. Weak
/// keywords (`union`, `raw`, `safe`, `macro_rules`) are valid identifiers.
pub const RUST_KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

pub fn is_rust_keyword(word: &str) -> bool {
    RUST_KEYWORDS.contains(&word)
}

/// Whether `name` is an ASCII identifier in any of the case styles:
/// letters, digits and `_`, starting with a letter (a code's `ident` must
/// be one).
pub fn is_ident(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The name of `code`'s struct in the derive support module: the code
/// itself when it is an ASCII identifier that is no keyword (every code of
/// the identifier styles), else `__` and the code with each character but
/// an ASCII letter or digit written `_<hex>_` (`42P01` is `__42P01`,
/// `PD:ErrFoo` is `__PD_3a_ErrFoo`). The two forms cannot meet (a code
/// kept as itself starts with a letter) and the escaped one decodes one
/// way, so no two codes share a struct.
pub fn struct_name(code: &str) -> String {
    if is_ident(code) && !is_rust_keyword(code) {
        return code.to_owned();
    }
    let mut name = String::with_capacity(code.len() + 8);
    name.push_str("__");
    for c in code.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c);
        } else {
            use fmt::Write as _;
            let _ = write!(name, "_{:x}_", u32::from(c));
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_any_visible_text_without_surrounding_whitespace() {
        for code in [
            "42P01",
            "PD:core:ErrFoo",
            "AWS.SimpleQueueService.NonExistentQueue",
            "1045",
            "a b",
            "日本",
            "type",
        ] {
            assert_eq!(code_problem(code), None, "{code}");
        }
        assert_eq!(code_problem(""), Some(CodeProblem::Empty));
        assert_eq!(code_problem(" A"), Some(CodeProblem::LeadingWhitespace));
        assert_eq!(
            code_problem("A\u{a0}"),
            Some(CodeProblem::TrailingWhitespace)
        );
        assert_eq!(
            code_problem("A\u{202e}B"),
            Some(CodeProblem::Invisible('\u{202e}'))
        );
        assert_eq!(
            code_problem("A\tB").map(|p| p.to_string()).as_deref(),
            Some("holds the invisible character U+0009")
        );
    }

    #[test]
    fn struct_names_keep_identifiers_and_escape_the_rest_one_way() {
        assert_eq!(struct_name("VERSION_NOT_FOUND"), "VERSION_NOT_FOUND");
        assert_eq!(struct_name("workspace_slug_taken"), "workspace_slug_taken");
        assert_eq!(struct_name("42P01"), "__42P01");
        assert_eq!(struct_name("PD:ErrFoo"), "__PD_3a_ErrFoo");
        assert_eq!(struct_name("type"), "__type");
        assert_eq!(struct_name("_x"), "___5f_x");
        assert_eq!(struct_name("日"), "___65e5_");
        // `a_b` is kept, `a-b` escaped: never the same name.
        assert_ne!(struct_name("a_b"), struct_name("a-b"));
        assert_ne!(struct_name("__42P01"), struct_name("42P01"));
    }
}

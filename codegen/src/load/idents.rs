//! Codes become identifiers in generated code: the catalog's code style,
//! keywords, names the generated code reserves, and two codes that would
//! become the same identifier.

use std::collections::BTreeMap;

use super::Context;
use super::code::CodeDraft;
use super::fields::join;
use crate::diagnostic::Diagnostic;
use crate::model::{Code, CodeStyle, RESERVED_RUST_FNS, RESERVED_RUST_VARIANTS};

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

pub(crate) fn is_rust_keyword(word: &str) -> bool {
    RUST_KEYWORDS.contains(&word)
}

pub(crate) fn is_typescript_reserved(word: &str) -> bool {
    TYPESCRIPT_RESERVED.contains(&word)
}

/// A code that does not follow the catalog's `code_style`.
pub(crate) fn check_style(cx: &mut Context, draft: &CodeDraft<'_>, style: CodeStyle) {
    let code = &draft.code.code;
    if style.accepts(code) {
        return;
    }
    let mut diagnostic = Diagnostic::error(format!(
        "code `{code}` is not {}, the catalog's code_style",
        style.as_str()
    ))
    .with_label(
        &draft.file.shown,
        draft.key_span.clone(),
        format!("not {}", style.as_str()),
    );
    let converted = style.convert(code);
    if converted != *code && style.accepts(&converted) {
        diagnostic = diagnostic.with_help(format!("write it as `{converted}`"));
    } else {
        diagnostic = diagnostic.with_help(format!(
            "{} codes start with a letter and hold only ASCII letters, digits and single `_` between words",
            style.as_str()
        ));
    }
    cx.report(diagnostic);
}

/// The identifiers a code becomes in generated code.
#[derive(Clone, Copy)]
enum Generated {
    RustVariant,
    RustFn,
    TypeScriptKey,
}

impl Generated {
    const ALL: [Generated; 3] = [
        Generated::RustVariant,
        Generated::RustFn,
        Generated::TypeScriptKey,
    ];

    fn describe(self) -> &'static str {
        match self {
            Generated::RustVariant => "Rust enum variant",
            Generated::RustFn => "Rust function",
            Generated::TypeScriptKey => "TypeScript key",
        }
    }

    fn name(self, code: &Code) -> String {
        match self {
            Generated::RustVariant => code.rust_variant(),
            Generated::RustFn => code.rust_fn(),
            Generated::TypeScriptKey => code.ts_key(),
        }
    }

    /// Why `name` cannot be this kind of identifier, if it cannot.
    fn problem(self, name: &str) -> Option<&'static str> {
        let reserved = match self {
            Generated::RustVariant => RESERVED_RUST_VARIANTS,
            Generated::RustFn => RESERVED_RUST_FNS,
            Generated::TypeScriptKey => &[],
        };
        match self {
            Generated::RustVariant | Generated::RustFn if is_rust_keyword(name) => {
                Some("a Rust keyword")
            }
            Generated::TypeScriptKey if is_typescript_reserved(name) => {
                Some("a TypeScript reserved word")
            }
            _ if reserved.contains(&name) => Some("reserved by errcat's generated code"),
            _ => None,
        }
    }
}

/// A code whose generated Rust or TypeScript name is a keyword or a name
/// the generated code already uses.
pub(crate) fn check_keywords(cx: &mut Context, draft: &CodeDraft<'_>) {
    for kind in Generated::ALL {
        let name = kind.name(&draft.code);
        let Some(problem) = kind.problem(&name) else {
            continue;
        };
        cx.report(
            Diagnostic::error(format!(
                "code `{}` becomes the {} `{name}`, which is {problem}",
                draft.code.code,
                kind.describe()
            ))
            .with_label(
                &draft.file.shown,
                draft.key_span.clone(),
                format!("becomes `{name}`"),
            )
            .with_help("rename the code, e.g. with a more specific word"),
        );
    }
}

/// Two different codes that become the same identifier: one diagnostic per
/// pair, naming every identifier they share.
pub(crate) fn check_collisions(cx: &mut Context, drafts: &[CodeDraft<'_>]) {
    // (earlier, later) draft indices -> the identifiers they share.
    let mut shared: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
    for kind in Generated::ALL {
        let mut first_with: BTreeMap<String, usize> = BTreeMap::new();
        for (i, draft) in drafts.iter().enumerate() {
            let name = kind.name(&draft.code);
            match first_with.get(&name) {
                Some(&first) if drafts[first].code.code != draft.code.code => {
                    shared
                        .entry((first, i))
                        .or_default()
                        .push(format!("the {} `{name}`", kind.describe()));
                }
                Some(_) => {}
                None => {
                    first_with.insert(name, i);
                }
            }
        }
    }
    for ((first, second), names) in shared {
        let (a, b) = (&drafts[first], &drafts[second]);
        cx.report(
            Diagnostic::error(format!(
                "codes `{}` and `{}` both become {}",
                a.code.code,
                b.code.code,
                join(&names, "and")
            ))
            .with_label(&b.file.shown, b.key_span.clone(), "this code")
            .with_context(&a.file.shown, a.key_span.clone(), "collides with this one")
            .with_help("rename one of them so their words differ"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_of_every_edition_are_rejected_and_weak_ones_are_not() {
        for word in [
            "async", "await", "dyn", "try", "gen", "Self", "self", "super", "crate", "type",
            "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof",
            "unsized", "virtual", "yield",
        ] {
            assert!(is_rust_keyword(word), "{word}");
        }
        for word in [
            "union",
            "raw",
            "safe",
            "macro_rules",
            "auto",
            "default",
            "r#type",
        ] {
            assert!(!is_rust_keyword(word), "{word}");
        }
    }

    #[test]
    fn generated_names_are_checked_against_their_own_reserved_lists() {
        assert_eq!(
            Generated::RustVariant.problem("Unknown"),
            Some("reserved by errcat's generated code")
        );
        assert_eq!(Generated::RustFn.problem("Unknown"), None);
        assert_eq!(
            Generated::RustFn.problem("with_source"),
            Some("reserved by errcat's generated code")
        );
        assert_eq!(Generated::RustFn.problem("self"), Some("a Rust keyword"));
        assert_eq!(
            Generated::TypeScriptKey.problem("delete"),
            Some("a TypeScript reserved word")
        );
        assert_eq!(Generated::TypeScriptKey.problem("DELETE"), None);
    }
}

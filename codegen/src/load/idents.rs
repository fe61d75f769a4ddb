//! The checks of the names codes become in the outputs, across the whole
//! catalog: the catalog's code style, keywords, names the generated code
//! reserves, and two codes that would become the same name. (The keyword
//! tables are the model's, `model::naming`, which templates check too.)

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use super::code::CodeDraft;
use super::fields::join;
use super::{Context, Located};
use crate::code_name::CodeProblem;
use crate::diagnostic::Diagnostic;
use crate::model::{
    Code, CodeRule, RESERVED_RUST_FNS, RESERVED_RUST_VARIANTS, is_rust_keyword,
    is_typescript_reserved,
};

/// A code that is no string a platform could send: empty, padded, or
/// holding a character nobody sees.
pub(crate) fn unusable_code(
    file: &str,
    name: &Located<String>,
    problem: CodeProblem,
) -> Diagnostic {
    let message = match problem {
        CodeProblem::Empty => "a code is empty".to_owned(),
        _ => format!("code `{}` {problem}", name.value.escape_debug()),
    };
    let help = match problem {
        CodeProblem::Empty => {
            "write the code the platform sends between the brackets, e.g. `[\"42P01\"]`"
        }
        CodeProblem::LeadingWhitespace | CodeProblem::TrailingWhitespace => {
            "remove the whitespace: a code is compared byte for byte with what the platform sends"
        }
        CodeProblem::Invisible(_) => {
            "remove the character: a code is compared byte for byte, and one nobody sees is a code nobody can type"
        }
    };
    Diagnostic::error(message)
        .with_label(file, name.span.clone(), format!("this code {problem}"))
        .with_help(help)
}

/// A code that breaks the catalog's `code_style`: a style, or a pattern
/// (`pattern` is that rule's compiled `pattern`, if it has one).
pub(crate) fn check_rule(
    cx: &mut Context,
    draft: &CodeDraft<'_>,
    rule: &CodeRule,
    pattern: Option<&regex::Regex>,
) {
    let code = &draft.model.code;
    let style = match rule {
        CodeRule::Style(style) => *style,
        CodeRule::Pattern {
            pattern: written,
            max_length,
        } => {
            if let (Some(compiled), Some(written)) = (pattern, written)
                && !compiled.is_match(code)
            {
                cx.report(
                    Diagnostic::error(format!(
                        "code `{code}` does not match `{written}`, the catalog's code_style pattern"
                    ))
                    .with_label(&draft.file.shown, draft.key_span.clone(), "does not match")
                    .with_help("write the code as the platform sends it; if it does send this one, widen the pattern"),
                );
            }
            let length = code.chars().count();
            if let Some(max) = *max_length
                && length > max
            {
                cx.report(
                    Diagnostic::error(format!(
                        "code `{code}` is {length} characters long, more than the catalog's code_style max_length of {max}"
                    ))
                    .with_label(&draft.file.shown, draft.key_span.clone(), format!("{length} characters"))
                    .with_help(format!("shorten the code to at most {max} characters")),
                );
            }
            return;
        }
    };
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

/// The names a code becomes in generated outputs, no two codes' alike: the
/// one place that knows every name derived from a code. (No emitter writes
/// a file per code; page files are per category.)
#[derive(Clone, Copy)]
enum DerivedName {
    RustVariant,
    RustFn,
    TypeScriptKey,
    /// On the markdown, mdBook and site pages, and in `errcat explain`,
    /// which finds codes in any case.
    DocsAnchor,
    /// RFC 9457 `type`: the code's docs URL.
    ProblemType,
}

/// Every name of one code, in [`DerivedName::ALL`] (declaration) order, so
/// `names[kind as usize]`; `None` where the code gets none of that kind (no
/// docs URL without a `docs_base_url` or `docs_url`).
type Names = [Option<String>; 5];

impl DerivedName {
    const ALL: [DerivedName; 5] = [
        DerivedName::RustVariant,
        DerivedName::RustFn,
        DerivedName::TypeScriptKey,
        DerivedName::DocsAnchor,
        DerivedName::ProblemType,
    ];

    fn describe(self) -> &'static str {
        match self {
            DerivedName::RustVariant => "Rust enum variant",
            DerivedName::RustFn => "Rust function",
            DerivedName::TypeScriptKey => "TypeScript key",
            DerivedName::DocsAnchor => "docs anchor",
            DerivedName::ProblemType => "RFC 9457 `type`",
        }
    }

    /// Every name `code` becomes, computed once for all the checks; no
    /// identifiers for a code with no letter or digit to make them of.
    fn names(code: &Code, docs_base_url: Option<&str>) -> Names {
        let url = code.docs_url_in(docs_base_url);
        let ident = |name: String| (!name.is_empty()).then_some(name);
        [
            ident(code.rust_variant()),
            ident(code.rust_fn()),
            ident(code.ts_key()),
            Some(code.anchor()),
            (url != "about:blank").then_some(url),
        ]
    }

    /// Whether an `ident` changes this name (not the docs' names, which
    /// are the code's own).
    fn is_identifier(self) -> bool {
        matches!(
            self,
            DerivedName::RustVariant | DerivedName::RustFn | DerivedName::TypeScriptKey
        )
    }

    /// `name` as a person reads it: an anchor with its `#`.
    fn shown(self, name: &str) -> String {
        match self {
            DerivedName::DocsAnchor => format!("`#{name}`"),
            _ => format!("`{name}`"),
        }
    }

    /// Whether two codes may share this name anyway: several codes may point
    /// their own `docs_url` at one page on purpose (a section of RFC 6749).
    fn may_share(self, a: &Code, b: &Code) -> bool {
        matches!(self, DerivedName::ProblemType) && a.docs_url.is_some() && b.docs_url.is_some()
    }

    /// Why `name` cannot be this kind of identifier, if it cannot.
    fn problem(self, name: &str) -> Option<&'static str> {
        let reserved = match self {
            DerivedName::RustVariant => RESERVED_RUST_VARIANTS,
            DerivedName::RustFn => RESERVED_RUST_FNS,
            _ => &[],
        };
        match self {
            DerivedName::RustVariant | DerivedName::RustFn if is_rust_keyword(name) => {
                Some("a Rust keyword")
            }
            DerivedName::TypeScriptKey if is_typescript_reserved(name) => {
                Some("a TypeScript reserved word")
            }
            _ if reserved.contains(&name) => Some("reserved by errcat's generated code"),
            _ => None,
        }
    }
}

/// Every check of the names codes become: keywords and reserved names, two
/// codes sharing one, and names alike but for letter case.
pub(crate) fn check_generated_names(
    cx: &mut Context,
    drafts: &[CodeDraft<'_>],
    docs_base_url: Option<&str>,
) {
    let names: Vec<Names> = drafts
        .iter()
        .map(|draft| DerivedName::names(&draft.model, docs_base_url))
        .collect();
    for (draft, names) in drafts.iter().zip(&names) {
        if names[DerivedName::RustVariant as usize].is_none() {
            cx.report(unnamed(draft));
        }
        check_keywords(cx, draft, names);
    }
    check_collisions(cx, drafts, &names);
    check_case_insensitive_names(cx, drafts, &names);
}

/// A code with no ASCII letter or digit (`"!!!"`), which names no Rust or
/// TypeScript identifier by itself.
fn unnamed(draft: &CodeDraft<'_>) -> Diagnostic {
    Diagnostic::error(format!(
        "code `{}` has no letter or digit to name its Rust and TypeScript items after",
        draft.model.code
    ))
    .with_label(
        &draft.file.shown,
        draft.key_span.clone(),
        "no letter or digit",
    )
    .with_help("name it with an `ident`, e.g. `ident = \"NotFound\"`")
}

/// A code whose generated Rust or TypeScript names are keywords or names
/// the generated code already uses: one diagnostic for the code, naming
/// each.
fn check_keywords(cx: &mut Context, draft: &CodeDraft<'_>, names: &Names) {
    let mut problems: Vec<(String, &str)> = Vec::new();
    let mut shown: Vec<String> = Vec::new();
    for (kind, name) in DerivedName::ALL.into_iter().zip(names) {
        let Some(name) = name else {
            continue;
        };
        let Some(problem) = kind.problem(name) else {
            continue;
        };
        problems.push((
            format!("the {} {}", kind.describe(), kind.shown(name)),
            problem,
        ));
        shown.push(kind.shown(name));
    }
    let becomes = match problems.as_slice() {
        [] => return,
        [(name, problem)] => format!("{name}, which is {problem}"),
        several => join(
            &several
                .iter()
                .map(|(name, problem)| format!("{name} ({problem})"))
                .collect::<Vec<_>>(),
            "and",
        ),
    };
    cx.report(
        Diagnostic::error(format!("code `{}` becomes {becomes}", draft.model.code))
            .with_label(
                &draft.file.shown,
                draft.key_span.clone(),
                format!("becomes {}", join(&shown, "and")),
            )
            .with_help(IDENT_HELP),
    );
}

const IDENT_HELP: &str = "give the code an `ident` to make its names of instead (`ident = \"UndefinedTable\"`), or rename it";

/// Two different codes that would share a generated name: one diagnostic
/// per pair, naming every name they share.
fn check_collisions(cx: &mut Context, drafts: &[CodeDraft<'_>], names: &[Names]) {
    // (earlier, later) draft indices -> the names they share.
    let mut shared: BTreeMap<(usize, usize), Vec<(DerivedName, String)>> = BTreeMap::new();
    for (k, kind) in DerivedName::ALL.into_iter().enumerate() {
        // Name -> the first code with it, and any later ones it could not
        // collide with (itself defined again, or a shared `docs_url`).
        let mut first_with: HashMap<&str, Vec<usize>> = HashMap::with_capacity(drafts.len());
        for (i, draft) in drafts.iter().enumerate() {
            let Some(name) = &names[i][k] else {
                continue;
            };
            let earlier = first_with.entry(name).or_default();
            // A code defined twice is reported as that, not as a collision.
            let other = earlier.iter().copied().find(|&first| {
                let first = &drafts[first].model;
                first.code != draft.model.code && !kind.may_share(first, &draft.model)
            });
            if let Some(first) = other {
                shared.entry((first, i)).or_default().push((
                    kind,
                    format!("the {} {}", kind.describe(), kind.shown(name)),
                ));
            }
            earlier.push(i);
        }
    }
    for ((first, second), shared) in shared {
        let (a, b) = (&drafts[first], &drafts[second]);
        let identifiers = shared.iter().any(|(kind, _)| kind.is_identifier());
        let names: Vec<String> = shared.into_iter().map(|(_, name)| name).collect();
        let mut diagnostic = Diagnostic::error(format!(
            "codes `{}` and `{}` both become {}",
            a.model.code,
            b.model.code,
            join(&names, "and")
        ))
        .with_label(&b.file.shown, b.key_span.clone(), "this code")
        .with_context(&a.file.shown, a.key_span.clone(), "collides with this one");
        diagnostic = if a.model.code.eq_ignore_ascii_case(&b.model.code) {
            diagnostic
                .with_note("anchors are the code in lowercase, and `errcat explain` finds a code in any case")
                .with_help("rename one of them so they differ in more than letter case")
        } else if identifiers {
            diagnostic.with_help(
                "give one of them an `ident` for its Rust and TypeScript names (`ident = \"UndefinedTable\"`)",
            )
        } else {
            diagnostic.with_help("point the code's `docs_url` at its own page")
        };
        cx.report(diagnostic);
    }
}

/// A code or alias that another code's name or alias matches in another
/// letter case: `errcat explain` finds both in any case, so it cannot tell
/// them apart. Exact repeats are `validate`'s to report, and two codes that
/// differ only in case share an anchor (`check_collisions`).
fn check_case_insensitive_names(cx: &mut Context, drafts: &[CodeDraft<'_>], names: &[Names]) {
    // Lowercased name -> (owner, name as written, where, is an alias).
    let mut first_with: HashMap<String, (usize, &str, &Range<usize>, bool)> =
        HashMap::with_capacity(drafts.len());
    for (i, draft) in drafts.iter().enumerate() {
        // The anchor is the code in lowercase, already computed.
        let anchor = names[i][DerivedName::DocsAnchor as usize]
            .clone()
            .unwrap_or_default();
        let written = std::iter::once((anchor, draft.model.code.as_str(), &draft.key_span, false))
            .chain(draft.aliases.iter().map(|alias| {
                let lowercase = alias.value.to_ascii_lowercase();
                (lowercase, alias.value.as_str(), &alias.span, true)
            }));
        for (key, name, span, is_alias) in written {
            let Some(&(owner, first, first_span, first_is_alias)) = first_with.get(&key) else {
                first_with.insert(key, (i, name, span, is_alias));
                continue;
            };
            let owner = &drafts[owner];
            if owner.model.code == draft.model.code
                || first == name
                || !(is_alias || first_is_alias)
            {
                continue;
            }
            let describe = |name: &str, is_alias: bool, of: &str| {
                if is_alias {
                    format!("alias `{name}` of code `{of}`")
                } else {
                    format!("code `{name}`")
                }
            };
            cx.report(
                Diagnostic::error(format!(
                    "{} and {} differ only in letter case",
                    describe(first, first_is_alias, &owner.model.code),
                    describe(name, is_alias, &draft.model.code)
                ))
                .with_label(&draft.file.shown, span.clone(), "this name")
                .with_context(&owner.file.shown, first_span.clone(), "matches this one")
                .with_note("`errcat explain` finds codes and aliases in any case, so it cannot tell them apart")
                .with_help("rename the alias so it differs in more than letter case, or remove it"),
            );
        }
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

    /// The site's own element ids each hold an uppercase letter, which no
    /// anchor does, so no code's row (whose id is its anchor) can take one:
    /// a platform may send the code `status`.
    #[test]
    fn the_sites_own_element_ids_are_never_anchors() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let mut catalog = crate::load_dir(&dir).unwrap_or_else(|d| panic!("{d}"));
        catalog.codes[0].code = "status".to_owned();
        let anchors: Vec<String> = catalog.codes.iter().map(Code::anchor).collect();
        let ids: Vec<String> = crate::emit::site::emit(&catalog)
            .iter()
            .flat_map(|file| file.contents.split(" id=\"").skip(1))
            .filter_map(|rest| rest.split('"').next())
            .map(str::to_owned)
            .collect();
        assert!(
            ids.iter().filter(|id| *id == "status").count() == 1,
            "{ids:?}"
        );
        for id in ids.iter().filter(|id| !anchors.contains(id)) {
            assert!(id.contains(|c: char| c.is_ascii_uppercase()), "{id}");
        }
        for anchor in &anchors {
            assert!(
                !anchor.contains(|c: char| c.is_ascii_uppercase()),
                "{anchor}"
            );
        }
    }

    #[test]
    fn generated_names_are_checked_against_their_own_reserved_lists() {
        assert_eq!(
            DerivedName::RustVariant.problem("Unknown"),
            Some("reserved by errcat's generated code")
        );
        assert_eq!(DerivedName::RustFn.problem("Unknown"), None);
        assert_eq!(
            DerivedName::RustFn.problem("with_source"),
            Some("reserved by errcat's generated code")
        );
        assert_eq!(DerivedName::RustFn.problem("self"), Some("a Rust keyword"));
        assert_eq!(
            DerivedName::TypeScriptKey.problem("delete"),
            Some("a TypeScript reserved word")
        );
        assert_eq!(DerivedName::TypeScriptKey.problem("DELETE"), None);
        assert_eq!(DerivedName::DocsAnchor.problem("status"), None);
    }
}

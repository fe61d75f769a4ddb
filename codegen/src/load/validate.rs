//! The whole-catalog step: reads every file, then checks what no single
//! code can check alone (duplicates, references, identifiers, categories)
//! and puts the codes in reading order.

use std::collections::{BTreeMap, BTreeSet};

use toml::de::DeValue;

use super::code::{self, CodeDraft};
use super::declared::Declared;
use super::fields::{article, did_you_mean, list};
use super::parse::{self, ParsedFile};
use super::settings::{self, Settings};
use super::{CATALOG_FILE, Context, Located, SourceFile, idents, shapes};
use crate::code_name::code_problem;
use crate::diagnostic::Diagnostic;
use crate::model::{Catalog, Transport};

/// Validates `sources` (sorted by name) into a catalog, or `None` when a
/// problem was reported.
pub(crate) fn catalog(
    cx: &mut Context,
    shown_dir: &str,
    sources: &[SourceFile],
) -> Option<Catalog> {
    let folder = if shown_dir.is_empty() { "." } else { shown_dir };
    let parsed: Vec<ParsedFile<'_>> = sources.iter().map(|s| parse::parse(cx, s)).collect();
    // A file with syntax errors is only partly known; checks that conclude
    // something is absent are skipped, rather than reporting phantoms.
    let complete = parsed.iter().all(|p| p.sound);

    let settings = match parsed.iter().find(|p| p.source.name == CATALOG_FILE) {
        Some(catalog) if catalog.sound => Some(settings::read(cx, catalog)),
        Some(_) => None,
        None => {
            cx.report(
                Diagnostic::error(format!("catalog `{folder}` has no `{CATALOG_FILE}`"))
                    .with_path(folder)
                    .with_help(
                        "create it with a `[catalog]` table (name, title, code_style) and at least one `[[category]]`",
                    ),
            );
            None
        }
    };
    let code_files: Vec<&ParsedFile<'_>> = parsed
        .iter()
        .filter(|p| p.source.name != CATALOG_FILE)
        .collect();
    // Unknown when `catalog.toml` could not be read: no status is then
    // reported missing.
    let transport = settings.as_ref().and_then(|s| s.transport);
    let declared = settings.as_ref().map(|s| &s.declared);
    let (mut drafts, unreadable_codes) = read_codes(cx, &code_files, transport, declared);

    check_duplicates(cx, &drafts);
    let docs_base_url = settings.as_ref().and_then(|s| s.docs_base_url.as_deref());
    idents::check_generated_names(cx, &drafts, docs_base_url);
    if let Some(settings) = &settings
        && let Some(rule) = &settings.code_style
    {
        for draft in &drafts {
            idents::check_rule(cx, draft, rule, settings.code_pattern.as_ref());
        }
    }
    check_aliases(cx, &drafts);
    check_numbers(cx, &drafts);
    if complete {
        check_replacements(cx, &drafts, &unreadable_codes);
        let no_entries = code_files.iter().all(|file| file.root.is_empty());
        if no_entries && !parsed.is_empty() {
            cx.report(
                Diagnostic::error(format!("catalog `{folder}` defines no codes"))
                    .with_path(folder)
                    .with_help(format!(
                        "add a code file next to `{CATALOG_FILE}`, e.g. `errors.toml` holding `[SOME_CODE]` with `status` and `message`"
                    )),
            );
        }
    }
    if drafts.len() > MAX_CODES {
        cx.report(
            Diagnostic::error(format!(
                "catalog `{folder}` defines {} codes, more than the {MAX_CODES} errcat supports",
                drafts.len()
            ))
            .with_path(folder)
            .with_note("generated code enums are `repr(u16)`, indexed by position")
            .with_help("split the catalog into several catalogs, one per service or product"),
        );
    }
    let settings = settings?;
    assign_categories(cx, &settings, &mut drafts);
    super::classes::assign(
        cx,
        &settings.classes,
        settings.classes_complete,
        &mut drafts,
    );
    shapes::check_details_fit(cx, &settings, &drafts);
    shapes::check_code_fits(cx, &settings, &drafts);
    if cx.error_count() > 0 {
        return None;
    }
    Some(assemble(settings, drafts))
}

/// The most codes one catalog may hold: a code's position is its `u16`
/// discriminant in the generated Rust.
pub const MAX_CODES: usize = u16::MAX as usize + 1;

/// Every top-level table of the sound code files, as a draft code, and the
/// names of top-level entries that are not tables (reported here, and still
/// codes as far as references to them go).
fn read_codes<'s>(
    cx: &mut Context,
    code_files: &[&ParsedFile<'s>],
    transport: Option<Transport>,
    declared: Option<&Declared>,
) -> (Vec<CodeDraft<'s>>, BTreeSet<String>) {
    let mut drafts = Vec::new();
    let mut unreadable = BTreeSet::new();
    for (rank, file) in code_files.iter().enumerate() {
        if !file.sound {
            continue;
        }
        for (key, value) in file.entries() {
            let name = Located::new(key.get_ref().to_string(), key.span());
            let DeValue::Table(table) = value.get_ref() else {
                let found = value.get_ref().type_str();
                cx.report(
                    Diagnostic::error(format!(
                        "`{}` must be a table defining a code, found {} {found}",
                        name.value,
                        article(found),
                    ))
                    .with_label(&file.source.shown, name.span, "not a code table")
                    .with_help(format!(
                        "write a code as `[{}]` followed by its fields",
                        name.value
                    )),
                );
                unreadable.insert(name.value);
                continue;
            };
            if let Some(problem) = code_problem(&name.value) {
                cx.report(idents::unusable_code(&file.source.shown, &name, problem));
                unreadable.insert(name.value);
                continue;
            }
            let catalog = code::FromCatalog {
                transport,
                declared,
            };
            drafts.push(code::read(cx, file.source, rank, name, table, catalog));
        }
    }
    (drafts, unreadable)
}

/// Sets each draft's category index and inherited wire shape.
fn assign_categories(cx: &mut Context, settings: &Settings, drafts: &mut [CodeDraft<'_>]) {
    let ids: Vec<&str> = settings.categories.iter().map(|c| c.id.as_str()).collect();
    // Codes that take their category from an unknown file stem are reported
    // once per file, not once per code.
    let mut stems_reported: Vec<&str> = Vec::new();
    for draft in drafts.iter_mut() {
        draft.model.wire_shape = draft
            .own_wire_shape
            .as_ref()
            .map_or(settings.wire_shape, |shape| shape.value);
        if let Some(index) = ids.iter().position(|id| *id == draft.category.value) {
            draft.model.category = index;
            continue;
        }
        // No categories at all, or one unreadable, is reported by
        // `settings`; so is a `category` of the wrong type, by `code`.
        if ids.is_empty() || !settings.categories_complete || draft.unreadable.contains(&"category")
        {
            continue;
        }
        if !draft.category_written {
            if stems_reported.contains(&draft.file.name.as_str()) {
                continue;
            }
            stems_reported.push(&draft.file.name);
        }
        cx.report(unknown_category(draft, &ids));
    }
}

fn unknown_category(draft: &CodeDraft<'_>, ids: &[&str]) -> Diagnostic {
    let category = &draft.category.value;
    let mut diagnostic = if draft.category_written {
        Diagnostic::error(format!(
            "unknown category `{category}` in code `{}`",
            draft.model.code
        ))
        .with_label(
            &draft.file.shown,
            draft.category.span.clone(),
            "not a category of the catalog",
        )
    } else {
        Diagnostic::error(format!(
            "codes in `{}` have no category: `{category}`, the file's name, is not a category",
            draft.file.shown
        ))
        .with_label(
            &draft.file.shown,
            draft.key_span.clone(),
            "no `category` field",
        )
        .with_note("a code's category defaults to its file's name")
    };
    if let Some(close) = did_you_mean(category, ids.iter().copied()) {
        diagnostic = diagnostic.with_help(format!("did you mean `{close}`?"));
    }
    diagnostic.with_help(format!(
        "declare it in `{CATALOG_FILE}` as a `[[category]]`, or set `category` to one of {}",
        list(ids)
    ))
}

/// The catalog, codes ordered by category, then file, then position.
fn assemble(settings: Settings, mut drafts: Vec<CodeDraft<'_>>) -> Catalog {
    drafts.sort_by_key(|d| (d.model.category, d.file_rank, d.key_span.start));
    Catalog {
        name: settings.name,
        title: settings.title,
        description: settings.description,
        version: settings.version,
        code_style: settings.code_style,
        wire_shape: settings.wire_shape,
        declared_shapes: settings.declared.shapes,
        transport: settings.transport.unwrap_or_default(),
        docs_base_url: settings.docs_base_url,
        domain: settings.domain,
        unlocked: settings.unlocked,
        categories: settings.categories,
        classes: settings.classes,
        codes: drafts.into_iter().map(|d| d.model).collect(),
    }
}

/// The same code in two files (twice in one file is caught while parsing,
/// where the TOML parser merges the two tables).
fn check_duplicates(cx: &mut Context, drafts: &[CodeDraft<'_>]) {
    let mut first_with: BTreeMap<&str, &CodeDraft<'_>> = BTreeMap::new();
    for draft in drafts {
        match first_with.get(draft.model.code.as_str()) {
            Some(first) => cx.report(
                Diagnostic::error(format!("code `{}` is defined twice", draft.model.code))
                    .with_label(
                        &draft.file.shown,
                        draft.key_span.clone(),
                        "defined again here",
                    )
                    .with_context(
                        &first.file.shown,
                        first.key_span.clone(),
                        "first defined here",
                    )
                    .with_help("a code is defined once; remove or rename one of them"),
            ),
            None => {
                first_with.insert(&draft.model.code, draft);
            }
        }
    }
}

/// An alias must not be a code, nor another alias.
fn check_aliases(cx: &mut Context, drafts: &[CodeDraft<'_>]) {
    let codes: BTreeMap<&str, &CodeDraft<'_>> =
        drafts.iter().map(|d| (d.model.code.as_str(), d)).collect();
    let mut first_alias: BTreeMap<&str, (&CodeDraft<'_>, &Located<String>)> = BTreeMap::new();
    for draft in drafts {
        for alias in &draft.aliases {
            if alias.value.is_empty() {
                cx.report(
                    Diagnostic::error(format!("an alias of code `{}` is empty", draft.model.code))
                        .with_label(&draft.file.shown, alias.span.clone(), "empty alias")
                        .with_help("a client never reads an empty code; remove it"),
                );
            } else if let Some(code) = codes.get(alias.value.as_str()) {
                cx.report(
                    Diagnostic::error(format!(
                        "alias `{}` of code `{}` is itself a code",
                        alias.value, draft.model.code
                    ))
                    .with_label(&draft.file.shown, alias.span.clone(), "this alias")
                    .with_context(&code.file.shown, code.key_span.clone(), "the code")
                    .with_help("a wire string parses to one code; remove the alias"),
                );
            } else if let Some((owner, first)) = first_alias.get(alias.value.as_str()) {
                if std::ptr::eq(*owner, draft) {
                    cx.report(
                        Diagnostic::error(format!(
                            "alias `{}` of code `{}` is listed twice",
                            alias.value, draft.model.code
                        ))
                        .with_label(&draft.file.shown, alias.span.clone(), "listed again here")
                        .with_context(&draft.file.shown, first.span.clone(), "first listed here")
                        .with_help("remove one of them"),
                    );
                    continue;
                }
                // A code defined twice is reported as that, not for each
                // alias its two definitions share.
                if owner.model.code == draft.model.code {
                    continue;
                }
                cx.report(
                    Diagnostic::error(format!(
                        "alias `{}` is declared twice (by `{}` and `{}`)",
                        alias.value, owner.model.code, draft.model.code
                    ))
                    .with_label(&draft.file.shown, alias.span.clone(), "declared again here")
                    .with_context(&owner.file.shown, first.span.clone(), "first declared here")
                    .with_help("a wire string parses to one code; keep one of them"),
                );
            } else {
                first_alias.insert(&alias.value, (draft, alias));
            }
        }
    }
}

/// `number` is unique in the catalog.
fn check_numbers(cx: &mut Context, drafts: &[CodeDraft<'_>]) {
    let mut first_with: BTreeMap<i64, (&CodeDraft<'_>, &Located<i64>)> = BTreeMap::new();
    for draft in drafts {
        let Some(number) = &draft.number else {
            continue;
        };
        match first_with.get(&number.value) {
            // The same code defined twice, reported as that.
            Some((first, _)) if first.model.code == draft.model.code => {}
            Some((first, first_number)) => cx.report(
                Diagnostic::error(format!(
                    "number {} is used by codes `{}` and `{}`",
                    number.value, first.model.code, draft.model.code
                ))
                .with_label(&draft.file.shown, number.span.clone(), "used again here")
                .with_context(
                    &first.file.shown,
                    first_number.span.clone(),
                    "first used here",
                )
                .with_help("numbers are unique in the catalog; pick an unused one"),
            ),
            None => {
                first_with.insert(number.value, (draft, number));
            }
        }
    }
}

/// A deprecation's replacement names a code of the catalog.
fn check_replacements(cx: &mut Context, drafts: &[CodeDraft<'_>], unreadable: &BTreeSet<String>) {
    let codes: BTreeSet<&str> = drafts
        .iter()
        .map(|d| d.model.code.as_str())
        .chain(unreadable.iter().map(String::as_str))
        .collect();
    for draft in drafts {
        let Some(replacement) = &draft.replacement else {
            continue;
        };
        let target = replacement.value.as_str();
        if target == draft.model.code {
            cx.report(
                Diagnostic::error(format!("code `{target}` is deprecated in favour of itself"))
                    .with_label(
                        &draft.file.shown,
                        replacement.span.clone(),
                        "the code itself",
                    )
                    .with_help("name the code that replaces it, or remove `replacement`"),
            );
            continue;
        }
        if codes.contains(target) {
            continue;
        }
        let mut diagnostic = Diagnostic::error(format!(
            "replacement `{target}` of deprecated code `{}` is not a code",
            draft.model.code
        ))
        .with_label(&draft.file.shown, replacement.span.clone(), "no such code");
        if let Some(owner) = drafts
            .iter()
            .find(|d| d.model.aliases.iter().any(|a| a == target))
        {
            diagnostic = diagnostic.with_help(format!(
                "`{target}` is an alias of `{}`; name the code itself",
                owner.model.code
            ));
        } else if let Some(close) =
            did_you_mean(target, drafts.iter().map(|d| d.model.code.as_str()))
        {
            diagnostic = diagnostic.with_help(format!("did you mean `{close}`?"));
        }
        cx.report(diagnostic);
    }
}

//! `catalog.toml`: the `[catalog]` settings, the `[[category]]` list and
//! the `[[class]]` list (`classes.rs`).

use std::ops::Range;

use toml::de::DeValue;

use super::declared::Declared;
use super::fields::{Fields, array_of_tables, declared_twice, join};
use super::parse::ParsedFile;
use super::text::{Lines, UrlKind};
use super::{Context, Located};
use crate::diagnostic::Diagnostic;
use crate::model::{
    Category, Class, CodeRule, CodeStyle, RESERVED_PAGE_STEMS, Transport, WireShape,
};

const ROOT_FIELDS: &[&str] = &["catalog", "category", "class", "shape"];
const CATALOG_FIELDS: &[&str] = &[
    "name",
    "title",
    "description",
    "version",
    "code_style",
    "wire_shape",
    "docs_base_url",
    "unlocked",
    "transport",
    "domain",
];
const CATEGORY_FIELDS: &[&str] = &["id", "title", "description"];

/// What `catalog.toml` says. A field that was missing or wrong is `None`
/// (or a stand-in): its problem is already reported.
pub(crate) struct Settings {
    pub(crate) name: String,
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) version: Option<String>,
    /// `None` when not set or not readable: code style checks are then
    /// skipped.
    pub(crate) code_style: Option<CodeRule>,
    /// The `pattern` of a pattern `code_style`, compiled to match whole
    /// codes.
    pub(crate) code_pattern: Option<regex::Regex>,
    /// `None` when given but unreadable: checks that depend on it are
    /// skipped.
    pub(crate) transport: Option<Transport>,
    pub(crate) wire_shape: WireShape,
    /// `wire_shape` was given but unreadable: `wire_shape` is a stand-in.
    pub(crate) wire_shape_unreadable: bool,
    /// The `[shape.NAME]` tables.
    pub(crate) declared: Declared,
    pub(crate) docs_base_url: Option<String>,
    pub(crate) domain: Option<String>,
    pub(crate) unlocked: Option<String>,
    pub(crate) categories: Vec<Category>,
    /// False when a `[[category]]` could not be read: a code naming it is
    /// then not reported as naming no category.
    pub(crate) categories_complete: bool,
    pub(crate) classes: Vec<Class>,
    /// False when a `[[class]]` could not be read.
    pub(crate) classes_complete: bool,
}

pub(crate) fn read(cx: &mut Context, parsed: &ParsedFile<'_>) -> Settings {
    let file = parsed.source;
    let whole_file = 0..0;
    let root = Fields::new(file, &parsed.root, format!("`{}`", file.shown), whole_file);
    root.reject_unknown(cx, ROOT_FIELDS);
    let mut settings = Settings {
        name: String::new(),
        title: String::new(),
        description: None,
        version: None,
        code_style: None,
        code_pattern: None,
        transport: Some(Transport::Http),
        wire_shape: WireShape::Flat,
        wire_shape_unreadable: false,
        declared: super::declared::read(cx, &root),
        docs_base_url: None,
        domain: None,
        unlocked: None,
        categories: Vec::new(),
        categories_complete: true,
        classes: Vec::new(),
        classes_complete: true,
    };
    match root.get("catalog") {
        None => root.missing(cx, "catalog"),
        Some(_) => {
            if let Some(table) = root.table(cx, "catalog") {
                let fields = Fields::new(
                    file,
                    table.value,
                    "`[catalog]`".to_owned(),
                    header_span(&root, "catalog", table.span),
                );
                read_catalog_table(cx, &fields, &mut settings);
            }
        }
    }
    settings.categories = read_categories(cx, &root, &mut settings.categories_complete);
    (settings.classes, settings.classes_complete) = super::classes::read(cx, &root);
    settings
}

/// Where a missing field of a table is reported: its `[header]` key.
fn header_span(root: &Fields<'_, '_>, key: &str, fallback: Range<usize>) -> Range<usize> {
    root.key_span(key).unwrap_or(fallback)
}

fn read_catalog_table(cx: &mut Context, fields: &Fields<'_, '_>, settings: &mut Settings) {
    fields.reject_unknown(cx, CATALOG_FIELDS);
    if let Some(name) = fields.required_string(cx, "name") {
        check_id(cx, fields, "name", &name, "a catalog name", &['_', '-']);
        settings.name = name.value;
    }
    if let Some(title) = fields.required_string(cx, "title")
        && fields.check_text(cx, "title", &title, Lines::One)
    {
        settings.title = title.value;
    }
    settings.description = fields.text(cx, "description", Lines::Many).map(|l| l.value);
    settings.version = fields.text(cx, "version", Lines::One).map(|l| l.value);
    read_code_style(cx, fields, settings);
    if let Some(shape) = shape_named(cx, fields, &settings.declared) {
        settings.wire_shape = shape.value;
    } else {
        settings.wire_shape_unreadable = fields.get("wire_shape").is_some();
    }
    if fields.get("transport").is_some() {
        settings.transport = fields
            .one_of::<Transport>(cx, "transport", "a transport")
            .map(|l| l.value);
    }
    settings.docs_base_url = fields
        .url(cx, "docs_base_url", UrlKind::Base)
        .map(|l| l.value);
    settings.domain = fields
        .text(cx, "domain", Lines::One)
        .filter(|domain| check_domain(cx, fields, domain))
        .map(|l| l.value);
    settings.unlocked = fields
        .text(cx, "unlocked", Lines::One)
        .filter(|reason| given_reason(cx, fields, reason))
        .map(|l| l.value);
}

/// `wire_shape` of `fields`: a built-in shape or a declared one. One
/// whose declaration could not be read is not reported again.
pub(crate) fn shape_named(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    declared: &Declared,
) -> Option<Located<WireShape>> {
    match fields.get("wire_shape") {
        // Most codes take the catalog's: nothing to build for them.
        None => return None,
        Some((DeValue::String(name), _))
            if declared.unreadable.iter().any(|broken| broken == &**name) =>
        {
            return None;
        }
        Some(_) => {}
    }
    let all = declared.all();
    let names: Vec<&str> = all.iter().map(|shape| shape.as_str()).collect();
    fields.choice(cx, "wire_shape", "a wire shape", &names, |written| {
        all.iter().copied().find(|shape| shape.as_str() == written)
    })
}

const CODE_PATTERN_FIELDS: &[&str] = &["pattern", "max_length"];

/// `code_style`: a style's name, or `{ pattern = "...", max_length = N }`.
fn read_code_style(cx: &mut Context, fields: &Fields<'_, '_>, settings: &mut Settings) {
    let Some((value, span)) = fields.get("code_style") else {
        return;
    };
    let toml::de::DeValue::Table(table) = value else {
        if matches!(value, toml::de::DeValue::String(_)) {
            settings.code_style = fields
                .one_of::<CodeStyle>(cx, "code_style", "a code style")
                .map(|l| CodeRule::Style(l.value));
        } else {
            fields.wrong_type::<()>(
                cx,
                "code_style",
                "a code style's name or a table such as `{ pattern = \"[A-Z][A-Z0-9_]+\" }`",
                value,
                span,
            );
        }
        return;
    };
    let rule = Fields::new(fields.file, table, "`code_style`".to_owned(), span.clone());
    rule.reject_unknown(cx, CODE_PATTERN_FIELDS);
    let pattern = rule.string(cx, "pattern");
    let max_length = rule.integer_in::<usize>(cx, "max_length", "a length of at least 1");
    let max_length = max_length.and_then(|length| {
        if length.value > 0 {
            return Some(length.value);
        }
        cx.report(
            Diagnostic::error("`max_length` of `code_style` is 0, which no code is")
                .with_label(&fields.file.shown, length.span, "expected at least 1")
                .with_help(
                    "give the longest a code may be, in characters, or leave `max_length` out",
                ),
        );
        None
    });
    if pattern.is_none() && max_length.is_none() {
        if rule.get("pattern").is_none() && rule.get("max_length").is_none() {
            cx.report(
                Diagnostic::error("`code_style` sets neither `pattern` nor `max_length`")
                    .with_label(&fields.file.shown, span, "an empty rule")
                    .with_help(
                        "add `pattern = \"...\"` (a regular expression every code matches whole) or `max_length = N`, or remove `code_style`",
                    ),
            );
        }
        return;
    }
    if let Some(pattern) = &pattern {
        // Anchored: a pattern states what a whole code is, as AIP-193's does.
        match regex::Regex::new(&format!("^(?:{})$", pattern.value)) {
            Ok(compiled) => settings.code_pattern = Some(compiled),
            Err(error) => {
                let reason = match &error {
                    regex::Error::Syntax(text) => {
                        text.lines().last().unwrap_or(text).trim().to_owned()
                    }
                    other => other.to_string(),
                };
                cx.report(
                    Diagnostic::error(format!(
                        "`pattern` of `code_style` is not a regular expression: {}",
                        reason.trim_start_matches("error: ")
                    ))
                    .with_label(&fields.file.shown, pattern.span.clone(), "not a regular expression")
                    .with_help("write it in the syntax of Rust's `regex` crate, e.g. `[A-Z][A-Z0-9_]+[A-Z0-9]`"),
                );
                return;
            }
        }
    }
    settings.code_style = Some(CodeRule::Pattern {
        pattern: pattern.map(|p| p.value),
        max_length,
    });
}

fn read_categories(cx: &mut Context, root: &Fields<'_, '_>, complete: &mut bool) -> Vec<Category> {
    let mut categories: Vec<Category> = Vec::new();
    let mut first_spans: Vec<Range<usize>> = Vec::new();
    let Some((tables, span, all_read)) = array_of_tables(cx, root, "category") else {
        cx.report(
            Diagnostic::error(format!("`{}` declares no categories", root.file.shown))
                .with_path(&root.file.shown)
                .with_help("declare at least one: `[[category]]` with `id` and `title`"),
        );
        return categories;
    };
    *complete &= all_read;
    // Every code needs a category, and the emitters index into this list.
    if tables.is_empty() && all_read {
        cx.report(
            Diagnostic::error(format!("`{}` declares no categories", root.file.shown))
                .with_label(&root.file.shown, span, "an empty list of categories")
                .with_help("declare at least one: `[[category]]` with `id` and `title`"),
        );
        return categories;
    }
    for fields in tables {
        fields.reject_unknown(cx, CATEGORY_FIELDS);
        let Some(id) = fields.required_string(cx, "id") else {
            *complete = false;
            continue;
        };
        let (title, description) = title_and_description(cx, &fields);
        check_id(cx, &fields, "id", &id, "a category id", &['_']);
        if let Some(first) = categories.iter().position(|c| c.id == id.value) {
            cx.report(declared_twice(
                &root.file.shown,
                "category",
                &id,
                first_spans[first].clone(),
            ));
            continue;
        }
        let category = Category {
            id: id.value,
            title,
            description,
        };
        let page = category.page_stem();
        if let Some(first) = categories.iter().position(|c| c.page_stem() == page) {
            let reserved: Vec<String> = RESERVED_PAGE_STEMS
                .iter()
                .map(|s| format!("`{s}`"))
                .collect();
            cx.report(
                Diagnostic::error(format!(
                    "categories `{}` and `{}` both get the docs page `{page}.md`",
                    categories[first].id, category.id
                ))
                .with_label(&root.file.shown, id.span.clone(), "this category")
                .with_context(&root.file.shown, first_spans[first].clone(), "collides with this one")
                .with_note(format!(
                    "the pages of {} get `_errors` appended, as the docs' own files have those names",
                    join(&reserved, "and")
                ))
                .with_help("rename one of them"),
            );
        }
        first_spans.push(id.span);
        categories.push(category);
    }
    categories
}

/// The `title` (required, one line) and `description` of a declared
/// category or class. The stand-in title of a missing one never reaches a
/// catalog (its absence is reported), but keeping the declaration checks
/// later ids against it.
pub(crate) fn title_and_description(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
) -> (String, Option<String>) {
    let title = fields
        .required_string(cx, "title")
        .filter(|title| fields.check_text(cx, "title", title, Lines::One))
        .map(|l| l.value)
        .unwrap_or_default();
    let description = fields.text(cx, "description", Lines::Many).map(|l| l.value);
    (title, description)
}

/// Names and ids are `[a-z][a-z0-9<separators>]*`: they become file names,
/// crate names and anchors.
/// A domain is one word of visible text (`pubsub.googleapis.com`): clients
/// compare it as it is.
fn check_domain(cx: &mut Context, fields: &Fields<'_, '_>, domain: &Located<String>) -> bool {
    if !domain.value.is_empty() && domain.value.bytes().all(|b| b.is_ascii_graphic()) {
        return true;
    }
    cx.report(
        Diagnostic::error(format!(
            "`domain` of {} is not one word of visible ASCII",
            fields.owner
        ))
        .with_label(&fields.file.shown, domain.span.clone(), "not a domain")
        .with_help(
            "write the service's name as clients compare it, such as `pubsub.googleapis.com`",
        ),
    );
    false
}

/// Whether `unlocked` says why: it is the line review reads instead of a
/// lock, so an empty one would switch the check off without a word.
fn given_reason(cx: &mut Context, fields: &Fields<'_, '_>, reason: &Located<String>) -> bool {
    if !reason.value.trim().is_empty() {
        return true;
    }
    cx.report(
        Diagnostic::error("`unlocked` of `[catalog]` gives no reason")
            .with_label(&fields.file.shown, reason.span.clone(), "an empty reason")
            .with_help("say why the catalog goes without its stability lock, e.g. `unlocked = \"pre-release: codes may still change\"`, or remove the line"),
    );
    false
}

fn check_id(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    key: &str,
    id: &Located<String>,
    what: &str,
    separators: &[char],
) {
    let mut chars = id.value.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || separators.contains(&c));
    if !ok {
        let mut allowed = vec!["lowercase letters".to_owned(), "digits".to_owned()];
        allowed.extend(separators.iter().map(|c| format!("`{c}`")));
        cx.report(
            Diagnostic::error(format!("`{}` is not usable as {what}", id.value))
                .with_label(
                    &fields.file.shown,
                    id.span.clone(),
                    format!("invalid `{key}`"),
                )
                .with_help(format!(
                    "start with a lowercase letter; then use only {}",
                    join(&allowed, "and")
                )),
        );
    }
}

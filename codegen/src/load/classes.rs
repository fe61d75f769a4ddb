//! `[[class]]` in `catalog.toml`, and each code's `class` and `tags`: a
//! classification beside categories, which the docs show and the site
//! filters on. Classes are declared, so a mistyped one is an error; tags are
//! free.

use super::code::CodeDraft;
use super::fields::{Fields, array_of_tables, declared_twice, did_you_mean, list};
use super::text::Lines;
use super::{CATALOG_FILE, Context, Located};
use crate::diagnostic::Diagnostic;
use crate::model::Class;

const CLASS_FIELDS: &[&str] = &["id", "title", "description"];

/// The declared classes, in order; none when `catalog.toml` has no
/// `[[class]]`. The second value is false when one could not be read: a
/// code naming it is then not reported as naming no class.
pub(crate) fn read(cx: &mut Context, root: &Fields<'_, '_>) -> (Vec<Class>, bool) {
    let mut classes: Vec<Class> = Vec::new();
    let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
    let Some((tables, _, mut complete)) = array_of_tables(cx, root, "class") else {
        return (classes, true);
    };
    for fields in tables {
        fields.reject_unknown(cx, CLASS_FIELDS);
        let id = fields
            .required_string(cx, "id")
            .filter(|id| fields.check_text(cx, "id", id, Lines::One));
        // Read whatever the id is, so one run reports every mistake.
        let (title, description) = super::settings::title_and_description(cx, &fields);
        let Some(id) = id else {
            complete = false;
            continue;
        };
        // No code can name a class that is no word (a code's own `class` is
        // held to the same rule), so the others are still checked.
        if let Some(problem) = not_a_word(&id.value) {
            cx.report(
                Diagnostic::error(format!("the `id` of a `[[class]]` {problem}"))
                    .with_label(&fields.file.shown, id.span.clone(), "this id")
                    .with_help("give it the class as the platform writes it, e.g. `id = \"23\"`"),
            );
            continue;
        }
        if let Some(first) = classes.iter().position(|c| c.id == id.value) {
            cx.report(declared_twice(
                &root.file.shown,
                "class",
                &id,
                spans[first].clone(),
            ));
            continue;
        }
        if let Some(first) = classes
            .iter()
            .position(|c| c.id.eq_ignore_ascii_case(&id.value))
        {
            cx.report(
                Diagnostic::error(format!(
                    "classes `{}` and `{}` differ only in letter case",
                    classes[first].id, id.value
                ))
                .with_label(&root.file.shown, id.span.clone(), "this class")
                .with_context(&root.file.shown, spans[first].clone(), "matches this one")
                .with_help("readers cannot tell them apart; merge them or rename one"),
            );
            continue;
        }
        spans.push(id.span);
        classes.push(Class {
            id: id.value,
            title,
            description,
        });
    }
    (classes, complete)
}

/// Why `text` cannot be a class id or a tag: empty, or holding whitespace
/// (the site's menus and data attributes keep words apart by it).
fn not_a_word(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        Some("is empty")
    } else if text.chars().any(char::is_whitespace) {
        Some("holds whitespace")
    } else {
        None
    }
}

/// A code's `tags`: each a word (not empty, no whitespace), written once.
pub(crate) fn read_tags(cx: &mut Context, fields: &Fields<'_, '_>) -> Vec<String> {
    let mut tags: Vec<Located<String>> = Vec::new();
    for tag in fields.strings(cx, "tags") {
        if !fields.check_text(cx, "tags", &tag, Lines::One) {
            continue;
        }
        if let Some(problem) = not_a_word(&tag.value) {
            let joined: Vec<&str> = tag.value.split_whitespace().collect();
            let help = if joined.len() > 1 {
                format!("join its words with `-`: `{}`", joined.join("-"))
            } else {
                "remove it".to_owned()
            };
            cx.report(
                Diagnostic::error(format!("a tag of {} {problem}", fields.owner))
                    .with_label(&fields.file.shown, tag.span.clone(), "this tag")
                    .with_help(help),
            );
        } else if let Some(first) = tags.iter().find(|t| t.value == tag.value) {
            cx.report(
                Diagnostic::error(format!(
                    "tag `{}` of {} is listed twice",
                    tag.value, fields.owner
                ))
                .with_label(&fields.file.shown, tag.span.clone(), "listed again here")
                .with_context(&fields.file.shown, first.span.clone(), "first listed here")
                .with_help("remove one of them"),
            );
        } else {
            tags.push(tag);
        }
    }
    tags.into_iter().map(|t| t.value).collect()
}

/// A code's `class`, if it is a word; what it names is checked by
/// [`assign`] once the classes are known.
pub(crate) fn read_class(cx: &mut Context, fields: &Fields<'_, '_>) -> Option<Located<String>> {
    let class = fields.string(cx, "class")?;
    if !fields.check_text(cx, "class", &class, Lines::One) {
        return None;
    }
    if let Some(problem) = not_a_word(&class.value) {
        cx.report(
            Diagnostic::error(format!("the `class` of {} {problem}", fields.owner))
                .with_label(&fields.file.shown, class.span.clone(), "this class")
                .with_help(format!(
                    "name a `[[class]]` of `{CATALOG_FILE}` by its id, or remove the line"
                )),
        );
        return None;
    }
    Some(class)
}

/// Sets each draft's class index from the `class` it names.
pub(crate) fn assign(
    cx: &mut Context,
    classes: &[Class],
    complete: bool,
    drafts: &mut [CodeDraft<'_>],
) {
    let ids: Vec<&str> = classes.iter().map(|c| c.id.as_str()).collect();
    for draft in drafts.iter_mut() {
        let Some(class) = &draft.class else {
            continue;
        };
        if let Some(index) = ids.iter().position(|id| *id == class.value) {
            draft.model.class = Some(index);
            continue;
        }
        if !complete {
            continue;
        }
        let mut diagnostic = Diagnostic::error(format!(
            "unknown class `{}` in code `{}`",
            class.value, draft.model.code
        ))
        .with_label(
            &draft.file.shown,
            class.span.clone(),
            "not a class of the catalog",
        );
        if let Some(close) = did_you_mean(&class.value, ids.iter().copied()) {
            diagnostic = diagnostic.with_help(format!("did you mean `{close}`?"));
        }
        diagnostic = if ids.is_empty() {
            diagnostic.with_help(format!(
                "declare it in `{CATALOG_FILE}`: `[[class]]` with `id = \"{}\"` and a `title`",
                class.value
            ))
        } else {
            diagnostic.with_help(format!(
                "declare it in `{CATALOG_FILE}` as a `[[class]]`, or set `class` to one of {}",
                list(&ids)
            ))
        };
        cx.report(diagnostic);
    }
}

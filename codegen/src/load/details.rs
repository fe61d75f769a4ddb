//! A code's `details`: a kind (`"object"`, `"field_errors"`), or a table of
//! typed members (`details = { bucket = "string", "region?" = "string" }`).

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::fields::{Fields, article, list, unknown_value};
use super::template::OTHER_PARAM_TYPE_NAMES;
use super::{Context, Located};
use crate::diagnostic::Diagnostic;
use crate::model::{DetailMember, DetailType, DetailsKind, ParamType};

/// How deep objects may nest in details: far beyond any real platform's,
/// and short of what would exhaust the stack.
const MAX_DEPTH: usize = 16;

/// The declared kind, where it is written, and the typed members (empty
/// unless a table declared them). `None` when `details` is absent or
/// unreadable (reported).
pub(crate) fn read(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
) -> Option<(Located<DetailsKind>, Vec<DetailMember>)> {
    let (value, span) = fields.get("details")?;
    match value {
        DeValue::String(_) => fields
            .one_of::<DetailsKind>(cx, "details", "a details kind")
            .map(|kind| (kind, Vec::new())),
        DeValue::Table(table) => {
            let members = object(cx, fields, table, &span, 1)?;
            Some((Located::new(DetailsKind::Typed, span), members))
        }
        other => {
            let found = other.type_str();
            let kinds: Vec<&str> = DetailsKind::WRITTEN.iter().map(|k| k.as_str()).collect();
            cx.report(
                Diagnostic::error(format!(
                    "`details` of {} must be a details kind or a table of typed members, found {} {found}",
                    fields.owner,
                    article(found)
                ))
                .with_label(&fields.file.shown, span, "expected a string or a table")
                .with_help(format!(
                    "write one of {}, or the members with their types: `details = {{ bucket = \"string\" }}`",
                    list(&kinds)
                )),
            );
            None
        }
    }
}

/// The members of `table`, written at `span`, in source order; `None` when
/// one could not be read (reported), so no half-typed details reach the
/// model. Every member is read, so every mistake is reported.
fn object(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    table: &DeTable<'_>,
    span: &Range<usize>,
    depth: usize,
) -> Option<Vec<DetailMember>> {
    let file = fields.file.shown.as_str();
    if table.is_empty() {
        cx.report(
            Diagnostic::error(format!(
                "an object in the details of {} declares no members",
                fields.owner
            ))
            .with_label(file, span.clone(), "no members")
            .with_help(
                "declare its members with their types, such as `{ bucket = \"string\" }`, or write `details = \"object\"` for any JSON object",
            ),
        );
        return None;
    }
    if depth > MAX_DEPTH {
        cx.report(
            Diagnostic::error(format!(
                "the details of {} nest more than {MAX_DEPTH} deep",
                fields.owner
            ))
            .with_label(file, span.clone(), "nested too deep")
            .with_help(
                "declare the innermost objects as `\"object\"` members of `details = \"object\"`",
            ),
        );
        return None;
    }
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    let mut members = Vec::new();
    let mut complete = true;
    let mut names: Vec<(String, String, Range<usize>)> = Vec::new();
    for (key, value) in entries {
        let written = key.get_ref().as_ref();
        let (name, optional) = match written.strip_suffix('?') {
            Some(name) => (name, true),
            None => (written, false),
        };
        if let Some(problem) = name_problem(name) {
            cx.report(
                Diagnostic::error(format!(
                    "member `{}` of the details of {} {problem}",
                    written.escape_debug(),
                    fields.owner
                ))
                .with_label(file, key.span(), "not a usable member name")
                .with_help(
                    "a member name holds ASCII letters, digits, `_`, `-`, `$` and `@`, with at least one letter or digit; end it with `?` (quoted: `\"region?\" = \"string\"`) if it may be left out",
                ),
            );
            complete = false;
            continue;
        }
        let Some(ty) = member_type(cx, fields, name, value.get_ref(), value.span(), depth) else {
            complete = false;
            continue;
        };
        let member = DetailMember {
            name: name.to_owned(),
            optional,
            ty,
        };
        for (what, rust) in taken_names(&member) {
            if let Some((first, _, first_span)) = names
                .iter()
                .find(|(_, taken, _)| *taken == format!("{what} {rust}"))
            {
                cx.report(
                    Diagnostic::error(format!(
                        "members `{first}` and `{name}` of the details of {} both become the Rust {what} `{rust}`",
                        fields.owner
                    ))
                    .with_label(file, key.span(), format!("also `{rust}`"))
                    .with_context(file, first_span.clone(), format!("becomes `{rust}`"))
                    .with_help("rename one of them: Rust names come from a member's letters and digits, in snake_case and UpperCamelCase"),
                );
                complete = false;
                // Two members with one field name mostly share a struct
                // name too: that is the same mistake.
                break;
            }
        }
        for (what, rust) in taken_names(&member) {
            names.push((name.to_owned(), format!("{what} {rust}"), key.span()));
        }
        members.push(member);
    }
    complete.then_some(members)
}

/// The Rust names a member takes among its siblings: its field, and the
/// struct of the object it holds.
fn taken_names(member: &DetailMember) -> Vec<(&'static str, String)> {
    let mut taken = vec![("field", member.rust_field())];
    if member.ty.members().is_some() {
        taken.push(("struct", member.rust_type()));
    }
    taken
}

/// The type of member `name`, written as `value` at `span`.
fn member_type(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    name: &str,
    value: &DeValue<'_>,
    span: Range<usize>,
    depth: usize,
) -> Option<DetailType> {
    let file = fields.file.shown.as_str();
    match value {
        DeValue::String(written) => scalar_or_list(cx, fields, name, written, span),
        DeValue::Table(table) => {
            object(cx, fields, table, &span, depth + 1).map(DetailType::Object)
        }
        DeValue::Array(items) => {
            let only = if items.len() == 1 {
                items.iter().next()
            } else {
                None
            };
            match only.map(|item| (item.get_ref(), item.span())) {
                Some((element @ (DeValue::Table(_) | DeValue::Array(_)), element_span)) => {
                    member_type(cx, fields, name, element, element_span, depth + 1)
                        .map(|element| DetailType::List(Box::new(element)))
                }
                Some((DeValue::String(ty), _)) => {
                    cx.report(
                        Diagnostic::error(format!(
                            "list member `{name}` of the details of {} is written as an array of a type name",
                            fields.owner
                        ))
                        .with_label(file, span, "an array")
                        .with_help(format!("a list of {ty} values is written `\"{ty}[]\"`")),
                    );
                    None
                }
                _ => {
                    cx.report(
                        Diagnostic::error(format!(
                            "list member `{name}` of the details of {} must hold one table: the members of its elements",
                            fields.owner
                        ))
                        .with_label(
                            file,
                            span,
                            match items.len() {
                                1 => "an item that is no table".to_owned(),
                                n => format!("{n} items"),
                            },
                        )
                        .with_help("write a list of objects as `[{ field = \"string\" }]`, and a list of strings as `\"string[]\"`"),
                    );
                    None
                }
            }
        }
        other => {
            let found = other.type_str();
            cx.report(
                Diagnostic::error(format!(
                    "type of member `{name}` of the details of {} must be a type name, a table of members or a list of one table, found {} {found}",
                    fields.owner,
                    article(found)
                ))
                .with_label(file, span, "expected a type")
                .with_note(format!("a type name is {}, each with `[]` after it for a list", list(&type_names()))),
            );
            None
        }
    }
}

fn type_names() -> Vec<&'static str> {
    ParamType::ALL.iter().map(|t| t.as_str()).collect()
}

/// `string`, `unsigned[]`, `bool[][]`.
fn scalar_or_list(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    name: &str,
    written: &str,
    span: Range<usize>,
) -> Option<DetailType> {
    let mut base = written;
    let mut lists = 0;
    while let Some(element) = base.strip_suffix("[]") {
        base = element;
        lists += 1;
    }
    if lists > MAX_DEPTH {
        cx.report(
            Diagnostic::error(format!(
                "member `{name}` of the details of {} nests lists more than {MAX_DEPTH} deep",
                fields.owner
            ))
            .with_label(&fields.file.shown, span, "nested too deep"),
        );
        return None;
    }
    let Some(scalar) = ParamType::parse(base) else {
        let other_names: Vec<(&str, &str)> = OTHER_PARAM_TYPE_NAMES
            .iter()
            .map(|(name, ty)| (*name, ty.as_str()))
            .collect();
        let mut diagnostic = unknown_value(
            format!(
                "unknown type `{}` for member `{name}` of the details of {}",
                written.escape_debug(),
                fields.owner
            ),
            (
                &fields.file.shown,
                &Located::new(base.to_owned(), span),
                "not a type".to_owned(),
            ),
            &type_names(),
            &other_names,
        );
        diagnostic = diagnostic.with_note("a type name may end in `[]`, for a list");
        cx.report(diagnostic);
        return None;
    };
    let mut ty = DetailType::Scalar(scalar);
    for _ in 0..lists {
        ty = DetailType::List(Box::new(ty));
    }
    Some(ty)
}

/// Why `name` cannot be a member of typed details: every target must be
/// able to name it, and the docs and the lock write paths of members with
/// `.` and `[]`.
fn name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("has no name")
    } else if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '$' | '@'))
    {
        Some("holds a character other than ASCII letters, digits, `_`, `-`, `$` and `@`")
    } else if !name.chars().any(|c| c.is_ascii_alphanumeric()) {
        Some("has no letter or digit")
    } else {
        None
    }
}

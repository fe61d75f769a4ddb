//! A declared shape's `body`: a TOML inline table laid out as the JSON body
//! is, each string `"{part}"` naming the part of the error its member
//! holds, every other value sent as it is.

use std::ops::Range;

use errcat::shape::{Literal, Part, Presence};
use toml::de::{DeTable, DeValue};

use super::super::fields::{Fields, did_you_mean, list};
use super::super::{Context, Located};
use crate::diagnostic::Diagnostic;
use crate::model::{MemberDecl, PartDecl};

/// Bodies nest this deep at most: deeper tables are no error body anyone
/// sends, and reading them must not exhaust the stack.
const MAX_DEPTH: usize = 8;

pub(super) use crate::model::PLACEHOLDERS as PARTS;

/// A placeholder as written: the part, and when its member is written.
pub(super) struct Placeholder {
    pub(super) part: Part,
    pub(super) presence: Presence,
    /// `{number}`: the code, sent as its stable number.
    pub(super) number: bool,
}

/// What a string value of a body or a header is.
pub(super) enum Written {
    Placeholder(Placeholder),
    /// No placeholder: sent as it is.
    Text,
    /// Reported already.
    Wrong,
}

/// Reads `{part}`, `{part?}` (left out when the error has none) or
/// `{part|null}` (sent as `null` then), reporting a placeholder that names
/// no part or does not say what happens when an error lacks it.
pub(super) fn placeholder(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    written: &Located<String>,
) -> Written {
    let Some(inner) = written
        .value
        .strip_prefix('{')
        .and_then(|rest| rest.strip_suffix('}'))
    else {
        return Written::Text;
    };
    let (name, presence) = if let Some(name) = inner.strip_suffix('?') {
        (name, Presence::WhenPresent)
    } else if let Some(name) = inner.strip_suffix("|null") {
        (name, Presence::NullWhenAbsent)
    } else {
        (inner, Presence::Always)
    };
    let file = &fields.file.shown;
    let number = name == "number";
    let found = PARTS.iter().find(|(spelling, _)| *spelling == name);
    let Some(&(_, part)) = found.or(number.then_some(&("number", Part::Code))) else {
        let mut names: Vec<&str> = PARTS.iter().map(|(name, _)| *name).collect();
        names.push("number");
        let mut diagnostic = Diagnostic::error(format!(
            "`{}` in {} names no part of an error",
            written.value, fields.owner
        ))
        .with_label(file, written.span.clone(), "no such part");
        diagnostic = match did_you_mean(name, names.iter().copied()) {
            Some(close) => diagnostic.with_help(format!("did you mean `{{{close}}}`?")),
            None => diagnostic.with_note(format!("the parts are {}", list(&names))),
        };
        cx.report(diagnostic);
        return Written::Wrong;
    };
    let always = part.always_has_value();
    if always && presence != Presence::Always {
        let has = if number {
            "every code sent in the shape has a number".to_owned()
        } else {
            format!("every error has a {}", name.replace('_', " "))
        };
        cx.report(
            Diagnostic::error(format!("`{}` in {}: {has}", written.value, fields.owner))
                .with_label(file, written.span.clone(), "never absent")
                .with_help(format!("write `{{{name}}}`")),
        );
        return Written::Wrong;
    }
    if !always && presence == Presence::Always {
        cx.report(
            Diagnostic::error(format!(
                "`{}` in {} does not say what is sent when an error has no {}",
                written.value,
                fields.owner,
                name.replace('_', " ")
            ))
            .with_label(file, written.span.clone(), "an error may lack it")
            .with_help(format!(
                "write `{{{name}?}}` to leave the member out then, or `{{{name}|null}}` to send `null`"
            )),
        );
        return Written::Wrong;
    }
    Written::Placeholder(Placeholder {
        part,
        presence,
        number,
    })
}

/// Every placeholder of a body: its part, where it is written and whether
/// it is `{number}`, in body order.
pub(super) type Placed = Vec<(Part, Range<usize>, bool)>;

/// The members of `table` that could be read, in the order they are
/// written, and whether every one could; each placeholder is added to
/// `placed`.
pub(super) fn members(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    table: &DeTable<'_>,
    depth: usize,
    placed: &mut Placed,
) -> (Vec<MemberDecl>, bool) {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    let mut members = Vec::new();
    let mut sound = true;
    for (key, value) in entries {
        let name = key.get_ref().to_string();
        // `identified_by` names members through objects with `.`.
        if name.contains('.') {
            cx.report(
                Diagnostic::error(format!("member `{name}` of {} holds a `.`", fields.owner))
                    .with_label(&fields.file.shown, key.span(), "a `.` in a member's name")
                    .with_help(
                        "`identified_by` names nested members as `outer.inner`; rename the member",
                    ),
            );
            sound = false;
            continue;
        }
        match member(
            cx,
            fields,
            &name,
            (value.get_ref(), value.span()),
            depth,
            placed,
        ) {
            Some((part, presence)) => members.push(MemberDecl {
                name,
                part,
                presence,
            }),
            None => sound = false,
        }
    }
    (members, sound)
}

fn member(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    name: &str,
    (value, span): (&DeValue<'_>, Range<usize>),
    depth: usize,
    placed: &mut Placed,
) -> Option<(PartDecl, Presence)> {
    let file = &fields.file.shown;
    let constant = |literal| Some((PartDecl::Simple(Part::Constant(literal)), Presence::Always));
    match value {
        DeValue::String(text) => {
            let written = Located::new(text.to_string(), span);
            match placeholder(cx, fields, &written) {
                Written::Placeholder(Placeholder {
                    part,
                    presence,
                    number,
                }) => {
                    placed.push((part, written.span, number));
                    Some((PartDecl::Simple(part), presence))
                }
                Written::Text => Some((PartDecl::Text(written.value), Presence::Always)),
                Written::Wrong => None,
            }
        }
        DeValue::Boolean(value) => constant(Literal::Bool(*value)),
        DeValue::Integer(int) => match i64::from_str_radix(int.as_str(), int.radix()) {
            Ok(value) => constant(Literal::Integer(value)),
            Err(_) => {
                cx.report(wrong(fields, name, "an integer of 64 bits", span));
                None
            }
        },
        DeValue::Table(table) if table.is_empty() => constant(Literal::EmptyObject),
        DeValue::Array(items) if items.is_empty() => constant(Literal::EmptyList),
        DeValue::Table(_) | DeValue::Array(_) if depth >= MAX_DEPTH => {
            cx.report(
                Diagnostic::error(format!(
                    "the body of {} nests more than {MAX_DEPTH} levels deep",
                    fields.owner
                ))
                .with_label(file, span, "too deep")
                .with_help("declare the members a client reads, nested as the body nests them"),
            );
            None
        }
        DeValue::Table(table) => {
            let (inner, sound) = members(cx, fields, table, depth + 1, placed);
            sound.then_some((PartDecl::Object(inner), Presence::Always))
        }
        DeValue::Array(items) => {
            let mut iter = items.iter();
            let only_table = match (iter.next(), iter.next()) {
                (Some(item), None) => match item.get_ref() {
                    DeValue::Table(table) if !table.is_empty() => Some(table),
                    _ => None,
                },
                _ => None,
            };
            let Some(table) = only_table else {
                cx.report(
                    Diagnostic::error(format!(
                        "member `{name}` of {} is a list of {} items",
                        fields.owner,
                        items.len()
                    ))
                    .with_label(file, span, "not a list of one table")
                    .with_note("a list in a body holds the error as its only element (Cloudflare's `errors`), or is always empty")
                    .with_help(format!(
                        "write `{name} = [{{ code = \"{{code}}\", message = \"{{message}}\" }}]`, or `{name} = []`"
                    )),
                );
                return None;
            };
            let (inner, sound) = members(cx, fields, table, depth + 1, placed);
            sound.then_some((PartDecl::List(inner), Presence::Always))
        }
        DeValue::Float(_) | DeValue::Datetime(_) => {
            let found = value.type_str();
            cx.report(wrong(
                fields,
                name,
                &format!("a placeholder such as `\"{{code}}\"`, a string, an integer, a boolean, a table or a list, not a {found}"),
                span,
            ));
            None
        }
    }
}

fn wrong(fields: &Fields<'_, '_>, name: &str, expected: &str, span: Range<usize>) -> Diagnostic {
    Diagnostic::error(format!(
        "member `{name}` of {} must be {expected}",
        fields.owner
    ))
    .with_label(&fields.file.shown, span, "this value")
}

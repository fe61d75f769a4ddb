//! `[shape.NAME]` in `catalog.toml`: a wire shape declared as data, read
//! into the runtime's own description of shapes, so it is rendered, read,
//! described and documented as the built-in ones are.

mod body;

use std::ops::Range;

use errcat::shape::{CodeForm, Part, Presence};
use heck::ToUpperCamelCase;
use toml::de::DeValue;

use super::fields::{Fields, list};
use super::text::Lines;
use super::{Context, Located};
use crate::diagnostic::Diagnostic;
use crate::model::{MemberDecl, PartDecl, ShapeDecl, WireShape};
use body::{Placeholder, Written};

const SHAPE_FIELDS: &[&str] = &[
    "summary",
    "content_type",
    "body",
    "headers",
    "identified_by",
    "code_form",
];

/// The shapes `catalog.toml` declares, and what codes may name.
pub(crate) struct Declared {
    /// In declared order.
    pub(crate) shapes: Vec<WireShape>,
    /// Names of declarations that could not be read: a code naming one is
    /// not reported as naming no shape.
    pub(crate) unreadable: Vec<String>,
}

impl Declared {
    /// Every shape a code may name: the built-in ones, then the declared.
    pub(crate) fn all(&self) -> Vec<WireShape> {
        WireShape::ALL
            .into_iter()
            .chain(self.shapes.iter().copied())
            .collect()
    }
}

pub(crate) fn read(cx: &mut Context, root: &Fields<'_, '_>) -> Declared {
    let mut declared = Declared {
        shapes: Vec::new(),
        unreadable: Vec::new(),
    };
    let Some(table) = root.table(cx, "shape") else {
        return declared;
    };
    let mut entries: Vec<_> = table.value.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    for (key, value) in entries {
        let name = Located::new(key.get_ref().to_string(), key.span());
        let shown = format!("shape `{}`", name.value);
        let DeValue::Table(table) = value.get_ref() else {
            root.wrong_type::<()>(
                cx,
                &format!("shape.{}", name.value),
                "a table",
                value.get_ref(),
                value.span(),
            );
            declared.unreadable.push(name.value);
            continue;
        };
        let fields = Fields::new(root.file, table, shown, name.span.clone());
        match shape(cx, &fields, &name, &declared.shapes) {
            Some(decl) => declared.shapes.push(decl.intern()),
            None => declared.unreadable.push(name.value),
        }
    }
    declared
}

/// One declaration, or `None` when a problem was reported.
fn shape(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    name: &Located<String>,
    earlier: &[WireShape],
) -> Option<ShapeDecl> {
    let file = &fields.file.shown;
    fields.reject_unknown(cx, SHAPE_FIELDS);
    let mut sound = check_name(cx, fields, name, earlier);
    let summary = fields.required_string(cx, "summary");
    let summary = summary.filter(|s| fields.check_text(cx, "summary", s, Lines::One));
    sound &= summary.is_some();
    let content_type = match fields.string(cx, "content_type") {
        Some(written) if is_media_type(&written.value) => Some(written.value),
        Some(written) => {
            cx.report(
                Diagnostic::error(format!(
                    "`content_type` of {} is not a media type",
                    fields.owner
                ))
                .with_label(file, written.span, "not `type/subtype`")
                .with_help("write it as the `Content-Type` header does, such as `application/vnd.api+json`"),
            );
            None
        }
        None if fields.get("content_type").is_some() => None,
        None => Some("application/json".to_owned()),
    };
    sound &= content_type.is_some();
    let code_form =
        match fields.choice(
            cx,
            "code_form",
            "a code form",
            &["exact", "smithy"],
            |s| match s {
                "exact" => Some(CodeForm::Exact),
                "smithy" => Some(CodeForm::SmithyShapeName),
                _ => None,
            },
        ) {
            Some(form) => Some(form.value),
            None if fields.get("code_form").is_some() => None,
            None => Some(CodeForm::Exact),
        };
    sound &= code_form.is_some();
    // Where the code is written, and whether as `{number}`.
    let mut codes: Vec<(Range<usize>, bool)> = Vec::new();
    let members = match fields.get("body") {
        None => {
            fields.missing(cx, "body");
            None
        }
        Some((DeValue::Table(table), span)) => {
            let mut placed = Vec::new();
            let (members, complete) = body::members(cx, fields, table, 0, &mut placed);
            let parts_fit = check_parts(cx, fields, &placed, complete, span);
            codes.extend(
                placed
                    .into_iter()
                    .filter(|(part, ..)| *part == Part::Code)
                    .map(|(_, span, number)| (span, number)),
            );
            (complete && parts_fit).then_some(members)
        }
        Some((other, span)) => fields.wrong_type(
            cx,
            "body",
            "a table laid out as the body, such as `{ error = \"{code}\", message = \"{message}\" }`",
            other,
            span,
        ),
    };
    let headers = headers(cx, fields, &mut codes);
    let code_form = match codes.iter().find(|(_, number)| *number) {
        None => code_form,
        Some((numbered, _)) => number_form(cx, fields, numbered, &codes),
    };
    let members = members?;
    let signatures = signatures(cx, fields, &members)?;
    let shape = ShapeDecl {
        name: name.value.clone(),
        summary: summary?.value,
        schema_name: schema_name(&name.value),
        content_type: content_type?,
        members,
        signatures,
        headers: headers?,
        code_form: code_form?,
    };
    (sound && distinct(cx, fields, name, &shape, earlier)).then_some(shape)
}

/// The code form of a shape that writes the code as `{number}`: every
/// placeholder of the code must, and `code_form` has no say.
fn number_form(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    numbered: &Range<usize>,
    codes: &[(Range<usize>, bool)],
) -> Option<CodeForm> {
    let file = &fields.file.shown;
    let mut sound = true;
    if let Some(span) = fields.key_span("code_form") {
        cx.report(
            Diagnostic::error(format!(
                "{} sends the code as `{{number}}`, and also sets `code_form`",
                fields.owner
            ))
            .with_label(file, span, "not for numbers")
            .with_context(file, numbered.clone(), "the code as its number")
            .with_help("remove `code_form`: a number is read as it is"),
        );
        sound = false;
    }
    for (span, _) in codes.iter().filter(|(_, number)| !number) {
        cx.report(
            Diagnostic::error(format!(
                "{} sends the code as `{{number}}` in one place and as `{{code}}` in another",
                fields.owner
            ))
            .with_label(file, span.clone(), "the code as text")
            .with_context(file, numbered.clone(), "the code as its number")
            .with_help("write the code one way in the body and the headers: a reader takes it as the shape says"),
        );
        sound = false;
    }
    sound.then_some(CodeForm::Number)
}

/// Names are words like the built-in ones: they are spelled in catalogs,
/// TypeScript string types and file names.
fn check_name(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    name: &Located<String>,
    earlier: &[WireShape],
) -> bool {
    let file = &fields.file.shown;
    let word = name.value.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let problem = if !word {
        Diagnostic::error(format!(
            "shape name `{}` is not snake_case",
            name.value
        ))
        .with_label(file, name.span.clone(), "not snake_case")
        .with_help("name it with lowercase letters, digits and `_`, starting with a letter, such as `[shape.cloudflare]`")
    } else if WireShape::parse(&name.value).is_some() {
        Diagnostic::error(format!("`{}` is a built-in wire shape", name.value))
            .with_label(file, name.span.clone(), "built in")
            .with_help("give the declared shape another name, or use the built-in one as it is")
    } else if let Some(other) = earlier
        .iter()
        .find(|shape| shape.spec().schema_name == schema_name(&name.value))
    {
        Diagnostic::error(format!(
            "shapes `{}` and `{}` would have the same schema name",
            other.as_str(),
            name.value
        ))
        .with_label(file, name.span.clone(), "this shape")
        .with_help("rename one of them")
    } else {
        return true;
    };
    cx.report(problem);
    false
}

/// `cloudflare` → `CloudflareError`: OpenAPI names schemas by it.
fn schema_name(name: &str) -> String {
    let pascal = name.to_upper_camel_case();
    if pascal.ends_with("Error") {
        pascal
    } else {
        format!("{pascal}Error")
    }
}

fn is_media_type(text: &str) -> bool {
    let token = |part: &str| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
    };
    let essence = text.split(';').next().unwrap_or_default().trim();
    let params_visible = text.bytes().all(|b| b == b' ' || b.is_ascii_graphic());
    params_visible
        && essence
            .split_once('/')
            .is_some_and(|(ty, sub)| token(ty) && token(sub))
}

/// Every part once at most, and the code and message somewhere: clients
/// read those two from every shape. Of a body with members that could not
/// be read, only what was read is checked: a missing part may be one of
/// them.
fn check_parts(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    placed: &body::Placed,
    complete: bool,
    span: Range<usize>,
) -> bool {
    let file = &fields.file.shown;
    let mut sound = true;
    for (at, (part, written, _)) in placed.iter().enumerate() {
        let Some((_, first, _)) = placed[..at].iter().find(|(p, ..)| p == part) else {
            continue;
        };
        let name = body::PARTS
            .iter()
            .find(|(_, p)| p == part)
            .map_or("", |(n, _)| n);
        cx.report(
            Diagnostic::error(format!(
                "the body of {} holds the {} twice",
                fields.owner,
                name.replace('_', " ")
            ))
            .with_label(file, written.clone(), "again here")
            .with_context(file, first.clone(), "first here")
            .with_help("keep one member for each part: a reader takes the first and cannot tell which is meant"),
        );
        sound = false;
    }
    for (part, name) in [(Part::Code, "code"), (Part::Message, "message")] {
        if complete && !placed.iter().any(|(p, ..)| *p == part) {
            cx.report(
                Diagnostic::error(format!(
                    "the body of {} has no `{{{name}}}` member",
                    fields.owner
                ))
                .with_label(file, span.clone(), format!("no `{{{name}}}`"))
                .with_help(format!(
                    "every error body carries its {name}: add a member such as `{name} = \"{{{name}}}\"`"
                )),
            );
            sound = false;
        }
    }
    sound
}

/// `headers = { "X-Error-Code" = "{code}" }`: response headers that carry a
/// part of the error; `None` when one was reported.
fn headers(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    codes: &mut Vec<(Range<usize>, bool)>,
) -> Option<Vec<(String, Part)>> {
    let Some(table) = fields.table(cx, "headers") else {
        return (fields.get("headers").is_none()).then(Vec::new);
    };
    let file = &fields.file.shown;
    let mut entries: Vec<_> = table.value.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    let mut seen = Vec::new();
    let mut headers = Vec::new();
    let mut sound = true;
    for (key, value) in entries {
        let name = Located::new(key.get_ref().to_string(), key.span());
        if name.value.eq_ignore_ascii_case("Content-Type") {
            cx.report(
                Diagnostic::error(format!(
                    "`Content-Type` in `headers` of {} is the shape's `content_type`",
                    fields.owner
                ))
                .with_label(file, name.span.clone(), "set by `content_type`")
                .with_help("remove it, and write the media type as `content_type`"),
            );
            sound = false;
            continue;
        }
        if !super::headers::check_name(cx, fields, &name, &mut seen) {
            sound = false;
            continue;
        }
        let DeValue::String(text) = value.get_ref() else {
            let expected = "a placeholder such as `\"{code}\"`";
            fields.wrong_type::<()>(cx, &name.value, expected, value.get_ref(), value.span());
            sound = false;
            continue;
        };
        let written = Located::new(text.to_string(), value.span());
        match body::placeholder(cx, fields, &written) {
            Written::Placeholder(Placeholder {
                part,
                presence,
                number,
            }) if presence != Presence::NullWhenAbsent
                && !matches!(part, Part::Details | Part::Resolve) =>
            {
                if part == Part::Code {
                    codes.push((written.span, number));
                }
                headers.push((name.value, part));
            }
            Written::Wrong => sound = false,
            _ => {
                cx.report(
                    Diagnostic::error(format!(
                        "header `{}` of {} must name one part of the error as text",
                        name.value, fields.owner
                    ))
                    .with_label(file, written.span, "not a header's part")
                    .with_help("write a placeholder of a text part, such as `\"{code}\"` or `\"{request_id?}\"` (left out when there is none)"),
                );
                sound = false;
            }
        }
    }
    sound.then_some(headers)
}

/// `identified_by`: one set of top-level members, or a list of sets, that
/// tell a body of this shape from others. Without it, every top-level
/// member written in every body.
fn signatures(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    members: &[MemberDecl],
) -> Option<Vec<Vec<String>>> {
    let file = &fields.file.shown;
    // A member from the top, through objects with `.` (`error.status`).
    let in_every_body = |dotted: &str| {
        let mut level = members;
        let mut found = false;
        for name in dotted.split('.') {
            let member = level
                .iter()
                .find(|m| m.name == name && m.presence != Presence::WhenPresent);
            (level, found) = match member {
                Some(MemberDecl {
                    part: PartDecl::Object(inner),
                    ..
                }) => (inner.as_slice(), true),
                Some(_) => (&[][..], true),
                None => return false,
            };
        }
        found
    };
    let Some((value, span)) = fields.get("identified_by") else {
        let all: Vec<String> = members
            .iter()
            .filter(|m| m.presence != Presence::WhenPresent)
            .map(|m| m.name.clone())
            .collect();
        return Some(vec![all]);
    };
    let expected = "a list of member names, or a list of such lists";
    let DeValue::Array(items) = value else {
        return fields.wrong_type(cx, "identified_by", expected, value, span);
    };
    let nested = items
        .iter()
        .any(|item| matches!(item.get_ref(), DeValue::Array(_)));
    let sets: Vec<Vec<&toml::Spanned<DeValue<'_>>>> = if nested {
        items
            .iter()
            .map(|item| match item.get_ref() {
                DeValue::Array(inner) => inner.iter().collect(),
                _ => vec![item],
            })
            .collect()
    } else {
        vec![items.iter().collect()]
    };
    let mut signatures = Vec::new();
    let mut sound = true;
    for set in sets {
        let mut names = Vec::new();
        for item in set {
            let label = match item.get_ref() {
                DeValue::String(name) if in_every_body(name) => {
                    names.push(name.to_string());
                    continue;
                }
                DeValue::String(_) => "not such a member",
                _ => "not a member's name",
            };
            let top: Vec<&str> = members
                .iter()
                .filter(|m| m.presence != Presence::WhenPresent)
                .map(|m| m.name.as_str())
                .collect();
            cx.report(
                Diagnostic::error(format!(
                    "`identified_by` of {} must name members every body has at its top",
                    fields.owner
                ))
                .with_label(file, item.span(), label)
                .with_note(format!("they are {}", list(&top))),
            );
            sound = false;
        }
        if names.is_empty() && sound {
            cx.report(
                Diagnostic::error(format!("`identified_by` of {} is empty", fields.owner))
                    .with_label(file, span.clone(), "names no member")
                    .with_help("name the members that tell a body of this shape from others"),
            );
            sound = false;
        }
        signatures.push(names);
    }
    sound.then_some(signatures)
}

/// A reader must be able to tell the new shape from every shape before it:
/// one whose signature is another's, member for member, would never be
/// recognized or would take the other's bodies.
fn distinct(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    name: &Located<String>,
    shape: &ShapeDecl,
    earlier: &[WireShape],
) -> bool {
    fn sorted<'n>(set: &[&'n str]) -> Vec<&'n str> {
        let mut set = set.to_vec();
        set.sort_unstable();
        set
    }
    for other in WireShape::ALL.iter().chain(earlier) {
        let theirs: Vec<Vec<&str>> = other.spec().signatures.iter().map(|s| sorted(s)).collect();
        for set in &shape.signatures {
            let ours = sorted(&set.iter().map(String::as_str).collect::<Vec<_>>());
            if theirs.contains(&ours) {
                let names: Vec<String> = ours.iter().map(|n| format!("`{n}`")).collect();
                cx.report(
                    Diagnostic::error(format!(
                        "a reader cannot tell {} from `{}`: both are identified by {}",
                        fields.owner,
                        other.as_str(),
                        names.join(", ")
                    ))
                    .with_label(&fields.file.shown, name.span.clone(), "this shape")
                    .with_help("add a member only this shape has to `identified_by`"),
                );
                return false;
            }
        }
    }
    true
}

//! Message templates: `{name}` placeholders, `{{`/`}}` literal braces, and
//! the `params` table that types them.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::fields::{Fields, did_you_mean, list, unknown_value};
use super::{Context, Located};
use crate::diagnostic::Diagnostic;
use crate::model::{Param, ParamType, Segment, Template};

/// A header value's template: text and indices into the message's params.
pub(crate) type Segments = Vec<Segment>;

/// The header values that share the message's parameters.
pub(crate) struct Headers<'a, 'h> {
    /// Each header's name and value.
    pub(crate) values: &'a [(&'h Located<String>, &'h Located<String>)],
    /// False when a value was left out (already reported): its placeholders
    /// went unread, so no parameter is reported unused.
    pub(crate) complete: bool,
}

enum Piece {
    Text(String),
    Placeholder(Located<String>),
}

/// The template of `message`, typed by the code's `params` table, and the
/// template of each header value in `headers` (over the same parameters: a
/// parameter may be used by the message, a header, or both). Problems are
/// reported; the templates returned then only stand in for the real ones.
pub(crate) fn build(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    message: &Located<String>,
    params: Option<&Located<&DeTable<'_>>>,
    headers: &Headers<'_, '_>,
) -> (Template, Vec<Segments>) {
    // A parameter whose name or type is wrong is reported where it is
    // declared, and still counts as declared: its placeholder is not the
    // mistake. So does every placeholder when `params` itself is unreadable.
    let declared = params
        .map(|p| declared_params(cx, fields, p))
        .unwrap_or_default();
    let params_unreadable = params.is_none() && fields.get("params").is_some();
    let reported_names: Vec<&str> = params
        .map(|p| {
            p.value
                .iter()
                .map(|(key, _)| key.get_ref().as_ref())
                .collect()
        })
        .unwrap_or_default();
    let mut places = vec![("the message".to_owned(), message)];
    places.extend(
        headers
            .values
            .iter()
            .map(|(name, value)| (format!("header `{}`", name.value), *value)),
    );
    let mut hides_placeholders = !headers.complete;
    let mut used = vec![false; declared.len()];
    let mut undeclared: Vec<(&str, Located<String>)> = Vec::new();
    let mut templates = Vec::new();
    for (place, text) in &places {
        let (pieces, hides) = split(cx, fields, place, text, &reported_names);
        hides_placeholders |= hides;
        let mut segments = Vec::new();
        for piece in pieces {
            match piece {
                Piece::Text(text) => segments.push(Segment::Text(text)),
                Piece::Placeholder(name) => {
                    if let Some(d) = declared.iter().position(|(p, _)| p.name == name.value) {
                        used[d] = true;
                        segments.push(Segment::Param(d));
                    } else if !params_unreadable
                        && !undeclared
                            .iter()
                            .any(|(p, u)| *p == place.as_str() && u.value == name.value)
                    {
                        undeclared.push((place, name));
                    }
                }
            }
        }
        templates.push(segments);
    }
    // A placeholder misspelling a parameter nothing uses is one mistake:
    // reported at the placeholder, naming the parameter, which is then not
    // also reported unused.
    for (place, name) in &undeclared {
        let unused = declared
            .iter()
            .zip(&used)
            .filter(|(_, used)| !**used)
            .map(|((param, _), _)| param.name.as_str());
        let meant = did_you_mean(&name.value, unused).map(str::to_owned);
        if let Some(meant) = &meant
            && let Some(d) = declared.iter().position(|(p, _)| p.name == *meant)
        {
            used[d] = true;
        }
        report_undeclared(cx, fields, place, name, params.is_some(), meant.as_deref());
    }
    // A message whose braces are broken may hide a placeholder: its
    // parameters are not reported unused on top of the brace.
    let (where_used, use_it) = if headers.values.is_empty() {
        ("its message", "in the message")
    } else {
        ("its message or headers", "in the message or a header value")
    };
    for ((param, key_span), used) in declared.iter().zip(used) {
        if !used && !hides_placeholders {
            cx.report(
                Diagnostic::error(format!(
                    "parameter `{}` of {} is not used in {where_used}",
                    param.name, fields.owner
                ))
                .with_label(&fields.file.shown, key_span.clone(), "declared here")
                .with_context(&fields.file.shown, message.span.clone(), "not used here")
                .with_help(format!(
                    "use it as `{{{}}}` {use_it}, or remove it",
                    param.name
                )),
            );
        }
    }
    let mut templates = templates.into_iter();
    let template = Template {
        segments: templates.next().unwrap_or_default(),
        params: declared.iter().map(|(param, _)| param.clone()).collect(),
    };
    (template, templates.collect())
}

fn report_undeclared(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    place: &str,
    name: &Located<String>,
    has_params: bool,
    meant: Option<&str>,
) {
    let help = if let Some(meant) = meant {
        format!("did you mean `{{{meant}}}`, declared in `params`?")
    } else if has_params {
        format!("add it to `params`, e.g. `{} = \"string\"`", name.value)
    } else {
        format!("declare it: `params = {{ {} = \"string\" }}`", name.value)
    };
    cx.report(
        Diagnostic::error(format!(
            "placeholder `{{{}}}` in {place} of {} is not declared in `params`",
            name.value, fields.owner
        ))
        .with_label(
            &fields.file.shown,
            name.span.clone(),
            "undeclared parameter",
        )
        .with_help(help),
    );
}

/// The type given to a parameter whose type could not be read. It never
/// reaches a catalog (the problem is reported); it only keeps the
/// parameter declared, so its placeholder is not reported too.
const STAND_IN_TYPE: ParamType = ParamType::String;

/// The declared parameters in source order, each with its key's span.
fn declared_params(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    params: &Located<&DeTable<'_>>,
) -> Vec<(Param, Range<usize>)> {
    let mut entries: Vec<_> = params.value.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    let type_names: Vec<&str> = ParamType::ALL.iter().map(|t| t.as_str()).collect();
    let mut declared = Vec::new();
    for (key, value) in entries {
        let name = key.get_ref().as_ref();
        if let Some((problem, help)) = param_name_problem(name) {
            cx.report(
                Diagnostic::error(format!("parameter `{name}` of {} {problem}", fields.owner))
                    .with_label(
                        &fields.file.shown,
                        key.span(),
                        "not a usable parameter name",
                    )
                    .with_help(help),
            );
            continue;
        }
        let ty = match value.get_ref() {
            DeValue::String(ty) => ParamType::parse(ty).unwrap_or_else(|| {
                let written = Located::new(ty.to_string(), value.span());
                let other_names: Vec<(&str, &str)> = OTHER_PARAM_TYPE_NAMES
                    .iter()
                    .map(|(name, ty)| (*name, ty.as_str()))
                    .collect();
                cx.report(unknown_value(
                    format!(
                        "unknown type `{ty}` for parameter `{name}` of {}",
                        fields.owner
                    ),
                    (
                        &fields.file.shown,
                        &written,
                        "not a parameter type".to_owned(),
                    ),
                    &type_names,
                    &other_names,
                ));
                STAND_IN_TYPE
            }),
            other => {
                cx.report(
                    Diagnostic::error(format!(
                        "type of parameter `{name}` of {} must be a string, found {}",
                        fields.owner,
                        other.type_str()
                    ))
                    .with_label(&fields.file.shown, value.span(), "expected a type name")
                    .with_note(format!("expected one of {}", list(&type_names))),
                );
                STAND_IN_TYPE
            }
        };
        declared.push((
            Param {
                name: name.to_owned(),
                ty,
            },
            key.span(),
        ));
    }
    declared
}

/// Why `name` cannot be a parameter, and how to fix it: generated
/// constructors take parameters as Rust and TypeScript arguments, so they
/// must be plain identifiers.
fn param_name_problem(name: &str) -> Option<(&'static str, String)> {
    let snake_case = |name: &str| {
        let mut chars = name.chars();
        chars.next().is_some_and(|c| c.is_ascii_lowercase())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    let keyword = |name: &str| {
        crate::model::is_rust_keyword(name) || crate::model::is_typescript_reserved(name)
    };
    if !snake_case(name) {
        let snake = heck::ToSnakeCase::to_snake_case(name);
        let example = if snake_case(&snake) && !keyword(&snake) {
            snake
        } else {
            "service_name".to_owned()
        };
        Some((
            "is not snake_case",
            format!("parameter names are snake_case, e.g. `{example}`"),
        ))
    } else if keyword(name) {
        Some((
            "is a Rust or TypeScript keyword",
            format!(
                "generated constructors take it as an argument: rename it in `params` and the message, e.g. `{name}_name`"
            ),
        ))
    } else {
        None
    }
}

/// Splits the message into text and placeholders, reporting stray braces
/// and malformed placeholders (except those named like a `params` key, whose
/// name is reported there). True with them when a reported problem may hide
/// a placeholder: an unclosed `{` or a malformed placeholder.
fn split(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    place: &str,
    message: &Located<String>,
    param_keys: &[&str],
) -> (Vec<Piece>, bool) {
    let locate = locator(&fields.file.text, message);
    let text = message.value.as_str();
    let mut hides_placeholders = false;
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut rest = text.char_indices().peekable();
    while let Some((at, c)) = rest.next() {
        match c {
            '{' if rest.peek().map(|&(_, n)| n) == Some('{') => {
                rest.next();
                literal.push('{');
            }
            '}' if rest.peek().map(|&(_, n)| n) == Some('}') => {
                rest.next();
                literal.push('}');
            }
            '{' => {
                let body_end = text[at + 1..].find(['{', '}']).map(|i| at + 1 + i);
                let Some(close) = body_end.filter(|&i| text.as_bytes()[i] == b'}') else {
                    cx.report(brace_error(
                        fields,
                        place,
                        locate(at..at + 1),
                        "unclosed `{`",
                        "{{",
                    ));
                    hides_placeholders = true;
                    literal.push('{');
                    continue;
                };
                let name = &text[at + 1..close];
                let span = locate(at..close + 1);
                while rest.peek().is_some_and(|&(i, _)| i <= close) {
                    rest.next();
                }
                if let Some(problem) = placeholder_problem(name) {
                    if param_keys.contains(&name) {
                        continue;
                    }
                    hides_placeholders = true;
                    cx.report(
                        Diagnostic::error(format!(
                            "placeholder `{{{name}}}` in {place} of {} {problem}",
                            fields.owner
                        ))
                        .with_label(&fields.file.shown, span, "not a parameter name")
                        .with_help("placeholders are snake_case names like `{service}`; write `{{` and `}}` for literal braces"),
                    );
                    continue;
                }
                if !literal.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut literal)));
                }
                pieces.push(Piece::Placeholder(Located::new(name.to_owned(), span)));
            }
            '}' => {
                cx.report(brace_error(
                    fields,
                    place,
                    locate(at..at + 1),
                    "unmatched `}`",
                    "}}",
                ));
                literal.push('}');
            }
            other => literal.push(other),
        }
    }
    if !literal.is_empty() {
        pieces.push(Piece::Text(literal));
    }
    (pieces, hides_placeholders)
}

fn placeholder_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("is empty")
    } else {
        param_name_problem(name).map(|_| "is not a parameter name")
    }
}

fn brace_error(
    fields: &Fields<'_, '_>,
    place: &str,
    span: Range<usize>,
    what: &str,
    escape: &str,
) -> Diagnostic {
    Diagnostic::error(format!("{what} in {place} of {}", fields.owner))
        .with_label(&fields.file.shown, span, what.to_owned())
        .with_help(format!("write `{escape}` for a literal brace"))
}

/// Maps a byte range of the decoded string to the source. That is exact when
/// the string is written without escapes; otherwise the whole string is the
/// best place to point at.
fn locator(source: &str, string: &Located<String>) -> impl Fn(Range<usize>) -> Range<usize> {
    let whole = string.span.clone();
    let raw = source.get(whole.clone()).unwrap_or("");
    let mut body_start = None;
    for quote in ["\"\"\"", "'''", "\"", "'"] {
        if let Some(body) = raw.strip_prefix(quote).and_then(|b| b.strip_suffix(quote)) {
            // A newline right after `"""` or `'''` is not part of the string.
            let trimmed = if quote.len() == 3 {
                body.strip_prefix("\r\n")
                    .or_else(|| body.strip_prefix('\n'))
                    .unwrap_or(body)
            } else {
                body
            };
            if trimmed == string.value {
                body_start = Some(whole.start + raw.len() - quote.len() - trimmed.len());
            }
            break;
        }
    }
    move |range: Range<usize>| match body_start {
        Some(start) => start + range.start..start + range.end,
        None => whole.clone(),
    }
}

/// Names of the parameter types in the languages catalog authors come
/// from, for "did you mean": never accepted, only suggested from.
pub(crate) const OTHER_PARAM_TYPE_NAMES: &[(&str, ParamType)] = &[
    ("str", ParamType::String),
    ("text", ParamType::String),
    ("int", ParamType::Integer),
    ("long", ParamType::Integer),
    ("i8", ParamType::Integer),
    ("i16", ParamType::Integer),
    ("i32", ParamType::Integer),
    ("i64", ParamType::Integer),
    ("isize", ParamType::Integer),
    ("uint", ParamType::Unsigned),
    ("u8", ParamType::Unsigned),
    ("u16", ParamType::Unsigned),
    ("u32", ParamType::Unsigned),
    ("u64", ParamType::Unsigned),
    ("usize", ParamType::Unsigned),
    ("f32", ParamType::Float),
    ("f64", ParamType::Float),
    ("double", ParamType::Float),
    ("number", ParamType::Float),
    ("decimal", ParamType::Float),
    ("boolean", ParamType::Bool),
];

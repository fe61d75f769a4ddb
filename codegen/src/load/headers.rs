//! A code's `headers`: the list form (`["Retry-After"]`, filled from
//! `retry_after`) or the table form (`{ WWW-Authenticate = 'Bearer …' }`),
//! whose values are templates over the code's parameters.

use toml::de::DeValue;

use super::Located;
use super::fields::{Fields, article, did_you_mean};
use super::{Context, template};
use crate::diagnostic::Diagnostic;
use crate::model::{Header, HeaderValue};

/// A header as written, before its value is split into a template.
pub(crate) struct Written {
    pub(crate) name: Located<String>,
    /// `None` in the list form.
    pub(crate) value: Option<Located<String>>,
}

/// Headers the HTTP stack writes for each message, or that describe its
/// framing: a catalog that set them would corrupt the response.
const HOP_BY_HOP: [&str; 8] = [
    "Connection",
    "Content-Length",
    "Keep-Alive",
    "Proxy-Connection",
    "TE",
    "Trailer",
    "Transfer-Encoding",
    "Upgrade",
];

/// Every header of the code, each name checked, in the order written; a
/// header whose name or value is wrong is reported and left out. True with
/// them when a value was left out, whose placeholders then went unread.
pub(crate) fn read(cx: &mut Context, fields: &Fields<'_, '_>) -> (Vec<Written>, bool) {
    let Some((value, span)) = fields.get("headers") else {
        return (Vec::new(), false);
    };
    let mut written = Vec::new();
    let mut values_left_out = false;
    // Every name read, its value right or wrong, so a repeat is reported
    // once whatever became of the first.
    let mut seen: Vec<Located<String>> = Vec::new();
    match value {
        DeValue::Array(_) => {
            for name in fields.strings(cx, "headers") {
                if check_name(cx, fields, &name, &mut seen) && check_listed(cx, fields, &name) {
                    written.push(Written { name, value: None });
                }
            }
        }
        DeValue::Table(table) => {
            // The parser keeps keys sorted; the author's order is the spans'.
            let mut entries: Vec<_> = table.iter().collect();
            entries.sort_by_key(|(key, _)| key.span().start);
            for (key, value) in entries {
                let name = Located::new(key.get_ref().to_string(), key.span());
                if !check_name(cx, fields, &name, &mut seen) {
                    values_left_out = true;
                    continue;
                }
                let DeValue::String(text) = value.get_ref() else {
                    let found = value.get_ref().type_str();
                    cx.report(
                        Diagnostic::error(format!(
                            "header `{}` of {} must be a string, found {} {found}",
                            name.value,
                            fields.owner,
                            article(found)
                        ))
                        .with_label(&fields.file.shown, value.span(), "expected a string")
                        .with_help("write the value as a string, with `{param}` for what the service supplies"),
                    );
                    values_left_out = true;
                    continue;
                };
                let text = Located::new(text.to_string(), value.span());
                if check_value(cx, fields, &name, &text) {
                    written.push(Written {
                        name,
                        value: Some(text),
                    });
                } else {
                    values_left_out = true;
                }
            }
            check_retry_after(cx, fields, &written);
        }
        other => {
            let found = other.type_str();
            cx.report(
                Diagnostic::error(format!(
                    "`headers` of {} must be a list of header names or a table of header values, found {} {found}",
                    fields.owner,
                    article(found)
                ))
                .with_label(&fields.file.shown, span, "expected an array or a table")
                .with_help("write `headers = [\"Retry-After\"]`, or `headers = { WWW-Authenticate = 'Bearer realm=\"api\"' }`"),
            );
        }
    }
    (written, values_left_out)
}

/// A `Retry-After` value always wins over `retry_after`, which would then
/// be a default that is never sent.
fn check_retry_after(cx: &mut Context, fields: &Fields<'_, '_>, written: &[Written]) {
    let (Some(header), Some(key)) = (
        written
            .iter()
            .find(|h| h.name.value.eq_ignore_ascii_case(Header::RETRY_AFTER)),
        fields.key_span("retry_after"),
    ) else {
        return;
    };
    cx.report(
        Diagnostic::error(format!(
            "{} sets both `retry_after` and a `Retry-After` value",
            fields.owner
        ))
        .with_label(&fields.file.shown, key, "never sent")
        .with_context(&fields.file.shown, header.name.span.clone(), "sent instead")
        .with_help("remove `retry_after`, or list `Retry-After` in the list form to send it"),
    );
}

/// The headers of the model, with the templates `template::build` split
/// from their values (one per header written with a value, in order).
pub(crate) fn finish(written: Vec<Written>, mut templates: Vec<template::Segments>) -> Vec<Header> {
    templates.reverse();
    written
        .into_iter()
        .map(|header| Header {
            name: header.name.value,
            value: match header.value {
                None => HeaderValue::RetryAfter,
                Some(_) => HeaderValue::Template(templates.pop().unwrap_or_default()),
            },
        })
        .collect()
}

/// Checks a header's name, and records it in `seen`.
pub(crate) fn check_name(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    name: &Located<String>,
    seen: &mut Vec<Located<String>>,
) -> bool {
    let shown = &fields.file.shown;
    let owner = &fields.owner;
    let written = &name.value;
    let is_token = !written.is_empty()
        && written
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    let problem = if !is_token {
        Diagnostic::error(format!(
            "`{written}` in `headers` of {owner} is not a header name"
        ))
        .with_label(shown, name.span.clone(), "not a header name")
        .with_help(
            "header names are letters, digits and ``!#$%&'*+-.^_`|~``, such as `WWW-Authenticate`",
        )
    } else if let Some(hop) = HOP_BY_HOP.iter().find(|h| h.eq_ignore_ascii_case(written)) {
        Diagnostic::error(format!(
            "`{hop}` in `headers` of {owner} is written by the HTTP stack for each message"
        ))
        .with_label(shown, name.span.clone(), "a hop-by-hop or framing header")
        .with_help("remove it: a catalog's value would corrupt the response")
    } else if written.eq_ignore_ascii_case("Content-Type") {
        Diagnostic::error(format!(
            "`Content-Type` in `headers` of {owner} is written by errcat from the wire shape"
        ))
        .with_label(shown, name.span.clone(), "set from the wire shape")
        .with_help("remove it, and choose the body's shape with `wire_shape`")
    } else if let Some(first) = seen.iter().find(|h| h.value.eq_ignore_ascii_case(written)) {
        Diagnostic::error(format!("header `{written}` is declared twice in {owner}"))
            .with_label(shown, name.span.clone(), "declared again here")
            .with_context(shown, first.span.clone(), "first declared here")
            .with_help("header names are case-insensitive; keep one")
    } else {
        seen.push(Located::new(written.clone(), name.span.clone()));
        return true;
    };
    cx.report(problem);
    false
}

/// The list form holds only the header errcat can fill on its own.
fn check_listed(cx: &mut Context, fields: &Fields<'_, '_>, name: &Located<String>) -> bool {
    if name.value.eq_ignore_ascii_case(Header::RETRY_AFTER) {
        return true;
    }
    let example = if name.value.to_ascii_lowercase().starts_with("ratelimit-") {
        "{limit}"
    } else {
        "…"
    };
    let help = match did_you_mean(&name.value, [Header::RETRY_AFTER]) {
        Some(meant) => format!("did you mean `{meant}`?"),
        None => format!(
            "give it one in the table form, `headers = {{ {} = \"{example}\" }}`, with a `{{param}}` for what the service supplies",
            name.value
        ),
    };
    cx.report(
        Diagnostic::error(format!(
            "header `{}` of {} has no value",
            name.value, fields.owner
        ))
        .with_label(
            &fields.file.shown,
            name.span.clone(),
            "no value errcat can fill",
        )
        .with_help(help)
        .with_note(
            "the list form holds only `Retry-After`, whose value is `retry_after` or the service's",
        ),
    );
    false
}

fn check_value(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    name: &Located<String>,
    value: &Located<String>,
) -> bool {
    let owner = &fields.owner;
    let problem = if value.value.trim().is_empty() {
        Diagnostic::error(format!(
            "header `{}` of {owner} has an empty value",
            name.value
        ))
        .with_label(&fields.file.shown, value.span.clone(), "empty")
        .with_help("give it a value, or remove the header")
    } else if let Some(bad) = value
        .value
        .chars()
        .find(|&c| !(c == ' ' || c == '\t' || c.is_ascii_graphic()))
    {
        Diagnostic::error(format!(
            "header `{}` of {owner} holds {}, which a header value cannot",
            name.value,
            shown_char(bad)
        ))
        .with_label(&fields.file.shown, value.span.clone(), "not visible ASCII")
        .with_help("header values are visible ASCII, spaces and tabs; percent-encode anything else")
    } else {
        return true;
    };
    cx.report(problem);
    false
}

fn shown_char(c: char) -> String {
    if c.is_control() {
        format!("the control character U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

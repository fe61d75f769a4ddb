//! Rustdoc text taken from the catalog. Catalog prose is markdown written for
//! the docs site, so it is adapted where rustdoc would read it differently.

use crate::model::{Catalog, Code};

/// A template or wire string as an inline code span, whatever it contains.
pub fn code_span(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// Rustdoc runs an untagged fenced block as a Rust doctest; catalog docs are
/// prose whose examples are JSON, shell or HTTP, so they are tagged `text`.
pub fn markdown(text: &str) -> String {
    let mut out = String::new();
    let mut in_fence = false;
    for line in text.trim_end().lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            if !in_fence && trimmed.trim_start_matches('`').trim().is_empty() {
                out.push_str(&line.replacen("```", "```text", 1));
            } else {
                out.push_str(line);
            }
            in_fence = !in_fence;
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out.trim_end().to_owned()
}

/// The full description of a code, shared by its variant and constructor:
/// summary line, then hint, cause, long docs and lifecycle.
pub fn code(catalog: &Catalog, code: &Code) -> String {
    let mut paragraphs = vec![format!(
        "{} ({}): {}",
        code_span(&code.code),
        code.status,
        code_span(&code.message.source())
    )];
    if let Some(description) = &code.description {
        paragraphs.push(markdown(description));
    }
    if let Some(hint) = &code.hint {
        paragraphs.push(format!("**What to do:** {}", markdown(hint)));
    }
    if let Some(docs) = &code.docs {
        paragraphs.push(markdown(docs));
    }
    paragraphs.push(facts(catalog, code));
    if let Some(retired) = &code.retired {
        let since = retired
            .since
            .as_deref()
            .map(|v| format!(" since {v}"))
            .unwrap_or_default();
        let note = retired.note.as_deref().map(markdown).unwrap_or_default();
        paragraphs.push(format!(
            "**Retired{since}:** no longer emitted; kept so that old payloads still parse. {note}"
        ));
    }
    paragraphs.join("\n\n")
}

/// One line of facts a caller may branch on.
fn facts(catalog: &Catalog, code: &Code) -> String {
    let mut facts = vec![
        format!("Category `{}`", catalog.categories[code.category].id),
        format!("gRPC `{}`", code.grpc.as_str()),
    ];
    if code.retry.retryable {
        facts.push("retryable".to_owned());
    }
    if let Some(seconds) = code.retry.after_seconds {
        facts.push(format!("`Retry-After: {seconds}`"));
    }
    if !code.aliases.is_empty() {
        let aliases: Vec<String> = code.aliases.iter().map(|a| code_span(a)).collect();
        facts.push(format!("also parsed from {}", aliases.join(", ")));
    }
    if let Some(since) = &code.since {
        facts.push(format!("since {since}"));
    }
    facts.push(format!("docs: <{}>", catalog.docs_url(code)));
    format!("{}.", facts.join("; "))
}

/// The `note` of a `#[deprecated]` attribute, naming the replacement the
/// way the reader will write it (`replacement` is already a Rust path).
pub fn deprecation_note(code: &Code, replacement: Option<String>) -> String {
    let deprecation = code.deprecated.as_ref();
    let mut note = deprecation
        .and_then(|d| d.note.clone())
        .unwrap_or_else(|| format!("{} is deprecated.", code.code));
    if let Some(since) = deprecation.and_then(|d| d.since.as_deref()) {
        note = format!("(since {since}) {note}");
    }
    if let Some(path) = replacement {
        note = format!("{} use {path}", note.trim_end());
    }
    note
}

/// `#[doc]` attributes, one per line, which prettyplease prints as `///`
/// lines (a single multi-line attribute would come out as `/** */`).
pub fn attrs(text: &str) -> proc_macro2::TokenStream {
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote::quote!(#[doc = #line])
    });
    quote::quote!(#(#lines)*)
}

/// The same, as inner attributes (`//!`) for a crate root.
pub fn inner_attrs(text: &str) -> proc_macro2::TokenStream {
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote::quote!(#![doc = #line])
    });
    quote::quote!(#(#lines)*)
}

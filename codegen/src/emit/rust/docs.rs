//! Rustdoc text taken from the catalog. Catalog prose is markdown written for
//! the docs site, so it is adapted where rustdoc would read it differently.

use crate::emit::docs::content;
use crate::emit::text::{self, autolink, escape, escape_paragraph, neutralise_html, wrap_markdown};
use crate::model::{Catalog, Code, Severity};

/// A template or wire string as an inline code span, whatever it contains.
pub fn code_span(text: &str) -> String {
    text::code_span(text, false)
}

/// Catalog markdown (`docs`, descriptions) as rustdoc reads it safely: raw
/// HTML shown as text and unsafe links disabled, by the sanitiser every
/// target shares. Rustdoc also runs an untagged fenced block as a Rust
/// doctest; catalog docs are prose whose examples are JSON, shell or HTTP,
/// so those blocks are tagged `text`.
pub fn markdown(text: &str) -> String {
    let text = neutralise_html(text);
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

/// The first line of a code's description: wire string, status (or what
/// else classifies it first), message.
pub fn summary(catalog: &Catalog, code: &Code) -> String {
    summary_of(catalog, code, code_span(&code.code))
}

/// [`summary`], with the code a link to the item at `path`.
pub fn summary_linked(catalog: &Catalog, code: &Code, path: &str) -> String {
    summary_of(
        catalog,
        code,
        format!("[{}]({path})", code_span(&code.code)),
    )
}

fn summary_of(catalog: &Catalog, code: &Code, code_text: String) -> String {
    let class = content::classification(catalog, code, false)
        .map(|class| format!(" ({})", escape(&class)))
        .unwrap_or_default();
    format!("{code_text}{class}: {}", code_span(&code.message.source()))
}

/// The full description of a code, shared by its variant and constructor:
/// summary line, then hint, cause, long docs and lifecycle.
pub fn code(catalog: &Catalog, code: &Code) -> String {
    let mut paragraphs = vec![summary(catalog, code)];
    if let Some(description) = &code.description {
        paragraphs.push(escape_paragraph(description));
    }
    if let Some(hint) = &code.hint {
        paragraphs.push(format!("**What to do:** {}", escape(hint)));
    }
    if let Some(docs) = &code.docs {
        paragraphs.push(markdown(docs));
    }
    paragraphs.push(facts(catalog, code));
    if let Some(retired) = content::retirement(code) {
        let mut paragraph = format!(
            "**{}**{}",
            retired.label,
            content::markdown(&retired.body, false, &|c| code_span(c))
        );
        if let Some(note) = code.retired.as_ref().and_then(|r| r.note.as_deref()) {
            paragraph.push(' ');
            paragraph.push_str(&escape(note));
        }
        paragraphs.push(paragraph);
    }
    paragraphs.join("\n\n")
}

/// One line of facts a caller may branch on.
fn facts(catalog: &Catalog, code: &Code) -> String {
    let mut facts = vec![
        format!("Category `{}`", catalog.categories[code.category].id),
        format!("gRPC `{}`", code.grpc.as_str()),
    ];
    if code.severity != Severity::Error {
        facts.push(format!("severity `{}`", code.severity.as_str()));
    }
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
        facts.push(format!("since {}", escape(since)));
    }
    if !code.detail_members.is_empty() {
        facts.push(format!("details [`details::{}`]", code.rust_variant()));
    }
    facts.push(format!(
        "docs: {}",
        autolink(&catalog.docs_url(code), false)
    ));
    format!("{}.", facts.join("; "))
}

/// The `note` of a `#[deprecated]` attribute: the docs' deprecation
/// sentence and the catalog's note, with the replacement named the way the
/// reader will write it (`rust_name` gives its Rust path, as a code span).
/// Rustdoc renders the note as markdown, so catalog text in it is escaped.
/// `since` goes into the note: catalogs version as they like, and rustc
/// (and clippy) want semver in the attribute's own `since`.
pub fn deprecation_note(code: &Code, rust_name: content::LinkFn) -> String {
    let mut note = content::deprecation(code)
        .map(|notice| content::markdown(&notice.sentence(), false, rust_name))
        .unwrap_or_default();
    if let Some(extra) = code.deprecated.as_ref().and_then(|d| d.note.as_deref()) {
        note.push(' ');
        note.push_str(&escape(extra));
    }
    note
}

/// `#[doc]` attributes, one per line, which prettyplease prints as `///`
/// lines (a single multi-line attribute would come out as `/** */`).
pub fn attrs(text: &str) -> proc_macro2::TokenStream {
    let lines = doc_lines(text);
    quote::quote!(#(#[doc = #lines])*)
}

/// The same, as inner attributes (`//!`) for a crate root.
pub fn inner_attrs(text: &str) -> proc_macro2::TokenStream {
    let lines = doc_lines(text);
    quote::quote!(#(#![doc = #lines])*)
}

/// Doc text wider than this is wrapped, so the comments read in an editor
/// without scrolling (with `    /// ` in front, a line stays within 100).
const WIDTH: usize = 90;

/// The lines of a doc comment, as rustc accepts them. Every line break a
/// catalog may hold ends a line, a lone `\r` too ("bare CR not allowed in
/// doc-comment"), and the bidirectional controls that can make a comment
/// read differently from how it compiles (the "Trojan Source" attack, which
/// rustc denies in comments) are written as visible escapes. Trailing
/// spaces go, as prettyplease drops them.
pub fn doc_lines(text: &str) -> Vec<String> {
    wrap_markdown(text.lines().flat_map(|line| line.split('\r')), WIDTH)
        .into_iter()
        .map(|line| {
            // prettyplease drops trailing spaces from doc comments; so do
            // we, so a line reads the same however it was written.
            let line = line.trim_end_matches(' ');
            let mut out = String::with_capacity(line.len() + 1);
            if !line.is_empty() {
                out.push(' ');
            }
            for c in line.chars() {
                if matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
                    out.push_str(&format!("\\u{{{:04X}}}", u32::from(c)));
                } else {
                    out.push(c);
                }
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_break_ends_a_doc_line() {
        assert_eq!(doc_lines("a\r\nb\rc\n\nd\n"), [" a", " b", " c", "", " d"]);
        assert_eq!(doc_lines("x\u{202E}y"), [" x\\u{202E}y"]);
    }

    #[test]
    fn untagged_fences_become_text_and_tagged_ones_stay() {
        let docs = "Example:\n\n```\n{\"a\": 1}\n```\n\n```json\n{}\n```\n\n```\nx\n```\n";
        assert_eq!(
            markdown(docs),
            "Example:\n\n```text\n{\"a\": 1}\n```\n\n```json\n{}\n```\n\n```text\nx\n```"
        );
    }

    #[test]
    fn catalog_markdown_loses_live_html_and_unsafe_links() {
        assert_eq!(
            markdown("<script>alert(1)</script>\n\n[x](javascript:alert(2)) [ok](https://a.b)"),
            "&lt;script>alert(1)&lt;/script>\n\n\\[x\\](javascript:alert(2)) [ok](https://a.b)"
        );
        assert_eq!(code_span("a`b"), "``a`b``");
    }

    #[test]
    fn doc_attributes_are_one_per_line() {
        let attrs = attrs("one\n\ntwo").to_string();
        assert_eq!(attrs.matches("doc").count(), 3, "{attrs}");
    }
}

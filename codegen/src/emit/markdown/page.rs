//! The bodies of the index and category pages. Everything a page says about
//! a code comes from [`content`]; this file only decides the markdown.

use std::fmt::Write as _;

use super::text::{code_block, demote_headings};
use super::{Pages, snippet};
use crate::emit::docs::content::{self, Fact};
use crate::emit::docs::page_stem;
use crate::emit::docs::shape;
use crate::emit::example;
use crate::emit::text::{
    code_span, escape, escape_paragraph, neutralise_html, push_code_span, push_escaped,
};
use crate::model::{CategoryIndex, Code, WireShape};

/// The index: introduction, response format, handling, and a table per
/// category linking every code to its entry.
pub fn index(pages: &Pages) -> String {
    let catalog = pages.catalog;
    let link = |code: &str| pages.entry_link(code);
    let entry = |code: &str| content::entry_link(code, &link(code), false);
    let prose = |pieces: &[content::Inline]| content::markdown(pieces, false, &entry);
    let mut out = String::new();
    if let Some(description) = &catalog.description {
        out.push_str(&neutralise_html(description.trim()));
        out.push_str("\n\n");
    }

    out.push_str("## Response format\n\n");
    let shape = catalog.wire_shape;
    out.push_str(&prose(&content::shape_intro(catalog)));
    out.push_str("\n\n");
    let sample = content::sample(catalog);
    out.push_str(&code_block(
        "json",
        &example::pretty(&example::body_in(catalog, sample, shape)),
    ));
    out.push_str("\n| Field | Type | Description |\n|---|---|---|\n");
    for shape::Field { path, ty, meaning } in shape::fields(shape) {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            code_span(&path, true),
            escape(&ty),
            escape(&meaning)
        ));
    }
    let others: Vec<&Code> = catalog
        .codes
        .iter()
        .filter(|c| c.wire_shape != shape)
        .collect();
    if !others.is_empty() {
        out.push_str("\nSome codes use another shape; their entries show it: ");
        let list: Vec<String> = others
            .iter()
            .map(|c| {
                format!(
                    "[{}]({}) ({})",
                    code_span(&c.code, false),
                    pages.link_to(c),
                    code_span(c.wire_shape.as_str(), false)
                )
            })
            .collect();
        out.push_str(&list.join(", "));
        out.push_str(".\n");
    }

    out.push_str("\n## Handling errors\n\n");
    out.push_str(&prose(&content::handling_intro(catalog)));
    out.push_str("\n\n");
    out.push_str(&code_block("ts", &snippet::typescript(catalog)));

    out.push_str("\n## Error codes\n\n");
    out.push_str("Each code links to its entry. ");
    out.push_str(&prose(&content::anchors_note(catalog)));
    out.push('\n');
    for (i, category) in catalog.categories.iter().enumerate() {
        if catalog.codes_in(i).next().is_none() {
            continue;
        }
        out.push_str(&format!(
            "\n### [{}]({}.md)\n\n",
            escape(&category.title),
            page_stem(catalog, i)
        ));
        if let Some(description) = &category.description {
            out.push_str(&format!("{}\n\n", escape_paragraph(description)));
        }
        out.push_str(&format!(
            "| Code | {} | Description | What to do |\n|---|---|---|---|\n",
            content::classification_label(catalog)
        ));
        for code in catalog.codes_in(i) {
            let _ = write!(out, "| <a id=\"{}\"></a>[", code.anchor());
            push_code_span(&mut out, &code.code, true);
            let _ = write!(out, "]({}) | ", pages.link_to(code));
            if let Some(class) = content::classification(catalog, code, false) {
                push_escaped(&mut out, &class);
            }
            out.push_str(" | ");
            push_escaped(&mut out, &content::summary(code));
            out.push_str(" | ");
            out.push_str(&content::markdown(&content::what_to_do(code), true, &|c| {
                content::entry_link(c, &link(c), true)
            }));
            out.push_str(" |\n");
        }
    }
    out
}

/// A category page: its description and every code's full entry.
pub fn category(pages: &Pages, category: CategoryIndex) -> String {
    let catalog = pages.catalog;
    let mut out = String::new();
    if let Some(description) = &catalog.categories[category].description {
        out.push_str(&escape_paragraph(description));
        out.push_str("\n\n");
    }
    let _ = writeln!(
        out,
        "[All error codes]({}) · response format and handling are described there.",
        pages.index_file()
    );
    for code in catalog.codes_in(category) {
        out.push('\n');
        entry(&mut out, pages, code);
    }
    out
}

// Writing to a `String` cannot fail, so the `fmt::Result`s below are
// dropped.
fn details_table(out: &mut String, table: &content::DetailsTable) {
    let _ = write!(out, "\n**{}**\n\n|", table.title);
    for column in table.columns {
        let _ = write!(out, " {column} |");
    }
    out.push_str("\n|---|---|---|\n");
    for [path, ty, sent] in &table.rows {
        out.push_str("| ");
        push_code_span(out, path, false);
        out.push_str(" | ");
        push_escaped(out, ty);
        out.push_str(" | ");
        push_escaped(out, sent);
        out.push_str(" |\n");
    }
}

fn facts_list(out: &mut String, facts: &[Fact], link: content::LinkFn) {
    for fact in facts {
        let _ = writeln!(
            out,
            "- **{}:** {}",
            fact.label,
            content::markdown(&fact.value, false, &|c| content::entry_link(
                c,
                &link(c),
                false
            ))
        );
    }
}

/// One code's entry.
fn entry(out: &mut String, pages: &Pages, code: &Code) {
    let catalog = pages.catalog;
    let link = |c: &str| pages.entry_link(c);
    let _ = write!(out, "<a id=\"{}\"></a>\n\n## ", code.anchor());
    push_code_span(out, &code.code, false);
    out.push_str("\n\n");
    for notice in content::notices(code) {
        let _ = write!(
            out,
            "> **{}**{}\n\n",
            notice.label,
            content::markdown(&notice.body, false, &|c| content::entry_link(
                c,
                &link(c),
                false
            ))
        );
    }
    out.push_str("**");
    push_escaped(out, &code.title);
    out.push_str("**");
    if let Some(class) = content::classification_badge(catalog, code) {
        out.push_str(" · ");
        push_escaped(out, &class);
    }
    out.push_str("\n\n");
    if let Some(description) = &code.description {
        out.push_str(&escape_paragraph(description));
        out.push_str("\n\n");
    }
    if let Some(hint) = &code.hint {
        out.push_str("**What to do:** ");
        push_escaped(out, hint);
        out.push_str("\n\n");
    }
    facts_list(out, &content::facts(catalog, code), &link);
    if let Some(table) = content::details_table(code) {
        details_table(out, &table);
    }
    let resolve = content::resolve(code);
    if !resolve.is_empty() {
        out.push_str("\n**How to resolve**\n\n");
        facts_list(out, &resolve, &link);
    }
    if let Some(docs) = &code.docs {
        out.push('\n');
        out.push_str(&demote_headings(&neutralise_html(docs.trim()), 2));
        out.push('\n');
    }
    out.push_str("\n**Example response**\n\n");
    out.push_str(&code_block(
        "http",
        &example::http_response(catalog, code, code.wire_shape),
    ));
    if code.wire_shape != WireShape::Problem {
        out.push_str("\nAs RFC 9457 problem details (");
        push_code_span(out, WireShape::Problem.content_type(), false);
        out.push_str("):\n\n");
        out.push_str(&code_block(
            "http",
            &example::http_response(catalog, code, WireShape::Problem),
        ));
    }
}

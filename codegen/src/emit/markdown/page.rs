//! The bodies of the index and category pages. Everything a page says about
//! a code comes from [`content`]; this file only decides the markdown.

use super::content::{self, Fact};
use super::text::{code_block, demote_headings, inlines};
use super::{Pages, page_stem, snippet};
use crate::emit::docs::shape;
use crate::emit::example;
use crate::emit::text::{code_span, escape, escape_paragraph, neutralise_html};
use crate::model::{CategoryIndex, Code, WireShape};

/// The index: introduction, response format, handling, and a table per
/// category linking every code to its entry.
pub fn index(pages: &Pages) -> String {
    let catalog = pages.catalog;
    let link = |code: &str| pages.entry_link(code);
    let mut out = String::new();
    if let Some(description) = &catalog.description {
        out.push_str(&neutralise_html(description.trim()));
        out.push_str("\n\n");
    }

    out.push_str("## Response format\n\n");
    let shape = catalog.wire_shape;
    out.push_str(&format!(
        "Every error response is {} with this shape:\n\n",
        code_span(shape.content_type(), false)
    ));
    let sample = catalog
        .codes
        .iter()
        .find(|c| c.wire_shape == shape && c.retired.is_none() && c.hint.is_some())
        .or_else(|| catalog.codes.iter().find(|c| c.wire_shape == shape))
        .unwrap_or(&catalog.codes[0]);
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
                    link(&c.code),
                    code_span(c.wire_shape.as_str(), false)
                )
            })
            .collect();
        out.push_str(&list.join(", "));
        out.push_str(".\n");
    }

    out.push_str("\n## Handling errors\n\n");
    out.push_str(&format!(
        "Switch on {} for programmatic handling; the message is for people and may change.\n\n",
        code_span(&shape::access(shape).code, false)
    ));
    out.push_str(&code_block("ts", &snippet::typescript(catalog)));

    out.push_str("\n## Error codes\n\n");
    out.push_str(&format!(
        "Each code links to its entry. Links are stable: a code's anchor is the code in lowercase ({}), on this page and on its category's page.\n",
        code_span(&format!("#{}", catalog.codes[0].anchor()), false)
    ));
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
        out.push_str("| Code | HTTP | Description | What to do |\n|---|---|---|---|\n");
        for code in catalog.codes_in(i) {
            out.push_str(&format!(
                "| <a id=\"{}\"></a>[{}]({}) | {} | {} | {} |\n",
                code.anchor(),
                code_span(&code.code, true),
                link(&code.code),
                code.status,
                escape(&content::summary(code)),
                inlines(&content::what_to_do(code), true, &link)
            ));
        }
    }
    out
}

/// A category page: its description and every code's full entry.
pub fn category(pages: &Pages, category: CategoryIndex) -> String {
    let catalog = pages.catalog;
    let mut out = String::new();
    if let Some(description) = &catalog.categories[category].description {
        out.push_str(&format!("{}\n\n", escape_paragraph(description)));
    }
    out.push_str(&format!(
        "[All error codes]({}) · response format and handling are described there.\n",
        pages.index_file()
    ));
    for code in catalog.codes_in(category) {
        out.push('\n');
        out.push_str(&entry(pages, code));
    }
    out
}

fn facts_list(facts: &[Fact], link: super::text::LinkFn) -> String {
    facts
        .iter()
        .map(|fact| {
            format!(
                "- **{}:** {}\n",
                fact.label,
                inlines(&fact.value, false, link)
            )
        })
        .collect()
}

/// One code's entry.
fn entry(pages: &Pages, code: &Code) -> String {
    let catalog = pages.catalog;
    let link = |c: &str| pages.entry_link(c);
    let mut out = format!(
        "<a id=\"{}\"></a>\n\n## {}\n\n",
        code.anchor(),
        code_span(&code.code, false)
    );
    for notice in content::notices(code) {
        out.push_str(&format!(
            "> **{}**{}\n\n",
            notice.label,
            inlines(&notice.body, false, &link)
        ));
    }
    out.push_str(&format!(
        "**{}** · {}\n\n",
        escape(&code.title),
        escape(&content::status_text(code.status))
    ));
    if let Some(description) = &code.description {
        out.push_str(&format!("{}\n\n", escape_paragraph(description)));
    }
    if let Some(hint) = &code.hint {
        out.push_str(&format!("**What to do:** {}\n\n", escape(hint)));
    }
    out.push_str(&facts_list(&content::facts(catalog, code), &link));
    let resolve = content::resolve(code);
    if !resolve.is_empty() {
        out.push_str("\n**How to resolve**\n\n");
        out.push_str(&facts_list(&resolve, &link));
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
        out.push_str(&format!(
            "\nAs RFC 9457 problem details ({}):\n\n",
            code_span(WireShape::Problem.content_type(), false)
        ));
        out.push_str(&code_block(
            "http",
            &example::http_response(catalog, code, WireShape::Problem),
        ));
    }
    out
}

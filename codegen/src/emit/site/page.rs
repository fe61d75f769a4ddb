//! The bodies of the site's pages. Like the markdown pages, they take every
//! statement about a code from [`content`], so site and markdown agree.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::html::{esc, facts, inlines, markdown};
use crate::emit::docs::shape;
use crate::emit::docs::{content, page_stem};
use crate::emit::example;
use crate::emit::markdown::snippet;
use crate::emit::text::json_without_markup;
use crate::model::{Catalog, CategoryIndex, Code, Transport, WireShape};

fn entry_link(catalog: &Catalog, code: &str) -> String {
    match catalog.resolve_code(code) {
        Some(c) => format!("{}.html#{}", page_stem(catalog, c.category), c.anchor()),
        None => "index.html".to_owned(),
    }
}

/// The index: introduction, the filterable table of every code, then the
/// response format and how to handle errors.
pub fn index(catalog: &Catalog) -> String {
    let link = |code: &str| entry_link(catalog, code);
    let mut out = format!("<h1>{} errors</h1>\n", esc(&catalog.title));
    if let Some(description) = &catalog.description {
        out.push_str(&format!(
            "<div class=\"intro\">{}</div>\n",
            markdown(description, 1)
        ));
    }

    out.push_str("<form class=\"filters\" role=\"search\" onsubmit=\"return false\">\n");
    out.push_str("<input id=\"errcatSearch\" type=\"search\" placeholder=\"Search codes, messages, hints  (press /)\" aria-label=\"Search\" autocomplete=\"off\" spellcheck=\"false\">\n");
    primary_filter(&mut out, catalog);
    out.push_str("<select id=\"errcatCategory\" aria-label=\"Category\">\n<option value=\"\">All categories</option>\n");
    for (i, category) in catalog.categories.iter().enumerate() {
        out.push_str(&format!(
            "<option value=\"{i}\">{}</option>\n",
            esc(&category.title)
        ));
    }
    out.push_str("</select>\n");
    if !catalog.classes.is_empty() {
        out.push_str(
            "<select id=\"errcatClass\" aria-label=\"Class\">\n<option value=\"\">All classes</option>\n",
        );
        for (i, class) in catalog.classes.iter().enumerate() {
            // The description, where there is one, is the entry's tooltip.
            let tooltip = class
                .description
                .as_deref()
                .map(|d| format!(" title=\"{}\"", esc(d)))
                .unwrap_or_default();
            out.push_str(&format!(
                "<option value=\"{i}\"{tooltip}>{} {}</option>\n",
                esc(&class.id),
                esc(&class.title)
            ));
        }
        out.push_str("</select>\n");
    }
    let tags = tags(catalog);
    if !tags.is_empty() {
        out.push_str(
            "<select id=\"errcatTag\" aria-label=\"Tag\">\n<option value=\"\">All tags</option>\n",
        );
        for tag in tags {
            let tag = esc(tag);
            out.push_str(&format!("<option value=\"{tag}\">{tag}</option>\n"));
        }
        out.push_str("</select>\n");
    }
    out.push_str(&format!(
        "<output id=\"errcatCount\" aria-live=\"polite\">{} codes</output>\n</form>\n",
        catalog.codes.len()
    ));

    out.push_str("<table id=\"errcatCodes\" class=\"codes\">\n<colgroup><col class=\"c-code\"><col class=\"c-http\"><col class=\"c-cat\"><col><col></colgroup>\n");
    out.push_str(&format!(
        "<thead><tr><th>Code</th><th>{}</th><th>Category</th>",
        content::classification_label(catalog)
    ));
    out.push_str(
        "<th>Description</th><th>What to do</th></tr></thead>\n<tbody></tbody>\n</table>\n",
    );
    out.push_str(
        "<p id=\"errcatNone\" hidden>No code matches.</p>\n<p id=\"errcatMore\" hidden></p>\n",
    );
    out.push_str("<noscript><p>Searching needs JavaScript; every code is listed on its category's page, linked above.</p></noscript>\n");
    out.push_str(&format!(
        "<script id=\"errcatIndex\" type=\"application/json\">{}</script>\n",
        index_data(catalog, &link)
    ));

    let shape = catalog.wire_shape;
    let sample = content::sample(catalog);
    out.push_str(
        "<div class=\"how\">\n<section>\n<h2 id=\"errcatResponseFormat\">Response format</h2>\n",
    );
    out.push_str(&format!(
        "<p>{}</p>\n<pre><code>{}</code></pre>\n",
        inlines(&content::shape_intro(catalog), &link),
        esc(&example::pretty(&example::body_in(catalog, sample, shape)))
    ));
    out.push_str("<table class=\"fields\"><thead><tr><th>Field</th><th>Type</th><th>Description</th></tr></thead><tbody>\n");
    for shape::Field { path, ty, meaning } in shape::fields(shape) {
        out.push_str(&format!(
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>\n",
            esc(&path),
            esc(&ty),
            esc(&meaning)
        ));
    }
    out.push_str(
        "</tbody></table>\n</section>\n<section>\n<h2 id=\"errcatHandling\">Handling errors</h2>\n",
    );
    out.push_str(&format!(
        "<p>{}</p>\n<pre><code>{}</code></pre>\n",
        inlines(&content::handling_intro(catalog), &link),
        esc(&snippet::typescript(catalog))
    ));
    out.push_str(&format!(
        "<p>{}</p>\n</section>\n</div>\n",
        inlines(&content::anchors_note(catalog), &link)
    ));
    out
}

/// The index rows as JSON, which the page's script turns into table rows
/// as they are needed: parsing ten thousand codes as data and showing the
/// first screenful is far faster than laying out ten thousand rows.
///
/// Each row is `[code, anchor, status, category, summary, what to do (HTML),
/// aliases, state]`, and in a catalog with classes or tags, `class` (its
/// index, or -1) and `tags` after them. The what-to-do cell is rendered
/// here, escaped, because it holds links; everything else is text the
/// script escapes itself.
fn index_data(catalog: &Catalog, link: super::html::LinkFn) -> String {
    let categories: Vec<Value> = (0..catalog.categories.len())
        .map(|i| json!([catalog.categories[i].title, page_stem(catalog, i)]))
        .collect();
    let classified =
        !catalog.classes.is_empty() || catalog.codes.iter().any(|c| !c.tags.is_empty());
    let rows: Vec<Value> = catalog
        .codes
        .iter()
        .map(|code| {
            let state = if code.retired.is_some() {
                "retired"
            } else if code.deprecated.is_some() {
                "deprecated"
            } else {
                ""
            };
            let mut row = json!([
                code.code,
                code.anchor(),
                primary(catalog, code),
                code.category,
                content::summary(code),
                inlines(&content::what_to_do(code), link),
                code.aliases.join(", "),
                state,
            ]);
            if classified && let Value::Array(row) = &mut row {
                let class = code.class.map_or(-1, |i| i64::try_from(i).unwrap_or(-1));
                row.push(class.into());
                row.push(code.tags.clone().into());
            }
            row
        })
        .collect();
    let mut data = json!({ "categories": categories, "rows": rows });
    if !catalog.classes.is_empty() {
        let classes: Vec<Value> = catalog
            .classes
            .iter()
            .map(|class| json!([class.id, class.title]))
            .collect();
        data["classes"] = classes.into();
    }
    json_without_markup(&data, false)
}

/// Every tag a code has, sorted, once each.
fn tags(catalog: &Catalog) -> Vec<&str> {
    let mut tags: Vec<&str> = catalog
        .codes
        .iter()
        .flat_map(|c| c.tags.iter().map(String::as_str))
        .collect();
    tags.sort_unstable();
    tags.dedup();
    tags
}

/// A category page: every code's full entry, each a section whose id is the
/// code's anchor.
pub fn category(catalog: &Catalog, category: CategoryIndex) -> String {
    let link = |code: &str| entry_link(catalog, code);
    let cat = &catalog.categories[category];
    let mut out = format!("<h1>{}</h1>\n", esc(&cat.title));
    if let Some(description) = &cat.description {
        out.push_str(&format!("<p class=\"intro\">{}</p>\n", esc(description)));
    }
    out.push_str("<ul class=\"toc\">\n");
    for code in catalog.codes_in(category) {
        out.push_str(&format!(
            "<li><a href=\"#{}\"><code>{}</code></a></li>\n",
            esc(&code.anchor()),
            esc(&code.code)
        ));
    }
    out.push_str("</ul>\n");
    for code in catalog.codes_in(category) {
        out.push_str(&entry(catalog, code, &link));
    }
    out
}

/// The menu of the first classification: HTTP statuses (with the 4xx and
/// 5xx groups) or gRPC codes, as the catalog's transport says. A catalog
/// sent over neither is classified by class, whose menu is the class menu.
fn primary_filter(out: &mut String, catalog: &Catalog) {
    if catalog.transport == Transport::None {
        return;
    }
    if catalog.transport == Transport::Http {
        let statuses: BTreeSet<u16> = catalog.codes.iter().map(Code::http_status).collect();
        out.push_str("<select id=\"errcatStatus\" aria-label=\"HTTP status\">\n<option value=\"\">All statuses</option>\n<option value=\"4xx\">4xx client errors</option>\n<option value=\"5xx\">5xx server errors</option>\n");
        for status in statuses {
            out.push_str(&format!(
                "<option value=\"{status}\">{}</option>\n",
                esc(&content::status_text(status))
            ));
        }
    } else {
        let values: BTreeSet<String> = catalog
            .codes
            .iter()
            .filter_map(|code| content::classification(catalog, code, false))
            .collect();
        out.push_str("<select id=\"errcatStatus\" aria-label=\"gRPC code\">\n<option value=\"\">Any gRPC code</option>\n");
        for value in values {
            out.push_str(&format!(
                "<option value=\"{0}\">{0}</option>\n",
                esc(&value)
            ));
        }
    }
    out.push_str("</select>\n");
}

/// A row's first classification: the status as a number over HTTP (which
/// the 4xx and 5xx groups filter on), else the gRPC code or class.
fn primary(catalog: &Catalog, code: &Code) -> Value {
    match catalog.transport {
        Transport::Http => Value::from(code.http_status()),
        _ => Value::from(content::classification(catalog, code, false).unwrap_or_default()),
    }
}

fn entry(catalog: &Catalog, code: &Code, link: super::html::LinkFn) -> String {
    let badge = match (
        catalog.transport,
        content::classification_badge(catalog, code),
    ) {
        (Transport::Http, Some(status)) => format!(
            " <span class=\"status s{}\">{}</span>",
            code.http_status() / 100,
            esc(&status)
        ),
        (_, Some(class)) => format!(" <span class=\"status\">{}</span>", esc(&class)),
        (_, None) => String::new(),
    };
    let mut out = format!(
        "<section class=\"entry\" id=\"{}\">\n<h2><a href=\"#{0}\"><code>{}</code></a>{badge}</h2>\n",
        esc(&code.anchor()),
        esc(&code.code),
    );
    out.push_str(&format!("<p class=\"title\">{}</p>\n", esc(&code.title)));
    for notice in content::notices(code) {
        out.push_str(&format!(
            "<p class=\"notice\"><strong>{}</strong>{}</p>\n",
            esc(notice.label),
            inlines(&notice.body, link)
        ));
    }
    if let Some(description) = &code.description {
        out.push_str(&format!("<p>{}</p>\n", esc(description)));
    }
    if let Some(hint) = &code.hint {
        out.push_str(&format!(
            "<p class=\"hint\"><strong>What to do:</strong> {}</p>\n",
            esc(hint)
        ));
    }
    out.push_str(&facts(&content::facts(catalog, code), link));
    if let Some(table) = content::details_table(code) {
        out.push_str(&format!(
            "<h3>{}</h3>\n<table class=\"members\"><thead><tr>",
            esc(table.title)
        ));
        for column in table.columns {
            out.push_str(&format!("<th>{}</th>", esc(column)));
        }
        out.push_str("</tr></thead><tbody>\n");
        for [path, ty, sent] in &table.rows {
            out.push_str(&format!(
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>\n",
                esc(path),
                esc(ty),
                esc(sent)
            ));
        }
        out.push_str("</tbody></table>\n");
    }
    let resolve = content::resolve(code);
    if !resolve.is_empty() {
        out.push_str("<h3>How to resolve</h3>\n");
        out.push_str(&facts(&resolve, link));
    }
    if let Some(docs) = &code.docs {
        out.push_str(&format!(
            "<div class=\"docs\">{}</div>\n",
            markdown(docs, 2)
        ));
    }
    out.push_str(&format!(
        "<h3>Example response</h3>\n<pre><code>{}</code></pre>\n",
        esc(&example::http_response(catalog, code, code.wire_shape))
    ));
    if code.wire_shape != WireShape::Problem {
        out.push_str(&format!(
            "<details><summary>As RFC 9457 problem details</summary>\n<pre><code>{}</code></pre>\n</details>\n",
            esc(&example::http_response(catalog, code, WireShape::Problem))
        ));
    }
    out.push_str("</section>\n");
    out
}

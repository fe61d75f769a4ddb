//! A hostile catalog: every text field tries to break a table, start markup,
//! inject script or escape a code block. The markdown, the site, the
//! TypeScript snippet and `errcat explain` must all show the text as text.

mod support;

use errcat_codegen::emit::{markdown, site};
use errcat_codegen::{Catalog, explain};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const DESCRIPTION: &str = "a | b <script>alert(1)</script> `tick` **bold** _em_ {mdx} &amp; [x](javascript:alert(1)) ~~gone~~";

const CATALOG: &str = r##"
[catalog]
name = "hostile"
title = "Evil </title><script>alert(1)</script> API"
description = "Intro <script>alert('intro')</script> and <img src=x onerror=alert(1)>."
code_style = "SCREAMING_SNAKE_CASE"
docs_base_url = "https://docs.example.com/errors"

[[category]]
id = "evil"
title = "Evil | <b>category</b>"
description = "# not a heading <iframe src=x>"
"##;

fn codes() -> String {
    format!(
        r#"
[HOSTILE]
status = 429
throttling = true
message = "pipe | in {{value}} with ``` fence and <script>x</script>"
params = {{ value = "string" }}
title = "Title <script>alert(2)</script>"
hint = "Line one\nconsole.log('pwned') | <b>hint</b> \u001b[31mred\u2028x"
description = "{DESCRIPTION}"
docs = """
Real markdown is kept: **bold** and `code`.

<script>alert('docs')</script>

<img src=x onerror=alert(3)> and [click](javascript:alert(4)).
"""
category = "evil"

[OTHER]
status = 400
message = "fine"
category = "evil"
deprecated = {{ replacement = "HOSTILE", note = "Use <HOSTILE> | now." }}
"#
    )
}

fn hostile() -> Catalog {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("catalog.toml"), CATALOG).unwrap();
    std::fs::write(dir.path().join("evil.toml"), codes()).unwrap();
    errcat_codegen::load_dir(dir.path()).unwrap_or_else(|d| panic!("{d}"))
}

/// GitHub's extensions (tables, strikethrough, task lists), without smart
/// punctuation, which would rewrite the quotes the assertions compare.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// Renders markdown the way GitHub and mdBook do (raw HTML passed through),
/// so any markup that slipped through would show here.
fn render(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, options()));
    html
}

/// The text of every table cell, row by row.
fn table_cells(markdown: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => row.push(cell.take().unwrap()),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => rows.push(std::mem::take(&mut row)),
            Event::Text(t) | Event::Code(t) => {
                if let Some(cell) = cell.as_mut() {
                    cell.push_str(&t);
                }
            }
            _ => {}
        }
    }
    rows
}

#[test]
fn markdown_shows_hostile_text_as_text() {
    let catalog = hostile();
    for file in markdown::emit(&catalog) {
        if !file.path.ends_with(".md") {
            continue;
        }
        let html = render(&file.contents);
        for bad in [
            "<script",
            "<img",
            "<iframe",
            "<b>",
            "href=\"javascript:",
            "<h1>not a heading",
        ] {
            assert!(
                !html.contains(bad),
                "{}: `{bad}` got through:\n{html}",
                file.path
            );
        }
    }
    let index = markdown::emit(&catalog)
        .into_iter()
        .find(|f| f.path == "README.md")
        .unwrap();
    let rows = table_cells(&index.contents);
    let hostile_row = rows
        .iter()
        .find(|row| row.first().is_some_and(|c| c == "HOSTILE"))
        .unwrap_or_else(|| panic!("no HOSTILE row in {rows:#?}"));
    // Four cells, and the description cell holds the description exactly:
    // nothing split it, nothing became emphasis, code or a link.
    assert_eq!(hostile_row.len(), 4, "{hostile_row:?}");
    assert_eq!(hostile_row[1], "429");
    assert_eq!(hostile_row[2], DESCRIPTION);
    assert!(
        hostile_row[3].starts_with("Line one console.log('pwned') | <b>hint</b>"),
        "{hostile_row:?}"
    );

    let entry = markdown::emit(&catalog)
        .into_iter()
        .find(|f| f.path == "evil.md")
        .unwrap();
    let html = render(&entry.contents);
    // The message keeps its fence-like backticks inside one code span.
    assert!(
        html.contains(
            "<code>pipe | in {value} with ``` fence and &lt;script&gt;x&lt;/script&gt;</code>"
        ),
        "{html}"
    );
    // Long-form docs stay markdown, with their raw HTML made visible.
    assert!(html.contains("<strong>bold</strong>"), "{html}");
    assert!(html.contains("&lt;script&gt;alert('docs')"), "{html}");
}

#[test]
fn the_typescript_snippet_keeps_hints_inside_comments() {
    let catalog = hostile();
    let index = markdown::emit(&catalog).remove(0);
    assert!(
        index
            .contents
            .contains("      // Line one console.log('pwned') | <b>hint</b>"),
        "{}",
        index.contents
    );
    assert!(!index.contents.contains("\nconsole.log('pwned')"));
}

#[test]
fn the_site_shows_hostile_text_as_text() {
    let catalog = hostile();
    for file in site::emit(&catalog) {
        if !file.path.ends_with(".html") {
            continue;
        }
        let html = &file.contents;
        let scripts = html.matches("<script").count();
        let ours = html
            .matches("<script src=\"assets/errcat.js\" defer></script>")
            .count()
            + html
                .matches("<script id=\"errcat-index\" type=\"application/json\">")
                .count();
        assert_eq!(
            scripts, ours,
            "{}: a catalog script got through:\n{html}",
            file.path
        );
        for bad in ["<img", "<iframe", "<b>", "href=\"javascript:", "</title><"] {
            assert!(!html.contains(bad), "{}: `{bad}` got through", file.path);
        }
        assert!(!html.contains('\u{1b}'), "{}", file.path);
    }
    let index = site::emit(&catalog)
        .into_iter()
        .find(|f| f.path == "index.html")
        .unwrap();
    let data_start = index.contents.find("type=\"application/json\">").unwrap();
    let data = &index.contents[data_start..];
    let data = &data[data.find('>').unwrap() + 1..data.find("</script>").unwrap()];
    let parsed: serde_json::Value = serde_json::from_str(data).unwrap();
    assert_eq!(
        parsed["rows"][0][4], DESCRIPTION,
        "the data keeps the text exactly"
    );
}

#[test]
fn explain_prints_no_terminal_control_sequences() {
    let catalog = hostile();
    let text = explain::render(&catalog, &catalog.codes[0]);
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(
        text.contains("What to do: Line one\nconsole.log('pwned') | <b>hint</b>  [31mred"),
        "{text}"
    );
}

//! A hostile catalog: every text field tries to break a table, start markup,
//! inject script or escape a code block. The markdown, the site, the crate
//! docs, JSDoc, the changelog, OpenAPI, the TypeScript snippet and `errcat
//! explain` must all show the text as text.

use crate::rendered;

use std::collections::BTreeSet;

use errcat_codegen::emit::{markdown, site};
use errcat_codegen::{Catalog, Targets, explain, generate};
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
hint = "Line one\nconsole.log('pwned') | <b>hint</b> [31mred\u2028x"
description = "{DESCRIPTION}"
since = "1.0 <b>new</b>"
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
since = "1.0 <b>new</b>"
deprecated = {{ replacement = "HOSTILE", since = "2.0", note = "Use <HOSTILE> | now [x](javascript:alert(5))." }}

[GONE]
status = 410
message = "gone"
category = "evil"
retired = {{ since = "2.0", note = "<script>alert('retired')</script>" }}
"#
    )
}

fn hostile() -> Catalog {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("catalog.toml"), CATALOG).unwrap();
    std::fs::write(dir.path().join("evil.toml"), codes()).unwrap();
    errcat_codegen::load_dir(dir.path()).unwrap_or_else(|d| panic!("{d}"))
}

/// What the hostile text would render to if it got through as markup.
const LIVE: &[&str] = &[
    "<script",
    "<img",
    "<iframe",
    "<b>",
    "href=\"javascript:",
    "src=\"javascript:",
];

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
        for bad in LIVE.iter().chain(&["<h1>not a heading"]) {
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
                .matches("<script id=\"errcatIndex\" type=\"application/json\">")
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
    // The loader rejects control characters; a catalog built in code can
    // still hold them, and `explain` writes to a terminal.
    let mut catalog = hostile();
    catalog.codes[0].hint =
        Some("Line one\nconsole.log('pwned') | <b>hint</b> \u{1b}[31mred\u{2028}x".to_owned());
    let text = explain::render(&catalog, &catalog.codes[0]);
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(
        text.contains("What to do: Line one\nconsole.log('pwned') | <b>hint</b>  [31mred"),
        "{text}"
    );
}

/// The folder under `generated/` a file belongs to: its target.
fn target(path: &str) -> &str {
    path.split('/').next().unwrap_or(path)
}

#[test]
fn no_generated_file_carries_live_markup() {
    let catalog = hostile();
    let mut checked = BTreeSet::new();
    for file in generate(&catalog, &Targets::default()) {
        for markdown in rendered::markdown_in(&file) {
            checked.insert(target(&file.path).to_owned());
            let html = rendered::render(&markdown);
            for bad in LIVE {
                assert!(
                    !html.contains(bad),
                    "{}: `{bad}` got through:\n{markdown}\n{html}",
                    file.path
                );
            }
            assert_eq!(rendered::live_markup(&html), Vec::<String>::new());
        }
    }
    let every: BTreeSet<String> = [
        "changelog",
        "docs",
        "editor",
        "openapi",
        "rust",
        "schema",
        "typescript",
    ]
    .map(str::to_owned)
    .into();
    assert_eq!(checked, every, "a target's markdown was not checked");
}

fn generated(catalog: &Catalog, path: &str) -> String {
    generate(catalog, &Targets::default())
        .into_iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .contents
}

#[test]
fn crate_docs_show_the_title_and_docs_as_text() {
    let lib = generated(&hostile(), "rust/src/lib.rs");
    assert!(
        lib.contains(
            "//! Errors of the Evil \\</title\\>\\<script\\>alert(1)\\</script\\> API, generated by errcat from\n//! the `hostile` catalog."
        ),
        "{lib}"
    );
    assert!(
        lib.contains(
            "    /// &lt;img src=x onerror=alert(3)> and \\[click\\](javascript:alert(4))."
        ),
        "{lib}"
    );
    // Rustdoc renders deprecation notes as markdown too.
    assert!(
        lib.contains(
            r#"note = "Deprecated since 2.0: use `HostileErrorCode::Hostile` instead. Use \\<HOSTILE\\> \\| now \\[x\\](javascript:alert(5)).""#
        ),
        "{lib}"
    );
}

#[test]
fn the_changelog_shows_titles_versions_and_notes_as_text() {
    let changelog = generated(&hostile(), "changelog/CHANGELOG.md");
    for line in [
        "# Evil \\</title\\>\\<script\\>alert(1)\\</script\\> API error code changelog",
        "## 1.0 \\<b\\>new\\</b\\>",
        "- `HOSTILE`: Title \\<script\\>alert(2)\\</script\\> (429)",
        "- `OTHER`: use `HOSTILE` instead. Use \\<HOSTILE\\> \\| now \\[x\\](javascript:alert(5)).",
        "- `GONE`: \\<script\\>alert('retired')\\</script\\>",
    ] {
        assert!(
            changelog.lines().any(|l| l == line),
            "no line {line:?} in\n{changelog}"
        );
    }
}

#[test]
fn jsdoc_and_openapi_show_titles_and_hints_as_text() {
    let catalog = hostile();
    let ts = generated(&catalog, "typescript/errors.ts");
    assert!(
        ts.contains(
            " * Errors of Evil \\</title\\>\\<script\\>alert(1)\\</script\\> API (catalog hostile)"
        ),
        "{ts}"
    );
    let openapi: serde_json::Value =
        serde_json::from_str(&generated(&catalog, "openapi/openapi.json")).unwrap();
    assert_eq!(
        openapi["components"]["responses"]["HOSTILE"]["description"],
        "Title \\<script\\>alert(2)\\</script\\> (429). Line one console.log('pwned') \\| \\<b\\>hint\\</b\\> \\[31mred\u{2028}x"
    );
}

#[test]
fn the_crate_manifest_parses_whatever_the_title_holds() {
    // The loader rejects control characters; the manifest must not depend
    // on it (JSON escaping would leave a DEL raw, which TOML rejects).
    let mut catalog = hostile();
    catalog.title = "Evil\u{7f} \"API\"".to_owned();
    let manifest: toml::Table = toml::from_str(&generated(&catalog, "rust/Cargo.toml")).unwrap();
    assert_eq!(
        manifest["package"]["description"].as_str(),
        Some("Errors of the Evil\u{7f} \"API\", generated by errcat from the `hostile` catalog")
    );
}

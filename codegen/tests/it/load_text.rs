//! Text and URL fields at load: control characters, line breaks where one
//! line is expected, and links a reader could not follow safely are each
//! one located diagnostic, with the exact text a user sees in `snapshots/`.

use errcat_codegen::load::load_files;

const CATALOG: &str = r#"[catalog]
name = "shop"
title = "Shop API"
code_style = "SCREAMING_SNAKE_CASE"
docs_base_url = "https://docs.shop.example/errors"

[[category]]
id = "orders"
title = "Orders"
"#;

fn problems(files: &[(&str, &str)]) -> String {
    match load_files(files) {
        Ok(catalog) => panic!("expected problems, loaded {} codes", catalog.codes.len()),
        Err(diagnostics) => diagnostics.to_string(),
    }
}

fn with_catalog(codes: &str) -> [(&str, &str); 2] {
    [("catalog.toml", CATALOG), ("orders.toml", codes)]
}

#[test]
fn a_nul_in_the_catalog_title() {
    let catalog = CATALOG.replace("\"Shop API\"", "\"Fold\\u0000\"");
    insta::assert_snapshot!(problems(&[
        ("catalog.toml", &catalog),
        ("orders.toml", "[A]\nstatus = 400\nmessage = \"a\"\n"),
    ]));
}

#[test]
fn control_characters_in_every_kind_of_text_field() {
    let catalog = r#"[catalog]
name = "shop"
title = "Shop API"
description = "Intro \u001b[31m red"
version = "1.0\u007f"
code_style = "SCREAMING_SNAKE_CASE"

[[category]]
id = "orders"
title = "Orders\u0007"
description = "Orders \u009b and more"
"#;
    let codes = r#"[ORDER_NOT_FOUND]
status = 404
message = "no such order\u0008"
title = "Not \u0000 found"
hint = "check\u000c the id"
description = "one \u0000 two \u0000 three \u0000: one diagnostic"
docs = """
Long docs with a \u0001 in them.
"""
aliases = ["OLD\u0000", "FINE"]
since = "1.0\u0000"
deprecated = { since = "2\u0000", note = "\u0002 note" }
resolve = { message = "\u0003 go", action = "\u0004" }

[ORDER_GONE]
status = 410
message = "gone"
retired = { since = "3\u001f", note = "\u007f" }
"#;
    insta::assert_snapshot!(problems(&[
        ("catalog.toml", catalog),
        ("orders.toml", codes)
    ]));
}

#[test]
fn line_breaks_where_one_line_is_expected() {
    let codes = "[A]\nstatus = 400\nmessage = \"two\\nlines\"\ntitle = \"carriage\\rreturn\"\naliases = [\"B\\r\\nC\"]\n";
    insta::assert_snapshot!(problems(&with_catalog(codes)));
}

#[test]
fn prose_keeps_tabs_and_every_line_break_as_a_newline() {
    let codes = "[A]\nstatus = 400\nmessage = \"tab\\there\"\nhint = \"a\\nb\"\n\
                 description = \"a\\r\\nb\\rc\"\ndocs = \"x\\ty\\n\"\n\
                 deprecated = { note = \"n\\no\" }\nresolve = { message = \"m\\r\\nn\" }\n";
    let catalog = load_files(&with_catalog(codes)).unwrap_or_else(|d| panic!("{d}"));
    let code = &catalog.codes[0];
    assert_eq!(code.message.source(), "tab\there");
    // CRLF and a lone CR are line breaks too, handed on as `\n`: markdown
    // reads a lone CR as a line end, and a file saved with Windows line
    // ends must give the same outputs.
    assert_eq!(code.description.as_deref(), Some("a\nb\nc"));
    assert_eq!(code.hint.as_deref(), Some("a\nb"));
    let resolve = code.resolve.as_ref().unwrap();
    assert_eq!(resolve.message.as_deref(), Some("m\nn"));
    assert_eq!(
        code.deprecated.as_ref().unwrap().note.as_deref(),
        Some("n\no")
    );
}

#[test]
fn urls_that_could_run_code_or_point_elsewhere() {
    let codes = r#"[JS]
status = 400
message = "a"
docs_url = "javascript:alert(3)"

[MIXED_CASE]
status = 400
message = "a"
docs_url = "JaVaScRiPt:alert(1)"

[DATA]
status = 400
message = "a"
docs_url = "data:text/html,<script>alert(1)</script>"

[FILE]
status = 400
message = "a"
resolve = { url = "file:///etc/passwd" }

[VB]
status = 400
message = "a"
resolve = { url = "vbscript:msgbox(1)" }

[LEADING_SPACE]
status = 400
message = "a"
docs_url = " https://docs.shop.example/x"

[CONTROL]
status = 400
message = "a"
docs_url = "https://docs.shop.example/\u0000x"

[SCHEME_RELATIVE]
status = 400
message = "a"
resolve = { endpoint = "//evil.example/v1/keys" }

[BACKSLASH]
status = 400
message = "a"
resolve = { endpoint = "/\\evil.example/v1" }

[NO_SLASHES]
status = 400
message = "a"
docs_url = "https:evil.example"

[CREDENTIALS]
status = 400
message = "a"
docs_url = "https://docs.shop.example@evil.example/"

[RELATIVE_DOCS]
status = 400
message = "a"
docs_url = "/errors/relative"

[BARE_PATH]
status = 400
message = "a"
resolve = { endpoint = "v1/keys" }
"#;
    insta::assert_snapshot!(problems(&with_catalog(codes)));
}

#[test]
fn a_docs_base_url_that_is_not_a_web_url() {
    for (base, problem) in [
        (
            "javascript:alert(1)//",
            "the `javascript:` scheme is not allowed",
        ),
        (
            "https://docs.shop.example/errors#top",
            "errcat adds `#<code>` to this URL, so it cannot have a fragment",
        ),
    ] {
        let catalog = CATALOG.replace("https://docs.shop.example/errors", base);
        let problems = problems(&[
            ("catalog.toml", &catalog),
            ("orders.toml", "[A]\nstatus = 400\nmessage = \"a\"\n"),
        ]);
        assert!(
            problems.starts_with("error: `docs_base_url` of `[catalog]` is not an accepted URL\n"),
            "{problems}"
        );
        assert!(problems.contains(problem), "{problems}");
    }
}

#[test]
fn web_urls_and_paths_from_the_root_load() {
    let codes = r#"[A]
status = 400
message = "a"
docs_url = "https://docs.shop.example/errors/a?x=1#a"
resolve = { url = "/settings/billing", endpoint = "/v1/keys/{key_id}" }

[B]
status = 400
message = "b"
docs_url = "about:blank"
resolve = { url = "http://console.shop.example/keys", endpoint = "https://api.shop.example/v1/keys" }
"#;
    let catalog = load_files(&with_catalog(codes)).unwrap_or_else(|d| panic!("{d}"));
    let resolve = catalog.codes[0].resolve.as_ref().unwrap();
    assert_eq!(resolve.endpoint.as_deref(), Some("/v1/keys/{key_id}"));
    assert_eq!(catalog.docs_url(&catalog.codes[1]), "about:blank");
}

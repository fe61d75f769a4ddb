//! Any text in a catalog reaches the JSON and HTML outputs as text: every
//! JSON file parses and holds the string exactly, and no string can add an
//! element or attribute to the docs site, nor live markup to any markdown a
//! generated file carries (docs pages, rustdoc, JSDoc, the changelog,
//! OpenAPI and JSON Schema descriptions) rendered the way GitHub and mdBook
//! render markdown.

use crate::props_support;
use crate::rendered;

use errcat_codegen::emit::{self, OutputFile};
use errcat_codegen::{Catalog, Targets, generate};
use props_support::{Texts, line, one_line, text};
use proptest::prelude::*;
use rendered::{live_markup, tags};
use std::fmt::Write as _;

/// Every string value inside `value`, recursively.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                out.push(key.clone());
                strings(v, out);
            }
        }
        _ => {}
    }
}

fn outputs(catalog: &Catalog) -> Vec<OutputFile> {
    generate(catalog, &Targets::default())
}

/// Fails when `html` holds active markup that `own`, the same page made
/// from harmless text, does not: it can only have come from catalog text.
fn assert_no_injection(what: &str, html: &str, own: &[String]) {
    assert_eq!(live_markup(html), own, "{what}: markup injected\n{html}");
}

/// `html` with entities decoded, tags and comments removed: its text.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        rest = &rest[open..];
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map(|e| e + 3)
        } else {
            rest.find('>').map(|e| e + 1)
        };
        rest = &rest[end.unwrap_or(rest.len())..];
    }
    text.push_str(rest);
    decode_entities(&text)
}

fn decode_entities(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&end| end <= 10).and_then(|end| {
            let entity = &rest[1..end];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The HTML the index's script inserts for each row: the what-to-do cell
/// (sixth of a row in `site/page.rs`'s `index_data`), which is rendered, and
/// escaped, by the emitter, not the script.
fn index_rows_html(index: &str) -> Vec<String> {
    let start = "<script id=\"errcatIndex\" type=\"application/json\">";
    let data = index
        .split_once(start)
        .and_then(|(_, rest)| rest.split_once("</script>"))
        .map(|(data, _)| data)
        .expect("the index embeds its rows as JSON");
    let parsed: serde_json::Value =
        serde_json::from_str(data).unwrap_or_else(|err| panic!("index data: {err}\n{data}"));
    parsed["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| row[5].as_str().expect("the what-to-do cell").to_owned())
        .collect()
}

/// The catalog of [`props_support::catalog_files`], plus for each of
/// `notes` a deprecated and a retired code whose notes, versions, alias and
/// resolve message hold it: the fields only some codes have.
fn catalog_with_notes(codes: &[Texts], category: &str, notes: &[String]) -> Catalog {
    let mut files = props_support::catalog_files(codes, category);
    let toml = |s: &str| toml::Value::String(s.to_owned()).to_string();
    let first = toml(&codes[0].code_at(0));
    for (i, note) in notes.iter().enumerate() {
        let alias = toml(&format!("{}_{i}", one_line(note)));
        let (line, note) = (toml(&one_line(note)), toml(note));
        let _ = write!(
            files[1].1,
            "[NOTED_{i}]\nstatus = 400\nmessage = \"m\"\naliases = [{alias}]\n\
             deprecated = {{ replacement = {first}, since = {line}, note = {note} }}\n\
             resolve = {{ message = {note}, action = {line} }}\n\n\
             [RETIRED_{i}]\nstatus = 400\nmessage = \"m\"\nsince = {line}\n\
             retired = {{ since = {line}, note = {note} }}\n\n"
        );
    }
    props_support::load(&files)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_target_carries_live_markup(
        codes in proptest::collection::vec(Texts::strategy(text()), 1..3),
        notes in proptest::collection::vec(text(), 1..3),
        category in text(),
    ) {
        let catalog = catalog_with_notes(&codes, &category, &notes);
        for file in outputs(&catalog) {
            for markdown in rendered::markdown_in(&file) {
                let html = rendered::render(&markdown);
                prop_assert!(
                    live_markup(&html).is_empty(),
                    "{}: live markup {:?}\n{markdown}\n{html}",
                    file.path,
                    live_markup(&html)
                );
            }
        }
    }

    #[test]
    fn json_outputs_parse_and_hold_every_string(
        codes in proptest::collection::vec(Texts::strategy(text()), 1..4),
        category in text(),
    ) {
        let catalog = props_support::catalog(&codes, &category);
        let mut values = Vec::new();
        for file in outputs(&catalog).iter().filter(|f| f.path.ends_with(".json")) {
            let parsed: serde_json::Value = serde_json::from_str(&file.contents)
                .unwrap_or_else(|err| panic!("{}: {err}\n{}", file.path, file.contents));
            strings(&parsed, &mut values);
        }
        for (i, texts) in codes.iter().enumerate() {
            let code = texts.code_at(i);
            prop_assert!(values.contains(&code), "the code {code:?} is in no JSON string");
            // OpenAPI carries the title, the hint (response descriptions)
            // and example messages (parameters get example values).
            let hint = props_support::as_loaded(&texts.hint);
            let mut wanted = vec![&texts.title, &hint, &texts.before];
            wanted.extend(&texts.after);
            for s in wanted {
                prop_assert!(
                    values.iter().any(|v| v.contains(s.as_str())),
                    "{s:?} is in no JSON string"
                );
            }
        }
    }

    #[test]
    fn html_shows_text_as_text(
        hostile in proptest::collection::vec(Texts::strategy(text()), 1..4),
        lines in proptest::collection::vec(Texts::strategy(line()), 1..3),
        category in line(),
    ) {
        let mut codes = lines.clone();
        codes.extend(hostile);
        let catalog = props_support::catalog(&codes, &category);
        // The same shape of catalog with harmless text: how many scripts
        // the pages have of their own.
        let plain: Vec<Texts> = codes.iter().map(|_| Texts::plain()).collect();
        let baseline = emit::site::emit(&props_support::catalog(&plain, "c"));
        for (file, base) in emit::site::emit(&catalog).iter().zip(&baseline) {
            prop_assert_eq!(&file.path, &base.path);
            if !file.path.ends_with(".html") {
                continue;
            }
            assert_no_injection(&file.path, &file.contents, &live_markup(&base.contents));
        }
        let index = emit::site::emit(&catalog)
            .into_iter()
            .find(|f| f.path == "index.html")
            .expect("the site has an index");
        for html in index_rows_html(&index.contents) {
            assert_no_injection("an index row", &html, &[]);
        }
        let shown: String = emit::site::emit(&catalog)
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .map(|f| text_of(&f.contents))
            .collect();
        for (i, texts) in lines.iter().enumerate() {
            prop_assert!(shown.contains(&texts.code_at(i)), "{:?} is not in the site's text", texts.code_at(i));
            for s in [&texts.title, &texts.hint, &texts.description] {
                prop_assert!(shown.contains(s.as_str()), "{s:?} is not in the site's text");
            }
        }
        for file in emit::markdown::emit(&catalog).iter().filter(|f| f.path.ends_with(".md")) {
            assert_no_injection(&file.path, &rendered::render(&file.contents), &[]);
        }
    }
}

#[test]
fn the_tokenizer_sees_what_a_browser_sees() {
    let html = "<p title=\"a > b\" onclick=x>t</p><!-- <img> --><script>'<img>'</script><a href='javascript:1'>";
    let found = tags(html);
    let names: Vec<&str> = found.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["p", "script", "a"]);
    assert_eq!(found[0].attributes[0], ("title".into(), "a > b".into()));
    assert_eq!(found[0].attributes[1].0, "onclick");
    assert_eq!(
        text_of("<b>&lt;x&gt; &amp;amp; &#x1F980;</b>"),
        "<x> &amp; 🦀"
    );
    assert_eq!(
        live_markup("<b onerrcat=1><IMG src=x><a href=' JavaScript:x'>"),
        ["<a href=javascript:>", "<b onerrcat>", "<img>"]
    );
}

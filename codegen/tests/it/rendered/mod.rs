//! What a reader's tool renders from each generated file, and the markup in
//! it that could run script. Markdown sits in more places than `.md` files:
//! rustdoc renders doc comments and `#[deprecated]` notes, editors and
//! TypeDoc render JSDoc, OpenAPI and JSON Schema tools render every
//! `description`. A test that feeds catalog text through every target
//! checks all of them with [`markdown_in`], [`render`] and [`live_markup`].

#![allow(dead_code)]

use errcat_codegen::emit::OutputFile;
use proc_macro2::{TokenStream, TokenTree};

/// The markdown documents `file` holds for some renderer, by file type.
pub fn markdown_in(file: &OutputFile) -> Vec<String> {
    let path = file.path.as_str();
    if path.ends_with(".md") {
        vec![file.contents.clone()]
    } else if path.ends_with(".rs") {
        rustdoc(&file.contents)
    } else if path.ends_with(".ts") {
        jsdoc(&file.contents)
    } else if path.ends_with(".json") {
        let value: serde_json::Value =
            serde_json::from_str(&file.contents).unwrap_or_else(|err| panic!("{path}: {err}"));
        let mut found = Vec::new();
        descriptions(&value, &mut found);
        found
    } else {
        Vec::new()
    }
}

/// Every item's doc comment (its `#[doc]` lines joined, as rustdoc reads
/// them) and every `#[deprecated]` note, which rustdoc renders too.
fn rustdoc(source: &str) -> Vec<String> {
    let tokens: TokenStream = source
        .parse()
        .unwrap_or_else(|err| panic!("generated Rust does not lex: {err}"));
    let mut found = Vec::new();
    let mut doc = String::new();
    attributes(tokens, &mut doc, &mut found);
    if !doc.is_empty() {
        found.push(doc);
    }
    found
}

fn attributes(tokens: TokenStream, doc: &mut String, found: &mut Vec<String>) {
    for tree in tokens {
        match tree {
            // `#` and the `!` of an inner attribute sit between doc lines.
            TokenTree::Punct(p) if p.as_char() == '#' || p.as_char() == '!' => {}
            TokenTree::Group(group) => {
                let inner: Vec<TokenTree> = group.stream().into_iter().collect();
                match inner.as_slice() {
                    [
                        TokenTree::Ident(name),
                        TokenTree::Punct(eq),
                        TokenTree::Literal(text),
                    ] if name == "doc" && eq.as_char() == '=' => {
                        doc.push_str(&string_value(text));
                        doc.push('\n');
                    }
                    [TokenTree::Ident(name), TokenTree::Group(args)] if name == "deprecated" => {
                        let args: Vec<TokenTree> = args.stream().into_iter().collect();
                        if let [_, _, TokenTree::Literal(note)] = args.as_slice() {
                            found.push(string_value(note));
                        }
                    }
                    _ => {
                        if !doc.is_empty() {
                            found.push(std::mem::take(doc));
                        }
                        attributes(group.stream(), doc, found);
                    }
                }
            }
            _ => {
                if !doc.is_empty() {
                    found.push(std::mem::take(doc));
                }
            }
        }
    }
}

fn string_value(literal: &proc_macro2::Literal) -> String {
    syn::parse_str::<syn::LitStr>(&literal.to_string())
        .unwrap_or_else(|err| panic!("{literal}: {err}"))
        .value()
}

/// The text of every `/** ... */` comment, without the leading `*`s.
fn jsdoc(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find("/**") {
        rest = &rest[start + 3..];
        let end = rest.find("*/").expect("every JSDoc comment is closed");
        let text = rest[..end]
            .lines()
            .map(|line| {
                let line = line.trim_start();
                line.strip_prefix('*').unwrap_or(line).trim_start()
            })
            .collect::<Vec<_>>()
            .join("\n");
        found.push(text);
        rest = &rest[end + 2..];
    }
    found
}

fn descriptions(value: &serde_json::Value, found: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, member) in map {
                match member {
                    serde_json::Value::String(text) if key == "description" => {
                        found.push(text.clone())
                    }
                    other => descriptions(other, found),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| descriptions(v, found)),
        _ => {}
    }
}

/// Markdown as GitHub, mdBook and rustdoc render it: every extension, raw
/// HTML passed through, so markup an emitter failed to neutralise shows.
pub fn render(markdown: &str) -> String {
    let mut html = String::new();
    let parser = pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::all());
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// A tag found by [`tags`]: its lowercased name and attributes.
#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
}

/// The start tags of an HTML document, read the way a browser's tokenizer
/// does for the parts that matter here: comments and the raw text of
/// `<script>` and `<style>` are skipped, attribute values may be quoted.
pub fn tags(html: &str) -> Vec<Tag> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(rest.len());
        if name_len == 0 || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        rest = &rest[name_len..];
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
            if rest.is_empty() || rest.starts_with('>') {
                break;
            }
            let len = rest
                .find(|c: char| c.is_ascii_whitespace() || "/>=".contains(c))
                .unwrap_or(rest.len())
                .max(1);
            let attribute = rest[..len].to_ascii_lowercase();
            rest = &rest[len..];
            let mut value = String::new();
            if let Some(after) = rest.trim_start().strip_prefix('=') {
                let after = after.trim_start();
                let (quoted, end) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        (true, after[1..].find(q).map_or(after.len(), |e| e + 1))
                    }
                    _ => (
                        false,
                        after
                            .find(|c: char| c.is_ascii_whitespace() || c == '>')
                            .unwrap_or(after.len()),
                    ),
                };
                value = after[usize::from(quoted)..end].to_owned();
                rest = &after[(end + usize::from(quoted)).min(after.len())..];
            }
            attributes.push((attribute, value));
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            rest = rest.find(&close).map_or("", |end| &rest[end..]);
        }
        found.push(Tag { name, attributes });
    }
    found
}

/// The markup in `html` that could run script or that no page needs:
/// `<script>`, embedded content, event handler attributes, links to
/// `javascript:`, `vbscript:` or `data:`, and the custom element the test
/// strings carry, sorted.
pub fn live_markup(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for tag in tags(html) {
        if matches!(
            tag.name.as_str(),
            "script" | "errcat-x" | "img" | "iframe" | "svg" | "object"
        ) {
            found.push(format!("<{}>", tag.name));
        }
        for (attribute, value) in &tag.attributes {
            if attribute.starts_with("on") {
                found.push(format!("<{} {attribute}>", tag.name));
            }
            let value = value.trim_start().to_ascii_lowercase();
            for scheme in ["javascript:", "vbscript:", "data:"] {
                if value.starts_with(scheme) {
                    found.push(format!("<{} {attribute}={scheme}>", tag.name));
                }
            }
        }
    }
    found.sort();
    found
}

//! The errcat book (`book/`) builds with mdbook, and its code is real:
//! every Rust and TypeScript block is an include of a file the tests build
//! or type-check (the `book-examples` crate, the first-hour test, the
//! build-script demo, the example service, `book/ts/` here), and every
//! include, anchor and line range resolves.

use crate::harness;
use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;

fn book() -> PathBuf {
    support::repo_root().join("book")
}

/// Every chapter, by file name, with its text.
fn chapters() -> Vec<(String, String)> {
    let mut chapters: Vec<(String, String)> = std::fs::read_dir(book().join("src"))
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    chapters.sort();
    chapters
}

/// A fenced block: its info string's language and its lines.
struct Block {
    language: String,
    lines: Vec<String>,
}

fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for line in text.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => {
                open = Some(Block {
                    language: info.split(',').next().unwrap_or("").trim().to_owned(),
                    lines: Vec::new(),
                });
            }
            (Some(_), Some(_)) => blocks.extend(open.take()),
            (Some(block), None) => block.lines.push(line.to_owned()),
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "a code block is not closed");
    blocks
}

/// The `{{#include path[:anchor|:from:to]}}` directives of `text`.
fn includes(text: &str) -> Vec<(String, Option<String>)> {
    text.match_indices("{{#include ")
        .map(|(at, directive)| {
            let rest = &text[at + directive.len()..];
            let inner = &rest[..rest.find("}}").expect("a closed include")];
            match inner.split_once(':') {
                Some((path, selector)) => (path.to_owned(), Some(selector.to_owned())),
                None => (inner.to_owned(), None),
            }
        })
        .collect()
}

/// Files whose code the tests build or type-check.
const BUILT: [&str; 7] = [
    "examples/book/src/",
    "examples/build-script-demo/",
    "examples/fold-service/src/",
    "examples/fold-service/build.rs",
    "examples/fold-service/tests/",
    "cli/tests/it/first_hour.rs",
    "book/ts/",
];

#[test]
fn every_rust_and_typescript_block_is_included_from_a_built_file() {
    let src = book().join("src");
    let mut code_blocks = 0;
    for (chapter, text) in chapters() {
        for block in blocks(&text) {
            if !matches!(block.language.as_str(), "rust" | "ts" | "typescript") {
                continue;
            }
            code_blocks += 1;
            for line in &block.lines {
                assert!(
                    line.trim().starts_with("{{#include ") && line.trim().ends_with("}}"),
                    "{chapter}: a {} block holds code of its own, which nothing compiles: {line:?}",
                    block.language
                );
                for (path, _) in includes(line) {
                    let target = normalized(&src.join(&path));
                    let relative = target.strip_prefix(support::repo_root()).unwrap();
                    let relative = relative.to_string_lossy();
                    assert!(
                        BUILT.iter().any(|built| relative.starts_with(built)),
                        "{chapter}: `{relative}` is not among the files the tests build"
                    );
                }
            }
        }
    }
    assert!(code_blocks >= 20, "only {code_blocks} code blocks");
}

#[test]
fn every_include_resolves() {
    let src = book().join("src");
    for (chapter, text) in chapters() {
        for (path, selector) in includes(&text) {
            let target = src.join(&path);
            let included = std::fs::read_to_string(&target)
                .unwrap_or_else(|e| panic!("{chapter}: `{path}`: {e}"));
            let Some(selector) = selector else { continue };
            if let Some((from, to)) = selector.split_once(':') {
                let lines = included.lines().count();
                let from: usize = from.parse().unwrap();
                assert!(from >= 1 && from <= lines, "{chapter}: `{path}:{selector}`");
                if !to.is_empty() {
                    let to: usize = to.parse().unwrap();
                    assert!(to >= from && to <= lines, "{chapter}: `{path}:{selector}`");
                }
            } else {
                for marker in [
                    format!("ANCHOR: {selector}\n"),
                    format!("ANCHOR_END: {selector}\n"),
                ] {
                    assert!(
                        included.contains(&marker),
                        "{chapter}: `{path}` has no `{}`",
                        marker.trim()
                    );
                }
            }
        }
    }
}

/// `a/b/../c` → `a/c`, without touching the disk.
fn normalized(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn the_books_typescript_passes_strict_tsc() {
    let Some(tsc) = harness::tsc() else { return };
    // The snippets import the generated modules by their paths in the
    // repository; an ES-module package around copies of both, as an app's.
    let dir = tempfile::tempdir().unwrap();
    let root = support::repo_root();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(book().join("ts")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let copy = dir.path().join("book/ts").join(&name);
        std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
        std::fs::copy(entry.path(), &copy).unwrap();
        files.push(format!("book/ts/{name}"));
    }
    for module in [
        "generated/typescript/errors.ts",
        "examples/function-compute/generated/typescript/errors.ts",
    ] {
        let copy = dir.path().join(module);
        std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
        std::fs::copy(root.join(module), copy).unwrap();
    }
    std::fs::write(
        dir.path().join("package.json"),
        "{ \"type\": \"module\" }\n",
    )
    .unwrap();
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    // `fetch` and `setTimeout` are the app's, from the DOM library.
    let output = harness::run_tsc(
        &tsc,
        dir.path(),
        &["--noEmit", "--lib", "es2022,dom"],
        &files,
    );
    assert!(output.status.success(), "{}", harness::transcript(&output));
}

#[test]
fn the_book_builds_with_mdbook() {
    let Some(mdbook) = support::mdbook() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let run = Command::new(mdbook)
        .arg("build")
        .arg(book())
        .arg("--dest-dir")
        .arg(out.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "mdbook build failed:\n{stderr}");
    assert!(
        !stderr.contains("ERROR") && !stderr.contains("WARN"),
        "{stderr}"
    );
    let page = std::fs::read_to_string(out.path().join("getting-started.html")).unwrap();
    assert!(!page.contains("{{#include"), "an include was left as it is");
    assert!(page.contains("ORDER_NOT_FOUND"));
    assert!(page.contains("ShopError"), "the service was not included");
    assert!(
        !page.contains("ANCHOR"),
        "anchor lines leaked into the page"
    );
}

//! The generated docs folder is an mdBook source as it is: `mdbook build`
//! succeeds on it and the book keeps every code's anchor and entry link.
//!
//! mdbook is installed by `cargo xtask test` with
//! `cargo install mdbook --locked --version 0.4.52`.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;

use errcat_codegen::emit::markdown;
use errcat_codegen::write::{Mode, Owner, sync};

fn build(catalog_dir: &Path) -> Option<(tempfile::TempDir, PathBuf)> {
    let mdbook = support::mdbook()?;
    let catalog = errcat_codegen::load_dir(catalog_dir).unwrap_or_else(|d| panic!("{d}"));
    let temp = tempfile::tempdir().unwrap();
    let src = temp.path().join("docs");
    sync(
        &src,
        Owner {
            catalog: &catalog.name,
            kind: errcat_codegen::write::Kind::Generated,
            locked: false,
            source: None,
        },
        &markdown::emit(&catalog),
        Mode::Write,
    )
    .unwrap();
    let out = temp.path().join("book");
    let run = Command::new(mdbook)
        .arg("build")
        .arg(&src)
        .arg("--dest-dir")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "mdbook build failed:\n{stderr}");
    // mdBook reports broken SUMMARY entries and unparsable files as
    // warnings and still succeeds; a clean build has none.
    assert!(
        !stderr.contains("WARN") && !stderr.contains("ERROR"),
        "mdbook build warned:\n{stderr}"
    );
    Some((temp, out))
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn mini_docs_build_as_a_book_with_every_anchor() {
    let Some((_temp, book)) = build(&support::fixture("mini")) else {
        return;
    };
    let catalog = errcat_codegen::load_dir(&support::fixture("mini")).unwrap();
    let index = read(book.join("index.html"));
    assert!(index.contains("Mini API errors"), "{index}");
    for code in &catalog.codes {
        let stem = errcat_codegen::emit::docs::page_stem(&catalog, code.category);
        let anchor = code.anchor();
        assert!(
            index.contains(&format!("id=\"{anchor}\"")),
            "index lacks #{anchor}"
        );
        assert!(
            index.contains(&format!("href=\"{stem}.html#{anchor}\"")),
            "index does not link {stem}.html#{anchor}"
        );
        let page = read(book.join(format!("{stem}.html")));
        assert!(
            page.contains(&format!("id=\"{anchor}\"")),
            "{stem}.html lacks #{anchor}"
        );
    }
    // The sidebar lists the categories in catalog order.
    let toc = read(book.join("toc.js"));
    let positions: Vec<usize> = ["auth.html", "resources.html", "limits.html"]
        .iter()
        .map(|page| toc.find(page).unwrap_or_else(|| panic!("toc lacks {page}")))
        .collect();
    assert!(positions.is_sorted(), "{positions:?}");
}

#[test]
fn every_repository_catalog_builds_as_a_book() {
    let catalogs = support::catalog_dirs();
    assert!(catalogs.len() > 2, "no example catalogs found");
    for dir in catalogs {
        let Some((_temp, book)) = build(&dir) else {
            return;
        };
        let catalog = errcat_codegen::load_dir(&dir).unwrap();
        let index = read(book.join("index.html"));
        for code in &catalog.codes {
            assert!(
                index.contains(&format!("id=\"{}\"", code.anchor())),
                "{}: the book's index lacks #{}",
                dir.display(),
                code.anchor()
            );
        }
    }
}

//! The markdown docs of the mini fixture, file by file, and the properties
//! every docs folder must have: deterministic, every link lands on an
//! anchor, every code reachable from the index.

use crate::support;

use errcat_codegen::emit::markdown::{self, Options};
use errcat_codegen::load_dir;
use std::collections::BTreeMap;

fn mini() -> errcat_codegen::Catalog {
    load_dir(&support::fixture("mini")).unwrap_or_else(|d| panic!("mini loads:\n{d}"))
}

#[test]
fn mini_pages_match_their_snapshots() {
    let files = markdown::emit(&mini());
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "README.md",
            "auth.md",
            "resources.md",
            "limits.md",
            "SUMMARY.md",
            "book.toml"
        ]
    );
    for file in &files {
        insta::assert_snapshot!(format!("mini__{}", file.path), file.contents);
    }
}

/// Every catalog in the repository, by folder.
fn repository_catalogs() -> Vec<(String, errcat_codegen::Catalog)> {
    let mut out = Vec::new();
    for dir in support::catalog_dirs() {
        let catalog = load_dir(&dir).unwrap_or_else(|d| panic!("{}:\n{d}", dir.display()));
        out.push((dir.display().to_string(), catalog));
    }
    out
}

/// Every `](page.md#anchor)` link of every page lands on a page that has an
/// explicit `<a id="anchor">`, and every code has an anchor on the index and
/// on its category page.
#[test]
fn every_link_lands_and_every_code_has_its_anchors() {
    for (name, catalog) in repository_catalogs() {
        let files = markdown::emit(&catalog);
        let pages: BTreeMap<&str, &str> = files
            .iter()
            .map(|f| (f.path.as_str(), f.contents.as_str()))
            .collect();
        for (path, contents) in &pages {
            for (at, _) in contents.match_indices("](") {
                let rest = &contents[at + 2..];
                let target = &rest[..rest.find(')').unwrap()];
                if target.starts_with("https://") {
                    continue;
                }
                let (page, anchor) = target.split_once('#').unwrap_or((target, ""));
                let Some(linked) = pages.get(page) else {
                    panic!("{name}: {path} links to missing {target}");
                };
                if !anchor.is_empty() {
                    assert!(
                        linked.contains(&format!("<a id=\"{anchor}\"></a>")),
                        "{name}: {path} links to {target}, which has no such anchor"
                    );
                }
            }
        }
        for code in &catalog.codes {
            let anchor = format!("<a id=\"{}\"></a>", code.anchor());
            let page = format!(
                "{}.md",
                errcat_codegen::emit::docs::page_stem(&catalog, code.category)
            );
            assert!(
                pages["README.md"].contains(&anchor),
                "{name}: index lacks {anchor}"
            );
            assert!(
                pages[page.as_str()].contains(&anchor),
                "{name}: {page} lacks {anchor}"
            );
        }
    }
}

#[test]
fn every_file_starts_with_the_notice_and_output_is_deterministic() {
    for (name, catalog) in repository_catalogs() {
        let files = markdown::emit(&catalog);
        assert_eq!(files, markdown::emit(&catalog), "{name}");
        for file in &files {
            let notice = if file.path.ends_with(".toml") {
                errcat_codegen::emit::hash_notice(&catalog.name)
            } else {
                errcat_codegen::emit::html_notice(&catalog.name)
            };
            assert!(file.contents.starts_with(&notice), "{name}: {}", file.path);
        }
    }
}

#[test]
fn front_matter_suits_docusaurus_and_starlight() {
    let catalog = mini();
    let files = markdown::emit_with(&catalog, &Options { front_matter: true });
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["index.md", "auth.md", "resources.md", "limits.md"]);
    let auth = &files[1].contents;
    assert!(
        auth.starts_with(&format!(
            "---\n# {}\ntitle: \"Authentication\"\ndescription: \"Who you are and what you may do.\"\n---\n\n",
            errcat_codegen::emit::notice("mini")
        )),
        "{auth}"
    );
    // MDX rejects HTML comments, so none may remain; the writer still finds
    // the notice on the second line.
    for file in &files {
        assert!(!file.contents.contains("<!--"), "{}", file.path);
        assert!(
            errcat_codegen::emit::is_generated(&file.contents),
            "{}",
            file.path
        );
    }
    assert!(files[0].contents.contains("[Authentication](auth.md)"));
    assert!(files[1].contents.contains("[All error codes](index.md)"));
}

//! The static docs site: self-contained (no request leaves the folder, every
//! link lands), and, in headless Chromium, searchable, filterable and fast
//! at ten thousand codes. Screenshots go to `target/test-artifacts/`.

use crate::support;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use errcat_codegen::emit::site;

/// Every `href="..."` and `src="..."` value in `html`.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for (at, _) in html.match_indices(attr) {
            let rest = &html[at + attr.len()..];
            out.push(rest[..rest.find('"').unwrap()].replace("&amp;", "&"));
        }
    }
    out
}

#[test]
fn every_link_of_the_site_stays_inside_it_and_lands() {
    let catalog = errcat_codegen::load_dir(&support::repo_root().join("catalog")).unwrap();
    let files = site::emit(&catalog);
    let file = |name: &str| files.iter().find(|f| f.path == name);
    for page in files.iter().filter(|f| f.path.ends_with(".html")) {
        for link in links(&page.contents) {
            if link.starts_with("https://") || link.starts_with("mailto:") {
                // Links out of the catalog's own text are fine; what the site
                // loads itself must be local, which the tags below check.
                continue;
            }
            let (target, anchor) = link.split_once('#').unwrap_or((&link, ""));
            let target = if target.is_empty() {
                &page.path
            } else {
                target
            };
            let Some(target_file) = file(target) else {
                panic!("{} links to missing {link}", page.path);
            };
            if !anchor.is_empty() {
                assert!(
                    target_file.contents.contains(&format!("id=\"{anchor}\"")),
                    "{} links to {link}, which has no such id",
                    page.path
                );
            }
        }
        assert!(!page.contents.contains("src=\"http"), "{}", page.path);
        assert!(!page.contents.contains("href=\"//"), "{}", page.path);
    }
}

/// A catalog of `n` codes in ten categories, written as TOML, with varied
/// statuses and words so that searches match some rows and not others;
/// each code in the class `client` or `server` by its status, and tagged
/// with its word's first part.
fn synthetic_catalog(dir: &Path, n: usize) {
    let mut settings = String::from(
        "[catalog]\nname = \"big\"\ntitle = \"Big API\"\ncode_style = \"SCREAMING_SNAKE_CASE\"\n",
    );
    for c in 0..10 {
        let _ = write!(
            settings,
            "\n[[category]]\nid = \"area{c}\"\ntitle = \"Area {c}\"\n"
        );
    }
    settings.push_str(
        "\n[[class]]\nid = \"client\"\ntitle = \"Client fault\"\n\n[[class]]\nid = \"server\"\ntitle = \"Server fault\"\n",
    );
    std::fs::write(dir.join("catalog.toml"), settings).unwrap();
    let words = [
        "QUOTA_EXCEEDED",
        "NOT_FOUND",
        "CONFLICT",
        "INVALID",
        "UNAVAILABLE",
    ];
    let statuses = [429, 404, 409, 400, 503];
    for c in 0..10 {
        let mut codes = String::new();
        for i in (c..n).step_by(10) {
            let w = i % words.len();
            let _ = write!(
                codes,
                "[E{i:05}_{word}]\nstatus = {status}\nmessage = \"item {{item}} of area {c} failed: {lower} {i}\"\nparams = {{ item = \"string\" }}\nhint = \"Check item {i} and retry.\"\ndescription = \"Synthetic code {i} ({lower}).\"\nclass = \"{class}\"\ntags = [\"{tag}\"]\n\n",
                word = words[w],
                status = statuses[w],
                lower = words[w].to_lowercase().replace('_', " "),
                class = if statuses[w] >= 500 {
                    "server"
                } else {
                    "client"
                },
                tag = words[w]
                    .split('_')
                    .next()
                    .unwrap_or_default()
                    .to_lowercase(),
            );
        }
        std::fs::write(dir.join(format!("area{c}.toml")), codes).unwrap();
    }
}

#[test]
fn errcat_site_writes_the_site_and_rewrites_only_what_changed() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("site");
    let stderr = |run: std::process::Output| {
        assert!(run.status.success());
        String::from_utf8(run.stderr).unwrap()
    };
    let site = |out: &Path| {
        Command::new(env!("CARGO_BIN_EXE_errcat"))
            .args(["site", "--catalog"])
            .arg(support::fixture("mini"))
            .arg("--out")
            .arg(out)
            .current_dir(support::outside_any_project())
            .output()
            .unwrap()
    };
    let index = out.join("index.html");
    assert_eq!(
        stderr(site(&out)),
        format!(
            // The six pages and assets, and the manifest that records them.
            "{}: 7 written, 0 removed, 0 unchanged; open {}\n",
            out.display(),
            index.display()
        )
    );
    for file in [
        "index.html",
        "auth.html",
        "resources.html",
        "limits.html",
        "assets/errcat.css",
        "assets/errcat.js",
    ] {
        assert!(out.join(file).is_file(), "{file}");
    }
    assert_eq!(
        stderr(site(&out)),
        format!(
            "{}: 0 written, 0 removed, 6 unchanged; open {}\n",
            out.display(),
            index.display()
        )
    );
}

fn errcat_site(catalog: &Path, out: &Path) {
    let run = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(["site", "--catalog"])
        .arg(catalog)
        .arg("--out")
        .arg(out)
        .current_dir(support::outside_any_project())
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "errcat site failed:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn artifacts() -> PathBuf {
    // CARGO_TARGET_TMPDIR is `<target>/tmp`, so this honours a custom
    // target directory.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("test-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_site_searches_filters_and_links_in_a_browser() {
    let (Some(node), Some(_), Some(_)) = (
        support::tool("/usr/bin/node"),
        support::tool("tools/node_modules/playwright-core"),
        support::tool("/usr/bin/chromium"),
    ) else {
        return;
    };
    let temp = tempfile::tempdir().unwrap();
    let small = temp.path().join("site");
    errcat_site(&support::repo_root().join("catalog"), &small);
    let big_catalog = temp.path().join("big-catalog");
    std::fs::create_dir(&big_catalog).unwrap();
    synthetic_catalog(&big_catalog, 10_000);
    let big = temp.path().join("big-site");
    errcat_site(&big_catalog, &big);
    let classed = temp.path().join("postgres-site");
    errcat_site(
        &support::repo_root().join("examples/postgres/catalog"),
        &classed,
    );

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/site/check.mjs");
    let shots = artifacts();
    let run = Command::new(node)
        .env("ERRCAT_TOOLS_DIR", support::repo_root().join("tools"))
        .arg(script)
        .arg(&small)
        .arg("VERSION_NOT_FOUND")
        .arg(&shots)
        .arg(&big)
        .arg(&classed)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "browser checks failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // The measurements, visible with `--nocapture`.
    eprintln!("{stdout}");
    assert!(
        stdout.contains("\"landed\":\"resources.html#version_not_found\""),
        "{stdout}"
    );
    assert!(stdout.contains("\"rows\":10000"), "{stdout}");
    assert!(
        stdout.contains("\"classes\":{\"rows\":28,\"badge\":\"Class 42\"}"),
        "{stdout}"
    );
    for shot in [
        "site-search.png",
        "site-index.png",
        "site-entry.png",
        "site-10k.png",
    ] {
        assert!(shots.join(shot).is_file(), "{shot} was not saved");
    }
}

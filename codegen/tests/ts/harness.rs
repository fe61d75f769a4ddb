//! What the TypeScript tests share: which catalogs to generate, a strict
//! `tsc` run, and `node`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use errcat_codegen::Catalog;
use errcat_codegen::emit::typescript;

use crate::support;

/// Every catalog the tests read ([`support::catalog_dirs`]), loaded, with
/// a name for messages.
pub fn catalogs() -> Vec<(String, Catalog)> {
    support::catalog_dirs()
        .into_iter()
        .filter(|dir| dir.join("catalog.toml").is_file())
        .map(|dir| {
            let catalog = errcat_codegen::load_dir(&dir)
                .unwrap_or_else(|diagnostics| panic!("{}:\n{diagnostics}", dir.display()));
            (dir.display().to_string(), catalog)
        })
        .collect()
}

pub fn mini() -> Catalog {
    errcat_codegen::load_dir(&support::fixture("mini")).unwrap_or_else(|d| panic!("{d}"))
}

/// The generated module's text.
pub fn errors_ts(catalog: &Catalog) -> String {
    let files = typescript::emit(catalog);
    assert_eq!(files.len(), 1, "the emitter writes one module");
    assert_eq!(files[0].path, typescript::FILE);
    files[0].contents.clone()
}

/// A folder holding `errors.ts` for `catalog`, as an ES module package, so
/// `--module nodenext` checks the output the way Node and bundlers read it.
pub fn package(catalog: &Catalog) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(typescript::FILE), errors_ts(catalog)).unwrap();
    std::fs::write(
        dir.path().join("package.json"),
        "{ \"type\": \"module\" }\n",
    )
    .unwrap();
    dir
}

/// The strictest settings a consumer might compile the output with; no DOM
/// library, since the module must not depend on one.
pub const TSC_FLAGS: &[&str] = &[
    "--strict",
    "--noUnusedLocals",
    "--noUnusedParameters",
    "--noImplicitReturns",
    "--noFallthroughCasesInSwitch",
    "--noUncheckedIndexedAccess",
    "--noPropertyAccessFromIndexSignature",
    "--exactOptionalPropertyTypes",
    "--erasableSyntaxOnly",
    "--verbatimModuleSyntax",
    "--isolatedDeclarations",
    "--declaration",
    "--target",
    "es2022",
    "--lib",
    "es2022",
    "--module",
    "nodenext",
];

pub fn tsc() -> Option<PathBuf> {
    support::tool("tools/node_modules/.bin/tsc")
}

/// Runs `tsc` with [`TSC_FLAGS`] and `extra` over `files` in `dir`.
pub fn run_tsc(tsc: &Path, dir: &Path, extra: &[&str], files: &[&str]) -> Output {
    Command::new(tsc)
        .current_dir(dir)
        .args(TSC_FLAGS)
        .args(extra)
        .args(files)
        .output()
        .expect("tsc runs")
}

pub fn transcript(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// `node` from `PATH`; like [`support::tool`], missing means skip unless
/// the tools are required.
pub fn node() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join("node"))
            .find(|candidate| candidate.is_file())
    });
    if found.is_none() {
        if std::env::var_os("ERRCAT_REQUIRE_TOOLS").is_some() {
            panic!("`node` is not on PATH");
        }
        eprintln!("skipped: `node` is not on PATH");
    }
    found
}

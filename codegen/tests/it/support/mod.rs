//! Shared by the integration tests: where the repository and the pinned
//! external tools are.
//!
//! The tools (tsc, playwright-core, mdbook, Chromium, Python validators) are
//! installed by `cargo xtask test`, which also sets `ERRCAT_REQUIRE_TOOLS=1`
//! so that in CI a missing tool fails the run instead of skipping the test.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the crates are one folder below the repository root")
        .to_path_buf()
}

/// A catalog of `codegen/tests/fixtures`, which the CLI's tests share.
pub fn fixture(name: &str) -> PathBuf {
    repo_root().join("codegen/tests/fixtures").join(name)
}

/// An external tool at `path` (absolute, or relative to the repository
/// root). `None` means the caller should skip; with `ERRCAT_REQUIRE_TOOLS`
/// set, a missing tool is a test failure.
pub fn tool(path: &str) -> Option<PathBuf> {
    let candidate = if Path::new(path).is_absolute() {
        PathBuf::from(path)
    } else {
        repo_root().join(path)
    };
    if candidate.exists() {
        return Some(candidate);
    }
    if std::env::var_os("ERRCAT_REQUIRE_TOOLS").is_some() {
        panic!("`{path}` is missing; `cargo xtask test` installs it");
    }
    eprintln!(
        "skipped: `{path}` is not installed (run `cargo xtask test` to install the test tools)"
    );
    None
}

/// The first `mdbook` on `PATH`, else `$CARGO_HOME/bin/mdbook` (by default
/// `~/.cargo/bin`), where `cargo install` puts it; [`tool`] decides to skip
/// or fail without one.
pub fn mdbook() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join("mdbook"))
            .find(|candidate| candidate.is_file())
    });
    if let Some(found) = on_path {
        return Some(found);
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(&std::env::var_os("HOME").unwrap_or_default()).join(".cargo"));
    tool(&cargo_home.join("bin/mdbook").to_string_lossy())
}

/// Every file below `dir`, by `/`-separated relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap();
                let key = relative.to_string_lossy().replace('\\', "/");
                files.insert(key, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// Replaces the first `from` in `file` of the catalog folder `catalog` with
/// `to`; a `from` that is not there fails the test, so an edit never
/// silently tests the unedited catalog.
pub fn edit_catalog(catalog: &Path, file: &str, from: &str, to: &str) {
    let path = catalog.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "`{from}` is not in {file}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// A copy of the fixture catalog `name` at `dir/catalog`.
pub fn copy_fixture(name: &str, dir: &Path) {
    let catalog = dir.join("catalog");
    std::fs::create_dir(&catalog).unwrap();
    for entry in std::fs::read_dir(fixture(name)).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), catalog.join(entry.file_name())).unwrap();
    }
}

/// The catalog's generated crate, written to a temporary folder as a
/// standalone workspace pinned to the repository's dependency versions
/// (its `Cargo.lock`), with `serde_json` for the tests and examples a test
/// adds beside it.
pub fn generated_crate(catalog: &errcat_codegen::Catalog) -> tempfile::TempDir {
    use errcat_codegen::emit::rust::{self, Options};
    let runtime = repo_root().join("runtime");
    let options = Options {
        runtime_dependency: format!("{{ path = {:?} }}", runtime.display().to_string()),
        crate_name: None,
    };
    let dir = tempfile::tempdir().expect("temp dir");
    for file in rust::emit(catalog, &options) {
        let path = dir.path().join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, file.contents).unwrap();
    }
    let manifest = dir.path().join("Cargo.toml");
    let mut toml = std::fs::read_to_string(&manifest).unwrap();
    toml.push_str("\n[workspace]\n\n[dev-dependencies]\nserde_json = \"1\"\n");
    std::fs::write(&manifest, toml).unwrap();
    std::fs::copy(
        repo_root().join("Cargo.lock"),
        dir.path().join("Cargo.lock"),
    )
    .unwrap();
    dir
}

/// The repository's catalogs, as `errcat.toml` lists them (the list
/// `errcat gen` and `cargo xtask gen` use), in its order.
pub fn repository_catalogs() -> Vec<PathBuf> {
    let root = repo_root();
    let config = errcat_codegen::config::load(&root.join("errcat.toml"))
        .unwrap_or_else(|diagnostics| panic!("errcat.toml:\n{diagnostics}"));
    config
        .catalogs
        .iter()
        .map(|entry| root.join(&entry.catalog))
        .collect()
}

/// Every catalog folder the tests read: the `mini` fixture (which uses
/// every field), then the repository's catalogs.
pub fn catalog_dirs() -> Vec<PathBuf> {
    let mut dirs = vec![fixture("mini")];
    dirs.extend(repository_catalogs());
    dirs
}

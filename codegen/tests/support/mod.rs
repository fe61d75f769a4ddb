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
        .expect("codegen is one folder below the repository root")
        .to_path_buf()
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
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

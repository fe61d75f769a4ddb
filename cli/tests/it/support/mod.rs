//! The CLI's tests share the library's support module, and add the binary.

#![allow(dead_code)]

#[path = "../../../../codegen/tests/it/support/mod.rs"]
mod shared;

use std::path::Path;
use std::process::{Command, Output};

pub use shared::*;

/// The `errcat` binary under test, run in `dir` so every path it prints is
/// relative.
pub fn errcat(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the errcat binary runs")
}

/// How a run of the binary ended, for tests that read what it told the user.
pub struct Run {
    pub success: bool,
    pub stderr: String,
}

/// [`errcat`], with its standard error as text.
pub fn run(dir: &Path, args: &[&str]) -> Run {
    let output = errcat(dir, args);
    Run {
        success: output.status.success(),
        stderr: String::from_utf8(output.stderr).expect("errcat writes UTF-8"),
    }
}

/// `errcat gen` of `dir/catalog` into `dir/generated`, and its check.
pub const GEN: &[&str] = &["gen", "--catalog", "catalog", "--out", "generated"];
pub const CHECK: &[&str] = &[
    "gen",
    "--catalog",
    "catalog",
    "--out",
    "generated",
    "--check",
];

/// A folder with no `errcat.toml` in it or above it, for runs that name
/// their folders with flags: inside the repository, its own config applies.
pub fn outside_any_project() -> std::path::PathBuf {
    let dir = std::env::temp_dir();
    assert!(
        errcat_codegen::config::find(&dir).is_none(),
        "`{}` is inside a folder with an `errcat.toml`",
        dir.display()
    );
    dir
}

//! Repository chores. `cargo xtask gen [--check]` regenerates (or checks) the
//! committed outputs of every catalog `errcat.toml` lists, as `errcat gen`
//! does (`lock`, `explain` and `site` are the CLI's too); `cargo xtask test` installs the tools
//! the tests drive and runs every check CI runs; `cargo xtask bench` prints
//! the benchmark table. Dependencies stay few on purpose: this runs in CI
//! before anything else.

mod alloc;
mod bench;
mod synthetic;
mod test;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask gen [--check] | cargo xtask lock | cargo xtask test | cargo xtask bench [gen | build]";

#[global_allocator]
static ALLOCATOR: alloc::Counting = alloc::Counting;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        // The `errcat` command itself, on the catalogs `errcat.toml` lists,
        // so the drift check here is exactly what a user's CI runs.
        ["gen" | "lock" | "explain" | "site", ..] => {
            let shell = errcat_cli::Shell {
                program: "cargo xtask",
            };
            errcat_cli::run(&shell, std::env::args_os())
        }
        ["test"] => report(test::run(&repo_root())),
        ["bench"] => report(bench::run(&repo_root(), bench::Scope::All)),
        ["bench", "gen"] => report(bench::run(&repo_root(), bench::Scope::Gen)),
        ["bench", "build"] => report(bench::run(&repo_root(), bench::Scope::Build)),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::FAILURE
        }
    }
}

fn report(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one folder below the repository root")
        .to_path_buf()
}

//! Repository chores. `cargo xtask gen [--check]` regenerates (or checks) the
//! committed outputs of every catalog; `cargo xtask test` installs the tools
//! the tests drive and runs every check CI runs; `cargo xtask bench` prints
//! the benchmark table. Dependencies stay few on purpose: this runs in CI
//! before anything else.

mod alloc;
mod bench;
mod synthetic;
mod test;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use errcat_codegen::generate::{self, Targets};
use errcat_codegen::write::Mode;

const USAGE: &str = "usage: cargo xtask gen [--check] | cargo xtask test | cargo xtask bench [gen]";

#[global_allocator]
static ALLOCATOR: alloc::Counting = alloc::Counting;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["gen"] => gen_all(Mode::Write),
        ["gen", "--check"] => gen_all(Mode::Check),
        ["test"] => report(test::run(&repo_root())),
        ["bench"] => report(bench::run(&repo_root(), false)),
        ["bench", "gen"] => report(bench::run(&repo_root(), true)),
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

/// Every (catalog, output) pair in the repository: the main catalog into
/// `generated/`, and each example's `catalog/` into its own `generated/`.
fn catalogs(root: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut pairs = vec![(PathBuf::from("catalog"), PathBuf::from("generated"))];
    let mut examples: Vec<PathBuf> = std::fs::read_dir(root.join("examples"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.join("catalog").join("catalog.toml").is_file())
        .map(|path| path.strip_prefix(root).unwrap_or(&path).to_path_buf())
        .collect();
    examples.sort();
    pairs.extend(
        examples
            .into_iter()
            .map(|example| (example.join("catalog"), example.join("generated"))),
    );
    pairs
}

fn gen_all(mode: Mode) -> ExitCode {
    let root = repo_root();
    let mut failed = false;
    let mut stale = 0;
    for (catalog, out) in catalogs(&root) {
        let mut targets = Targets::default();
        if let Some(rust) = targets.rust.as_mut() {
            // From <out>/rust back to the repository root, then into runtime/.
            let depth = out.components().count() + 1;
            let up = "../".repeat(depth);
            rust.runtime_dependency = format!("{{ path = \"{up}runtime\" }}");
        }
        match generate::run(&root.join(&catalog), &root.join(&out), &targets, mode) {
            Ok(report) if mode == Mode::Check => {
                if !report.is_clean() {
                    print!("{}", report.diff);
                    stale += report.changed.len() + report.removed.len();
                }
                if report.interrupted {
                    eprint!("{}", report.stale_message(&out, "cargo xtask gen"));
                    failed = true;
                }
            }
            Ok(report) => eprintln!("{}", report.summary(&out)),
            Err(err) => {
                // The error says what it left of the outputs: an interrupted
                // write leaves some new, so this line claims nothing more.
                eprint!("{err}");
                eprintln!("error: `{}` was not generated", catalog.display());
                failed = true;
            }
        }
    }
    if stale > 0 {
        eprintln!(
            "error: {stale} generated file(s) are stale\n  = help: run `cargo xtask gen` and commit the result"
        );
        failed = true;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

//! The `errcat` command line: a thin shell over the `errcat_codegen` library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use errcat_codegen::generate::{self, Targets};
use errcat_codegen::lock;
use errcat_codegen::write::{self, Mode};
use errcat_codegen::{emit, explain};

#[derive(Parser)]
#[command(
    name = "errcat",
    version,
    about = "One TOML error catalog; Rust, TypeScript, docs and API descriptions generated from it"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate every output of a catalog, or check that they are current.
    Gen {
        /// Folder holding `catalog.toml` and the code files.
        #[arg(long, default_value = "catalog")]
        catalog: PathBuf,
        /// Folder the outputs are written to.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        /// Write nothing; print a diff of stale outputs and exit 1 if any.
        #[arg(long)]
        check: bool,
        /// Path of the errcat runtime crate, relative to the generated Rust
        /// crate; without it the crate depends on the published version.
        #[arg(long)]
        runtime_path: Option<String>,
    },
    /// Record the catalog's codes in its stability lock (`errcat.lock`), which
    /// `errcat gen` then holds the catalog to. Breaking changes are refused
    /// unless `--allow-breaking` says why; the reason is kept in the lock.
    Lock {
        /// Folder holding `catalog.toml` and the code files.
        #[arg(long, default_value = "catalog")]
        catalog: PathBuf,
        /// Accept breaking changes to published codes, for this reason.
        #[arg(long, value_name = "REASON")]
        allow_breaking: Option<String>,
    },
    /// Print one code's docs entry for a terminal, like `rustc --explain`.
    Explain {
        /// The code or one of its aliases, in any case.
        code: String,
        /// Folder holding `catalog.toml` and the code files.
        #[arg(long, default_value = "catalog")]
        catalog: PathBuf,
    },
    /// Build the static docs site: a searchable index and a page per
    /// category, self-contained (open `index.html` from disk or any host).
    Site {
        /// Folder holding `catalog.toml` and the code files.
        #[arg(long, default_value = "catalog")]
        catalog: PathBuf,
        /// Folder the site is written to.
        #[arg(long, default_value = "site")]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Gen {
            catalog,
            out,
            check,
            runtime_path,
        } => {
            let mut targets = Targets::default();
            if let (Some(rust), Some(path)) = (targets.rust.as_mut(), runtime_path) {
                rust.runtime_dependency = format!("{{ path = {path:?} }}");
            }
            let mode = if check { Mode::Check } else { Mode::Write };
            let fix = format!(
                "errcat gen --catalog {} --out {}",
                catalog.display(),
                out.display()
            );
            let code = gen_one(&catalog, &out, &targets, mode, &fix);
            if code == ExitCode::SUCCESS && !lock::path(&catalog).exists() {
                eprintln!(
                    "note: `{}` has no stability lock yet, so nothing protects its codes from breaking changes\n  = help: when the catalog is published, run `{}` and commit `{}`",
                    catalog.display(),
                    lock::fix_command(&catalog),
                    lock::path(&catalog).display()
                );
            }
            code
        }
        Command::Lock {
            catalog,
            allow_breaking,
        } => lock_one(&catalog, allow_breaking.as_deref()),
        Command::Explain { code, catalog } => match explain::run(&catalog, &code) {
            Ok(entry) => {
                print!("{entry}");
                ExitCode::SUCCESS
            }
            Err(problem) => {
                eprint!("{problem}");
                ExitCode::FAILURE
            }
        },
        Command::Site { catalog, out } => site_one(&catalog, &out),
    }
}

fn lock_one(catalog_dir: &std::path::Path, allow_breaking: Option<&str>) -> ExitCode {
    let catalog = match errcat_codegen::load_dir(catalog_dir) {
        Ok(catalog) => catalog,
        Err(diagnostics) => {
            eprint!("{diagnostics}");
            return ExitCode::FAILURE;
        }
    };
    match lock::update(catalog_dir, &catalog, allow_breaking) {
        Ok(updated) => {
            let path = updated.path.display();
            if !updated.accepted.is_empty() {
                eprintln!(
                    "{path}: accepted {} breaking change(s), reason recorded",
                    updated.accepted.len()
                );
            } else if allow_breaking.is_some() {
                eprintln!("note: nothing breaking changed, so no reason was recorded");
            }
            if updated.changed {
                eprintln!(
                    "{path}: {} code(s) locked, {} new",
                    updated.codes,
                    updated.added.len()
                );
            } else {
                eprintln!("{path}: up to date, {} code(s) locked", updated.codes);
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprint!("{err}");
            ExitCode::FAILURE
        }
    }
}

fn gen_one(
    catalog: &std::path::Path,
    out: &std::path::Path,
    targets: &Targets,
    mode: Mode,
    fix: &str,
) -> ExitCode {
    match generate::run(catalog, out, targets, mode) {
        Ok(report) if mode == Mode::Check && !report.is_clean() => {
            print!("{}", report.diff);
            eprint!("{}", report.stale_message(out, fix));
            ExitCode::FAILURE
        }
        Ok(report) => {
            if mode == Mode::Write {
                eprintln!("{}", report.summary(out));
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprint!("{err}");
            ExitCode::FAILURE
        }
    }
}

fn site_one(catalog_dir: &std::path::Path, out: &std::path::Path) -> ExitCode {
    let catalog = match errcat_codegen::load_dir(catalog_dir) {
        Ok(catalog) => catalog,
        Err(diagnostics) => {
            eprint!("{diagnostics}");
            return ExitCode::FAILURE;
        }
    };
    let owner = write::Owner {
        catalog: &catalog.name,
        locked: lock::path(catalog_dir).exists(),
        source: Some(catalog_dir),
    };
    match write::sync(out, owner, &emit::site::emit(&catalog), Mode::Write) {
        Ok(report) => {
            eprintln!(
                "{}; open {}",
                report.summary(out),
                out.join("index.html").display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprint!("{err}");
            ExitCode::FAILURE
        }
    }
}

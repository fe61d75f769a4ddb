//! The `errcat` command line, as a library so that `cargo xtask` in
//! errcat's own repository runs exactly the same commands. Each command is
//! a thin shell over `errcat_codegen`: it finds the catalogs (from
//! `errcat.toml`, or from flags where there is none), calls the library and
//! prints what happened.

mod commands;
mod init;
mod project;
mod report;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::PossibleValuesParser;
use clap::{Parser, Subcommand};
use errcat_codegen::model::{CodeStyle, WireShape};

pub use project::Shell;

#[derive(Parser)]
#[command(
    name = "errcat",
    version,
    about = "One TOML error catalog; Rust, TypeScript, docs and API descriptions generated from it",
    after_help = "Every command reads `errcat.toml`, in the current folder or the nearest one above it."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// How problems are printed: rustc-style text, or one JSON object per
    /// problem on standard output, as rustc's `--error-format json`.
    #[arg(long, global = true, value_enum, default_value = "human")]
    message_format: report::MessageFormat,
    /// Colour in the text; `auto` is on for a terminal, off with
    /// `NO_COLOR`, on with `CLICOLOR_FORCE`.
    #[arg(long, global = true, value_enum, default_value = "auto")]
    color: report::ColorChoice,
    /// Print problems only: no summaries, no notes.
    #[arg(long, short, global = true)]
    quiet: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Start here: write `errcat.toml`, a catalog named after this folder
    /// with two example codes, and (with `--ci`) a CI job for the drift
    /// check. Never overwrites a file; in a Cargo workspace, adds the
    /// generated crate to its members.
    Init {
        /// The catalog's name; by default this folder's, in lowercase.
        #[arg(long)]
        name: Option<String>,
        /// How error bodies look on the wire (`problem` is RFC 9457).
        #[arg(long, value_name = "SHAPE", default_value = "flat",
              value_parser = PossibleValuesParser::new(WireShape::ALL.map(WireShape::as_str)))]
        wire_shape: String,
        /// How codes are spelled.
        #[arg(long, value_name = "STYLE", default_value = "SCREAMING_SNAKE_CASE",
              value_parser = PossibleValuesParser::new(CodeStyle::ALL.map(CodeStyle::as_str)))]
        code_style: String,
        /// Also write a job that runs `errcat gen --check`.
        #[arg(long, value_enum)]
        ci: Option<init::Ci>,
    },
    /// Generate every output of the catalogs, or check that they are current.
    Gen {
        /// Only this catalog folder (one `errcat.toml` lists); without
        /// `errcat.toml`, the catalog folder to generate.
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// Without `errcat.toml`: the folder the outputs are written to.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Write nothing; print a diff of stale outputs and exit 1 if any.
        #[arg(long)]
        check: bool,
    },
    /// Record the catalogs' codes in their stability locks (`errcat.lock`),
    /// which `errcat gen` then holds them to. Breaking changes are refused
    /// unless `--allow-breaking` says why; the reason is kept in the lock.
    Lock {
        /// Only this catalog folder; without `errcat.toml`, the one to lock.
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// Accept breaking changes to published codes, for this reason.
        #[arg(long, value_name = "REASON")]
        allow_breaking: Option<String>,
    },
    /// Print one code's docs entry for a terminal, like `rustc --explain`.
    Explain {
        /// The code or one of its aliases, in any case.
        code: String,
        /// Only this catalog folder; without `errcat.toml`, the one to read.
        #[arg(long)]
        catalog: Option<PathBuf>,
    },
    /// Build the static docs site: a searchable index and a page per
    /// category, self-contained (open `index.html` from disk or any host).
    Site {
        /// Only this catalog folder; without `errcat.toml`, the one to read.
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// Without `errcat.toml`: the folder the site is written to.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// Runs the command line `args` (the first being the program's name), as
/// invoked through `shell`.
pub fn run(shell: &Shell<'_>, args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            // Help and version go to stdout with success, mistakes to stderr.
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let report = report::Report::new(cli.message_format, cli.color, cli.quiet);
    let report = &report;
    match cli.command {
        Command::Init {
            name,
            wire_shape,
            code_style,
            ci,
        } => init::run(
            report,
            &init::Options {
                name: name.as_deref(),
                wire_shape: WireShape::parse(&wire_shape).unwrap_or(WireShape::Flat),
                code_style: CodeStyle::parse(&code_style).unwrap_or(CodeStyle::ScreamingSnake),
                ci,
            },
        ),
        Command::Gen {
            catalog,
            out,
            check,
        } => commands::gen_all(report, shell, catalog.as_deref(), out.as_deref(), check),
        Command::Lock {
            catalog,
            allow_breaking,
        } => commands::lock_all(report, shell, catalog.as_deref(), allow_breaking.as_deref()),
        Command::Explain { code, catalog } => {
            commands::explain(report, shell, &code, catalog.as_deref())
        }
        Command::Site { catalog, out } => {
            commands::site_all(report, shell, catalog.as_deref(), out.as_deref())
        }
    }
}

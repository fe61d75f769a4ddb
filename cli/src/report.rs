//! Everything the CLI tells a person or a machine goes through [`Report`]:
//! rustc-style text (in colour on a terminal, unless `NO_COLOR`; always
//! with `CLICOLOR_FORCE`), JSON lines in rustc's diagnostic shape with
//! `--message-format json`, GitHub Actions annotations when
//! `GITHUB_ACTIONS=true`, and nothing but problems with `--quiet`.

use std::io::IsTerminal;

use errcat_codegen::Diagnostics;
use errcat_codegen::diagnostic::machine::Record;
use errcat_codegen::diagnostic::paint_levels;

/// `--message-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    /// rustc-style text on standard error.
    Human,
    /// One JSON object per problem on standard output, as rustc's.
    Json,
}

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set (or `CLICOLOR_FORCE` is).
    Auto,
    Always,
    Never,
}

pub struct Report {
    format: MessageFormat,
    color: bool,
    quiet: bool,
    github: bool,
}

impl Report {
    /// From the flags and the environment (read once, here).
    pub fn new(format: MessageFormat, color: ColorChoice, quiet: bool) -> Report {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if set("CLICOLOR_FORCE") => true,
            ColorChoice::Auto if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => {
                false
            }
            ColorChoice::Auto => std::io::stderr().is_terminal(),
        };
        Report {
            format,
            color: color && format == MessageFormat::Human,
            quiet,
            github: std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true"),
        }
    }

    /// Problems with their source lines.
    pub fn diagnostics(&self, diagnostics: &Diagnostics) {
        self.records(&diagnostics.records(), || diagnostics.render(self.color));
    }

    /// A problem (or several) written as errcat's plain messages are:
    /// `error: …` lines with `= help:` footers.
    pub fn problem(&self, text: &str) {
        self.records(&Record::from_text(text), || {
            if self.color {
                paint_levels(text)
            } else {
                text.to_owned()
            }
        });
    }

    fn records(&self, records: &[Record], human: impl FnOnce() -> String) {
        match self.format {
            MessageFormat::Human => eprint!("{}", human()),
            MessageFormat::Json => {
                let lines: String = records.iter().map(|r| r.json() + "\n").collect();
                stdout(&lines);
            }
        }
        // Workflow commands are read from standard output, so they would
        // break a stream of JSON; and a summary line has nothing to point at.
        if self.github && self.format == MessageFormat::Human {
            let folder = github_folder();
            let commands: String = records
                .iter()
                .filter(|r| (r.level == "error" || r.level == "warning") && !r.is_summary())
                .map(|r| r.github(&folder) + "\n")
                .collect();
            stdout(&commands);
        }
    }

    /// What a run did, and notes: for people only, so not with `--quiet`.
    pub fn status(&self, text: &str) {
        if self.quiet {
            return;
        }
        if self.color {
            eprint!("{}", paint_levels(text));
        } else {
            eprint!("{text}");
        }
    }

    /// The drift check's diff: standard output, unless that carries JSON.
    pub fn diff(&self, diff: &str) {
        match self.format {
            MessageFormat::Human => stdout(diff),
            MessageFormat::Json => eprint!("{diff}"),
        }
    }

    /// The command's own result (an explained code): standard output.
    pub fn output(&self, text: &str) {
        stdout(text);
    }
}

/// Writes to standard output, ignoring a reader that went away (`errcat gen
/// --check | head`): what it did not read, it did not want.
fn stdout(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Where paths in messages start (the current folder, which is the
/// config's), relative to the repository GitHub checked out.
fn github_folder() -> std::path::PathBuf {
    let here = std::env::current_dir().unwrap_or_default();
    std::env::var_os("GITHUB_WORKSPACE")
        .and_then(|workspace| {
            let workspace = std::fs::canonicalize(workspace).ok()?;
            let here = std::fs::canonicalize(&here).ok()?;
            here.strip_prefix(workspace)
                .ok()
                .map(std::path::Path::to_path_buf)
        })
        .unwrap_or_default()
}

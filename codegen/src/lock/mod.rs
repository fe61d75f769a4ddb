//! The stability lock: what clients of a catalog depend on, recorded when
//! the catalog is published, so that a later edit that would break them is
//! caught before it ships.
//!
//! `errcat lock` writes `errcat.lock` next to `catalog.toml` (the loader reads
//! only `*.toml`, so the lock is never mistaken for a code file); `errcat gen`
//! compares the catalog against it on every run. A code is permanent public
//! API (seed 002: "Changing it is a breaking change"), so the lock keeps
//! every code ever published, including those removed by an accepted break,
//! whose strings and numbers stay spent.
//!
//! [`file`](mod@file) reads and writes the lock format, [`check`] finds breaking
//! changes; this module ties them to the disk.

mod catalog_wide;
pub mod check;
mod contract;
mod entry;
pub mod file;
mod locate;
mod report;
mod shapes;

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Catalog;

pub use check::Break;
pub use entry::{Contract, Entry, State};

/// Name of the lock file inside a catalog folder.
pub const FILE_NAME: &str = "errcat.lock";

/// The lock file of the catalog in `catalog_dir`.
pub fn path(catalog_dir: &Path) -> PathBuf {
    catalog_dir.join(FILE_NAME)
}

/// Everything a published catalog promises its clients.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lock {
    /// The catalog's `name`: it names the generated crate and types, so a
    /// rename breaks clients (and a lock copied to the wrong folder shows).
    pub catalog: String,
    /// The catalog's default `wire_shape`, so that changing it is reported
    /// once rather than for every code in it; `None` in a lock that did not
    /// record it yet.
    pub wire_shape: Option<String>,
    /// The catalog's `domain` when it sets one (else its name is):
    /// `ErrorInfo` clients tell codes apart by `(reason, domain)`.
    pub domain: Option<String>,
    /// The catalog's declared shapes by name, each as the facts its clients
    /// rely on (see `lock/shapes.rs`).
    pub shapes: BTreeMap<String, Vec<String>>,
    /// Every code ever published, by wire string.
    pub codes: BTreeMap<String, Entry>,
    /// Breaking changes that were made on purpose, oldest first.
    pub accepted_breaks: Vec<AcceptedBreak>,
}

/// One `errcat lock --allow-breaking` run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedBreak {
    pub reason: String,
    /// The catalog's `version` at the time, when it has one.
    pub version: Option<String>,
    /// The headline of each breaking change accepted.
    pub changes: Vec<String>,
}

impl Lock {
    /// The lock `errcat lock` writes for `catalog`, given the previous lock:
    /// every current code, plus every code the previous lock knew that the
    /// catalog neither has nor aliases, marked removed. Callers make sure
    /// such a removal was accepted.
    pub fn next(previous: Option<&Lock>, catalog: &Catalog) -> Lock {
        let mut codes: BTreeMap<String, Entry> = catalog
            .codes
            .iter()
            .map(|code| (code.code.clone(), Entry::of(catalog, code)))
            .collect();
        if let Some(previous) = previous {
            let names = check::Names::new(catalog);
            for (name, entry) in &previous.codes {
                if names.resolve(name).is_none() {
                    let mut removed = entry.clone();
                    removed.state = State::Removed;
                    codes.insert(name.clone(), removed);
                }
            }
        }
        Lock {
            catalog: catalog.name.clone(),
            wire_shape: Some(catalog.wire_shape.as_str().to_owned()),
            domain: catalog.domain.clone(),
            shapes: shapes::of(catalog),
            codes,
            accepted_breaks: previous
                .map(|p| p.accepted_breaks.clone())
                .unwrap_or_default(),
        }
    }
}

/// A lock that could not be used.
#[derive(Debug)]
pub enum LockError {
    Read {
        path: PathBuf,
        source: io::Error,
    },
    Write {
        path: PathBuf,
        source: io::Error,
    },
    /// The lock file is not in the lock format (rendered with the line).
    Parse(Diagnostics),
    /// The catalog breaks what the lock promises.
    Breaking {
        breaks: Vec<Break>,
        /// The breaks rendered rustc-style, with their source lines.
        rendered: Diagnostics,
        /// The command that records the break on purpose.
        fix: String,
    },
    /// `gen --check`: the catalog changed compatibly but the lock was not
    /// updated, so the new state is not yet protected.
    Stale {
        path: PathBuf,
        diff: String,
        fix: String,
    },
    /// The lock is gone, but the outputs' manifest says the catalog had one,
    /// and `catalog.toml` does not opt out.
    Lost {
        path: PathBuf,
        manifest: PathBuf,
    },
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockError::Read { path, source } => {
                writeln!(f, "error: could not read `{}`: {source}", path.display())
            }
            LockError::Write { path, source } => writeln!(
                f,
                "error: could not write `{}`: {source}; the lock is unchanged",
                path.display()
            ),
            LockError::Parse(rendered) => rendered.fmt(f),
            LockError::Breaking { rendered, fix, .. } => {
                write!(f, "{rendered}{}", allow_breaking_help(fix))
            }
            LockError::Lost { path, manifest } => {
                let shown = path.display();
                writeln!(
                    f,
                    "error: `{shown}` is missing, but this catalog was locked"
                )?;
                writeln!(
                    f,
                    "  = note: `{}` records that its outputs were generated with a stability lock; without the lock, breaking changes to published codes would go unnoticed",
                    manifest.display()
                )?;
                writeln!(
                    f,
                    "  = help: restore it from version control, e.g. `git checkout -- {shown}`"
                )?;
                let settings = path.with_file_name(crate::load::CATALOG_FILE);
                writeln!(
                    f,
                    "  = help: or, if the catalog is no longer held to a lock, say why under `[catalog]` in `{}`: `unlocked = \"<reason>\"`",
                    settings.display()
                )
            }
            LockError::Stale { path, diff, fix } => {
                write!(f, "{diff}")?;
                writeln!(f, "error: `{}` is out of date", path.display())?;
                writeln!(
                    f,
                    "   = note: the catalog changed without breaking clients, but the lock does not record it yet"
                )?;
                writeln!(f, "   = help: run `{fix}` and commit the result")
            }
        }
    }
}

impl std::error::Error for LockError {}

impl LockError {
    /// The same error, naming `command` as the one that updates the lock:
    /// the shell that ran the check knows how the user runs errcat.
    #[must_use]
    pub fn with_fix(mut self, command: &str) -> Self {
        if let LockError::Breaking { fix, .. } | LockError::Stale { fix, .. } = &mut self {
            command.clone_into(fix);
        }
        self
    }
}

/// The line after a breaking change's diagnostics: how to make it on
/// purpose, with `fix`, the command that updates the lock.
pub fn allow_breaking_help(fix: &str) -> String {
    format!(
        "help: if breaking these clients is intended, record why with `{fix} --allow-breaking \"<reason>\"`\n"
    )
}

/// The command that updates the lock of `catalog_dir`.
pub fn fix_command(catalog_dir: &Path) -> String {
    format!("errcat lock --catalog {}", catalog_dir.display())
}

/// Reads the lock of `catalog_dir`; `None` when there is none yet (the
/// catalog has not been published).
pub fn read(catalog_dir: &Path) -> Result<Option<(Lock, file::Lines)>, LockError> {
    let path = path(catalog_dir);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(LockError::Read { path, source }),
    };
    let (line, message) = match file::parse(&text) {
        Ok(parsed) => return Ok(Some(parsed)),
        Err(problem) => problem,
    };
    let shown = path.display().to_string();
    let mut rendered = Diagnostics::new(format!("read `{shown}`"));
    let diagnostic = Diagnostic::error(format!("`{shown}` is not a valid errcat lock"));
    let diagnostic = match locate::Source::new(&text).line_span(line) {
        Some(span) => diagnostic.with_label(&shown, span, message),
        None => diagnostic.with_path(&shown).with_note(message),
    };
    rendered.add_source(shown, text);
    rendered.push(diagnostic.with_help(format!(
        "restore it from version control, then run `{}`: the lock is written only by it",
        fix_command(catalog_dir)
    )));
    Err(LockError::Parse(rendered))
}

/// The check `errcat gen` runs: breaking changes always fail; with `strict`
/// (`--check`, so CI) a lock that does not record the current catalog fails
/// too. A catalog without a lock has not been published and passes.
pub fn verify(catalog_dir: &Path, catalog: &Catalog, strict: bool) -> Result<(), LockError> {
    let Some((lock, lines)) = read(catalog_dir)? else {
        return Ok(());
    };
    let breaks = check::check(&lock, &lines, catalog, catalog_dir);
    if !breaks.is_empty() {
        return Err(breaking(catalog_dir, breaks));
    }
    if strict {
        let path = path(catalog_dir);
        let old = file::render(&lock);
        let new = file::render(&Lock::next(Some(&lock), catalog));
        if old != new {
            let shown = path.display().to_string();
            // Patience keeps whole `[codes.X]` entries together in the diff.
            let diff = similar::TextDiff::configure()
                .algorithm(similar::Algorithm::Patience)
                .diff_lines(&old, &new)
                .unified_diff()
                .context_radius(2)
                .header(
                    &format!("{shown} (locked)"),
                    &format!("{shown} (catalog now)"),
                )
                .to_string();
            return Err(LockError::Stale {
                path,
                diff,
                fix: fix_command(catalog_dir),
            });
        }
    }
    Ok(())
}

/// What `errcat lock` did.
#[derive(Debug, PartialEq, Eq)]
pub struct Updated {
    pub path: PathBuf,
    /// False when the lock already recorded the catalog.
    pub changed: bool,
    pub codes: usize,
    /// Codes recorded for the first time.
    pub added: Vec<String>,
    /// Breaking changes accepted by this run (empty without `--allow-breaking`).
    pub accepted: Vec<String>,
}

/// `errcat lock`: records `catalog` in the lock of `catalog_dir`. Breaking
/// changes are refused unless `allow_breaking` gives the reason, which is
/// then kept in the lock.
pub fn update(
    catalog_dir: &Path,
    catalog: &Catalog,
    allow_breaking: Option<&str>,
) -> Result<Updated, LockError> {
    let previous = read(catalog_dir)?;
    let breaks = match &previous {
        Some((lock, lines)) => check::check(lock, lines, catalog, catalog_dir),
        None => Vec::new(),
    };
    let previous = previous.map(|(lock, _)| lock);
    let mut next = Lock::next(previous.as_ref(), catalog);
    let accepted: Vec<String> = breaks.iter().map(|b| b.message.clone()).collect();
    if !breaks.is_empty() {
        let Some(reason) = allow_breaking else {
            return Err(breaking(catalog_dir, breaks));
        };
        next.accepted_breaks.push(AcceptedBreak {
            reason: reason.to_owned(),
            version: catalog.version.clone(),
            changes: accepted.clone(),
        });
    }
    let added = next
        .codes
        .keys()
        .filter(|code| {
            previous
                .as_ref()
                .is_none_or(|p| !p.codes.contains_key(*code))
        })
        .cloned()
        .collect();
    let path = path(catalog_dir);
    let text = file::render(&next);
    let changed = previous.as_ref().map(file::render).as_deref() != Some(text.as_str());
    if changed {
        crate::write::file::replace(&path, &text).map_err(|source| LockError::Write {
            path: path.clone(),
            source,
        })?;
    }
    Ok(Updated {
        path,
        changed,
        codes: next.codes.len(),
        added,
        accepted,
    })
}

/// The error for `breaks`, rendered with the lines they point at.
fn breaking(catalog_dir: &Path, breaks: Vec<Break>) -> LockError {
    let mut rendered =
        Diagnostics::new(format!("accept the changes to `{}`", catalog_dir.display()));
    let mut texts: BTreeMap<&Path, Option<String>> = BTreeMap::new();
    for b in &breaks {
        texts
            .entry(&b.file)
            .or_insert_with(|| std::fs::read_to_string(&b.file).ok());
    }
    // Parsed once per file: a catalog-wide edit can break thousands of codes.
    let sources: BTreeMap<&Path, locate::Source<'_>> = texts
        .iter()
        .filter_map(|(file, text)| Some((*file, locate::Source::new(text.as_deref()?))))
        .collect();
    for (file, text) in &texts {
        if let Some(text) = text {
            rendered.add_source(file.display().to_string(), text.clone());
        }
    }
    for b in &breaks {
        rendered.push(b.diagnostic(sources.get(b.file.as_path())));
    }
    LockError::Breaking {
        breaks,
        rendered,
        fix: fix_command(catalog_dir),
    }
}

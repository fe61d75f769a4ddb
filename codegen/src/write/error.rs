//! Why a sync stopped, each saying truthfully what it left behind.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use super::Recovery;
use crate::diagnostic::{Diagnostic, Diagnostics};

#[derive(Debug)]
pub enum WriteError {
    /// The disk refused before this run changed anything.
    Io {
        path: PathBuf,
        action: &'static str,
        source: io::Error,
    },
    /// The folder's file system cannot lock files, so two runs could mix
    /// their outputs; nothing was changed.
    Unlockable { path: PathBuf, source: io::Error },
    /// The disk refused while files were being put in place: some are new,
    /// some old, and the journal that lets the next run finish remains.
    Interrupted {
        path: PathBuf,
        source: io::Error,
        journal: PathBuf,
    },
    /// Every file is in place, but the journal could not be removed; the
    /// next run replays it, which changes nothing.
    JournalLeft { journal: PathBuf, source: io::Error },
    /// The manifest is not readable, so which outputs are errcat's cannot
    /// be known; nothing was changed.
    DamagedManifest { path: PathBuf, problem: String },
    /// The journal of an interrupted run is not readable, so that run
    /// cannot be completed; nothing was changed.
    DamagedJournal { path: PathBuf, problem: String },
    /// The folder is not one errcat may write; nothing was changed.
    Refused(Vec<Diagnostic>),
    /// An interrupted earlier run was completed, and then `error` stopped
    /// this one.
    AfterRecovery {
        recovery: Recovery,
        error: Box<WriteError>,
    },
}

impl WriteError {
    pub(super) fn io(path: &Path, action: &'static str, source: io::Error) -> WriteError {
        WriteError::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    }

    pub(super) fn refused(diagnostic: Diagnostic) -> WriteError {
        WriteError::Refused(vec![diagnostic])
    }

    /// `self`, saying that `recovery` happened before it.
    pub(super) fn after(self, recovery: Option<Recovery>) -> WriteError {
        match recovery {
            Some(recovery) if recovery != Recovery::default() => WriteError::AfterRecovery {
                recovery,
                error: Box::new(self),
            },
            _ => self,
        }
    }

    /// The message, naming `rerun` as the command that runs errcat again
    /// (the shell that ran it knows: `errcat gen`, `errcat site`, `cargo
    /// xtask gen`, with its flags). `Display` names `errcat gen`.
    pub fn rendered(&self, rerun: &str) -> String {
        struct Shown<'a>(&'a WriteError, &'a str);
        impl fmt::Display for Shown<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.render(f, None, self.1)
            }
        }
        Shown(self, rerun).to_string()
    }

    fn render(
        &self,
        f: &mut fmt::Formatter<'_>,
        before: Option<Recovery>,
        rerun: &str,
    ) -> fmt::Result {
        // What this run changed, for the errors that stop it before it
        // changes anything of its own.
        let unchanged = match before {
            None => "no output file was changed".to_owned(),
            Some(r) => format!(
                "an interrupted earlier run was completed first ({} replaced, {} removed), and nothing else was changed",
                r.replaced, r.removed
            ),
        };
        match self {
            WriteError::Io {
                path,
                action,
                source,
            } => writeln!(
                f,
                "error: could not {action} `{}`: {source}; {unchanged}",
                path.display()
            ),
            WriteError::Unlockable { path, source } => {
                writeln!(
                    f,
                    "error: could not lock `{}`: {source}; {unchanged}",
                    path.display()
                )?;
                writeln!(
                    f,
                    "  = note: errcat locks the output folder so that two runs never mix their files, and this file system does not support file locks"
                )?;
                writeln!(
                    f,
                    "  = help: write the outputs to a folder on a local disk (`out` in `errcat.toml`, or `--out`), and copy them from there"
                )
            }
            WriteError::Interrupted {
                path,
                source,
                journal,
            } => {
                writeln!(
                    f,
                    "error: could not replace `{}`: {source}; some outputs are already new",
                    path.display()
                )?;
                writeln!(
                    f,
                    "  = note: `{}` records the rest of this run",
                    journal.display()
                )?;
                writeln!(
                    f,
                    "  = help: fix the cause and run `{rerun}` again: it completes the run first"
                )
            }
            WriteError::JournalLeft { journal, source } => {
                writeln!(
                    f,
                    "error: every output was written, but `{}` could not be removed: {source}",
                    journal.display()
                )?;
                writeln!(
                    f,
                    "  = help: remove it; until then each run first replays it, which changes nothing"
                )
            }
            WriteError::DamagedManifest { path, problem } => {
                writeln!(
                    f,
                    "error: `{}` is damaged: {problem}; {unchanged}",
                    path.display()
                )?;
                writeln!(
                    f,
                    "  = note: errcat writes this file with the outputs; it lists the files errcat may replace and remove"
                )?;
                writeln!(f, "  = help: restore it from version control")
            }
            WriteError::DamagedJournal { path, problem } => {
                writeln!(
                    f,
                    "error: `{}` is damaged: {problem}; {unchanged}",
                    path.display()
                )?;
                writeln!(
                    f,
                    "  = note: an errcat run writes this file while it puts its outputs in place, and one that was interrupted left it"
                )?;
                writeln!(
                    f,
                    "  = help: delete it and run `{rerun}` again: it writes every output anew"
                )
            }
            WriteError::Refused(problems) => {
                let mut rendered = Diagnostics::new("write the outputs");
                for problem in problems {
                    rendered.push(problem.clone());
                }
                write!(f, "{rendered}")?;
                match before {
                    Some(_) => writeln!(f, "note: {unchanged}"),
                    None => Ok(()),
                }
            }
            WriteError::AfterRecovery { recovery, error } => {
                error.render(f, Some(*recovery), rerun)
            }
        }
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.render(f, None, "errcat gen")
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Io { source, .. }
            | WriteError::Unlockable { source, .. }
            | WriteError::Interrupted { source, .. }
            | WriteError::JournalLeft { source, .. } => Some(source),
            WriteError::AfterRecovery { error, .. } => Some(error.as_ref()),
            WriteError::DamagedManifest { .. }
            | WriteError::DamagedJournal { .. }
            | WriteError::Refused(_) => None,
        }
    }
}

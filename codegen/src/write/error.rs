//! Why a sync stopped, each saying truthfully what it left behind.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};

#[derive(Debug)]
pub enum WriteError {
    /// The disk refused before anything was changed.
    Io {
        path: PathBuf,
        action: &'static str,
        source: io::Error,
    },
    /// The disk refused while files were being put in place: some are new,
    /// some old, and the journal that lets the next run finish remains.
    Interrupted {
        path: PathBuf,
        source: io::Error,
        journal: PathBuf,
    },
    /// errcat's own record in the folder (manifest or journal) is not
    /// readable, so ownership cannot be known; nothing was changed.
    Damaged { path: PathBuf, problem: String },
    /// The folder is not one errcat may write; nothing was changed.
    Refused(Vec<Diagnostic>),
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
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Io {
                path,
                action,
                source,
            } => writeln!(
                f,
                "error: could not {action} `{}`: {source}; no output file was changed",
                path.display()
            ),
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
                    "  = help: fix the cause and run `errcat gen` again: it completes the run first"
                )
            }
            WriteError::Damaged { path, problem } => {
                writeln!(
                    f,
                    "error: `{}` is damaged: {problem}; no output file was changed",
                    path.display()
                )?;
                writeln!(
                    f,
                    "  = note: errcat writes this file; it records which outputs are errcat's"
                )?;
                writeln!(
                    f,
                    "  = help: restore it from version control; if it cannot be restored, delete it (errcat then removes only files whose notice names this catalog)"
                )
            }
            WriteError::Refused(problems) => {
                let mut rendered = Diagnostics::new("write the outputs");
                for problem in problems {
                    rendered.push(problem.clone());
                }
                write!(f, "{rendered}")
            }
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Io { source, .. } | WriteError::Interrupted { source, .. } => Some(source),
            WriteError::Damaged { .. } | WriteError::Refused(_) => None,
        }
    }
}

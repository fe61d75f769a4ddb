//! A breaking change as the user sees it: what changed, where, why clients
//! break and how to avoid it, rendered rustc-style at the field's line.

use std::path::{Path, PathBuf};

use super::locate::Source;
use crate::diagnostic::Diagnostic;
use crate::model::Code;

/// One breaking change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    /// What changed, e.g. ``code `X` was removed``; also what the lock
    /// records when the break is accepted.
    pub message: String,
    /// The file the change is at: the code's file in the catalog,
    /// `catalog.toml` for the catalog's own settings, or the lock when the
    /// code is gone.
    pub file: PathBuf,
    /// 1-based line of the code's table header (or lock entry) there.
    pub line: u32,
    /// Path from the root of [`Break::file`] to the field the change is in,
    /// e.g. `["MFA_REQUIRED", "resolve", "action"]`. Its line is underlined
    /// when the file writes it; a default has no line of its own, so then the
    /// nearest table holding it is. Empty: [`Break::line`] itself.
    pub key: Vec<String>,
    /// What the published version promised, shown under that line.
    pub label: String,
    /// Why a client breaks.
    pub note: String,
    /// How to make the change compatible.
    pub help: String,
}

impl Break {
    /// The break as a rustc-style diagnostic, underlining its line of
    /// `source` (the text of [`Break::file`], when it could be read).
    pub(crate) fn diagnostic(&self, source: Option<&Source<'_>>) -> Diagnostic {
        let file = self.file.display().to_string();
        let diagnostic = Diagnostic::error(&self.message);
        let span = source.and_then(|source| {
            let line = source.key_line(&self.key).unwrap_or(self.line);
            source.line_span(line)
        });
        let diagnostic = match span {
            Some(span) => diagnostic.with_label(&file, span, &self.label),
            None => diagnostic.with_path(&format!("{file}:{}", self.line)),
        };
        diagnostic.with_note(&self.note).with_help(&self.help)
    }
}

/// What one change says, before it is placed at a code.
pub(super) struct Change {
    /// The field's path inside the code's table.
    pub(super) key: &'static [&'static str],
    pub(super) message: String,
    pub(super) label: String,
    pub(super) note: String,
    pub(super) help: String,
}

/// A locked code and the catalog code its string resolves to (itself, or
/// the code it was renamed to), where its changes are reported.
pub(super) struct Site<'a> {
    /// The locked wire string.
    pub(super) name: &'a str,
    pub(super) code: &'a Code,
    /// How messages name the code: ``code `X` `` or
    /// ``code `X` (renamed to `Y`)``.
    pub(super) subject: String,
    file: PathBuf,
}

impl<'a> Site<'a> {
    pub(super) fn new(name: &'a str, code: &'a Code, catalog_dir: &Path) -> Self {
        let subject = if code.code == name {
            format!("code `{name}`")
        } else {
            format!("code `{name}` (renamed to `{}`)", code.code)
        };
        Site {
            name,
            code,
            subject,
            file: catalog_dir.join(&code.origin.file),
        }
    }

    pub(super) fn report(&self, breaks: &mut Vec<Break>, change: Change) {
        let mut key = vec![self.code.code.clone()];
        key.extend(change.key.iter().map(|k| (*k).to_owned()));
        breaks.push(Break {
            message: change.message,
            file: self.file.clone(),
            line: self.code.origin.line,
            key,
            label: change.label,
            note: change.note,
            help: change.help,
        });
    }

    /// The second way forward every change of a published code has.
    pub(super) fn or_new_code(&self) -> String {
        format!("or add a new code and deprecate `{}`", self.name)
    }
}

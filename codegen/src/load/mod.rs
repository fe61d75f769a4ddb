//! Catalog loading: TOML files in, a validated [`Catalog`] or every problem
//! out.
//!
//! The steps, one module each: `parse` turns bytes into spanned TOML
//! tables (syntax, UTF-8); `settings` reads `catalog.toml`; `code` reads
//! one code table with `fields` and `template`; `validate` checks what
//! needs the whole catalog (duplicates, references, identifiers via
//! `idents`) and orders the codes. Every step reports into one `Context`
//! and keeps going, so one run shows every mistake.

mod classes;
mod code;
mod declared;
mod details;
pub(crate) mod fields;
mod folder;
mod headers;
mod idents;
pub(crate) mod parse;
mod scan;
mod settings;
mod shapes;
mod template;
mod text;
mod validate;

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Catalog;
pub use code::CODE_FIELDS;
pub use folder::MAX_FILE_BYTES;
pub use validate::MAX_CODES;

/// The settings file; every other `*.toml` of the folder holds codes.
pub const CATALOG_FILE: &str = "catalog.toml";

/// Loads and validates the catalog in `dir`: `catalog.toml` and every other
/// `*.toml` directly inside it, in file-name order. An entry that looks
/// like a catalog file but cannot be read is a diagnostic, never skipped.
pub fn load_dir(dir: &Path) -> Result<Catalog, Diagnostics> {
    let shown_dir = display_dir(dir);
    let shown_catalog = if dir.is_file() {
        shown_dir.trim_end_matches('/')
    } else {
        &shown_dir
    };
    let mut diagnostics = Diagnostics::new(format!("load catalog `{shown_catalog}`"));
    let problem = if !dir.exists() {
        Some(
            Diagnostic::error(format!("catalog folder `{shown_dir}` does not exist"))
                .with_path(&shown_dir),
        )
    } else if !dir.is_dir() {
        Some(
            Diagnostic::error(format!("`{shown_catalog}` is a file, not a catalog folder"))
                .with_path(shown_catalog),
        )
    } else {
        None
    };
    if let Some(problem) = problem {
        diagnostics
            .push(problem.with_help("pass the folder holding `catalog.toml` and the code files"));
        return Err(diagnostics);
    }
    let files = folder::read_catalog_files(dir, &shown_dir, &mut diagnostics);
    if !diagnostics.is_empty() {
        // Without a file's codes, checks across files (replacements,
        // duplicate numbers, a missing `catalog.toml`) would only report
        // consequences of the unreadable file.
        return Err(diagnostics);
    }
    let borrowed: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
        .collect();
    load_into(&shown_dir, &borrowed, diagnostics)
}

/// Loads a catalog held in memory: `(path relative to the catalog folder,
/// contents)` pairs, one of them `catalog.toml`. Contents are bytes so that
/// a file that is not UTF-8 is reported like any other problem.
pub fn load_files<C: AsRef<[u8]>>(files: &[(&str, C)]) -> Result<Catalog, Diagnostics> {
    let diagnostics = Diagnostics::new("load catalog");
    let borrowed: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, contents)| (*name, contents.as_ref()))
        .collect();
    load_into("", &borrowed, diagnostics)
}

fn load_into(
    shown_dir: &str,
    files: &[(&str, &[u8])],
    diagnostics: Diagnostics,
) -> Result<Catalog, Diagnostics> {
    let mut cx = Context { diagnostics };
    let mut sources: Vec<SourceFile> = files
        .iter()
        .map(|(name, bytes)| SourceFile::decode(&mut cx, shown_dir, name, bytes))
        .collect();
    sources.sort_by(|a, b| a.name.cmp(&b.name));
    let catalog = validate::catalog(&mut cx, shown_dir, &sources);
    match catalog {
        Some(catalog) if cx.diagnostics.is_empty() => Ok(catalog),
        _ => Err(cx.diagnostics),
    }
}

/// The folder as the user should see it: relative to the current directory
/// when it is inside it, `/`-separated, with a trailing `/`.
fn display_dir(dir: &Path) -> String {
    let relative: PathBuf = std::env::current_dir()
        .ok()
        .and_then(|cwd| dir.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| dir.to_path_buf());
    let mut shown = relative.to_string_lossy().replace('\\', "/");
    if shown.is_empty() {
        shown.push('.');
    }
    if !shown.ends_with('/') {
        shown.push('/');
    }
    shown
}

/// Collects every problem of a run (serde_derive's `Ctxt`).
pub(crate) struct Context {
    diagnostics: Diagnostics,
}

impl Context {
    /// `action` completes the summary line, as in [`Diagnostics::new`].
    pub(crate) fn new(action: impl Into<String>) -> Self {
        Context {
            diagnostics: Diagnostics::new(action),
        }
    }

    pub(crate) fn into_diagnostics(self) -> Diagnostics {
        self.diagnostics
    }

    pub(crate) fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub(crate) fn error_count(&self) -> usize {
        self.diagnostics.len()
    }
}

/// One catalog file, decoded.
pub(crate) struct SourceFile {
    /// Path relative to the catalog folder, as in [`crate::model::Origin`].
    pub(crate) name: String,
    /// Path shown in diagnostics.
    pub(crate) shown: String,
    pub(crate) text: String,
    /// False when the bytes were not UTF-8; `text` is then a lossy copy
    /// good for showing, not for parsing.
    pub(crate) utf8: bool,
    lines: crate::lines::LineIndex,
}

impl SourceFile {
    pub(crate) fn decode(
        cx: &mut Context,
        shown_dir: &str,
        name: &str,
        bytes: &[u8],
    ) -> SourceFile {
        let shown = format!("{shown_dir}{name}");
        let (text, utf8) = match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_owned(), true),
            Err(err) => {
                let lossy = String::from_utf8_lossy(bytes).into_owned();
                let at = err.valid_up_to();
                // The lossy copy is identical up to the first bad byte, which
                // becomes one U+FFFD (3 bytes) there.
                let span = at..at + char::REPLACEMENT_CHARACTER.len_utf8();
                cx.report(
                    Diagnostic::error(format!(
                        "`{shown}` is not UTF-8: invalid byte at offset {at}"
                    ))
                    .with_label(&shown, span, "not UTF-8")
                    .with_help("save the file as UTF-8"),
                );
                (lossy, false)
            }
        };
        cx.diagnostics.add_source(shown.clone(), text.clone());
        let lines = crate::lines::LineIndex::new(&text);
        SourceFile {
            name: name.to_owned(),
            shown,
            text,
            utf8,
            lines,
        }
    }

    /// File name without `.toml`: the default category of its codes.
    pub(crate) fn stem(&self) -> &str {
        let file_name = self.name.rsplit('/').next().unwrap_or(&self.name);
        file_name.strip_suffix(".toml").unwrap_or(file_name)
    }

    /// 1-based line of a byte offset.
    pub(crate) fn line_of(&self, offset: usize) -> u32 {
        u32::try_from(self.lines.line_of(offset)).unwrap_or(u32::MAX)
    }
}

/// A value and the bytes of source it came from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Located<T> {
    pub(crate) value: T,
    pub(crate) span: Range<usize>,
}

impl<T> Located<T> {
    pub(crate) fn new(value: T, span: Range<usize>) -> Self {
        Located { value, span }
    }
}

//! Step 1: a decoded file becomes a spanned TOML table, and every syntax
//! error becomes a diagnostic.

use std::collections::BTreeSet;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::{Context, SourceFile};
use crate::diagnostic::Diagnostic;

/// Beyond this many syntax errors in one file the rest are summarised: by
/// then the file is not TOML at all (binary, or another format), and more
/// carets would not help.
const MAX_SYNTAX_ERRORS_PER_FILE: usize = 10;

/// A parsed file. When `sound` is false the file had syntax errors and
/// `root` is only the parser's best guess, not to be validated.
pub(crate) struct ParsedFile<'s> {
    pub(crate) source: &'s SourceFile,
    pub(crate) root: DeTable<'s>,
    pub(crate) sound: bool,
}

impl<'s> ParsedFile<'s> {
    /// Top-level entries in source order (the TOML map itself is ordered by
    /// key).
    pub(crate) fn entries(&self) -> Vec<(&Spanned<DeString<'s>>, &Spanned<DeValue<'s>>)> {
        let mut entries: Vec<_> = self.root.iter().collect();
        entries.sort_by_key(|(key, _)| key.span().start);
        entries
    }
}

pub(crate) fn parse<'s>(cx: &mut Context, source: &'s SourceFile) -> ParsedFile<'s> {
    if !source.utf8 {
        return ParsedFile {
            source,
            root: DeTable::new(),
            sound: false,
        };
    }
    let (root, errors) = DeTable::parse_recoverable(&source.text);
    let root = root.into_inner();
    let is_duplicate = |e: &toml::de::Error| e.message() == "duplicate key" && e.span().is_some();
    // Duplicate keys are the catalog's problem only in a file that is
    // otherwise TOML; in a broken file they are parser noise.
    let sound = errors.iter().all(is_duplicate);
    let mut headers = None;
    // After one syntax error the parser often trips again on the rest of
    // the same line; only the first error of a line is worth showing.
    let mut lines_with_errors: BTreeSet<u32> = BTreeSet::new();
    let mut syntax_errors = 0;
    for error in errors {
        if let (true, Some(span)) = (sound, error.span()) {
            let headers = headers.get_or_insert_with(|| table_headers(source));
            report_duplicate_key(cx, source, &root, headers, span);
            continue;
        }
        let line = error.span().map_or(0, |span| source.line_of(span.start));
        if !lines_with_errors.insert(line) {
            continue;
        }
        syntax_errors += 1;
        if syntax_errors <= MAX_SYNTAX_ERRORS_PER_FILE {
            cx.report(syntax_error(source, error.message(), error.span()));
        }
    }
    if syntax_errors > MAX_SYNTAX_ERRORS_PER_FILE {
        let hidden = syntax_errors - MAX_SYNTAX_ERRORS_PER_FILE;
        cx.report(
            Diagnostic::error(format!(
                "{hidden} more TOML syntax errors in `{}` not shown",
                source.shown
            ))
            .with_path(&source.shown)
            .with_note("is this file TOML?"),
        );
    }
    ParsedFile {
        source,
        root,
        sound,
    }
}

fn syntax_error(source: &SourceFile, message: &str, span: Option<Range<usize>>) -> Diagnostic {
    let diagnostic = Diagnostic::error(format!("TOML syntax error: {message}"));
    match span {
        Some(span) => diagnostic.with_label(&source.shown, span, ""),
        None => diagnostic.with_path(&source.shown),
    }
}

/// A duplicate top-level key is a code defined twice in one file: say so,
/// and point at both definitions. Other duplicates are fields given twice.
fn report_duplicate_key(
    cx: &mut Context,
    source: &SourceFile,
    root: &DeTable<'_>,
    headers: &[(String, Range<usize>)],
    span: Range<usize>,
) {
    let name = source
        .text
        .get(span.clone())
        .unwrap_or("")
        .trim_matches(['"', '\'']);
    let is_code = root.iter().any(|(key, _)| key.span() == span);
    if !is_code {
        cx.report(
            Diagnostic::error(format!("key `{name}` is defined twice"))
                .with_label(&source.shown, span, "defined again here")
                .with_help("remove one of the definitions"),
        );
        return;
    }
    let mut diagnostic = Diagnostic::error(format!("code `{name}` is defined twice")).with_label(
        &source.shown,
        span.clone(),
        "defined again here",
    );
    // The parser merges both definitions and keeps only the later position;
    // the earlier one is the last header of that name before it.
    let first = headers
        .iter()
        .rfind(|(header, at)| header == name && at.start < span.start);
    if let Some((_, first)) = first {
        diagnostic = diagnostic.with_context(&source.shown, first.clone(), "first defined here");
    }
    cx.report(diagnostic.with_help("a code is defined once; remove or rename one of them"));
}

/// The key of every single-key `[table]` header line, in source order: one
/// scan of the file, parsing each header line on its own.
fn table_headers(source: &SourceFile) -> Vec<(String, Range<usize>)> {
    let mut headers = Vec::new();
    let mut line_start = 0;
    for line in source.text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        let header = line.trim();
        if header.starts_with('[') && !header.starts_with("[[") {
            let (table, _) = DeTable::parse_recoverable(header);
            // `[CODE.resolve]` also starts with `CODE`, but does not define it.
            let defines = |value: &DeValue<'_>| value.as_table().is_some_and(|t| t.is_empty());
            if let Some((key, _)) = table.get_ref().iter().find(|(_, v)| defines(v.get_ref())) {
                let at = line_start + indent + key.span().start;
                headers.push((
                    key.get_ref().to_string(),
                    at..line_start + indent + key.span().end,
                ));
            }
        }
        line_start += line.len();
    }
    headers
}

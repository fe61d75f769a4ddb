//! Step 1: a decoded file becomes a spanned TOML table, and every syntax
//! error becomes a diagnostic.

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
    let mut sound = true;
    // After one syntax error the parser often trips again on the rest of
    // the same line; only the first error of a line is worth showing.
    let mut lines_with_errors: Vec<u32> = Vec::new();
    let mut syntax_errors = 0;
    for error in errors {
        if error.message() == "duplicate key" {
            if let Some(span) = error.span() {
                report_duplicate_key(cx, source, &root, span);
                continue;
            }
        }
        sound = false;
        let line = error.span().map_or(0, |span| source.line_of(span.start));
        if lines_with_errors.contains(&line) {
            continue;
        }
        lines_with_errors.push(line);
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
    if let Some(first) = previous_definition(source, name, span.start) {
        diagnostic = diagnostic.with_context(&source.shown, first, "first defined here");
    }
    cx.report(diagnostic.with_help("a code is defined once; remove or rename one of them"));
}

/// Where `name` was defined before `offset`: the parser merges both
/// definitions and keeps only the later position, so the text before the
/// line of the second one is parsed again on its own.
fn previous_definition(source: &SourceFile, name: &str, offset: usize) -> Option<Range<usize>> {
    let line_start = source.text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let (before, _) = DeTable::parse_recoverable(&source.text[..line_start]);
    let before = before.into_inner();
    before.get_key_value(name).map(|(key, _)| key.span())
}

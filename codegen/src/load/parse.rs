//! Step 1: a decoded file becomes a spanned TOML table, and every syntax
//! error becomes a diagnostic.

use std::collections::BTreeSet;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::scan::{self, MAX_KEY_PARTS, Scan};
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

/// Taken apart a level at a time: dotted keys inside nested inline tables
/// make tables thousands of levels deep, and dropping those recursively
/// would overflow a thread's stack.
impl Drop for ParsedFile<'_> {
    fn drop(&mut self) {
        let mut pending = vec![DeValue::Table(std::mem::take(&mut self.root))];
        while let Some(value) = pending.pop() {
            match value {
                DeValue::Table(table) => {
                    pending.extend(table.into_iter().map(|(_, value)| value.into_inner()));
                }
                DeValue::Array(array) => {
                    pending.extend(array.into_iter().map(Spanned::into_inner));
                }
                _ => {}
            }
        }
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
    // Only a file with problems is scanned for where they are.
    let mut layout: Option<Scan> = None;
    let text = source.text.as_str();
    // After one syntax error the parser often trips again on the rest of
    // the same line; only the first error of a line is worth showing.
    let mut lines_with_errors: BTreeSet<u32> = BTreeSet::new();
    let mut syntax_errors = 0;
    let mut show = |cx: &mut Context, diagnostic: Diagnostic| {
        syntax_errors += 1;
        if syntax_errors <= MAX_SYNTAX_ERRORS_PER_FILE {
            cx.report(diagnostic);
        }
    };
    let mut deep_keys_placed = false;
    for error in errors {
        let span = error.span();
        if let (true, Some(span)) = (sound, span.clone()) {
            let layout = layout.get_or_insert_with(|| scan::scan(text));
            report_duplicate_key(cx, source, &root, layout, span);
            continue;
        }
        if span.is_none() && error.message() == KEY_LIMIT_MESSAGE {
            let layout = layout.get_or_insert_with(|| scan::scan(text));
            // One error per key, none of them placed: the scan places them
            // all at once.
            if !layout.too_deep.is_empty() {
                if !deep_keys_placed {
                    deep_keys_placed = true;
                    for at in &layout.too_deep {
                        show(cx, key_too_deep(source, at));
                    }
                }
                continue;
            }
        }
        let line = span.as_ref().map_or(0, |span| source.line_of(span.start));
        if lines_with_errors.insert(line) {
            show(cx, syntax_error(source, error.message(), span));
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

/// What the `toml` crate says, without a position, of a key with more than
/// [`MAX_KEY_PARTS`] parts.
const KEY_LIMIT_MESSAGE: &str = "recursion limit";

fn key_too_deep(source: &SourceFile, span: &Range<usize>) -> Diagnostic {
    Diagnostic::error(format!("key nested more than {MAX_KEY_PARTS} levels deep"))
        .with_label(
            &source.shown,
            span.clone(),
            format!("level {}", MAX_KEY_PARTS + 1),
        )
        .with_help("catalog keys have a few parts, like `[CODE.resolve]`; remove the extra ones")
}

fn syntax_error(source: &SourceFile, message: &str, span: Option<Range<usize>>) -> Diagnostic {
    let diagnostic = Diagnostic::error(format!("TOML syntax error: {message}"));
    match span {
        Some(span) => diagnostic.with_label(&source.shown, span, ""),
        None => diagnostic.with_path(&source.shown),
    }
}

/// A duplicate top-level key is a code defined twice in one file, and a
/// duplicate header another table defined twice: say so once, pointing at
/// both definitions. The fields repeated under the second header are part
/// of that one mistake. Other duplicates are fields given twice.
fn report_duplicate_key(
    cx: &mut Context,
    source: &SourceFile,
    root: &DeTable<'_>,
    layout: &Scan,
    span: Range<usize>,
) {
    let name = source
        .text
        .get(span.clone())
        .unwrap_or("")
        .trim_matches(['"', '\'']);
    let header = layout
        .headers
        .iter()
        .position(|header| !header.array && header.key_span == span);
    let Some(header) = header else {
        let in_repeated_table = layout
            .section_at(span.start)
            .is_some_and(|(index, _)| layout.earlier_definition(index).is_some());
        if !in_repeated_table {
            cx.report(
                Diagnostic::error(format!("key `{name}` is defined twice"))
                    .with_label(&source.shown, span, "defined again here")
                    .with_help("remove one of the definitions"),
            );
        }
        return;
    };
    let is_code = root.iter().any(|(key, _)| key.span() == span);
    let (message, help) = if is_code {
        (
            format!("code `{name}` is defined twice"),
            "a code is defined once; remove or rename one of them",
        )
    } else {
        (
            format!(
                "table `[{}]` is defined twice",
                layout.headers[header].path.join(".")
            ),
            "a table is defined once; merge the two into one",
        )
    };
    let mut diagnostic =
        Diagnostic::error(message).with_label(&source.shown, span, "defined again here");
    // The parser merges both definitions and keeps only the later position;
    // the earlier one is the last header of that name before it.
    if let Some(first) = layout.earlier_definition(header) {
        diagnostic =
            diagnostic.with_context(&source.shown, first.key_span.clone(), "first defined here");
    }
    cx.report(diagnostic.with_help(help));
}

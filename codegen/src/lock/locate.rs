//! Finds the line a breaking change is about in the file it is in, however
//! the field is spelled: `resolve = { action = ... }`, a `[CODE.resolve]`
//! sub-table, a dotted `resolve.action = ...`, an inline table spread over
//! lines. The file is parsed with spans once, however many changes point
//! into it.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

/// One file's text, parsed with spans, with the start of every line.
pub(crate) struct Source<'t> {
    text: &'t str,
    /// `None` when the file is not TOML (a lock edited by hand, say): then
    /// every change points at the line it was reported at.
    root: Option<DeTable<'t>>,
    lines: crate::lines::LineIndex,
}

impl<'t> Source<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        let root = DeTable::parse(text).ok().map(|root| root.into_inner());
        Source {
            text,
            root,
            lines: crate::lines::LineIndex::new(text),
        }
    }

    /// The 1-based line of the deepest key of `path` (from the file's root)
    /// that the file writes: the field itself when it is written, else the
    /// nearest table holding it, since a default has no line of its own.
    pub(crate) fn key_line(&self, path: &[String]) -> Option<u32> {
        let mut table = self.root.as_ref()?;
        let mut line = None;
        for key in path {
            let Some((key, value)) = table.get_key_value(key.as_str()) else {
                break;
            };
            line = Some(self.line_of(key.span().start));
            match value.get_ref() {
                DeValue::Table(inner) => table = inner,
                _ => break,
            }
        }
        line
    }

    fn line_of(&self, offset: usize) -> u32 {
        u32::try_from(self.lines.line_of(offset)).unwrap_or(u32::MAX)
    }

    /// Bytes of the 1-based `line`, without its line break.
    pub(crate) fn line_span(&self, line: u32) -> Option<Range<usize>> {
        self.lines.line_span(self.text, line as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(keys: &str) -> Vec<String> {
        keys.split('.').map(str::to_owned).collect()
    }

    #[test]
    fn every_spelling_of_a_nested_field_finds_its_line() {
        let text = "[A]\nstatus = 400\nresolve = { action = \"a\" }\n\n\
                    [B]\nstatus = 401\n\n[B.resolve]\nmethod = \"POST\"\naction = \"b\"\n\n\
                    [C]\nresolve.action = \"c\"\n\n\
                    [D]\nresolve = {\n  method = \"GET\",\n  action = \"d\",\n}\n";
        let source = Source::new(text);
        assert_eq!(source.key_line(&path("A.resolve.action")), Some(3));
        assert_eq!(source.key_line(&path("B.resolve.action")), Some(10));
        assert_eq!(source.key_line(&path("C.resolve.action")), Some(13));
        assert_eq!(source.key_line(&path("D.resolve.action")), Some(18));
        assert_eq!(source.key_line(&path("B.status")), Some(6));
    }

    #[test]
    fn a_field_that_is_not_written_points_at_what_holds_it() {
        let source = Source::new("[A]\nstatus = 400\n\n[B]\nresolve = { method = \"GET\" }\n");
        assert_eq!(source.key_line(&path("A.grpc")), Some(1));
        assert_eq!(source.key_line(&path("B.resolve.action")), Some(5));
        assert_eq!(source.key_line(&path("C.status")), None);
        assert_eq!(Source::new("not toml [").key_line(&path("A")), None);
    }

    #[test]
    fn line_spans_leave_out_the_line_break() {
        let text = "[A]\r\nstatus=401\n";
        let source = Source::new(text);
        assert_eq!(source.line_span(1), Some(0..3));
        assert_eq!(&text[source.line_span(2).unwrap()], "status=401");
        assert_eq!(source.line_span(3), Some(text.len()..text.len()));
        assert_eq!(source.line_span(4), None);
        assert_eq!(source.line_span(0), None);
    }
}

//! Where lines start in a text, so finding the line of a byte offset is a
//! binary search: the loader, the diagnostics and the lock each read
//! positions in files with thousands of codes.

use std::ops::Range;

/// The offset of every line's start in one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The 1-based line holding byte `offset` (the last line for an offset
    /// past the end).
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// The byte where the 1-based `line` starts, if the text has it.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    /// The bytes of the 1-based `line` in `text` (the text this index was
    /// built from), without its line break.
    pub fn line_span(&self, text: &str, line: usize) -> Option<Range<usize>> {
        let start = self.line_start(line)?;
        let end = self.starts.get(line).map_or(self.len, |&next| next);
        let content = &text[start..end];
        Some(start..start + content.trim_end_matches(['\n', '\r']).len())
    }

    /// The 1-based line and character column of byte `offset` in `text`
    /// (the text this index was built from), as rustc counts them.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let start = self.line_start(line).unwrap_or(0);
        let column = text.get(start..offset).map_or(0, |t| t.chars().count()) + 1;
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn lines_and_columns_count_from_one_and_columns_in_characters() {
        let text = "a = 1\nü = \"x\"\r\n\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.line_of(0), 1);
        assert_eq!(index.line_of(5), 1);
        assert_eq!(index.line_of(6), 2);
        assert_eq!(index.line_of(text.len() + 10), 4);
        assert_eq!(index.position(text, 9), (2, 3));
        assert_eq!(index.line_span(text, 2), Some(6..14));
        assert_eq!(index.line_span(text, 3), Some(16..16));
        assert_eq!(index.line_span(text, 4), Some(17..21));
        assert_eq!(index.line_span(text, 5), None);
        assert_eq!(index.line_span(text, 0), None);
    }
}

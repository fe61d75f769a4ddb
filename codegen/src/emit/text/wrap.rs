//! Wrapping long lines of markdown (doc comments, JSDoc) where a reader
//! sees no difference.

/// Markdown `lines` with each long line of a paragraph wrapped (see
/// `wrap_markdown_line`); lines inside a fenced code block, however the
/// fence is nested in list items or quotes, are kept as they are.
pub fn wrap_markdown<'a>(lines: impl IntoIterator<Item = &'a str>, width: usize) -> Vec<String> {
    let mut fence: Option<Fence> = None;
    let mut out = Vec::new();
    for line in lines {
        let marker = fence_marker(line);
        match (fence, marker) {
            (None, Some(opening)) => fence = Some(opening),
            (Some(open), Some(close)) if close.closes(open) => fence = None,
            _ => {}
        }
        if fence.is_some() || marker.is_some() {
            out.push(line.to_owned());
        } else {
            out.extend(wrap_markdown_line(line, width));
        }
    }
    out
}

/// A fence line: its character, its length, and whether nothing follows
/// it (only such a line closes a block).
#[derive(Clone, Copy)]
struct Fence {
    char: char,
    len: usize,
    bare: bool,
}

impl Fence {
    fn closes(self, open: Fence) -> bool {
        self.bare && self.char == open.char && self.len >= open.len
    }
}

/// The fence a line opens or closes, after any quote and list markers it
/// sits in.
fn fence_marker(line: &str) -> Option<Fence> {
    let mut rest = line.trim_start();
    loop {
        let before = rest;
        rest = rest.trim_start_matches('>').trim_start();
        for bullet in ["- ", "* ", "+ "] {
            rest = rest.strip_prefix(bullet).unwrap_or(rest).trim_start();
        }
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 && rest[digits..].starts_with(['.', ')']) {
            rest = rest[digits + 1..].trim_start();
        }
        if rest == before {
            break;
        }
    }
    let char = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let after = rest.trim_start_matches(char);
    let len = rest.len() - after.len();
    (len >= 3).then_some(Fence {
        char,
        len,
        bare: after.trim().is_empty(),
    })
}

/// A line of markdown as several when it is a long line of a paragraph and
/// breaking it changes nothing a reader sees: never a line that starts a
/// block of its own, is a table row, holds runs of spaces or ends in a hard
/// break, and never where a piece would start or be a block (`- `, `1. `,
/// `#`, `>`, `***`, `[a]: /url`, ...), end in a backslash (a hard break)
/// or leave a brace open (`{@link X}` in JSDoc). Words are never split,
/// not even at hyphens: a break is a space to the reader.
fn wrap_markdown_line(line: &str, width: usize) -> Vec<String> {
    let keep = vec![line.to_owned()];
    if line.chars().count() <= width
        || starts_block(line)
        // A table row need not start with a pipe.
        || line.contains('|')
        // Inside a code span a break is one space: runs of them would
        // shrink.
        || line.contains("  ")
        || line.contains('\t')
        || line.ends_with('\\')
    {
        return keep;
    }
    let options = textwrap::Options::new(width)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let pieces: Vec<String> = textwrap::wrap(line, options)
        .into_iter()
        .map(std::borrow::Cow::into_owned)
        .collect();
    let last = pieces.len() - 1;
    let unsafe_break = pieces.iter().enumerate().any(|(i, piece)| {
        starts_block(piece)
            || (i < last
                && (piece.ends_with('\\')
                    || piece.matches('{').count() != piece.matches('}').count()))
    });
    if unsafe_break { keep } else { pieces }
}

/// Whether a line read on its own starts something other than paragraph
/// text (or could end a setext heading above it).
fn starts_block(line: &str) -> bool {
    let trimmed = line.trim_start();
    if line.len() - trimmed.len() >= 4 || trimmed.is_empty() {
        return line.len() - trimmed.len() >= 4;
    }
    let first = trimmed.chars().next().unwrap_or(' ');
    let marker = |rest: &str| rest.is_empty() || rest.starts_with([' ', '\t']);
    let ordered = {
        let digits = trimmed.len()
            - trimmed
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        digits > 0
            && digits <= 9
            && trimmed[digits..].starts_with(['.', ')'])
            && marker(&trimmed[digits + 1..])
    };
    let fence = trimmed.starts_with("```") || trimmed.starts_with("~~~");
    // `<` starts an HTML block only as a tag; an autolink is inline.
    let html = first == '<' && !trimmed.starts_with("<http");
    let underline = trimmed.chars().all(|c| c == '=' || c == ' ');
    // A link reference definition or a footnote: `[a]: /url`, `[^a]: text`.
    let definition = first == '[' && trimmed.contains("]:");
    ordered
        || definition
        || fence
        || html
        || underline
        // `: text` under a line is a definition list in rustdoc (and
        // pulldown-cmark wherever it is enabled), even with no space.
        || "#>|:".contains(first)
        || (matches!(first, '-' | '*' | '+' | '_')
            && (marker(&trimmed[1..]) || trimmed.chars().all(|c| c == first || c == ' ')))
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: usize = 90;

    fn lines(text: &str) -> Vec<String> {
        wrap_markdown(text.lines(), W)
            .into_iter()
            .map(|l| format!(" {l}"))
            .collect()
    }

    /// The line wraps into the same words, and no piece is a hazard.
    fn unchanged(text: &str) {
        assert_eq!(lines(text), lines_kept(text), "{text}");
    }

    fn lines_kept(text: &str) -> Vec<String> {
        text.lines().map(|l| format!(" {l}")).collect()
    }

    #[test]
    fn words_are_never_split_at_hyphens() {
        let line = format!(
            "{} self-service <https://www.rfc-editor.org/rfc/rfc6749#section-5.2>",
            "w ".repeat(40)
        );
        for piece in lines(&line) {
            assert!(!piece.ends_with('-'), "{piece}");
        }
        assert!(
            lines(&line)
                .iter()
                .any(|l| l.contains("<https://www.rfc-editor.org/rfc/rfc6749#section-5.2>"))
        );
    }

    #[test]
    fn fences_in_list_items_and_quotes_are_kept_and_closed_by_their_own_kind() {
        let code = "x ".repeat(60);
        unchanged(&format!("- ```sh\n{code}\n```"));
        unchanged(&format!("> 1. ~~~\n```\n{code}\n~~~"));
        // A fence with an info string does not close one.
        unchanged(&format!("```\n```rust\n{code}\n```"));
    }

    #[test]
    fn no_piece_becomes_a_block_a_break_or_a_split_tag() {
        let long = "y".repeat(88);
        unchanged(&format!("*** {long} z"));
        unchanged(&format!("[a]: /url {long} more"));
        unchanged(&format!("{long} :{{value}} [a](javascript:alert(1))"));
        unchanged(&format!("{} C:\\ Program {long}", "w ".repeat(40)));
        unchanged(&format!(
            "{} Use {{@link ErrorCode.X}} instead",
            "w ".repeat(42)
        ));
    }

    #[test]
    fn long_paragraph_lines_wrap_where_nothing_changes() {
        let long = "word ".repeat(30);
        let wrapped = lines(long.trim_end());
        assert!(
            wrapped.len() > 1 && wrapped.iter().all(|l| l.len() <= W + 1),
            "{wrapped:?}"
        );
        // A break here would start a list item, a heading or a quote.
        for hazard in ["- item", "1. item", "# title", "> quote", "* item", "<div>"] {
            let line = format!("{} {hazard} {}", "a".repeat(W - 1), "b ".repeat(20));
            assert_eq!(lines(&line).len(), 1, "{line}");
            // Wherever the breaks fall, no new line starts a block.
            let shifted = format!("{} {hazard} {}", "a".repeat(W - 12), "b ".repeat(20));
            assert!(
                lines(&shifted)
                    .iter()
                    .skip(1)
                    .all(|l| !starts_block(l.trim_start()))
            );
        }
        for block in [
            "| a | b |",
            "- a list item",
            "    indented code",
            "ends in a hard break  ",
        ] {
            let line = format!("{block} {}", "c ".repeat(60));
            let line = if block.ends_with("  ") {
                format!("{} {block}", "c ".repeat(60))
            } else {
                line
            };
            assert_eq!(lines(&line).len(), 1, "{line}");
        }
        let fenced = format!("```\n{}\n```", "x ".repeat(60));
        assert_eq!(lines(&fenced).len(), 3);
    }
}

//! Wrapping long lines of markdown (doc comments, JSDoc) where a reader
//! sees no difference.

/// A line of markdown as several when it is a long line of a paragraph and
/// breaking it changes nothing a reader sees: never a line that starts a
/// block of its own, is a table row or ends in a hard break, and never
/// where a new line would start a block (`- `, `1. `, `#`, `>`, ...) and
/// change what it is.
pub fn wrap_markdown_line(line: &str, width: usize) -> Vec<String> {
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
    let options = textwrap::Options::new(width).break_words(false);
    let pieces: Vec<String> = textwrap::wrap(line, options)
        .into_iter()
        .map(std::borrow::Cow::into_owned)
        .collect();
    if pieces[1..].iter().any(|piece| starts_block(piece)) {
        return keep;
    }
    pieces
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
    ordered
        || fence
        || html
        || underline
        || "#>|".contains(first)
        || (matches!(first, '-' | '*' | '+' | '_')
            && (marker(&trimmed[1..]) || trimmed.chars().all(|c| c == first || c == ' ')))
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: usize = 90;

    /// Like the Rust emitter's doc lines: each line wrapped, fences kept.
    fn lines(text: &str) -> Vec<String> {
        let mut in_fence = false;
        let mut out = Vec::new();
        for line in text.lines() {
            let fence = line.starts_with("```");
            if in_fence || fence {
                out.push(format!(" {line}"));
            } else {
                out.extend(
                    wrap_markdown_line(line, W)
                        .into_iter()
                        .map(|l| format!(" {l}")),
                );
            }
            in_fence ^= fence;
        }
        out
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

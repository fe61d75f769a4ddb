//! Markdown building blocks of the docs pages: code blocks, inline pieces
//! and long-form docs placed under an entry. Every catalog string goes
//! through the shared sanitiser, [`crate::emit::text`].

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::emit::text::longest_run;

/// A fenced code block whose fence cannot be closed by its content.
pub fn code_block(info: &str, body: &str) -> String {
    let fence = "`".repeat(longest_run(body, '`').max(2) + 1);
    let body = body.trim_end_matches('\n');
    format!("{fence}{info}\n{body}\n{fence}\n")
}

/// Long-form docs sit under an entry's own heading, so their headings move
/// down `levels` levels (`# Why` becomes `### Why` for `levels = 2`), capped
/// at `######`, the deepest there is. Setext headings (`Why` over `===`)
/// become ATX headings of the new level.
pub fn demote_headings(markdown: &str, levels: usize) -> String {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for (event, range) in Parser::new_ext(markdown, Options::empty()).into_offset_iter() {
        let Event::Start(Tag::Heading { level, .. }) = event else {
            continue;
        };
        let hashes = "#".repeat((level as usize + levels).min(6));
        let source = &markdown[range.clone()];
        let trimmed = source.trim_start();
        if trimmed.starts_with('#') {
            let indent = source.len() - trimmed.len();
            let run = trimmed.len() - trimmed.trim_start_matches('#').len();
            let start = range.start + indent;
            edits.push((start..start + run, hashes));
        } else {
            // Setext: every line but the underline is the heading's text.
            let text: Vec<&str> = source.trim_end().lines().collect();
            let title = text[..text.len().saturating_sub(1)]
                .iter()
                .map(|line| line.trim())
                .collect::<Vec<_>>()
                .join(" ");
            let end = range.start + source.trim_end().len();
            edits.push((range.start..end, format!("{hashes} {title}")));
        }
    }
    let mut out = String::with_capacity(markdown.len() + edits.len() * levels);
    let mut at = 0;
    for (range, replacement) in edits {
        out.push_str(&markdown[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&markdown[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_blocks_cannot_be_closed_by_their_content() {
        assert_eq!(code_block("json", "```\n"), "````json\n```\n````\n");
    }

    #[test]
    fn headings_in_long_form_docs_move_below_the_entry() {
        let docs =
            "# Why\n\ntext with # no heading\n\n  ## How\n\nSetext\ntwo lines\n===\n\n##### Deep\n";
        assert_eq!(
            demote_headings(docs, 2),
            "### Why\n\ntext with # no heading\n\n  #### How\n\n### Setext two lines\n\n###### Deep\n"
        );
    }
}

//! The one sanitiser every text target calls. Catalog strings reach
//! markdown in many places: the docs pages, rustdoc (crate docs, items,
//! `#[deprecated]` notes), the changelog, OpenAPI and JSON Schema
//! descriptions. Each target writes them through this module, so that in
//! all of them a string reads as the text it is: no table is broken by a
//! `|`, no `<script>` becomes markup, no `*` starts emphasis, no `{` starts
//! an MDX expression, and no link can run code when clicked. Catalog
//! markdown (long-form `docs`, descriptions) keeps its markdown, with raw
//! HTML shown as text and unsafe links disabled ([`neutralise_html`]).
//! TypeScript writes text as string literals inside JSDoc, where a backslash
//! would show; it escapes [`OPENS_MARKUP`] as `\u` escapes instead.
//! JSON documents, which tools inline into HTML pages, hold no `<` at all
//! ([`json_without_markup`]).

mod json;
mod wrap;

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

pub use json::json_without_markup;
pub use wrap::wrap_markdown;

/// The characters without which no markdown renderer (CommonMark, GitHub,
/// rustdoc, editors rendering JSDoc) opens HTML, an autolink, a link or an
/// image. A target that cannot backslash-escape writes these some other way.
pub const OPENS_MARKUP: &[char] = &['<', '['];

/// Characters that mean something to CommonMark, GitHub tables, GitHub's
/// and mdBook's math (`$`, which opens inline math that can swallow a code
/// span and let a link out of it) or MDX wherever they appear, and so are
/// always backslash-escaped (CommonMark allows a backslash before any ASCII
/// punctuation).
const ALWAYS: &[char] = &['\\', '`', '*', '[', ']', '<', '>', '|', '{', '}', '~', '$'];

/// Plain text as markdown inline content, anywhere but at the start of a
/// line. Line breaks become spaces, because catalog text fields are not
/// markdown and a line break inside a table cell would end the row.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// [`escape`], appended to `out`: the docs pages write thousands of these
/// into one string.
pub fn push_escaped(out: &mut String, text: &str) {
    // Most catalog text has nothing to escape; it is copied as it is.
    if text.bytes().all(needs_no_escape) {
        out.push_str(text);
        return;
    }
    let mut previous = None;
    let mut chars = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let escape = ALWAYS.contains(&c)
            // `_` only emphasises at a word boundary; inside `tenant_id` it
            // is literal, and leaving it bare keeps the source readable.
            || (c == '_' && !(is_word(previous) && is_word(next)))
            // `&` only matters where it could start an entity (`&amp;`,
            // `&#60;`); `Billing & subscription` stays as written.
            || (c == '&' && next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'));
        if escape {
            out.push('\\');
        }
        out.push(c);
        previous = Some(c);
    }
}

/// An ASCII byte that [`push_escaped`] copies unchanged wherever it stands.
fn needs_no_escape(byte: u8) -> bool {
    byte == b' ' || (byte.is_ascii_graphic() && !b"\\`*[]<>|{}~$_&".contains(&byte))
}

/// Plain text as a paragraph of its own: [`escape`], and also nothing at the
/// start that would open a heading, list, rule or definition.
pub fn escape_paragraph(text: &str) -> String {
    let mut out = escape(text.trim());
    // `:` would make the paragraph above a definition list's term.
    if out.starts_with(['#', '-', '+', '=', ':']) {
        out.insert(0, '\\');
    }
    // `1. text` would become an ordered list.
    if let Some(end) = out.find(|c: char| !c.is_ascii_digit())
        && end > 0
        && matches!(out[end..].chars().next(), Some('.' | ')'))
    {
        out.insert(end, '\\');
    }
    out
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// `text` as a code span. The fence is one backtick longer than the longest
/// run inside, and padded when the content touches a backtick or space, as
/// CommonMark requires. In a table cell a `|` must still be escaped: GitHub
/// splits cells before it parses code spans.
pub fn code_span(text: &str, in_table: bool) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_code_span(&mut out, text, in_table);
    out
}

/// [`code_span`], appended to `out`.
pub fn push_code_span(out: &mut String, text: &str, in_table: bool) {
    let plain = |c: char| !(c.is_control() || c == '`' || (in_table && c == '|'));
    // A code, a parameter or a header name: one backtick each side.
    if !text.starts_with(' ') && !text.ends_with(' ') && text.chars().all(plain) {
        out.push('`');
        out.push_str(text);
        out.push('`');
        return;
    }
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let text = if in_table {
        text.replace('|', "\\|")
    } else {
        text
    };
    let fence = "`".repeat(longest_run(&text, '`') + 1);
    let pad = text.starts_with('`')
        || text.ends_with('`')
        || (text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty());
    let pad = if pad { " " } else { "" };
    for piece in [&fence, pad, &text, pad, &fence] {
        out.push_str(piece);
    }
}

pub(crate) fn longest_run(text: &str, of: char) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == of { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// A URL as a clickable link when it is an absolute web or mail URL, and
/// as a code span otherwise: a path in angle brackets is raw HTML or text,
/// not a link, and no other scheme is one a reader should be sent to.
pub fn autolink(url: &str, in_table: bool) -> String {
    let mut out = String::with_capacity(url.len() + 2);
    push_autolink(&mut out, url, in_table);
    out
}

/// [`autolink`], appended to `out`.
pub fn push_autolink(out: &mut String, url: &str, in_table: bool) {
    let start = url.trim_start();
    let absolute = ["http://", "https://", "mailto:"].iter().any(|scheme| {
        start
            .get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
    });
    if absolute && safe_url(url) {
        out.push('<');
        push_url_for_autolink(out, url);
        out.push('>');
    } else {
        push_code_span(out, url, in_table);
    }
}

/// An autolink cannot contain spaces, `<` or `>`; percent-encoding them keeps
/// the link working and the markup intact.
fn push_url_for_autolink(out: &mut String, url: &str) {
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '|' => out.push_str("%7C"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Whether a link target from catalog markdown may be followed: relative
/// links, fragments, and the web and mail schemes. Anything else
/// (`javascript:`, `data:`, `vbscript:`) could run code when clicked.
pub fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            // A `:` after a `/`, `?` or `#` is part of a path, not a scheme.
            lower[..colon].contains(['/', '?', '#'])
                || ["http", "https", "mailto"].contains(&&lower[..colon])
        }
    }
}

/// Long-form catalog markdown, with any raw HTML turned into visible text
/// and links to unsafe targets turned into plain text. The text is parsed
/// with pulldown-cmark and only the byte ranges it reports are touched, so
/// the rest of the author's markdown is kept exactly.
///
/// One pass can uncover what it did not see: escaping the `<` of an
/// unterminated `<!--` turns the rest of the block from raw HTML back into
/// markdown, links and all. So passes repeat until one changes nothing.
/// Each pass only escapes, so they converge; past a bound, the whole text is
/// shown as plain text rather than trusted.
///
/// The text is also made whole: a fenced code block it leaves open is
/// closed, since on a page the next text would otherwise continue it (and
/// whatever follows that text's fence would be read as the page's markdown,
/// link definitions and all).
pub fn neutralise_html(markdown: &str) -> String {
    const MAX_PASSES: usize = 16;
    let mut text = close_open_fence(markdown);
    for _ in 0..MAX_PASSES {
        match neutralise_pass(&text) {
            Some(next) => text = next,
            None => return text,
        }
    }
    escape(markdown)
}

/// `markdown` with a closing fence after a top-level fenced code block that
/// runs to its end unclosed.
fn close_open_fence(markdown: &str) -> String {
    use pulldown_cmark::{CodeBlockKind, TagEnd};
    let mut depth = 0usize;
    let mut open: Option<Range<usize>> = None;
    for (event, range) in Parser::new_ext(markdown, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) if depth == 0 => {
                open = Some(range);
            }
            Event::Start(
                Tag::List(_) | Tag::Item | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_),
            ) => {
                depth += 1;
            }
            Event::End(
                TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition,
            ) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    let Some(block) = open.filter(|block| block.end >= markdown.trim_end().len()) else {
        return markdown.to_owned();
    };
    let text = &markdown[block];
    let opening = text.lines().next().unwrap_or_default().trim_start();
    let Some(fence_char) = opening.chars().next().filter(|c| *c == '`' || *c == '~') else {
        return markdown.to_owned();
    };
    let fence_len = opening.chars().take_while(|c| *c == fence_char).count();
    let closed = text.lines().count() > 1
        && text.lines().last().is_some_and(|last| {
            let last = last.trim();
            last.len() >= fence_len && last.chars().all(|c| c == fence_char)
        });
    if closed {
        return markdown.to_owned();
    }
    let mut out = markdown.to_owned();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&fence_char.to_string().repeat(fence_len));
    out.push('\n');
    out
}

/// One pass of [`neutralise_html`]; `None` when nothing needed a change.
fn neutralise_pass(markdown: &str) -> Option<String> {
    let mut edits: Vec<(Range<usize>, Edit)> = Vec::new();
    let parser = Parser::new_ext(markdown, Options::all());
    // A link reference definition is the page's, not the text's: one code's
    // `[r]: vbscript:x`, unused in its own docs, is what `[r]` in another
    // code's docs links to once both are on one page. So an unsafe one is
    // made text wherever it stands.
    for (_, definition) in parser.reference_definitions().iter() {
        if !safe_url(&definition.dest) {
            edits.push((definition.span.clone(), Edit::Brackets));
        }
    }
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => edits.push((range, Edit::Angle)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            })
            | Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) if !safe_url(&dest_url) => {
                let edit = if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    Edit::Angle
                } else {
                    Edit::Brackets
                };
                edits.push((range, edit));
            }
            _ => {}
        }
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(markdown.len());
    let mut at = 0;
    for (range, edit) in edits {
        if range.start < at {
            continue;
        }
        out.push_str(&markdown[at..range.start]);
        let text = &markdown[range.clone()];
        out.push_str(&match edit {
            Edit::Angle => text.replace('<', "&lt;"),
            // Escaped brackets cannot form a link of any kind (inline,
            // reference or shortcut), so the text shows as written.
            Edit::Brackets => text
                .replace('[', "\\[")
                .replace(']', "\\]")
                .replace("!\\[", "\\!\\["),
        });
        at = range.end;
    }
    out.push_str(&markdown[at..]);
    Some(out)
}

enum Edit {
    /// HTML or an autolink: `<` becomes `&lt;`, so it reads as text.
    Angle,
    /// A link or image: its brackets are escaped.
    Brackets,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_cannot_become_markup() {
        assert_eq!(escape("a | b <script>"), "a \\| b \\<script\\>");
        assert_eq!(escape("tenant_id _x_"), "tenant_id \\_x\\_");
        assert_eq!(escape("1.0.0 # 2"), "1.0.0 # 2");
        assert_eq!(escape("A & B &amp; &#60;"), "A & B \\&amp; \\&#60;");
        assert_eq!(escape_paragraph("# not a heading"), "\\# not a heading");
        assert_eq!(escape_paragraph("1. not a list"), "1\\. not a list");
        assert_eq!(escape("two\nlines"), "two lines");
    }

    #[test]
    fn code_spans_survive_backticks_and_pipes() {
        assert_eq!(code_span("a`b", false), "``a`b``");
        assert_eq!(code_span("`x`", false), "`` `x` ``");
        assert_eq!(code_span("a|b", true), "`a\\|b`");
    }

    #[test]
    fn raw_html_in_long_form_docs_is_shown_not_run() {
        let docs = "Use `<b>` like this.\n\n<script>alert(1)</script>\n\nSee <em>this</em>.\n";
        assert_eq!(
            neutralise_html(docs),
            "Use `<b>` like this.\n\n&lt;script>alert(1)&lt;/script>\n\nSee &lt;em>this&lt;/em>.\n"
        );
    }

    #[test]
    fn a_fence_left_open_is_closed_so_the_next_text_is_not_inside_it() {
        assert_eq!(neutralise_html("Start:\n\n~~~"), "Start:\n\n~~~\n~~~\n");
        assert_eq!(neutralise_html("```json\n{}\n"), "```json\n{}\n```\n");
        assert_eq!(neutralise_html("````\nx\n````\n"), "````\nx\n````\n");
        assert_eq!(neutralise_html("- a\n\n  ```\n  x"), "- a\n\n  ```\n  x");
        // The case found in review: a fence opened in one code's docs, a
        // definition after another's fence, a reference in a third's.
        let page = [
            neutralise_html("Start:\n\n~~~"),
            neutralise_html("[r]: https://ok.example\n~~~\n\n[r]: javascript:alert(1)"),
            neutralise_html("See [click][r]."),
        ]
        .join("\n\n## Next\n\n");
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, Parser::new(&page));
        assert!(!html.contains("javascript:alert(1)\""), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
    }

    #[test]
    fn an_unsafe_link_definition_is_text_even_where_nothing_uses_it() {
        // Another code's docs on the same page could write `[r]`.
        assert_eq!(
            neutralise_html("See the note.\n\n[r]: vbscript:x\n"),
            "See the note.\n\n\\[r\\]: vbscript:x\n"
        );
        let page = format!(
            "{}\n\n{}",
            neutralise_html("\n[r]: vbscript:x\n"),
            neutralise_html("\"\n[r]: vbscript:x\n")
        );
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, Parser::new(&page));
        assert!(!html.contains("href"), "{html}");
        assert_eq!(
            neutralise_html("[ok]: https://example.com\n"),
            "[ok]: https://example.com\n"
        );
    }

    #[test]
    fn what_escaping_an_unterminated_comment_uncovers_is_neutralised_too() {
        assert_eq!(
            neutralise_html("<!--[a](javascript:alert(1))"),
            "&lt;!--\\[a\\](javascript:alert(1))"
        );
    }

    #[test]
    fn links_that_could_run_code_become_text() {
        let docs = "[a](javascript:x) [b][r] <javascript:y> ![i](data:z) [ok](https://a.b/c:d)\n\n[r]: vbscript:z\n";
        assert_eq!(
            neutralise_html(docs),
            "\\[a\\](javascript:x) \\[b\\]\\[r\\] &lt;javascript:y> \\!\\[i\\](data:z) [ok](https://a.b/c:d)\n\n\\[r\\]: vbscript:z\n"
        );
    }

    #[test]
    fn only_absolute_web_urls_become_autolinks() {
        assert_eq!(autolink("https://a.b/c d", false), "<https://a.b/c%20d>");
        assert_eq!(autolink("about:blank", false), "`about:blank`");
        assert_eq!(autolink("/v1/a|b", true), "`/v1/a\\|b`");
        assert_eq!(
            autolink("javascript:alert(1)", false),
            "`javascript:alert(1)`"
        );
    }
}

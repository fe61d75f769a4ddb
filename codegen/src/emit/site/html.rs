//! HTML building blocks: escaping, catalog markdown rendered safely, and the
//! shared inline pieces of [`content`](crate::emit::docs::content).

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::emit::docs::content::{Fact, Inline};
use crate::emit::text::safe_url;

/// Text for HTML content or a quoted attribute value. Control characters
/// other than line breaks and tabs are not allowed in HTML; they become
/// spaces.
pub fn esc(text: &str) -> String {
    let allowed = |c: char| !c.is_control() || c == '\n' || c == '\t';
    let text: std::borrow::Cow<'_, str> = if text.chars().all(allowed) {
        text.into()
    } else {
        text.chars()
            .map(|c| if allowed(c) { c } else { ' ' })
            .collect::<String>()
            .into()
    };
    let mut out = String::with_capacity(text.len());
    // pulldown-cmark's own escaper (`&`, `<`, `>`, `"` and `'`); writing to
    // a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, &text);
    out
}

/// Catalog markdown (descriptions, long-form docs) as HTML. Raw HTML is shown
/// as text, never passed through, and unsafe link targets are dropped, so a
/// catalog cannot put markup or script into the site. Headings move down
/// `demote` levels, so a `#` in a code's docs does not outrank the page.
pub fn markdown(text: &str, demote: usize) -> String {
    let shift = |level: HeadingLevel| {
        HeadingLevel::try_from((level as usize + demote).min(6)).unwrap_or(HeadingLevel::H6)
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // Whether each open image is kept: an image whose target is unsafe is
    // dropped, start and end, and its alt text shows as text. (An `<img>`
    // with its `src` emptied would still be an element, and an empty `src`
    // makes some browsers request the page itself.)
    let mut images_kept: Vec<bool> = Vec::new();
    let events = Parser::new_ext(text, options).filter_map(move |event| match event {
        Event::Start(Tag::Image { ref dest_url, .. }) => {
            let safe = safe_url(dest_url);
            images_kept.push(safe);
            safe.then_some(event)
        }
        Event::End(TagEnd::Image) => images_kept.pop().unwrap_or(true).then_some(event),
        other => Some(other),
    });
    let events = events.map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: shift(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level))),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_url(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::from("#"),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// Where a page links to a code's entry: `auth.html#auth_required`.
pub type LinkFn<'a> = &'a dyn Fn(&str) -> String;

pub fn inlines(pieces: &[Inline], link: LinkFn) -> String {
    pieces
        .iter()
        .map(|piece| match piece {
            Inline::Text(t) => esc(t),
            Inline::Code(c) => format!("<code>{}</code>", esc(c)),
            Inline::CodeLink(c) => {
                format!("<a href=\"{}\"><code>{}</code></a>", esc(&link(c)), esc(c))
            }
            Inline::Url(url) if safe_url(url) => format!("<a href=\"{0}\">{0}</a>", esc(url)),
            Inline::Url(url) => esc(url),
        })
        .collect()
}

/// Facts as a definition list.
pub fn facts(facts: &[Fact], link: LinkFn) -> String {
    let mut out = String::from("<dl class=\"facts\">\n");
    for fact in facts {
        out.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>\n",
            esc(fact.label),
            inlines(&fact.value, link)
        ));
    }
    out.push_str("</dl>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_markdown_cannot_inject_markup_or_script() {
        let html = markdown(
            "# Title\n\nHi <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://a.b/c:d)\n\n<img src=x onerror=alert(1)>\n",
            2,
        );
        assert!(html.starts_with("<h3>Title</h3>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("href=\"https://a.b/c:d\""), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn images_with_unsafe_targets_become_their_alt_text() {
        assert_eq!(
            markdown("![a *b*](javascript:alert(1)) ![c](https://x.y/c.png)", 0),
            "<p>a <em>b</em> <img src=\"https://x.y/c.png\" alt=\"c\" /></p>\n"
        );
    }
}

//! The two ways catalog text reaches TypeScript: as code, a string literal
//! (in string literals and object keys), and as prose in JSDoc comments.
//!
//! A literal is safe in every code context at once: no catalog text can end
//! a string or a line, or start a template substitution. Prose reads as
//! written in an editor's hover, which renders JSDoc as markdown: the shared
//! sanitiser shows any markup as text, and nothing can end the comment or
//! open a JSDoc tag.

use crate::emit::text::OPENS_MARKUP;

/// `text` as a double-quoted TypeScript string literal that is also valid
/// JSON and decodes to exactly `text`.
///
/// Starts from `serde_json` (quotes, backslashes, control characters), then
/// escapes what JSON allows but the output's other contexts do not:
/// everything outside printable ASCII (U+2028 and U+2029 end lines in older
/// JavaScript and every editor; non-ASCII keeps the output's encoding moot),
/// backticks and `${` (template literals), `*/` (ends the JSDoc the literal
/// may sit in), `{@` (opens an inline JSDoc tag), and the characters that
/// open HTML or a link in the markdown editors render JSDoc as (the shared
/// sanitiser's [`OPENS_MARKUP`]: a backslash escape would show there).
pub fn string_literal(text: &str) -> String {
    let json = serde_json::to_string(text).expect("a string always serializes");
    let mut out = String::with_capacity(json.len() + 8);
    let mut previous = '\0';
    for c in json.chars() {
        match c {
            '`' => out.push_str("\\u0060"),
            '/' if previous == '*' => out.push_str("\\/"),
            '{' if previous == '$' => {
                // The `$` is already written; `\u007b` is the brace.
                out.push_str("\\u007b");
            }
            '@' if previous == '{' => out.push_str("\\u0040"),
            c if OPENS_MARKUP.contains(&c) => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
        previous = c;
    }
    out
}

/// `text` on one line of a JavaScript comment: every control character and
/// line terminator a space (JavaScript also ends a `//` comment at U+2028
/// and U+2029).
pub fn one_js_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// `text` as prose in a JSDoc comment: on one line (every control
/// character and line separator a space), markdown and HTML shown as text
/// (the shared sanitiser's [`escape`](crate::emit::text::escape)), and no
/// `*/` to end the comment or `{@` and `@` to open a tag.
pub fn jsdoc_text(text: &str) -> String {
    crate::emit::text::escape(&one_js_line(text))
        .replace("*/", "*\\/")
        .replace('@', "\\@")
}

/// A URL for `@see` in a JSDoc comment, which editors render as markdown:
/// every character that could end the comment, open a tag, or start markup
/// or a link in markdown is percent-encoded (a URL means the same either
/// way), as is anything outside printable ASCII.
pub fn jsdoc_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        let plain = c.is_ascii_graphic() && !"<>[]()*{}`'\"\\@!|".contains(c);
        if plain {
            out.push(c);
        } else {
            let mut bytes = [0u8; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{jsdoc_text, jsdoc_url, string_literal};

    #[test]
    fn a_see_link_carries_no_markup() {
        assert_eq!(
            jsdoc_url("https://docs.example.com/errors#auth_required"),
            "https://docs.example.com/errors#auth_required"
        );
        let hostile = jsdoc_url(
            "https://x.example/<img/src=x/onerror=alert(1)>[a](javascript:alert(1))*/ @x",
        );
        assert_eq!(
            hostile,
            "https://x.example/%3Cimg/src=x/onerror=alert%281%29%3E%5Ba%5D%28javascript:alert%281%29%29%2A/%20%40x"
        );
    }

    #[test]
    fn prose_reads_as_written_and_cannot_leave_the_comment() {
        assert_eq!(
            jsdoc_text("Send Authorization: Bearer <token>."),
            "Send Authorization: Bearer \\<token\\>."
        );
        assert_eq!(
            jsdoc_text("Use the function_id field"),
            "Use the function_id field"
        );
        let hostile = jsdoc_text("a */ b {@link x} @deprecated\nc\u{2028}d");
        assert!(!hostile.contains("*/"), "{hostile}");
        assert!(
            !hostile.contains("{@") && !hostile.contains(" @"),
            "{hostile}"
        );
        assert!(
            !hostile.contains('\n') && !hostile.contains('\u{2028}'),
            "{hostile}"
        );
    }

    fn decodes_to_itself(text: &str) -> String {
        let literal = string_literal(text);
        let back: String = serde_json::from_str(&literal).expect("the literal is JSON");
        assert_eq!(back, text, "{literal} decodes to something else");
        assert!(
            literal.chars().all(|c| (' '..='~').contains(&c)),
            "{literal} is not printable ASCII"
        );
        literal
    }

    #[test]
    fn plain_text_stays_readable() {
        assert_eq!(
            decodes_to_itself("version '{version}' of service does not exist"),
            r#""version '{version}' of service does not exist""#
        );
        assert_eq!(
            decodes_to_itself("https://docs.example.com/errors#a_b"),
            r#""https://docs.example.com/errors#a_b""#
        );
        assert_eq!(
            decodes_to_itself("mail support@example.com"),
            r#""mail support@example.com""#
        );
    }

    #[test]
    fn nothing_can_close_the_literal_or_the_comment_around_it() {
        assert_eq!(
            decodes_to_itself("a\"b\\c\nd\re\tf"),
            r#""a\"b\\c\nd\re\tf""#
        );
        assert_eq!(decodes_to_itself("*/ x /*"), r#""*\/ x /*""#);
        assert_eq!(decodes_to_itself("**/"), r#""**\/""#);
        assert_eq!(decodes_to_itself("`${x}`"), r#""\u0060$\u007bx}\u0060""#);
        assert_eq!(decodes_to_itself("{@link x}"), r#""{\u0040link x}""#);
    }

    #[test]
    fn no_literal_opens_markup_in_a_rendered_jsdoc() {
        assert_eq!(
            decodes_to_itself("<script>[x](javascript:alert(1))"),
            r#""\u003cscript>\u005bx](javascript:alert(1))""#
        );
    }

    #[test]
    fn line_separators_and_non_ascii_become_escapes() {
        assert_eq!(
            decodes_to_itself("a\u{2028}b\u{2029}c"),
            r#""a\u2028b\u2029c""#
        );
        assert_eq!(decodes_to_itself("wait — retry"), r#""wait \u2014 retry""#);
        assert_eq!(decodes_to_itself("🦀"), r#""\ud83e\udd80""#);
        assert_eq!(decodes_to_itself("\u{7f}\u{0}"), r#""\u007f\u0000""#);
    }
}

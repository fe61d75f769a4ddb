//! The "Handling errors" snippet of the docs index: TypeScript that switches
//! on the code, written for the catalog's own shape and codes (seed 001).

use crate::emit::docs::shape::access;
use errcat::shape::CodeForm;

use crate::emit::typescript::{one_js_line, string_literal};
use crate::model::{Catalog, Code, DetailsKind, Header};

/// At most this many `case`s: the snippet shows the pattern, the tables list
/// every code.
const MAX_CASES: usize = 4;

/// The codes worth a `case`, most instructive first: one that asks to slow
/// down, one with field errors, one about authentication, one a program can
/// resolve, then the catalog's first codes. Retired and deprecated codes are
/// never shown as examples to follow.
fn example_codes(catalog: &Catalog) -> Vec<&Code> {
    let live: Vec<&Code> = catalog
        .codes
        .iter()
        .filter(|c| c.retired.is_none() && c.deprecated.is_none())
        .filter(|c| c.wire_shape == catalog.wire_shape)
        .collect();
    let preferred = [
        live.iter()
            .find(|c| c.retry.throttling || c.has_header(Header::RETRY_AFTER)),
        live.iter().find(|c| c.details == DetailsKind::FieldErrors),
        live.iter().find(|c| c.status == Some(401)),
        live.iter().find(|c| c.resolve.is_some()),
    ];
    let mut chosen: Vec<&Code> = Vec::new();
    for code in preferred.into_iter().flatten().chain(live.iter()) {
        if chosen.len() == MAX_CASES {
            break;
        }
        if !chosen.iter().any(|c| c.code == code.code) {
            chosen.push(code);
        }
    }
    chosen
}

/// Comment text per line, so the snippet fits a docs column without
/// scrolling sideways.
const COMMENT_WIDTH: usize = 64;

/// `text` broken at spaces into lines of at most `width` columns (a wide
/// character counts two, as a monospaced column shows it; a longer word
/// gets a line of its own), every run of whitespace one space.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    // Without textwrap's other default features: first fit, no hyphenation;
    // widths by unicode-width, as a monospaced column shows them.
    let options = textwrap::Options::new(width).break_words(false);
    textwrap::wrap(&words.join(" "), options)
        .into_iter()
        .map(std::borrow::Cow::into_owned)
        .collect()
}

/// The TypeScript source, without a fence.
pub fn typescript(catalog: &Catalog) -> String {
    let access = access(catalog.wire_shape);
    let mut out = String::from(
        "const res = await fetch(request);\nif (!res.ok) {\n  const body = await res.json();\n",
    );
    out.push_str(&format!("  switch ({}) {{\n", access.code));
    let numbered = catalog.wire_shape.spec().code_form == CodeForm::Number;
    for code in example_codes(catalog) {
        // A shape of numbered codes sends each code of it as its number.
        let label = match code.number {
            Some(number) if numbered => number.to_string(),
            _ => string_literal(&code.code),
        };
        out.push_str(&format!("    case {label}:\n"));
        let advice = code.hint.as_deref().unwrap_or(&code.title);
        for line in wrap(&one_js_line(advice), COMMENT_WIDTH) {
            out.push_str(&format!("      // {line}\n"));
        }
        out.push_str("      break;\n");
    }
    out.push_str(&format!(
        "    default:\n      console.error({});\n  }}\n}}\n",
        access.log
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::{typescript, wrap};

    fn snippet(shape: &str, codes: &str) -> String {
        let catalog = format!(
            "[catalog]\nname = \"shop\"\ntitle = \"Shop\"\nwire_shape = \"{shape}\"\n\n\
             [[category]]\nid = \"orders\"\ntitle = \"Orders\"\n\n\
             [shape.twilio]\nsummary = \"Twilio\"\n\
             body = {{ code = \"{{number}}\", message = \"{{message}}\" }}\n"
        );
        let files = [("catalog.toml", catalog.as_str()), ("orders.toml", codes)];
        let catalog = crate::load::load_files(&files).unwrap_or_else(|d| panic!("{d}"));
        typescript(&catalog)
    }

    /// The `case`s are what the body's code member holds: a number in a
    /// shape of numbered codes, else the code as a string literal, however
    /// the code is spelled.
    #[test]
    fn cases_match_what_the_body_holds() {
        let numbered = snippet(
            "twilio",
            "[NOT_FOUND]\nstatus = 404\nmessage = \"a\"\nnumber = 20404\n",
        );
        assert!(
            numbered.contains("  switch (body.code) {\n    case 20404:\n"),
            "{numbered}"
        );
        let quoted = snippet(
            "flat",
            "['say \"hi\"\\']\nident = \"SayHi\"\nstatus = 404\nmessage = \"a\"\n",
        );
        assert!(
            quoted.contains("    case \"say \\\"hi\\\"\\\\\":\n"),
            "{quoted}"
        );
    }

    #[test]
    fn wrapping_fills_lines_first_fit_counting_columns() {
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("aaa  bbb\tccc", 7), ["aaa bbb", "ccc"]);
        assert_eq!(wrap("a verylongword b", 5), ["a", "verylongword", "b"]);
        assert_eq!(wrap("üüü üüü", 7), ["üüü üüü"]);
        assert_eq!(wrap("日本 語", 4), ["日本", "語"]);
        assert_eq!(wrap("a — b", 5), ["a — b"]);
    }
}

//! The catalog's table as the one string the runtime decodes (the format is
//! documented with its reader, `runtime/src/table.rs`): what used to be a
//! `CodeInfo` struct literal per code, at a tenth of the compile time.

use std::fmt::Write as _;

use crate::model::{
    Catalog, Code, DetailsKind, GrpcCode, Header, HeaderValue, ParamType, Segment, Severity,
};

use errcat::__private::TABLE_HEADER as HEADER;

/// The table's text: the header, then a line per code.
pub fn text(catalog: &Catalog) -> String {
    let mut out = String::with_capacity(HEADER.len() + catalog.codes.len() * 256);
    out.push_str(HEADER);
    let mut previous_category = None;
    for code in &catalog.codes {
        row(&mut out, catalog, code, previous_category);
        previous_category = Some(code.category);
        out.push('\n');
    }
    out
}

/// [`push_literal`] into a string of its own.
#[cfg(test)]
fn literal(text: &str) -> String {
    let mut out = String::new();
    push_literal(&mut out, text);
    out
}

/// The table as a Rust string literal, appended to `out` (a copy of its
/// own, the largest item of a large catalog's crate, would count towards
/// gen's peak). Line feeds and tabs stay as they are, so a row is a line
/// of the file unless its text holds line breaks; everything else
/// `char::escape_debug` would escape is escaped (quotes, backslashes,
/// carriage returns, invisible and combining characters, which clippy
/// refuses in a literal), and the bidirectional controls rustc refuses.
pub fn push_literal(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\n' | '\t' | '\'' => out.push(c),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => {
                let _ = write!(out, "{}", c.escape_debug());
            }
        }
    }
    out.push('"');
}

fn string(out: &mut String, text: &str) {
    let _ = write!(out, "{}:{text}", text.len());
}

fn number(out: &mut String, value: impl std::fmt::Display) {
    let _ = write!(out, "{value};");
}

fn optional<T>(out: &mut String, value: Option<T>, write: impl FnOnce(&mut String, T)) {
    match value {
        Some(value) => {
            out.push('+');
            write(out, value);
        }
        None => out.push('-'),
    }
}

fn index_in<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter()
        .position(|candidate| candidate == value)
        .expect("every kind is in its ALL list")
}

fn row(out: &mut String, catalog: &Catalog, code: &Code, previous_category: Option<usize>) {
    string(out, &code.code);
    number(out, code.http_status());
    string(out, &code.title);
    string(out, &code.message.source());
    if splits_as_written(&code.message.segments) {
        out.push('=');
    } else {
        segments(out, &code.message.segments);
    }
    number(out, code.message.params.len());
    for param in &code.message.params {
        string(out, &param.name);
        number(out, index_in(&ParamType::ALL, &param.ty));
    }
    optional(out, code.hint.as_deref(), string);
    optional(out, code.description.as_deref(), string);
    if previous_category == Some(code.category) {
        out.push('=');
    } else {
        string(out, &catalog.categories[code.category].id);
    }
    let flags = u8::from(code.retry.retryable)
        | u8::from(code.retry.throttling) << 1
        | u8::from(code.deprecated.is_some()) << 2
        | u8::from(code.retired.is_some()) << 3
        | u8::try_from(index_in(&Severity::ALL, &code.severity)).expect("three fit a byte") << 4;
    number(out, flags);
    optional(out, code.retry.after_seconds, number);
    number(out, headers(&code.headers).bits());
    number(out, index_in(&DetailsKind::ALL, &code.details));
    number(out, catalog.shape_index(code.wire_shape));
    string(out, &catalog.docs_url(code));
    number(out, GrpcCode::number(code.grpc));
    optional(out, code.resolve.as_ref(), |out, resolve| {
        for value in resolve.values() {
            optional(out, value, string);
        }
    });
    optional(out, code.number, number);
    let replacement = code
        .deprecated
        .as_ref()
        .and_then(|d| d.replacement.as_deref());
    optional(out, replacement, string);
    number(out, code.aliases.len());
    for alias in &code.aliases {
        string(out, alias);
    }
    let valued: Vec<(&Header, &Vec<Segment>)> = code
        .headers
        .iter()
        .filter_map(|header| match &header.value {
            HeaderValue::Template(template) => Some((header, template)),
            HeaderValue::RetryAfter => None,
        })
        .collect();
    number(out, valued.len());
    for (header, template) in valued {
        string(out, &header.lowercase_name());
        segments(out, template);
    }
}

/// Whether the runtime, splitting the message's source at each `{name}`,
/// gets exactly these segments: no text escapes a brace, and texts are
/// never empty or side by side (which a split cannot give).
fn splits_as_written(segments: &[Segment]) -> bool {
    let mut after_text = false;
    segments.iter().all(|segment| match segment {
        Segment::Text(text) => {
            let fits = !after_text && !text.is_empty() && !text.contains(['{', '}']);
            after_text = true;
            fits
        }
        Segment::Param(_) => {
            after_text = false;
            true
        }
    })
}

fn segments(out: &mut String, segments: &[Segment]) {
    number(out, segments.len());
    for segment in segments {
        match segment {
            Segment::Text(text) => {
                out.push('t');
                string(out, text);
            }
            Segment::Param(i) => {
                out.push('p');
                number(out, i);
            }
        }
    }
}

/// The runtime's set of the headers it knows that a code declares.
fn headers(headers: &[Header]) -> errcat::HeaderSet {
    errcat::HeaderSet::of_names(headers.iter().map(|h| h.name.as_str()))
}

#[cfg(test)]
mod tests {
    use super::{literal, splits_as_written};
    use crate::model::Segment;

    /// Every template the writer marks `=` splits, in the runtime, into its
    /// own segments; the others (escaped braces) are written out.
    #[test]
    fn a_template_written_equals_splits_into_its_own_segments() {
        let catalog = crate::load::load_files(&[
            (
                "catalog.toml",
                "[catalog]\nname = \"t\"\ntitle = \"T\"\n[[category]]\nid = \"c\"\ntitle = \"C\"\n"
                    .to_owned(),
            ),
            (
                "c.toml",
                r#"[PLAIN]
status = 400
message = "Plain text"
[AROUND]
status = 400
message = "{a}{b} between {c}"
params = { a = "string", b = "unsigned", c = "bool" }
[ESCAPED]
status = 400
message = "set {{braces}} for {name}"
params = { name = "string" }
[CLOSING]
status = 400
message = "a }} alone"
"#
                .to_owned(),
            ),
        ])
        .unwrap_or_else(|d| panic!("{d}"));
        let mut written = Vec::new();
        for code in &catalog.codes {
            let template = &code.message;
            if !splits_as_written(&template.segments) {
                written.push(code.code.as_str());
                continue;
            }
            let params: Vec<errcat::Param> = template
                .params
                .iter()
                .map(|p| errcat::Param {
                    name: p.name.clone().leak(),
                    ty: errcat::ParamType::String,
                })
                .collect();
            let mut pieces = Vec::new();
            errcat::__private::split_message(template.source().leak(), &params, &mut pieces)
                .unwrap();
            let split: Vec<Segment> = pieces
                .into_iter()
                .map(|piece| match piece {
                    errcat::Piece::Text(text) => Segment::Text(text.to_owned()),
                    errcat::Piece::Param(i) => Segment::Param(i),
                })
                .collect();
            assert_eq!(split, template.segments, "{}", code.code);
        }
        assert_eq!(written, ["ESCAPED", "CLOSING"]);
    }

    #[test]
    fn the_literal_holds_exactly_the_text() {
        for text in [
            "plain\nrows\n",
            "quote \" backslash \\ cr \r tab \t apostrophe '",
            "soft\u{AD}hyphen zero\u{200B}width joiner\u{2060} Cafe\u{301}",
            "bidi \u{202E} \u{2066} line \u{2028} 日本 🦀",
        ] {
            let parsed: syn::LitStr = syn::parse_str(&literal(text)).unwrap();
            assert_eq!(parsed.value(), text);
            let escaped = literal(text);
            assert!(
                !escaped.contains([
                    '\u{AD}', '\u{200B}', '\u{2060}', '\u{301}', '\u{202E}', '\r'
                ]),
                "{escaped}"
            );
        }
    }
}

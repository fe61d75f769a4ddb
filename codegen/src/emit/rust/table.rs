//! The catalog's table as the one string the runtime decodes (the format is
//! documented with its reader, `runtime/src/table.rs`): what used to be a
//! `CodeInfo` struct literal per code, at a tenth of the compile time.

use std::fmt::Write as _;

use crate::model::{Catalog, Code, DetailsKind, GrpcCode, Header, ParamType, Segment, WireShape};

/// The first line of every table, as the runtime expects it.
const HEADER: &str = "errcat-table-1\n";

/// The table's text: the header, then a line per code.
pub fn text(catalog: &Catalog) -> String {
    let mut out = String::with_capacity(HEADER.len() + catalog.codes.len() * 256);
    out.push_str(HEADER);
    for code in &catalog.codes {
        row(&mut out, catalog, code);
        out.push('\n');
    }
    out
}

/// The table as a Rust string literal: only what a literal cannot hold is
/// escaped (backslash, quote, carriage return, the bidirectional controls
/// rustc refuses in literals), so each row stays a line of the file.
pub fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\r' => out.push_str("\\r"),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
                let _ = write!(out, "\\u{{{:04X}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
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

fn row(out: &mut String, catalog: &Catalog, code: &Code) {
    string(out, &code.code);
    number(out, code.status);
    string(out, &code.title);
    string(out, &code.message.source());
    number(out, code.message.segments.len());
    for segment in &code.message.segments {
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
    number(out, code.message.params.len());
    for param in &code.message.params {
        string(out, &param.name);
        number(out, index_in(&ParamType::ALL, &param.ty));
    }
    optional(out, code.hint.as_deref(), string);
    optional(out, code.description.as_deref(), string);
    string(out, &catalog.categories[code.category].id);
    let flags = u8::from(code.retry.retryable)
        | u8::from(code.retry.throttling) << 1
        | u8::from(code.deprecated.is_some()) << 2
        | u8::from(code.retired.is_some()) << 3;
    number(out, flags);
    optional(out, code.retry.after_seconds, number);
    number(out, headers(&code.headers).bits());
    number(out, index_in(&DetailsKind::ALL, &code.details));
    number(out, index_in(&WireShape::ALL, &code.wire_shape));
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
}

/// The runtime's set of the headers a code declares.
fn headers(headers: &[Header]) -> errcat::HeaderSet {
    headers.iter().fold(errcat::HeaderSet::NONE, |set, header| {
        set.union(match header {
            Header::RetryAfter => errcat::HeaderSet::RETRY_AFTER,
            Header::RateLimitLimit => errcat::HeaderSet::RATE_LIMIT_LIMIT,
            Header::RateLimitRemaining => errcat::HeaderSet::RATE_LIMIT_REMAINING,
            Header::RateLimitReset => errcat::HeaderSet::RATE_LIMIT_RESET,
        })
    })
}

//! The key layout of a TOML file, read from the parser's event stream:
//! where each `[table]` header starts and what it names, and which dotted
//! keys are too deep for the TOML parser. `parse` asks for it only when the
//! parser's own errors need placing, so a clean file is never scanned.

use std::borrow::Cow;
use std::ops::Range;

use toml_parser::decoder::Encoding;
use toml_parser::parser::{EventReceiver, RecursionGuard};
use toml_parser::{ErrorSink, Raw, Source, Span};

/// The most parts a dotted key (or table header) may have: the `toml`
/// crate refuses more with a "recursion limit" error that carries no
/// position, so the loader finds the key itself. A test keeps the two equal.
pub(crate) const MAX_KEY_PARTS: usize = 80;

/// How deep arrays and inline tables are followed. The `toml` parser stops
/// at the same depth and reports it with a position; the scan only has to
/// stay off the stack's end.
const MAX_VALUE_DEPTH: u32 = 80;

/// A `[table]` or `[[array]]` header.
pub(crate) struct Header {
    /// Its keys, decoded: `["ORDER_NOT_FOUND", "resolve"]`.
    pub(crate) path: Vec<String>,
    /// The last key, where the parser points at a table defined twice.
    pub(crate) key_span: Range<usize>,
    /// Where the header's line starts its section.
    pub(crate) start: usize,
    pub(crate) array: bool,
}

#[derive(Default)]
pub(crate) struct Scan {
    /// In source order.
    pub(crate) headers: Vec<Header>,
    /// The first part beyond [`MAX_KEY_PARTS`] of every key that has one.
    pub(crate) too_deep: Vec<Range<usize>>,
}

impl Scan {
    /// The header whose section holds `offset`, and its index.
    pub(crate) fn section_at(&self, offset: usize) -> Option<(usize, &Header)> {
        let index = self
            .headers
            .partition_point(|header| header.start <= offset)
            .checked_sub(1)?;
        Some((index, &self.headers[index]))
    }

    /// The earlier `[table]` header with the same path as header `index`.
    pub(crate) fn earlier_definition(&self, index: usize) -> Option<&Header> {
        let header = &self.headers[index];
        self.headers[..index]
            .iter()
            .rfind(|earlier| !earlier.array && !header.array && earlier.path == header.path)
    }
}

pub(crate) fn scan(text: &str) -> Scan {
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    let mut scanner = Scanner {
        source,
        scan: Scan::default(),
        header: None,
        parts: 0,
        after_dot: false,
    };
    let mut guarded = RecursionGuard::new(&mut scanner, MAX_VALUE_DEPTH);
    toml_parser::parser::parse_document(&tokens, &mut guarded, &mut ());
    scanner.scan
}

struct Scanner<'i> {
    source: Source<'i>,
    scan: Scan,
    /// The header being read, between its brackets.
    header: Option<Header>,
    /// Parts of the dotted key being read so far.
    parts: usize,
    after_dot: bool,
}

impl Scanner<'_> {
    fn open_header(&mut self, span: Span, array: bool) {
        self.header = Some(Header {
            path: Vec::new(),
            key_span: span.start()..span.end(),
            start: span.start(),
            array,
        });
    }

    fn close_header(&mut self) {
        if let Some(header) = self.header.take() {
            self.scan.headers.push(header);
        }
        self.after_dot = false;
    }
}

impl EventReceiver for Scanner<'_> {
    fn std_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.open_header(span, false);
    }

    fn std_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.close_header();
    }

    fn array_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.open_header(span, true);
    }

    fn array_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.close_header();
    }

    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, _error: &mut dyn ErrorSink) {
        self.parts = if self.after_dot { self.parts + 1 } else { 1 };
        self.after_dot = false;
        let range = span.start()..span.end();
        if self.parts == MAX_KEY_PARTS + 1 {
            self.scan.too_deep.push(range.clone());
        }
        if let (Some(header), Some(raw)) = (self.header.as_mut(), self.source.get(span)) {
            let raw = Raw::new_unchecked(raw.as_str(), encoding, span);
            let mut key = Cow::Borrowed("");
            raw.decode_key(&mut key, &mut ());
            header.path.push(key.into_owned());
            header.key_span = range;
        }
    }

    fn key_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.after_dot = true;
    }

    fn key_val_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.after_dot = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_found_with_their_decoded_paths() {
        let scan = scan("top = 1\n[A]\nx = \"[B]\"\n[ \"A\" . resolve ]\n[[category]]\n");
        let paths: Vec<_> = scan.headers.iter().map(|h| h.path.join(".")).collect();
        assert_eq!(paths, ["A", "A.resolve", "category"]);
        assert_eq!(scan.headers[1].key_span, 30..37);
        assert!(scan.headers[2].array);
        assert!(scan.section_at(3).is_none());
        assert_eq!(scan.section_at(14).map(|(i, _)| i), Some(0));
    }

    /// The limit is the `toml` crate's: a key of exactly that many parts
    /// parses, one more is refused without a position.
    #[test]
    fn the_key_limit_is_the_toml_parsers() {
        let key = |parts: usize| format!("{} = 1\n", vec!["k"; parts].join("."));
        let (_, errors) = toml::de::DeTable::parse_recoverable(&key(MAX_KEY_PARTS));
        assert!(errors.is_empty());
        let (_, errors) = toml::de::DeTable::parse_recoverable(&key(MAX_KEY_PARTS + 1));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message(), "recursion limit");
        assert_eq!(errors[0].span(), None);
        let deep = key(MAX_KEY_PARTS + 1);
        let too_deep: Vec<(usize, usize)> = scan(&deep)
            .too_deep
            .iter()
            .map(|r| (r.start, r.end))
            .collect();
        assert_eq!(too_deep, [(160, 161)]);
        assert!(scan(&key(MAX_KEY_PARTS)).too_deep.is_empty());
    }

    #[test]
    fn deeply_nested_values_do_not_exhaust_the_stack() {
        let arrays = format!("a = {}\n", "[".repeat(100_000));
        assert!(scan(&arrays).too_deep.is_empty());
    }
}

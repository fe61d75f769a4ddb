//! Formatting the per-code lists of a large catalog a chunk at a time.
//!
//! Parsing and formatting a 10,000-code crate as one `syn::File` held every
//! token of 38 MB of source alive several times over (over 1 GB of heap).
//! Instead the fixed parts are formatted as a skeleton with a marker in
//! place of each per-code list, and each list is formatted in chunks inside
//! a wrapper that puts its elements at the same depth as in the skeleton.
//! prettyplease lays out each enum variant and item on its own, so the
//! spliced text is byte for byte what formatting the whole file gives;
//! small catalogs are formatted whole.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// prettyplease's margin: a group that fits on a line up to this column
/// stays on it. Elements written as text follow the same rule.
pub const MARGIN: usize = 89;

/// Appends `line` and a newline if it fits within the margin, as
/// prettyplease keeps a group on one line; false otherwise.
pub fn one_line(text: &mut String, line: &str) -> bool {
    let fits = line.len() <= MARGIN;
    if fits {
        text.push_str(line);
        text.push('\n');
    }
    fits
}

/// `#[deprecated(note = ..)]` at `indent` as prettyplease prints it: on
/// one line within the margin, else with the note on a line of its own.
pub fn deprecated(text: &mut String, indent: &str, note: &str) {
    let note = proc_macro2::Literal::string(note);
    let line = format!("{indent}#[deprecated(note = {note})]");
    if !one_line(text, &line) {
        use std::fmt::Write as _;
        let _ = writeln!(
            text,
            "{indent}#[deprecated(\n{indent}    note = {note}\n{indent})]"
        );
    }
}

/// Appends an element written as text, unless a line of code in it passes
/// the margin, where prettyplease would break it further: then false, and
/// the element is formatted instead.
pub fn accept(text: &str, out: &mut String) -> bool {
    // Doc comments and a broken attribute's note are never broken further.
    let fits = text.lines().all(|line| {
        let code = line.trim_start();
        code.starts_with("///") || code.starts_with("note = ") || line.len() <= MARGIN
    });
    if fits {
        out.push_str(text);
    }
    fits
}

/// Catalogs with fewer codes are formatted as one file.
pub const MIN_CODES: usize = 256;

/// Elements per chunk.
const CHUNK: usize = 128;

/// Where a list's elements sit in the generated file.
#[derive(Clone, Copy)]
pub enum Kind {
    /// Variants of a top-level enum.
    Variants,
    /// Items of a top-level `impl`.
    ImplItems,
    /// Items of a module inside a top-level module.
    NestedModItems,
}

/// A per-code list, its elements built on demand so only a chunk's tokens
/// are alive at a time.
pub struct List<'a> {
    marker: String,
    kind: Kind,
    len: usize,
    spliced: bool,
    element: Box<dyn Fn(usize) -> TokenStream + Sync + 'a>,
    /// Writes an element's text as prettyplease would lay it out, so a
    /// spliced list skips tokens and formatting altogether.
    text: Option<WriteText<'a>>,
}

/// Writes an element as text and says so, or declines (returns false) for
/// one whose layout it does not know, which is then formatted.
type WriteText<'a> = Box<dyn Fn(usize, &mut String) -> bool + Sync + 'a>;

impl<'a> List<'a> {
    /// `spliced` must be the same for every list of a file.
    pub fn new(
        marker: &str,
        kind: Kind,
        spliced: bool,
        len: usize,
        element: impl Fn(usize) -> TokenStream + Sync + 'a,
    ) -> Self {
        List {
            marker: marker.to_owned(),
            kind,
            len,
            spliced,
            element: Box::new(element),
            text: None,
        }
    }

    /// The same list, whose elements `write` also writes as text: the
    /// layout prettyplease gives them, which the test of splicing holds it
    /// to, at a fraction of the cost.
    #[must_use]
    pub fn with_text(mut self, write: impl Fn(usize, &mut String) -> bool + Sync + 'a) -> Self {
        self.text = Some(Box::new(write));
        self
    }

    /// The list's tokens in the skeleton: its elements, or its marker.
    pub fn tokens(&self) -> TokenStream {
        let marker = Ident::new(&self.marker, Span::call_site());
        if self.spliced {
            return match self.kind {
                Kind::Variants => quote!(#marker),
                Kind::ImplItems | Kind::NestedModItems => quote!(#marker!();),
            };
        }
        let elements = (0..self.len).map(&self.element);
        match self.kind {
            Kind::Variants => quote!(#(#elements,)*),
            Kind::ImplItems | Kind::NestedModItems => quote!(#(#elements)*),
        }
    }

    /// The line prettyplease prints for the marker, trimmed.
    fn marker_line(&self) -> String {
        match self.kind {
            Kind::Variants => format!("{},", self.marker),
            Kind::ImplItems | Kind::NestedModItems => format!("{}!();", self.marker),
        }
    }

    fn write_elements(&self, out: &mut String) {
        if let Some(write) = &self.text {
            for i in 0..self.len {
                if !write(i, out) {
                    self.format(i..i + 1, out);
                }
            }
            return;
        }
        let chunks = (self.len / CHUNK).max(1);
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        if threads < 2 || chunks < 2 {
            for chunk in 0..chunks {
                self.write_chunk(chunk, chunks, out);
            }
            return;
        }
        // Chunks format independently, so the second half is formatted on
        // another core; the text is the same whichever thread wrote it.
        let half = chunks / 2;
        let second = std::thread::scope(|scope| {
            let second = scope.spawn(|| {
                let mut text = String::new();
                for chunk in half..chunks {
                    self.write_chunk(chunk, chunks, &mut text);
                }
                text
            });
            for chunk in 0..half {
                self.write_chunk(chunk, chunks, out);
            }
            second.join().expect("formatting a chunk does not panic")
        });
        out.push_str(&second);
    }

    fn write_chunk(&self, chunk: usize, chunks: usize, out: &mut String) {
        let end = if chunk + 1 == chunks {
            self.len
        } else {
            (chunk + 1) * CHUNK
        };
        self.format(chunk * CHUNK..end, out);
    }

    /// The elements in `range`, formatted by prettyplease as they sit in
    /// the whole file.
    fn format(&self, range: std::ops::Range<usize>, out: &mut String) {
        let end = range.end;
        // prettyplease ends the last element of a comma-separated list
        // differently (its comma is only printed if the list breaks), which
        // can change its layout; so such a chunk that does not end the list
        // is followed by a sentinel element, whose line is dropped.
        let separated = matches!(self.kind, Kind::Variants);
        let sentinel = (separated && end < self.len).then(|| quote!(W));
        let elements = range.map(&self.element).chain(sentinel.clone());
        let (wrapped, depth) = match self.kind {
            Kind::Variants => (quote!(enum W { #(#elements,)* }), 1),
            Kind::ImplItems => (quote!(impl W { #(#elements)* }), 1),
            Kind::NestedModItems => (quote!(mod w { mod w { #(#elements)* } }), 2),
        };
        let file = syn::parse2::<syn::File>(wrapped)
            .expect("the Rust emitter builds its items with quote!, so they always parse");
        let text = prettyplease::unparse(&file);
        let mut body = strip_lines(&text, depth);
        if sentinel.is_some() {
            body = &body[..body[..body.len() - 1].rfind('\n').map_or(0, |i| i + 1)];
        }
        out.push_str(body);
    }
}

/// `text` without its first and last `depth` lines.
fn strip_lines(text: &str, depth: usize) -> &str {
    let mut start = 0;
    for _ in 0..depth {
        start += text[start..].find('\n').expect("a wrapper line") + 1;
    }
    let mut end = text.len();
    for _ in 0..depth {
        end = text[..end - 1].rfind('\n').expect("a wrapper line") + 1;
    }
    &text[start..end]
}

/// `skeleton` with each list's marker line replaced by its elements.
pub fn splice(skeleton: &str, lists: &[&List<'_>]) -> String {
    if !lists.iter().any(|list| list.spliced) {
        return skeleton.to_owned();
    }
    let markers: Vec<String> = lists.iter().map(|list| list.marker_line()).collect();
    let mut out = String::with_capacity(skeleton.len());
    let mut replaced = 0;
    for line in skeleton.split_inclusive('\n') {
        let trimmed = line.trim();
        match markers.iter().position(|marker| *marker == trimmed) {
            Some(i) => {
                replaced += 1;
                lists[i].write_elements(&mut out);
            }
            None => out.push_str(line),
        }
    }
    assert_eq!(
        replaced,
        lists.len(),
        "every marker is on a line of its own"
    );
    out
}

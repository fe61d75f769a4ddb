//! Formatting the per-code lists of a large catalog a chunk at a time.
//!
//! Parsing and formatting a 10,000-code crate as one `syn::File` held every
//! token of 38 MB of source alive several times over (over 1 GB of heap).
//! Instead the fixed parts are formatted as a skeleton with a marker in
//! place of each per-code list, and each list is formatted in chunks inside
//! a wrapper that puts its elements at the same depth as in the skeleton.
//! prettyplease lays out each enum variant, item and broken array element on
//! its own, so the spliced text is byte for byte what formatting the whole
//! file gives; the chunks are sized so that an array always breaks, and
//! small catalogs, whose arrays may fit on one line, are formatted whole.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// Catalogs with fewer codes are formatted as one file.
pub const MIN_CODES: usize = 256;

/// Elements per chunk: enough that an array of them never fits on a line.
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
    /// Elements of an array argument of `errcat::Catalog::new` in the
    /// `static` of a method of a top-level `impl`.
    CatalogArray,
}

/// A per-code list, its elements built on demand so only a chunk's tokens
/// are alive at a time.
pub struct List<'a> {
    marker: String,
    kind: Kind,
    len: usize,
    spliced: bool,
    element: Box<dyn Fn(usize) -> TokenStream + Sync + 'a>,
}

impl<'a> List<'a> {
    /// `spliced` must be the same for every list of a file, and true only
    /// if lists of elements of the kind `Kind::CatalogArray` are at least
    /// `CHUNK` long, so that they break.
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
        }
    }

    /// The list's tokens in the skeleton: its elements, or its marker.
    pub fn tokens(&self) -> TokenStream {
        let marker = Ident::new(&self.marker, Span::call_site());
        if self.spliced {
            return match self.kind {
                Kind::Variants | Kind::CatalogArray => quote!(#marker),
                Kind::ImplItems | Kind::NestedModItems => quote!(#marker!();),
            };
        }
        let elements = (0..self.len).map(&self.element);
        match self.kind {
            Kind::Variants => quote!(#(#elements,)*),
            Kind::CatalogArray => quote!(#(#elements),*),
            Kind::ImplItems | Kind::NestedModItems => quote!(#(#elements)*),
        }
    }

    /// The line prettyplease prints for the marker, trimmed.
    fn marker_line(&self) -> String {
        match self.kind {
            Kind::Variants => format!("{},", self.marker),
            Kind::ImplItems | Kind::NestedModItems => format!("{}!();", self.marker),
            Kind::CatalogArray => format!("&[{}],", self.marker),
        }
    }

    fn write_elements(&self, out: &mut String) {
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
        // prettyplease ends the last element of a comma-separated list
        // differently (its comma is only printed if the list breaks), which
        // can change its layout; so such a chunk that does not end the list
        // is followed by a sentinel element, whose line is dropped.
        let separated = matches!(self.kind, Kind::Variants | Kind::CatalogArray);
        let sentinel = (separated && end < self.len).then(|| quote!(W));
        let elements = (chunk * CHUNK..end)
            .map(&self.element)
            .chain(sentinel.clone());
        let (wrapped, depth) = match self.kind {
            Kind::Variants => (quote!(enum W { #(#elements,)* }), 1),
            Kind::ImplItems => (quote!(impl W { #(#elements)* }), 1),
            Kind::NestedModItems => (quote!(mod w { mod w { #(#elements)* } }), 2),
            Kind::CatalogArray => (
                quote!(impl W { fn w() { static W: W = w(w, w, &[#(#elements),*], w); } }),
                0,
            ),
        };
        let file = syn::parse2::<syn::File>(wrapped)
            .expect("the Rust emitter builds its items with quote!, so they always parse");
        let text = prettyplease::unparse(&file);
        let mut body = match self.kind {
            Kind::CatalogArray => array_elements(&text),
            _ => strip_lines(&text, depth),
        };
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

/// The elements of the wrapper's array, which prettyplease broke one to a
/// line between `&[` and `],` at the arguments' indentation.
fn array_elements(text: &str) -> &str {
    const OPEN: &str = "\n            &[\n";
    const CLOSE: &str = "\n            ],\n";
    let start = text.find(OPEN).expect("a broken array") + OPEN.len();
    let end = text.rfind(CLOSE).expect("a broken array") + 1;
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
                let list = lists[i];
                if let Kind::CatalogArray = list.kind {
                    let indent = &line[..line.len() - line.trim_start().len()];
                    out.push_str(indent);
                    out.push_str("&[\n");
                    list.write_elements(&mut out);
                    out.push_str(indent);
                    out.push_str("],\n");
                } else {
                    list.write_elements(&mut out);
                }
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

//! Wire string → code. A generated catalog lists every code and alias once;
//! the first parse builds an open-addressing hash index over that list, so
//! parsing costs one hash and usually one string comparison at any catalog
//! size (a binary search over 10,000 codes with long common prefixes was
//! measured at ~370 ns, the index at a tenth of that; see `benches/`).
//!
//! The index is built at run time rather than generated, so generated code
//! stays a plain table and the hash function can change without regenerating.

use std::fmt;
use std::sync::OnceLock;

use crate::catalog::{CodeInfo, WireShape};

/// A whole catalog, as a generated crate describes it to the runtime.
pub struct Catalog<C: 'static> {
    /// Machine name, e.g. `fold`.
    pub name: &'static str,
    /// The domain its codes are unique in (`google.rpc.ErrorInfo.domain`,
    /// AIP-193's): the catalog's `domain`, else its name.
    pub domain: &'static str,
    /// The shape codes render in unless they choose their own.
    pub default_shape: WireShape,
    /// Every shape its codes can be sent in and a client reads: the
    /// built-in ones, then the catalog's own.
    pub shapes: &'static [WireShape],
    /// What OpenAPI documents call the enum of codes: `FoldErrorCode`.
    pub code_schema: &'static str,
    /// What that enum says of itself.
    pub code_description: &'static str,
    /// The schema and example of each code with typed details, as JSON
    /// (`{"CODE": {"schema": ..., "example": ...}}`; empty when none has
    /// them): only the catalog knows their members, and a service's own
    /// OpenAPI document shows them as the generated one does.
    pub typed_details: &'static str,
    source: Source<C>,
    tables: OnceLock<Tables<C>>,
    /// Slots of the hash index into the lookup list (index + 1; 0 is empty).
    index: OnceLock<Box<[u32]>>,
    /// The codes that have a `number`, sorted by it.
    numbers: OnceLock<Box<[(i64, C)]>>,
    /// `shapes` in the order a reader tries them.
    by_signature: OnceLock<Box<[WireShape]>>,
    /// `typed_details`, parsed once: a document asks for every code's.
    typed_parsed: OnceLock<serde_json::Map<String, serde_json::Value>>,
}

/// What the catalog was built from.
enum Source<C: 'static> {
    /// Rows written out, as a hand-built table has them.
    Rows {
        codes: &'static [CodeInfo],
        lookup: &'static [(&'static str, C)],
    },
    /// A generated crate's encoded table (see `table.rs`), and its codes in
    /// discriminant order.
    Table {
        text: &'static str,
        all: &'static [C],
    },
}

struct Tables<C: 'static> {
    codes: &'static [CodeInfo],
    lookup: &'static [(&'static str, C)],
}

impl<C> Catalog<C> {
    /// A catalog over rows written out; `const` so it can be a `static`.
    #[must_use]
    pub const fn new(
        name: &'static str,
        default_shape: WireShape,
        codes: &'static [CodeInfo],
        lookup: &'static [(&'static str, C)],
    ) -> Self {
        Catalog {
            name,
            domain: name,
            default_shape,
            shapes: &WireShape::ALL,
            code_schema: "ErrorCode",
            code_description: "Machine-readable error code.",
            typed_details: "",
            source: Source::Rows { codes, lookup },
            tables: OnceLock::new(),
            index: OnceLock::new(),
            numbers: OnceLock::new(),
            by_signature: OnceLock::new(),
            typed_parsed: OnceLock::new(),
        }
    }

    /// A catalog over a generated crate's encoded table, decoded when it is
    /// first used; `all` lists the codes in discriminant order.
    #[doc(hidden)]
    #[must_use]
    pub const fn encoded(
        name: &'static str,
        default_shape: WireShape,
        text: &'static str,
        all: &'static [C],
    ) -> Self {
        Catalog {
            name,
            domain: name,
            default_shape,
            shapes: &WireShape::ALL,
            code_schema: "ErrorCode",
            code_description: "Machine-readable error code.",
            typed_details: "",
            source: Source::Table { text, all },
            tables: OnceLock::new(),
            index: OnceLock::new(),
            numbers: OnceLock::new(),
            by_signature: OnceLock::new(),
            typed_parsed: OnceLock::new(),
        }
    }
}

impl<C> Catalog<C> {
    /// The catalog with the name and description OpenAPI documents give its
    /// enum of codes (`ErrorCode` and a plain sentence without this).
    #[must_use]
    pub const fn described(
        mut self,
        code_schema: &'static str,
        code_description: &'static str,
    ) -> Self {
        self.code_schema = code_schema;
        self.code_description = code_description;
        self
    }

    /// The catalog with the domain its codes belong to, when it is not
    /// the catalog's name.
    #[must_use]
    pub const fn with_domain(mut self, domain: &'static str) -> Self {
        self.domain = domain;
        self
    }

    /// The catalog with the shapes it declares besides the built-in ones:
    /// `shapes` lists [`WireShape::ALL`], then those. A generated table
    /// names a code's shape by its place in this list.
    #[must_use]
    pub const fn with_shapes(mut self, shapes: &'static [WireShape]) -> Self {
        self.shapes = shapes;
        self
    }

    /// The catalog with the schema and example of its typed details
    /// ([`Catalog::typed_details`]).
    #[must_use]
    pub const fn with_typed_details(mut self, typed_details: &'static str) -> Self {
        self.typed_details = typed_details;
        self
    }

    /// The schema (`"schema"`) or example (`"example"`) of `code`'s typed
    /// details, if it has them.
    #[must_use]
    pub fn typed_detail(&self, code: &str, which: &str) -> Option<serde_json::Value> {
        if self.typed_details.is_empty() {
            return None;
        }
        let all = self
            .typed_parsed
            .get_or_init(|| serde_json::from_str(self.typed_details).unwrap_or_default());
        all.get(code)?.get(which).cloned()
    }
}

impl<C: Copy> Catalog<C> {
    /// [`Catalog::shapes`] in the order a reader tries them
    /// ([`WireShape::by_signature`]).
    #[must_use]
    pub fn shapes_by_signature(&self) -> &[WireShape] {
        self.by_signature
            .get_or_init(|| WireShape::by_signature(self.shapes).into_boxed_slice())
    }

    /// One row per code, indexed by [`crate::ErrorCode::index`].
    ///
    /// # Panics
    ///
    /// If a generated table does not decode: it was written by an errcat
    /// that does not match this runtime, and regenerating fixes it.
    #[must_use]
    pub fn codes(&self) -> &'static [CodeInfo] {
        self.tables().codes
    }

    /// Every code and alias with the code it parses to, sorted by string
    /// (byte order) so iteration is deterministic.
    #[must_use]
    pub fn lookup(&self) -> &'static [(&'static str, C)] {
        self.tables().lookup
    }

    fn tables(&self) -> &Tables<C> {
        self.tables.get_or_init(|| match self.source {
            Source::Rows { codes, lookup } => Tables { codes, lookup },
            Source::Table { text, all } => {
                let decoded = crate::table::decode(text, self.shapes).unwrap_or_else(|why| {
                    panic!(
                        "errcat: the table of the `{}` catalog does not decode ({why}): \
                         it was generated for another version of the errcat runtime; regenerate it",
                        self.name
                    )
                });
                let mut lookup: Vec<(&'static str, C)> = decoded
                    .names
                    .into_iter()
                    .map(|(name, index)| (name, all[index]))
                    .collect();
                lookup.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
                Tables {
                    codes: decoded.codes,
                    lookup: Box::leak(lookup.into_boxed_slice()),
                }
            }
        })
    }

    /// The code a wire string (code or alias) names.
    #[must_use]
    pub fn parse(&self, s: &str) -> Option<C> {
        let lookup = self.lookup();
        let slots = self.index.get_or_init(|| build_index(lookup));
        let mask = slots.len() - 1;
        let mut slot = slot_of(s, mask);
        loop {
            let entry = slots[slot];
            if entry == 0 {
                return None;
            }
            let (key, code) = lookup[entry as usize - 1];
            if key == s {
                return Some(code);
            }
            slot = (slot + 1) & mask;
        }
    }
}

impl<C: Copy> Catalog<C> {
    /// The code whose stable `number` is `number` (MySQL's errno, say), if
    /// this build knows one.
    #[must_use]
    pub fn from_number(&self, number: i64) -> Option<C> {
        let numbers = self.numbers.get_or_init(|| {
            let mut numbers: Vec<(i64, C)> = self
                .codes()
                .iter()
                .filter_map(|info| Some((info.number?, self.parse(info.code)?)))
                .collect();
            numbers.sort_by_key(|(number, _)| *number);
            numbers.into_boxed_slice()
        });
        let at = numbers.binary_search_by_key(&number, |(n, _)| *n).ok()?;
        Some(numbers[at].1)
    }
}

impl<C: fmt::Debug + Copy> fmt::Debug for Catalog<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog")
            .field("name", &self.name)
            .field("default_shape", &self.default_shape)
            .field("codes", &self.codes().len())
            .field("lookup", &self.lookup().len())
            .finish_non_exhaustive()
    }
}

/// A power-of-two table at most half full, so a miss ends at an empty slot
/// after a short run and a hit is usually the first slot probed.
fn build_index<C>(lookup: &[(&'static str, C)]) -> Box<[u32]> {
    let size = (lookup.len() * 2).next_power_of_two().max(2);
    let mask = size - 1;
    let mut slots = vec![0u32; size].into_boxed_slice();
    for (i, (key, _)) in lookup.iter().enumerate() {
        let mut slot = slot_of(key, mask);
        while slots[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        slots[slot] = u32::try_from(i + 1).expect("fewer than 2^32 codes and aliases");
    }
    slots
}

/// The string's home slot: an FxHash-style multiply-rotate over 8-byte
/// words, whose well-mixed high bits pick the slot.
fn slot_of(s: &str, mask: usize) -> usize {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let bytes = s.as_bytes();
    let mut hash = bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().expect("chunks of 8"));
        hash = (hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    // The top bits of the product are the best mixed. Shifted down to the
    // table's `bits`, the value is below the table's length, a `usize`.
    let bits = (mask + 1).trailing_zeros();
    if bits == 0 {
        return 0;
    }
    #[allow(clippy::cast_possible_truncation)]
    let slot = (hash >> (64 - bits)) as usize;
    slot & mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_and_rejects_others_at_any_size() {
        for n in [0usize, 1, 2, 3, 17, 1000] {
            let keys: Vec<&'static str> = (0..n)
                .map(|i| &*Box::leak(format!("CODE_{i}").into_boxed_str()))
                .collect();
            let lookup: Vec<(&'static str, usize)> =
                keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
            let catalog = Catalog::new(
                "t",
                WireShape::Flat,
                &[],
                Box::leak(lookup.into_boxed_slice()),
            );
            for (i, key) in keys.iter().enumerate() {
                assert_eq!(catalog.parse(key), Some(i));
            }
            assert_eq!(catalog.parse("CODE_"), None);
            assert_eq!(catalog.parse(""), None);
            assert_eq!(catalog.parse("code_0"), None);
        }
    }
}

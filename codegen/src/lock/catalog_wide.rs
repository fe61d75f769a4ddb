//! Edits of `catalog.toml` that change many codes at once: the default
//! `wire_shape`, and `docs_base_url`, which every code without its own
//! `docs_url` takes its RFC 9457 `type` from. One edit is one mistake, so it
//! is reported once, at its line, rather than once for each of the codes.

use std::collections::BTreeMap;
use std::path::Path;

use super::report::{Break, Site};
use super::{Entry, Lock};
use crate::load::CATALOG_FILE;
use crate::model::Catalog;

/// How many codes a catalog-wide change names before it counts the rest.
const CODES_NAMED: usize = 3;

/// The codes that changed only because `catalog.toml` did.
pub(super) struct CatalogWide<'a> {
    catalog: &'a Catalog,
    /// The default shape the lock recorded, when the catalog's differs.
    old_shape: Option<String>,
    /// Codes that were in the old default shape and are in the new one.
    shape_followers: Vec<String>,
    /// Codes whose `type` moved with `docs_base_url`, by the base they were
    /// published with.
    by_old_base: BTreeMap<String, Vec<String>>,
}

impl<'a> CatalogWide<'a> {
    pub(super) fn new(lock: &Lock, catalog: &'a Catalog) -> Self {
        CatalogWide {
            catalog,
            old_shape: lock
                .wire_shape
                .clone()
                .filter(|old| old != catalog.wire_shape.as_str()),
            shape_followers: Vec::new(),
            by_old_base: BTreeMap::new(),
        }
    }

    /// Whether the changed shape of `site` is the default's change, which is
    /// then counted here instead of reported for the code.
    pub(super) fn follows_default_shape(&mut self, site: &Site<'_>, entry: &Entry) -> bool {
        let follows = self.old_shape.as_deref() == Some(entry.wire_shape.as_str())
            && site.code.wire_shape == self.catalog.wire_shape;
        if follows {
            self.shape_followers.push(site.name.to_owned());
        }
        follows
    }

    /// Whether the `type` the code was published with, `was`, changed only
    /// because `docs_base_url` did (then counted here), or only because the
    /// code was renamed (then part of the rename, already reported).
    pub(super) fn follows_base_url(&mut self, site: &Site<'_>, was: &str) -> bool {
        if site.code.docs_url.is_some() {
            return false;
        }
        // The anchor `Code::anchor` gave the published code.
        let anchor = site.name.to_ascii_lowercase();
        let Some((old_base, _)) = was.rsplit_once('#').filter(|(_, a)| *a == anchor) else {
            return false;
        };
        let base = self
            .catalog
            .docs_base_url
            .as_deref()
            .map(|b| b.trim_end_matches('#'));
        if base == Some(old_base) {
            return site.code.code != site.name;
        }
        self.by_old_base
            .entry(old_base.to_owned())
            .or_default()
            .push(site.name.to_owned());
        true
    }

    pub(super) fn into_breaks(self, catalog_dir: &Path) -> Vec<Break> {
        let catalog = self.catalog;
        let at = |key: &str, message: String, label: String, note: String, help: String| Break {
            message,
            file: catalog_dir.join(CATALOG_FILE),
            line: 1,
            key: vec!["catalog".to_owned(), key.to_owned()],
            label,
            note,
            help,
        };
        let mut breaks = Vec::new();
        if let (Some(old), false) = (&self.old_shape, self.shape_followers.is_empty()) {
            let new = catalog.wire_shape.as_str();
            breaks.push(at(
                "wire_shape",
                format!(
                    "the catalog's `wire_shape` changed from {old} to {new}, which changes the wire shape of {} code(s)",
                    self.shape_followers.len()
                ),
                format!("published with `wire_shape = \"{old}\"`"),
                format!(
                    "clients parse the body by its shape and would no longer find the code in the bodies of {}",
                    named(&self.shape_followers)
                ),
                format!(
                    "keep `wire_shape = \"{old}\"` (a code's own `wire_shape` can keep its published shape), or add new codes and deprecate these"
                ),
            ));
        }
        for (old, codes) in &self.by_old_base {
            let count = codes.len();
            let message = match &catalog.docs_base_url {
                Some(new) => format!(
                    "`docs_base_url` changed from `{old}` to `{new}`, which changes the RFC 9457 `type` of {count} code(s)"
                ),
                None => format!(
                    "`docs_base_url` `{old}` was removed, which changes the RFC 9457 `type` of {count} code(s) to about:blank"
                ),
            };
            breaks.push(at(
                "docs_base_url",
                message,
                format!("published with `docs_base_url = \"{old}\"`"),
                format!(
                    "RFC 9457 clients identify a problem by its `type` URI and would no longer recognise {}",
                    named(codes)
                ),
                format!(
                    "keep `docs_base_url = \"{old}\"` (a code's own `docs_url` can keep its published `type`), or add new codes and deprecate these"
                ),
            ));
        }
        breaks
    }
}

/// The first few `codes`, and how many more.
fn named(codes: &[String]) -> String {
    let first: Vec<String> = codes
        .iter()
        .take(CODES_NAMED)
        .map(|c| format!("`{c}`"))
        .collect();
    let mut named = first.join(", ");
    if codes.len() > CODES_NAMED {
        named.push_str(&format!(" and {} more", codes.len() - CODES_NAMED));
    }
    named
}

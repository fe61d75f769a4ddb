//! Compares a catalog with its lock and names every change that would break
//! a client built against the locked version.
//!
//! Breaking: renaming the catalog, removing a code (instead of retiring it),
//! renaming it (even when the old string is kept as an alias), changing its
//! HTTP status, wire shape, parameter names, types or order, the Rust and
//! TypeScript names made from it or its `ident`, its severity, changing or
//! dropping its number, giving its number to another code, dropping one of
//! its aliases, un-retiring it, reusing a code that was removed, and the
//! parts of the contract `lock/contract.rs` compares. Everything
//! else (new codes, wording, hints, docs, titles, categories, moving a code
//! to another file, deprecating or retiring a code, adding a number or an
//! alias) is compatible.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::catalog_wide::CatalogWide;
use super::file::Lines;
pub use super::report::Break;
use super::report::{Change, Site};
use super::{Entry, Lock, State, contract};
use crate::load::CATALOG_FILE;
use crate::model::{Catalog, Code};

/// The catalog's codes and aliases by wire string: the check looks up every
/// locked code and alias, and a linear search each time would make a
/// 10,000-code catalog take seconds.
pub(crate) struct Names<'a> {
    codes: HashMap<&'a str, &'a Code>,
    aliases: HashMap<&'a str, &'a Code>,
}

impl<'a> Names<'a> {
    pub(crate) fn new(catalog: &'a Catalog) -> Self {
        let mut names = Names {
            codes: HashMap::with_capacity(catalog.codes.len()),
            aliases: HashMap::new(),
        };
        for code in &catalog.codes {
            names.codes.insert(&code.code, code);
            for alias in &code.aliases {
                names.aliases.insert(alias, code);
            }
        }
        names
    }

    /// The code with this wire string.
    pub(crate) fn find(&self, name: &str) -> Option<&'a Code> {
        self.codes.get(name).copied()
    }

    /// The code this wire string or alias parses to.
    pub(crate) fn resolve(&self, name: &str) -> Option<&'a Code> {
        self.find(name).or_else(|| self.aliases.get(name).copied())
    }
}

/// Every breaking change from `lock` to `catalog`: the catalog's own first,
/// then by locked code, then number reuses in catalog order.
pub fn check(lock: &Lock, lines: &Lines, catalog: &Catalog, catalog_dir: &Path) -> Vec<Break> {
    let names = Names::new(catalog);
    let mut breaks = Vec::new();
    if lock.catalog != catalog.name {
        breaks.push(renamed_catalog(&lock.catalog, catalog, catalog_dir));
    } else if lock.domain.as_deref().unwrap_or(&lock.catalog) != catalog.domain() {
        breaks.push(changed_domain(lock, catalog, catalog_dir));
    }
    let mut wide = CatalogWide::new(lock, catalog);
    for (name, entry) in &lock.codes {
        if entry.state == State::Removed {
            if let Some(code) = names.resolve(name) {
                breaks.push(Break {
                    message: format!(
                        "code `{name}` was removed by an accepted break and is used again"
                    ),
                    file: catalog_dir.join(&code.origin.file),
                    line: code.origin.line,
                    key: Vec::new(),
                    label: format!("`{name}` was removed from the published catalog"),
                    note: format!("old clients would read the new meaning into `{name}`"),
                    help: format!("choose a code that was never published instead of `{name}`"),
                });
            }
            continue;
        }
        let Some(code) = names.resolve(name) else {
            let line = lines.get(name).copied().unwrap_or(1);
            breaks.push(removed(name, entry, super::path(catalog_dir), line));
            continue;
        };
        let site = Site::new(name, code, catalog_dir);
        if code.code != *name {
            let merged = lock.codes.contains_key(&code.code);
            site.report(&mut breaks, renamed(name, code, merged));
        } else {
            contract::compare_names(&site, entry, catalog, &mut breaks);
        }
        compare(&site, entry, &names, &mut wide, &mut breaks);
        contract::compare_severity(&site, entry, &mut breaks);
        if let Some(locked) = &entry.contract {
            contract::compare(&site, entry, locked, catalog, &mut wide, &mut breaks);
        }
    }
    number_reuses(lock, catalog, &names, catalog_dir, &mut breaks);
    let mut catalog_breaks = wide.into_breaks(catalog_dir);
    catalog_breaks.extend(super::shapes::check(lock, catalog, catalog_dir));
    catalog_breaks.append(&mut breaks);
    catalog_breaks
}

/// What a published catalog's codes are told apart by, besides their
/// strings, in gRPC's and AIP-193's `ErrorInfo`.
fn changed_domain(lock: &Lock, catalog: &Catalog, catalog_dir: &Path) -> Break {
    let published = lock.domain.as_deref().unwrap_or(&lock.catalog);
    Break {
        message: format!(
            "the catalog's `domain` changed from `{published}` to `{}`",
            catalog.domain()
        ),
        file: catalog_dir.join(CATALOG_FILE),
        line: 1,
        key: vec!["catalog".to_owned(), "domain".to_owned()],
        label: format!("published with the domain `{published}`"),
        note: "gRPC and AIP-193 clients identify an error by its `ErrorInfo` reason and domain, and would no longer recognise any code".to_owned(),
        help: format!("keep `domain = \"{published}\"`"),
    }
}

fn renamed_catalog(published: &str, catalog: &Catalog, catalog_dir: &Path) -> Break {
    Break {
        message: format!(
            "the catalog was renamed from `{published}` to `{}`",
            catalog.name
        ),
        file: catalog_dir.join(CATALOG_FILE),
        line: 1,
        key: vec!["catalog".to_owned(), "name".to_owned()],
        label: format!("published as `{published}`"),
        note: format!(
            "`name` names the generated crate and its types (`{}`, `{}`), so every client that imports the published ones would stop compiling",
            catalog.rust_crate_name(),
            catalog.rust_error_type()
        ),
        help: format!(
            "keep `name = \"{published}\"`, or publish the new name as a new catalog and keep this one"
        ),
    }
}

/// A locked code whose string is now only an alias of `code`.
fn renamed(name: &str, code: &Code, merged: bool) -> Change {
    let (message, sent) = if merged {
        (
            format!("code `{name}` was merged into `{}`", code.code),
            format!("servers now send `{}` where they sent `{name}`", code.code),
        )
    } else {
        (
            format!("code `{name}` was renamed to `{}`", code.code),
            format!(
                "servers now send `{}`, which clients built against the published catalog do not know",
                code.code
            ),
        )
    };
    Change {
        key: &[],
        message,
        label: format!("published as `{name}`"),
        note: format!("the alias `{name}` only keeps parsing working: {sent}"),
        help: format!(
            "keep the code `{name}`, or add `{}` as a new code and deprecate `{name}` with `replacement = \"{}\"`",
            code.code, code.code
        ),
    }
}

fn removed(name: &str, entry: &Entry, file: PathBuf, line: u32) -> Break {
    if entry.state == State::Retired {
        return Break {
            message: format!("retired code `{name}` was removed"),
            file,
            line,
            key: Vec::new(),
            label: "locked here as retired".to_owned(),
            note: "a retired code stays in the catalog so that it is never reused with another meaning".to_owned(),
            help: format!("restore `{name}` with its `retired` marker"),
        };
    }
    Break {
        message: format!("code `{name}` was removed"),
        file,
        line,
        key: Vec::new(),
        label: "published here".to_owned(),
        note: format!(
            "clients that handle `{name}` would never match it again, and the code could later be reused"
        ),
        help: format!(
            "keep `{name}`: mark it `deprecated = {{ replacement = \"...\" }}` if a new code replaces it, or `retired = {{ since = \"...\" }}` if it is no longer sent"
        ),
    }
}

/// What format 1 of the lock already recorded: status, shape, parameter
/// names and types, number, aliases, retirement.
fn compare(
    site: &Site<'_>,
    entry: &Entry,
    names: &Names,
    wide: &mut CatalogWide<'_>,
    breaks: &mut Vec<Break>,
) {
    let (name, code, subject) = (site.name, site.code, &site.subject);
    // Gaining a status where the published code had none is compatible.
    if let Some(published) = entry.status
        && code.status != Some(published)
    {
        let message = match code.status {
            Some(now) => format!("{subject} changed its HTTP status from {published} to {now}"),
            None => format!("{subject} dropped its HTTP status {published}"),
        };
        site.report(
            breaks,
            Change {
                key: &["status"],
                message,
                label: format!("published with status {published}"),
                note: "clients that branch on the status would take another path".to_owned(),
                help: format!("keep `status = {published}`, {}", site.or_new_code()),
            },
        );
    }
    if entry.wire_shape != code.wire_shape.as_str() && !wide.follows_default_shape(site, entry) {
        let (was, now) = (entry.wire_shape.as_str(), code.wire_shape.as_str());
        site.report(
            breaks,
            Change {
                key: &["wire_shape"],
                message: format!("{subject} changed its wire shape from {was} to {now}"),
                label: format!("published in the {was} shape"),
                note: "clients parse the body by its shape and would no longer find the code in it"
                    .to_owned(),
                help: format!(
                    "keep `wire_shape = \"{was}\"` for `{}`, {}",
                    code.code,
                    site.or_new_code()
                ),
            },
        );
    }
    contract::compare_params(site, entry, breaks);
    if let Some(number) = entry.number {
        let note = "clients that identify errors by number (JSON-RPC, MCP) would misread it";
        let message = match code.number {
            None => Some(format!("{subject} lost its number {number}")),
            Some(now) if now != number => Some(format!(
                "{subject} changed its number from {number} to {now}"
            )),
            Some(_) => None,
        };
        if let Some(message) = message {
            site.report(
                breaks,
                Change {
                    key: &["number"],
                    message,
                    label: format!("published with number {number}"),
                    note: note.to_owned(),
                    help: format!("keep `number = {number}`, {}", site.or_new_code()),
                },
            );
        }
    }
    for alias in &entry.aliases {
        let message = match names.resolve(alias) {
            Some(target) if target.code == code.code => continue,
            Some(target) => format!("alias `{alias}` of {subject} now names `{}`", target.code),
            None => format!("alias `{alias}` of {subject} was dropped"),
        };
        site.report(
            breaks,
            Change {
                key: &["aliases"],
                message,
                label: format!("published with alias `{alias}`"),
                note: "servers and stored data that still send the alias would no longer parse as this code".to_owned(),
                help: format!("keep `{alias}` in the `aliases` of `{}`", code.code),
            },
        );
    }
    if entry.state == State::Retired && code.retired.is_none() {
        site.report(
            breaks,
            Change {
                key: &["retired"],
                message: format!("retired code `{name}` is no longer retired"),
                label: "published as retired".to_owned(),
                note: "a retired code is never emitted again, and clients may already treat it as obsolete".to_owned(),
                help: format!("keep `{name}` retired and add a new code for the new use"),
            },
        );
    }
}

/// A locked number now worn by a code that is not the one it was locked for
/// (nor that code renamed).
fn number_reuses(
    lock: &Lock,
    catalog: &Catalog,
    names: &Names,
    catalog_dir: &Path,
    breaks: &mut Vec<Break>,
) {
    let mut owners: HashMap<i64, Vec<&str>> = HashMap::new();
    for (owner, entry) in &lock.codes {
        if let Some(number) = entry.number {
            owners.entry(number).or_default().push(owner);
        }
    }
    for code in &catalog.codes {
        let Some(number) = code.number else { continue };
        for &owner in owners.get(&number).into_iter().flatten() {
            let same_code = owner == code.code
                || (names.find(owner).is_none()
                    && names.resolve(owner).map(|c| &c.code) == Some(&code.code));
            if !same_code {
                breaks.push(Break {
                    message: format!(
                        "number {number} of code `{owner}` is reused by `{}`",
                        code.code
                    ),
                    file: catalog_dir.join(&code.origin.file),
                    line: code.origin.line,
                    key: vec![code.code.clone(), "number".to_owned()],
                    label: format!("number {number} was published for `{owner}`"),
                    note: format!(
                        "clients that identify errors by number would take `{}` for `{owner}`",
                        code.code
                    ),
                    help: format!("give `{}` a number that was never published", code.code),
                });
            }
        }
    }
}

//! Compares a catalog with its lock and names every change that would break
//! a client built against the locked version.
//!
//! Breaking: removing a code (instead of retiring it), renaming it without
//! keeping the old string as an alias, changing its HTTP status, wire shape,
//! parameter names or types, changing or dropping its number, giving its
//! number to another code, dropping one of its aliases, un-retiring it, and
//! reusing a code that was removed. Everything else (new codes, wording,
//! hints, docs, titles, categories, deprecating or retiring a code, adding a
//! number or an alias) is compatible.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::file::Lines;
use super::{Entry, Lock, State};
use crate::diagnostic::Diagnostic;
use crate::model::{Catalog, Code};

/// One breaking change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    /// What changed, e.g. ``code `X` was removed``; also what the lock
    /// records when the break is accepted.
    pub message: String,
    /// The file the change is at: the code's file in the catalog, or the
    /// lock when the code is gone.
    pub file: PathBuf,
    /// 1-based line of the code's table header (or lock entry) there.
    pub line: u32,
    /// The field of the code's table the change is in, whose line is
    /// underlined when the table has it (a default has no line of its own).
    pub key: Option<&'static str>,
    /// What the published version promised, shown under that line.
    pub label: String,
    /// Why a client breaks.
    pub note: String,
    /// How to make the change compatible.
    pub help: String,
}

impl Break {
    /// The break as a rustc-style diagnostic, underlining its line of
    /// `source` (the text of [`Break::file`], when it could be read).
    pub fn diagnostic(&self, source: Option<&str>) -> Diagnostic {
        let file = self.file.display().to_string();
        let diagnostic = Diagnostic::error(&self.message);
        let line = match (source, self.key) {
            (Some(text), Some(key)) => field_line(text, self.line, key).unwrap_or(self.line),
            _ => self.line,
        };
        let diagnostic = match source.and_then(|text| line_span(text, line)) {
            Some(span) => diagnostic.with_label(&file, span, &self.label),
            None => diagnostic.with_path(&format!("{file}:{}", self.line)),
        };
        diagnostic.with_note(&self.note).with_help(&self.help)
    }
}

/// The line of `key = ...` in the table whose header is on `header`, if the
/// table sets it.
fn field_line(text: &str, header: u32, key: &str) -> Option<u32> {
    for (index, line) in text.lines().enumerate().skip(header as usize) {
        let line = line.trim_start();
        if line.starts_with('[') {
            return None;
        }
        if let Some(rest) = line.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return Some(index as u32 + 1);
        }
    }
    None
}

/// Bytes of the 1-based `line` of `text`, without its line break.
pub(crate) fn line_span(text: &str, line: u32) -> Option<Range<usize>> {
    let mut start = 0;
    for (index, content) in text.split_inclusive('\n').enumerate() {
        if index + 1 == line as usize {
            let trimmed = content.trim_end_matches(['\n', '\r']);
            return Some(start..start + trimmed.len());
        }
        start += content.len();
    }
    None
}

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

/// Every breaking change from `lock` to `catalog`, in lock order (by code),
/// then number reuses in catalog order.
pub fn check(lock: &Lock, lines: &Lines, catalog: &Catalog, catalog_dir: &Path) -> Vec<Break> {
    let names = Names::new(catalog);
    let mut breaks = Vec::new();
    for (name, entry) in &lock.codes {
        if entry.state == State::Removed {
            if let Some(code) = names.resolve(name) {
                breaks.push(Break {
                    message: format!(
                        "code `{name}` was removed by an accepted break and is used again"
                    ),
                    file: catalog_dir.join(&code.origin.file),
                    line: code.origin.line,
                    key: None,
                    label: format!("`{name}` was removed from the published catalog"),
                    note: format!("old clients would read the new meaning into `{name}`"),
                    help: format!("choose a code that was never published instead of `{name}`"),
                });
            }
            continue;
        }
        let code = match names.find(name) {
            Some(code) => code,
            // Renamed: the old string now parses to the new code, so clients
            // sending or matching it keep working; compare the rest.
            None => match names.resolve(name) {
                Some(code) => code,
                None => {
                    let line = lines.get(name).copied().unwrap_or(1);
                    breaks.push(removed(name, entry, super::path(catalog_dir), line));
                    continue;
                }
            },
        };
        compare(name, entry, code, &names, catalog_dir, &mut breaks);
    }
    number_reuses(lock, catalog, &names, catalog_dir, &mut breaks);
    breaks
}

fn removed(name: &str, entry: &Entry, file: PathBuf, line: u32) -> Break {
    if entry.state == State::Retired {
        return Break {
            message: format!("retired code `{name}` was removed"),
            file,
            line,
            key: None,
            label: "locked here as retired".to_owned(),
            note: "a retired code stays in the catalog so that it is never reused with another meaning".to_owned(),
            help: format!("restore `{name}` with its `retired` marker"),
        };
    }
    Break {
        message: format!("code `{name}` was removed"),
        file,
        line,
        key: None,
        label: "published here".to_owned(),
        note: format!(
            "clients that handle `{name}` would never match it again, and the code could later be reused"
        ),
        help: format!(
            "keep `{name}` and mark it `retired = {{ since = \"...\" }}`, or, if it was renamed, list `{name}` in the new code's `aliases`"
        ),
    }
}

/// A locked code against the catalog code its string resolves to (itself,
/// or the code it was renamed to).
fn compare(
    name: &str,
    entry: &Entry,
    code: &Code,
    names: &Names,
    catalog_dir: &Path,
    breaks: &mut Vec<Break>,
) {
    let subject = if code.code == name {
        format!("code `{name}`")
    } else {
        format!("code `{name}` (renamed to `{}`)", code.code)
    };
    let mut push = |key: &'static str, message: String, label: String, note: &str, help: String| {
        breaks.push(Break {
            message,
            file: catalog_dir.join(&code.origin.file),
            line: code.origin.line,
            key: Some(key),
            label,
            note: note.to_owned(),
            help,
        });
    };

    if entry.status != code.status {
        push(
            "status",
            format!(
                "{subject} changed its HTTP status from {} to {}",
                entry.status, code.status
            ),
            format!("published with status {}", entry.status),
            "clients that branch on the status would take another path",
            format!(
                "keep `status = {}`, or add a new code and deprecate `{name}`",
                entry.status
            ),
        );
    }
    if entry.wire_shape != code.wire_shape {
        push(
            "wire_shape",
            format!(
                "{subject} changed its wire shape from {} to {}",
                entry.wire_shape.as_str(),
                code.wire_shape.as_str()
            ),
            format!("published in the {} shape", entry.wire_shape.as_str()),
            "clients parse the body by its shape and would no longer find the code in it",
            format!(
                "keep `wire_shape = \"{}\"` for `{}`",
                entry.wire_shape.as_str(),
                code.code
            ),
        );
    }
    let params_help =
        || format!("keep the parameters of `{name}`, or add a new code and deprecate `{name}`");
    let params_note =
        "generated constructors and clients that read the parameters would no longer match";
    for (param, ty) in &entry.params {
        match code.message.params.iter().find(|p| &p.name == param) {
            None => push(
                "params",
                format!("{subject} lost its parameter `{param}`"),
                format!("published with `{param}: {}`", ty.as_str()),
                params_note,
                params_help(),
            ),
            Some(now) if now.ty != *ty => push(
                "params",
                format!(
                    "{subject} changed the type of parameter `{param}` from {} to {}",
                    ty.as_str(),
                    now.ty.as_str()
                ),
                format!("published with `{param}: {}`", ty.as_str()),
                params_note,
                params_help(),
            ),
            Some(_) => {}
        }
    }
    for param in &code.message.params {
        if !entry.params.contains_key(&param.name) {
            push(
                "params",
                format!("{subject} gained the parameter `{}`", param.name),
                format!("published without `{}`", param.name),
                params_note,
                params_help(),
            );
        }
    }
    if let Some(number) = entry.number {
        let note = "clients that identify errors by number (JSON-RPC, MCP) would misread it";
        match code.number {
            None => push(
                "number",
                format!("{subject} lost its number {number}"),
                format!("published with number {number}"),
                note,
                format!("keep `number = {number}`"),
            ),
            Some(now) if now != number => push(
                "number",
                format!("{subject} changed its number from {number} to {now}"),
                format!("published with number {number}"),
                note,
                format!("keep `number = {number}`"),
            ),
            Some(_) => {}
        }
    }
    for alias in &entry.aliases {
        let message = match names.resolve(alias) {
            Some(target) if target.code == code.code => continue,
            Some(target) => format!("alias `{alias}` of {subject} now names `{}`", target.code),
            None => format!("alias `{alias}` of {subject} was dropped"),
        };
        push(
            "aliases",
            message,
            format!("published with alias `{alias}`"),
            "servers and stored data that still send the alias would no longer parse as this code",
            format!("keep `{alias}` in the `aliases` of `{}`", code.code),
        );
    }
    if entry.state == State::Retired && code.retired.is_none() {
        push(
            "retired",
            format!("retired code `{name}` is no longer retired"),
            "published as retired".to_owned(),
            "a retired code is never emitted again, and clients may already treat it as obsolete",
            format!("keep `{name}` retired and add a new code for the new use"),
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
    let mut owners: HashMap<u32, Vec<&str>> = HashMap::new();
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
                    key: Some("number"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_lines_stay_inside_their_table() {
        let text = "[A]\nstatus = 400\n\n[B]\nmessage = \"x\"\nstatus=401\n";
        assert_eq!(field_line(text, 1, "status"), Some(2));
        assert_eq!(field_line(text, 4, "status"), Some(6));
        assert_eq!(field_line(text, 1, "message"), None, "B's field is not A's");
        assert_eq!(field_line(text, 4, "stat"), None, "a prefix is not a key");
        assert_eq!(line_span(text, 6), Some(36..46));
        assert_eq!(&text[36..46], "status=401");
        assert_eq!(line_span(text, 9), None);
    }
}

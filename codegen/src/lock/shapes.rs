//! What clients of a declared wire shape rely on: where each part of the
//! error is, what is constant, which headers carry what, how a body is told
//! from others. A code records its shape by name, so a change to the
//! declaration itself would otherwise break every client of the shape
//! without one code changing.
//!
//! The lock keeps a declared shape as facts, one a line
//! (`errors[0].code = {code}`); an edit that drops a fact a published code's
//! shape had breaks its clients, and one that only adds (a new member, a
//! header) does not, as a reader ignores what it does not know.

use std::collections::BTreeMap;
use std::path::Path;

use errcat::shape::{CodeForm, Part, Presence};

use super::report::Break;
use super::{Lock, State};
use crate::load::CATALOG_FILE;
use crate::model::{Catalog, PLACEHOLDERS, WireShape};

/// Every declared shape of `catalog` by name, with its facts.
pub(super) fn of(catalog: &Catalog) -> BTreeMap<String, Vec<String>> {
    catalog
        .declared_shapes
        .iter()
        .map(|shape| (shape.as_str().to_owned(), facts(*shape)))
        .collect()
}

/// What a client of `shape` reads, one fact a line, in body order.
pub(super) fn facts(shape: WireShape) -> Vec<String> {
    let spec = shape.spec();
    let mut facts = vec![
        format!("content_type = {}", spec.content_type),
        format!(
            "code_form = {}",
            match spec.code_form {
                CodeForm::Exact => "exact",
                CodeForm::SmithyShapeName => "smithy",
                CodeForm::Number => "number",
                CodeForm::ErrorInfoReason => "reason",
            }
        ),
    ];
    for (path, member) in spec.members() {
        let value = match member.part {
            Part::Object(_) | Part::List(_) => continue,
            Part::Constant(literal) => serde_json::to_string(&literal).unwrap_or_default(),
            part => placeholder(part, member.presence),
        };
        facts.push(format!("{} = {value}", spec.written_path(&path)));
    }
    for header in spec.headers {
        let presence = if header.part.always_has_value() {
            Presence::Always
        } else {
            Presence::WhenPresent
        };
        let value = placeholder(header.part, presence);
        facts.push(format!("header {} = {value}", header.name));
    }
    for set in spec.signatures {
        facts.push(format!("identified_by = {}", set.join(", ")));
    }
    facts
}

/// `{hint?}`: the part as a declaration writes it.
fn placeholder(part: Part, presence: Presence) -> String {
    let name = PLACEHOLDERS
        .iter()
        .find(|(_, p)| *p == part)
        .map_or("", |(name, _)| name);
    match presence {
        Presence::Always => format!("{{{name}}}"),
        Presence::WhenPresent => format!("{{{name}?}}"),
        Presence::NullWhenAbsent => format!("{{{name}|null}}"),
    }
}

/// A break for each declared shape that published codes are in and that no
/// longer has every fact the lock recorded. A shape no longer declared is
/// no break of its own: its codes are in another shape now (each reported)
/// or the catalog would not load.
pub(super) fn check(lock: &Lock, catalog: &Catalog, catalog_dir: &Path) -> Vec<Break> {
    let mut breaks = Vec::new();
    for (name, locked) in &lock.shapes {
        let users: Vec<&str> = lock
            .codes
            .iter()
            .filter(|(_, entry)| entry.state != State::Removed && entry.wire_shape == *name)
            .map(|(code, _)| code.as_str())
            .collect();
        let Some(shape) = catalog.declared_shapes.iter().find(|s| s.as_str() == name) else {
            continue;
        };
        if users.is_empty() {
            continue;
        }
        let now = facts(*shape);
        let gone: Vec<&String> = locked.iter().filter(|fact| !now.contains(fact)).collect();
        let Some(first) = gone.first() else {
            continue;
        };
        let more = match gone.len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        breaks.push(Break {
            message: format!(
                "wire shape `{name}` no longer has `{first}`{more}, which {} published code(s) are sent in",
                users.len()
            ),
            file: catalog_dir.join(CATALOG_FILE),
            line: 1,
            key: vec!["shape".to_owned(), name.clone()],
            label: format!("published with `{first}`"),
            note: "clients built against the published shape read its bodies as they were, and would no longer find the error in them".to_owned(),
            help: format!(
                "keep `[shape.{name}]` as published (adding members is compatible), or declare a new shape for new codes"
            ),
        });
    }
    breaks
}

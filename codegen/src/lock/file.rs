//! The lock file format: TOML, one `[codes.CODE]` table per code sorted by
//! code, written by hand here rather than by a serializer so that the layout
//! (and so every diff a reviewer sees) never depends on a library version.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{AcceptedBreak, Entry, Lock, State};
use crate::model::{ParamType, WireShape};

/// The format version; bumped only if the meaning of a field changes.
pub const FORMAT_VERSION: u32 = 1;

/// 1-based line of each code's `[codes.CODE]` header in the file it was read
/// from, so a diagnostic about a removed code can point at its entry.
pub type Lines = BTreeMap<String, u32>;

pub fn render(lock: &Lock) -> String {
    let mut out = format!(
        "# The errcat stability lock of the `{}` catalog: every error code ever\n\
         # published, with what clients depend on. `errcat gen` fails when the\n\
         # catalog breaks it. Written by `errcat lock`; do not edit by hand.\n\
         version = {FORMAT_VERSION}\n\
         catalog = {}\n",
        lock.catalog,
        string(&lock.catalog)
    );
    for (code, entry) in &lock.codes {
        out.push_str(&format!("\n[codes.{}]\n", key(code)));
        out.push_str(&format!("status = {}\n", entry.status));
        out.push_str(&format!("state = \"{}\"\n", entry.state.as_str()));
        out.push_str(&format!("wire_shape = \"{}\"\n", entry.wire_shape.as_str()));
        if let Some(number) = entry.number {
            out.push_str(&format!("number = {number}\n"));
        }
        if !entry.aliases.is_empty() {
            let aliases: Vec<String> = entry.aliases.iter().map(|a| string(a)).collect();
            out.push_str(&format!("aliases = [{}]\n", aliases.join(", ")));
        }
        if !entry.params.is_empty() {
            let params: Vec<String> = entry
                .params
                .iter()
                .map(|(name, ty)| format!("{} = \"{}\"", key(name), ty.as_str()))
                .collect();
            out.push_str(&format!("params = {{ {} }}\n", params.join(", ")));
        }
    }
    for accepted in &lock.accepted_breaks {
        out.push_str("\n[[accepted_break]]\n");
        out.push_str(&format!("reason = {}\n", string(&accepted.reason)));
        if let Some(version) = &accepted.version {
            out.push_str(&format!("version = {}\n", string(version)));
        }
        out.push_str("changes = [\n");
        for change in &accepted.changes {
            out.push_str(&format!("    {},\n", string(change)));
        }
        out.push_str("]\n");
    }
    out
}

/// A TOML basic string, escaped by the TOML library itself.
fn string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// A table key: bare when TOML allows it, quoted otherwise.
fn key(s: &str) -> String {
    let bare = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare { s.to_owned() } else { string(s) }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLock {
    version: u32,
    catalog: String,
    #[serde(default)]
    codes: BTreeMap<String, RawEntry>,
    #[serde(default)]
    accepted_break: Vec<RawBreak>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    status: u16,
    state: String,
    wire_shape: String,
    number: Option<u32>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    params: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBreak {
    reason: String,
    version: Option<String>,
    changes: Vec<String>,
}

/// Parses a lock file; the error is a 1-based line and what is wrong there.
pub fn parse(text: &str) -> Result<(Lock, Lines), (u32, String)> {
    let raw: RawLock = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |span| line_of(text, span.start));
        (line, e.message().to_owned())
    })?;
    if raw.version != FORMAT_VERSION {
        return Err((
            1,
            format!(
                "lock format version {} is not supported (this errcat reads version {FORMAT_VERSION})",
                raw.version
            ),
        ));
    }
    let lines = header_lines(text);
    let mut codes = BTreeMap::new();
    for (code, raw_entry) in raw.codes {
        let line = lines.get(&code).copied().unwrap_or(1);
        let entry = entry(raw_entry).map_err(|message| (line, format!("`{code}`: {message}")))?;
        codes.insert(code, entry);
    }
    let accepted_breaks = raw
        .accepted_break
        .into_iter()
        .map(|b| AcceptedBreak {
            reason: b.reason,
            version: b.version,
            changes: b.changes,
        })
        .collect();
    let lock = Lock {
        catalog: raw.catalog,
        codes,
        accepted_breaks,
    };
    Ok((lock, lines))
}

fn entry(raw: RawEntry) -> Result<Entry, String> {
    let state = State::parse(&raw.state).ok_or_else(|| format!("unknown state `{}`", raw.state))?;
    let wire_shape = WireShape::parse(&raw.wire_shape)
        .ok_or_else(|| format!("unknown wire shape `{}`", raw.wire_shape))?;
    let mut params = BTreeMap::new();
    for (name, ty) in raw.params {
        let ty = ParamType::parse(&ty)
            .ok_or_else(|| format!("parameter `{name}` has unknown type `{ty}`"))?;
        params.insert(name, ty);
    }
    let mut aliases = raw.aliases;
    aliases.sort();
    Ok(Entry {
        status: raw.status,
        state,
        wire_shape,
        number: raw.number,
        aliases,
        params,
    })
}

fn line_of(text: &str, offset: usize) -> u32 {
    let before = &text[..offset.min(text.len())];
    before.matches('\n').count() as u32 + 1
}

/// Lines of the `[codes.X]` headers. The lock is only ever written by
/// [`render`], so its headers always have that exact form.
fn header_lines(text: &str) -> Lines {
    let mut lines = Lines::new();
    for (index, line) in text.lines().enumerate() {
        let Some(name) = line
            .strip_prefix("[codes.")
            .and_then(|rest| rest.strip_suffix(']'))
        else {
            continue;
        };
        let name = match toml::from_str::<toml::Value>(&format!("k = {name}")) {
            Ok(toml::Value::Table(t)) if name.starts_with('"') => t
                .get("k")
                .and_then(|v| v.as_str())
                .unwrap_or(name)
                .to_owned(),
            _ => name.to_owned(),
        };
        lines.insert(name, index as u32 + 1);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Lock {
        let mut codes = BTreeMap::new();
        codes.insert(
            "VERSION_NOT_FOUND".to_owned(),
            Entry {
                status: 404,
                state: State::Deprecated,
                wire_shape: WireShape::Problem,
                number: Some(1004),
                aliases: vec!["ROLLBACK_TARGET_MISSING".to_owned()],
                params: [
                    ("service".to_owned(), ParamType::String),
                    ("version".to_owned(), ParamType::Unsigned),
                ]
                .into(),
            },
        );
        codes.insert(
            "GONE".to_owned(),
            Entry {
                status: 410,
                state: State::Removed,
                wire_shape: WireShape::Flat,
                number: None,
                aliases: Vec::new(),
                params: BTreeMap::new(),
            },
        );
        Lock {
            catalog: "fold".to_owned(),
            codes,
            accepted_breaks: vec![AcceptedBreak {
                reason: "GONE was never \"really\" used".to_owned(),
                version: Some("2.0.0".to_owned()),
                changes: vec!["code `GONE` was removed".to_owned()],
            }],
        }
    }

    #[test]
    fn a_rendered_lock_reads_back_the_same() {
        let lock = sample();
        let text = render(&lock);
        let (parsed, lines) = parse(&text).unwrap();
        assert_eq!(parsed, lock);
        assert_eq!(lines["GONE"], 7);
        assert_eq!(lines["VERSION_NOT_FOUND"], 12);
    }

    #[test]
    fn the_layout_is_fixed_and_sorted() {
        let text = render(&sample());
        let expected = r#"
[codes.GONE]
status = 410
state = "removed"
wire_shape = "flat"

[codes.VERSION_NOT_FOUND]
status = 404
state = "deprecated"
wire_shape = "problem"
number = 1004
aliases = ["ROLLBACK_TARGET_MISSING"]
params = { service = "string", version = "unsigned" }

[[accepted_break]]
reason = 'GONE was never "really" used'
version = "2.0.0"
changes = [
    "code `GONE` was removed",
]
"#;
        assert!(text.ends_with(expected), "{text}");
    }

    #[test]
    fn a_bad_lock_names_the_line() {
        let text = render(&sample()).replace("\"deprecated\"", "\"sleeping\"");
        assert_eq!(
            parse(&text).unwrap_err(),
            (
                12,
                "`VERSION_NOT_FOUND`: unknown state `sleeping`".to_owned()
            )
        );
        let (line, message) = parse("version = 1\ncatalog = \"x\"\nextra = 3\n").unwrap_err();
        assert_eq!(line, 3);
        assert!(message.contains("unknown field `extra`"), "{message}");
    }
}

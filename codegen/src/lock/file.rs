//! The lock file format: TOML, one `[codes.CODE]` table per code sorted by
//! code, written by hand here rather than by a serializer so that the layout
//! (and so every diff a reviewer sees) never depends on a library version.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::{AcceptedBreak, Contract, Entry, Lock, State};
use crate::model::{DetailsKind, GrpcCode, ParamType, Severity, WireShape};

/// The format version; bumped only if the meaning of a field changes.
/// Version 2 added the [`Contract`] fields and keeps `params` in declared
/// order (version 1 sorted them by name).
pub const FORMAT_VERSION: u32 = 2;

/// Every version this errcat reads. A code of an older version has no
/// [`Contract`] until the next `errcat lock` records it.
const READABLE_VERSIONS: [u32; 2] = [1, 2];

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
    if let Some(shape) = &lock.wire_shape {
        out.push_str(&format!("wire_shape = \"{shape}\"\n"));
    }
    if let Some(domain) = &lock.domain {
        out.push_str(&format!("domain = {}\n", string(domain)));
    }
    for (name, facts) in &lock.shapes {
        out.push_str(&format!("\n[shapes.{}]\nfacts = [\n", key(name)));
        for fact in facts {
            out.push_str(&format!("    {},\n", string(fact)));
        }
        out.push_str("]\n");
    }
    for (code, entry) in &lock.codes {
        out.push_str(&format!("\n[codes.{}]\n", key(code)));
        if let Some(status) = entry.status {
            out.push_str(&format!("status = {status}\n"));
        }
        out.push_str(&format!("state = \"{}\"\n", entry.state.as_str()));
        out.push_str(&format!("wire_shape = \"{}\"\n", entry.wire_shape));
        if entry.severity != Severity::Error {
            out.push_str(&format!("severity = \"{}\"\n", entry.severity.as_str()));
        }
        if let Some(contract) = &entry.contract {
            render_contract(&mut out, contract);
        }
        if let Some(number) = entry.number {
            out.push_str(&format!("number = {number}\n"));
        }
        if let Some(ident) = &entry.ident {
            out.push_str(&format!("ident = {}\n", string(ident)));
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

/// Defaults (not retryable, no headers, no details, no `resolve`) are left
/// out; `type` and `grpc` are always written, which is also how a reader
/// tells a code recorded by format 2 from one carried over from format 1.
fn render_contract(out: &mut String, contract: &Contract) {
    out.push_str(&format!("type = {}\n", string(&contract.problem_type)));
    out.push_str(&format!("grpc = \"{}\"\n", contract.grpc.as_str()));
    if contract.retryable {
        out.push_str("retryable = true\n");
    }
    if contract.throttling {
        out.push_str("throttling = true\n");
    }
    if !contract.headers.is_empty() {
        let headers: Vec<String> = contract.headers.iter().map(|h| string(h)).collect();
        out.push_str(&format!("headers = [{}]\n", headers.join(", ")));
    }
    if contract.details != DetailsKind::None {
        out.push_str(&format!("details = \"{}\"\n", contract.details.as_str()));
    }
    if !contract.detail_members.is_empty() {
        let facts: Vec<String> = contract.detail_members.iter().map(|f| string(f)).collect();
        out.push_str(&format!("detail_members = [{}]\n", facts.join(", ")));
    }
    let resolve: Vec<String> = [
        ("action", &contract.action),
        ("method", &contract.method),
        ("endpoint", &contract.endpoint),
    ]
    .into_iter()
    .filter_map(|(key, value)| Some(format!("{key} = {}", string(value.as_deref()?))))
    .collect();
    if !resolve.is_empty() {
        out.push_str(&format!("resolve = {{ {} }}\n", resolve.join(", ")));
    }
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
    wire_shape: Option<Spanned<String>>,
    domain: Option<String>,
    #[serde(default)]
    shapes: BTreeMap<String, RawShape>,
    #[serde(default)]
    codes: BTreeMap<String, Spanned<RawEntry>>,
    #[serde(default)]
    accepted_break: Vec<RawBreak>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShape {
    facts: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    status: Option<u16>,
    state: String,
    wire_shape: String,
    number: Option<i64>,
    ident: Option<String>,
    severity: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    /// Spanned, because the order they are written in is the declared order.
    #[serde(default)]
    params: BTreeMap<String, Spanned<String>>,
    #[serde(rename = "type")]
    problem_type: Option<String>,
    grpc: Option<String>,
    retryable: Option<bool>,
    throttling: Option<bool>,
    headers: Option<Vec<String>>,
    details: Option<String>,
    detail_members: Option<Vec<String>>,
    resolve: Option<RawResolve>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResolve {
    action: Option<String>,
    method: Option<String>,
    endpoint: Option<String>,
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
    let index = crate::lines::LineIndex::new(text);
    let line_of = |offset: usize| u32::try_from(index.line_of(offset)).unwrap_or(u32::MAX);
    let raw: RawLock = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |span| line_of(span.start));
        (line, e.message().to_owned())
    })?;
    if !READABLE_VERSIONS.contains(&raw.version) {
        return Err((
            1,
            format!(
                "lock format version {} is not supported (this errcat reads versions 1 to {FORMAT_VERSION})",
                raw.version
            ),
        ));
    }
    let mut lines = Lines::new();
    let mut codes = BTreeMap::new();
    for (code, raw_entry) in raw.codes {
        // A `[codes.X]` table's span starts at its header.
        let line = line_of(raw_entry.span().start);
        let entry = entry(raw_entry.into_inner())
            .map_err(|message| (line, format!("`{code}`: {message}")))?;
        lines.insert(code.clone(), line);
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
    let wire_shape = match raw.wire_shape {
        Some(shape) => Some(
            shape_name(shape.get_ref())
                .map_err(|message| (line_of(shape.span().start), message))?,
        ),
        None => None,
    };
    let lock = Lock {
        catalog: raw.catalog,
        wire_shape,
        domain: raw.domain,
        shapes: raw
            .shapes
            .into_iter()
            .map(|(name, shape)| (name, shape.facts))
            .collect(),
        codes,
        accepted_breaks,
    };
    Ok((lock, lines))
}

/// A shape as the lock names it: a built-in one, or a name a catalog can
/// declare (snake_case), which the check compares with the catalog's.
fn shape_name(name: &str) -> Result<String, String> {
    let declarable = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if WireShape::parse(name).is_some() || declarable {
        Ok(name.to_owned())
    } else {
        Err(format!("unknown wire shape `{name}`"))
    }
}

fn entry(mut raw: RawEntry) -> Result<Entry, String> {
    let state = State::parse(&raw.state).ok_or_else(|| format!("unknown state `{}`", raw.state))?;
    let wire_shape = shape_name(&raw.wire_shape)?;
    let mut written: Vec<(String, Spanned<String>)> =
        std::mem::take(&mut raw.params).into_iter().collect();
    written.sort_by_key(|(_, ty)| ty.span().start);
    let mut params = Vec::with_capacity(written.len());
    for (name, ty) in written {
        let ty = ty.into_inner();
        let ty = ParamType::parse(&ty)
            .ok_or_else(|| format!("parameter `{name}` has unknown type `{ty}`"))?;
        params.push((name, ty));
    }
    let severity = match &raw.severity {
        Some(severity) => {
            Severity::parse(severity).ok_or_else(|| format!("unknown severity `{severity}`"))?
        }
        None => Severity::Error,
    };
    let mut aliases = std::mem::take(&mut raw.aliases);
    aliases.sort();
    let contract = match raw.problem_type.take() {
        Some(problem_type) => Some(contract(problem_type, &raw)?),
        None => {
            let recorded = [
                ("grpc", raw.grpc.is_some()),
                ("retryable", raw.retryable.is_some()),
                ("throttling", raw.throttling.is_some()),
                ("headers", raw.headers.is_some()),
                ("details", raw.details.is_some()),
                ("detail_members", raw.detail_members.is_some()),
                ("resolve", raw.resolve.is_some()),
            ];
            if let Some((field, _)) = recorded.iter().find(|(_, present)| *present) {
                return Err(format!("`{field}` is recorded without `type`"));
            }
            None
        }
    };
    Ok(Entry {
        status: raw.status,
        state,
        wire_shape,
        number: raw.number,
        ident: raw.ident.take(),
        severity,
        aliases,
        params,
        contract,
    })
}

fn contract(problem_type: String, raw: &RawEntry) -> Result<Contract, String> {
    let grpc = raw
        .grpc
        .as_deref()
        .ok_or("`type` is recorded without `grpc`")?;
    let grpc = GrpcCode::parse(grpc).ok_or_else(|| format!("unknown gRPC code `{grpc}`"))?;
    let headers = super::entry::sorted_headers(raw.headers.clone().unwrap_or_default());
    let details = match &raw.details {
        Some(details) => DetailsKind::parse(details)
            .ok_or_else(|| format!("unknown details kind `{details}`"))?,
        None => DetailsKind::None,
    };
    let resolve = raw.resolve.as_ref();
    Ok(Contract {
        problem_type,
        grpc,
        retryable: raw.retryable.unwrap_or(false),
        throttling: raw.throttling.unwrap_or(false),
        headers,
        details,
        detail_members: raw.detail_members.clone().unwrap_or_default(),
        action: resolve.and_then(|r| r.action.clone()),
        method: resolve.and_then(|r| r.method.clone()),
        endpoint: resolve.and_then(|r| r.endpoint.clone()),
    })
}

#[cfg(test)]
mod tests;

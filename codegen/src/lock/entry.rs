//! What the lock records for one code: everything a client built against
//! the published catalog depends on.

use crate::model::{Catalog, Code, DetailsKind, GrpcCode, ParamType, Severity};

/// What clients depend on for one code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `None` for a code without one (a catalog not sent over HTTP).
    pub status: Option<u16>,
    pub state: State,
    /// The shape's name: a declared shape is known by it.
    pub wire_shape: String,
    pub number: Option<i64>,
    /// What the generated Rust and TypeScript names were made from instead
    /// of the code, if the catalog said (`ident`).
    pub ident: Option<String>,
    /// Error unless the lock says otherwise.
    pub severity: Severity,
    /// Sorted.
    pub aliases: Vec<String>,
    /// In declared order, which is the generated constructors' argument
    /// order (sorted by name in a format 1 lock, which did not record it).
    pub params: Vec<(String, ParamType)>,
    /// What format 2 of the lock added; `None` for a code recorded by an
    /// errcat that did not record it yet, so that none of it is reported as
    /// changed: the next `errcat lock` records it.
    pub contract: Option<Contract>,
}

/// The parts of a code's contract that format 2 of the lock records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    /// The RFC 9457 `type` URI, [`Catalog::docs_url`].
    pub problem_type: String,
    pub grpc: GrpcCode,
    pub retryable: bool,
    pub throttling: bool,
    /// As `sorted_headers` records them.
    pub headers: Vec<String>,
    pub details: DetailsKind,
    /// Typed details' members, every one however deep, as `detail_facts`
    /// writes them.
    pub detail_members: Vec<String>,
    /// The `resolve` members agents branch on.
    pub action: Option<String>,
    pub method: Option<String>,
    pub endpoint: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Active,
    Deprecated,
    Retired,
    /// Removed from the catalog by an accepted break: kept so that the code
    /// string and its number are never given another meaning.
    Removed,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Active => "active",
            State::Deprecated => "deprecated",
            State::Retired => "retired",
            State::Removed => "removed",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        [
            State::Active,
            State::Deprecated,
            State::Retired,
            State::Removed,
        ]
        .into_iter()
        .find(|state| state.as_str() == s)
    }
}

impl Entry {
    pub fn of(catalog: &Catalog, code: &Code) -> Entry {
        let state = if code.retired.is_some() {
            State::Retired
        } else if code.deprecated.is_some() {
            State::Deprecated
        } else {
            State::Active
        };
        let mut aliases = code.aliases.clone();
        aliases.sort();
        Entry {
            status: code.status,
            state,
            wire_shape: code.wire_shape.as_str().to_owned(),
            number: code.number,
            ident: code.ident.clone(),
            severity: code.severity,
            aliases,
            params: code
                .message
                .params
                .iter()
                .map(|p| (p.name.clone(), p.ty))
                .collect(),
            contract: Some(Contract::of(catalog, code)),
        }
    }
}

impl Contract {
    pub fn of(catalog: &Catalog, code: &Code) -> Contract {
        let resolve = code.resolve.clone().unwrap_or_default();
        Contract {
            problem_type: catalog.docs_url(code),
            grpc: code.grpc,
            retryable: code.retry.retryable,
            throttling: code.retry.throttling,
            headers: sorted_headers(code.headers.iter().map(|h| h.name.clone()).collect()),
            details: code.details,
            detail_members: detail_facts(code),
            action: resolve.action,
            method: resolve.method,
            endpoint: resolve.endpoint,
        }
    }
}

/// What the lock records of typed details: each member's path, `?` after
/// it when it may be left out, and its type (`retention.policy?: string`,
/// `conflicts[].version: unsigned`), in declared order.
pub fn detail_facts(code: &Code) -> Vec<String> {
    crate::model::flatten_details(&code.detail_members)
        .into_iter()
        .map(|(path, member)| {
            let optional = if member.optional { "?" } else { "" };
            format!("{path}{optional}: {}", member.ty.spelling())
        })
        .collect()
}

/// A fact of [`detail_facts`] read back: path, optional, type.
pub fn parse_detail_fact(fact: &str) -> Option<(&str, bool, &str)> {
    let (path, ty) = fact.split_once(": ")?;
    Some(match path.strip_suffix('?') {
        Some(path) => (path, true, ty),
        None => (path, false, ty),
    })
}

/// Header names as the lock records them: the four errcat has always known
/// in their usual spelling and the order locks have always listed them,
/// then the rest in lowercase, alphabetically. Reordering `headers` or
/// changing a name's case (names are case-insensitive) never rewrites a lock.
pub fn sorted_headers(names: Vec<String>) -> Vec<String> {
    let first = errcat::HeaderSet::KNOWN.map(|(name, _)| name);
    let mut recorded: Vec<(usize, String)> = names
        .iter()
        .map(
            |name| match first.iter().position(|f| f.eq_ignore_ascii_case(name)) {
                Some(rank) => (rank, first[rank].to_owned()),
                None => (first.len(), name.to_ascii_lowercase()),
            },
        )
        .collect();
    recorded.sort();
    recorded.dedup();
    recorded.into_iter().map(|(_, name)| name).collect()
}

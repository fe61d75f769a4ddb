//! The platform's state, in memory: organizations with their tokens and
//! plans, functions with their deployed versions, bindings and domains.

use std::collections::BTreeMap;

use serde::Serialize;

/// What a token may do; each role includes the ones before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Viewer,
    Deployer,
    Admin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Plan {
    #[default]
    Free,
    Pro,
}

/// The caller, as its bearer token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub org: String,
    pub role: Role,
}

#[derive(Debug, Clone, Serialize)]
pub struct Function {
    pub id: String,
    pub name: String,
    pub active_version: u64,
    pub bindings: Vec<String>,
    #[serde(skip)]
    pub versions: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Org {
    pub plan: Plan,
    /// Binding types (`kv`, `queue`, ...) the organization may create.
    pub allowed_bindings: Vec<&'static str>,
    /// Binding specs, e.g. `kv:cache`.
    pub bindings: Vec<String>,
    pub functions: BTreeMap<String, Function>,
    pub domains: Vec<String>,
    next_function: u64,
}

#[derive(Debug)]
pub struct Store {
    pub tokens: BTreeMap<&'static str, Principal>,
    pub orgs: BTreeMap<String, Org>,
}

/// The demo tokens, also listed in the crate docs: `(token, org, role)`.
pub const TOKENS: [(&str, &str, Role); 4] = [
    ("fold_admin_acme", "acme", Role::Admin),
    ("fold_deployer_acme", "acme", Role::Deployer),
    ("fold_viewer_acme", "acme", Role::Viewer),
    ("fold_admin_globex", "globex", Role::Admin),
];

impl Store {
    /// Two organizations: `acme` on Pro with `kv` and `queue` bindings
    /// allowed and a `kv:cache` binding, `globex` on Free with `kv` only.
    pub fn seeded() -> Self {
        let tokens = TOKENS
            .iter()
            .map(|&(token, org, role)| {
                let principal = Principal {
                    org: org.to_owned(),
                    role,
                };
                (token, principal)
            })
            .collect();
        let acme = Org {
            plan: Plan::Pro,
            allowed_bindings: vec!["kv", "queue"],
            bindings: vec!["kv:cache".to_owned()],
            ..Org::default()
        };
        let globex = Org {
            plan: Plan::Free,
            allowed_bindings: vec!["kv"],
            ..Org::default()
        };
        Store {
            tokens,
            orgs: BTreeMap::from([("acme".to_owned(), acme), ("globex".to_owned(), globex)]),
        }
    }
}

impl Org {
    /// A fresh function id, unique in the organization: `fn_1`, `fn_2`, ...
    pub fn next_function_id(&mut self) -> String {
        self.next_function += 1;
        format!("fn_{}", self.next_function)
    }
}

//! The files `errcat init` writes. Each one explains itself, since it is
//! the first errcat file its reader sees.

use errcat_codegen::model::{CodeStyle, WireShape};

/// The category of the example codes, and their file's name.
pub const CATEGORY: &str = "requests";

pub struct Settings {
    pub name: String,
    pub wire_shape: WireShape,
    pub code_style: CodeStyle,
}

impl Settings {
    /// `acme-shop` → `Acme Shop`.
    fn title(&self) -> String {
        self.name
            .split(['-', '_'])
            .filter(|word| !word.is_empty())
            .map(|word| {
                let mut chars = word.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_ascii_uppercase().to_string() + chars.as_str()
                })
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

pub fn config() -> String {
    format!(
        r#"# Where errcat finds the catalog and writes what it generates. Every
# `errcat` command reads this file, from this folder or any below it.

[[catalog]]
path = "catalog"     # the folder holding `catalog.toml` and the code files
out = "generated"    # rust/, typescript/, docs/, openapi/, schema/, ...

# The generated crate depends on the published runtime, errcat {version}.
# To build against another one, say so for every catalog:
#
#     [rust]
#     runtime = {{ path = "../errcat/runtime" }}
"#,
        version = env!("CARGO_PKG_VERSION")
    )
}

pub fn catalog(settings: &Settings) -> String {
    format!(
        r#"#:schema ../generated/editor/catalog.schema.json
#
# The {title} API's errors: every one it returns is a code in this folder,
# and `errcat gen` turns them into Rust, TypeScript, docs and OpenAPI. The
# `#:schema` lines let editors that use taplo (Even Better TOML) complete
# and check these files once `errcat gen` has written the schemas.

[catalog]
name = "{name}"
title = "{title} API"
version = "0.1.0"
code_style = "{style}"
wire_shape = "{shape}"

[[category]]
id = "{CATEGORY}"
title = "Requests"
description = "Problems with what the caller sent or how often."
"#,
        name = settings.name,
        title = settings.title(),
        style = settings.code_style.as_str(),
        shape = settings.wire_shape.as_str(),
    )
}

pub fn codes(settings: &Settings) -> String {
    let code = |screaming: &str| settings.code_style.convert(screaming);
    format!(
        r#"#:schema ../generated/editor/codes.schema.json
#
# Codes of the `{CATEGORY}` category (this file's name). Each table is one
# code: the string clients branch on, its HTTP status and the message, whose
# `{{placeholders}}` become typed arguments of its Rust constructor.

[{not_found}]
status = 404
message = "{{resource}} '{{id}}' does not exist"
params = {{ resource = "string", id = "string" }}
hint = "Check the id; listing the resources shows the ones that exist."

[{rate_limited}]
status = 429
message = "Too many requests: at most {{limit}} per minute"
params = {{ limit = "unsigned" }}
hint = "Wait as long as `Retry-After` says, then retry."
throttling = true
retry_after = 60
headers = ["Retry-After"]
"#,
        not_found = code("NOT_FOUND"),
        rate_limited = code("RATE_LIMITED"),
    )
}

/// A CI system `errcat init --ci` writes a drift-check job for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Ci {
    Github,
    Gitlab,
}

impl Ci {
    pub fn path(self) -> &'static str {
        match self {
            Ci::Github => ".github/workflows/errcat.yml",
            Ci::Gitlab => ".gitlab-ci.yml",
        }
    }

    pub fn job(self) -> String {
        let version = env!("CARGO_PKG_VERSION");
        match self {
            Ci::Github => format!(
                r#"# Fails when a generated file is stale or a published code breaks.
name: errcat
on: [push, pull_request]
jobs:
  drift-check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      # Until errcat-cli is on crates.io, install it from a clone of errcat:
      # cargo install --locked --path <clone>/cli
      - run: cargo install errcat-cli --locked --version {version}
      - run: errcat gen --check
"#
            ),
            Ci::Gitlab => format!(
                r#"# Fails when a generated file is stale or a published code breaks.
errcat-drift-check:
  image: rust:1
  script:
    # Until errcat-cli is on crates.io, install it from a clone of errcat:
    # cargo install --locked --path <clone>/cli
    - cargo install errcat-cli --locked --version {version}
    - errcat gen --check
"#
            ),
        }
    }
}

//! `errcat.toml`: the one place a project says where its catalogs are, where
//! their outputs go and how the generated crate depends on the runtime, so
//! that `errcat gen`, `gen --check`, `lock`, `site` and `explain` need no
//! flags and every "run this" hint is a command that reproduces the run.
//!
//! ```toml
//! # How generated crates depend on the runtime, for every catalog below.
//! [rust]
//! runtime = { path = "vendor/errcat" }
//!
//! [[catalog]]
//! path = "catalog"
//! out = "generated"
//! ```
//!
//! Found like cargo finds `Cargo.toml`: in the current folder or the
//! nearest one above it. Every path in it is relative to its own folder, so
//! the file means the same in every clone.

mod read;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::emit;
use crate::generate::Targets;

/// The config file's name.
pub const FILE: &str = "errcat.toml";

/// A loaded `errcat.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The folder holding `errcat.toml`; every path below is relative to it.
    pub root: PathBuf,
    /// The catalogs, in the order the file lists them.
    pub catalogs: Vec<Entry>,
}

/// One `[[catalog]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The folder holding `errcat.toml`, which the paths below are
    /// relative to.
    pub root: PathBuf,
    /// The folder holding `catalog.toml`, relative to the config's folder.
    pub catalog: PathBuf,
    /// Where `errcat gen` writes.
    pub out: PathBuf,
    /// Where `errcat site` writes: `site`, or `<out>/site`.
    pub site: PathBuf,
    /// The targets `errcat gen` writes, in [`Target::ALL`] order.
    pub targets: Vec<Target>,
    /// How the generated crate depends on the runtime.
    pub runtime: Runtime,
    /// The generated crate's package name, when not `<catalog>-errors`.
    pub crate_name: Option<String>,
    /// `[catalog.docs] front_matter = true`: pages for Docusaurus or
    /// Starlight instead of an mdBook.
    pub front_matter: bool,
}

/// An output of `errcat gen`, named after the folder it writes below `out`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    Rust,
    Typescript,
    Docs,
    Openapi,
    Schema,
    Changelog,
    Editor,
    Conformance,
    Site,
}

impl Target {
    pub const ALL: [Target; 9] = [
        Target::Rust,
        Target::Typescript,
        Target::Docs,
        Target::Openapi,
        Target::Schema,
        Target::Changelog,
        Target::Editor,
        Target::Conformance,
        Target::Site,
    ];

    /// Whether `errcat gen` writes it when `targets` is left out: all but
    /// the site, which `errcat site` builds for publishing and most
    /// repositories do not commit.
    pub fn on_by_default(self) -> bool {
        self != Target::Site
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Target::Rust => "rust",
            Target::Typescript => "typescript",
            Target::Docs => "docs",
            Target::Openapi => "openapi",
            Target::Schema => "schema",
            Target::Changelog => "changelog",
            Target::Editor => "editor",
            Target::Conformance => "conformance",
            Target::Site => "site",
        }
    }

    pub fn parse(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

/// Where the generated crate's `errcat` dependency comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Runtime {
    /// crates.io, at this version requirement. The default is the version
    /// of the runtime this errcat was released with, which is what the
    /// generated code is written against.
    Registry(String),
    /// A folder holding the runtime crate, relative to the config's folder.
    Path(PathBuf),
    /// A git repository, optionally at a `rev`, `tag` or `branch`.
    Git {
        url: String,
        reference: Option<(GitReference, String)>,
    },
}

/// Which commit of a git dependency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GitReference {
    Rev,
    Tag,
    Branch,
}

impl GitReference {
    pub const ALL: [GitReference; 3] = [GitReference::Rev, GitReference::Tag, GitReference::Branch];

    pub fn as_str(self) -> &'static str {
        match self {
            GitReference::Rev => "rev",
            GitReference::Tag => "tag",
            GitReference::Branch => "branch",
        }
    }
}

impl Default for Runtime {
    fn default() -> Self {
        // The published crates are one set at one version (the workspace
        // pins them to each other), so this crate's version is the runtime's.
        Runtime::Registry(env!("CARGO_PKG_VERSION").to_owned())
    }
}

impl Runtime {
    /// The TOML value of the dependency in `<out>/rust/Cargo.toml`, for a
    /// crate in `crate_dir`; a path runtime is relative to `root`.
    pub fn dependency(&self, root: &Path, crate_dir: &Path) -> String {
        let string = |text: &str| toml::Value::String(text.to_owned()).to_string();
        match self {
            Runtime::Registry(version) => string(version),
            Runtime::Path(path) => {
                // Worked out on the names (made absolute), so a layout gives
                // the same text on every machine, `..` and all.
                let relative = crate::paths::relative(&root.join(crate_dir), &root.join(path));
                format!("{{ path = {} }}", string(&relative))
            }
            Runtime::Git { url, reference } => match reference {
                Some((kind, value)) => format!(
                    "{{ git = {}, {} = {} }}",
                    string(url),
                    kind.as_str(),
                    string(value)
                ),
                None => format!("{{ git = {} }}", string(url)),
            },
        }
    }
}

impl Entry {
    /// What `errcat gen` writes for this catalog.
    pub fn targets(&self) -> Targets {
        let on = |target| self.targets.contains(&target);
        Targets {
            rust: on(Target::Rust).then(|| emit::rust::Options {
                runtime_dependency: self.runtime.dependency(&self.root, &self.out.join("rust")),
                crate_name: self.crate_name.clone(),
            }),
            typescript: on(Target::Typescript),
            markdown: on(Target::Docs).then_some(emit::markdown::Options {
                front_matter: self.front_matter,
            }),
            openapi: on(Target::Openapi),
            schema: on(Target::Schema),
            changelog: on(Target::Changelog),
            editor: on(Target::Editor),
            conformance: on(Target::Conformance),
            site: on(Target::Site).then(|| self.site.clone()),
        }
    }
}

/// The `errcat.toml` in `start` or the nearest folder above it.
pub fn find(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).ok()?;
    start
        .ancestors()
        .map(|folder| folder.join(FILE))
        .find(|candidate| candidate.is_file())
}

/// Reads and checks the config at `path`, every problem at once. Paths in
/// messages are shown as `path` is given.
pub fn load(path: &Path) -> Result<Config, Diagnostics> {
    let shown = path.display().to_string();
    // Absolute, so that the paths it anchors mean the same after the CLI
    // moves into the config's folder.
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let root = std::path::absolute(parent).unwrap_or_else(|_| parent.to_path_buf());
    match std::fs::read(path) {
        Ok(bytes) => read::parse(&shown, &bytes, root, read::Disk::Checked),
        Err(err) => {
            let mut diagnostics = Diagnostics::new(format!("read `{shown}`"));
            diagnostics.push(
                Diagnostic::error(format!("could not read `{shown}`: {err}")).with_path(&shown),
            );
            Err(diagnostics)
        }
    }
}

/// Parses config text, for tools and tests that hold it in memory; `shown`
/// names it in messages and `root` is the folder its paths are relative to.
pub fn parse(shown: &str, text: &str, root: PathBuf) -> Result<Config, Diagnostics> {
    read::parse(shown, text.as_bytes(), root, read::Disk::Unread)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_runtime_is_written_relative_to_the_generated_crate() {
        let runtime = Runtime::Path(PathBuf::from("runtime"));
        let cases = [
            ("generated/rust", "{ path = \"../../runtime\" }"),
            (
                "examples/billing/generated/rust",
                "{ path = \"../../../../runtime\" }",
            ),
            ("./out/../gen/rust", "{ path = \"../../runtime\" }"),
        ];
        let root = Path::new("/work/shop");
        for (crate_dir, expected) in cases {
            assert_eq!(runtime.dependency(root, Path::new(crate_dir)), expected);
        }
        let outside = Runtime::Path(PathBuf::from("../errcat/runtime"));
        assert_eq!(
            outside.dependency(root, Path::new("generated/rust")),
            "{ path = \"../../../errcat/runtime\" }"
        );
        // An output beside the config's folder climbs back into it.
        let vendored = Runtime::Path(PathBuf::from("vendor/errcat"));
        assert_eq!(
            vendored.dependency(root, Path::new("../outside/rust")),
            "{ path = \"../../shop/vendor/errcat\" }"
        );
    }

    #[test]
    fn registry_and_git_runtimes_are_toml_values() {
        assert_eq!(
            Runtime::default().dependency(Path::new("/r"), Path::new("x")),
            format!("\"{}\"", env!("CARGO_PKG_VERSION"))
        );
        let git = Runtime::Git {
            url: "https://example.com/errcat.git".to_owned(),
            reference: Some((GitReference::Tag, "v0.1.0".to_owned())),
        };
        assert_eq!(
            git.dependency(Path::new("/r"), Path::new("x")),
            "{ git = \"https://example.com/errcat.git\", tag = \"v0.1.0\" }"
        );
    }
}

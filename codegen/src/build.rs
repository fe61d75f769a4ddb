//! prost-build style builder for a service's `build.rs`: the catalog's Rust
//! code is generated into `OUT_DIR` at build time and `include!`d, so the
//! catalog can live next to the service without a generated crate.
//!
//! ```toml
//! # Cargo.toml
//! [dependencies]
//! errcat = { version = "0.1", features = ["axum", "macros"] }
//!
//! [build-dependencies]
//! errcat-codegen = "0.1"
//! ```
//!
//! ```no_run
//! // build.rs, the body of `fn main`:
//! if let Err(err) = errcat_codegen::build::Builder::new()
//!     .catalog_dir("catalog")
//!     .generate()
//! {
//!     // Every mistake in the catalog, rustc-style, in cargo's output.
//!     eprintln!("{err}");
//!     std::process::exit(1);
//! }
//! ```
//!
//! The file is named after the catalog: `<name>_errors.rs`, the generated
//! crate's name with `_` (`fold_errors.rs` for `name = "fold"`), unless
//! [`Builder::file_name`] says otherwise. Include it at the crate root or in
//! any module; its code names only `::errcat` and its own items:
//!
//! ```ignore
//! // src/main.rs or src/lib.rs
//! mod errors {
//!     include!(concat!(env!("OUT_DIR"), "/fold_errors.rs"));
//! }
//! ```
//!
//! The included items compile without warnings (`-D warnings`, pedantic
//! clippy) however few of them the crate uses.
//!
//! Cargo reruns the script only when a file in the catalog folder changes
//! (`cargo:rerun-if-changed`), and a rerun that produces the same text leaves
//! the file untouched, so an unchanged catalog never recompiles the crate.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::Diagnostics;
use crate::emit;

/// Generates one catalog's Rust code for `include!`.
#[derive(Debug, Clone, Default)]
pub struct Builder {
    catalog_dir: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    file_name: Option<String>,
    skip_rerun: bool,
}

/// Why [`Builder::generate`] produced nothing.
pub enum BuildError {
    /// The catalog has mistakes; the diagnostics render them like rustc.
    Catalog(Diagnostics),
    /// A setting is missing.
    Config(String),
    /// The output could not be written.
    Io { path: PathBuf, source: io::Error },
}

impl Builder {
    pub fn new() -> Self {
        Builder::default()
    }

    /// The folder holding `catalog.toml` and the code files. A relative path
    /// is taken from the package's folder, where cargo runs build scripts.
    pub fn catalog_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.catalog_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Where to write; defaults to `OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// The file's name inside the output folder; defaults to the generated
    /// crate's name as a Rust identifier, e.g. `fold_errors.rs`.
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = Some(name.into());
        self
    }

    /// Leaves out the `cargo:rerun-if-changed` lines, for use outside a build
    /// script (a tool printing them to stdout would confuse no one, but would
    /// be noise).
    pub fn skip_rerun_if_changed(&mut self) -> &mut Self {
        self.skip_rerun = true;
        self
    }

    /// Loads and checks the catalog, then writes the formatted code unless
    /// the file already holds exactly that. Returns the file's path.
    pub fn generate(&self) -> Result<PathBuf, BuildError> {
        let catalog_dir = self
            .catalog_dir
            .clone()
            .ok_or_else(|| BuildError::Config("no catalog folder: call `catalog_dir`".into()))?;
        // Printed before loading, so cargo watches the folder even while the
        // catalog is broken and reruns as soon as it is fixed.
        if !self.skip_rerun {
            println!("cargo:rerun-if-changed={}", catalog_dir.display());
        }
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    BuildError::Config(
                        "`OUT_DIR` is not set: call `out_dir`, or run from a build script".into(),
                    )
                })?,
        };
        let catalog = crate::load_dir(&catalog_dir).map_err(BuildError::Catalog)?;
        let text = emit::rust::module(&catalog);
        let file_name = match &self.file_name {
            Some(name) => name.clone(),
            None => format!("{}.rs", catalog.rust_crate_name().replace('-', "_")),
        };
        let path = out_dir.join(file_name);
        write_if_changed(&path, &text)?;
        Ok(path)
    }
}

/// Writes `text` to `path` unless it holds exactly that: cargo compares
/// modification times, so an untouched file is what keeps an unchanged
/// catalog from rebuilding.
fn write_if_changed(path: &Path, text: &str) -> Result<(), BuildError> {
    crate::write::file::replace_if_changed(path, text)
        .map(drop)
        .map_err(|source| BuildError::Io {
            path: path.to_path_buf(),
            source,
        })
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Catalog(diagnostics) => diagnostics.fmt(f),
            BuildError::Config(message) => write!(f, "error: {message}"),
            BuildError::Io { path, source } => {
                write!(f, "error: could not write `{}`: {source}", path.display())
            }
        }
    }
}

/// The rendered text, not a struct dump: a build script's `main` returning
/// this error, or `unwrap`ping it, shows cargo's user the diagnostics.
impl fmt::Debug for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn mini() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")
    }

    #[test]
    fn regenerating_the_same_catalog_leaves_the_file_untouched() {
        let out = tempfile::tempdir().unwrap();
        let mut builder = Builder::new();
        builder
            .catalog_dir(mini())
            .out_dir(out.path())
            .file_name("errors.rs")
            .skip_rerun_if_changed();
        let path = builder.generate().unwrap();
        assert_eq!(path, out.path().join("errors.rs"));
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("// @generated by errcat"), "{text}");
        let written = fs::metadata(&path).unwrap().modified().unwrap();

        // An old timestamp would survive a rewrite of the same bytes only if
        // the file was not written at all.
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(old)
            .unwrap();
        builder.generate().unwrap();
        assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), old);
        assert_ne!(written, old);
    }

    #[test]
    fn a_broken_catalog_prints_its_diagnostics_when_unwrapped() {
        let out = tempfile::tempdir().unwrap();
        let error = Builder::new()
            .catalog_dir(out.path().join("missing"))
            .out_dir(out.path())
            .skip_rerun_if_changed()
            .generate()
            .unwrap_err();
        assert!(matches!(error, BuildError::Catalog(_)));
        let debug = format!("{error:?}");
        assert_eq!(debug, error.to_string());
        assert!(debug.contains("does not exist"), "{debug}");
    }

    #[test]
    fn settings_are_required_outside_a_build_script() {
        let error = Builder::new().generate().unwrap_err();
        assert_eq!(
            error.to_string(),
            "error: no catalog folder: call `catalog_dir`"
        );
    }
}

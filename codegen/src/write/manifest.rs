//! The record of which files a catalog wrote in an output folder: the
//! writer removes only files listed here, so a hand-written file, or
//! another catalog's output, is never deleted however it looks.
//!
//! It lives at `.errcat/manifest.toml` and is committed with the outputs,
//! in a form people can review: the catalog's name and folder, whether it
//! was locked, and the files, sorted.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;

use crate::emit::hash_notice;

/// Where the manifest lives, relative to the output folder.
pub const PATH: &str = ".errcat/manifest.toml";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// The `name` of the catalog that wrote the files.
    pub catalog: String,
    /// That catalog's folder, relative to the output folder and
    /// `/`-separated, when it was written from one: two catalogs of one name
    /// (two services' `api`) are still told apart.
    pub source: Option<String>,
    /// Whether that catalog had a stability lock at the time, so that losing
    /// the lock later is noticed (`generate::run`).
    pub locked: bool,
    /// `/`-separated paths relative to the output folder.
    pub files: BTreeSet<String>,
    /// Which of the catalog's outputs the folder holds.
    pub kind: super::Kind,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    catalog: String,
    #[serde(default)]
    source: Option<String>,
    locked: bool,
    #[serde(default)]
    outputs: Option<String>,
    files: Vec<String>,
}

impl Manifest {
    pub fn render(&self) -> String {
        let mut text = hash_notice(&self.catalog);
        text.push_str(
            "# The files this catalog wrote in this folder: errcat removes only these,\n\
             # and refuses to write another catalog's outputs here.\n",
        );
        text.push_str(&format!("catalog = {}\n", toml_string(&self.catalog)));
        if let Some(source) = &self.source {
            text.push_str(&format!("source = {}\n", toml_string(source)));
        }
        text.push_str(&format!("locked = {}\n", self.locked));
        // Written only for a site, so the manifests of `gen`'s folders
        // read as they always have.
        if self.kind == super::Kind::Site {
            text.push_str("outputs = \"site\"\n");
        }
        text.push_str("files = [\n");
        for file in &self.files {
            text.push_str(&format!("    {},\n", toml_string(file)));
        }
        text.push_str("]\n");
        text
    }

    /// Parses a manifest; the error says what is wrong in one line. Paths
    /// that leave the folder are refused: the writer deletes what is listed.
    pub fn parse(text: &str) -> Result<Manifest, String> {
        let stored: Stored = toml::from_str(text).map_err(|e| e.message().to_owned())?;
        let mut files = BTreeSet::new();
        for file in stored.files {
            if !is_inside(&file) {
                return Err(format!(
                    "`{file}` is not a relative path inside the output folder"
                ));
            }
            // Listing the manifest would have a run remove the manifest it
            // just wrote.
            if file.starts_with(".errcat/") {
                return Err(format!("`{file}` is errcat's own state, not an output"));
            }
            files.insert(file);
        }
        let kind = match stored.outputs.as_deref() {
            // Written before the kind was recorded: a site's pages start at
            // `index.html`, which no target of `gen` writes.
            None if files.contains("index.html") => super::Kind::Site,
            None => super::Kind::Generated,
            Some("site") => super::Kind::Site,
            Some(other) => return Err(format!("unknown outputs `{other}`")),
        };
        Ok(Manifest {
            catalog: stored.catalog,
            source: stored.source,
            locked: stored.locked,
            files,
            kind,
        })
    }
}

/// Whether a recorded `/`-separated path stays inside the folder it is
/// relative to: no root, no `..`, no empty or `.` component.
pub(super) fn is_inside(path: &str) -> bool {
    !path.is_empty()
        && !Path::new(path).is_absolute()
        && !path.contains('\\')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains(':'))
}

/// A TOML basic string; paths and catalog names are plain, but a string
/// that needs escaping still round-trips.
pub(super) fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_round_trips_and_refuses_paths_outside_the_folder() {
        let manifest = Manifest {
            kind: crate::write::Kind::Generated,
            catalog: "fold".to_owned(),
            source: Some("../catalog".to_owned()),
            locked: true,
            files: ["rust/Cargo.toml", "docs/README.md"]
                .map(str::to_owned)
                .into(),
        };
        let text = manifest.render();
        assert!(text.starts_with("# @generated by errcat from the `fold` catalog."));
        assert_eq!(Manifest::parse(&text), Ok(manifest));
        for bad in ["../x", "/etc/passwd", "a//b", "a/./b", "", "C:/x", "a\\b"] {
            let text = format!(
                "catalog = \"f\"\nlocked = false\nfiles = [{}]\n",
                toml_string(bad)
            );
            assert!(Manifest::parse(&text).is_err(), "{bad:?} was accepted");
        }
    }
}

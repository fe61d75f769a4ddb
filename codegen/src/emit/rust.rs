//! Rust emitter. Owner: issue 3. Placeholder signature.

use super::OutputFile;
use crate::model::Catalog;

#[derive(Debug, Clone)]
pub struct Options {
    /// TOML value of the generated crate's `errcat` dependency.
    pub runtime_dependency: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            runtime_dependency: "\"0.1\"".to_owned(),
        }
    }
}

pub fn emit(catalog: &Catalog, options: &Options) -> Vec<OutputFile> {
    let _ = (catalog, options);
    Vec::new()
}

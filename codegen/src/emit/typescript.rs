//! typescript emitter. Placeholder signature.

use super::OutputFile;
use crate::model::Catalog;

pub fn emit(catalog: &Catalog) -> Vec<OutputFile> {
    let _ = catalog;
    Vec::new()
}

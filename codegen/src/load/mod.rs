//! Catalog loading and validation. Owner: the loader. Placeholder signature.

use std::path::Path;

use crate::diagnostic::Diagnostics;
use crate::model::Catalog;

/// Loads and validates every catalog file in `dir`.
pub fn load_dir(dir: &Path) -> Result<Catalog, Diagnostics> {
    let _ = dir;
    Err(Diagnostics::default())
}

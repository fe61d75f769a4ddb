//! Diagnostics for bad catalogs. Owner: the loader. Placeholder signature.

use std::fmt;

/// Every problem found in one run, rendered rustc-style.
#[derive(Debug, Default)]
pub struct Diagnostics {
    rendered: Vec<String>,
}

impl Diagnostics {
    pub fn len(&self) -> usize {
        self.rendered.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rendered.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.rendered {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

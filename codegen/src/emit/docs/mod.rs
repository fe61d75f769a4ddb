//! What the docs of a catalog say, independent of the format they are
//! written in: markdown, the site, `errcat explain` and the API references
//! render from here.

pub mod content;
pub mod shape;

use crate::model::{Catalog, CategoryIndex};

/// File name (without `.md` or `.html`) of a category's page, the same for
/// the markdown pages and the site; see [`crate::model::Category::page_stem`].
pub fn page_stem(catalog: &Catalog, category: CategoryIndex) -> String {
    catalog.categories[category].page_stem()
}

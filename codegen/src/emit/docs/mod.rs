//! What the docs of a catalog say, independent of the format they are
//! written in: markdown, the site, `errcat explain` and the API references
//! render from here.

pub mod shape;

//! errcat's code generator: catalog files in, every output out.
//!
//! The data flows one way, and each step is its own module:
//! [`load`] reads TOML with spans and validates it into the [`model`];
//! [`emit`] turns the model into files (pure functions, no I/O);
//! [`write`](mod@write) puts them on disk atomically, or diffs them in check mode.
//! The `errcat` binary, `cargo xtask`, [`build::Builder`] for build scripts and
//! the derive macro are thin shells over these.

pub mod build;
mod code_name;
pub mod config;
pub mod diagnostic;
pub mod emit;
pub mod explain;
pub mod generate;
pub mod lines;
pub mod load;
pub mod lock;
pub mod model;
pub mod paths;
pub mod write;

pub use diagnostic::Diagnostics;
pub use emit::OutputFile;
pub use generate::{Targets, generate};
pub use load::load_dir;
pub use model::Catalog;

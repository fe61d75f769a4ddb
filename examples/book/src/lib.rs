//! The errcat book's Rust code. Each chapter includes its snippets from
//! these modules (between `ANCHOR` comments), so `cargo test` compiles and
//! runs exactly what the book shows. The examples use the repository's
//! `fold` catalog (`catalog/`, generated into `generated/rust`).

pub mod constructors;
pub mod derive;
pub mod migrating;
pub mod service;

//! Shared by the fuzz targets and, through `#[path]` includes, by the stable
//! replay test in `codegen/tests/it/fuzz_replay.rs`.

pub mod exercise;
pub mod structured;

//! errcat-codegen's integration tests, as one binary: one link of the
//! library and its dependencies instead of one per file. Each module is
//! what was a test file; `support` and the helpers below are shared.

#[path = "../ts/harness.rs"]
mod harness;
mod props_support;
mod rendered;
mod support;

mod book;
mod catalog_schema;
mod config;
mod conformance;
mod docs_escaping;
mod docs_markdown;
mod docs_mdbook;
mod fuzz_replay;
mod load_dir_errors;
mod load_errors;
mod load_robustness;
mod load_text;
mod load_valid;
mod lock_check;
mod openapi;
mod openapi_runtime;
mod props_rust;
mod props_text;
mod props_typescript;
mod rust_compile;
mod rust_emit;
mod rust_reserved;
mod seed_coverage;
mod typescript;
mod typescript_node;

//! Any text in a catalog yields a Rust crate that compiles and renders the
//! text back: each code's constructor displays its message, and the code
//! table returns its title and hint, byte for byte.
//!
//! One batch of generated strings per run, one crate, one `cargo run`: a
//! build per string would take hours. The crate gets its own target folder
//! below the workspace's, shared with `rust_compile.rs`, so dependencies
//! are compiled once.

use crate::props_support;
use crate::support;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use props_support::{Texts, text};
use proptest::prelude::*;

/// A program printing, as JSON, `[message, title, hint, code]` for every
/// code.
fn render_program(catalog: &errcat_codegen::Catalog, codes: &[Texts]) -> String {
    let crate_name = catalog.rust_crate_name().replace('-', "_");
    let (error, code_type) = (catalog.rust_error_type(), catalog.rust_code_type());
    let mut out = format!(
        "//! Prints what the generated crate renders.\n\nuse {crate_name}::{{{error}, {code_type}}};\n\nfn main() {{\n    let rendered = serde_json::json!([\n"
    );
    for (code, texts) in catalog.codes.iter().zip(codes) {
        let args = if texts.after.is_some() {
            format!("{:?}", texts.value)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "        [{error}::{}({args}).to_string(), {code_type}::{}.title(), {code_type}::{}.hint(), {code_type}::{}.as_str()],",
            code.rust_fn(),
            code.rust_variant(),
            code.rust_variant(),
            code.rust_variant()
        );
    }
    out.push_str("    ]);\n    println!(\"{rendered}\");\n}\n");
    out
}

/// Writes the crate with the render program as an example, runs it, and
/// returns what it printed.
fn build_and_run(catalog: &errcat_codegen::Catalog, codes: &[Texts]) -> serde_json::Value {
    let dir = support::generated_crate(catalog);
    std::fs::create_dir_all(dir.path().join("examples")).unwrap();
    std::fs::write(
        dir.path().join("examples/render.rs"),
        render_program(catalog, codes),
    )
    .unwrap();
    run(dir.path(), codes)
}

fn run(dir: &Path, codes: &[Texts]) -> serde_json::Value {
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", "render"])
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            support::repo_root().join("target/rust-compile-test"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the generated crate does not build or run:\n{}\nstrings: {codes:#?}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the program prints JSON")
}

proptest! {
    // One case is one batch of 48 codes and one build; a failure names the
    // exact strings, so shrinking (a build per step) is not worth its time.
    #![proptest_config(ProptestConfig {
        cases: 1,
        max_shrink_iters: 0,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_text_compiles_and_renders_back(
        codes in proptest::collection::vec(Texts::strategy(text()), 48),
    ) {
        let catalog = props_support::catalog(&codes, "Errors");
        let rendered = build_and_run(&catalog, &codes);
        let rows = rendered.as_array().expect("an array");
        prop_assert_eq!(rows.len(), codes.len());
        let mut wrong = String::new();
        for (i, (row, texts)) in rows.iter().zip(&codes).enumerate() {
            let hint = props_support::as_loaded(&texts.hint);
            let expected =
                serde_json::json!([texts.rendered(), texts.title, hint, texts.code_at(i)]);
            if *row != expected {
                let _ = writeln!(wrong, "CODE_{i}: rendered {row}, expected {expected}");
            }
        }
        prop_assert!(wrong.is_empty(), "{}", wrong);
    }
}

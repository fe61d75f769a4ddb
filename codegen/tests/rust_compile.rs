//! The honest test of the Rust emitter: generate the mini fixture's crate
//! into a temporary folder, then build it with clippy (pedantic, missing
//! docs, warnings denied) and run a consumer's tests against it.
//!
//! The crate gets its own target folder below the workspace's, so it reuses
//! compiled dependencies between runs without waiting on the lock of the
//! `cargo test` that runs this.

mod support;

use std::path::Path;
use std::process::Command;

fn cargo(dir: &Path, args: &[&str]) {
    let target = support::repo_root().join("target/rust-compile-test");
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "`cargo {}` failed:\n{}\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn generated_crate_passes_pedantic_clippy_and_its_consumer_tests() {
    let catalog = errcat_codegen::load_dir(&support::fixture("mini")).expect("valid fixture");
    let dir = support::generated_crate(&catalog);
    std::fs::create_dir_all(dir.path().join("tests")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rust_consumer/api.rs"),
        dir.path().join("tests/api.rs"),
    )
    .unwrap();

    cargo(
        dir.path(),
        &[
            "clippy",
            "--quiet",
            "--all-features",
            "--lib",
            "--",
            "-D",
            "warnings",
            "-W",
            "clippy::pedantic",
            "-W",
            "missing_docs",
        ],
    );
    cargo(dir.path(), &["test", "--quiet", "--all-features"]);
}

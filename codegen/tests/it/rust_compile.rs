//! The honest test of the Rust emitter: generate the mini fixture's crate
//! into a temporary folder, then build it with clippy (pedantic, missing
//! docs, warnings denied) and run a consumer's tests against it.
//!
//! The crate gets its own target folder below the workspace's, so it reuses
//! compiled dependencies between runs without waiting on the lock of the
//! `cargo test` that runs this.

use crate::support;

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

/// The build-script path: a catalog's module `include!`d into a binary's
/// root, a binary's private module and a library's private module, using
/// little or nothing of it, with a service's errors derived onto one of
/// them, builds with no warning under pedantic clippy.
/// (The build script only writes this text to `OUT_DIR`; it is included
/// from `src/` here so the test needs no build of errcat-codegen.)
#[test]
fn an_included_catalog_is_warning_free_however_little_of_it_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let module = |name: &str| {
        let catalog = errcat_codegen::load_dir(&support::repo_root().join(name)).unwrap();
        errcat_codegen::emit::rust::module(&catalog)
    };
    std::fs::create_dir(root.join("src")).unwrap();
    std::fs::write(root.join("src/fold.rs"), module("catalog")).unwrap();
    std::fs::write(
        root.join("src/mini.rs"),
        module("codegen/tests/fixtures/mini"),
    )
    .unwrap();
    std::fs::write(root.join("src/limits.rs"), limits_module(root)).unwrap();
    let runtime = support::repo_root().join("runtime");
    std::fs::write(
        root.join("Cargo.toml"),
        format!(
            "[package]\nname = \"included\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[workspace]\n\n\
             [dependencies]\nerrcat = {{ path = {:?}, features = [\"axum\", \"macros\"] }}\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(
        root.join("src/main.rs"),
        "//! A service that includes its catalogs.\n\n\
         include!(\"fold.rs\");\n\n\
         mod unused {\n    include!(\"fold.rs\");\n}\n\n\
         mod one {\n    include!(\"mini.rs\");\n}\n\n\
         mod limits {\n    include!(\"limits.rs\");\n}\n\n\
         /// A service's errors, derived onto an included catalog.\n\
         #[derive(Debug, errcat::ApiError)]\n\
         #[api_error(catalog = crate::limits)]\n\
         enum ServiceError {\n    \
             #[api_error(code = \"RATE_LIMITED\")]\n    \
             Limited { limit: u32 },\n    \
             #[api_error(code = \"QUOTA_EXCEEDED\")]\n    \
             Quota {\n        \
                 quota: String,\n        \
                 plan: &'static str,\n        \
                 used: u64,\n        \
                 limit: u8,\n        \
                 window: String,\n        \
                 hard: bool,\n        \
                 shared: bool,\n    \
             },\n    \
             #[api_error(code = \"INTERNAL_ERROR\")]\n    \
             Internal { source: std::io::Error },\n\
         }\n\n\
         fn main() {\n    \
             println!(\"{}\", one::MiniError::rate_limited(3));\n    \
             let quota = ServiceError::Quota {\n        \
                 quota: \"q\".to_owned(),\n        \
                 plan: \"free\",\n        \
                 used: 7,\n        \
                 limit: 5,\n        \
                 window: \"day\".to_owned(),\n        \
                 hard: true,\n        \
                 shared: false,\n    \
             };\n    \
             for error in [ServiceError::Limited { limit: 3 }, quota, ServiceError::Internal { source: std::io::Error::other(\"disk\") }] {\n        \
                 println!(\"{error}\");\n    \
             }\n\
         }\n",
    )
    .unwrap();
    std::fs::write(
        root.join("src/lib.rs"),
        "//! A library that keeps its catalog private.\n\n\
         mod private {\n    include!(\"fold.rs\");\n}\n",
    )
    .unwrap();
    std::fs::copy(
        support::repo_root().join("Cargo.lock"),
        root.join("Cargo.lock"),
    )
    .unwrap();
    cargo(
        root,
        &[
            "clippy",
            "--quiet",
            "--all-targets",
            "--",
            "-D",
            "warnings",
            "-W",
            "clippy::pedantic",
        ],
    );
}

/// The module of a catalog written for the test above: a retired code
/// first, so every code after it sits one place further in the enum than
/// among the derive's structs, and a code of seven parameters, as many as a
/// constructor takes without a lint allowance and one fewer than its
/// helper, which also takes the code.
fn limits_module(root: &Path) -> String {
    let dir = root.join("limits-catalog");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("catalog.toml"),
        "[catalog]\nname = \"limits\"\ntitle = \"Limits API\"\nversion = \"1.0.0\"\n\
         code_style = \"SCREAMING_SNAKE_CASE\"\n\n[[category]]\nid = \"limits\"\ntitle = \"Limits\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("limits.toml"),
        "[WINDOW_CLOSED]\nstatus = 409\nmessage = \"Window closed\"\n\
         retired = { since = \"1.0.0\" }\n\n\
         [RATE_LIMITED]\nstatus = 429\nmessage = \"Limit is {limit} per minute\"\n\
         params = { limit = \"unsigned\" }\n\n\
         [QUOTA_EXCEEDED]\nstatus = 429\n\
         message = \"Quota {quota} of {plan}: {used} of {limit} per {window} (hard: {hard}, shared: {shared})\"\n\
         params = { quota = \"string\", plan = \"string\", used = \"unsigned\", limit = \"unsigned\", \
         window = \"string\", hard = \"bool\", shared = \"bool\" }\n\n\
         [INTERNAL_ERROR]\nstatus = 500\nmessage = \"Unexpected server error\"\n",
    )
    .unwrap();
    let catalog = errcat_codegen::load_dir(&dir).unwrap();
    errcat_codegen::emit::rust::module(&catalog)
}

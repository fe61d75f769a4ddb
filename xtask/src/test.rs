//! `cargo xtask test`: every check CI runs, on a fresh machine.
//!
//! The test suite drives real tools (tsc, Chromium, mdbook, an OpenAPI
//! validator), so this first installs whichever are missing, pinned, and then
//! runs the suite with `ERRCAT_REQUIRE_TOOLS=1`, which turns a missing tool
//! from a skipped test into a failure.

use std::path::Path;
use std::process::Command;

/// mdbook builds the generated book in a test; Debian does not package it.
const MDBOOK_VERSION: &str = "0.4.52";
/// Validates the generated OpenAPI documents in a test.
const OPENAPI_VALIDATOR: &str = "openapi-spec-validator==0.9.0";

pub fn run(root: &Path) -> Result<(), String> {
    install_tools(root)?;
    let steps: [(&str, &[&str]); 6] = [
        ("format", &["fmt", "--all", "--", "--check"]),
        (
            "lint",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ),
        // Broken intra-doc links are errors (RUSTDOCFLAGS below): the API
        // docs, generated crates' included, are part of what ships.
        ("docs", &["doc", "--no-deps", "--workspace"]),
        // What a registry would receive. The first-hour test (in the tests
        // step) builds the CLI and a service from these `.crate`s alone,
        // which is the verification: cargo's own would build them as
        // registry crates, whose compiled artifacts it never rebuilds for
        // a version it has built before, so a second run here would check
        // the first run's code.
        (
            "package",
            &[
                "package",
                "--allow-dirty",
                "--no-verify",
                "-p",
                "errcat-macros",
                "-p",
                "errcat",
                "-p",
                "errcat-codegen",
                "-p",
                "errcat-cli",
            ],
        ),
        ("tests", &["test", "--workspace"]),
        ("drift check", &["xtask", "gen", "--check"]),
    ];
    for (name, args) in steps {
        eprintln!("==> {name}: cargo {}", args.join(" "));
        let mut cargo = Command::new(env!("CARGO"));
        cargo
            .args(args)
            .current_dir(root)
            .env("ERRCAT_REQUIRE_TOOLS", "1")
            // What the workspace's profile says, for the projects tests
            // build outside it too (the packaged CLI, generated crates,
            // compile-fail cases); and no incremental caches, which a
            // single run never reads back and which doubled the disk it
            // used. A CI machine once ran out of disk.
            .env("CARGO_PROFILE_DEV_DEBUG", "line-tables-only")
            .env("CARGO_INCREMENTAL", "0");
        if name == "docs" {
            // Not for the tests step: doctests keep rustdoc's defaults.
            cargo.env("RUSTDOCFLAGS", "-D warnings");
        }
        let status = cargo
            .status()
            .map_err(|e| format!("could not run cargo: {e}"))?;
        if !status.success() {
            return Err(format!("{name} failed (cargo {})", args.join(" ")));
        }
    }
    Ok(())
}

fn install_tools(root: &Path) -> Result<(), String> {
    if !found("node", &["--version"]) || !found("npm", &["--version"]) {
        apt_install(&["nodejs", "npm"])?;
    }
    if !Path::new("/usr/bin/chromium").exists() {
        apt_install(&["chromium"])?;
    }
    let tools = root.join("tools");
    if !tools.join("node_modules/.bin/tsc").exists()
        || !tools.join("node_modules/playwright-core").exists()
    {
        // `npm ci` installs exactly the committed lock file.
        sh(
            "npm",
            &[
                "ci",
                "--no-audit",
                "--no-fund",
                "--prefix",
                &tools.to_string_lossy(),
            ],
        )?;
    }
    if !found("mdbook", &["--version"]) && !cargo_bin("mdbook").exists() {
        sh(
            env!("CARGO"),
            &["install", "mdbook", "--locked", "--version", MDBOOK_VERSION],
        )?;
    }
    if !found("python3", &["-c", "import openapi_spec_validator"]) {
        sh(
            "python3",
            &[
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                OPENAPI_VALIDATOR,
            ],
        )?;
    }
    Ok(())
}

fn cargo_bin(name: &str) -> std::path::PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .unwrap_or_default();
    home.join("bin").join(name)
}

fn found(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|out| out.status.success())
}

fn apt_install(packages: &[&str]) -> Result<(), String> {
    sh("apt-get", &["update", "-qq"])?;
    let mut args = vec!["install", "-y", "-qq", "--no-install-recommends"];
    args.extend_from_slice(packages);
    sh("apt-get", &args)
}

fn sh(program: &str, args: &[&str]) -> Result<(), String> {
    eprintln!("==> installing: {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status()
        .map_err(|e| format!("could not run `{program}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed", args.join(" ")))
    }
}

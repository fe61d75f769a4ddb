//! The build-script path end to end, in a throwaway crate: a catalog edit
//! reaches the very next `cargo build`, a build with nothing changed runs
//! and recompiles nothing, and a catalog touched but not changed leaves the
//! generated file as it was.
//!
//! The probe builds into the target folder the UI tests use
//! (`target/tests/target`), so the dependencies (`errcat-codegen` and its
//! crates) are compiled once for both, and the lock file is the workspace's,
//! so nothing is resolved or downloaded (`--offline`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const PROBE: &str = "errcat-rebuild-probe";

#[test]
fn a_catalog_edit_reaches_the_next_build_and_an_unchanged_one_rebuilds_nothing() {
    let probe = Probe::new();

    let first = probe.build();
    assert!(!first.fresh, "the first build compiles the probe");
    assert_eq!(probe.run(), "Order o-1 not found");

    let catalog = probe.dir.join("errors/orders.toml");
    let text = fs::read_to_string(&catalog).unwrap();
    let edited = text.replace(
        "message = \"Order {order_id} not found\"",
        "message = \"There is no order {order_id}\"",
    );
    assert_ne!(text, edited, "the fixture has the message this test edits");
    fs::write(&catalog, &edited).unwrap();
    let second = probe.build();
    assert!(!second.fresh, "a catalog edit recompiles the probe");
    assert!(
        second.build_script_ran,
        "a catalog edit reruns the build script"
    );
    assert_eq!(probe.run(), "There is no order o-1");

    let third = probe.build();
    assert!(third.fresh, "an unchanged catalog recompiles nothing");
    assert!(
        !third.build_script_ran,
        "an unchanged catalog runs no build script"
    );

    // Same content, newer timestamp: the script reruns and finds its output
    // unchanged, so it leaves the file alone. (Cargo recompiles a crate after
    // any run of its build script, whatever it wrote: that is why the script
    // reruns only when the catalog folder changes.)
    let generated = third.out_dir.join("demo_errors.rs");
    let before = fs::metadata(&generated).unwrap().modified().unwrap();
    fs::write(&catalog, &edited).unwrap();
    let fourth = probe.build();
    assert!(
        fourth.build_script_ran,
        "a touched catalog reruns the build script"
    );
    assert_eq!(fourth.out_dir, third.out_dir);
    let after = fs::metadata(&generated).unwrap().modified().unwrap();
    assert_eq!(before, after, "unchanged generated code is not rewritten");
}

struct Probe {
    dir: PathBuf,
    target: PathBuf,
}

struct Build {
    /// Cargo reused the probe's binary without compiling it.
    fresh: bool,
    /// The probe's build script ran (not replayed from its last run).
    build_script_ran: bool,
    /// The probe's `OUT_DIR`.
    out_dir: PathBuf,
}

impl Probe {
    /// A crate like this one, named `errcat-rebuild-probe`, in a fresh temp
    /// folder under the target folder.
    fn new() -> Probe {
        let demo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = demo.parent().unwrap().parent().unwrap();
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        let dir = tmp.join(PROBE);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("src")).unwrap();
        fs::create_dir_all(dir.join("errors")).unwrap();
        for entry in fs::read_dir(demo.join("errors")).unwrap() {
            let entry = entry.unwrap();
            fs::copy(entry.path(), dir.join("errors").join(entry.file_name())).unwrap();
        }
        fs::copy(demo.join("build.rs"), dir.join("build.rs")).unwrap();
        fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
        let manifest = format!(
            r#"[package]
name = "{PROBE}"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
errcat = {{ path = {runtime:?} }}

[build-dependencies]
errcat-codegen = {{ path = {codegen:?} }}

[workspace]
"#,
            runtime = root.join("runtime"),
            codegen = root.join("codegen"),
        );
        fs::write(dir.join("Cargo.toml"), manifest).unwrap();
        fs::write(
            dir.join("src/main.rs"),
            "include!(concat!(env!(\"OUT_DIR\"), \"/demo_errors.rs\"));\n\n\
             fn main() {\n    print!(\"{}\", DemoError::order_not_found(\"o-1\"));\n}\n",
        )
        .unwrap();
        let target = tmp.parent().unwrap().join("tests").join("target");
        Probe { dir, target }
    }

    fn cargo(&self) -> Command {
        let mut cargo = Command::new(env!("CARGO"));
        cargo
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target)
            .env_remove("RUSTFLAGS")
            .arg("--offline");
        cargo
    }

    fn build(&self) -> Build {
        let output = self
            .cargo()
            // `-v` makes cargo say on stderr whether it is `Running` the
            // build script or found it `Fresh`.
            .args(["build", "-v", "--message-format", "json"])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "cargo build failed:\n{}\n{stdout}",
            String::from_utf8_lossy(&output.stderr)
        );
        let mut build = Build {
            fresh: false,
            build_script_ran: false,
            out_dir: PathBuf::new(),
        };
        let mut saw_binary = false;
        for message in stdout
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        {
            let ours = message["package_id"]
                .as_str()
                .unwrap_or_default()
                .contains(PROBE);
            if ours
                && message["reason"] == "compiler-artifact"
                && message["target"]["name"] == PROBE
            {
                saw_binary = true;
                build.fresh = message["fresh"] == true;
            }
            if ours && message["reason"] == "build-script-executed" {
                build.out_dir = PathBuf::from(message["out_dir"].as_str().unwrap_or_default());
            }
        }
        assert!(
            saw_binary,
            "cargo reported no artifact for the probe:\n{stdout}"
        );
        build.build_script_ran = String::from_utf8_lossy(&output.stderr).lines().any(|line| {
            line.trim_start().starts_with("Running")
                && line.contains(PROBE)
                && line.contains("build-script-build")
        });
        build
    }

    fn run(&self) -> String {
        let output = self.cargo().args(["run", "--quiet"]).output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }
}

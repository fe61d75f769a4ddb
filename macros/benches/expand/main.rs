//! How much `#[derive(ApiError)]` adds to a service crate's build: an enum of
//! 1,000 variants against a catalog of 10,000 codes, checked (`cargo check`)
//! and built (`cargo build`) with the derive and without it (the same enum,
//! plain). The difference is the derive's expansion plus rustc checking what
//! it expanded to. Target: under 100 ms.
//!
//! Two figures per command: an incremental rebuild after touching the
//! crate (what a developer waits for), and a clean compile of the crate with
//! incremental compilation off (what the derive costs from scratch, as in
//! CI). Only the measured crate is recompiled each time.
//!
//! `cargo bench -p errcat-macros --bench expand` prints a table (with
//! `ERRCAT_BENCH_ROWS=1`, `@row|...` lines for `cargo xtask bench`). The crates
//! live under `target/bench-derive/`; the first run compiles their
//! dependencies, which is not measured. Timings are wall-clock on whatever
//! else the machine is doing: read them next to the machine's load.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod sources;
use sources::{CATALOG_TOML, codes_toml, service_enum};

const CODES: usize = 10_000;
const VARIANTS: usize = 1_000;
const RUNS: usize = 5;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let dir = root.join("target").join("bench-derive");
    let workspace = Workspace::create(root, &dir);

    // Warm up: dependencies and the 10,000-code catalog crate, once.
    workspace.timed(&["build", "-p", "bench-errors"], false);
    workspace.timed(
        &["build", "-p", "bench-derived", "-p", "bench-plain"],
        false,
    );
    workspace.timed(
        &["check", "-p", "bench-derived", "-p", "bench-plain"],
        false,
    );

    let mut rows = Vec::new();
    for (mode, clean) in [("incremental", false), ("clean", true)] {
        for command in ["check", "build"] {
            let derived = workspace.median(command, "bench-derived", clean);
            let plain = workspace.median(command, "bench-plain", clean);
            rows.push((command, mode, derived, plain));
        }
    }
    // The catalog crate after a catalog edit: build script (load, emit,
    // format 10,000 codes) and compile.
    let catalog = workspace.dir.join("crates/bench-errors/catalog/codes.toml");
    let text = fs::read_to_string(&catalog).unwrap();
    fs::write(&catalog, text.replacen("failed", "failed!", 1)).unwrap();
    let catalog_build = workspace.timed(&["build", "-p", "bench-errors"], false);
    fs::write(&catalog, text).unwrap();

    if std::env::var_os("ERRCAT_BENCH_ROWS").is_some() {
        print_rows(&rows, catalog_build);
    } else {
        print_table(&rows, catalog_build);
    }
}

/// `cargo <command>` in a `<mode>` compile: with the derive, plain.
type Measured = (&'static str, &'static str, Duration, Duration);

fn print_table(rows: &[Measured], catalog_build: Duration) {
    println!();
    println!(
        "derive over {VARIANTS} variants, catalog of {CODES} codes (median of {RUNS} runs, debug profile)"
    );
    println!();
    println!("| cargo | compile | with derive | plain enum | added by the derive |");
    println!("|---|---|---:|---:|---:|");
    for (command, mode, derived, plain) in rows {
        println!(
            "| {command} | {mode} | {} | {} | {} |",
            ms(*derived),
            ms(*plain),
            added(*derived, *plain)
        );
    }
    println!();
    println!(
        "the {CODES}-code catalog crate after a catalog edit (build script and compile): {}",
        ms(catalog_build)
    );
}

/// `@row|what|codes|errcat|baseline|ratio|target` lines, ratios from
/// unrounded figures.
fn print_rows(rows: &[Measured], catalog_build: Duration) {
    for (command, mode, derived, plain) in rows {
        println!(
            "@row|derive over {VARIANTS} variants: `cargo {command}`, {mode} (vs the plain enum), median of {RUNS}|{CODES}|{} ({})|{}|{:.2}×|< 100 ms added",
            ms(*derived),
            added(*derived, *plain),
            ms(*plain),
            derived.as_secs_f64() / plain.as_secs_f64()
        );
    }
    println!(
        "@row|catalog crate rebuilt after a catalog edit (build script + compile, debug)|{CODES}|{}|–|–|",
        ms(catalog_build)
    );
}

fn added(derived: Duration, plain: Duration) -> String {
    format!(
        "{:+.0} ms",
        (derived.as_secs_f64() - plain.as_secs_f64()) * 1000.0
    )
}

fn ms(duration: Duration) -> String {
    format!("{:.0} ms", duration.as_secs_f64() * 1000.0)
}

struct Workspace {
    dir: PathBuf,
}

impl Workspace {
    fn create(root: &Path, dir: &Path) -> Workspace {
        let _ = fs::remove_dir_all(dir.join("crates"));
        let errors = dir.join("crates/bench-errors");
        write(&errors.join("catalog/catalog.toml"), CATALOG_TOML);
        write(&errors.join("catalog/codes.toml"), &codes_toml());
        write(
            &errors.join("build.rs"),
            "fn main() {\n    errcat_codegen::build::Builder::new().catalog_dir(\"catalog\").generate().unwrap();\n}\n",
        );
        write(
            &errors.join("src/lib.rs"),
            "include!(concat!(env!(\"OUT_DIR\"), \"/bench_errors.rs\"));\n",
        );
        let runtime = root.join("runtime");
        let codegen = root.join("codegen");
        write(
            &errors.join("Cargo.toml"),
            &format!(
                "[package]\nname = \"bench-errors\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
                 [dependencies]\nerrcat = {{ path = {runtime:?} }}\n\n\
                 [build-dependencies]\nerrcat-codegen = {{ path = {codegen:?} }}\n"
            ),
        );
        for (name, derive) in [("bench-derived", true), ("bench-plain", false)] {
            let krate = dir.join("crates").join(name);
            write(
                &krate.join("Cargo.toml"),
                &format!(
                    "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
                     [dependencies]\nerrcat = {{ path = {runtime:?}, features = [\"macros\"] }}\n\
                     bench-errors = {{ path = \"../bench-errors\" }}\n"
                ),
            );
            write(&krate.join("src/lib.rs"), &service_enum(derive));
        }
        write(
            &dir.join("Cargo.toml"),
            "[workspace]\nresolver = \"3\"\nmembers = [\"crates/*\"]\n",
        );
        fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
        Workspace {
            dir: dir.to_path_buf(),
        }
    }

    fn timed(&self, args: &[&str], clean: bool) -> Duration {
        let mut cargo = Command::new(env!("CARGO"));
        cargo.current_dir(&self.dir).args(args).arg("--offline");
        if clean {
            cargo.env("CARGO_INCREMENTAL", "0");
        }
        let start = Instant::now();
        let output = cargo.output().unwrap();
        let elapsed = start.elapsed();
        assert!(
            output.status.success(),
            "cargo {args:?} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        elapsed
    }

    /// Median time of `cargo <command> -p <package>` after touching only
    /// that package's source, so only it is recompiled.
    fn median(&self, command: &str, package: &str, clean: bool) -> Duration {
        let lib = self.dir.join("crates").join(package).join("src/lib.rs");
        let mut times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let text = fs::read_to_string(&lib).unwrap();
                fs::write(&lib, text).unwrap();
                self.timed(&[command, "-p", package], clean)
            })
            .collect();
        times.sort();
        times[RUNS / 2]
    }
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

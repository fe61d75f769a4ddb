//! How long `tsc` takes over the generated TypeScript of a large catalog,
//! against the floor: the same number of plain string constants. The target
//! is within 2x of that floor, so a 10,000-code catalog costs a frontend
//! build about what its code strings alone would.
//!
//! `cargo bench -p errcat-codegen --bench tsc` prints a markdown table;
//! with `ERRCAT_BENCH_ROWS=1` it prints `@row|...` lines for
//! `cargo xtask bench` instead. Asserts nothing.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use errcat_codegen::Catalog;
use errcat_codegen::emit::typescript;

mod synthetic;
use synthetic::synthetic;

const RUNS: usize = 5;
const CODES: usize = 10_000;

/// The flags both inputs are checked with: strict, as a consumer would.
const FLAGS: &[&str] = &[
    "--noEmit",
    "--strict",
    "--noUnusedLocals",
    "--erasableSyntaxOnly",
    "--target",
    "es2022",
    "--lib",
    "es2022",
    "--module",
    "nodenext",
];

fn main() {
    let rows = std::env::var_os("ERRCAT_BENCH_ROWS").is_some();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tsc = root.join("tools/node_modules/.bin/tsc");
    // tsc is a node script: without node it cannot start either.
    let missing = if Command::new("node").arg("--version").output().is_err() {
        Some("node")
    } else if !tsc.exists() {
        Some("tsc")
    } else {
        None
    };
    if let Some(tool) = missing {
        let why = format!("skipped: {tool} missing (cargo xtask test installs it)");
        if rows {
            println!(
                "@row|`tsc --noEmit` of `errors.ts` (vs string constants)|{CODES}|{why}|–|–|≤ 2× baseline"
            );
        } else {
            eprintln!("{why}");
        }
        return;
    }
    match measure(&tsc, &synthetic(CODES), &root.join("target/bench/tsc")) {
        Ok(m) if rows => m.print_rows(),
        Ok(m) => print!("{}", m.table()),
        Err(err) => {
            eprintln!("error: {err}");
            std::process::exit(1);
        }
    }
}

/// Time and size of each input.
struct Measured {
    codes: usize,
    baseline: (Duration, usize),
    errors: (Duration, usize),
}

/// Times `tsc` over `catalog`'s `errors.ts` and over as many string
/// constants, in `work`.
fn measure(tsc: &Path, catalog: &Catalog, work: &Path) -> Result<Measured, String> {
    let generated = typescript::emit(catalog)
        .into_iter()
        .next()
        .ok_or("the TypeScript emitter wrote nothing")?
        .contents;
    let mut constants = String::new();
    for (i, code) in catalog.codes.iter().enumerate() {
        let _ = writeln!(
            constants,
            "export const C{i} = {};",
            typescript::string_literal(&code.code)
        );
    }
    Ok(Measured {
        codes: catalog.codes.len(),
        baseline: (
            time_tsc(tsc, &work.join("baseline"), &constants)?,
            constants.len(),
        ),
        errors: (
            time_tsc(tsc, &work.join("errors"), &generated)?,
            generated.len(),
        ),
    })
}

impl Measured {
    fn table(&self) -> String {
        let mut table = String::from(
            "| input | codes | size | tsc --noEmit | vs. baseline |\n|---|---:|---:|---:|---:|\n",
        );
        let base = self.baseline.0.as_secs_f64();
        for (name, (time, size)) in [
            ("string constants (baseline)", self.baseline),
            ("errcat `errors.ts`", self.errors),
        ] {
            let _ = writeln!(
                table,
                "| {name} | {} | {} | {} | {:.2}x |",
                self.codes,
                kb(size),
                ms(time),
                time.as_secs_f64() / base,
            );
        }
        let _ = writeln!(
            table,
            "\nmedian of {RUNS} runs of `tsc {}`, TypeScript's start-up included",
            FLAGS.join(" ")
        );
        table
    }

    /// `@row|what|codes|errcat|baseline|ratio|target` lines, ratios from
    /// unrounded figures.
    fn print_rows(&self) {
        let ((time, size), (base_time, base_size)) = (self.errors, self.baseline);
        let codes = self.codes;
        println!(
            "@row|`tsc --noEmit` of `errors.ts` (vs string constants), median of {RUNS}|{codes}|{}|{}|{:.2}×|≤ 2× baseline",
            ms(time),
            ms(base_time),
            time.as_secs_f64() / base_time.as_secs_f64()
        );
        println!(
            "@row|size of `errors.ts` (vs string constants)|{codes}|{}|{}|{:.2}×|reported",
            kb(size),
            kb(base_size),
            size as f64 / base_size as f64
        );
    }
}

fn ms(time: Duration) -> String {
    format!("{:.0} ms", time.as_secs_f64() * 1e3)
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1e3)
}

/// Writes `source` as an ES module package in `dir` and returns the median
/// time of `tsc` over it.
fn time_tsc(tsc: &Path, dir: &PathBuf, source: &str) -> Result<Duration, String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("package.json"), "{ \"type\": \"module\" }\n")
        .map_err(|e| e.to_string())?;
    std::fs::write(dir.join("input.ts"), source).map_err(|e| e.to_string())?;
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        let output = Command::new(tsc)
            .current_dir(dir)
            .args(FLAGS)
            .arg("input.ts")
            .output()
            .map_err(|e| format!("{}: {e}", tsc.display()))?;
        times.push(start.elapsed());
        if !output.status.success() {
            return Err(format!(
                "tsc failed in {}:\n{}",
                dir.display(),
                String::from_utf8_lossy(&output.stdout)
            ));
        }
    }
    times.sort();
    Ok(times[RUNS / 2])
}

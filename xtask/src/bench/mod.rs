//! `cargo xtask bench`: every speed and memory figure in one table, each
//! beside its baseline measured in the same run. Nothing here asserts a
//! time: timing belongs in benchmarks, not tests.
//!
//! Other crates' benches (runtime, derive, tsc) print rows in the
//! `@row|what|codes|errcat|baseline|ratio|target` format when run with
//! `ERRCAT_BENCH_ROWS=1`; this collects them into the same table. The site
//! rows are measured here, in headless Chromium (`site.rs`).

mod compile;
mod generation;
mod site;
mod watch;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::synthetic;

/// One line of the table. `errcat` and `baseline` are display strings;
/// `ratio` is computed from the raw figures where both exist.
pub struct Row {
    pub what: String,
    pub codes: String,
    pub errcat: String,
    pub baseline: String,
    pub ratio: String,
    pub target: String,
}

impl Row {
    pub fn new(what: &str, codes: usize, errcat: String, target: &str) -> Row {
        Row {
            what: what.to_owned(),
            codes: codes.to_string(),
            errcat,
            baseline: "–".to_owned(),
            ratio: "–".to_owned(),
            target: target.to_owned(),
        }
    }

    pub fn against(mut self, baseline: String, ratio: f64) -> Row {
        self.baseline = baseline;
        self.ratio = format!("{ratio:.2}×");
        self
    }
}

/// Sub-benches of other crates, run with `cargo bench` so they are built
/// with the bench profile, each contributing `@row` lines.
const SUB_BENCHES: [(&str, &str); 3] = [
    ("errcat", "runtime"),
    ("errcat-macros", "expand"),
    ("errcat-codegen", "tsc"),
];

/// How much of the table to measure: the gen rows take seconds and the
/// builds minutes where the whole table takes many, for measuring a change
/// to an emitter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Gen,
    Build,
    All,
}

impl Scope {
    fn argument(self) -> Option<&'static str> {
        match self {
            Scope::Gen => Some("gen"),
            Scope::Build => Some("build"),
            Scope::All => None,
        }
    }
}

pub fn run(root: &Path, scope: Scope) -> Result<(), String> {
    if cfg!(debug_assertions) {
        // `cargo xtask` is a debug build, and gen is timed in this process:
        // the figures would be those of unoptimized codegen.
        let status = Command::new(env!("CARGO"))
            .args([
                "run",
                "--release",
                "--quiet",
                "--package",
                "xtask",
                "--",
                "bench",
            ])
            .args(scope.argument())
            .current_dir(root)
            .status()
            .map_err(|e| format!("could not run cargo: {e}"))?;
        return if status.success() {
            Ok(())
        } else {
            Err("the release build of `xtask bench` failed".to_owned())
        };
    }
    let work = root.join("target/bench");
    let mut rows = Vec::new();
    let mut catalogs = Vec::new();
    for codes in generation::SIZES {
        let dir = work.join(format!("synthetic-{codes}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        synthetic::write_catalog(&dir, codes).map_err(|e| e.to_string())?;
        rows.extend(generation::rows(
            &dir,
            &work.join(format!("synthetic-{codes}-out")),
            codes,
        )?);
        catalogs.push((codes, dir));
    }
    if scope == Scope::Gen {
        print_table(&rows);
        return Ok(());
    }
    for (codes, dir) in catalogs.iter().filter(|(codes, _)| *codes >= 1_000) {
        eprintln!("bench: building generated and baseline crates for {codes} codes");
        let catalog = errcat_codegen::load_dir(dir).map_err(|d| d.to_string())?;
        let builds = compile::measure(root, &work.join(format!("compile-{codes}")), &catalog)?;
        rows.extend(compile::rows(*codes, &builds));
    }
    if scope == Scope::Build {
        print_table(&rows);
        return Ok(());
    }
    for (package, bench) in SUB_BENCHES {
        eprintln!("bench: cargo bench -p {package} --bench {bench}");
        rows.extend(sub_bench(root, package, bench));
    }
    if let Some((codes, dir)) = catalogs.last() {
        let catalog = errcat_codegen::load_dir(dir).map_err(|d| d.to_string())?;
        rows.extend(site::rows(
            root,
            &catalog,
            &work.join(format!("site-{codes}")),
        ));
    }
    print_table(&rows);
    Ok(())
}

/// The sub-bench's rows; if it fails, one row saying so (its stderr goes
/// to ours), so the rest of the table still prints.
fn sub_bench(root: &Path, package: &str, bench: &str) -> Vec<Row> {
    let output = Command::new(env!("CARGO"))
        .args(["bench", "--quiet", "--package", package, "--bench", bench])
        .current_dir(root)
        .env("ERRCAT_BENCH_ROWS", "1")
        .output();
    let failed = |why: String| {
        let mut row = Row::new(
            &format!("`cargo bench -p {package} --bench {bench}`"),
            0,
            why,
            "",
        );
        row.codes = "–".to_owned();
        vec![row]
    };
    let output = match output {
        Ok(output) if output.status.success() => output,
        Ok(output) => {
            eprintln!("{}", String::from_utf8_lossy(&output.stderr));
            return failed(format!("failed ({}; its output is above)", output.status));
        }
        Err(e) => return failed(format!("failed: could not run cargo: {e}")),
    };
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.strip_prefix("@row|"))
        .filter_map(|fields| {
            let f: Vec<&str> = fields.split('|').collect();
            let [what, codes, errcat, baseline, ratio, target] = f.as_slice() else {
                return None;
            };
            Some(Row {
                what: (*what).to_owned(),
                codes: (*codes).to_owned(),
                errcat: (*errcat).to_owned(),
                baseline: (*baseline).to_owned(),
                ratio: (*ratio).to_owned(),
                target: (*target).to_owned(),
            })
        })
        .collect()
}

fn print_table(rows: &[Row]) {
    println!("| what | codes | errcat | baseline | errcat / baseline | target |");
    println!("|---|---:|---:|---:|---:|---|");
    for row in rows {
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            row.what, row.codes, row.errcat, row.baseline, row.ratio, row.target
        );
    }
    println!(
        "\n{} cores; medians unless a row says otherwise; baselines measured in the same run",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
}

pub fn millis(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

pub fn seconds(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

//! `cargo xtask bench`: generation speed and memory on synthetic catalogs.
//! Figures are printed as a markdown table for BENCHMARKS.md; nothing here
//! asserts a time, since timing belongs in benchmarks, not tests.

use std::path::Path;
use std::time::{Duration, Instant};

use errcat_codegen::generate::{self, Targets};
use errcat_codegen::write::{self, Mode};

use crate::{alloc, synthetic};

const SIZES: [usize; 3] = [100, 1_000, 10_000];
const RUNS: usize = 5;

struct Sample {
    load: Duration,
    emit: Duration,
    write: Duration,
    peak_bytes: usize,
}

pub fn run(root: &Path) -> Result<(), String> {
    let work = root.join("target/bench");
    println!("| codes | load + validate | emit | write | total | per code | peak heap |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for codes in SIZES {
        let catalog_dir = work.join(format!("synthetic-{codes}"));
        let out_dir = work.join(format!("synthetic-{codes}-out"));
        let _ = std::fs::remove_dir_all(&catalog_dir);
        let _ = std::fs::remove_dir_all(&out_dir);
        std::fs::create_dir_all(&catalog_dir).map_err(|e| e.to_string())?;
        synthetic::write_catalog(&catalog_dir, codes).map_err(|e| e.to_string())?;

        let mut samples: Vec<Sample> = (0..RUNS)
            .map(|_| {
                // Each run writes into an empty folder, the full-cost case.
                let _ = std::fs::remove_dir_all(&out_dir);
                measure(&catalog_dir, &out_dir)
            })
            .collect::<Result<_, _>>()?;
        samples.sort_by_key(|s| s.load + s.emit + s.write);
        let median = &samples[RUNS / 2];
        let total = median.load + median.emit + median.write;
        println!(
            "| {codes} | {} | {} | {} | **{}** | {:.1} µs | {:.1} MB |",
            ms(median.load),
            ms(median.emit),
            ms(median.write),
            ms(total),
            total.as_secs_f64() * 1e6 / codes as f64,
            median.peak_bytes as f64 / 1e6,
        );
    }
    println!(
        "\nmedian of {RUNS} runs; the full pipeline into an empty output folder; peak heap counted by a global allocator"
    );
    Ok(())
}

fn measure(catalog_dir: &Path, out_dir: &Path) -> Result<Sample, String> {
    let baseline = alloc::reset_peak();
    let start = Instant::now();
    let catalog = errcat_codegen::load_dir(catalog_dir).map_err(|d| d.to_string())?;
    let loaded = Instant::now();
    let files = generate::generate(&catalog, &Targets::default());
    let emitted = Instant::now();
    write::sync(out_dir, &files, Mode::Write).map_err(|e| e.to_string())?;
    let written = Instant::now();
    Ok(Sample {
        load: loaded - start,
        emit: emitted - loaded,
        write: written - emitted,
        peak_bytes: alloc::peak_since(baseline),
    })
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

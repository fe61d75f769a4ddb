//! Generation speed and peak heap on synthetic catalogs: the full pipeline,
//! from catalog files to outputs written into an empty folder.

use std::path::Path;
use std::time::{Duration, Instant};

use errcat_codegen::generate::{self, Targets};
use errcat_codegen::write::{self, Mode};

use super::{Row, millis};
use crate::alloc;

pub const SIZES: [usize; 3] = [100, 1_000, 10_000];
const RUNS: usize = 5;

struct Sample {
    load: Duration,
    total: Duration,
    peak_bytes: usize,
}

pub fn rows(catalog_dir: &Path, out_dir: &Path, codes: usize) -> Result<Vec<Row>, String> {
    // Alternated with the runs measured, so both see the same machine.
    let mut floors = Vec::new();
    let mut samples = Vec::new();
    for _ in 0..RUNS {
        floors.push(parse_floor(catalog_dir)?);
        let _ = std::fs::remove_dir_all(out_dir);
        samples.push(measure(catalog_dir, out_dir)?);
    }
    floors.sort();
    let floor = floors[RUNS / 2];
    samples.sort_by_key(|s| s.total);
    let median = &samples[RUNS / 2];
    let mut loads: Vec<Duration> = samples.iter().map(|s| s.load).collect();
    loads.sort();
    let load = loads[RUNS / 2];
    let large = codes == 10_000;
    let floor_cell = format!("parse floor: {}", millis(floor));
    let ratio = |d: Duration| d.as_secs_f64() / floor.as_secs_f64();
    let mut rows = vec![
        Row::new(
            "gen: load, validate, emit every target, write (vs the catalog files parsed into `toml::Table`)",
            codes,
            format!(
                "{} ({:.1} µs/code)",
                millis(median.total),
                median.total.as_secs_f64() * 1e6 / codes as f64
            ),
            if large { "≤ 3× the floor" } else { "" },
        )
        .against(floor_cell.clone(), ratio(median.total)),
        Row::new(
            "gen: of which load + validate (vs the parse floor)",
            codes,
            millis(load),
            "",
        )
        .against(floor_cell, ratio(load)),
        Row::new(
            "gen: peak heap",
            codes,
            format!("{:.1} MB", median.peak_bytes as f64 / 1e6),
            if large { "< 100 MB" } else { "" },
        ),
    ];
    if large {
        rows.extend(per_target(catalog_dir, out_dir, codes)?);
    }
    Ok(rows)
}

/// Where the time and heap of the largest catalog go: each target emitted
/// on its own (in memory, not written), so a missed target says what to
/// fix; beside each, its files written with `std::fs::write` into
/// `scratch`, the least that producing them can cost.
fn per_target(catalog_dir: &Path, scratch: &Path, codes: usize) -> Result<Vec<Row>, String> {
    let catalog = errcat_codegen::load_dir(catalog_dir).map_err(|d| d.to_string())?;
    let none = Targets {
        rust: None,
        typescript: false,
        markdown: None,
        openapi: false,
        schema: false,
        changelog: false,
        editor: false,
        conformance: false,
        site: None,
    };
    let targets = [
        (
            "rust",
            Targets {
                rust: Some(Default::default()),
                ..none.clone()
            },
        ),
        (
            "typescript",
            Targets {
                typescript: true,
                ..none.clone()
            },
        ),
        (
            "docs",
            Targets {
                markdown: Some(Default::default()),
                ..none.clone()
            },
        ),
        (
            "openapi",
            Targets {
                openapi: true,
                ..none.clone()
            },
        ),
        (
            "schema",
            Targets {
                schema: true,
                ..none.clone()
            },
        ),
        (
            "changelog",
            Targets {
                changelog: true,
                ..none.clone()
            },
        ),
        (
            "editor",
            Targets {
                editor: true,
                ..none.clone()
            },
        ),
        (
            "conformance",
            Targets {
                conformance: true,
                ..none
            },
        ),
    ];
    let doc_text: usize = catalog
        .codes
        .iter()
        .map(|code| {
            code.description.as_ref().map_or(0, String::len)
                + code.docs.as_ref().map_or(0, String::len)
        })
        .sum();
    targets
        .iter()
        .map(|(name, only)| {
            let mut runs: Vec<(Duration, usize, usize, usize)> = Vec::new();
            let mut writes = Vec::new();
            for _ in 0..3 {
                let baseline = alloc::reset_peak();
                let start = Instant::now();
                let files = generate::generate(&catalog, only);
                let elapsed = start.elapsed();
                let peak = alloc::peak_since(baseline);
                let bytes = files.iter().map(|f| f.contents.len()).sum();
                let comments = files.iter().map(|f| doc_comment_bytes(&f.contents)).sum();
                runs.push((elapsed, peak, bytes, comments));
                writes.push(write_plainly(scratch, &files)?);
            }
            runs.sort();
            writes.sort();
            let (elapsed, peak, bytes, comments) = runs[1];
            let write = writes[1];
            let per_code = bytes as f64 / codes as f64;
            // The Rust target's size promise leaves out the catalog's own
            // prose, which its rustdoc carries once.
            let beyond_docs = if *name == "rust" {
                // Everything rustdoc shows (summaries, facts, hints) is
                // the catalog's text too, in part; the code alone is what
                // the compiler parses beyond comments.
                format!(
                    ", {:.0} B/code beyond doc text, {:.0} B/code outside doc comments",
                    per_code - doc_text as f64 / codes as f64,
                    (bytes - comments) as f64 / codes as f64
                )
            } else {
                String::new()
            };
            Ok(Row::new(
                &format!("gen: of which emit `{name}/` (output size and per code, peak heap)"),
                codes,
                format!(
                    "{} ({:.1} MB, {per_code:.0} B/code{beyond_docs}, {:.1} MB heap)",
                    millis(elapsed),
                    bytes as f64 / 1e6,
                    peak as f64 / 1e6
                ),
                match *name {
                    "rust" => "≤ 1 KB/code beyond doc text",
                    "typescript" | "docs" | "openapi" => "≤ 3× writing its bytes",
                    _ => "",
                },
            )
            .against(
                format!("`std::fs::write` of its files: {}", millis(write)),
                elapsed.as_secs_f64() / write.as_secs_f64(),
            ))
        })
        .collect()
}

/// Writes `files` under an emptied `folder` with `std::fs::write`, one call
/// a file after its folder exists: what errcat's writer adds (comparing,
/// atomic replacement, the manifest) is left out.
fn write_plainly(folder: &Path, files: &[errcat_codegen::OutputFile]) -> Result<Duration, String> {
    let _ = std::fs::remove_dir_all(folder);
    let start = Instant::now();
    for file in files {
        let path = folder.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, &file.contents).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let elapsed = start.elapsed();
    let _ = std::fs::remove_dir_all(folder);
    Ok(elapsed)
}

/// The bytes of a file's `///` and `//!` lines, newlines included.
fn doc_comment_bytes(contents: &str) -> usize {
    contents
        .lines()
        .filter(|line| {
            let line = line.trim_start();
            line.starts_with("///") || line.starts_with("//!")
        })
        .map(|line| line.len() + 1)
        .sum()
}

/// What reading the catalog costs at the least: its files read and parsed
/// by the `toml` crate into tables, nothing checked or kept.
fn parse_floor(catalog_dir: &Path) -> Result<Duration, String> {
    let start = Instant::now();
    let mut entries: Vec<_> = std::fs::read_dir(catalog_dir)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    entries.sort();
    for path in entries {
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        let table: toml::Table = text
            .parse()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        std::hint::black_box(table);
    }
    Ok(start.elapsed())
}

fn measure(catalog_dir: &Path, out_dir: &Path) -> Result<Sample, String> {
    let baseline = alloc::reset_peak();
    let start = Instant::now();
    let catalog = errcat_codegen::load_dir(catalog_dir).map_err(|d| d.to_string())?;
    let loaded = Instant::now();
    let files = generate::generate(&catalog, &Targets::default());
    let owner = write::Owner {
        catalog: &catalog.name,
        kind: write::Kind::Generated,
        locked: false,
        source: Some(catalog_dir),
    };
    write::sync(out_dir, owner, &files, Mode::Write).map_err(|e| e.to_string())?;
    Ok(Sample {
        load: loaded - start,
        total: start.elapsed(),
        peak_bytes: alloc::peak_since(baseline),
    })
}

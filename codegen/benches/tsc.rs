//! How long `tsc` takes over the generated TypeScript of a large catalog,
//! against the floor: the same number of plain string constants. The target
//! is within 2x of that floor, so a 10,000-code catalog costs a frontend
//! build about what its code strings alone would.
//!
//! Run with `cargo bench -p errcat-codegen --bench tsc` (needs
//! `[[bench]] name = "tsc"` with `harness = false`), or call [`run`] from
//! `cargo xtask bench`. Prints a markdown table; asserts nothing.

// Under the default bench harness `main` is not the entry point.
#![cfg_attr(test, allow(dead_code))]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use errcat_codegen::Catalog;
use errcat_codegen::emit::typescript;
use errcat_codegen::model::{
    Category, Code, CodeStyle, Deprecation, DetailsKind, GrpcCode, Origin, Param, ParamType, Retry,
    Segment, Template, WireShape,
};

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
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tsc = root.join("tools/node_modules/.bin/tsc");
    let work = root.join("target/bench/tsc");
    match run(&tsc, &synthetic(CODES), &work) {
        Ok(table) => print!("{table}"),
        Err(err) => {
            eprintln!("error: {err}");
            std::process::exit(1);
        }
    }
}

/// Times `tsc` over `catalog`'s `errors.ts` and over as many string
/// constants, in `work`; returns the table.
pub fn run(tsc: &Path, catalog: &Catalog, work: &Path) -> Result<String, String> {
    if !tsc.exists() {
        return Err(format!(
            "{} is missing: run `npm ci --prefix tools`",
            tsc.display()
        ));
    }
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
    let baseline = time_tsc(tsc, &work.join("baseline"), &constants)?;
    let errors = time_tsc(tsc, &work.join("errors"), &generated)?;

    let codes = catalog.codes.len();
    let mut table = String::from(
        "| input | codes | size | tsc --noEmit | vs. baseline |\n|---|---:|---:|---:|---:|\n",
    );
    for (name, text, time) in [
        ("string constants (baseline)", &constants, baseline),
        ("errcat `errors.ts`", &generated, errors),
    ] {
        let _ = writeln!(
            table,
            "| {name} | {codes} | {:.1} KB | {:.0} ms | {:.2}x |",
            text.len() as f64 / 1e3,
            time.as_secs_f64() * 1e3,
            time.as_secs_f64() / baseline.as_secs_f64(),
        );
    }
    let _ = writeln!(
        table,
        "\nmedian of {RUNS} runs of `tsc {}`, TypeScript's start-up included",
        FLAGS.join(" ")
    );
    Ok(table)
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

const NOUNS: [&str; 6] = [
    "FUNCTION", "VERSION", "BINDING", "DOMAIN", "TOKEN", "BUCKET",
];
const FAILURES: [(&str, u16); 4] = [
    ("NOT_FOUND", 404),
    ("INVALID", 400),
    ("LIMIT_EXCEEDED", 429),
    ("UNAVAILABLE", 503),
];

/// A catalog of `codes` codes, shaped like a real one: parameters of every
/// type, hints, causes, aliases and deprecations, eight categories.
pub fn synthetic(codes: usize) -> Catalog {
    let categories = (0..8)
        .map(|i| Category {
            id: format!("category_{i}"),
            title: format!("Category {i}"),
            description: None,
        })
        .collect();
    Catalog {
        name: "synthetic".to_owned(),
        title: "Synthetic API".to_owned(),
        description: None,
        version: Some("3.0.0".to_owned()),
        code_style: CodeStyle::ScreamingSnake,
        wire_shape: WireShape::Flat,
        docs_base_url: Some("https://docs.synthetic.example/errors".to_owned()),
        categories,
        codes: (0..codes).map(synthetic_code).collect(),
    }
}

fn synthetic_code(i: usize) -> Code {
    let noun = NOUNS[i % NOUNS.len()];
    let (failure, status) = FAILURES[(i / NOUNS.len()) % FAILURES.len()];
    let code = format!("{noun}_{failure}_{i}");
    let lower = noun.to_lowercase();
    let param = |name: &str, ty| Param {
        name: name.to_owned(),
        ty,
    };
    let text = |s: String| Segment::Text(s);
    let message = match i % 3 {
        0 => Template {
            segments: vec![
                text(format!("{lower} '")),
                Segment::Param(0),
                text("' (version ".into()),
                Segment::Param(1),
                text(") failed".into()),
            ],
            params: vec![
                param("id", ParamType::String),
                param("version", ParamType::Unsigned),
            ],
        },
        1 => Template {
            segments: vec![
                text(format!("{lower} quota is ")),
                Segment::Param(0),
                text(", strict: ".into()),
                Segment::Param(1),
            ],
            params: vec![
                param("limit", ParamType::Integer),
                param("strict", ParamType::Bool),
            ],
        },
        _ => Template {
            segments: vec![text(format!("the {lower} request was rejected"))],
            params: Vec::new(),
        },
    };
    let throttled = status == 429 || status == 503;
    Code {
        title: errcat_codegen::model::default_title(&code),
        status,
        message,
        hint: Some(format!(
            "Check the {lower} and retry; see the docs for code {i}."
        )),
        description: Some(format!("The {lower} operation failed with {failure}.")),
        docs: None,
        category: i % 8,
        retry: Retry {
            retryable: throttled,
            throttling: status == 429,
            after_seconds: throttled.then_some(30),
        },
        headers: Vec::new(),
        details: DetailsKind::None,
        resolve: None,
        docs_url: None,
        aliases: if i % 10 == 0 {
            vec![format!("LEGACY_{code}")]
        } else {
            Vec::new()
        },
        deprecated: (i % 50 == 7).then(|| Deprecation {
            since: Some("2.0.0".to_owned()),
            replacement: None,
            note: Some("Superseded.".to_owned()),
        }),
        retired: None,
        since: None,
        grpc: GrpcCode::from_http_status(status),
        number: Some(10_000 + i as u32),
        wire_shape: WireShape::Flat,
        origin: Origin {
            file: "synthetic.toml".to_owned(),
            line: 1,
        },
        code,
    }
}

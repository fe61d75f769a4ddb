//! Build time of a generated crate against what people write by hand: an
//! enum with `thiserror` and `serde` derives and a `match` arm per code.
//! Both crates live in one throwaway workspace per size so they share the
//! compiled dependencies (built first, by a `deps` crate that only depends
//! on them), and each is timed and its memory watched building on its own.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use errcat_codegen::emit;
use errcat_codegen::model::{Catalog, ParamType};

use super::watch::{self, Watched};
use super::{Row, seconds};

pub struct Builds {
    pub generated: Watched,
    pub baseline: Watched,
}

/// Times a release build of each crate for `catalog` in `dir`, dependencies
/// already compiled.
pub fn measure(root: &Path, dir: &Path, catalog: &Catalog) -> Result<Builds, String> {
    let _ = std::fs::remove_dir_all(dir);
    let runtime = root.join("runtime");
    let options = emit::rust::Options {
        runtime_dependency: format!("{{ path = {:?} }}", runtime.to_string_lossy()),
        crate_name: None,
    };
    for file in emit::rust::emit(catalog, &options) {
        write(&dir.join("generated").join(&file.path), &file.contents)?;
    }
    write(
        &dir.join("baseline/Cargo.toml"),
        &manifest("baseline-errors"),
    )?;
    write(&dir.join("baseline/src/lib.rs"), &baseline_source(catalog))?;
    write(&dir.join("deps/Cargo.toml"), &manifest("deps"))?;
    write(&dir.join("deps/src/lib.rs"), "")?;
    write(
        &dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"generated\", \"baseline\", \"deps\"]\n",
    )?;

    let generated = catalog.rust_crate_name();
    // Everything but the baseline crate; the generated one is built here too
    // (it needs its runtime) and touched below to be built again.
    let warm = [
        "build",
        "--release",
        "--quiet",
        "-p",
        "deps",
        "-p",
        &generated,
    ];
    let status = cargo(dir, &warm)
        .status()
        .map_err(|e| format!("could not run cargo: {e}"))?;
    if !status.success() {
        return Err(format!(
            "`cargo {}` failed in {}",
            warm.join(" "),
            dir.display()
        ));
    }
    Ok(Builds {
        generated: rebuild(dir, "generated", &generated)?,
        baseline: rebuild(dir, "baseline", "baseline-errors")?,
    })
}

/// Build time and peak memory, each beside the baseline's. A baseline
/// stopped at the memory limit shows how far it got.
pub fn rows(codes: usize, builds: &Builds) -> Vec<Row> {
    let (ours, theirs) = (&builds.generated, &builds.baseline);
    let what = "`cargo build --release` of the generated crate (vs a thiserror + serde enum)";
    let target = if codes == 10_000 { "< 3 s" } else { "" };
    let time = Row::new(what, codes, seconds(ours.elapsed), target);
    let memory = Row::new(
        "peak memory (RSS) of that build (vs the same enum)",
        codes,
        gigabytes(ours.peak_bytes),
        "",
    );
    if theirs.stopped {
        let limit = gigabytes(watch::LIMIT_BYTES);
        let stopped = |mut row: Row, baseline: String, ratio: f64| {
            row.baseline = baseline;
            row.ratio = format!("< {ratio:.2}×");
            row
        };
        let elapsed = theirs.elapsed.as_secs_f64();
        return vec![
            stopped(
                time,
                format!("> {elapsed:.0} s (stopped at {limit})"),
                ours.elapsed.as_secs_f64() / elapsed,
            ),
            stopped(
                memory,
                format!("> {limit} (stopped)"),
                ours.peak_bytes as f64 / watch::LIMIT_BYTES as f64,
            ),
        ];
    }
    vec![
        time.against(
            seconds(theirs.elapsed),
            ours.elapsed.as_secs_f64() / theirs.elapsed.as_secs_f64(),
        ),
        memory.against(
            gigabytes(theirs.peak_bytes),
            ours.peak_bytes as f64 / theirs.peak_bytes as f64,
        ),
    ]
}

fn gigabytes(bytes: u64) -> String {
    format!("{:.2} GB", bytes as f64 / (1u64 << 30) as f64)
}

/// The manifest of the baseline, and of the crate that builds its
/// dependencies beforehand with the same features.
fn manifest(name: &str) -> String {
    format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
         [dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\nthiserror = \"2\"\n"
    )
}

/// The enum a team writes without errcat: one variant per code with its
/// parameters as fields, a derived `Display` from the message, serde derives
/// for the wire, and `match`-based code and status lookups.
fn baseline_source(catalog: &Catalog) -> String {
    let mut out = String::from(
        "#![allow(clippy::all)]\n\n#[derive(Debug, thiserror::Error, serde::Serialize, serde::Deserialize)]\n\
         #[serde(tag = \"code\", content = \"params\")]\npub enum BaselineError {\n",
    );
    for code in &catalog.codes {
        let message = code.message.source().replace('"', "\\\"");
        let _ = writeln!(
            out,
            "    #[error(\"{message}\")]\n    #[serde(rename = \"{}\")]",
            code.code
        );
        let fields: Vec<String> = code
            .message
            .params
            .iter()
            .map(|p| format!("{}: {}", p.name, rust_type(p.ty)))
            .collect();
        if fields.is_empty() {
            let _ = writeln!(out, "    {},", code.rust_variant());
        } else {
            let _ = writeln!(
                out,
                "    {} {{ {} }},",
                code.rust_variant(),
                fields.join(", ")
            );
        }
    }
    out.push_str(
        "}\n\nimpl BaselineError {\n    pub fn status(&self) -> u16 {\n        match self {\n",
    );
    for code in &catalog.codes {
        let _ = writeln!(
            out,
            "            Self::{} {{ .. }} => {},",
            code.rust_variant(),
            code.status
        );
    }
    out.push_str(
        "        }\n    }\n\n    pub fn code(&self) -> &'static str {\n        match self {\n",
    );
    for code in &catalog.codes {
        let _ = writeln!(
            out,
            "            Self::{} {{ .. }} => \"{}\",",
            code.rust_variant(),
            code.code
        );
    }
    out.push_str("        }\n    }\n}\n");
    out
}

fn rust_type(ty: ParamType) -> &'static str {
    match ty {
        ParamType::String => "String",
        ParamType::Integer => "i64",
        ParamType::Unsigned => "u64",
        ParamType::Float => "f64",
        ParamType::Bool => "bool",
    }
}

fn rebuild(workspace: &Path, member: &str, package: &str) -> Result<Watched, String> {
    // A changed source file is what makes cargo rebuild just this crate.
    let lib = workspace.join(member).join("src/lib.rs");
    let source = std::fs::read_to_string(&lib).map_err(|e| e.to_string())?;
    write(&lib, &format!("{source}\n"))?;
    watch::run(cargo(
        workspace,
        &["build", "--release", "--quiet", "--package", package],
    ))
}

fn cargo(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("CARGO_TARGET_DIR");
    command
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

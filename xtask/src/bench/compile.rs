//! Build time of a generated crate against what people write by hand: an
//! enum with `thiserror` and `serde` derives and a `match` arm per code.
//! Both crates live in one throwaway workspace per size so they share the
//! compiled dependencies, and each is timed rebuilding on its own.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use errcat_codegen::emit;
use errcat_codegen::model::{Catalog, ParamType};

pub struct BuildTimes {
    pub generated: Duration,
    pub baseline: Duration,
}

/// Builds both crates for `catalog` in `dir` and times a release rebuild of
/// each (dependencies already compiled).
pub fn measure(root: &Path, dir: &Path, catalog: &Catalog) -> Result<BuildTimes, String> {
    let _ = std::fs::remove_dir_all(dir);
    let runtime = root.join("runtime");
    let options = emit::rust::Options {
        runtime_dependency: format!("{{ path = {:?} }}", runtime.to_string_lossy()),
    };
    for file in emit::rust::emit(catalog, &options) {
        write(&dir.join("generated").join(&file.path), &file.contents)?;
    }
    write(&dir.join("baseline/Cargo.toml"), BASELINE_MANIFEST)?;
    write(&dir.join("baseline/src/lib.rs"), &baseline_source(catalog))?;
    write(
        &dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"generated\", \"baseline\"]\n",
    )?;

    cargo(dir, &["build", "--release", "--quiet"])?;
    let generated_name = catalog.rust_crate_name();
    Ok(BuildTimes {
        generated: rebuild(dir, "generated", &generated_name)?,
        baseline: rebuild(dir, "baseline", "baseline-errors")?,
    })
}

const BASELINE_MANIFEST: &str = r#"[package]
name = "baseline-errors"
version = "0.1.0"
edition = "2021"

[dependencies]
serde = { version = "1", features = ["derive"] }
thiserror = "2"
"#;

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

fn rebuild(workspace: &Path, member: &str, package: &str) -> Result<Duration, String> {
    // A changed source file is what makes cargo rebuild just this crate.
    let lib = workspace.join(member).join("src/lib.rs");
    let source = std::fs::read_to_string(&lib).map_err(|e| e.to_string())?;
    write(&lib, &format!("{source}\n"))?;
    let start = Instant::now();
    cargo(
        workspace,
        &["build", "--release", "--quiet", "--package", package],
    )?;
    Ok(start.elapsed())
}

fn cargo(dir: &Path, args: &[&str]) -> Result<(), String> {
    let status = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env_remove("CARGO_TARGET_DIR")
        .status()
        .map_err(|e| format!("could not run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "`cargo {}` failed in {}",
            args.join(" "),
            dir.display()
        ))
    }
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

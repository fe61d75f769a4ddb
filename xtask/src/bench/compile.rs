//! Build time of a generated crate against its floor: the same codes as a
//! bare table-driven enum (`#[repr(u16)]`, static arrays of code, status
//! and message, a binary-search `from_str`, hand-written `Debug` and
//! `Display`), which is about the least source that names every code.
//! Both crates live in one throwaway workspace per size with a service
//! crate that uses ten codes, so they share compiled dependencies; each
//! is timed, and its memory watched, building on its own.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use errcat_codegen::emit;
use errcat_codegen::model::{Catalog, ParamType};

use super::watch::{self, Watched};
use super::{Row, millis, seconds};

pub struct Builds {
    pub generated: Watched,
    pub bare: Watched,
    pub generated_check: Watched,
    pub bare_check: Watched,
    /// A debug build of the service after a one-line edit of its handler.
    pub service_edit: Duration,
}

const BARE: &str = "bare-errors";
const SERVICE: &str = "service";

/// Builds each crate for `catalog` in `dir`, dependencies already compiled.
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
    let generated = catalog.rust_crate_name();
    write(&dir.join("bare/Cargo.toml"), &manifest(BARE, ""))?;
    write(&dir.join("bare/src/lib.rs"), &bare_source(catalog))?;
    let dependency = format!("{} = {{ path = \"../generated\" }}\n", generated);
    write(
        &dir.join("service/Cargo.toml"),
        &manifest(SERVICE, &dependency),
    )?;
    write(&dir.join("service/src/lib.rs"), &service_source(catalog, 0))?;
    write(
        &dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"generated\", \"bare\", \"service\"]\n",
    )?;

    // The generated crate is built here too (it needs its runtime), then
    // touched below to be built again on its own.
    for warm in [
        &["build", "--release", "--quiet", "-p", &generated][..],
        &["check", "--quiet", "-p", &generated],
        &["build", "--quiet", "-p", SERVICE],
    ] {
        let status = cargo(dir, warm)
            .status()
            .map_err(|e| format!("could not run cargo: {e}"))?;
        if !status.success() {
            return Err(format!(
                "`cargo {}` failed in {}",
                warm.join(" "),
                dir.display()
            ));
        }
    }
    let release = ["build", "--release", "--quiet", "--package"];
    let check = ["check", "--quiet", "--package"];
    Ok(Builds {
        generated: rebuild(dir, "generated", &release, &generated)?,
        bare: rebuild(dir, "bare", &release, BARE)?,
        generated_check: rebuild(dir, "generated", &check, &generated)?,
        bare_check: rebuild(dir, "bare", &check, BARE)?,
        service_edit: service_edit(dir, catalog)?,
    })
}

/// Each build beside the bare table's, and the service's edit loop.
pub fn rows(codes: usize, builds: &Builds) -> Vec<Row> {
    let large = codes == 10_000;
    let target = |text: &'static str| if large { text } else { "" };
    let ratio =
        |ours: &Watched, floor: &Watched| ours.elapsed.as_secs_f64() / floor.elapsed.as_secs_f64();
    let (ours, floor) = (&builds.generated, &builds.bare);
    let (ours_check, floor_check) = (&builds.generated_check, &builds.bare_check);
    vec![
        Row::new(
            "`cargo build --release` of the generated crate (vs the bare table-driven enum)",
            codes,
            time(ours),
            target("≤ 3× the floor"),
        )
        .against(time(floor), ratio(ours, floor)),
        Row::new(
            "peak memory (RSS) of that build (vs the bare enum)",
            codes,
            gigabytes(ours.peak_bytes),
            "",
        )
        .against(
            gigabytes(floor.peak_bytes),
            ours.peak_bytes as f64 / floor.peak_bytes as f64,
        ),
        Row::new(
            "`cargo check` of the generated crate (vs the bare enum)",
            codes,
            time(ours_check),
            target("≤ 3× the floor"),
        )
        .against(time(floor_check), ratio(ours_check, floor_check)),
        Row::new(
            "service using 10 of the codes: debug build after a one-line handler edit",
            codes,
            millis(builds.service_edit),
            target("< 1 s"),
        ),
    ]
}

/// A build's time, or how far it got before it was stopped for memory.
fn time(build: &Watched) -> String {
    if build.stopped {
        format!(
            "> {} (stopped at {})",
            seconds(build.elapsed),
            gigabytes(watch::LIMIT_BYTES)
        )
    } else {
        seconds(build.elapsed)
    }
}

fn gigabytes(bytes: u64) -> String {
    format!("{:.2} GB", bytes as f64 / (1u64 << 30) as f64)
}

fn manifest(name: &str, dependencies: &str) -> String {
    format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
         [dependencies]\n{dependencies}"
    )
}

/// The bare table: what any error enum with a code, a status and a message
/// per variant has to compile at the least.
fn bare_source(catalog: &Catalog) -> String {
    let n = catalog.codes.len();
    let quoted = |text: &str| format!("{text:?}");
    let mut out = String::from(
        "#![allow(clippy::all)]\n\n#[derive(Clone, Copy, PartialEq, Eq, Hash)]\n#[repr(u16)]\npub enum BareCode {\n",
    );
    for code in &catalog.codes {
        let _ = writeln!(out, "    {},", code.rust_variant());
    }
    out.push_str("}\n\n");
    let table = |name: &str, ty: &str, cells: Vec<String>| {
        format!(
            "static {name}: [{ty}; {n}] = [\n{}\n];\n\n",
            cells.join(",\n")
        )
    };
    out.push_str(&table(
        "ALL",
        "BareCode",
        catalog
            .codes
            .iter()
            .map(|c| format!("BareCode::{}", c.rust_variant()))
            .collect(),
    ));
    out.push_str(&table(
        "CODE",
        "&str",
        catalog.codes.iter().map(|c| quoted(&c.code)).collect(),
    ));
    out.push_str(&table(
        "STATUS",
        "u16",
        catalog
            .codes
            .iter()
            .map(|c| c.http_status().to_string())
            .collect(),
    ));
    out.push_str(&table(
        "MESSAGE",
        "&str",
        catalog
            .codes
            .iter()
            .map(|c| quoted(&c.message.source()))
            .collect(),
    ));
    let mut sorted: Vec<(&str, usize)> = catalog
        .codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code.as_str(), i))
        .collect();
    sorted.sort();
    out.push_str(&table(
        "SORTED",
        "(&str, u16)",
        sorted
            .iter()
            .map(|(code, i)| format!("({}, {i})", quoted(code)))
            .collect(),
    ));
    out.push_str(
        "impl BareCode {\n    pub fn as_str(self) -> &'static str { CODE[self as usize] }\n\
         \x20   pub fn status(self) -> u16 { STATUS[self as usize] }\n\
         \x20   pub fn message(self) -> &'static str { MESSAGE[self as usize] }\n}\n\n\
         impl core::str::FromStr for BareCode {\n    type Err = ();\n\
         \x20   fn from_str(s: &str) -> Result<Self, ()> {\n\
         \x20       let i = SORTED.binary_search_by(|(code, _)| (*code).cmp(s)).map_err(|_| ())?;\n\
         \x20       Ok(ALL[SORTED[i].1 as usize])\n    }\n}\n\n\
         impl core::fmt::Debug for BareCode {\n\
         \x20   fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result { f.write_str(self.as_str()) }\n}\n\n\
         impl core::fmt::Display for BareCode {\n\
         \x20   fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result { f.write_str(self.as_str()) }\n}\n",
    );
    out
}

/// A service with one handler that can fail with ten of the catalog's
/// codes (every thousandth, so they are spread over the crate). `edit`
/// changes one line of the handler, as a developer's edit does.
fn service_source(catalog: &Catalog, edit: u32) -> String {
    let crate_name = catalog.rust_crate_name().replace('-', "_");
    let error = catalog.rust_error_type();
    let step = (catalog.codes.len() / 10).max(1);
    let mut out = format!(
        "use {crate_name}::{error};\n\npub fn handler(n: u32) -> Result<u32, {error}> {{\n    let limit = {edit};\n    match n % 11 {{\n"
    );
    for (arm, code) in catalog
        .codes
        .iter()
        .filter(|c| c.retired.is_none() && c.deprecated.is_none())
        .step_by(step)
        .take(10)
        .enumerate()
    {
        let args: Vec<&str> = code
            .message
            .params
            .iter()
            .map(|p| match p.ty {
                ParamType::String => "\"x\"",
                ParamType::Integer => "-1",
                ParamType::Unsigned => "1",
                ParamType::Float => "0.5",
                ParamType::Bool => "true",
            })
            .collect();
        let _ = writeln!(
            out,
            "        {arm} => Err({error}::{}({})),",
            code.rust_fn(),
            args.join(", ")
        );
    }
    out.push_str("        _ => Ok(n + limit),\n    }\n}\n");
    out
}

fn service_edit(workspace: &Path, catalog: &Catalog) -> Result<Duration, String> {
    let lib = workspace.join("service/src/lib.rs");
    // The catalog crate was touched since the service was built: build it
    // once first, so each timed build is the edit's alone.
    watch::run(cargo(workspace, &["build", "--quiet", "-p", SERVICE]))?;
    let mut runs = Vec::new();
    for edit in 1..=5 {
        write(&lib, &service_source(catalog, edit))?;
        runs.push(watch::run(cargo(workspace, &["build", "--quiet", "-p", SERVICE]))?.elapsed);
    }
    runs.sort();
    Ok(runs[runs.len() / 2])
}

fn rebuild(
    workspace: &Path,
    member: &str,
    command: &[&str],
    package: &str,
) -> Result<Watched, String> {
    // A changed source file is what makes cargo rebuild just this crate.
    let lib = workspace.join(member).join("src/lib.rs");
    let source = std::fs::read_to_string(&lib).map_err(|e| e.to_string())?;
    write(&lib, &format!("{source}\n"))?;
    let mut args = command.to_vec();
    args.push(package);
    watch::run(cargo(workspace, &args))
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

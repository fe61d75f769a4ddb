//! `errcat init`: a working project in one command, in an existing Cargo
//! workspace or in a repository with no Rust at all. It writes
//! `errcat.toml`, a catalog named after the folder with one category of two
//! codes, and (on request) a CI job running the drift check; it adds the
//! generated crate to the workspace's members. It never overwrites a file:
//! where one exists, it says what it would have written.

mod templates;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use std::process::ExitCode;

use errcat_codegen::config;
use errcat_codegen::model::{CodeStyle, WireShape};

pub use templates::Ci;

use crate::report::Report;

/// What the user chose.
pub struct Options<'a> {
    pub name: Option<&'a str>,
    pub wire_shape: WireShape,
    pub code_style: CodeStyle,
    pub ci: Option<Ci>,
}

/// A file `init` writes, relative to the folder it runs in.
struct Planned {
    path: PathBuf,
    contents: String,
}

pub fn run(report: &Report, options: &Options<'_>) -> ExitCode {
    let dir = match std::env::current_dir() {
        Ok(dir) => dir,
        Err(err) => {
            report.problem(&format!("error: no current folder: {err}\n"));
            return ExitCode::FAILURE;
        }
    };
    let settings = match settings(&dir, options) {
        Ok(settings) => settings,
        Err(message) => {
            report.problem(&message);
            return ExitCode::FAILURE;
        }
    };
    let config_above = dir.parent().and_then(config::find);
    let mut planned = vec![Planned {
        path: PathBuf::from(config::FILE),
        contents: templates::config(),
    }];
    let existing = dir.join("catalog").join(errcat_codegen::load::CATALOG_FILE);
    if existing.is_file() {
        // Example codes in another catalog's style or categories would
        // only break it.
        report.status(
            "note: `catalog/catalog.toml` exists, so errcat left the catalog as it is and wrote no example codes into it\n",
        );
    } else {
        if options.name.is_none() {
            report.status(&format!(
                "     named the catalog `{}` after this folder (`--name` picks another)\n",
                settings.name
            ));
        }
        planned.push(Planned {
            path: PathBuf::from("catalog/catalog.toml"),
            contents: templates::catalog(&settings),
        });
        planned.push(Planned {
            path: PathBuf::from(format!("catalog/{}.toml", templates::CATEGORY)),
            contents: templates::codes(&settings),
        });
    }
    let config_existed = dir.join(config::FILE).exists();
    if let Some(ci) = options.ci {
        planned.push(Planned {
            path: PathBuf::from(ci.path()),
            contents: ci.job(),
        });
    }
    let mut failed = false;
    for file in &planned {
        failed |= !create(report, &dir, file);
    }
    if !failed {
        workspace_member(report, &dir);
    }
    if failed {
        return ExitCode::FAILURE;
    }
    if let (Some(above), false) = (config_above, config_existed) {
        report.status(&format!(
            "note: `{}` lists the catalogs of the project around this folder; here errcat now reads this folder's `{}` instead\n  = help: to keep one config, move this `[[catalog]]` into that file (with paths from its folder) and delete this one\n",
            errcat_codegen::paths::relative(&dir, &above),
            config::FILE
        ));
    }
    // The first code of the catalog now in the folder, which may be an
    // older one in its own style.
    let catalog = errcat_codegen::load_dir(Path::new("catalog")).ok();
    let example = catalog.as_ref().and_then(|c| c.codes.first()).map_or_else(
        || settings.code_style.convert("NOT_FOUND"),
        |c| c.code.clone(),
    );
    report.status(&next_steps(&example, options.ci));
    ExitCode::SUCCESS
}

/// The catalog's settings, checked before anything is written (clap has
/// checked the shape and the style).
fn settings(dir: &Path, options: &Options<'_>) -> Result<templates::Settings, String> {
    let name = match options.name {
        Some(name) if valid_name(name) => name.to_owned(),
        Some(name) => {
            return Err(format!(
                "error: `{name}` is not usable as a catalog name\n  = help: start with a lowercase letter; then use only lowercase letters, digits, `_` and `-`\n"
            ));
        }
        None => name_from(dir),
    };
    Ok(templates::Settings {
        name,
        wire_shape: options.wire_shape,
        code_style: options.code_style,
    })
}

/// A catalog name as the loader accepts it.
fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// `Acme Shop/` → `acme-shop`; a folder with no usable letters gives `api`.
fn name_from(dir: &Path) -> String {
    let folder = dir.file_name().map(|n| n.to_string_lossy().to_lowercase());
    let mut name = String::new();
    for c in folder.unwrap_or_default().chars() {
        if c.is_ascii_lowercase() || (c.is_ascii_digit() && !name.is_empty()) {
            name.push(c);
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_end_matches('-');
    if name.is_empty() {
        "api".to_owned()
    } else {
        name.to_owned()
    }
}

/// Writes `file` unless something is at its path; then says what it would
/// have written. False only when the disk refused.
fn create(report: &Report, dir: &Path, file: &Planned) -> bool {
    let path = dir.join(&file.path);
    let shown = file.path.display();
    if path.symlink_metadata().is_ok() {
        let indented: String = file
            .contents
            .lines()
            .map(|line| {
                if line.is_empty() {
                    "\n".to_owned()
                } else {
                    format!("    {line}\n")
                }
            })
            .collect();
        report.status(&format!(
            "note: `{shown}` exists, so errcat left it as it is; it would have written:\n\n{indented}\n"
        ));
        return true;
    }
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| {
            // `create_new`: should the file appear since the check above,
            // it is still not overwritten.
            use std::io::Write as _;
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)?
                .write_all(file.contents.as_bytes())
        });
    match written {
        Ok(()) => {
            report.status(&format!("     created {shown}\n"));
            true
        }
        Err(err) => {
            report.problem(&format!("error: could not write `{shown}`: {err}\n"));
            false
        }
    }
}

/// Adds `generated/rust` to the members of the Cargo workspace the folder
/// is in, if any, editing only that list (`toml_edit` keeps the rest of
/// the file as it was).
fn workspace_member(report: &Report, dir: &Path) {
    // A package here depends on the generated crate, workspace or not.
    if let Ok(text) = std::fs::read_to_string(dir.join("Cargo.toml"))
        && text
            .parse::<toml_edit::DocumentMut>()
            .is_ok_and(|d| d.contains_key("package"))
    {
        // Named by the catalog now in the folder, which may be an older one.
        let name = errcat_codegen::load_dir(Path::new("catalog"))
            .map_or_else(|_| "<name>-errors".to_owned(), |c| c.rust_crate_name());
        report.status(&format!(
            "note: to use the generated crate, add it to `Cargo.toml`: `{name} = {{ path = \"generated/rust\" }}`\n"
        ));
    }
    let Some((manifest, mut document)) = workspace(dir) else {
        return;
    };
    let root = manifest.parent().unwrap_or(dir);
    let member = match dir.join("generated/rust").strip_prefix(root) {
        Ok(member) => member.to_string_lossy().replace('\\', "/"),
        Err(_) => return,
    };
    let shown = errcat_codegen::paths::relative(dir, &manifest);
    let workspace = document["workspace"].as_table_like_mut();
    let Some(workspace) = workspace else { return };
    let members = workspace
        .entry("members")
        .or_insert(toml_edit::value(toml_edit::Array::new()));
    let Some(members) = members.as_array_mut() else {
        report.status(&format!(
            "note: `members` in `{shown}` is not a list; add `\"{member}\"` to it to build the generated crate with the workspace\n"
        ));
        return;
    };
    if members.iter().any(|m| m.as_str() == Some(member.as_str())) {
        return;
    }
    // Laid out like the last member: on its own line in a list of lines.
    let layout = members
        .iter()
        .last()
        .and_then(|last| last.decor().prefix()?.as_str().map(str::to_owned))
        .filter(|prefix| prefix.contains('\n'));
    members.push(member.as_str());
    if let (Some(prefix), Some(added)) = (layout, members.iter_mut().last()) {
        added.decor_mut().set_prefix(prefix);
    }
    match errcat_codegen::write::file::replace(&manifest, &document.to_string()) {
        Ok(()) => report.status(&format!(
            "     added `{member}` to the workspace members in {shown}\nnote: cargo commands in the workspace fail until `errcat gen` has written `generated/rust`\n"
        )),
        Err(err) => report.problem(&format!(
            "warning: could not add `{member}` to the workspace members in `{shown}`: {err}; add it by hand\n"
        )),
    }
}

/// The nearest `Cargo.toml` at or above `dir` with a `[workspace]`.
fn workspace(dir: &Path) -> Option<(PathBuf, toml_edit::DocumentMut)> {
    dir.ancestors().find_map(|folder| {
        let manifest = folder.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).ok()?;
        let document: toml_edit::DocumentMut = text.parse().ok()?;
        document
            .contains_key("workspace")
            .then_some((manifest, document))
    })
}

fn next_steps(example: &str, ci: Option<Ci>) -> String {
    let explain = format!("errcat explain {example}");
    let width = explain.len().max("errcat gen --check".len());
    let mut text = String::from("\nNext:\n");
    let _ = writeln!(
        text,
        "  {:width$}  write `generated/` from the catalog",
        "errcat gen"
    );
    let _ = writeln!(
        text,
        "  {explain:width$}  read a code's docs, as clients will"
    );
    let ci_note = if ci.is_some() {
        "what the CI job runs"
    } else {
        "what CI should run (`errcat init --ci github` or `--ci gitlab` writes the job)"
    };
    let _ = writeln!(
        text,
        "  {:width$}  {ci_note}: fails when `generated/` is stale",
        "errcat gen --check"
    );
    text
}

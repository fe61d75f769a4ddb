//! What a command works on: the catalogs `errcat.toml` lists (found by
//! walking up, as cargo finds `Cargo.toml`), or, where there is none, the
//! folders given as flags. Either way each catalog becomes a [`Job`] that
//! knows the commands which reproduce it, for every "run this" hint.

use std::path::{Path, PathBuf};

use errcat_codegen::config::{self, Config};
use errcat_codegen::generate::Targets;

/// One catalog and where its outputs go, with paths as messages show them.
pub struct Job {
    pub catalog: PathBuf,
    pub out: PathBuf,
    pub site: PathBuf,
    pub targets: Targets,
    /// The command that regenerates this catalog's outputs.
    pub gen_command: String,
    /// The command that updates this catalog's lock.
    pub lock_command: String,
    /// The command that rebuilds this catalog's site.
    pub site_command: String,
}

/// The folders a command was given as flags.
#[derive(Default)]
pub struct Flags<'a> {
    pub catalog: Option<&'a Path>,
    pub out: Option<&'a Path>,
    /// The command as typed, without its folders (`gen --check`,
    /// `explain RATE_LIMITED`), for a hint that shows how to add them.
    pub usage: &'a str,
}

/// How the user invoked errcat (`errcat`, or `cargo xtask` in this
/// repository), so that hints name a command they can run.
pub struct Shell<'a> {
    pub program: &'a str,
}

/// Why there is nothing to work on.
pub enum ProjectError {
    /// The config has mistakes (rendered with their lines).
    Config(errcat_codegen::Diagnostics),
    /// Anything else, as a finished message.
    Message(String),
}

/// The jobs of `command` (`gen`, `lock`, ...). With an `errcat.toml` above
/// the current folder, the process moves into its folder, so every path in
/// messages is relative to it as cargo's are to the workspace; `--catalog`
/// then picks one of its catalogs.
pub fn jobs(shell: &Shell<'_>, command: &str, flags: &Flags<'_>) -> Result<Vec<Job>, ProjectError> {
    let cwd = std::env::current_dir()
        .map_err(|e| ProjectError::Message(format!("error: no current folder: {e}\n")))?;
    let Some(found) = config::find(&cwd) else {
        return from_flags(shell, command, flags, &cwd);
    };
    // Shown as seen from where the user is (`../errcat.toml`).
    let path = PathBuf::from(errcat_codegen::paths::relative(&cwd, &found));
    let config = config::load(&path).map_err(ProjectError::Config)?;
    if let Some(out) = flags.out {
        return Err(ProjectError::Message(format!(
            "error: `--out {}` conflicts with `{}`, which says where each catalog's outputs go\n  = help: change `out` (or `site`) there, or run `{} {command}` without `--out`\n",
            out.display(),
            path.display(),
            shell.program
        )));
    }
    let root = found.parent().unwrap_or(&cwd).to_path_buf();
    let selected = select(&config, &root, flags.catalog, &path)?;
    std::env::set_current_dir(&root).map_err(|e| {
        ProjectError::Message(format!(
            "error: could not enter `{}`: {e}\n",
            root.display()
        ))
    })?;
    let several = config.catalogs.len() > 1;
    Ok(selected
        .into_iter()
        .map(|entry| {
            let pick = format!(" --catalog {}", quoted(&entry.catalog));
            let gen_pick = if flags.catalog.is_some() {
                &pick[..]
            } else {
                ""
            };
            let lock_pick = if several { &pick[..] } else { "" };
            Job {
                catalog: entry.catalog.clone(),
                out: entry.out.clone(),
                site: entry.site.clone(),
                targets: entry.targets(),
                gen_command: format!("{} gen{gen_pick}", shell.program),
                lock_command: format!("{} lock{lock_pick}", shell.program),
                site_command: format!("{} site{gen_pick}", shell.program),
            }
        })
        .collect())
}

/// The config's entries, or the one `--catalog` names: a catalog folder
/// relative to the current folder or to the config's.
fn select<'c>(
    config: &'c Config,
    root: &Path,
    catalog: Option<&Path>,
    path: &Path,
) -> Result<Vec<&'c config::Entry>, ProjectError> {
    let Some(wanted) = catalog else {
        return Ok(config.catalogs.iter().collect());
    };
    // As seen from here, or as `errcat.toml` writes it: hints use the
    // latter, so that they work from any folder of the project.
    let same = |entry: &config::Entry, wanted: &Path| {
        let listed = root.join(&entry.catalog);
        match (
            std::fs::canonicalize(&listed),
            std::fs::canonicalize(wanted),
        ) {
            (Ok(a), Ok(b)) => a == b,
            _ => listed == wanted,
        }
    };
    let found = [wanted.to_path_buf(), root.join(wanted)]
        .iter()
        .find_map(|wanted| config.catalogs.iter().find(|entry| same(entry, wanted)));
    match found {
        Some(entry) => Ok(vec![entry]),
        None => {
            let listed: Vec<String> = config
                .catalogs
                .iter()
                .map(|entry| format!("`{}`", shown(&entry.catalog)))
                .collect();
            Err(ProjectError::Message(format!(
                "error: `{}` is not a catalog of `{}`\n  = note: it lists {}\n  = help: add a `[[catalog]]` for it there, or pass one of those\n",
                wanted.display(),
                path.display(),
                listed.join(", ")
            )))
        }
    }
}

fn from_flags(
    shell: &Shell<'_>,
    command: &str,
    flags: &Flags<'_>,
    cwd: &Path,
) -> Result<Vec<Job>, ProjectError> {
    let needs_out = matches!(command, "gen" | "site");
    let usage = |catalog: &str| {
        let out = if needs_out { " --out <folder>" } else { "" };
        format!("{} {} --catalog {catalog}{out}", shell.program, flags.usage)
    };
    let Some(catalog) = flags.catalog else {
        return Err(ProjectError::Message(format!(
            "error: there is no `{}` in `{}` or any folder above it, so errcat does not know which catalog to {}\n  = help: run `{} init` to start one here, or name the folders: `{}`\n",
            config::FILE,
            cwd.display(),
            match command {
                "gen" => "generate",
                "site" => "build a site for",
                "explain" => "look in",
                _ => command,
            },
            shell.program,
            usage("<folder>"),
        )));
    };
    let out = match flags.out {
        Some(out) => out,
        None if !needs_out => cwd,
        None => {
            return Err(ProjectError::Message(format!(
                "error: `--out` is missing: without an `{}`, errcat has to be told where to write\n  = help: name the folder: `{}`, or run `{} init` to keep the folders in `{}`\n",
                config::FILE,
                usage(&quoted(catalog)),
                shell.program,
                config::FILE,
            )));
        }
    };
    let catalog_flag = format!("--catalog {}", quoted(catalog));
    let out_flag = format!("--out {}", quoted(out));
    Ok(vec![Job {
        catalog: catalog.to_path_buf(),
        out: out.to_path_buf(),
        site: out.to_path_buf(),
        targets: Targets::default(),
        gen_command: format!("{} gen {catalog_flag} {out_flag}", shell.program),
        lock_command: format!("{} lock {catalog_flag}", shell.program),
        site_command: format!("{} site {catalog_flag} {out_flag}", shell.program),
    }])
}

/// A path as a shell word: quoted when it holds a space or another
/// character the shell would read, so a hint runs as printed.
fn quoted(path: &Path) -> String {
    let text = shown(path);
    shlex::try_quote(&text).map_or(text.clone(), std::borrow::Cow::into_owned)
}

/// A config path as written in a command: `/`-separated.
fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

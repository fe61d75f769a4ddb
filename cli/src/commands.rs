//! `gen`, `lock`, `explain` and `site`: each runs over the jobs of
//! [`crate::project`] and reports every catalog's problems, not just the
//! first catalog's.

use std::path::Path;
use std::process::ExitCode;

use errcat_codegen::generate::{self, GenError};
use errcat_codegen::write::{self, Mode};
use errcat_codegen::{emit, explain as explain_code, lock};

use crate::project::{self, Flags, Job, Shell};

fn jobs_or_exit(shell: &Shell<'_>, command: &str, flags: &Flags<'_>) -> Result<Vec<Job>, ExitCode> {
    project::jobs(shell, command, flags).map_err(|err| {
        eprint!("{err}");
        ExitCode::FAILURE
    })
}

fn exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

pub fn gen_all(
    shell: &Shell<'_>,
    catalog: Option<&Path>,
    out: Option<&Path>,
    check: bool,
) -> ExitCode {
    let jobs = match jobs_or_exit(shell, "gen", &Flags { catalog, out }) {
        Ok(jobs) => jobs,
        Err(code) => return code,
    };
    let mode = if check { Mode::Check } else { Mode::Write };
    let mut failed = false;
    for job in &jobs {
        failed |= !gen_one(job, mode);
    }
    exit(failed)
}

/// Generates (or checks) one job; false when it failed or is stale.
fn gen_one(job: &Job, mode: Mode) -> bool {
    match generate::run(&job.catalog, &job.out, &job.targets, mode) {
        Ok(report) if mode == Mode::Check && !report.is_clean() => {
            print!("{}", report.diff);
            eprint!("{}", report.stale_message(&job.out, &job.gen_command));
            false
        }
        Ok(report) => {
            if mode == Mode::Write {
                eprintln!("{}", report.summary(&job.out));
            }
            if !lock::path(&job.catalog).exists() {
                eprintln!(
                    "note: `{}` has no stability lock yet, so nothing protects its codes from breaking changes\n  = help: when the catalog is published, run `{}` and commit `{}`",
                    job.catalog.display(),
                    job.lock_command,
                    lock::path(&job.catalog).display()
                );
            }
            true
        }
        Err(GenError::Lock(err)) => {
            eprint!("{}", err.with_fix(&job.lock_command));
            false
        }
        Err(err) => {
            eprint!("{err}");
            false
        }
    }
}

pub fn lock_all(
    shell: &Shell<'_>,
    catalog: Option<&Path>,
    allow_breaking: Option<&str>,
) -> ExitCode {
    let flags = Flags { catalog, out: None };
    let jobs = match jobs_or_exit(shell, "lock", &flags) {
        Ok(jobs) => jobs,
        Err(code) => return code,
    };
    let mut failed = false;
    for job in &jobs {
        failed |= !lock_one(job, allow_breaking);
    }
    exit(failed)
}

fn lock_one(job: &Job, allow_breaking: Option<&str>) -> bool {
    let catalog = match errcat_codegen::load_dir(&job.catalog) {
        Ok(catalog) => catalog,
        Err(diagnostics) => {
            eprint!("{diagnostics}");
            return false;
        }
    };
    match lock::update(&job.catalog, &catalog, allow_breaking) {
        Ok(updated) => {
            let path = updated.path.display();
            if !updated.accepted.is_empty() {
                eprintln!(
                    "{path}: accepted {} breaking change(s), reason recorded",
                    updated.accepted.len()
                );
            } else if allow_breaking.is_some() {
                eprintln!("note: nothing breaking changed in `{path}`, so no reason was recorded");
            }
            if updated.changed {
                eprintln!(
                    "{path}: {} code(s) locked, {} new",
                    updated.codes,
                    updated.added.len()
                );
            } else {
                eprintln!("{path}: up to date, {} code(s) locked", updated.codes);
            }
            true
        }
        Err(err) => {
            eprint!("{}", err.with_fix(&job.lock_command));
            false
        }
    }
}

/// Prints the entry of `code` from every catalog that has it; a code that
/// none has gets each catalog's suggestions.
pub fn explain(shell: &Shell<'_>, code: &str, catalog: Option<&Path>) -> ExitCode {
    let flags = Flags { catalog, out: None };
    let jobs = match jobs_or_exit(shell, "explain", &flags) {
        Ok(jobs) => jobs,
        Err(code) => return code,
    };
    let results: Vec<Result<String, String>> = jobs
        .iter()
        .map(|job| explain_code::run(&job.catalog, code))
        .collect();
    let found: Vec<&String> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    if found.is_empty() {
        for problem in results.iter().filter_map(|r| r.as_ref().err()) {
            eprint!("{problem}");
        }
        return ExitCode::FAILURE;
    }
    let entries: Vec<&str> = found.iter().map(|entry| entry.as_str()).collect();
    print!("{}", entries.join("\n"));
    ExitCode::SUCCESS
}

pub fn site_all(shell: &Shell<'_>, catalog: Option<&Path>, out: Option<&Path>) -> ExitCode {
    let jobs = match jobs_or_exit(shell, "site", &Flags { catalog, out }) {
        Ok(jobs) => jobs,
        Err(code) => return code,
    };
    let mut failed = false;
    for job in &jobs {
        failed |= !site_one(job);
    }
    exit(failed)
}

fn site_one(job: &Job) -> bool {
    let catalog = match errcat_codegen::load_dir(&job.catalog) {
        Ok(catalog) => catalog,
        Err(diagnostics) => {
            eprint!("{diagnostics}");
            return false;
        }
    };
    let owner = write::Owner {
        catalog: &catalog.name,
        locked: lock::path(&job.catalog).exists(),
        source: Some(&job.catalog),
    };
    match write::sync(&job.site, owner, &emit::site::emit(&catalog), Mode::Write) {
        Ok(report) => {
            eprintln!(
                "{}; open {}",
                report.summary(&job.site),
                job.site.join("index.html").display()
            );
            true
        }
        Err(err) => {
            eprint!("{err}");
            false
        }
    }
}

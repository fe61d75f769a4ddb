//! `gen`, `lock`, `explain` and `site`: each runs over the jobs of
//! [`crate::project`] and reports every catalog's problems, not just the
//! first catalog's.

use std::path::Path;
use std::process::ExitCode;

use errcat_codegen::generate::{self, GenError};
use errcat_codegen::lock::LockError;
use errcat_codegen::write::Mode;
use errcat_codegen::{explain as explain_code, lock};

use crate::project::{self, Flags, Job, ProjectError, Shell};
use crate::report::Report;

fn jobs_or_exit(
    report: &Report,
    shell: &Shell<'_>,
    command: &str,
    flags: &Flags<'_>,
) -> Result<Vec<Job>, ExitCode> {
    project::jobs(shell, command, flags).map_err(|err| {
        match err {
            ProjectError::Config(diagnostics) => report.diagnostics(&diagnostics),
            ProjectError::Message(message) => report.problem(&message),
        }
        ExitCode::FAILURE
    })
}

fn lock_error(report: &Report, err: &LockError) {
    match err {
        LockError::Parse(diagnostics) => report.diagnostics(diagnostics),
        LockError::Breaking { rendered, fix, .. } => {
            report.diagnostics(rendered);
            report.problem(&lock::allow_breaking_help(fix));
        }
        other => report.problem(&other.to_string()),
    }
}

fn exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

pub fn gen_all(
    report: &Report,
    shell: &Shell<'_>,
    catalog: Option<&Path>,
    out: Option<&Path>,
    check: bool,
) -> ExitCode {
    let usage = if check { "gen --check" } else { "gen" };
    let flags = Flags {
        catalog,
        out,
        usage,
    };
    let jobs = match jobs_or_exit(report, shell, "gen", &flags) {
        Ok(jobs) => jobs,
        Err(code) => return code,
    };
    let mode = if check { Mode::Check } else { Mode::Write };
    let mut failed = false;
    for job in &jobs {
        failed |= !gen_one(report, job, mode);
    }
    exit(failed)
}

/// Generates (or checks) one job; false when it failed or is stale.
fn gen_one(report: &Report, job: &Job, mode: Mode) -> bool {
    match generate::run(&job.catalog, &job.out, &job.targets, mode) {
        Ok(written) => {
            let mut clean = true;
            for (folder, folder_report) in &written.folders {
                if mode == Mode::Check && !folder_report.is_clean() {
                    report.diff(&folder_report.diff);
                    report.problem(&folder_report.stale_message(folder, &job.gen_command));
                    clean = false;
                } else if mode == Mode::Write {
                    report.status(&format!("{}\n", folder_report.summary(folder)));
                }
            }
            if !clean {
                return false;
            }
            if !lock::path(&job.catalog).exists() {
                report.status(&format!(
                    "note: `{}` has no stability lock yet, so nothing protects its codes from breaking changes\n  = help: when the catalog is published, run `{}` and commit `{}`\n",
                    job.catalog.display(),
                    job.lock_command,
                    lock::path(&job.catalog).display()
                ));
            }
            true
        }
        Err(GenError::Catalog(diagnostics)) => {
            report.diagnostics(&diagnostics);
            false
        }
        Err(GenError::Lock(err)) => {
            lock_error(report, &err.with_fix(&job.lock_command));
            false
        }
        Err(GenError::Write(err)) => {
            report.problem(&err.rendered(&job.gen_command));
            false
        }
    }
}

pub fn lock_all(
    report: &Report,
    shell: &Shell<'_>,
    catalog: Option<&Path>,
    allow_breaking: Option<&str>,
) -> ExitCode {
    let flags = Flags {
        catalog,
        out: None,
        usage: "lock",
    };
    let jobs = match jobs_or_exit(report, shell, "lock", &flags) {
        Ok(jobs) => jobs,
        Err(code) => return code,
    };
    let mut failed = false;
    for job in &jobs {
        failed |= !lock_one(report, job, allow_breaking);
    }
    exit(failed)
}

fn lock_one(report: &Report, job: &Job, allow_breaking: Option<&str>) -> bool {
    let catalog = match errcat_codegen::load_dir(&job.catalog) {
        Ok(catalog) => catalog,
        Err(diagnostics) => {
            report.diagnostics(&diagnostics);
            return false;
        }
    };
    match lock::update(&job.catalog, &catalog, allow_breaking) {
        Ok(updated) => {
            let path = updated.path.display();
            if !updated.accepted.is_empty() {
                report.status(&format!(
                    "{path}: accepted {} breaking change(s), reason recorded\n",
                    updated.accepted.len()
                ));
            } else if allow_breaking.is_some() {
                report.status(&format!(
                    "note: nothing breaking changed in `{path}`, so no reason was recorded\n"
                ));
            }
            if updated.changed {
                report.status(&format!(
                    "{path}: {} code(s) locked, {} new\n",
                    updated.codes,
                    updated.added.len()
                ));
            } else {
                report.status(&format!(
                    "{path}: up to date, {} code(s) locked\n",
                    updated.codes
                ));
            }
            true
        }
        Err(err) => {
            lock_error(report, &err.with_fix(&job.lock_command));
            false
        }
    }
}

/// Prints the entry of `code` from every catalog that has it; a code that
/// none has gets each catalog's suggestions.
pub fn explain(report: &Report, shell: &Shell<'_>, code: &str, catalog: Option<&Path>) -> ExitCode {
    let usage = format!("explain {}", shlex::try_quote(code).unwrap_or_default());
    let flags = Flags {
        catalog,
        out: None,
        usage: &usage,
    };
    let jobs = match jobs_or_exit(report, shell, "explain", &flags) {
        Ok(jobs) => jobs,
        Err(code) => return code,
    };
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for job in &jobs {
        match errcat_codegen::load_dir(&job.catalog) {
            Ok(catalog) => match explain_code::find(&catalog, code) {
                Some(found) => entries.push(explain_code::render(&catalog, found)),
                None => problems.push(Err(explain_code::unknown(&catalog, code))),
            },
            Err(diagnostics) => problems.push(Ok(diagnostics)),
        }
    }
    if entries.is_empty() {
        for problem in &problems {
            match problem {
                Ok(diagnostics) => report.diagnostics(diagnostics),
                Err(unknown) => report.problem(unknown),
            }
        }
        return ExitCode::FAILURE;
    }
    report.output(&entries.join("\n"));
    ExitCode::SUCCESS
}

pub fn site_all(
    report: &Report,
    shell: &Shell<'_>,
    catalog: Option<&Path>,
    out: Option<&Path>,
) -> ExitCode {
    let flags = Flags {
        catalog,
        out,
        usage: "site",
    };
    let jobs = match jobs_or_exit(report, shell, "site", &flags) {
        Ok(jobs) => jobs,
        Err(code) => return code,
    };
    let mut failed = false;
    for job in &jobs {
        failed |= !site_one(report, job);
    }
    exit(failed)
}

fn site_one(report: &Report, job: &Job) -> bool {
    let catalog = match errcat_codegen::load_dir(&job.catalog) {
        Ok(catalog) => catalog,
        Err(diagnostics) => {
            report.diagnostics(&diagnostics);
            return false;
        }
    };
    match generate::write_site(&job.catalog, &catalog, &job.site, Mode::Write) {
        Ok(written) => {
            report.status(&format!(
                "{}; open {}\n",
                written.summary(&job.site),
                job.site.join("index.html").display()
            ));
            true
        }
        Err(err) => {
            report.problem(&err.rendered(&job.site_command));
            false
        }
    }
}

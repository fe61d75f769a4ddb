//! Puts generated files on disk, or says how the disk differs from them.
//!
//! One function owns "write or check", as in rust-analyzer's xtask. Writing
//! is all-or-nothing as far as a process can make it: every new file is first
//! written beside its target under a temporary name, and only when all of
//! them are on disk are they renamed into place, so a failed or killed run
//! leaves each output either as it was or complete, never half-written (and
//! the next run removes the temporary files a killed one left). A file
//! whose content is unchanged is not touched, so build tools see no change.

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::emit::{OutputFile, is_generated};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Bring the output folder up to date.
    Write,
    /// Change nothing; report what `Write` would change.
    Check,
}

/// What a sync changed (in `Write` mode) or would change (in `Check` mode).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Files whose content was (or would be) replaced or created.
    pub changed: Vec<String>,
    /// Generated files no longer produced, (to be) deleted.
    pub removed: Vec<String>,
    pub unchanged: usize,
    /// In check mode, the unified diff of every change, `a/` the disk and
    /// `b/` the new output. Empty in write mode: nobody reads it there, and
    /// for a large catalog it would cost a second copy of every output.
    pub diff: String,
}

impl Report {
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub action: &'static str,
    pub source: io::Error,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not {} `{}`: {}; no output file was changed",
            self.action,
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Makes `out_dir` hold exactly `files` among its generated files (or, in
/// check mode, reports how it does not). Files without the errcat notice are
/// never touched.
pub fn sync(out_dir: &Path, files: &[OutputFile], mode: Mode) -> Result<Report, WriteError> {
    let mut report = Report::default();
    let mut pending = Vec::new();
    let wanted: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();

    for file in files {
        let target = out_dir.join(&file.path);
        let old = read_if_exists(&target)?;
        if old.as_deref() == Some(file.contents.as_str()) {
            report.unchanged += 1;
            continue;
        }
        if mode == Mode::Check {
            push_diff(
                &mut report.diff,
                &file.path,
                old.as_deref().unwrap_or(""),
                &file.contents,
            );
        }
        report.changed.push(file.path.clone());
        pending.push((target, file));
    }

    let mut stale = Vec::new();
    let mut leftovers = Vec::new();
    for path in generated_files_under(out_dir, &mut leftovers)? {
        let relative = relative_slash_path(out_dir, &path);
        if !wanted.contains(relative.as_str()) {
            if mode == Mode::Check {
                let old = read_if_exists(&path)?.unwrap_or_default();
                push_diff(&mut report.diff, &relative, &old, "");
            }
            report.removed.push(relative);
            stale.push(path);
        }
    }

    if mode == Mode::Write {
        commit(out_dir, &pending, &stale)?;
        // Staged files of a run that was killed before its renames. Only
        // best effort: they are hidden and ignored by every other step, and
        // one `errcat gen` per output folder at a time is all that is
        // supported, so none of them can belong to a live run.
        for temp in leftovers {
            let _ = fs::remove_file(temp);
        }
    }
    Ok(report)
}

fn commit(
    out_dir: &Path,
    pending: &[(PathBuf, &OutputFile)],
    stale: &[PathBuf],
) -> Result<(), WriteError> {
    let mut staged: Vec<(PathBuf, &Path)> = Vec::with_capacity(pending.len());
    for (target, file) in pending {
        match stage(target, &file.contents) {
            Ok(temp) => staged.push((temp, target)),
            Err(err) => {
                for (temp, _) in &staged {
                    let _ = fs::remove_file(temp);
                }
                return Err(err);
            }
        }
    }
    for (temp, target) in &staged {
        fs::rename(temp, target).map_err(|source| WriteError {
            path: target.to_path_buf(),
            action: "replace",
            source,
        })?;
    }
    for path in stale {
        fs::remove_file(path).map_err(|source| WriteError {
            path: path.clone(),
            action: "remove stale file",
            source,
        })?;
        remove_empty_parents(out_dir, path);
    }
    Ok(())
}

/// Writes `contents` next to `target` under a name no output uses, so the
/// final rename stays on one file system and is atomic.
fn stage(target: &Path, contents: &str) -> Result<PathBuf, WriteError> {
    let err = |action, source| WriteError {
        path: target.to_path_buf(),
        action,
        source,
    };
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(|e| err("create the folder of", e))?;
    }
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let temp = target.with_file_name(format!(".{name}.errcat-{}.tmp", std::process::id()));
    fs::write(&temp, contents).map_err(|e| err("write", e))?;
    Ok(temp)
}

/// Whether `name` has the form [`stage`] gives temporary files:
/// `.{name}.errcat-{pid}.tmp`.
fn is_staged_name(name: &str) -> bool {
    name.strip_prefix('.')
        .and_then(|rest| rest.strip_suffix(".tmp"))
        .and_then(|rest| rest.rsplit_once(".errcat-"))
        .is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

fn read_if_exists(path: &Path) -> Result<Option<String>, WriteError> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(WriteError {
            path: path.to_path_buf(),
            action: "read",
            source,
        }),
    }
}

/// Files below `dir` that carry the errcat notice, sorted; temporary files
/// [`stage`] left behind go to `leftovers`. Hidden folders, `target` and
/// `node_modules` are skipped: they hold build products, not outputs.
fn generated_files_under(
    dir: &Path,
    leftovers: &mut Vec<PathBuf>,
) -> Result<Vec<PathBuf>, WriteError> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let entries = match fs::read_dir(&current) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(source) => {
                return Err(WriteError {
                    path: current,
                    action: "list",
                    source,
                });
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if !name.starts_with('.') && name != "target" && name != "node_modules" {
                    stack.push(path);
                }
            } else if kind.is_file() && is_staged_name(&name) {
                leftovers.push(path);
            } else if kind.is_file() && !name.ends_with(".tmp") && starts_generated(&path) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

fn starts_generated(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 512];
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let Ok(n) = file.read(&mut head) else {
        return false;
    };
    is_generated(&String::from_utf8_lossy(&head[..n]))
}

fn relative_slash_path(base: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(base).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Removes the folders a stale file leaves empty, up to but never including
/// `out_dir`: what is above it is not errcat's to tidy.
fn remove_empty_parents(out_dir: &Path, path: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == out_dir || !d.starts_with(out_dir) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

fn push_diff(out: &mut String, path: &str, old: &str, new: &str) {
    let diff = TextDiff::from_lines(old, new);
    let unified = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string();
    out.push_str(&unified);
    if !unified.ends_with('\n') {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated(body: &str) -> String {
        format!("// {} from test.\n{body}", crate::emit::GENERATED_MARKER)
    }

    #[test]
    fn write_then_check_is_clean_and_unchanged_files_are_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![OutputFile::new("a/one.rs", generated("1\n"))];
        let report = sync(dir.path(), &files, Mode::Write).unwrap();
        assert_eq!(report.changed, ["a/one.rs"]);
        assert!(report.diff.is_empty(), "write mode computed a diff");
        let before = fs::metadata(dir.path().join("a/one.rs"))
            .unwrap()
            .modified()
            .unwrap();

        let again = sync(dir.path(), &files, Mode::Write).unwrap();
        assert!(again.is_clean());
        assert_eq!(again.unchanged, 1);
        let after = fs::metadata(dir.path().join("a/one.rs"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(before, after);
    }

    #[test]
    fn check_reports_a_diff_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        sync(
            dir.path(),
            &[OutputFile::new("x.ts", generated("old\n"))],
            Mode::Write,
        )
        .unwrap();
        let report = sync(
            dir.path(),
            &[OutputFile::new("x.ts", generated("new\n"))],
            Mode::Check,
        )
        .unwrap();
        assert_eq!(report.changed, ["x.ts"]);
        assert!(
            report.diff.contains("--- a/x.ts\n+++ b/x.ts\n"),
            "{}",
            report.diff
        );
        assert!(report.diff.contains("-old\n+new\n"), "{}", report.diff);
        assert!(
            fs::read_to_string(dir.path().join("x.ts"))
                .unwrap()
                .ends_with("old\n")
        );
    }

    #[test]
    fn stale_generated_files_are_removed_but_hand_written_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let first = vec![
            OutputFile::new("docs/keep.md", generated("k\n")),
            OutputFile::new("docs/gone/old.md", generated("o\n")),
        ];
        sync(dir.path(), &first, Mode::Write).unwrap();
        fs::write(dir.path().join("docs/notes.md"), "mine\n").unwrap();

        let report = sync(dir.path(), &first[..1], Mode::Write).unwrap();
        assert_eq!(report.removed, ["docs/gone/old.md"]);
        assert!(!dir.path().join("docs/gone").exists());
        assert!(dir.path().join("docs/notes.md").exists());
    }

    #[test]
    fn temporary_files_of_a_killed_run_are_removed_by_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![OutputFile::new("docs/a.md", generated("a\n"))];
        sync(dir.path(), &files, Mode::Write).unwrap();
        let leftover = dir.path().join("docs/.a.md.errcat-4242.tmp");
        fs::write(&leftover, generated("half")).unwrap();
        // Not of the staging form: someone else's, so kept.
        let unrelated = ["docs/.a.md.errcat-x.tmp", "docs/b.tmp", "docs/.notes.tmp"];
        for name in unrelated {
            fs::write(dir.path().join(name), "mine").unwrap();
        }

        let check = sync(dir.path(), &files, Mode::Check).unwrap();
        assert!(check.is_clean(), "{check:?}");
        assert!(leftover.exists(), "check mode removed a file");

        let report = sync(dir.path(), &files, Mode::Write).unwrap();
        assert!(report.is_clean(), "{report:?}");
        assert!(!leftover.exists());
        for name in unrelated {
            assert!(dir.path().join(name).exists(), "{name} was removed");
        }
    }

    #[test]
    fn removing_every_stale_file_keeps_the_output_folder_and_what_is_above() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("parent/out");
        let files = vec![OutputFile::new("docs/deep/a.md", generated("a\n"))];
        sync(&out, &files, Mode::Write).unwrap();

        let report = sync(&out, &[], Mode::Write).unwrap();
        assert_eq!(report.removed, ["docs/deep/a.md"]);
        assert!(!out.join("docs").exists(), "emptied folders stay behind");
        assert!(out.is_dir(), "the output folder itself was removed");
    }

    #[test]
    fn a_failed_write_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        sync(
            dir.path(),
            &[OutputFile::new("a.rs", generated("old\n"))],
            Mode::Write,
        )
        .unwrap();
        // A file where a folder must go makes the second output impossible.
        fs::write(dir.path().join("blocker"), "x").unwrap();
        let files = vec![
            OutputFile::new("a.rs", generated("new\n")),
            OutputFile::new("blocker/b.rs", generated("b\n")),
        ];
        let err = sync(dir.path(), &files, Mode::Write).unwrap_err();
        assert!(
            err.to_string().contains("no output file was changed"),
            "{err}"
        );
        assert!(
            fs::read_to_string(dir.path().join("a.rs"))
                .unwrap()
                .ends_with("old\n")
        );
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }
}

//! Puts generated files on disk, or says how the disk differs from them.
//!
//! One function owns "write or check", as in rust-analyzer's xtask. The
//! rules it keeps:
//! - **Owned outputs.** A folder's `.errcat/manifest.toml` records which
//!   files its catalog wrote there ([`manifest`]); only those are ever
//!   removed, a hand-written file is never overwritten, and a folder that
//!   holds another catalog's outputs or a repository is refused.
//! - **One run at a time.** An advisory lock on the folder (`folder.rs`):
//!   a second run waits for the first.
//! - **All or nothing.** Files are staged, then renamed into place through
//!   a journal (`journal.rs`), so a killed run leaves every output old or
//!   new, and the next run completes what it started.
//! - **Nothing needless.** A file whose content is unchanged is not
//!   touched, so build tools see no change.

mod error;
pub mod file;
mod folder;
mod journal;
pub mod manifest;
mod refuse;

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::emit::{OutputFile, is_generated};
pub use error::WriteError;
pub use journal::Recovery;
pub use manifest::Manifest;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Bring the output folder up to date.
    Write,
    /// Change nothing; report what `Write` would change.
    Check,
}

/// Whose outputs a folder holds, recorded in its manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owner<'a> {
    /// The catalog's `name`.
    pub catalog: &'a str,
    /// Whether the catalog has a stability lock.
    pub locked: bool,
    /// The catalog's folder, when it was loaded from one.
    pub source: Option<&'a Path>,
    /// Which of its outputs this run writes.
    pub kind: Kind,
}

/// The two kinds of output folder, which never share one: each run removes
/// what its manifest lists and the other did not write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// `errcat gen`'s targets.
    #[default]
    Generated,
    /// `errcat site`'s pages.
    Site,
}

/// What a sync changed (in `Write` mode) or would change (in `Check` mode).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Files whose content was (or would be) replaced or created.
    pub changed: Vec<String>,
    /// Generated files no longer produced, (to be) deleted.
    pub removed: Vec<String>,
    pub unchanged: usize,
    /// What completing an interrupted earlier run did before this one
    /// (write mode), or that one waits to be completed (check mode: then
    /// the folder is not clean whatever the diff says).
    pub recovered: Option<Recovery>,
    pub interrupted: bool,
    /// In check mode, the unified diff of every change, `a/` the disk and
    /// `b/` the new output. Empty in write mode: nobody reads it there, and
    /// for a large catalog it would cost a second copy of every output.
    pub diff: String,
}

impl Report {
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty() && !self.interrupted
    }

    /// For check mode: why `out_dir` is not clean, and the command that
    /// brings it up to date.
    pub fn stale_message(&self, out_dir: &Path, fix: &str) -> String {
        let mut message = String::new();
        if self.interrupted {
            message.push_str(&format!(
                "error: an errcat run writing `{}` was interrupted, so its outputs are part old, part new\n  = note: `{}` records what it left to do\n",
                out_dir.display(),
                journal::path(out_dir).display()
            ));
        }
        let stale = self.changed.len() + self.removed.len();
        if stale > 0 {
            message.push_str(&format!(
                "error: {stale} generated file(s) in `{}` are stale\n",
                out_dir.display()
            ));
        }
        message.push_str(&format!("  = help: run `{fix}` and commit the result\n"));
        message
    }

    /// One line for people: what the run did to `out_dir`.
    pub fn summary(&self, out_dir: &Path) -> String {
        let mut line = format!(
            "{}: {} written, {} removed, {} unchanged",
            out_dir.display(),
            self.changed.len(),
            self.removed.len(),
            self.unchanged
        );
        if let Some(recovery) = self.recovered {
            line.push_str(&format!(
                " (after completing an interrupted run: {} replaced, {} removed)",
                recovery.replaced, recovery.removed
            ));
        }
        line
    }
}

/// The manifest of `out_dir`, if a run wrote one.
pub fn recorded(out_dir: &Path) -> Result<Option<Manifest>, WriteError> {
    if !out_dir.is_dir() {
        // Nothing was written there; `sync` says what is wrong with it.
        return Ok(None);
    }
    let path = folder::manifest_path(out_dir);
    match fs::read_to_string(&path) {
        Ok(text) => Manifest::parse(&text)
            .map(Some)
            .map_err(|problem| WriteError::DamagedManifest { path, problem }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(WriteError::io(&path, "read", source)),
    }
}

/// Makes `out_dir` hold exactly `files` among the outputs `owner` wrote
/// there (or, in check mode, reports how it does not).
pub fn sync(
    out_dir: &Path,
    owner: Owner<'_>,
    files: &[OutputFile],
    mode: Mode,
) -> Result<Report, WriteError> {
    refuse::unsafe_folder(out_dir, owner)?;
    // The same refusals again under the lock, below; these first ones keep a
    // refused run from even creating the lock.
    let unlocked_view = recorded(out_dir)?;
    refuse::foreign(out_dir, owner, unlocked_view.as_ref())?;
    if let Err(refused) = refuse::in_the_way(out_dir, owner, unlocked_view.as_ref(), files) {
        // Files of another catalog without its manifest may be that
        // catalog's run still renaming its outputs into place: a folder
        // whose lock errcat took already is judged under the lock, once
        // that run has written its manifest (and is refused as the other
        // catalog's folder).
        if !folder::has_lock(out_dir) {
            return Err(refused);
        }
    }
    let lock = match mode {
        Mode::Write => folder::FolderLock::exclusive(out_dir)?,
        Mode::Check => folder::FolderLock::shared(out_dir)?,
    };
    let mut report = Report::default();
    let replayed = match mode {
        Mode::Write => journal::replay(out_dir),
        Mode::Check => {
            report.interrupted = journal::pending(out_dir);
            Ok(None)
        }
    };
    let result = replayed.and_then(|recovered| {
        report.recovered = recovered;
        sync_locked(out_dir, owner, files, mode, report).map_err(|err| err.after(recovered))
    });
    if let Err(err) = &result
        && !matches!(
            err,
            WriteError::Interrupted { .. } | WriteError::JournalLeft { .. }
        )
    {
        lock.abandon();
    }
    result
}

/// The part of [`sync`] that needs the folder lock, taken and any
/// interrupted run completed.
fn sync_locked(
    out_dir: &Path,
    owner: Owner<'_>,
    files: &[OutputFile],
    mode: Mode,
    mut report: Report,
) -> Result<Report, WriteError> {
    // Read again under the lock: a run that held it may have changed them.
    refuse::unsafe_folder(out_dir, owner)?;
    let previous = recorded(out_dir)?;
    refuse::foreign(out_dir, owner, previous.as_ref())?;
    let scan = folder::scan(out_dir, previous.is_none())?;
    let owned_before = match &previous {
        Some(manifest) => manifest.files.clone(),
        None => migrated(out_dir, owner.catalog, &scan.marked, files),
    };

    let manifest = Manifest {
        catalog: owner.catalog.to_owned(),
        source: owner
            .source
            .map(|source| crate::paths::relative(out_dir, source)),
        locked: owner.locked,
        files: files.iter().map(|f| f.path.clone()).collect(),
        kind: owner.kind,
    };
    let manifest_file = OutputFile::new(manifest::PATH, manifest.render());
    let mut pending = Vec::new();
    let mut in_the_way = Vec::new();
    for file in files.iter().chain([&manifest_file]) {
        let target = out_dir.join(&file.path);
        let old = read_if_exists(&target)?;
        if old.as_deref() == Some(file.contents.as_str()) {
            if file.path != manifest::PATH {
                report.unchanged += 1;
            }
            continue;
        }
        if let Some(old) = &old
            && file.path != manifest::PATH
            && !refuse::may_replace(owner, &owned_before, &file.path, old)
        {
            in_the_way.push(file.path.clone());
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
    if !in_the_way.is_empty() {
        return Err(refuse::not_ours(out_dir, owner, &in_the_way));
    }

    let mut stale = Vec::new();
    for relative in owned_before.difference(&manifest.files) {
        let path = out_dir.join(relative);
        // Gone already, or taken over by hand (its notice removed): kept.
        if !path.is_file() || !starts_generated(&path) {
            continue;
        }
        if mode == Mode::Check {
            let old = read_if_exists(&path)?.unwrap_or_default();
            push_diff(&mut report.diff, relative, &old, "");
        }
        report.removed.push(relative.clone());
        stale.push(path);
    }

    if mode == Mode::Write {
        let mut staged = Vec::with_capacity(pending.len());
        for (target, file) in &pending {
            match journal::stage(target, &file.contents) {
                Ok(temp) => staged.push((temp, target.clone())),
                Err(err) => {
                    for (temp, _) in &staged {
                        let _ = fs::remove_file(temp);
                    }
                    return Err(err);
                }
            }
        }
        journal::commit(out_dir, &staged, &stale)?;
        // Staged files of a run that died before writing its journal: the
        // lock says no live run owns them.
        for temp in scan.leftovers {
            let _ = fs::remove_file(temp);
        }
    }
    Ok(report)
}

/// What a folder written before manifests existed holds of `catalog`'s: the
/// files whose notice names it, at the top of the folder or in the folders
/// this run writes (`rust/`, `docs/`, ...). A file that merely quotes the
/// marker, another catalog's outputs, and the same catalog's outputs in a
/// folder further down (the slip of `--out examples` above
/// `examples/x/generated`) are not taken.
fn migrated(
    out_dir: &Path,
    catalog: &str,
    marked: &[PathBuf],
    files: &[OutputFile],
) -> BTreeSet<String> {
    let top = |path: &str| path.split_once('/').map(|(top, _)| top.to_owned());
    let written: BTreeSet<String> = files.iter().filter_map(|f| top(&f.path)).collect();
    marked
        .iter()
        .map(|path| (path, relative_slash_path(out_dir, path)))
        .filter(|(_, relative)| top(relative).is_none_or(|top| written.contains(&top)))
        .filter(|(path, _)| {
            head(path).is_some_and(|head| crate::emit::notice_catalog(&head) == Some(catalog))
        })
        .map(|(_, relative)| relative)
        .collect()
}

/// Whether `name` has the form [`journal::stage`] gives temporary files:
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
        Err(source) => Err(WriteError::io(path, "read", source)),
    }
}

/// The first bytes of a file, where its notice would be.
fn head(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut head = [0u8; 512];
    let mut file = fs::File::open(path).ok()?;
    let n = file.read(&mut head).ok()?;
    Some(String::from_utf8_lossy(&head[..n]).into_owned())
}

fn starts_generated(path: &Path) -> bool {
    head(path).is_some_and(|head| is_generated(&head))
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
pub(super) mod tests {
    use super::*;
    use crate::emit::notice;

    pub(super) const OWNER: Owner<'static> = Owner {
        kind: Kind::Generated,
        catalog: "test",
        locked: false,
        source: None,
    };

    pub(super) fn generated(body: &str) -> String {
        format!("// {}\n{body}", notice("test"))
    }

    #[test]
    fn write_then_check_is_clean_and_unchanged_files_are_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![OutputFile::new("a/one.rs", generated("1\n"))];
        let report = sync(dir.path(), OWNER, &files, Mode::Write).unwrap();
        assert_eq!(report.changed, ["a/one.rs", manifest::PATH]);
        assert!(report.diff.is_empty(), "write mode computed a diff");
        let before = fs::metadata(dir.path().join("a/one.rs"))
            .unwrap()
            .modified()
            .unwrap();

        let again = sync(dir.path(), OWNER, &files, Mode::Write).unwrap();
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
            OWNER,
            &[OutputFile::new("x.ts", generated("old\n"))],
            Mode::Write,
        )
        .unwrap();
        let report = sync(
            dir.path(),
            OWNER,
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
        sync(dir.path(), OWNER, &first, Mode::Write).unwrap();
        fs::write(dir.path().join("docs/notes.md"), "mine\n").unwrap();

        let report = sync(dir.path(), OWNER, &first[..1], Mode::Write).unwrap();
        assert_eq!(report.removed, ["docs/gone/old.md"]);
        assert!(!dir.path().join("docs/gone").exists());
        assert!(dir.path().join("docs/notes.md").exists());
    }

    #[test]
    fn temporary_files_of_a_killed_run_are_removed_by_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![OutputFile::new("docs/a.md", generated("a\n"))];
        sync(dir.path(), OWNER, &files, Mode::Write).unwrap();
        let leftover = dir.path().join("docs/.a.md.errcat-4242.tmp");
        fs::write(&leftover, generated("half")).unwrap();
        // Not of the staging form: someone else's, so kept.
        let unrelated = ["docs/.a.md.errcat-x.tmp", "docs/b.tmp", "docs/.notes.tmp"];
        for name in unrelated {
            fs::write(dir.path().join(name), "mine").unwrap();
        }

        let check = sync(dir.path(), OWNER, &files, Mode::Check).unwrap();
        assert!(check.is_clean(), "{check:?}");
        assert!(leftover.exists(), "check mode removed a file");

        let report = sync(dir.path(), OWNER, &files, Mode::Write).unwrap();
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
        sync(&out, OWNER, &files, Mode::Write).unwrap();

        let report = sync(&out, OWNER, &[], Mode::Write).unwrap();
        assert_eq!(report.removed, ["docs/deep/a.md"]);
        assert!(!out.join("docs").exists(), "emptied folders stay behind");
        assert!(out.is_dir(), "the output folder itself was removed");
    }

    #[test]
    fn a_failed_write_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        sync(
            dir.path(),
            OWNER,
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
        let err = sync(dir.path(), OWNER, &files, Mode::Write).unwrap_err();
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

    /// A run into a new folder that fails before writing leaves no folder
    /// behind, not even errcat's lock.
    #[test]
    fn a_run_that_writes_nothing_leaves_a_new_folder_uncreated() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("new/out");
        let files = vec![OutputFile::new("bad\0name.rs", generated("x\n"))];
        assert!(sync(&out, OWNER, &files, Mode::Write).is_err());
        assert!(!dir.path().join("new").exists(), "the new folder was left");
    }
}

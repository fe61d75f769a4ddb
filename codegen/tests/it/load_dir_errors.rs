//! `load_dir` on real folders: paths shown relative to the current
//! directory, every problem of a badly broken catalog in one run, and the
//! folder-level problems.

use crate::support;

use std::path::Path;

use errcat_codegen::load_dir;

fn problems(dir: &Path) -> String {
    match load_dir(dir) {
        Ok(catalog) => panic!("expected problems, loaded {} codes", catalog.codes.len()),
        Err(diagnostics) => diagnostics.to_string(),
    }
}

/// Syntax, unknown field and value, undeclared placeholder, duplicate
/// number, identifier collision, status range and unknown category, spread
/// over four files: all reported at once, sorted by file then position.
#[test]
fn every_problem_of_a_catalog_in_one_run() {
    let rendered = problems(&support::fixture("bad/several"));
    insta::assert_snapshot!(rendered);
    assert!(rendered.ends_with(
        "error: could not load catalog `tests/fixtures/bad/several/` due to 8 previous errors\n"
    ));
}

#[test]
fn relative_folders_are_shown_as_given() {
    let absolute = problems(&support::fixture("bad/no-codes"));
    let relative = problems(Path::new("tests/fixtures/bad/no-codes"));
    assert_eq!(absolute, relative);
    insta::assert_snapshot!(relative);
}

#[test]
fn missing_folder() {
    let missing = Path::new("tests/fixtures/bad/does-not-exist");
    let diagnostics = load_dir(missing).unwrap_err();
    assert_eq!(diagnostics.len(), 1);
    insta::assert_snapshot!(diagnostics.to_string());
}

#[test]
fn a_file_instead_of_a_folder() {
    let file = Path::new("tests/fixtures/bad/no-codes/catalog.toml");
    insta::assert_snapshot!(problems(file));
}

/// A copy of the mini fixture in a temporary folder, to break on disk.
fn mini_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(support::fixture("mini")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

/// `problems` with the temporary folder's path replaced by `CATALOG/`, so
/// the rendered text is the same on every run.
fn problems_in(dir: &tempfile::TempDir) -> String {
    let shown = format!("{}/", dir.path().display());
    problems(dir.path()).replace(&shown, "CATALOG/")
}

/// Each kind of entry that looks like a catalog file but cannot be read is
/// one located diagnostic, all of them in one run, and nothing else: the
/// codes of the readable files are not checked against a catalog with
/// files missing.
#[cfg(unix)]
#[test]
fn every_catalog_file_is_read_or_reported() {
    use std::os::unix::fs::symlink;
    let dir = mini_copy();
    let path = |name: &str| dir.path().join(name);
    symlink("gone.toml", path("dangling.toml")).unwrap();
    symlink("loop-b.toml", path("loop-a.toml")).unwrap();
    symlink("loop-a.toml", path("loop-b.toml")).unwrap();
    std::fs::create_dir(path("folder.toml")).unwrap();
    std::fs::write(path("Shouting.TOML"), "").unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(path("pipe.toml"))
        .status()
        .unwrap();
    assert!(fifo.success());
    let big = std::fs::File::create(path("huge.toml")).unwrap();
    big.set_len(errcat_codegen::load::MAX_FILE_BYTES + 1)
        .unwrap();
    // Not catalog files: never read, never reported.
    std::fs::write(path("notes.md"), "x").unwrap();
    symlink("nowhere", path("link.txt")).unwrap();
    symlink("root@host.4242:1700000000", path(".#auth.toml")).unwrap();

    let rendered = problems_in(&dir);
    insta::assert_snapshot!(rendered);
}

/// A file the process may not read. Root reads any file whatever its mode,
/// so there the unreadable file is one the kernel refuses to read from.
#[cfg(unix)]
#[test]
fn an_unreadable_catalog_file_is_reported_with_the_reason() {
    use std::os::unix::fs::PermissionsExt;
    let dir = mini_copy();
    let locked = dir.path().join("limits.toml");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let rendered = if std::fs::read(&locked).is_err() {
        problems_in(&dir)
    } else {
        std::fs::remove_file(&locked).unwrap();
        std::os::unix::fs::symlink("/proc/self/mem", &locked).unwrap();
        problems_in(&dir)
    };
    let reason = if rendered.contains("Permission denied") {
        "Permission denied (os error 13)"
    } else {
        "Input/output error (os error 5)"
    };
    assert_eq!(
        rendered,
        format!(
            "error: could not read `limits.toml`: {reason}\n --> CATALOG/limits.toml\n  = note: every `*.toml` directly inside the catalog folder is a catalog file\n  = help: make `limits.toml` readable, or move it out of the catalog folder\n\nerror: could not load catalog `CATALOG/` due to 1 previous error\n"
        )
    );
}

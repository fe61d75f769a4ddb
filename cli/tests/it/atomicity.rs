//! A killed `errcat gen` leaves every output file either as it was or
//! complete, never half-written, and the next run finishes the job and
//! removes whatever temporary files the killed one left.
//!
//! The real binary writes a large catalog over an older generation and is
//! killed as soon as it starts writing, and at ever later moments after.

use crate::support;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

const CATEGORIES: usize = 40;
const HAND_WRITTEN: &str = "docs/NOTES.md";

/// A catalog of `codes` codes over [`CATEGORIES`] categories, one file each,
/// whose every message and hint mention `edition`, so two editions differ in
/// every output file.
fn write_catalog(dir: &Path, codes: usize, edition: &str) {
    let mut manifest = format!(
        "[catalog]\nname = \"big\"\ntitle = \"Big API ({edition})\"\nversion = \"2.0.0\"\n\
         code_style = \"SCREAMING_SNAKE_CASE\"\ndocs_base_url = \"https://docs.big.example/errors\"\n"
    );
    for c in 0..CATEGORIES {
        let _ = write!(
            manifest,
            "\n[[category]]\nid = \"area{c}\"\ntitle = \"Area {c}\"\ndescription = \"Errors of area {c}, {edition}.\"\n"
        );
    }
    std::fs::write(dir.join("catalog.toml"), manifest).unwrap();
    let mut files = vec![String::new(); CATEGORIES];
    for i in 0..codes {
        let _ = write!(
            files[i % CATEGORIES],
            "[THING_{i}_FAILED]\nstatus = {}\nmessage = \"thing {{id}} failed in the {edition} edition\"\n\
             params = {{ id = \"string\" }}\nhint = \"Retry thing {i} ({edition}).\"\n\
             docs = \"\"\"\nWhy thing {i} fails, at some length, so that every page has weight.\n\n\
             1. Look it up.\n2. Fix it.\n\"\"\"\n\n",
            400 + i % 100
        );
    }
    for (c, body) in files.iter().enumerate() {
        std::fs::write(dir.join(format!("area{c}.toml")), body).unwrap();
    }
}

/// A private copy of the binary: every run of the test must be the same
/// program, even if a build elsewhere replaces the one in `target/`.
static ERRCAT: LazyLock<(tempfile::TempDir, PathBuf)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("errcat");
    std::fs::copy(env!("CARGO_BIN_EXE_errcat"), &copy).unwrap();
    (dir, copy)
});

/// Runs `start` until the private copy is not busy: while another test of
/// this binary forks, its child holds the copy's write descriptor open for
/// a moment (until it execs), and Linux refuses to run a file open for
/// writing (`ETXTBSY`).
fn retrying<T>(mut start: impl FnMut() -> std::io::Result<T>) -> T {
    for _ in 0..200 {
        match start() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other.unwrap(),
        }
    }
    panic!("the copy of errcat stayed busy for two seconds");
}

fn gen_command(catalog: &Path, out: &Path) -> Command {
    let mut command = Command::new(&ERRCAT.1);
    command
        .arg("gen")
        .arg("--catalog")
        .arg(catalog)
        .arg("--out")
        .arg(out)
        // Beside the catalog, where no `errcat.toml` above says otherwise.
        .current_dir(catalog.parent().unwrap())
        .stderr(std::process::Stdio::null());
    command
}

fn generate(catalog: &Path, out: &Path) {
    let status = retrying(|| gen_command(catalog, out).status());
    assert!(
        status.success(),
        "errcat gen failed on {}",
        catalog.display()
    );
}

/// A file of the write in progress: a staged output, or the journal that
/// lets the next run complete it.
fn is_temp(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap();
    (name.starts_with('.') && name.ends_with(".tmp")) || path == JOURNAL
}

const JOURNAL: &str = ".errcat/journal.toml";

/// What a kill left behind, checked against both generations.
#[derive(Debug, PartialEq)]
enum State {
    /// Nothing changed yet.
    Old,
    /// Everything done.
    New,
    /// Interrupted inside the write: some files renamed, or temporary files
    /// staged.
    Between,
}

fn classify(
    left: &BTreeMap<String, Vec<u8>>,
    old: &BTreeMap<String, Vec<u8>>,
    new: &BTreeMap<String, Vec<u8>>,
) -> State {
    let mut temps = false;
    for (path, contents) in left {
        if is_temp(path) {
            temps = true;
            continue;
        }
        let matches_old = old.get(path) == Some(contents);
        let matches_new = new.get(path) == Some(contents);
        assert!(
            matches_old || matches_new,
            "`{path}` is neither its old nor its new version ({} bytes)",
            contents.len()
        );
    }
    // Renames are atomic, so a file both generations have never goes missing.
    for path in old.keys().filter(|path| new.contains_key(*path)) {
        assert!(left.contains_key(path), "`{path}` disappeared");
    }
    let outputs: BTreeMap<&String, &Vec<u8>> =
        left.iter().filter(|(path, _)| !is_temp(path)).collect();
    let same = |expected: &BTreeMap<String, Vec<u8>>| {
        outputs.len() == expected.len() && expected.iter().all(|(p, c)| outputs.get(p) == Some(&c))
    };
    match (same(old), same(new), temps) {
        (true, _, false) => State::Old,
        (_, true, false) => State::New,
        _ => State::Between,
    }
}

#[test]
fn a_killed_gen_leaves_old_or_new_files_and_the_next_run_cleans_up() {
    let work = tempfile::tempdir().unwrap();
    // One catalog folder whose edition changes, as in a repository: the new
    // edition has more codes, so it adds files and changes every other.
    let catalog = work.path().join("catalog");
    std::fs::create_dir_all(&catalog).unwrap();
    // Beside `out`, so that the manifests record the same catalog folder.
    let reference = |edition: &str| work.path().join(format!("reference-{edition}"));
    write_catalog(&catalog, 200, "old");
    let mut old_tree = {
        generate(&catalog, &reference("old"));
        support::tree(&reference("old"))
    };
    write_catalog(&catalog, 220, "new");
    let mut new_tree = {
        generate(&catalog, &reference("new"));
        support::tree(&reference("new"))
    };
    // A hand-written file in the output folder is never touched.
    old_tree.insert(HAND_WRITTEN.into(), b"mine\n".to_vec());
    new_tree.insert(HAND_WRITTEN.into(), b"mine\n".to_vec());
    assert!(old_tree.len() > CATEGORIES, "{} outputs", old_tree.len());

    let out = work.path().join("out");
    let prepare = || {
        let _ = std::fs::remove_dir_all(&out);
        for (path, contents) in &old_tree {
            let target = out.join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, contents).unwrap();
        }
    };

    // Kill the moment the first staged file shows up, then ever later into
    // the write, so both staging and renaming are interrupted.
    let mut between = 0;
    for extra_micros in [0, 0, 100, 300, 700, 1_500, 3_000, 6_000, 12_000, 25_000] {
        prepare();
        let mut child = retrying(|| gen_command(&catalog, &out).spawn());
        let started = Instant::now();
        while child.try_wait().unwrap().is_none() && !tree_has_temp(&out) {
            assert!(started.elapsed() < Duration::from_secs(120), "gen hangs");
            // Leave the CPU to `errcat gen` on a small machine; the write
            // takes milliseconds, far longer than this.
            std::thread::sleep(Duration::from_micros(50));
        }
        std::thread::sleep(Duration::from_micros(extra_micros));
        let _ = child.kill();
        child.wait().unwrap();

        if classify(&support::tree(&out), &old_tree, &new_tree) == State::Between {
            between += 1;
        }
        // The next run completes the generation and leaves no trace of the
        // killed one.
        generate(&catalog, &out);
        let after = support::tree(&out);
        assert_eq!(
            after.keys().collect::<Vec<_>>(),
            new_tree.keys().collect::<Vec<_>>(),
            "after a kill {extra_micros}µs into the write, a full run left other files"
        );
        assert!(after == new_tree, "a full run after a kill differs");
    }
    // The first kills follow a staged file within microseconds, while
    // dozens of files remain to write: they interrupt the write.
    assert!(
        between > 0,
        "no kill interrupted the write, so nothing was tested"
    );
}

/// Whether a temporary file is staged anywhere below `dir`; cheap, since it
/// is polled while `errcat gen` runs.
fn tree_has_temp(dir: &Path) -> bool {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).into_iter().flatten().flatten() {
            let name = entry.file_name();
            if is_temp(&name.to_string_lossy()) {
                return true;
            }
            if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                stack.push(entry.path());
            }
        }
    }
    false
}

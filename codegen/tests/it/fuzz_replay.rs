//! Replays the committed fuzz corpus and every crash the fuzzer ever found
//! through the fuzz targets' own code, on stable, so CI keeps them fixed
//! without nightly or libFuzzer.
//!
//! `fuzz/corpus/raw/` and `fuzz/corpus/structured/` hold the minimized
//! corpora of the two targets; `fuzz/artifacts/regressions/<target>/` holds
//! crash inputs, named after the target that found them.

#[path = "../../../fuzz/src/exercise.rs"]
mod exercise;
#[path = "../../../fuzz/src/structured.rs"]
mod structured;
use crate::support;

use std::path::{Path, PathBuf};

use arbitrary::{Arbitrary, Unstructured};

fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_file())
        .collect();
    found.sort();
    found
}

fn run_raw(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    exercise::exercise(&exercise::split(&bytes));
}

/// As `fuzz_target!` with a typed input does: take the whole input
/// (`arbitrary_take_rest`), and skip inputs that decode to nothing.
fn run_structured(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    if let Ok(catalog) = structured::Catalog::arbitrary_take_rest(Unstructured::new(&bytes)) {
        exercise::exercise(&catalog.files());
    }
}

fn replay(target: &str, run: fn(&Path)) -> usize {
    let fuzz = support::repo_root().join("fuzz");
    let mut count = 0;
    for dir in [
        fuzz.join("corpus").join(target),
        fuzz.join("artifacts/regressions").join(target),
    ] {
        for path in inputs(&dir) {
            // The panic names the input, so a failure says what to replay.
            let outcome = std::panic::catch_unwind(|| run(&path));
            if let Err(panic) = outcome {
                let message = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("(no message)");
                panic!(
                    "fuzz input `{}` fails: {message}\nreplay it with `cargo +nightly fuzz run {target} {}`",
                    path.display(),
                    path.display()
                );
            }
            count += 1;
        }
    }
    count
}

#[test]
fn raw_corpus_and_regressions_replay() {
    let count = replay("raw", run_raw);
    assert!(
        count >= 5,
        "only {count} raw inputs: is fuzz/corpus/raw/ there?"
    );
}

#[test]
fn structured_corpus_and_regressions_replay() {
    let count = replay("structured", run_structured);
    assert!(
        count >= 5,
        "only {count} structured inputs: is fuzz/corpus/structured/ there?"
    );
}

/// The seeds are the repository's catalogs in the raw format; each valid
/// one must still load, or the corpus no longer starts the fuzzer deep in
/// the emitters. (`seed-invalid-*` are the `fixtures/bad` catalogs.)
#[test]
fn seeds_are_valid_catalogs_and_split_back_into_their_files() {
    let root = support::repo_root();
    let seeds: Vec<PathBuf> = inputs(&root.join("fuzz/corpus/raw"))
        .into_iter()
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name.starts_with("seed-") && !name.starts_with("seed-invalid-")
        })
        .collect();
    assert!(!seeds.is_empty(), "no seed-* files in fuzz/corpus/raw/");
    for seed in seeds {
        let files = exercise::split(&std::fs::read(&seed).unwrap());
        assert_eq!(exercise::join(&files), std::fs::read(&seed).unwrap());
        let borrowed: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(name, contents)| (name.as_str(), contents.as_slice()))
            .collect();
        if let Err(diagnostics) = errcat_codegen::load::load_files(&borrowed) {
            panic!("{}:\n{diagnostics}", seed.display());
        }
    }
}

#[test]
fn split_reads_headers_anywhere_and_defaults_to_catalog_toml() {
    assert_eq!(
        exercise::split(b"a = 1\n"),
        [("catalog.toml".to_owned(), b"a = 1\n".to_vec())]
    );
    assert_eq!(
        exercise::split(b"x==> b.toml <==\ny==> unterminated\n"),
        [
            ("catalog.toml".to_owned(), b"x".to_vec()),
            ("b.toml".to_owned(), b"y==> unterminated\n".to_vec()),
        ]
    );
    assert_eq!(
        exercise::split(b"==> a <==\n==> b <==\n"),
        [("a".to_owned(), vec![]), ("b".to_owned(), vec![])]
    );
}

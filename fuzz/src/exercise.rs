//! The one entry point behind both fuzz targets and the stable replay test
//! (`codegen/tests/it/fuzz_replay.rs` includes this file by path), so a crash
//! found on nightly replays byte for byte in CI.
//!
//! Input format: a catalog folder flattened into one byte string, the way
//! `head` prints several files. Each file starts with a header line
//! `==> NAME <==`; bytes before the first header belong to `catalog.toml`.
//! File contents are arbitrary bytes, so both raw garbage and well-formed
//! catalogs are reachable from the same input.

use errcat_codegen::emit::{self, OutputFile};
use errcat_codegen::load::load_files;
use errcat_codegen::{Catalog, Targets, explain, generate};

const HEADER_START: &[u8] = b"==> ";
const HEADER_END: &[u8] = b" <==\n";

/// Longest file name a header may carry; bounds the search for its end, so
/// an input full of unterminated headers stays linear.
const MAX_NAME: usize = 256;

/// Splits a flattened input into `(file name, contents)` pairs.
pub fn split(input: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut name = String::from("catalog.toml");
    let mut start = 0;
    let mut at = 0;
    while let Some(found) = find(&input[at..], HEADER_START) {
        let header = at + found;
        let name_start = header + HEADER_START.len();
        let window = &input[name_start..input.len().min(name_start + MAX_NAME + HEADER_END.len())];
        let Some(name_len) = find(window, HEADER_END) else {
            at = header + 1;
            continue;
        };
        // An input that starts with a header has no implicit `catalog.toml`.
        if header > 0 {
            files.push((name, input[start..header].to_vec()));
        }
        name = String::from_utf8_lossy(&input[name_start..name_start + name_len]).into_owned();
        start = name_start + name_len + HEADER_END.len();
        at = start;
    }
    files.push((name, input[start..].to_vec()));
    files
}

/// The inverse of [`split`], used to seed the corpus from catalog folders.
pub fn join<N: AsRef<str>, C: AsRef<[u8]>>(files: &[(N, C)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, contents) in files {
        out.extend_from_slice(HEADER_START);
        out.extend_from_slice(name.as_ref().as_bytes());
        out.extend_from_slice(HEADER_END);
        out.extend_from_slice(contents.as_ref());
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Loads `files`; renders the diagnostics of an invalid catalog, or runs
/// every emitter over a valid one and checks what any output must satisfy.
/// Panics on any violation, which is what the fuzzer looks for.
pub fn exercise<N: AsRef<str>, C: AsRef<[u8]>>(files: &[(N, C)]) {
    let borrowed: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, contents)| (name.as_ref(), contents.as_ref()))
        .collect();
    let catalog = match load_files(&borrowed) {
        Ok(catalog) => catalog,
        Err(diagnostics) => {
            assert!(
                !diagnostics.is_empty(),
                "an invalid catalog has no problems"
            );
            let rendered = diagnostics.to_string();
            assert!(
                rendered.contains("error"),
                "diagnostics render without an error: {rendered}"
            );
            return;
        }
    };
    let outputs = every_output(&catalog);
    check_outputs(&outputs);

    // The same files in the opposite order are the same catalog, so the
    // output may not depend on the order the caller listed them in. Two
    // files of one name (which no folder holds) are exempt: their order is
    // all that tells them apart.
    let mut names: Vec<&str> = borrowed.iter().map(|(name, _)| *name).collect();
    names.sort_unstable();
    names.dedup();
    if names.len() < borrowed.len() {
        return;
    }
    let reversed: Vec<(&str, &[u8])> = borrowed.iter().rev().copied().collect();
    let again = load_files(&reversed).expect("the same files load in any order");
    assert!(
        every_output(&again) == outputs,
        "the output depends on the order of the catalog files"
    );
}

/// What `errcat gen`, `errcat site` and `errcat explain` would produce.
fn every_output(catalog: &Catalog) -> Vec<OutputFile> {
    let mut files = generate(catalog, &Targets::default());
    files.extend(
        emit::site::emit(catalog)
            .into_iter()
            .map(|f| OutputFile::new(format!("site/{}", f.path), f.contents)),
    );
    for code in &catalog.codes {
        files.push(OutputFile::new(
            format!("explain/{}", code.code),
            explain::render(catalog, code),
        ));
    }
    files.push(OutputFile::new(
        "explain/unknown",
        explain::unknown(catalog, "NO_SUCH_CODE"),
    ));
    files
}

/// Properties every generated file has, whatever the catalog: the writer
/// relies on them to place files and to find its own outputs again.
fn check_outputs(files: &[OutputFile]) {
    let mut paths = std::collections::BTreeSet::new();
    for file in files {
        let path = &file.path;
        assert!(paths.insert(path.as_str()), "two outputs at `{path}`");
        assert!(
            !path.starts_with('/')
                && !path.contains('\\')
                && path
                    .split('/')
                    .all(|part| !part.is_empty() && part != ".." && part != "."),
            "output path `{path}` leaves its folder or is not normalized"
        );
        if path.starts_with("explain/") {
            continue;
        }
        assert!(
            emit::is_generated(&file.contents),
            "`{path}` lacks the @generated notice, so the writer would never remove it"
        );
        if path.ends_with(".json")
            && let Err(err) = serde_json::from_str::<serde_json::Value>(&file.contents)
        {
            panic!("`{path}` is not JSON: {err}\n{}", file.contents);
        }
    }
}

//! Generation is a pure function of the catalog: the same catalog gives the
//! same bytes, whichever run, folder listing order or file order produced it.
//! Generated files are committed, so any wobble would show up as churn in
//! every pull request.

use crate::support;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use errcat_codegen::load::load_files;
use errcat_codegen::{Targets, generate};
use proptest::prelude::*;

fn errcat(args: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .current_dir(support::outside_any_project())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "errcat {}:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn gen_into(catalog: &Path, out: &Path) -> BTreeMap<String, Vec<u8>> {
    let (catalog, out) = (catalog.to_str().unwrap(), out.to_str().unwrap());
    errcat(&["gen", "--catalog", catalog, "--out", out]);
    errcat(&[
        "site",
        "--catalog",
        catalog,
        "--out",
        &format!("{out}/site"),
    ]);
    let mut tree = support::tree(Path::new(out));
    // The one line that depends on where the catalog folder is: each run
    // here reads it from another place.
    for (path, contents) in &mut tree {
        if path.ends_with(".errcat/manifest.toml") {
            let text = String::from_utf8(std::mem::take(contents)).unwrap();
            let kept: String = text
                .split_inclusive('\n')
                .filter(|line| !line.starts_with("source = "))
                .collect();
            *contents = kept.into_bytes();
        }
    }
    tree
}

/// Names of the files that differ, for a readable failure.
fn differing(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut names: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|name| a.get(*name) != b.get(*name))
        .cloned()
        .collect();
    names.dedup();
    names
}

/// Copies the catalog's files into a new folder, creating them in reverse
/// name order, so a directory listing in creation order (as on tmpfs) comes
/// out reversed.
fn copy_reversed(catalog: &Path) -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    let mut names: Vec<_> = std::fs::read_dir(catalog)
        .unwrap()
        .flatten()
        .map(|entry| entry.file_name())
        .collect();
    names.sort();
    for name in names.iter().rev() {
        std::fs::copy(catalog.join(name), copy.path().join(name)).unwrap();
    }
    copy
}

#[test]
fn gen_twice_and_from_a_reordered_folder_gives_identical_bytes() {
    for catalog in support::catalog_dirs() {
        let first = tempfile::tempdir().unwrap();
        let second = tempfile::tempdir().unwrap();
        let reordered_out = tempfile::tempdir().unwrap();
        let one = gen_into(&catalog, first.path());
        let two = gen_into(&catalog, second.path());
        assert!(
            one.len() > 5,
            "{}: only {} files",
            catalog.display(),
            one.len()
        );
        assert_eq!(
            differing(&one, &two),
            Vec::<String>::new(),
            "{}: two runs differ",
            catalog.display()
        );

        let reordered = copy_reversed(&catalog);
        let three = gen_into(reordered.path(), reordered_out.path());
        assert_eq!(
            differing(&one, &three),
            Vec::<String>::new(),
            "{}: a folder listed in another order generates other bytes",
            catalog.display()
        );
    }
}

/// `(name, contents)` of every `*.toml` in `dir`.
fn read_catalog(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

fn generate_from(files: &[(String, Vec<u8>)]) -> Vec<errcat_codegen::OutputFile> {
    let borrowed: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, contents)| (name.as_str(), contents.as_slice()))
        .collect();
    let catalog = load_files(&borrowed).unwrap_or_else(|d| panic!("{d}"));
    generate(&catalog, &Targets::default())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Any order of the files handed to `load_files` is the same catalog.
    #[test]
    fn load_files_in_any_order_generates_the_same_files(
        (dir, shuffled) in proptest::sample::select(support::catalog_dirs())
            .prop_flat_map(|dir| {
                let files = read_catalog(&dir);
                (Just(dir), Just(files).prop_shuffle())
            })
    ) {
        let expected = generate(
            &errcat_codegen::load_dir(&dir).unwrap_or_else(|d| panic!("{d}")),
            &Targets::default(),
        );
        let actual = generate_from(&shuffled);
        let order: Vec<&str> = shuffled.iter().map(|(name, _)| name.as_str()).collect();
        prop_assert!(
            actual == expected,
            "{}: files in the order {:?} generate other output",
            dir.display(),
            order
        );
    }
}

//! The four crates errcat publishes carry what a registry and a reader need,
//! and are released as one set at one version.

use crate::support;

use toml::{Table, Value};

/// Published crates, in the order they must be published.
const PUBLISHED: [(&str, &str); 4] = [
    ("macros", "errcat-macros"),
    ("runtime", "errcat"),
    ("codegen", "errcat-codegen"),
    ("cli", "errcat-cli"),
];

fn manifest(folder: &str) -> Table {
    let path = support::repo_root().join(folder).join("Cargo.toml");
    std::fs::read_to_string(&path).unwrap().parse().unwrap()
}

fn table<'a>(value: &'a Table, key: &str) -> &'a Table {
    value[key]
        .as_table()
        .unwrap_or_else(|| panic!("`{key}` is a table"))
}

#[test]
fn every_published_crate_has_complete_metadata() {
    let root = manifest(".");
    let shared = table(table(&root, "workspace"), "package");
    for (folder, name) in PUBLISHED {
        let manifest = manifest(folder);
        let package = table(&manifest, "package");
        assert_eq!(package["name"].as_str(), Some(name));
        assert_eq!(package["publish"].as_bool(), Some(true), "{name}: publish");
        for key in ["description", "readme", "documentation"] {
            let text = package.get(key).and_then(Value::as_str).unwrap_or("");
            assert!(!text.is_empty(), "{name}: no `{key}`");
        }
        for key in ["version", "edition", "rust-version", "license"] {
            assert!(
                package.get(key).is_some() && shared.get(key).is_some(),
                "{name}: `{key}` is not the workspace's"
            );
        }
        for key in ["keywords", "categories"] {
            let list = package[key].as_array().unwrap();
            assert!((1..=5).contains(&list.len()), "{name}: 1 to 5 `{key}`");
        }
        let readme = support::repo_root().join(folder).join("README.md");
        let text = std::fs::read_to_string(&readme).unwrap();
        assert!(text.starts_with(&format!("# {name}\n")), "{name}: README");
        for license in ["LICENSE-MIT", "LICENSE-APACHE"] {
            let path = support::repo_root().join(folder).join(license);
            assert!(std::fs::metadata(path).is_ok(), "{name}: no {license}");
        }
    }
}

#[test]
fn the_set_depends_on_itself_at_exactly_its_own_version() {
    let root = manifest(".");
    let workspace = table(&root, "workspace");
    let version = table(workspace, "package")["version"].as_str().unwrap();
    let pins = table(workspace, "dependencies");
    for (folder, name) in PUBLISHED {
        let pin = pins[name].as_table().unwrap();
        assert_eq!(pin["version"].as_str(), Some(&*format!("={version}")));
        assert_eq!(pin["path"].as_str(), Some(folder));
    }
    // Each published crate names the others through those pins, so a path
    // without a version (which a registry rejects) cannot creep back in.
    for (folder, name) in PUBLISHED {
        let manifest = manifest(folder);
        let dependencies = manifest.get("dependencies").and_then(Value::as_table);
        for (dependency, spec) in dependencies.into_iter().flatten() {
            if PUBLISHED.iter().any(|(_, n)| n == dependency) {
                let inherited = spec.get("workspace").and_then(Value::as_bool);
                assert_eq!(inherited, Some(true), "{name} → {dependency}");
            }
        }
    }
}

//! Paths worked out on their names, never on the disk, so a layout gives
//! the same text on every machine: where a path really is, and one path as
//! seen from a folder. The writer's manifest, the config's checks and the
//! CLI's messages all use these.

use std::path::{Component, Path, PathBuf};

/// `path` made absolute (against the current folder), with `.` and `..`
/// worked out on the names: what two spellings of one folder share.
pub fn resolved(path: &Path) -> PathBuf {
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// `to` as seen from the folder `from`, `/`-separated (`../catalog`,
/// `../../errcat.toml`, `.` for the folder itself).
pub fn relative(from: &Path, to: &Path) -> String {
    let (from, to) = (resolved(from), resolved(to));
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|p| p.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_worked_out_without_the_disk() {
        let cases = [
            ("generated", "catalog", "../catalog"),
            (
                "examples/billing/generated",
                "examples/billing/catalog",
                "../catalog",
            ),
            ("out", "out/catalog", "catalog"),
            ("a/./b/../c", "a/d", "../d"),
            ("same", "same", "."),
            ("/w/shop/catalog", "/w/shop/errcat.toml", "../errcat.toml"),
            (
                "/w/shop/../outside/rust",
                "/w/shop/vendor",
                "../../shop/vendor",
            ),
        ];
        for (from, to, expected) in cases {
            assert_eq!(
                relative(Path::new(from), Path::new(to)),
                expected,
                "{from} -> {to}"
            );
        }
    }

    #[test]
    fn two_spellings_of_one_folder_resolve_alike() {
        assert_eq!(
            resolved(Path::new("/w/shop/../shop/./catalog")),
            Path::new("/w/shop/catalog")
        );
    }
}

//! `CHANGELOG.md`: the codes added, deprecated and retired in each version,
//! newest version first, from `since`, `deprecated.since` and
//! `retired.since`. A code without a `since` predates the changelog and is
//! not listed as added, as PostgreSQL leaves undocumented codes out of its
//! tables rather than guessing.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::docs::content;
use super::text::{code_span, escape};
use super::{OutputFile, html_notice};
use crate::model::{Catalog, Code};

#[derive(Default)]
struct Release<'a> {
    added: Vec<&'a Code>,
    deprecated: Vec<&'a Code>,
    retired: Vec<&'a Code>,
}

pub fn emit(catalog: &Catalog) -> Vec<OutputFile> {
    vec![OutputFile::new("CHANGELOG.md", render(catalog))]
}

fn render(catalog: &Catalog) -> String {
    // Walked in catalog order, so the codes of a section read in docs order.
    let mut releases: BTreeMap<VersionKey, Release> = BTreeMap::new();
    for code in &catalog.codes {
        if let Some(version) = &code.since {
            release(&mut releases, version).added.push(code);
        }
        if let Some(version) = code.deprecated.as_ref().and_then(|d| d.since.as_ref()) {
            release(&mut releases, version).deprecated.push(code);
        }
        if let Some(version) = code.retired.as_ref().and_then(|r| r.since.as_ref()) {
            release(&mut releases, version).retired.push(code);
        }
    }

    let mut out = html_notice(&catalog.name);
    out.push_str(&format!(
        "\n# {} error code changelog\n\n",
        escape(&catalog.title)
    ));
    out.push_str(
        "Error codes added, deprecated and retired in each version, newest first. \
         A code is never removed or reused: a retired code is no longer sent, but \
         clients may still meet it in stored data. Codes without a `since` version \
         predate this changelog.\n",
    );
    if releases.is_empty() {
        out.push_str(
            "\nNo code records the version that introduced, deprecated or retired it yet.\n",
        );
    }
    for (version, release) in releases.iter().rev() {
        out.push_str(&format!("\n## {}\n", escape(&version.0)));
        section(&mut out, "Added", &release.added, |code| {
            Some(match content::classification(catalog, code, false) {
                Some(class) => format!("{} ({})", escape(&code.title), escape(&class)),
                None => escape(&code.title),
            })
        });
        section(&mut out, "Deprecated", &release.deprecated, |code| {
            let advice = content::deprecation_advice(code)?;
            let mut text = content::markdown(&advice, false, &|c| code_span(c, false));
            if let Some(note) = code.deprecated.as_ref().and_then(|d| d.note.as_deref()) {
                push_sentence(&mut text, &escape(note));
            }
            Some(text)
        });
        section(&mut out, "Retired", &release.retired, |code| {
            code.retired.as_ref()?.note.as_deref().map(escape)
        });
    }
    out
}

fn release<'m, 'a>(
    releases: &'m mut BTreeMap<VersionKey, Release<'a>>,
    version: &str,
) -> &'m mut Release<'a> {
    releases.entry(VersionKey(version.to_owned())).or_default()
}

fn section(
    out: &mut String,
    heading: &str,
    codes: &[&Code],
    line: impl Fn(&Code) -> Option<String>,
) {
    if codes.is_empty() {
        return;
    }
    out.push_str(&format!("\n### {heading}\n\n"));
    for code in codes {
        match line(code) {
            Some(text) => out.push_str(&format!("- {}: {text}\n", code_span(&code.code, false))),
            None => out.push_str(&format!("- {}\n", code_span(&code.code, false))),
        }
    }
}

fn push_sentence(text: &mut String, sentence: &str) {
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(sentence);
}

/// A version string ordered the way people read versions: dot-separated
/// parts compared numerically when both are numbers (`1.10` after `1.9`),
/// missing parts as zero (`2.0` with `2.0.0`), text otherwise; equal keys
/// fall back to the spelling so the order is total.
#[derive(PartialEq, Eq)]
struct VersionKey(String);

impl Ord for VersionKey {
    fn cmp(&self, other: &Self) -> Ordering {
        let parts = |s: &str| -> Vec<String> {
            s.trim_start_matches('v')
                .split(['.', '-'])
                .map(str::to_owned)
                .collect()
        };
        let (a, b) = (parts(&self.0), parts(&other.0));
        for i in 0..a.len().max(b.len()) {
            let x = a.get(i).map_or("0", String::as_str);
            let y = b.get(i).map_or("0", String::as_str);
            let order = match (x.parse::<u64>(), y.parse::<u64>()) {
                (Ok(x), Ok(y)) => x.cmp(&y),
                _ => x.cmp(y),
            };
            if order != Ordering::Equal {
                return order;
            }
        }
        self.0.cmp(&other.0)
    }
}

impl PartialOrd for VersionKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_sort_as_people_read_them() {
        let mut versions: Vec<VersionKey> = ["1.10.0", "1.9", "v2", "1.9.0", "1.2"]
            .into_iter()
            .map(|v| VersionKey(v.to_owned()))
            .collect();
        versions.sort();
        let sorted: Vec<&str> = versions.iter().map(|v| v.0.as_str()).collect();
        assert_eq!(sorted, ["1.2", "1.9", "1.9.0", "1.10.0", "v2"]);
    }

    #[test]
    fn the_fixture_changelog_groups_by_version_newest_first() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let catalog = crate::load_dir(&dir).unwrap_or_else(|d| panic!("{d}"));
        let [file] = &emit(&catalog)[..] else {
            panic!("one changelog")
        };
        let expected = "
# Mini API error code changelog

Error codes added, deprecated and retired in each version, newest first. A code is never removed or reused: a retired code is no longer sent, but clients may still meet it in stored data. Codes without a `since` version predate this changelog.

## 2.0.0

### Deprecated

- `OLD_NOT_FOUND`: use `VERSION_NOT_FOUND` instead. Versions have their own code now.

### Retired

- `LEGACY_GONE`: No longer emitted.

## 1.0.0

### Added

- `AUTH_REQUIRED`: Auth required (401)
";
        assert_eq!(file.path, "CHANGELOG.md");
        assert!(crate::emit::is_generated(&file.contents));
        assert_eq!(file.contents.split_once('\n').unwrap().1, expected);
    }
}

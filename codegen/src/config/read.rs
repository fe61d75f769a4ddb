//! `errcat.toml` text to a [`Config`], with the catalog loader's machinery:
//! spanned TOML, typed fields, every problem located and reported at once.

use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use toml::de::{DeTable, DeValue};

use super::{Config, Entry, GitReference, Runtime, Target};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::fields::{Fields, unknown_value};
use crate::load::parse::parse as parse_toml;
use crate::load::{Context, Located, SourceFile};

const ROOT_FIELDS: &[&str] = &["rust", "catalog"];
const CATALOG_FIELDS: &[&str] = &["path", "out", "site", "targets", "rust", "docs"];
const DOCS_FIELDS: &[&str] = &["front_matter"];
const RUST_FIELDS: &[&str] = &["runtime", "crate_name"];
const RUNTIME_FIELDS: &[&str] = &["version", "path", "git", "rev", "tag", "branch"];

/// Whether the folders a config names are looked up: `load` reads a
/// project on disk, `parse` only text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Disk {
    Checked,
    Unread,
}

pub(super) fn parse(
    shown: &str,
    bytes: &[u8],
    root: PathBuf,
    disk: Disk,
) -> Result<Config, Diagnostics> {
    let mut cx = Context::new(format!("read `{shown}`"));
    let source = SourceFile::decode(&mut cx, "", shown, bytes);
    let parsed = parse_toml(&mut cx, &source);
    if !parsed.sound || cx.error_count() > 0 {
        return Err(cx.into_diagnostics());
    }
    let whole = 0..0;
    let top = Fields::new(&source, &parsed.root, format!("`{shown}`"), whole);
    top.reject_unknown(&mut cx, ROOT_FIELDS);
    let shared = match top.table(&mut cx, "rust") {
        Some(table) => {
            let fields = Fields::new(&source, table.value, "`[rust]`".to_owned(), table.span);
            // `crate_name` is known, just not here: one message, not two.
            reject_crate_name_for_all(&mut cx, &fields);
            fields.reject_unknown_but(&mut cx, &["runtime"], &["crate_name"]);
            runtime(&mut cx, &fields)
        }
        None => None,
    };
    let shared = shared.unwrap_or_default();
    let mut entries = Vec::new();
    for (table, span) in catalog_tables(&mut cx, &top) {
        let fields = Fields::new(&source, table, "a `[[catalog]]`".to_owned(), span);
        if let Some(entry) = entry(&mut cx, &fields, &shared, &root) {
            if disk == Disk::Checked {
                check_catalog_folder(&mut cx, &source, &entry);
            }
            entries.push(entry);
        }
    }
    check_across(&mut cx, &source, &entries);
    if cx.error_count() > 0 {
        return Err(cx.into_diagnostics());
    }
    Ok(Config {
        root,
        catalogs: entries.into_iter().map(|(entry, _)| entry).collect(),
    })
}

/// Where each entry's `path` and `out` are, for messages across entries.
struct Spans {
    path: Range<usize>,
    out: Range<usize>,
    /// `None` when `site` is left to its default inside `out`.
    site: Option<Range<usize>>,
    crate_name: Option<Range<usize>>,
}

fn catalog_tables<'a, 'i>(
    cx: &mut Context,
    top: &Fields<'a, 'i>,
) -> Vec<(&'a DeTable<'i>, Range<usize>)> {
    let help = "add one per catalog:\n\n    [[catalog]]\n    path = \"catalog\"    # the folder holding `catalog.toml`\n    out = \"generated\"   # where `errcat gen` writes";
    let Some((value, span)) = top.get("catalog") else {
        cx.report(
            Diagnostic::error(format!("`{}` lists no catalog", top.file.shown))
                .with_path(&top.file.shown)
                .with_help(help),
        );
        return Vec::new();
    };
    let DeValue::Array(items) = value else {
        cx.report(
            Diagnostic::error("`catalog` must be an array of tables, `[[catalog]]`")
                .with_label(&top.file.shown, span, "expected `[[catalog]]`")
                .with_help(help),
        );
        return Vec::new();
    };
    if items.is_empty() {
        cx.report(
            Diagnostic::error(format!("`{}` lists no catalog", top.file.shown))
                .with_label(&top.file.shown, span, "empty")
                .with_help(help),
        );
    }
    let mut tables = Vec::new();
    for item in items.iter() {
        match item.get_ref() {
            DeValue::Table(table) => tables.push((table, item.span())),
            _ => cx.report(
                Diagnostic::error("each `catalog` must be a table")
                    .with_label(&top.file.shown, item.span(), "expected a table")
                    .with_help(help),
            ),
        }
    }
    tables
}

fn entry(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    shared: &Runtime,
    root: &Path,
) -> Option<(Entry, Spans)> {
    fields.reject_unknown(cx, CATALOG_FIELDS);
    let catalog = relative(cx, fields, "path", true);
    let out = relative(cx, fields, "out", true);
    let site = relative(cx, fields, "site", false);
    let targets = targets(cx, fields);
    let (runtime, crate_name) = match table(cx, fields, "rust", "`[catalog.rust]`") {
        Some(rust) => {
            rust.reject_unknown(cx, RUST_FIELDS);
            (
                runtime(cx, &rust).unwrap_or_else(|| shared.clone()),
                crate_name(cx, &rust),
            )
        }
        None => (shared.clone(), None),
    };
    let front_matter = match table(cx, fields, "docs", "`[catalog.docs]`") {
        Some(docs) => {
            docs.reject_unknown(cx, DOCS_FIELDS);
            docs.bool(cx, "front_matter").is_some_and(|b| b.value)
        }
        None => false,
    };
    let (catalog, out) = (catalog?, out?);
    let site_span = site.as_ref().map(|s| s.span.clone());
    let crate_name_span = crate_name.as_ref().map(|n| n.span.clone());
    let site = site.map_or_else(|| out.value.join("site"), |s| s.value);
    let spans = Spans {
        path: catalog.span,
        out: out.span,
        site: site_span,
        crate_name: crate_name_span,
    };
    let entry = Entry {
        root: root.to_path_buf(),
        catalog: catalog.value,
        out: out.value,
        site,
        targets: targets?,
        runtime,
        crate_name: crate_name.map(|n| n.value),
        front_matter,
    };
    Some((entry, spans))
}

/// The table at `key` of `fields`, named `owner` in messages.
fn table<'a, 'i>(
    cx: &mut Context,
    fields: &Fields<'a, 'i>,
    key: &str,
    owner: &str,
) -> Option<Fields<'a, 'i>> {
    let table = fields.table(cx, key)?;
    Some(Fields::new(
        fields.file,
        table.value,
        owner.to_owned(),
        table.span,
    ))
}

/// A folder relative to the config's: present if `required`, not empty,
/// not absolute (a committed config must mean the same in every clone).
fn relative(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    key: &str,
    required: bool,
) -> Option<Located<PathBuf>> {
    let written = if required {
        fields.required_string(cx, key)?
    } else {
        fields.string(cx, key)?
    };
    let path = Path::new(&written.value);
    let problem = if written.value.trim().is_empty() {
        Some((
            "is empty",
            "name a folder, relative to the folder holding `errcat.toml`, e.g. `generated`",
        ))
    } else if path.is_absolute() || path.has_root() || written.value.starts_with('\\') {
        Some((
            "is absolute",
            "write it relative to the folder holding `errcat.toml`, so the config works in every clone",
        ))
    } else if written.value.contains('\\') {
        // A folder name on Linux, a separator on Windows: the same config
        // would mean two layouts.
        Some((
            "holds a `\\`",
            "separate folders with `/`, which means the same on every system",
        ))
    } else {
        None
    };
    if let Some((what, help)) = problem {
        cx.report(
            Diagnostic::error(format!("`{key}` of {} {what}", fields.owner))
                .with_label(
                    &fields.file.shown,
                    written.span,
                    "a relative folder expected",
                )
                .with_help(help),
        );
        return None;
    }
    Some(Located::new(normalized(path), written.span))
}

/// `./a/b/../c/` → `a/c`, on the names alone.
fn normalized(path: &Path) -> PathBuf {
    let mut parts: Vec<Component<'_>> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(parts.last(), Some(Component::Normal(_))) => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    if parts.is_empty() {
        PathBuf::from(".")
    } else {
        parts.iter().collect()
    }
}

fn targets(cx: &mut Context, fields: &Fields<'_, '_>) -> Option<Vec<Target>> {
    if fields.get("targets").is_none() {
        return Some(
            Target::ALL
                .into_iter()
                .filter(|t| t.on_by_default())
                .collect(),
        );
    }
    let errors = cx.error_count();
    let names = fields.strings(cx, "targets");
    let allowed = Target::ALL.map(Target::as_str);
    let mut targets: Vec<(Target, Range<usize>)> = Vec::new();
    for name in &names {
        let Some(target) = Target::parse(&name.value) else {
            cx.report(unknown_value(
                format!("unknown target `{}` in {}", name.value, fields.owner),
                (&fields.file.shown, name, "not a target".to_owned()),
                &allowed,
                &[("markdown", "docs"), ("ts", "typescript")],
            ));
            continue;
        };
        if let Some((_, first)) = targets.iter().find(|(t, _)| *t == target) {
            cx.report(
                Diagnostic::error(format!("target `{}` is listed twice", name.value))
                    .with_label(&fields.file.shown, name.span.clone(), "listed again here")
                    .with_context(&fields.file.shown, first.clone(), "first listed here")
                    .with_help("remove one of them"),
            );
            continue;
        }
        targets.push((target, name.span.clone()));
    }
    if cx.error_count() > errors {
        return None;
    }
    if targets.is_empty() {
        let (_, span) = fields.get("targets")?;
        cx.report(
            Diagnostic::error(format!("`targets` of {} is empty", fields.owner))
                .with_label(&fields.file.shown, span, "nothing to generate")
                .with_help(format!(
                    "list what `errcat gen` writes, from {}; or leave `targets` out for all of them",
                    crate::load::fields::list(&allowed)
                )),
        );
        return None;
    }
    let mut targets: Vec<Target> = targets.into_iter().map(|(t, _)| t).collect();
    targets.sort();
    Some(targets)
}

fn reject_crate_name_for_all(cx: &mut Context, fields: &Fields<'_, '_>) {
    if let Some(span) = fields.key_span("crate_name") {
        cx.report(
            Diagnostic::error("`crate_name` in `[rust]` would give every catalog's crate one name")
                .with_label(&fields.file.shown, span, "set for every catalog")
                .with_help(
                    "set it per catalog, in a `[catalog.rust]` table after its `[[catalog]]`",
                ),
        );
    }
}

fn crate_name(cx: &mut Context, fields: &Fields<'_, '_>) -> Option<Located<String>> {
    let name = fields.string(cx, "crate_name")?;
    let valid = name.value.len() <= 64
        && name.value.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        return Some(name);
    }
    cx.report(
        Diagnostic::error(format!("`{}` is not a crate name", name.value))
            .with_label(&fields.file.shown, name.span, "not a crate name")
            .with_help("use up to 64 ASCII letters, digits, `-` and `_`, starting with a letter"),
    );
    None
}

/// `runtime = "0.1"`, or a table with exactly one of `version`, `path` and
/// `git` (the last with at most one of `rev`, `tag` and `branch`).
fn runtime(cx: &mut Context, fields: &Fields<'_, '_>) -> Option<Runtime> {
    let (value, span) = fields.get("runtime")?;
    match value {
        DeValue::String(version) => {
            let written = Located::new(version.to_string(), span);
            return requirement(cx, fields, "runtime", &written);
        }
        DeValue::Integer(_) | DeValue::Float(_) => {
            cx.report(
                Diagnostic::error(format!(
                    "`runtime` of {} must be a string or a table, found a number",
                    fields.owner
                ))
                .with_label(&fields.file.shown, span, "a number")
                .with_help("quote a version, as in `Cargo.toml`: `runtime = \"0.1\"`"),
            );
            return None;
        }
        _ => {}
    }
    let table = fields.table(cx, "runtime")?;
    let runtime = Fields::new(
        fields.file,
        table.value,
        format!("the `runtime` of {}", fields.owner),
        table.span.clone(),
    );
    runtime.reject_unknown(cx, RUNTIME_FIELDS);
    let sources: Vec<&str> = ["version", "path", "git"]
        .into_iter()
        .filter(|key| runtime.get(key).is_some())
        .collect();
    let references: Vec<GitReference> = GitReference::ALL
        .into_iter()
        .filter(|kind| runtime.get(kind.as_str()).is_some())
        .collect();
    let label = |cx: &mut Context, message: String, help: &str| {
        cx.report(
            Diagnostic::error(message)
                .with_label(&fields.file.shown, table.span.clone(), "here")
                .with_help(help.to_owned()),
        );
    };
    let one_source = "give one of `version = \"0.1\"`, `path = \"<folder>\"` or `git = \"<url>\"`";
    match sources.as_slice() {
        [] => {
            label(
                cx,
                format!("the `runtime` of {} says nothing", fields.owner),
                one_source,
            );
            return None;
        }
        [_] => {}
        several => {
            let list: Vec<String> = several.iter().map(|k| format!("`{k}`")).collect();
            label(
                cx,
                format!(
                    "the `runtime` of {} has {}",
                    fields.owner,
                    list.join(" and ")
                ),
                &format!("{one_source}: the generated crate depends on the runtime one way"),
            );
            return None;
        }
    }
    let named: Vec<String> = references
        .iter()
        .map(|kind| format!("`{}`", kind.as_str()))
        .collect();
    let problem = if sources != ["git"] && !references.is_empty() {
        Some(format!("has {} but no `git`", named.join(" and ")))
    } else if references.len() > 1 {
        Some(format!("has both {}", named.join(" and ")))
    } else {
        None
    };
    if let Some(problem) = problem {
        label(
            cx,
            format!("the `runtime` of {} {problem}", fields.owner),
            "`rev`, `tag` and `branch` pick a commit of a `git` runtime: give at most one, beside `git`",
        );
        return None;
    }
    match sources[0] {
        "version" => {
            let version = runtime.string(cx, "version")?;
            requirement(cx, &runtime, "version", &version)
        }
        "path" => relative(cx, &runtime, "path", true).map(|path| Runtime::Path(path.value)),
        _ => {
            let url = runtime.string(cx, "git")?;
            let reference = match references.first() {
                Some(kind) => Some((*kind, runtime.string(cx, kind.as_str())?)),
                None => None,
            };
            let empty = std::iter::once(("git", &url))
                .chain(reference.iter().map(|(kind, value)| (kind.as_str(), value)))
                .find(|(_, value)| value.value.trim().is_empty());
            if let Some((key, value)) = empty {
                cx.report(
                    Diagnostic::error(format!("`{key}` of {} is empty", runtime.owner))
                        .with_label(&fields.file.shown, value.span.clone(), "empty")
                        .with_help(format!(
                            "give the `{key}` cargo should fetch, or leave it out"
                        )),
                );
                return None;
            }
            let reference = reference.map(|(kind, value)| (kind, value.value));
            Some(Runtime::Git {
                url: url.value,
                reference,
            })
        }
    }
}

/// A cargo version requirement (`0.1`, `=0.1.2`, `>=0.1, <0.3`).
fn requirement(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    key: &str,
    written: &Located<String>,
) -> Option<Runtime> {
    let text = written.value.trim();
    // What cargo accepts as a dependency's version, by cargo's own parser.
    if semver::VersionReq::parse(text).is_ok() {
        return Some(Runtime::Registry(text.to_owned()));
    }
    cx.report(
        Diagnostic::error(format!(
            "`{key}` of {} must be a version requirement, found `{}`",
            fields.owner, written.value
        ))
        .with_label(&fields.file.shown, written.span.clone(), "not a version")
        .with_help(format!(
            "write a version such as `\"{}\"`, as in `Cargo.toml`",
            env!("CARGO_PKG_VERSION")
        )),
    );
    None
}

/// A catalog folder that is not there is the config's mistake, so it is
/// shown at the config's line.
fn check_catalog_folder(cx: &mut Context, source: &SourceFile, (entry, spans): &(Entry, Spans)) {
    let folder = entry.root.join(&entry.catalog);
    let problem = if resolved(&entry.root, &entry.catalog) == resolved(&entry.root, Path::new("."))
    {
        "is the folder of `errcat.toml`, which it would read as a code file"
    } else if !folder.exists() {
        "does not exist"
    } else if !folder.is_dir() {
        "is not a folder"
    } else if !folder.join(crate::load::CATALOG_FILE).is_file() {
        "holds no `catalog.toml`"
    } else {
        return;
    };
    cx.report(
        Diagnostic::error(format!(
            "the catalog folder `{}` {problem}",
            entry.catalog.display()
        ))
        .with_label(&source.shown, spans.path.clone(), "the catalog folder")
        .with_help(format!(
            "set `path` to the folder holding `catalog.toml`, relative to the folder of `{}`; `errcat init` starts a catalog",
            source.shown
        )),
    );
}

/// One folder a config names, for the checks across entries.
struct Folder<'e> {
    path: &'e Path,
    /// Where it is: absolute, `..` resolved, so `../p/catalog` from `p`
    /// is `catalog`.
    resolved: PathBuf,
    /// `path`, `out` or `site`.
    key: &'static str,
    catalog: &'e Path,
    span: Range<usize>,
}

impl Folder<'_> {
    fn named(&self) -> String {
        match self.key {
            "path" => format!("the catalog folder `{}`", self.catalog.display()),
            key => format!("`{key}` of the catalog `{}`", self.catalog.display()),
        }
    }

    /// Named beside another folder of the same `[[catalog]]`.
    fn named_here(&self) -> String {
        match self.key {
            "path" => "the catalog's own folder".to_owned(),
            key => format!("its `{key}`"),
        }
    }
}

/// `a` is `b` or inside it (both [`resolved`]).
fn within(a: &Path, b: &Path) -> bool {
    a.starts_with(b)
}

/// `path` (relative to `root`) where it really is.
fn resolved(root: &Path, path: &Path) -> PathBuf {
    crate::paths::resolved(&root.join(path))
}

/// No two folders a config names may be one or nest, except a default
/// `site` inside its own `out`, which errcat keeps apart: every output
/// folder is its own (a run removes what it wrote there and no longer
/// writes), and no output goes into a catalog folder or holds one.
fn check_across(cx: &mut Context, source: &SourceFile, entries: &[(Entry, Spans)]) {
    let shown = &source.shown;
    let mut folders: Vec<Folder<'_>> = Vec::new();
    for (entry, spans) in entries {
        folders.push(Folder {
            resolved: resolved(&entry.root, &entry.catalog),
            path: &entry.catalog,
            key: "path",
            catalog: &entry.catalog,
            span: spans.path.clone(),
        });
        folders.push(Folder {
            resolved: resolved(&entry.root, &entry.out),
            path: &entry.out,
            key: "out",
            catalog: &entry.catalog,
            span: spans.out.clone(),
        });
        if let Some(span) = &spans.site {
            folders.push(Folder {
                resolved: resolved(&entry.root, &entry.site),
                path: &entry.site,
                key: "site",
                catalog: &entry.catalog,
                span: span.clone(),
            });
        }
    }
    for (i, (entry, spans)) in entries.iter().enumerate() {
        let (Some(name), Some(span)) = (&entry.crate_name, &spans.crate_name) else {
            continue;
        };
        let earlier = entries[..i].iter().find_map(|(e, s)| {
            s.crate_name
                .as_ref()
                .filter(|_| e.crate_name.as_ref() == Some(name))
        });
        if let Some(first) = earlier {
            cx.report(
                Diagnostic::error(format!("two catalogs' crates are named `{name}`"))
                    .with_label(shown, span.clone(), "named again here")
                    .with_context(shown, first.clone(), "first named here")
                    .with_help("give each generated crate its own `crate_name`: cargo cannot tell two packages of one name apart"),
            );
        }
    }
    for (i, later) in folders.iter().enumerate() {
        for earlier in &folders[..i] {
            let both_catalogs = later.key == "path" && earlier.key == "path";
            // A catalog listed twice is one mistake, not one per folder.
            if !both_catalogs
                && later.catalog == earlier.catalog
                && !std::ptr::eq(later.catalog, earlier.catalog)
            {
                continue;
            }
            let same_entry = std::ptr::eq(later.catalog, earlier.catalog);
            // The second folder of a pair, named as the first's neighbour.
            let beside = |folder: &Folder<'_>| {
                if same_entry {
                    folder.named_here()
                } else {
                    folder.named()
                }
            };
            let (problem, labels) = if later.resolved == earlier.resolved {
                if both_catalogs {
                    (
                        format!("the catalog `{}` is listed twice", later.path.display()),
                        ("listed again here", "first listed here"),
                    )
                } else if same_entry {
                    (
                        format!("{} is {}", later.named(), earlier.named_here()),
                        ("this folder", "the same folder"),
                    )
                } else {
                    (
                        format!(
                            "{} and {} are one folder, `{}`",
                            later.named(),
                            earlier.named(),
                            later.path.display()
                        ),
                        ("this folder", "the same folder"),
                    )
                }
            } else if both_catalogs {
                continue;
            } else if within(&later.resolved, &earlier.resolved) {
                (
                    format!("{} is inside {}", later.named(), beside(earlier)),
                    ("this folder", "holds it"),
                )
            } else if within(&earlier.resolved, &later.resolved) {
                (
                    format!("{} is inside {}", earlier.named(), beside(later)),
                    ("this folder holds it", "this folder"),
                )
            } else {
                continue;
            };
            let diagnostic = Diagnostic::error(problem)
                .with_label(shown, later.span.clone(), labels.0)
                .with_context(shown, earlier.span.clone(), labels.1);
            cx.report(if both_catalogs {
                diagnostic.with_help("remove one of the two `[[catalog]]` tables")
            } else {
                diagnostic
                    .with_note("errcat removes the outputs it wrote in a folder and no longer writes, so each output folder holds one catalog's outputs of one kind, and nothing else")
                    .with_help("give each output a folder of its own, beside the catalog folders and the other outputs, e.g. `generated` and `site`")
            });
        }
    }
}

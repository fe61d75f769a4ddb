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

pub(super) fn parse(shown: &str, bytes: &[u8], root: PathBuf) -> Result<Config, Diagnostics> {
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
        if let Some(entry) = entry(&mut cx, &fields, &shared) {
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

fn entry(cx: &mut Context, fields: &Fields<'_, '_>, shared: &Runtime) -> Option<(Entry, Spans)> {
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
    let site = site.map_or_else(|| out.value.join("site"), |s| s.value);
    let spans = Spans {
        path: catalog.span,
        out: out.span,
    };
    let entry = Entry {
        catalog: catalog.value,
        out: out.value,
        site,
        targets: targets?,
        runtime,
        crate_name,
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
        Some(("is empty", "name a folder, e.g. `.` for the config's own"))
    } else if path.is_absolute() || path.has_root() {
        Some((
            "is absolute",
            "write it relative to the folder holding `errcat.toml`, so the config works in every clone",
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
        return Some(Target::ALL.to_vec());
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

fn crate_name(cx: &mut Context, fields: &Fields<'_, '_>) -> Option<String> {
    let name = fields.string(cx, "crate_name")?;
    let valid = name.value.len() <= 64
        && name.value.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        return Some(name.value);
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
    if let DeValue::String(version) = value {
        return requirement(
            cx,
            fields,
            "runtime",
            &Located::new(version.to_string(), span),
        );
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
                Some(kind) => Some((*kind, runtime.string(cx, kind.as_str())?.value)),
                None => None,
            };
            Some(Runtime::Git {
                url: url.value,
                reference,
            })
        }
    }
}

/// A cargo version requirement: digits and dots after an optional
/// operator, which is all cargo itself accepts here.
fn requirement(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    key: &str,
    written: &Located<String>,
) -> Option<Runtime> {
    let text = written.value.trim();
    let bare = text.trim_start_matches(['=', '^', '~', '>', '<']).trim();
    let valid = !bare.is_empty()
        && bare.split('.').count() <= 3
        && bare
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    if valid {
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

/// Two entries may not share a catalog folder or an output folder, and no
/// catalog may write into its own folder.
fn check_across(cx: &mut Context, source: &SourceFile, entries: &[(Entry, Spans)]) {
    let shown = &source.shown;
    for (i, (entry, spans)) in entries.iter().enumerate() {
        if entry.out == entry.catalog {
            cx.report(
                Diagnostic::error(format!(
                    "`out` of the catalog `{}` is its own folder",
                    entry.catalog.display()
                ))
                .with_label(shown, spans.out.clone(), "the catalog's folder")
                .with_help("write the outputs beside the catalog, e.g. `out = \"generated\"`"),
            );
        }
        for (earlier, earlier_spans) in &entries[..i] {
            if earlier.catalog == entry.catalog {
                cx.report(
                    Diagnostic::error(format!(
                        "the catalog `{}` is listed twice",
                        entry.catalog.display()
                    ))
                    .with_label(shown, spans.path.clone(), "listed again here")
                    .with_context(shown, earlier_spans.path.clone(), "first listed here")
                    .with_help("remove one of the two `[[catalog]]` tables"),
                );
            }
            if earlier.out == entry.out {
                cx.report(
                    Diagnostic::error(format!("two catalogs write to `{}`", entry.out.display()))
                        .with_label(shown, spans.out.clone(), "written again here")
                        .with_context(shown, earlier_spans.out.clone(), "first written here")
                        .with_help("give each catalog its own `out` folder"),
                );
            }
        }
    }
}

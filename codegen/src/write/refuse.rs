//! When errcat will not write a folder: each refusal says what was found
//! and what to pass instead, and comes before anything is changed.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use super::{Manifest, Owner, WriteError, folder, head};
use crate::diagnostic::Diagnostic;
use crate::emit::{GENERATED_MARKER, OutputFile, notice_catalog};

/// Refusals that need no lock: a folder that is a repository, or holds
/// one, or holds other catalogs' outputs, is not an output folder.
pub(super) fn unsafe_folder(out_dir: &Path, owner: Owner<'_>) -> Result<(), WriteError> {
    if out_dir.exists() && !out_dir.is_dir() {
        return Err(WriteError::refused(
            Diagnostic::error(format!("output folder `{}` is a file", out_dir.display()))
                .with_path(&out_dir.display().to_string())
                .with_help("set `out` (in `errcat.toml`, or `--out`) to a folder of its own for the generated files"),
        ));
    }
    let scan = folder::scan(out_dir, false)?;
    let shown = out_dir.display().to_string();
    let help = format!(
        "set `out` (in `errcat.toml`, or `--out`) to a folder of its own for the `{}` catalog's outputs, such as `generated`",
        owner.catalog
    );
    if let Some(repository) = scan.repositories.first() {
        let holder = repository.parent().unwrap_or(out_dir);
        let what = if holder == out_dir {
            format!("output folder `{shown}` is the root of a repository")
        } else {
            format!(
                "output folder `{shown}` holds the repository `{}`",
                holder.display()
            )
        };
        return Err(WriteError::refused(
            Diagnostic::error(what)
                .with_path(&repository.display().to_string())
                .with_note("errcat removes the outputs it no longer generates, so it writes only into a folder that holds nothing else of value")
                .with_help(help),
        ));
    }
    // The same catalog's other outputs (its site inside its docs, say) are
    // no danger: each folder removes only what its own manifest lists.
    let foreign = scan.nested_manifests.iter().find_map(|path| {
        let catalog = fs::read_to_string(path)
            .ok()
            .and_then(|text| Manifest::parse(&text).ok())
            .map(|m| m.catalog);
        (catalog.as_deref() != Some(owner.catalog)).then_some((path, catalog))
    });
    if let Some((nested, catalog)) = foreign {
        let other = catalog.map_or_else(String::new, |c| format!(" of the `{c}` catalog"));
        let folder = nested
            .parent()
            .and_then(Path::parent)
            .unwrap_or(out_dir)
            .display();
        return Err(WriteError::refused(
            Diagnostic::error(format!(
                "output folder `{shown}` holds the outputs{other} in `{folder}`"
            ))
            .with_path(&nested.display().to_string())
            .with_note("each catalog's outputs need a folder of their own, so that one catalog never removes another's files")
            .with_help(help),
        ));
    }
    Ok(())
}

/// A folder whose manifest names another catalog is that catalog's; so is
/// one written from another folder that still holds a catalog of the same
/// name (a catalog that moved left nothing behind).
pub(super) fn foreign(
    out_dir: &Path,
    owner: Owner<'_>,
    previous: Option<&Manifest>,
) -> Result<(), WriteError> {
    let Some(previous) = previous else {
        return Ok(());
    };
    let path = folder::manifest_path(out_dir);
    if previous.kind != owner.kind {
        let (held, wanted, setting) = match previous.kind {
            super::Kind::Generated => (
                "the generated outputs",
                "its site",
                "`site` in `errcat.toml`, or `--out` of `errcat site`,",
            ),
            super::Kind::Site => (
                "the site",
                "its generated outputs",
                "`out` in `errcat.toml`, or `--out` of `errcat gen`,",
            ),
        };
        return Err(WriteError::refused(
            Diagnostic::error(format!(
                "output folder `{}` holds {held} of the `{}` catalog, and {wanted} would remove them",
                out_dir.display(),
                previous.catalog
            ))
            .with_path(&path.display().to_string())
            .with_note("each kind of output needs a folder of its own: a run removes what it wrote before and no longer writes")
            .with_help(format!(
                "set {setting} to a folder of its own beside this one, such as `{}`",
                out_dir
                    .parent()
                    .unwrap_or(Path::new(""))
                    .join(match previous.kind {
                        super::Kind::Generated => "site",
                        super::Kind::Site => "generated",
                    })
                    .display()
            )),
        ));
    }
    if previous.catalog == owner.catalog {
        let (Some(recorded), Some(source)) = (&previous.source, owner.source) else {
            return Ok(());
        };
        let other = out_dir.join(recorded);
        let same = crate::paths::relative(out_dir, source) == *recorded;
        if same || !other.join(crate::load::CATALOG_FILE).is_file() {
            return Ok(());
        }
        return Err(WriteError::refused(
            Diagnostic::error(format!(
                "output folder `{}` holds the outputs of the `{}` catalog in `{}`, not of the one in `{}`",
                out_dir.display(),
                previous.catalog,
                other.display(),
                source.display()
            ))
            .with_path(&path.display().to_string())
            .with_note("each catalog's outputs need a folder of their own, so that one catalog never removes another's files")
            .with_help(format!(
                "set `out` (in `errcat.toml`, or `--out`) to a folder of its own for the catalog in `{}`",
                source.display()
            )),
        ));
    }
    Err(WriteError::refused(
        Diagnostic::error(format!(
            "output folder `{}` holds the outputs of the `{}` catalog, not of `{}`",
            out_dir.display(),
            previous.catalog,
            owner.catalog
        ))
        .with_path(&path.display().to_string())
        .with_note("each catalog's outputs need a folder of their own, so that one catalog never removes another's files")
        .with_help(format!(
            "set `out` (in `errcat.toml`, or `--out`) to a folder of its own for `{}`; if `{}` was renamed to `{}`, delete `{}` and run again (the files it lists are then kept, not removed)",
            owner.catalog,
            previous.catalog,
            owner.catalog,
            path.display()
        )),
    ))
}

/// Whether an output may replace the file `old` (its first bytes are
/// enough) at `path`: a file this catalog wrote, by the record or, where
/// there is none yet, by its notice. A file that only quotes the marker, or
/// carries another catalog's notice, is not this run's to replace.
pub(super) fn may_replace(
    owner: Owner<'_>,
    owned_before: &BTreeSet<String>,
    path: &str,
    old: &str,
) -> bool {
    owned_before.contains(path) || notice_catalog(old) == Some(owner.catalog)
}

/// Outputs that would replace a file this catalog did not write: judged by
/// the file's first bytes, so a large output folder is not read twice.
pub(super) fn in_the_way(
    out_dir: &Path,
    owner: Owner<'_>,
    previous: Option<&Manifest>,
    files: &[OutputFile],
) -> Result<(), WriteError> {
    let owned = previous.map(|m| m.files.clone()).unwrap_or_default();
    let blocked: Vec<String> = files
        .iter()
        .filter(|file| {
            head(&out_dir.join(&file.path))
                .is_some_and(|old| !may_replace(owner, &owned, &file.path, &old))
        })
        .map(|file| file.path.clone())
        .collect();
    if blocked.is_empty() {
        Ok(())
    } else {
        Err(not_ours(out_dir, owner, &blocked))
    }
}

/// One diagnostic per output path that holds a file this catalog did not
/// write: another catalog's output, or a hand-written file.
pub(super) fn not_ours(out_dir: &Path, owner: Owner<'_>, paths: &[String]) -> WriteError {
    let diagnostics = paths
        .iter()
        .map(|relative| {
            let path = out_dir.join(relative);
            let shown = path.display().to_string();
            let other = head(&path).and_then(|old| notice_catalog(&old).map(str::to_owned));
            match other {
                Some(other) => Diagnostic::error(format!(
                    "`{shown}` is an output of the `{other}` catalog, and an output of `{}` would replace it",
                    owner.catalog
                ))
                .with_path(&shown)
                .with_note("each catalog's outputs need a folder of their own, so that one catalog never replaces another's files")
                .with_help(format!(
                    "set `out` (in `errcat.toml`, or `--out`) to a folder of its own for the `{}` catalog's outputs",
                    owner.catalog
                )),
                None => Diagnostic::error(format!(
                    "`{shown}` was not written by errcat, and an output would replace it"
                ))
                .with_path(&shown)
                .with_note(format!(
                    "it has no `{}` notice of the `{}` catalog, and `{}` does not list it",
                    GENERATED_MARKER,
                    owner.catalog,
                    folder::manifest_path(out_dir).display()
                ))
                .with_help("move the file somewhere else, or set `out` (in `errcat.toml`, or `--out`) to a folder of its own for the generated files"),
            }
        })
        .collect();
    WriteError::Refused(diagnostics)
}

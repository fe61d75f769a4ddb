//! When errcat will not write a folder: each refusal says what was found
//! and what to pass instead, and comes before anything is changed.

use std::fs;
use std::path::Path;

use super::{Manifest, Owner, WriteError, folder, head};
use crate::diagnostic::Diagnostic;
use crate::emit::{OutputFile, is_generated};

/// Refusals that need no lock: a folder that is a repository, or holds
/// one, or holds other catalogs' outputs, is not an output folder.
pub(super) fn unsafe_folder(out_dir: &Path, owner: Owner<'_>) -> Result<(), WriteError> {
    if out_dir.exists() && !out_dir.is_dir() {
        return Err(WriteError::refused(
            Diagnostic::error(format!("output folder `{}` is a file", out_dir.display()))
                .with_path(&out_dir.display().to_string())
                .with_help("pass `--out` a folder of its own for the generated files"),
        ));
    }
    let scan = folder::scan(out_dir, false)?;
    let shown = out_dir.display().to_string();
    let help = format!(
        "pass `--out` a folder of its own for the `{}` catalog's outputs, such as `generated`",
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

/// A folder whose manifest names another catalog is that catalog's.
pub(super) fn foreign(
    out_dir: &Path,
    owner: Owner<'_>,
    previous: Option<&Manifest>,
) -> Result<(), WriteError> {
    let Some(previous) = previous.filter(|m| m.catalog != owner.catalog) else {
        return Ok(());
    };
    let path = folder::manifest_path(out_dir);
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
            "pass `--out` a folder of its own for `{}`; if `{}` was renamed to `{}`, delete `{}` and run again (the files it lists are then kept, not removed)",
            owner.catalog,
            previous.catalog,
            owner.catalog,
            path.display()
        )),
    ))
}

/// Outputs that would replace a file errcat did not write: judged by the
/// file's first bytes, so a large output folder is not read twice.
pub(super) fn hand_written(
    out_dir: &Path,
    previous: Option<&Manifest>,
    files: &[OutputFile],
) -> Result<(), WriteError> {
    let in_the_way: Vec<String> = files
        .iter()
        .filter(|file| previous.is_none_or(|m| !m.files.contains(&file.path)))
        .filter(|file| head(&out_dir.join(&file.path)).is_some_and(|head| !is_generated(&head)))
        .map(|file| file.path.clone())
        .collect();
    if in_the_way.is_empty() {
        Ok(())
    } else {
        Err(hand_written_in_the_way(out_dir, &in_the_way))
    }
}

pub(super) fn hand_written_in_the_way(out_dir: &Path, paths: &[String]) -> WriteError {
    let diagnostics = paths
        .iter()
        .map(|relative| {
            let path = out_dir.join(relative);
            Diagnostic::error(format!(
                "`{}` was not written by errcat, and an output would replace it",
                path.display()
            ))
            .with_path(&path.display().to_string())
            .with_note(format!(
                "it has no `{}` notice, and `{}` does not list it",
                crate::emit::GENERATED_MARKER,
                folder::manifest_path(out_dir).display()
            ))
            .with_help("move the file somewhere else, or pass `--out` a folder of its own for the generated files")
        })
        .collect();
    WriteError::Refused(diagnostics)
}

//! Reading a catalog folder: every entry that looks like a catalog file is
//! read or reported, never skipped. A code file that silently went missing
//! would take its codes out of every output without a word.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics};

/// Far above any real catalog file (10,000 codes take about 3 MB), and low
/// enough that a stray dump or a device is refused before it is read.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// `(file name, contents)` of every `*.toml` directly inside `dir`, in name
/// order; whatever looks like one but cannot be read is pushed to
/// `diagnostics` instead.
pub(super) fn read_catalog_files(
    dir: &Path,
    shown_dir: &str,
    diagnostics: &mut Diagnostics,
) -> Vec<(String, Vec<u8>)> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            diagnostics.push(
                Diagnostic::error(format!(
                    "could not read catalog folder `{shown_dir}`: {err}"
                ))
                .with_path(shown_dir),
            );
            return Vec::new();
        }
    };
    let mut names = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                match entry.file_name().into_string() {
                    Ok(name) => names.push(name),
                    Err(raw) => {
                        let lossy = raw.to_string_lossy().into_owned();
                        if looks_like_catalog_file(&lossy) {
                            let shown = format!("{shown_dir}{lossy}");
                            diagnostics.push(
                            Diagnostic::error(format!("the name of `{shown}` is not UTF-8"))
                                .with_path(&shown)
                                .with_help("rename it: catalog file names are UTF-8 and end in `.toml`"),
                        );
                        }
                    }
                }
            }
            Err(err) => diagnostics.push(
                Diagnostic::error(format!(
                    "could not list catalog folder `{shown_dir}`: {err}"
                ))
                .with_path(shown_dir),
            ),
        }
    }
    names.retain(|name| looks_like_catalog_file(name));
    names.sort();
    let mut files = Vec::with_capacity(names.len());
    for name in names {
        let shown = format!("{shown_dir}{name}");
        match read_one(&dir.join(&name), &name) {
            Ok(bytes) => files.push((name, bytes)),
            Err(problem) => diagnostics.push(problem.with_path(&shown)),
        }
    }
    files
}

/// Whether `name` would be taken for a catalog file by someone reading the
/// folder: `.toml` in any case. Emacs marks a file it is editing with a
/// link `.#name` to nowhere; that is not a file of the catalog.
fn looks_like_catalog_file(name: &str) -> bool {
    name.len() >= ".toml".len()
        && name.to_ascii_lowercase().ends_with(".toml")
        && !name.starts_with(".#")
}

const READ_ANYWAY: &str = "every `*.toml` directly inside the catalog folder is a catalog file";

/// The bytes of one catalog file, or why they cannot be had. The
/// diagnostic comes without a location; the caller adds the path.
fn read_one(path: &Path, name: &str) -> Result<Vec<u8>, Diagnostic> {
    let (stem, extension) = name.split_at(name.len() - ".toml".len());
    if extension != ".toml" {
        return Err(Diagnostic::error(format!(
            "`{name}` ends in `{extension}`, but catalog files end in lower-case `.toml`, so its codes would not be loaded"
        ))
        .with_help(format!(
            "rename it to `{stem}.toml`, or move it out of the catalog folder"
        )));
    }
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) => return Err(unfollowable(path, name, &err)),
    };
    if meta.is_dir() {
        return Err(
            Diagnostic::error(format!("`{name}` is a folder, not a catalog file"))
                .with_note(READ_ANYWAY)
                .with_help(
                    "rename the folder so its name does not end in `.toml`, or move it out of the catalog folder",
                ),
        );
    }
    if !meta.is_file() {
        return Err(Diagnostic::error(format!(
            "`{name}` is a {}, not a regular file",
            special_kind(&meta)
        ))
        .with_note(READ_ANYWAY)
        .with_help(format!(
            "replace `{name}` with a regular file, or move it out of the catalog folder"
        )));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(name, meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    let read =
        fs::File::open(path).and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes));
    match read {
        Ok(_) if bytes.len() as u64 > MAX_FILE_BYTES => Err(too_large(name, bytes.len() as u64)),
        Ok(_) => Ok(bytes),
        Err(err) => Err(Diagnostic::error(format!("could not read `{name}`: {err}"))
            .with_note(READ_ANYWAY)
            .with_help(format!(
                "make `{name}` readable, or move it out of the catalog folder"
            ))),
    }
}

/// `path` could not be followed: a dangling link, a loop of links, or a
/// file that vanished while the folder was read.
fn unfollowable(path: &Path, name: &str, err: &io::Error) -> Diagnostic {
    let Ok(target) = fs::read_link(path) else {
        return Diagnostic::error(format!("could not read `{name}`: {err}"))
            .with_note(READ_ANYWAY)
            .with_help(format!(
                "make `{name}` readable, or move it out of the catalog folder"
            ));
    };
    let target = target.display();
    let message = if err.kind() == io::ErrorKind::NotFound {
        format!("`{name}` is a symbolic link to `{target}`, which does not exist")
    } else {
        format!("`{name}` is a symbolic link to `{target}` that cannot be followed: {err}")
    };
    Diagnostic::error(message)
        .with_note(READ_ANYWAY)
        .with_help(format!(
            "point `{name}` at a readable catalog file, or remove the link"
        ))
}

fn too_large(name: &str, bytes: u64) -> Diagnostic {
    Diagnostic::error(format!(
        "`{name}` is {bytes} bytes, over the limit of {} MiB for one catalog file",
        MAX_FILE_BYTES / (1024 * 1024)
    ))
    .with_help("split its codes over several files of the catalog folder")
}

#[cfg(unix)]
fn special_kind(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_fifo() {
        "named pipe"
    } else if kind.is_socket() {
        "socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "device"
    } else {
        "special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &fs::Metadata) -> &'static str {
    "special file"
}

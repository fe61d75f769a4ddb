//! What an output folder holds before errcat writes to it, and the lock
//! that keeps one errcat run at a time writing there.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{WriteError, manifest};

/// errcat's own state inside an output folder: the manifest (committed),
/// the lock and the journal of a run in progress (not committed).
pub const STATE_DIR: &str = ".errcat";
const LOCK_FILE: &str = "lock";
const GITIGNORE: &str =
    "# errcat's lock and the journal of a run in progress are not outputs.\nlock\njournal.toml\n";

/// The entries of an output folder that decide whether errcat may write
/// there, and what an earlier run left.
#[derive(Debug, Default)]
pub(super) struct Scan {
    /// Git repositories (`.git`) at or below the folder.
    pub(super) repositories: Vec<PathBuf>,
    /// Other catalogs' manifests below the folder.
    pub(super) nested_manifests: Vec<PathBuf>,
    /// Files that carry the errcat notice, sorted.
    pub(super) marked: Vec<PathBuf>,
    /// Temporary files of a run that died before its journal was written.
    pub(super) leftovers: Vec<PathBuf>,
}

/// Folders that make their parent a repository's work tree.
const REPOSITORY_MARKERS: &[&str] = &[".git", ".hg", ".svn", ".jj"];

/// Walks `dir`, shallowest folders first and each folder's entries in name
/// order, so what is found first is the same on every machine. Hidden
/// folders, `target` and `node_modules` are not entered: they hold
/// repositories, build products and tools, not outputs. Nor is a folder
/// with an `.errcat/` of its own: it is another output folder, whose files
/// and staged files belong to its own runs. Files are opened for their
/// notice only with `read_notices`: a folder with a manifest needs none of
/// that, and a mistaken `--out ~` is refused at the first repository without
/// reading every file below it.
pub(super) fn scan(dir: &Path, read_notices: bool) -> Result<Scan, WriteError> {
    let mut scan = Scan::default();
    let mut queue = std::collections::VecDeque::from([dir.to_path_buf()]);
    while let Some(current) = queue.pop_front() {
        let mut entries: Vec<fs::DirEntry> = match fs::read_dir(&current) {
            Ok(entries) => entries.flatten().collect(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(source) => return Err(WriteError::io(&current, "list", source)),
        };
        entries.sort_by_key(fs::DirEntry::file_name);
        for entry in entries {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if REPOSITORY_MARKERS.contains(&name.as_ref()) {
                scan.repositories.push(path);
            } else if kind.is_dir() && name == STATE_DIR {
                if current == dir {
                    leftovers_in(&path, &mut scan.leftovers);
                }
            } else if kind.is_dir() {
                let hidden = name.starts_with('.') || name == "target" || name == "node_modules";
                if path.join(STATE_DIR).is_dir() {
                    let manifest = path.join(manifest::PATH);
                    if manifest.is_file() {
                        scan.nested_manifests.push(manifest);
                    }
                } else if !hidden {
                    queue.push_back(path);
                }
            } else if kind.is_file() && super::is_staged_name(&name) {
                scan.leftovers.push(path);
            } else if read_notices
                && kind.is_file()
                && !name.ends_with(".tmp")
                && super::starts_generated(&path)
            {
                scan.marked.push(path);
            }
        }
        if !read_notices && !scan.repositories.is_empty() {
            // Enough to refuse the folder; no need to walk the rest.
            break;
        }
    }
    scan.marked.sort();
    scan.leftovers.sort();
    scan.nested_manifests.sort();
    Ok(scan)
}

fn leftovers_in(state_dir: &Path, leftovers: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(state_dir).into_iter().flatten().flatten() {
        if super::is_staged_name(&entry.file_name().to_string_lossy()) {
            leftovers.push(entry.path());
        }
    }
}

/// Held while a run reads and writes an output folder: exclusive to write,
/// shared to check, so a check never sees half of another run's write.
/// Released when dropped (the operating system releases it if the process
/// dies, so a killed run never leaves the folder locked).
pub(super) struct FolderLock {
    _file: Option<fs::File>,
    /// What taking the lock created, in creation order, so that a run that
    /// then writes nothing leaves the disk as it found it.
    created: Vec<PathBuf>,
}

impl FolderLock {
    /// The exclusive lock, creating errcat's state folder when needed.
    pub(super) fn exclusive(out_dir: &Path) -> Result<FolderLock, WriteError> {
        let state = out_dir.join(STATE_DIR);
        let mut created: Vec<PathBuf> = state
            .ancestors()
            .take_while(|dir| !dir.exists())
            .map(Path::to_path_buf)
            .collect();
        created.reverse();
        fs::create_dir_all(&state)
            .map_err(|source| WriteError::io(&state, "create the folder", source))?;
        let ignore = state.join(".gitignore");
        if !ignore.exists() {
            fs::write(&ignore, GITIGNORE)
                .map_err(|source| WriteError::io(&ignore, "write", source))?;
            created.push(ignore);
        }
        let path = state.join(LOCK_FILE);
        if !path.exists() {
            created.push(path.clone());
        }
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|source| WriteError::io(&path, "open the lock", source))?;
        let mut lock = acquire(out_dir, &path, file, fs::File::try_lock, fs::File::lock)?;
        lock.created = created;
        Ok(lock)
    }

    /// The shared lock, if a writer ever made one: check mode creates
    /// nothing, and a folder no run has written has no writer to wait for.
    pub(super) fn shared(out_dir: &Path) -> Result<FolderLock, WriteError> {
        let path = out_dir.join(STATE_DIR).join(LOCK_FILE);
        let file = match fs::File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(FolderLock {
                    _file: None,
                    created: Vec::new(),
                });
            }
            Err(source) => return Err(WriteError::io(&path, "open the lock", source)),
        };
        acquire(
            out_dir,
            &path,
            file,
            fs::File::try_lock_shared,
            fs::File::lock_shared,
        )
    }

    /// For a run that stopped before writing anything: removes what taking
    /// the lock created (best effort; folders only while empty).
    pub(super) fn abandon(self) {
        for path in self.created.iter().rev() {
            let _ = if path.is_dir() {
                fs::remove_dir(path)
            } else {
                fs::remove_file(path)
            };
        }
    }
}

/// Takes the lock at once if it is free; otherwise says whom it waits for
/// (like cargo's "Blocking waiting for file lock") and waits.
fn acquire(
    out_dir: &Path,
    path: &Path,
    file: fs::File,
    try_lock: fn(&fs::File) -> Result<(), fs::TryLockError>,
    lock: fn(&fs::File) -> io::Result<()>,
) -> Result<FolderLock, WriteError> {
    match try_lock(&file) {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            eprintln!(
                "note: waiting for another errcat run to finish writing `{}`",
                out_dir.display()
            );
            lock(&file).map_err(|source| WriteError::Unlockable {
                path: path.to_path_buf(),
                source,
            })?;
        }
        Err(fs::TryLockError::Error(source)) => {
            return Err(WriteError::Unlockable {
                path: path.to_path_buf(),
                source,
            });
        }
    }
    Ok(FolderLock {
        _file: Some(file),
        created: Vec::new(),
    })
}

/// The manifest path of `out_dir`.
/// Whether an errcat run has taken this folder's lock before (the file
/// stays when the run ends).
pub(super) fn has_lock(out_dir: &Path) -> bool {
    out_dir.join(STATE_DIR).join(LOCK_FILE).is_file()
}

pub(super) fn manifest_path(out_dir: &Path) -> PathBuf {
    out_dir.join(manifest::PATH)
}

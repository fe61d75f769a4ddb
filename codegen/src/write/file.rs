//! Replacing one file whole, the one way errcat writes any file: beside
//! it under a temporary name, then renamed over it, so a reader or a run
//! that is interrupted sees the old file or the new one, never part of one.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Where `target`'s new contents are written before the rename: in its
/// folder, so the rename stays on one file system, under a name no output
/// uses (a leading dot, errcat's marker and this process's id).
fn temporary_beside(target: &Path) -> PathBuf {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    target.with_file_name(format!(".{name}.errcat-{}.tmp", std::process::id()))
}

/// Writes `contents` to the temporary file beside `target`, whose folder
/// exists; on failure nothing is left behind.
pub(crate) fn stage(target: &Path, contents: &str) -> io::Result<PathBuf> {
    let temp = temporary_beside(target);
    if let Err(err) = fs::write(&temp, contents) {
        let _ = fs::remove_file(&temp);
        return Err(err);
    }
    Ok(temp)
}

/// Replaces `target` with `contents`, for the files errcat writes one at a
/// time: a catalog's lock, a build script's module, a workspace manifest.
/// (An output folder's files go through [`super::sync`], which puts many in
/// place at once, with a journal.)
pub fn replace(target: &Path, contents: &str) -> io::Result<()> {
    // A link is followed, so the file it names changes and the link stays;
    // the new file keeps the old one's permissions.
    let target = match fs::symlink_metadata(target) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(target)?,
        _ => target.to_path_buf(),
    };
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    let temp = stage(&target, contents)?;
    let kept = fs::metadata(&target).and_then(|old| fs::set_permissions(&temp, old.permissions()));
    match kept {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => {
            let _ = fs::remove_file(&temp);
            return Err(e);
        }
    }
    fs::rename(&temp, &target).inspect_err(|_| {
        let _ = fs::remove_file(&temp);
    })
}

/// [`replace`], unless `target` holds `contents` already; whether it wrote.
/// An untouched file keeps its modification time, which is what keeps
/// cargo from rebuilding a crate whose catalog did not change.
pub fn replace_if_changed(target: &Path, contents: &str) -> io::Result<bool> {
    match fs::read(target) {
        Ok(old) if old == contents.as_bytes() => return Ok(false),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    replace(target, contents).map(|()| true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replaced_file_holds_the_new_text_and_nothing_is_left_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("deep/errcat.lock");
        assert!(replace_if_changed(&target, "one\n").unwrap());
        assert!(!replace_if_changed(&target, "one\n").unwrap());
        replace(&target, "two\n").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "two\n");
        let names: Vec<_> = fs::read_dir(target.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["errcat.lock"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link_and_permissions_stay_as_they_were() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        fs::write(&real, "old\n").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("Cargo.toml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        replace(&link, "new\n").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new\n");
        assert_eq!(
            fs::metadata(&real).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
}

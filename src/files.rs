//! Writing a user's files and hyoka's outputs: atomically, through an exclusively created
//! temporary file beside the target, so that a failed write never leaves half a file.
//! The CLI's outputs and `hyoka serve --edit`'s saves both go through [`write_atomically`].

use std::io::Write as _;
use std::path::PathBuf;

/// Writes through a temporary file in the same directory and renames it into place, so a failed
/// run never leaves a half-written output and the previous output stays intact.
///
/// - The temporary file is created exclusively (`O_EXCL`) with an unpredictable name, so a file
///   or link planted in the directory cannot be written through.
/// - A target that is a symlink is written through: the file it points to is replaced and the
///   link stays a link.
/// - A target that exists keeps its permissions (a `600` file stays `600`).
/// - Temporary files a killed run left beside the target (ours by their name, older than a
///   minute) are removed.
/// - A path that is not a regular file — `/dev/null`, `/dev/stdout`, a named pipe — is written
///   to directly: renaming over it would replace the device or the pipe with a file.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)?
            .write_all(bytes);
    }
    let target = resolve_links(path)?;
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.hyoka-");
    remove_stray_temp_files(dir, &prefix);
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    match std::fs::metadata(&target) {
        Ok(m) => tmp.as_file().set_permissions(m.permissions())?,
        // A new file is made as any program makes one (`rw-r--r--` under the usual umask), not
        // with the temporary file's private `rw-------`.
        Err(_) => set_new_file_mode(tmp.as_file())?,
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(unix)]
fn set_new_file_mode(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // The process's umask, as Linux reports it; the usual 022 elsewhere.
    let umask = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o022);
    file.set_permissions(std::fs::Permissions::from_mode(0o666 & !umask))
}

#[cfg(not(unix))]
fn set_new_file_mode(_: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

/// The file a path names once its symlinks are followed (the path itself when it is not a
/// link, or does not exist yet); a link to a file that does not exist yet names that file.
fn resolve_links(path: &std::path::Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    // As many links as the system itself follows before it gives up (ELOOP).
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

/// Removes temporary files of an earlier write to the same target that did not finish (the
/// process was killed): ours by their prefix, and over a minute old, so a write running now in
/// another process keeps its own.
fn remove_stray_temp_files(dir: &std::path::Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(prefix) && name.ends_with(".tmp")) {
            continue;
        }
        let stale = entry
            .metadata()
            .ok()
            .filter(|m| m.file_type().is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(60));
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Creates `path` with `bytes`, atomically, only if nothing is there: a new file never replaces
/// one (`hyoka serve --edit`'s 新規作成). `AlreadyExists` when something is.
pub fn create_new_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".hyoka-new-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    set_new_file_mode(tmp.as_file())?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

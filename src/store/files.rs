//! Files written under a name a person chose (exports, backups): the content goes to a
//! hidden owner-only file beside the name, which takes the name only when complete, so a
//! refused or failed write leaves nothing behind and never half a file.

use std::path::{Path, PathBuf};

use super::{StoreError, StoreResult};

/// What to do when the chosen name is already taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfExists {
    /// Refuse, leaving the existing file as it is.
    Refuse,
    /// Replace it in one step (`--force`).
    Replace,
}

/// Refuses a destination before anything is written: a directory, or a taken name unless
/// replacing.
pub(crate) fn check_destination(dest: &Path, if_exists: IfExists) -> StoreResult<()> {
    if dest.is_dir() {
        return Err(StoreError::IsADirectory {
            path: dest.to_path_buf(),
        });
    }
    if if_exists == IfExists::Refuse && dest.symlink_metadata().is_ok() {
        return Err(StoreError::FileExists {
            path: dest.to_path_buf(),
        });
    }
    Ok(())
}

/// Creates the empty hidden owner-only file the content of `dest` is written to first:
/// `.NAME.partial-PID` beside it, so two processes never share one.
pub(crate) fn create_partial(dest: &Path) -> StoreResult<PathBuf> {
    let name = dest.file_name().ok_or_else(|| {
        StoreError::InvalidInput(format!("{} is not a file name", dest.display()))
    })?;
    let partial = dest.with_file_name(format!(
        ".{}.partial-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    create_private_file(&partial).map_err(|error| StoreError::Write {
        path: dest.to_path_buf(),
        reason: match error {
            StoreError::MissingDirectory { dir, .. } => {
                format!("directory {} does not exist", dir.display())
            }
            StoreError::Create { source, .. } => source.to_string(),
            other => other.to_string(),
        },
    })?;
    Ok(partial)
}

/// Gives the finished file at `partial` the name `dest` and removes `partial`. Refusing,
/// it links the file (atomic, and fails if a file appeared under the name meanwhile);
/// replacing, it renames over the old file in one step.
pub(crate) fn publish(partial: &Path, dest: &Path, if_exists: IfExists) -> StoreResult<()> {
    let placed = match if_exists {
        IfExists::Refuse => match std::fs::hard_link(partial, dest) {
            Ok(()) => {
                let _ = std::fs::remove_file(partial);
                Ok(())
            }
            // A file system without hard links: the name was free a moment ago.
            Err(error) if error.kind() != std::io::ErrorKind::AlreadyExists && !dest.exists() => {
                std::fs::rename(partial, dest)
            }
            Err(error) => Err(error),
        },
        IfExists::Replace => std::fs::rename(partial, dest),
    };
    match placed {
        Ok(()) => {
            sync_directory(dest);
            Ok(())
        }
        Err(error) => {
            let _ = std::fs::remove_file(partial);
            Err(match error.kind() {
                std::io::ErrorKind::AlreadyExists => StoreError::FileExists {
                    path: dest.to_path_buf(),
                },
                _ if dest.is_dir() => StoreError::IsADirectory {
                    path: dest.to_path_buf(),
                },
                _ => StoreError::Write {
                    path: dest.to_path_buf(),
                    reason: error.to_string(),
                },
            })
        }
    }
}

/// Makes a new directory entry durable; a file system that cannot sync a directory still
/// has the file, so a failure here is not an error.
pub(crate) fn sync_directory(file: &Path) {
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(handle) = std::fs::File::open(dir)
    {
        let _ = handle.sync_all();
    }
}

/// Creates an empty file readable and writable by its owner only.
pub(crate) fn create_private_file(path: &Path) -> StoreResult<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop).map_err(|source| {
        match path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            Some(dir) if source.kind() == std::io::ErrorKind::NotFound && !dir.exists() => {
                StoreError::MissingDirectory {
                    path: path.to_path_buf(),
                    dir: dir.to_path_buf(),
                }
            }
            _ => StoreError::Create {
                path: path.to_path_buf(),
                source,
            },
        }
    })
}

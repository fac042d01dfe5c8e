//! Files that appear whole or not at all: each is written to a hidden partial file first,
//! and all of a set take their names together once every one of them is complete.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use crate::store::{IfExists, StoreError, check_destination, create_partial, publish};

/// A complete file waiting under a hidden name for its real one.
#[derive(Debug)]
pub(super) struct Staged {
    partial: PathBuf,
    dest: PathBuf,
}

/// Files staged so far; those not published are removed when this is dropped.
#[derive(Debug, Default)]
pub(super) struct StagedSet {
    files: Vec<Staged>,
}

impl StagedSet {
    /// Writes `dest`'s content with `write` to a hidden partial file beside it and syncs it.
    /// A taken name (unless replacing) or a directory is refused before anything is written.
    pub(super) fn write<T>(
        &mut self,
        dest: &Path,
        if_exists: IfExists,
        write: impl FnOnce(&mut BufWriter<File>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        check_destination(dest, if_exists)?;
        let partial = create_partial(dest)?;
        self.files.push(Staged {
            partial: partial.clone(),
            dest: dest.to_path_buf(),
        });
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&partial)
            .map_err(|e| write_error(dest, &e))?;
        let mut buffered = BufWriter::new(file);
        let value = write(&mut buffered).map_err(|error| match error {
            StoreError::Io(io) => write_error(dest, &io),
            other => other,
        })?;
        let file = buffered
            .into_inner()
            .map_err(|e| write_error(dest, e.error()))?;
        file.sync_all().map_err(|e| write_error(dest, &e))?;
        Ok(value)
    }

    /// Gives every staged file its name. A file whose name was taken meanwhile stops the
    /// rest, which are removed.
    pub(super) fn publish(mut self, if_exists: IfExists) -> Result<(), StoreError> {
        let files = std::mem::take(&mut self.files);
        let mut remaining = files.into_iter();
        while let Some(staged) = remaining.next() {
            if let Err(error) = publish(&staged.partial, &staged.dest, if_exists) {
                self.files = remaining.collect();
                return Err(error);
            }
        }
        Ok(())
    }
}

impl Drop for StagedSet {
    fn drop(&mut self) {
        for staged in &self.files {
            let _ = std::fs::remove_file(&staged.partial);
        }
    }
}

fn write_error(dest: &Path, error: &std::io::Error) -> StoreError {
    StoreError::Write {
        path: dest.to_path_buf(),
        reason: error.to_string(),
    }
}

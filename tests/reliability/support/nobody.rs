//! `spend` run by an account that may not write a file because of its mode. Root may write
//! any file whatever its mode, so when the tests run as root that account is `nobody`,
//! running a copy of the binary placed where `nobody` can reach it (the build directory may
//! be closed to it); otherwise it is the tests' own account.

use std::ffi::OsStr;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::pty::PtyApp;
use super::spend_cli::spend_command_from;
use super::tree;

/// `nobody`'s user and group id.
const NOBODY: u32 = 65_534;

/// The account a test runs `spend` as, to whom a file's mode is what it says.
pub struct Account {
    /// The binary it runs.
    binary: PathBuf,
    /// The user (and group) it switches to: `nobody` when the tests run as root.
    uid: Option<u32>,
}

impl Account {
    /// `nobody` when the tests run as root, with a copy of `spend` put in `dir` (which
    /// `nobody` must be able to reach); otherwise the tests' own account and binary.
    pub fn unprivileged(dir: &Path) -> Account {
        let own_binary = PathBuf::from(env!("CARGO_BIN_EXE_spend"));
        if !runs_as_root() {
            return Account {
                binary: own_binary,
                uid: None,
            };
        }
        let binary = dir.join("spend");
        if !binary.exists() {
            std::fs::copy(&own_binary, &binary).expect("copy spend");
            std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755))
                .expect("chmod");
        }
        Account {
            binary,
            uid: Some(NOBODY),
        }
    }

    /// `spend --db DB` run by this account, with the environment pinned as
    /// [`spend_command_from`] pins it.
    pub fn command(&self, db: impl AsRef<OsStr>) -> Command {
        let mut command = spend_command_from(&self.binary, db);
        if let Some(uid) = self.uid {
            command.uid(uid).gid(uid);
        }
        command
    }

    /// `spend ARGS` in a pseudo-terminal, run by this account.
    pub fn app(&self, args: &[&str], cwd: &Path) -> PtyApp {
        PtyApp::spawn_as(&self.binary, self.uid, args, cwd, &[])
    }

    /// Hands `path`, and everything under it, to this account, so it may write there.
    pub fn take(&self, path: &Path) {
        let Some(uid) = self.uid else {
            return;
        };
        let mut paths = vec![path.to_path_buf()];
        if path.is_dir() {
            paths.extend(tree(path).into_iter().map(|(path, _)| path));
        }
        for path in paths {
            std::os::unix::fs::chown(&path, Some(uid), Some(uid)).expect("chown");
        }
    }
}

/// Whether the tests run as root: a file this process makes is root's.
fn runs_as_root() -> bool {
    let file = tempfile::tempfile().expect("a temporary file");
    file.metadata().expect("stat").uid() == 0
}

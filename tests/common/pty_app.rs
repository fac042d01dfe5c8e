//! The real `spend` binary in a pseudo-terminal: keys in, and out both the raw bytes (to
//! check the escape sequences that restore the terminal) and a vt100 screen (to read it).
//! Shared by the test binaries that drive the app end to end; each uses part of it.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 120;
/// Generous, so a loaded 2-core machine running a debug build still passes.
const DEADLINE: Duration = Duration::from_secs(30);
/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(25);
/// Today for the app, so it opens on the sample's month.
const TODAY: &str = "2025-05-20";

/// Everything the app wrote, raw and as a screen.
struct Output {
    raw: Vec<u8>,
    screen: vt100::Parser,
}

/// `spend` running in a pseudo-terminal.
pub struct PtyApp {
    output: Arc<Mutex<Output>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    /// Held so the pty stays open until the app is done with it.
    _master: Box<dyn MasterPty + Send>,
}

impl PtyApp {
    /// Starts `spend ARGS` in `cwd`, with extra environment variables; variables from the
    /// test's own environment that would change the app are removed.
    pub fn spawn(args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> PtyApp {
        PtyApp::spawn_as(Path::new(env!("CARGO_BIN_EXE_spend")), None, args, cwd, env)
    }

    /// Like [`PtyApp::spawn`], with the `spend` binary at `program`, and run as user (and
    /// group) `uid` when one is given, which needs root: `setpriv` switches to it.
    pub fn spawn_as(
        program: &Path,
        uid: Option<u32>,
        args: &[&str],
        cwd: &Path,
        env: &[(&str, &str)],
    ) -> PtyApp {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut command = match uid {
            None => CommandBuilder::new(program),
            Some(uid) => {
                let mut setpriv = CommandBuilder::new("setpriv");
                setpriv.args([
                    format!("--reuid={uid}"),
                    format!("--regid={uid}"),
                    "--clear-groups".into(),
                    "--".into(),
                ]);
                setpriv.arg(program);
                setpriv
            }
        };
        command.args(args);
        command.cwd(cwd);
        command.env("SPEND_TODAY", TODAY);
        command.env("TERM", "xterm-256color");
        command.env_remove("SPEND_DB");
        command.env_remove("SPEND_EXPORT_DIR");
        command.env_remove("SPEND_USER");
        command.env_remove("SPEND_DATE_FORMAT");
        command.env_remove("SPEND_DECIMAL");
        // No config file: the app as it starts with none.
        command.env("SPEND_CONFIG", cwd.join("no-such-config.toml"));
        command.env_remove("RUST_BACKTRACE");
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pair
            .slave
            .spawn_command(command)
            .expect("start spend in the pty");
        // Only the child may hold the slave end, or reads would never see it close.
        drop(pair.slave);

        let output = Arc::new(Mutex::new(Output {
            raw: Vec::new(),
            screen: vt100::Parser::new(ROWS, COLS, 0),
        }));
        let mut reader = pair
            .master
            .try_clone_reader()
            .expect("clone the pty reader");
        let sink = Arc::clone(&output);
        thread::spawn(move || {
            let mut buf = [0_u8; 8192];
            // Ends when the app exits and the slave closes (EIO reads as end of file).
            while let Ok(read @ 1..) = reader.read(&mut buf) {
                let mut output = sink.lock().unwrap_or_else(PoisonError::into_inner);
                output.raw.extend_from_slice(&buf[..read]);
                output.screen.process(&buf[..read]);
            }
        });
        let writer = pair.master.take_writer().expect("take the pty writer");
        PtyApp {
            output,
            writer,
            child,
            _master: pair.master,
        }
    }

    /// The screen as text.
    pub fn contents(&self) -> String {
        self.output
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .screen
            .screen()
            .contents()
    }

    /// Every byte the app wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.output
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .raw
            .clone()
    }

    /// Types keys as a terminal sends them.
    pub fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .and_then(|()| self.writer.flush())
            .expect("write keys to the pty");
    }

    /// Waits until the screen shows every one of `texts`; on timeout fails showing the screen.
    pub fn wait_for(&mut self, step: &str, texts: &[&str]) {
        self.wait_until(step, |screen| texts.iter().all(|t| screen.contains(t)));
    }

    /// Waits until `done` holds for the screen's text.
    pub fn wait_until(&mut self, step: &str, done: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let screen = self.contents();
            if done(&screen) {
                return;
            }
            let exited = self.child.try_wait().expect("poll the app's process");
            assert!(
                exited.is_none() && start.elapsed() < DEADLINE,
                "{step}: not seen after {:?} (exit status: {exited:?}). Screen:\n{screen}",
                start.elapsed(),
            );
            thread::sleep(POLL);
        }
    }

    /// Waits for the app to exit and for its last output to be read.
    pub fn wait_for_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the app's process") {
                return status;
            }
            if start.elapsed() >= DEADLINE {
                let _ = self.child.kill();
                panic!("the app did not exit. Screen:\n{}", self.contents());
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until the raw output contains `needle` (the reader thread may lag the exit).
    pub fn wait_for_raw(&self, step: &str, needle: &[u8]) {
        let start = Instant::now();
        while !contains(&self.raw(), needle) {
            assert!(
                start.elapsed() < DEADLINE,
                "{step}: {:?} never appeared. Screen:\n{}",
                String::from_utf8_lossy(needle),
                self.contents()
            );
            thread::sleep(POLL);
        }
    }
}

impl Drop for PtyApp {
    /// A failed test must not leave the app running.
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Whether `haystack` contains `needle`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

/// The position of the first `needle` in `haystack`.
pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

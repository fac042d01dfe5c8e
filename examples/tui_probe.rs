//! Measures the real `spend` app as a person meets it: started in a 120x40 pseudo-terminal,
//! how long until its first frame has been written, how long each keypress takes to be
//! redrawn, and the most memory the process ever held.
//!
//! `cargo run --release --example tui_probe -- --spend target/release/spend --db PATH
//! [--month YYYY-MM] [--user EMAIL] [--keys 200]`
//!
//! What is measured, exactly:
//! - first frame: from just before the process is spawned to the last byte of the first
//!   burst of output (a burst ends when 150 ms pass with no output), which holds the whole
//!   first screen; the screen is then checked to show the month's list.
//! - a keypress: from writing the key to the pty to the last byte of the output it causes
//!   (its burst ends after 40 ms of silence, not counted). Keys: `j` (scroll) many times,
//!   then `h`/`l` (month switch) alternately, then `/` and a letter and Esc (live filter).
//! - peak memory: `VmHWM` (peak resident set) from `/proc/PID/status`, read just before `q`.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread;
use std::time::{Duration, Instant};

use clap::Parser;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const FIRST_QUIET: Duration = Duration::from_millis(150);
const KEY_QUIET: Duration = Duration::from_millis(40);
const DEADLINE: Duration = Duration::from_secs(30);

/// Times the `spend` app in a pseudo-terminal.
#[derive(Debug, Parser)]
struct Args {
    /// The `spend` binary (a release build)
    #[arg(long, default_value = "target/release/spend")]
    spend: PathBuf,
    #[arg(long)]
    db: PathBuf,
    #[arg(long, default_value = "2025-12")]
    month: String,
    #[arg(long, default_value = "aman@example.com")]
    user: String,
    /// Scroll keypresses to time (month switches and filter keys are a fifth of that each)
    #[arg(long, default_value_t = 200)]
    keys: usize,
}

/// Output chunks as they arrive, each with its arrival time.
struct Output {
    chunks: Receiver<(Instant, Vec<u8>)>,
    screen: vt100::Parser,
}

impl Output {
    /// Waits for output to start and then stop for `quiet`; returns when the last byte came.
    fn burst(&mut self, quiet: Duration) -> Result<Instant, String> {
        let started = Instant::now();
        let mut last = None;
        loop {
            let wait = if last.is_some() { quiet } else { DEADLINE };
            match self.chunks.recv_timeout(wait) {
                Ok((at, bytes)) => {
                    self.screen.process(&bytes);
                    last = Some(at);
                }
                Err(RecvTimeoutError::Timeout) => {
                    return last.ok_or_else(|| format!("no output in {:?}", started.elapsed()));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return last.ok_or_else(|| "the app exited".to_string());
                }
            }
        }
    }
}

fn main() -> std::process::ExitCode {
    match run(&Args::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let pair = native_pty_system().openpty(PtySize {
        rows: ROWS,
        cols: COLS,
        pixel_width: 0,
        pixel_height: 0,
    })?;
    let spend = std::fs::canonicalize(&args.spend).map_err(|e| {
        format!(
            "{}: {e}; build it with cargo build --release",
            args.spend.display()
        )
    })?;
    let mut command = CommandBuilder::new(spend);
    command.args([
        "--db",
        &args.db.to_string_lossy(),
        "--user",
        &args.user,
        "--month",
        &args.month,
    ]);
    command.env("TERM", "xterm-256color");
    command.env("SPEND_TODAY", format!("{}-28", args.month));
    let mut reader = pair.master.try_clone_reader()?;
    let (sender, chunks) = channel();
    thread::spawn(move || {
        let mut buffer = vec![0_u8; 65_536];
        while let Ok(read @ 1..) = reader.read(&mut buffer) {
            if sender
                .send((Instant::now(), buffer[..read].to_vec()))
                .is_err()
            {
                break;
            }
        }
    });
    let mut writer = pair.master.take_writer()?;
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(command)?;
    drop(pair.slave);
    let pid = child.process_id().ok_or("no process id")?;
    let mut output = Output {
        chunks,
        screen: vt100::Parser::new(ROWS, COLS, 0),
    };
    let first_frame = output.burst(FIRST_QUIET)? - started;
    let screen = output.screen.screen().contents();
    if !screen.contains(&args.user) && !screen.contains("Dec") {
        return Err(format!("the first frame does not look like the app:\n{screen}").into());
    }

    let mut press = |key: &str, quiet: Duration| -> Result<Duration, String> {
        let sent = Instant::now();
        writer
            .write_all(key.as_bytes())
            .and_then(|()| writer.flush())
            .map_err(|e| e.to_string())?;
        Ok(output.burst(quiet)?.saturating_duration_since(sent))
    };
    let mut scroll = Vec::with_capacity(args.keys);
    for _ in 0..args.keys {
        scroll.push(press("j", KEY_QUIET)?);
    }
    let mut switch = Vec::new();
    for n in 0..args.keys / 5 {
        switch.push(press(if n % 2 == 0 { "h" } else { "l" }, KEY_QUIET)?);
    }
    let mut filter = Vec::new();
    for _ in 0..args.keys / 10 {
        press("/", KEY_QUIET)?;
        filter.push(press("a", KEY_QUIET)?);
        press("\u{1b}", KEY_QUIET)?;
    }
    let peak = peak_rss_kib(pid)?;
    press("q", KEY_QUIET).ok();
    let _ = child.wait();

    println!("first_frame_ms {:.1}", millis(first_frame));
    for (name, times) in [
        ("scroll", scroll),
        ("month_switch", switch),
        ("filter", filter),
    ] {
        let all = percentiles(times);
        println!(
            "{name}_ms p50 {:.2} p99 {:.2} max {:.2} n {}",
            all.0, all.1, all.2, all.3
        );
    }
    #[allow(clippy::cast_precision_loss)] // for reading
    let mebibytes = peak as f64 / 1024.0;
    println!("peak_rss_mib {mebibytes:.1}");
    Ok(())
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Median, 99th percentile and maximum in milliseconds, and the count.
fn percentiles(mut times: Vec<Duration>) -> (f64, f64, f64, usize) {
    times.sort();
    let at = |q: usize| {
        let index = (times.len() * q).div_ceil(100).saturating_sub(1);
        times.get(index).copied().map_or(0.0, millis)
    };
    (
        at(50),
        at(99),
        times.last().copied().map_or(0.0, millis),
        times.len(),
    )
}

/// The process's peak resident set size, in KiB.
fn peak_rss_kib(pid: u32) -> Result<u64, String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .map_err(|e| format!("cannot read the app's memory use: {e}"))?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| "no VmHWM in /proc status".to_string())
}

//! The real `spend serve` on a test ledger, on a free loopback port, and a real HTTP client
//! to talk to it. Shared by the test binaries; each uses part of it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::spend_cli::Spend;

/// How long the server may take to say it listens.
const START_DEADLINE: Duration = Duration::from_secs(20);

/// A running server, killed when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    agent: ureq::Agent,
    stderr: Option<std::thread::JoinHandle<String>>,
}

/// One answer: its status and body, and the body as JSON when it is JSON.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}), status {}: {}", self.status, self.body))
    }

    /// The message of an error answer, checking it has the reference's error shape.
    pub fn error(&self, status: u16) -> String {
        assert_eq!(self.status, status, "{}", self.body);
        assert!(
            self.content_type.starts_with("application/json"),
            "content type {:?}",
            self.content_type
        );
        let json = self.json();
        assert_eq!(json["status"], "error", "{json}");
        json["message"]
            .as_str()
            .unwrap_or_else(|| panic!("no message: {json}"))
            .to_string()
    }
}

impl Server {
    /// `spend serve --listen 127.0.0.1:0 --quiet ARGS` on the ledger.
    pub fn start(spend: &Spend, args: &[&str]) -> Server {
        Server::start_command(spend.command(), args)
    }

    /// Like [`Server::start`], from `spend --db DB` as `command` would run it (another
    /// binary, another user).
    pub fn start_command(mut command: Command, args: &[&str]) -> Server {
        command
            .args(["serve", "--listen", "127.0.0.1:0", "--quiet"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("start spend serve");
        let stdout = child.stdout.take().expect("stdout");
        let (said, heard) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            if let Some(Ok(line)) = lines.next() {
                let _ = said.send(line);
            }
            // Keep reading so the server never blocks on a full pipe.
            for _ in lines {}
        });
        let mut stderr = child.stderr.take().expect("stderr");
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        let Ok(line) = heard.recv_timeout(START_DEADLINE) else {
            let _ = child.kill();
            let text = stderr.join().unwrap_or_default();
            panic!("spend serve did not say it listens; stderr:\n{text}")
        };
        let base = line
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("first line: {line:?}"))
            .to_string();
        assert!(base.starts_with("http://127.0.0.1:"), "{base}");
        assert!(!base.ends_with(":0"), "the real port is given: {base}");
        Server {
            child,
            base,
            agent: agent(),
            stderr: Some(stderr),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// A request with an optional bearer token and JSON body.
    pub fn call(&self, method: &str, path: &str, token: Option<&str>, body: Option<&str>) -> Reply {
        self.call_with(method, path, token, body, "application/json")
    }

    /// A request whose body has this content type.
    pub fn call_with(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&str>,
        content_type: &str,
    ) -> Reply {
        send(
            &self.agent,
            &self.base,
            method,
            path,
            token,
            body,
            content_type,
        )
    }

    /// Stops the server with SIGTERM and waits for it, up to a deadline.
    pub fn terminate(mut self) -> (ExitStatus, String) {
        signal(self.child.id(), "-TERM");
        let status = wait_for_exit(&mut self.child, Duration::from_secs(20));
        let stderr = self.stderr.take().map(|h| h.join().unwrap_or_default());
        (status, stderr.unwrap_or_default())
    }

    /// Kills the server at once, as a power cut or `kill -9` would.
    pub fn kill(mut self) {
        signal(self.child.id(), "-KILL");
        let _ = wait_for_exit(&mut self.child, Duration::from_secs(20));
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A client that reads error answers as answers, not failures.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// One request with `agent`.
pub fn send(
    agent: &ureq::Agent,
    base: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&str>,
    content_type: &str,
) -> Reply {
    let mut request = ureq::http::Request::builder()
        .method(method)
        .uri(format!("{base}{path}"));
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    if body.is_some() {
        request = request.header("Content-Type", content_type);
    }
    let request = request
        .body(body.unwrap_or("").to_string())
        .expect("request");
    let mut response = agent
        .run(request)
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    Reply {
        status: response.status().as_u16(),
        content_type,
        body: response
            .body_mut()
            .read_to_string()
            .unwrap_or_else(|e| panic!("{method} {path}: reading the body: {e}")),
    }
}

/// `spend token create ARGS` on the ledger; the token from its last line.
pub fn make_token(spend: &Spend, args: &[&str]) -> String {
    let mut all = vec!["token", "create"];
    all.extend_from_slice(args);
    let out = spend.ok(&all);
    let token = out.lines().last().expect("a line").to_string();
    assert!(token.starts_with("spend_"), "{out}");
    token
}

fn signal(pid: u32, which: &str) {
    let status = std::process::Command::new("kill")
        .args([which, &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(status.success(), "kill {which} {pid}");
}

fn wait_for_exit(child: &mut Child, deadline: Duration) -> ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        assert!(started.elapsed() < deadline, "the server did not stop");
        std::thread::sleep(Duration::from_millis(20));
    }
}

//! A running `otelctl serve` (or any long-running otelctl), and a raw HTTP/1.1 client.
//!
//! The client is written by hand on purpose: tests send oversized and half-finished
//! requests that a well-behaved client library would refuse to send.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Served {
    pub addr: SocketAddr,
    child: Child,
    stderr: Arc<Mutex<Vec<String>>>,
}

impl Served {
    /// Starts `otelctl serve --listen 127.0.0.1:0 ARGS…` and waits until it says where it
    /// listens.
    pub fn start(mut cmd: Command, args: &[&str]) -> Self {
        cmd.args(["serve", "--listen", "127.0.0.1:0"]).args(args);
        let (mut served, line) = Self::spawn(cmd, "serving ");
        let addr = line
            .split("on http://")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        served.addr = addr;
        served
    }

    /// Starts a long-running otelctl and waits for the stderr line starting with `ready`,
    /// which it returns.
    pub fn spawn(mut cmd: Command, ready: &'static str) -> (Self, String) {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start otelctl serve");
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let lines = BufReader::new(child.stderr.take().unwrap());
        let sink = stderr.clone();
        std::thread::spawn(move || {
            for line in lines.lines().map_while(Result::ok) {
                if line.starts_with(ready) {
                    let _ = tx.send(line.clone());
                }
                sink.lock().unwrap().push(line);
            }
        });
        let line = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("otelctl did not start: {:?}", stderr.lock().unwrap()));
        let unknown = "0.0.0.0:0".parse().unwrap();
        (
            Self {
                addr: unknown,
                child,
                stderr,
            },
            line,
        )
    }

    /// Sends SIGTERM (as Kubernetes does) and waits for the process to exit.
    pub fn terminate(mut self) -> (std::process::ExitStatus, Vec<String>) {
        let pid = self.child.id().to_string();
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill -TERM");
        let status = wait_with_timeout(&mut self.child, Duration::from_secs(60));
        // Give the reader thread a moment to collect the last lines.
        std::thread::sleep(Duration::from_millis(100));
        let lines = self.stderr.lock().unwrap().clone();
        (status, lines)
    }

    /// Sends SIGTERM without waiting.
    pub fn signal_term(&self) {
        let pid = self.child.id().to_string();
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill -TERM");
    }

    pub fn wait(mut self) -> (std::process::ExitStatus, Vec<String>) {
        let status = wait_with_timeout(&mut self.child, Duration::from_secs(60));
        std::thread::sleep(Duration::from_millis(100));
        let lines = self.stderr.lock().unwrap().clone();
        (status, lines)
    }

    pub fn get(&self, path: &str) -> Reply {
        request(
            self.addr,
            &format!(
                "GET {path} HTTP/1.1\r\nHost: demo.test:8080\r\nUser-Agent: otelctl-tests\r\nConnection: close\r\n\r\n"
            ),
        )
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_with_timeout(child: &mut Child, timeout: Duration) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(
            started.elapsed() < timeout,
            "process did not exit within {timeout:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A response: status and body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: String,
}

/// Sends raw bytes, reads until the server closes, and parses the status line.
pub fn request(addr: SocketAddr, raw: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(raw.as_bytes()).expect("send");
    read_reply(&mut stream)
}

pub fn read_reply(stream: &mut TcpStream) -> Reply {
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no HTTP status in {text:?}"));
    Reply {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

//! A real headless Chromium (Debian's package), driven over the Chrome DevTools Protocol.
//!
//! Only what the UI test needs: open a page, run JavaScript in it (which is how clicks and
//! typing happen), and take a screenshot.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket, stream::MaybeTlsStream};

pub struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

fn chromium() -> &'static str {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
        .expect("chromium is installed (the README's test command installs it)")
}

impl Browser {
    pub fn launch() -> Self {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(chromium())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--remote-debugging-port=0",
                "--window-size=1280,900",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start chromium");
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("DevTools listening on ") {
                    let _ = tx.send(url.trim().to_owned());
                }
            }
        });
        let browser_url = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("chromium printed its DevTools address");
        let port: u16 = browser_url
            .trim_start_matches("ws://127.0.0.1:")
            .split('/')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("a DevTools port");
        let page_url = page_websocket(port);
        let (socket, _) = tungstenite::connect(page_url.as_str()).expect("connect to the page");
        if let MaybeTlsStream::Plain(tcp) = socket.get_ref() {
            tcp.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        }
        Self {
            child,
            socket,
            next_id: 0,
            _profile: profile,
        }
    }

    /// Sends a DevTools command and returns its result.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let message = json!({"id": id, "method": method, "params": params}).to_string();
        self.socket
            .send(Message::text(message))
            .expect("send to chromium");
        loop {
            let message = self.socket.read().expect("read from chromium");
            let Message::Text(text) = message else {
                continue;
            };
            let value: Value = serde_json::from_str(text.as_str()).unwrap();
            if value["id"] == id {
                assert!(value.get("error").is_none(), "{method}: {}", value["error"]);
                return value["result"].clone();
            }
        }
    }

    /// Navigates and waits until the page sets `data-ready` on its body.
    pub fn open(&mut self, url: &str) {
        self.call("Page.navigate", json!({"url": url}));
        let started = Instant::now();
        loop {
            let ready = self.eval("document.body && document.body.getAttribute('data-ready') === 'true' && location.href");
            if ready
                .as_str()
                .is_some_and(|href| href.starts_with(url.split('#').next().unwrap()))
            {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{url} never became ready"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Evaluates JavaScript in the page (awaiting a promise) and returns its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "awaitPromise": true, "returnByValue": true}),
        );
        if let Some(exception) = result.get("exceptionDetails") {
            panic!("JavaScript failed: {exception}");
        }
        result["result"]["value"].clone()
    }

    /// A PNG of the viewport.
    pub fn screenshot(&mut self) -> Vec<u8> {
        use base64::Engine as _;
        let result = self.call("Page.captureScreenshot", json!({"format": "png"}));
        base64::engine::general_purpose::STANDARD
            .decode(result["data"].as_str().unwrap())
            .unwrap()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The WebSocket URL of the first page target.
fn page_websocket(port: u16) -> String {
    let started = Instant::now();
    loop {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        // Chromium builds the WebSocket URL from the Host header, so it must carry the port.
        let head = format!(
            "GET /json/list HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        );
        stream.write_all(head.as_bytes()).unwrap();
        // Chromium keeps the connection open: read the head, then Content-Length bytes.
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut reader = BufReader::new(stream);
        let mut length = 0;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
        let mut bytes = vec![0; length];
        let _ = reader.read_exact(&mut bytes);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let body = text.as_str();
        if let Ok(Value::Array(targets)) = serde_json::from_str::<Value>(body)
            && let Some(url) = targets
                .iter()
                .find(|t| t["type"] == "page")
                .and_then(|t| t["webSocketDebuggerUrl"].as_str())
        {
            return url.to_owned();
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no page target: {body}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

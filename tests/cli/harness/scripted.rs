//! A bare HTTP/1.x server that answers every request with the same bytes, for the framings
//! a client must read: chunked bodies, `Connection: close`, HTTP/1.0 bodies that end when
//! the connection does, interim 100 responses, and kept-alive connections the server drops
//! while idle. It counts the requests it read.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// What the server does after each response.
#[derive(Clone)]
pub enum Script {
    /// Keep the connection for the next request.
    KeepAlive(Vec<u8>),
    /// Close the connection.
    Close(Vec<u8>),
    /// Answer this many requests on a connection, then close it without a word, as an
    /// idle timeout would.
    DropAfter(Vec<u8>, usize),
}

pub struct Scripted {
    pub url: String,
    requests: Arc<AtomicU64>,
}

impl Scripted {
    pub fn start(script: Script) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/scripted", listener.local_addr().unwrap());
        let requests = Arc::new(AtomicU64::new(0));
        let counted = requests.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let script = script.clone();
                let counted = counted.clone();
                std::thread::spawn(move || serve(stream, &script, &counted));
            }
        });
        Self { url, requests }
    }

    /// Requests read so far.
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::SeqCst)
    }
}

fn serve(mut stream: TcpStream, script: &Script, counted: &AtomicU64) {
    let (response, limit) = match script {
        Script::KeepAlive(r) => (r, usize::MAX),
        Script::Close(r) => (r, 1),
        Script::DropAfter(r, n) => (r, *n),
    };
    let mut pending = Vec::new();
    for _ in 0..limit {
        // Requests here have no body: a head ends at its blank line.
        loop {
            if let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                pending.drain(..end + 4);
                break;
            }
            let mut chunk = [0u8; 4096];
            match stream.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => pending.extend_from_slice(&chunk[..n]),
            }
        }
        counted.fetch_add(1, Ordering::SeqCst);
        if stream.write_all(response).is_err() {
            return;
        }
    }
}

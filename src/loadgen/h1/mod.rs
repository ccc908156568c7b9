//! A lean HTTP/1.1 client for plain `http://` targets, the load generator's common case.
//!
//! Why not hyper's pooled client here: a load worker sends one request at a time on one
//! connection it alone uses, so a pool, a dispatch task and a channel per connection buy
//! nothing, and they cost about 60 KiB and a task hand-off per request. Here a worker owns
//! its `TcpStream` and one 4 KiB buffer, writes each request with one `write`, and reads
//! the response in place. TLS and HTTP/2 still go through hyper (see `transport`).

pub mod wire;

use http::Uri;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::stats::ErrorKind;
use wire::{Framing, Template};

/// The read buffer's usual size; it grows only for a larger response head.
const BUF: usize = 4 * 1024;

/// One keep-alive connection to one host, opened on first use and again whenever the
/// server closed it.
pub struct Connection {
    host: String,
    port: u16,
    stream: Option<TcpStream>,
    buf: Vec<u8>,
}

/// How an attempt on a connection failed.
enum Failure {
    /// A kept-alive connection was closed before any of the response arrived: the server
    /// dropped it while idle, so the request is sent again on a new one.
    Stale,
    Kind(ErrorKind),
}

fn other<E>(_: E) -> Failure {
    Failure::Kind(ErrorKind::Other)
}

impl Connection {
    pub fn new(uri: &Uri) -> Self {
        let host = uri.host().unwrap_or_default();
        // An IPv6 literal comes bracketed in a URL and is connected to without brackets.
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        Self {
            host,
            port: uri.port_u16().unwrap_or(80),
            stream: None,
            buf: Vec::new(),
        }
    }

    /// Sends `request` (`template` rendered) and reads the response: its status and body
    /// size. A request abandoned mid-way (its future dropped on a timeout) takes its
    /// connection with it, so the next one starts clean.
    pub async fn exchange(
        &mut self,
        request: &[u8],
        template: &Template,
    ) -> Result<(u16, u64), ErrorKind> {
        if let Some(stream) = self.stream.take() {
            match self.attempt(stream, request, template, true).await {
                Err(Failure::Stale) => {}
                Err(Failure::Kind(kind)) => return Err(kind),
                Ok(done) => return Ok(done),
            }
        }
        let stream = TcpStream::connect((self.host.as_str(), self.port))
            .await
            .map_err(|_| ErrorKind::Connect)?;
        let _ = stream.set_nodelay(true);
        match self.attempt(stream, request, template, false).await {
            Ok(done) => Ok(done),
            Err(Failure::Kind(kind)) => Err(kind),
            Err(Failure::Stale) => Err(ErrorKind::Other),
        }
    }

    async fn attempt(
        &mut self,
        mut stream: TcpStream,
        request: &[u8],
        template: &Template,
        reused: bool,
    ) -> Result<(u16, u64), Failure> {
        self.buf.clear();
        if self.buf.capacity() > BUF {
            self.buf.shrink_to(BUF);
        }
        self.buf.reserve_exact(BUF);
        // Only a request that may be repeated is sent again: the server may have acted on
        // it before the connection failed.
        let stale = |received: bool| {
            if reused && !received && template.idempotent {
                Failure::Stale
            } else {
                Failure::Kind(ErrorKind::Other)
            }
        };
        // A server may answer before it has read the whole request (a 413 for a large
        // body) and close: the answer is still read when the write fails.
        let written = stream.write_all(request).await.is_ok();
        let mut received = false;
        loop {
            let head = loop {
                if let Some(head) =
                    wire::parse_head(&self.buf, template.head_only).map_err(other)?
                {
                    break head;
                }
                if self.buf.len() == self.buf.capacity() {
                    self.buf.reserve(BUF);
                }
                match stream.read_buf(&mut self.buf).await {
                    Ok(0) | Err(_) => return Err(stale(received)),
                    Ok(_) => received = true,
                }
            };
            self.buf.drain(..head.len);
            if head.interim() {
                continue;
            }
            let bytes = self.body(&mut stream, head.framing).await?;
            // Bytes past the response were never asked for: the connection is not trusted
            // with another request.
            if written && !head.close && self.buf.is_empty() {
                self.stream = Some(stream);
            }
            return Ok((head.status, bytes));
        }
    }

    /// Reads and discards the body, returning its size.
    async fn body(&mut self, stream: &mut TcpStream, framing: Framing) -> Result<u64, Failure> {
        match framing {
            Framing::Empty => Ok(0),
            Framing::Length(n) => {
                let mut left = n;
                loop {
                    let take = left.min(self.buf.len() as u64);
                    self.buf.drain(..take as usize);
                    left -= take;
                    if left == 0 {
                        return Ok(n);
                    }
                    if self.fill(stream).await? == 0 {
                        return Err(Failure::Kind(ErrorKind::Other));
                    }
                }
            }
            Framing::Chunked => {
                let mut chunks = wire::Chunked::default();
                loop {
                    let used = chunks.feed(&self.buf).map_err(other)?;
                    self.buf.drain(..used);
                    if chunks.done() {
                        return Ok(chunks.data);
                    }
                    if self.fill(stream).await? == 0 {
                        return Err(Failure::Kind(ErrorKind::Other));
                    }
                }
            }
            Framing::UntilClose => {
                let mut n = 0;
                loop {
                    n += self.buf.len() as u64;
                    self.buf.clear();
                    if self.fill(stream).await? == 0 {
                        return Ok(n);
                    }
                }
            }
        }
    }

    /// Reads more into the (consumed, so empty) buffer.
    async fn fill(&mut self, stream: &mut TcpStream) -> Result<usize, Failure> {
        self.buf.clear();
        stream.read_buf(&mut self.buf).await.map_err(other)
    }
}

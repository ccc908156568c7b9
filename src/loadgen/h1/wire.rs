//! HTTP/1.1 as bytes, with no I/O: request heads rendered once per target and completed
//! per request with a traceparent, response heads parsed with `httparse`, and a chunked
//! body decoder that only counts. Everything here is a pure function or a state machine,
//! so it is tested byte by byte.

use http::{HeaderName, HeaderValue, Method, Uri, header};

/// Largest response head accepted.
pub const MAX_HEAD: usize = 64 * 1024;
/// Most response header fields accepted.
const MAX_HEADERS: usize = 64;

/// Why a response is not HTTP/1.1 we can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    #[error("malformed response head: {0}")]
    Head(String),
    #[error("response head larger than {MAX_HEAD} bytes")]
    HeadTooLarge,
    #[error("conflicting or invalid Content-Length")]
    ContentLength,
    #[error("malformed chunked body")]
    Chunk,
}

/// A request for one target, rendered up to its traceparent: only the 55 bytes of the
/// traceparent differ between requests.
#[derive(Debug, Clone)]
pub struct Template {
    before: Vec<u8>,
    after: Vec<u8>,
    /// A HEAD request: the response has no body whatever its headers say.
    pub head_only: bool,
    /// Sending it twice means no more than sending it once (RFC 9110 §9.2.2), so it may
    /// be sent again when a kept-alive connection turns out closed.
    pub idempotent: bool,
}

impl Template {
    /// `headers` are the user's; a `Host` or `User-Agent` among them replaces ours, and
    /// framing headers (`Content-Length`, `Transfer-Encoding`) and `traceparent` are ours
    /// alone.
    pub fn new(
        method: &Method,
        uri: &Uri,
        headers: &[(HeaderName, HeaderValue)],
        body_len: usize,
        user_agent: &str,
    ) -> Self {
        let mut before = Vec::with_capacity(256);
        let path = match uri.path() {
            "" => "/",
            path => path,
        };
        let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
        push_line(
            &mut before,
            &[
                method.as_str().as_bytes(),
                b" ",
                path.as_bytes(),
                query.as_bytes(),
                b" HTTP/1.1",
            ],
        );
        let has = |name: &HeaderName| headers.iter().any(|(n, _)| n == name);
        if !has(&header::HOST) {
            push_line(&mut before, &[b"Host: ", host_header(uri).as_bytes()]);
        }
        if !has(&header::USER_AGENT) {
            push_line(&mut before, &[b"User-Agent: ", user_agent.as_bytes()]);
        }
        for (name, value) in headers {
            let ours = *name == header::CONTENT_LENGTH
                || *name == header::TRANSFER_ENCODING
                || name.as_str() == "traceparent";
            if !ours {
                push_line(
                    &mut before,
                    &[name.as_str().as_bytes(), b": ", value.as_bytes()],
                );
            }
        }
        before.extend_from_slice(b"traceparent: ");
        let mut after = b"\r\n".to_vec();
        let bodiless = matches!(
            *method,
            Method::GET | Method::HEAD | Method::DELETE | Method::OPTIONS | Method::TRACE
        );
        if body_len > 0 || !bodiless {
            push_line(
                &mut after,
                &[b"Content-Length: ", body_len.to_string().as_bytes()],
            );
        }
        after.extend_from_slice(b"\r\n");
        Self {
            before,
            after,
            head_only: *method == Method::HEAD,
            idempotent: method.is_idempotent(),
        }
    }

    /// The whole request, into `out` (cleared first).
    pub fn render(&self, traceparent: &[u8], body: &[u8], out: &mut Vec<u8>) {
        out.clear();
        out.extend_from_slice(&self.before);
        out.extend_from_slice(traceparent);
        out.extend_from_slice(&self.after);
        out.extend_from_slice(body);
    }
}

fn push_line(out: &mut Vec<u8>, parts: &[&[u8]]) {
    for p in parts {
        out.extend_from_slice(p);
    }
    out.extend_from_slice(b"\r\n");
}

/// `Host` as a client sends it: the host, and the port when the URL names one.
fn host_header(uri: &Uri) -> String {
    let host = uri.host().unwrap_or_default();
    match uri.port_u16() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

/// How a response's body is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    Empty,
    Length(u64),
    Chunked,
    /// HTTP/1.0 style: the body runs until the server closes the connection.
    UntilClose,
}

/// A parsed response head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub status: u16,
    /// Bytes of the head, blank line included.
    pub len: usize,
    pub framing: Framing,
    /// The connection cannot carry another request after this response.
    pub close: bool,
}

impl Head {
    /// An interim (1xx) response: a real one follows it. 101 is not interim: it ends
    /// HTTP/1.1 on the connection.
    pub fn interim(&self) -> bool {
        (100..200).contains(&self.status) && self.status != 101
    }
}

/// Parses a response head from the start of `buf`: `Ok(None)` while it is incomplete.
pub fn parse_head(buf: &[u8], head_request: bool) -> Result<Option<Head>, WireError> {
    if buf.is_empty() {
        return Ok(None);
    }
    // Left uninitialized: clearing 64 header slots for every response costs more than
    // parsing a small head.
    let mut fields = [const { std::mem::MaybeUninit::uninit() }; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut []);
    let parsed = httparse::ParserConfig::default().parse_response_with_uninit_headers(
        &mut response,
        buf,
        &mut fields,
    );
    let len = match parsed {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) if buf.len() > MAX_HEAD => {
            return Err(WireError::HeadTooLarge);
        }
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(e) => return Err(WireError::Head(e.to_string())),
    };
    let status = response.code.unwrap_or_default();
    let http10 = response.version == Some(0);
    let (mut said_close, mut said_keep_alive) = (false, false);
    let mut length: Option<u64> = None;
    // The last transfer coding, when the response has any.
    let mut coding: Option<&[u8]> = None;
    for field in response.headers.iter() {
        let value = field.value;
        if field.name.eq_ignore_ascii_case("content-length") {
            let value = value.trim_ascii();
            if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
                return Err(WireError::ContentLength);
            }
            let n = std::str::from_utf8(value)
                .ok()
                .and_then(|v| v.parse::<u64>().ok())
                .ok_or(WireError::ContentLength)?;
            if length.is_some_and(|l| l != n) {
                return Err(WireError::ContentLength);
            }
            length = Some(n);
        } else if field.name.eq_ignore_ascii_case("transfer-encoding") {
            coding = tokens(value).last().or(coding);
        } else if field.name.eq_ignore_ascii_case("connection") {
            for token in tokens(value) {
                said_close |= token.eq_ignore_ascii_case(b"close");
                said_keep_alive |= token.eq_ignore_ascii_case(b"keep-alive");
            }
        }
    }
    // `close` wins over `keep-alive`; HTTP/1.0 closes unless it says keep-alive; so does
    // a response with both Transfer-Encoding and Content-Length (RFC 9112 §6.3).
    let mut close = said_close
        || (http10 && !said_keep_alive)
        || (coding.is_some() && (length.is_some() || http10));
    let framing = if head_request || matches!(status, 100..=199 | 204 | 304) {
        Framing::Empty
    } else if let Some(coding) = coding {
        if coding.eq_ignore_ascii_case(b"chunked") {
            Framing::Chunked
        } else {
            close = true;
            Framing::UntilClose
        }
    } else if let Some(n) = length {
        Framing::Length(n)
    } else {
        close = true;
        Framing::UntilClose
    };
    Ok(Some(Head {
        status,
        len,
        framing,
        close: close || status == 101,
    }))
}

/// The comma-separated tokens of a header value, trimmed.
fn tokens(value: &[u8]) -> impl Iterator<Item = &[u8]> {
    value
        .split(|b| *b == b',')
        .map(|t| t.trim_ascii())
        .filter(|t| !t.is_empty())
}

/// Reads a chunked body, counting its data bytes and discarding them.
#[derive(Debug, Default)]
pub struct Chunked {
    state: ChunkState,
    /// Data bytes seen so far.
    pub data: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ChunkState {
    /// In a chunk-size line: the size so far and whether it had a digit yet.
    Size(u64, bool),
    /// Whitespace after the size, before `;` or the line's end.
    SizeSpace(u64),
    /// After the size: extensions up to the line's end.
    Extension(u64),
    SizeLf(u64),
    Data(u64),
    DataCr,
    DataLf,
    /// In the trailer section; `true` at the start of a line.
    Trailer(bool),
    TrailerLf(bool),
    Done,
}

impl Default for ChunkState {
    fn default() -> Self {
        ChunkState::Size(0, false)
    }
}

impl Chunked {
    /// The body has ended (its last chunk and trailers are read).
    pub fn done(&self) -> bool {
        self.state == ChunkState::Done
    }

    /// Consumes body bytes from `input`, stopping at the body's end; returns how many it
    /// took (the rest belong to whatever follows).
    pub fn feed(&mut self, input: &[u8]) -> Result<usize, WireError> {
        use ChunkState::*;
        if self.done() {
            return Ok(0);
        }
        let mut i = 0;
        while i < input.len() {
            if let Data(left) = self.state {
                let take = left.min((input.len() - i) as u64);
                self.data += take;
                i += take as usize;
                self.state = if take == left {
                    DataCr
                } else {
                    Data(left - take)
                };
                continue;
            }
            let b = input[i];
            i += 1;
            self.state = match (self.state, b) {
                (Size(n, _), b) if b.is_ascii_hexdigit() => {
                    // Leading zeros are fine; a size past 2^60 is not a size.
                    if n >> 60 != 0 {
                        return Err(WireError::Chunk);
                    }
                    let digit = (b as char).to_digit(16).unwrap_or_default();
                    Size(n * 16 + u64::from(digit), true)
                }
                (Size(n, true) | SizeSpace(n), b' ' | b'\t') => SizeSpace(n),
                (Size(n, true) | SizeSpace(n), b';') => Extension(n),
                (Size(n, true) | SizeSpace(n), b'\r') => SizeLf(n),
                (Size(n, true) | SizeSpace(n), b'\n') => after_size(n),
                (Extension(n), b'\r') => SizeLf(n),
                (Extension(n), b'\n') => after_size(n),
                (Extension(n), _) => Extension(n),
                (SizeLf(n), b'\n') => after_size(n),
                (DataCr, b'\r') => DataLf,
                (DataCr | DataLf, b'\n') => Size(0, false),
                (Trailer(start), b'\r') => TrailerLf(start),
                (Trailer(true) | TrailerLf(true), b'\n') => Done,
                (Trailer(false) | TrailerLf(false), b'\n') => Trailer(true),
                (Trailer(_), _) => Trailer(false),
                _ => return Err(WireError::Chunk),
            };
            if self.state == Done {
                return Ok(i);
            }
        }
        Ok(i)
    }
}

fn after_size(n: u64) -> ChunkState {
    if n == 0 {
        ChunkState::Trailer(true)
    } else {
        ChunkState::Data(n)
    }
}

#[cfg(test)]
#[path = "wire_tests.rs"]
mod tests;

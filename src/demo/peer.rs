//! Span attribute values that stay the same across a connection's requests.
//!
//! A kept-alive connection has one client address, and its requests nearly always carry
//! the same `Host` and `User-Agent`. Holding those as shared strings lets each server
//! span clone a pointer instead of formatting an address and copying two headers into
//! fresh allocations, which the exporter's thread would then free. A request whose
//! header differs from the previous one simply replaces it.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use http::{HeaderMap, HeaderValue, header};
use opentelemetry::StringValue;

/// One connection's attribute values.
#[derive(Debug)]
pub struct Peer {
    pub client_address: StringValue,
    seen: Mutex<Seen>,
}

#[derive(Debug, Default)]
struct Seen {
    host: Option<(HeaderValue, Host)>,
    agent: Option<(HeaderValue, StringValue)>,
}

/// `server.address` and `server.port`, from the `Host` header.
#[derive(Debug, Clone)]
pub struct Host {
    pub address: StringValue,
    pub port: Option<u16>,
}

impl Peer {
    pub fn new(addr: SocketAddr) -> Self {
        Self {
            client_address: shared(&addr.ip().to_string()),
            seen: Mutex::default(),
        }
    }

    /// The request's `Host` (split into address and port) and `User-Agent`, when they
    /// are present and valid text.
    pub fn host_and_agent(&self, headers: &HeaderMap) -> (Option<Host>, Option<StringValue>) {
        // Requests on one connection come one at a time: the lock is never contended.
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let host = headers.get(header::HOST).and_then(|value| {
            remember(&mut seen.host, value, |text| {
                let (address, port) = split_host(text);
                Host {
                    address: shared(address),
                    port,
                }
            })
        });
        let agent = headers
            .get(header::USER_AGENT)
            .and_then(|value| remember(&mut seen.agent, value, shared));
        (host, agent)
    }
}

/// The value for `header`, made by `make` only when it differs from the last one.
fn remember<T: Clone>(
    slot: &mut Option<(HeaderValue, T)>,
    header: &HeaderValue,
    make: impl FnOnce(&str) -> T,
) -> Option<T> {
    if let Some((last, value)) = slot
        && last == header
    {
        return Some(value.clone());
    }
    let value = make(header.to_str().ok()?);
    *slot = Some((header.clone(), value.clone()));
    Some(value)
}

fn shared(text: &str) -> StringValue {
    StringValue::from(Arc::<str>::from(text))
}

/// `demo.example:8080` → (`demo.example`, 8080); an IPv6 literal keeps its brackets.
fn split_host(host: &str) -> (&str, Option<u16>) {
    match host.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => match p.parse() {
            Ok(port) => (h, Some(port)),
            Err(_) => (host, None),
        },
        _ => (host, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(host: &str, agent: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_str(host).unwrap());
        h.insert(header::USER_AGENT, HeaderValue::from_str(agent).unwrap());
        h
    }

    #[test]
    fn host_header_splits() {
        assert_eq!(
            split_host("demo.example:8080"),
            ("demo.example", Some(8080))
        );
        assert_eq!(split_host("demo.example"), ("demo.example", None));
        assert_eq!(split_host("[::1]:80"), ("[::1]", Some(80)));
        assert_eq!(split_host("[::1]"), ("[::1]", None));
    }

    #[test]
    fn repeated_headers_share_one_string_and_a_change_is_seen() {
        let peer = Peer::new("10.0.0.7:50000".parse().unwrap());
        assert_eq!(peer.client_address.as_str(), "10.0.0.7");
        let (h1, a1) = peer.host_and_agent(&headers("demo:8080", "curl/8"));
        let (h2, a2) = peer.host_and_agent(&headers("demo:8080", "curl/8"));
        let (h1, h2, a1, a2) = (h1.unwrap(), h2.unwrap(), a1.unwrap(), a2.unwrap());
        assert_eq!((h1.address.as_str(), h1.port), ("demo", Some(8080)));
        assert!(std::ptr::eq(h1.address.as_str(), h2.address.as_str()));
        assert!(std::ptr::eq(a1.as_str(), a2.as_str()), "no new string");
        let (h3, a3) = peer.host_and_agent(&headers("other", "wget"));
        let h3 = h3.unwrap();
        assert_eq!((h3.address.as_str(), h3.port), ("other", None));
        assert_eq!(a3.unwrap().as_str(), "wget");
        assert_eq!(
            peer.host_and_agent(&HeaderMap::new()).0.map(|h| h.port),
            None
        );
    }

    #[test]
    fn a_header_that_is_not_text_is_left_out() {
        let peer = Peer::new("127.0.0.1:1".parse().unwrap());
        let mut h = HeaderMap::new();
        h.insert(
            header::USER_AGENT,
            HeaderValue::from_bytes(b"caf\xe9").unwrap(),
        );
        assert!(peer.host_and_agent(&h).1.is_none());
    }
}

use http::{HeaderName, HeaderValue, Method, Uri};

use super::*;
use crate::telemetry::traceparent;

fn uri(s: &str) -> Uri {
    s.parse().unwrap()
}

fn rendered(t: &Template, body: &[u8]) -> String {
    let mut out = Vec::new();
    t.render(&traceparent(1, 2, true), body, &mut out);
    String::from_utf8(out).unwrap()
}

#[test]
fn a_get_has_host_agent_traceparent_and_no_length() {
    let t = Template::new(
        &Method::GET,
        &uri("http://127.0.0.1:8080/api/work?depth=2"),
        &[],
        0,
        "otelctl-loadgen/1",
    );
    assert_eq!(
        rendered(&t, b""),
        "GET /api/work?depth=2 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: otelctl-loadgen/1\r\n\
         traceparent: 00-00000000000000000000000000000001-0000000000000002-01\r\n\r\n"
    );
    assert!(!t.head_only);
}

#[test]
fn a_post_carries_its_length_and_body_and_the_users_headers_win() {
    let headers = [
        (
            HeaderName::from_static("user-agent"),
            HeaderValue::from_static("mine"),
        ),
        (
            HeaderName::from_static("x-team"),
            HeaderValue::from_static("a"),
        ),
        (
            HeaderName::from_static("content-length"),
            HeaderValue::from_static("99"),
        ),
        (
            HeaderName::from_static("traceparent"),
            HeaderValue::from_static("theirs"),
        ),
    ];
    let t = Template::new(
        &Method::POST,
        &uri("http://example.com"),
        &headers,
        2,
        "ours",
    );
    let text = rendered(&t, b"{}");
    assert_eq!(
        text,
        "POST / HTTP/1.1\r\nHost: example.com\r\nuser-agent: mine\r\nx-team: a\r\n\
         traceparent: 00-00000000000000000000000000000001-0000000000000002-01\r\n\
         Content-Length: 2\r\n\r\n{}"
    );
    let empty_post = Template::new(&Method::POST, &uri("http://h/"), &[], 0, "ours");
    assert!(rendered(&empty_post, b"").contains("Content-Length: 0\r\n"));
    assert!(Template::new(&Method::HEAD, &uri("http://h/"), &[], 0, "o").head_only);
    assert!(!empty_post.idempotent, "a POST is never sent twice");
    let bare_query = Template::new(&Method::GET, &uri("http://h?x=1"), &[], 0, "o");
    assert!(bare_query.idempotent);
    assert!(rendered(&bare_query, b"").starts_with("GET /?x=1 HTTP/1.1\r\n"));
}

fn head(text: &str) -> Head {
    parse_head(text.as_bytes(), false).unwrap().unwrap()
}

#[test]
fn response_heads_say_how_the_body_ends() {
    let h = head("HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nhello");
    assert_eq!(
        (h.status, h.framing, h.close),
        (200, Framing::Length(12), false)
    );
    assert_eq!(h.len, "HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n".len());

    let h =
        head("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\nContent-Length: 3\r\n\r\n");
    assert_eq!(h.framing, Framing::Chunked);

    let h = head("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    assert_eq!((h.framing, h.close), (Framing::Length(0), true));

    let h = head("HTTP/1.0 200 OK\r\n\r\n");
    assert_eq!((h.framing, h.close), (Framing::UntilClose, true));
    let h = head("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\n");
    assert!(!h.close);
    for closing in [
        "Connection: close, keep-alive",
        "Connection: close\r\nConnection: keep-alive",
    ] {
        let h = head(&format!(
            "HTTP/1.1 200 OK\r\n{closing}\r\nContent-Length: 1\r\n\r\n"
        ));
        assert!(h.close, "close wins: {closing}");
    }
    let h = head("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 10\r\n\r\n");
    assert_eq!(
        (h.framing, h.close),
        (Framing::UntilClose, true),
        "not chunked last"
    );
    let h = head("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 10\r\n\r\n");
    assert_eq!((h.framing, h.close), (Framing::Chunked, true));

    for bodiless in ["204 No Content", "304 Not Modified", "100 Continue"] {
        let h = head(&format!("HTTP/1.1 {bodiless}\r\nContent-Length: 5\r\n\r\n"));
        assert_eq!(h.framing, Framing::Empty, "{bodiless}");
    }
    assert!(head("HTTP/1.1 100 Continue\r\n\r\n").interim());
    assert!(!head("HTTP/1.1 101 Switching\r\n\r\n").interim());
    let h = parse_head(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", true)
        .unwrap()
        .unwrap();
    assert_eq!(h.framing, Framing::Empty, "a HEAD response has no body");
}

#[test]
fn partial_oversized_and_malformed_heads() {
    assert_eq!(
        parse_head(b"HTTP/1.1 200 OK\r\nContent-Le", false),
        Ok(None)
    );
    assert_eq!(parse_head(b"", false), Ok(None));
    let huge = format!("HTTP/1.1 200 OK\r\nX: {}", "a".repeat(MAX_HEAD + 1));
    assert_eq!(
        parse_head(huge.as_bytes(), false),
        Err(WireError::HeadTooLarge)
    );
    assert!(matches!(
        parse_head(b"SSH-2.0-OpenSSH\r\n\r\n", false),
        Err(WireError::Head(_))
    ));
    for bad in [
        "Content-Length: x",
        "Content-Length: +5",
        "Content-Length: 1\r\nContent-Length: 2",
    ] {
        let text = format!("HTTP/1.1 200 OK\r\n{bad}\r\n\r\n");
        assert_eq!(
            parse_head(text.as_bytes(), false),
            Err(WireError::ContentLength),
            "{bad}"
        );
    }
}

/// Feeds `body` in pieces of `step` bytes; returns (bytes consumed, data bytes, done).
fn chunked(body: &[u8], step: usize) -> Result<(usize, u64, bool), WireError> {
    let mut c = Chunked::default();
    let mut used = 0;
    for piece in body.chunks(step) {
        let n = c.feed(piece)?;
        used += n;
        if n < piece.len() {
            break;
        }
    }
    Ok((used, c.data, c.done()))
}

#[test]
fn chunked_bodies_are_counted_in_any_split() {
    let body = b"5\r\nhello\r\n1A;name=v\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\n\r\nNEXT";
    let end = body.len() - 4;
    for step in [1, 2, 3, 7, body.len()] {
        assert_eq!(chunked(body, step), Ok((end, 31, true)), "step {step}");
    }
    let trailers = b"3\r\nabc\r\n0\r\nX-Checksum: 1\r\nY: 2\r\n\r\n";
    assert_eq!(chunked(trailers, 1), Ok((trailers.len(), 3, true)));
    assert_eq!(
        chunked(b"3\nabc\n0\n\n", 1),
        Ok((9, 3, true)),
        "bare LF is tolerated"
    );
    assert_eq!(chunked(b"4\r\nab", 1), Ok((5, 2, false)), "incomplete");
    let padded = b"0000000000000005 ;x\r\nhello\r\n0\r\n\r\n";
    assert_eq!(
        chunked(padded, 1),
        Ok((padded.len(), 5, true)),
        "leading zeros, space before ;"
    );
}

#[test]
fn malformed_chunks_are_errors() {
    for bad in [
        &b"zz\r\n"[..],
        b"\r\n",
        b"3\r\nabcX",
        b"ffffffffffffffffff\r\n",
        b"1 0\r\n",
    ] {
        assert_eq!(
            chunked(bad, 1),
            Err(WireError::Chunk),
            "{:?}",
            String::from_utf8_lossy(bad)
        );
    }
    let mut done = Chunked::default();
    assert_eq!(done.feed(b"0\r\n\r\n"), Ok(5));
    assert_eq!(done.feed(b"more"), Ok(0), "nothing is taken after the end");
}

//! Both ways loadgen reaches a target: its lean HTTP/1.1 client for `http://` (every
//! framing a server may answer with), and hyper for `--http2` (h2c) and `https://`.

use std::time::Duration;

use crate::harness::scripted::{Script, Scripted};
use crate::harness::target::{Flavor, Target};
use crate::harness::{Sandbox, json};

use super::{loadgen, valid_traceparent};

fn bytes(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

#[test]
fn the_lean_client_reads_every_framing_a_server_may_use() {
    let large = {
        let mut r = bytes("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
        r.extend(std::iter::repeat_n(b'x', 100_000));
        r
    };
    let ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    let cases = [
        (
            "chunked, with an extension and a trailer",
            Script::KeepAlive(bytes(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\
                 5;x=y\r\nhello\r\n6\r\n world\r\n0\r\nX-Sum: 1\r\n\r\n",
            )),
            200,
            11,
        ),
        (
            "Connection: close",
            Script::Close(bytes(
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok",
            )),
            200,
            2,
        ),
        (
            "HTTP/1.0, the body ending at close",
            Script::Close(bytes("HTTP/1.0 200 OK\r\n\r\nuntil the end")),
            200,
            13,
        ),
        (
            "100 Continue before the response",
            Script::KeepAlive(bytes(
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 3\r\n\r\nnew",
            )),
            201,
            3,
        ),
        (
            "a body larger than the buffer",
            Script::KeepAlive(large),
            200,
            100_000,
        ),
        (
            "a server dropping kept-alive connections",
            Script::DropAfter(bytes(ok), 3),
            200,
            2,
        ),
    ];
    let sb = Sandbox::new();
    for (case, script, status, size) in cases {
        let server = Scripted::start(script);
        let out = loadgen(&sb, &["-n", "60", "-c", "3", &server.url]);
        assert!(
            out.status.success(),
            "{case}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let s = &json(&out)["summary"];
        assert_eq!(s["requests"], 60, "{case}: {s}");
        assert_eq!(s["statuses"][status.to_string()], 60, "{case}: {s}");
        assert_eq!(s["error_rate"], 0.0, "{case}: {s}");
        assert_eq!(s["bytes"], 60 * size, "{case}: {s}");
        assert_eq!(
            server.requests(),
            60,
            "{case}: one request each, retries included"
        );
    }
}

#[test]
fn an_answer_that_is_not_http_is_an_error_not_a_hang() {
    let sb = Sandbox::new();
    for garbage in [
        "SSH-2.0-OpenSSH_9.6\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n",
    ] {
        let server = Scripted::start(Script::KeepAlive(bytes(garbage)));
        let out = loadgen(&sb, &["-n", "5", "--timeout", "5s", &server.url]);
        let s = &json(&out)["summary"];
        assert_eq!(s["errors"]["other"], 5, "{garbage:?}: {s}");
    }
}

#[test]
fn http2_goes_over_h2c_with_a_traceparent_each() {
    let target = Target::serve(200, Duration::ZERO, Flavor::H2c);
    let sb = Sandbox::new();
    let out = loadgen(&sb, &["--http2", "-n", "50", "-c", "4", &target.url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out)["summary"]["statuses"]["200"], 50);
    assert_eq!(target.versions(), vec![http::Version::HTTP_2; 50]);
    let seen = target.traceparents();
    assert!(seen.iter().all(|tp| valid_traceparent(tp)), "{seen:?}");
    let unique: std::collections::HashSet<_> = seen.iter().collect();
    assert_eq!(unique.len(), 50);
}

#[test]
fn https_verifies_the_certificate_unless_insecure() {
    let target = Target::serve(200, Duration::ZERO, Flavor::Tls);
    let sb = Sandbox::new();
    let out = loadgen(&sb, &["-n", "5", &target.url]);
    let s = &json(&out)["summary"];
    assert_eq!(
        s["error_rate"], 1.0,
        "a self-signed certificate is refused: {s}"
    );
    assert!(target.versions().is_empty());

    let out = loadgen(&sb, &["-n", "20", "-c", "2", "--insecure", &target.url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out)["summary"]["statuses"]["200"], 20);
    assert_eq!(target.versions(), vec![http::Version::HTTP_11; 20]);
}

#[test]
fn a_post_is_never_sent_twice_when_its_connection_was_dropped() {
    let ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    let server = Scripted::start(Script::DropAfter(bytes(ok), 3));
    let sb = Sandbox::new();
    let out = loadgen(
        &sb,
        &["-n", "30", "-c", "1", "--method", "POST", &server.url],
    );
    let s = &json(&out)["summary"];
    let answered = s["statuses"]["200"].as_u64().unwrap_or(0);
    let failed = s["errors"]["other"].as_u64().unwrap_or(0);
    assert_eq!(answered + failed, 30, "{s}");
    assert!(failed >= 1, "each dropped connection costs one POST: {s}");
    assert_eq!(server.requests(), answered, "no POST was sent again");
}

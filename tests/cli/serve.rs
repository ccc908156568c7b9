//! `otelctl serve` exporting to a real OTLP receiver: span structure, propagation, the
//! flush on shutdown, a dead collector, and hostile clients.

use std::io::Write;
use std::time::{Duration, Instant};

use crate::harness::Sandbox;
use crate::harness::otlp::{ReceivedSpan, Receiver, black_hole};
use crate::harness::served::{Served, read_reply, request};

const SERVER: i32 = 2;
/// The receiver listens on a free port, not 4317, so gRPC must be said explicitly.
const GRPC: (&str, &str) = ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
const STATUS_ERROR: i32 = 2;

fn serve(sb: &Sandbox, env: &[(&str, &str)], args: &[&str]) -> Served {
    let mut cmd = sb.command();
    cmd.envs(env.iter().copied());
    Served::start(cmd, args)
}

fn named<'a>(spans: &'a [ReceivedSpan], name: &str) -> Vec<&'a ReceivedSpan> {
    spans.iter().filter(|s| s.name == name).collect()
}

#[test]
fn work_spans_nest_carry_semantic_attributes_and_record_errors() {
    let receiver = Receiver::start();
    let sb = Sandbox::new();
    let served = serve(
        &sb,
        &[
            ("OTEL_SERVICE_NAME", "shop"),
            ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=test"),
            ("OTEL_EXPORTER_OTLP_HEADERS", "x-team=platform"),
            ("K8S_POD_NAME", "shop-7d4f9"),
            ("K8S_NAMESPACE_NAME", "app"),
            ("OTEL_BSP_SCHEDULE_DELAY", "100"),
            GRPC,
        ],
        &["--otlp-endpoint", &receiver.grpc_url()],
    );
    let parent_trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    let parent_span = "00f067aa0ba902b7";
    let reply = request(
        served.addr,
        &format!(
            "GET /api/work?depth=2&delay_ms=1&fail_rate=1 HTTP/1.1\r\nHost: demo.test:8080\r\n\
             User-Agent: otelctl-tests\r\ntraceparent: 00-{parent_trace}-{parent_span}-01\r\n\
             Connection: close\r\n\r\n"
        ),
    );
    assert_eq!(reply.status, 500);
    assert!(
        reply.body.contains(parent_trace),
        "the response names the trace: {}",
        reply.body
    );
    let spans = receiver.wait_for(3, Duration::from_secs(20));
    served.terminate();

    let server = named(&spans, "GET /api/work");
    assert_eq!(server.len(), 1, "{spans:#?}");
    let server = server[0];
    assert_eq!(server.kind, SERVER);
    assert_eq!(server.trace_id, parent_trace, "traceparent is honoured");
    assert_eq!(server.parent_span_id, parent_span);
    for (key, value) in [
        ("http.request.method", "GET"),
        ("url.path", "/api/work"),
        ("http.route", "/api/work"),
        ("http.response.status_code", "500"),
        ("server.address", "demo.test"),
        ("server.port", "8080"),
        ("user_agent.original", "otelctl-tests"),
        ("url.query", "depth=2&delay_ms=1&fail_rate=1"),
    ] {
        assert_eq!(
            server.attributes.get(key).map(String::as_str),
            Some(value),
            "{key}"
        );
    }
    assert_eq!(server.status_code, STATUS_ERROR);
    assert_eq!(
        server.resource.get("service.name").map(String::as_str),
        Some("shop")
    );
    assert_eq!(
        server
            .resource
            .get("deployment.environment")
            .map(String::as_str),
        Some("test")
    );
    assert_eq!(
        server.resource.get("k8s.pod.name").map(String::as_str),
        Some("shop-7d4f9")
    );
    assert_eq!(
        server
            .resource
            .get("k8s.namespace.name")
            .map(String::as_str),
        Some("app")
    );
    assert!(server.resource.contains_key("host.name"));

    let level1 = named(&spans, "work level 1")[0];
    let level2 = named(&spans, "work level 2")[0];
    assert_eq!(level1.parent_span_id, server.span_id);
    assert_eq!(level2.parent_span_id, level1.span_id);
    assert_eq!(level2.trace_id, parent_trace);
    assert_eq!(
        level2.attributes.get("work.level").map(String::as_str),
        Some("2")
    );
    assert_eq!(level2.status_code, STATUS_ERROR);
    assert_eq!(level2.events, ["exception"]);
    assert_ne!(level1.status_code, STATUS_ERROR);

    assert!(
        receiver
            .export_headers()
            .iter()
            .any(|h| h.get("x-team").map(String::as_str) == Some("platform")),
        "OTEL_EXPORTER_OTLP_HEADERS reached the collector"
    );
}

#[test]
fn http_protobuf_export_and_log_lines_carry_the_trace() {
    let receiver = Receiver::start();
    let sb = Sandbox::new();
    let served = serve(
        &sb,
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &receiver.http_url()),
            ("OTEL_BSP_SCHEDULE_DELAY", "100"),
        ],
        &[],
    );
    let reply = served.get("/api/hello");
    assert_eq!(reply.status, 200);
    let trace_id = serde_json::from_str::<serde_json::Value>(&reply.body).unwrap()["trace_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let spans = receiver.wait_for(1, Duration::from_secs(20));
    let (_, log) = served.terminate();
    assert_eq!(spans[0].name, "GET /api/hello");
    assert_eq!(spans[0].trace_id, trace_id);
    assert_eq!(
        spans[0].resource.get("service.name").map(String::as_str),
        Some("otel-demo")
    );
    let line = log
        .iter()
        .find(|l| l.contains("path=/api/hello"))
        .expect("an access log line");
    assert!(line.contains(&format!("trace_id={trace_id}")), "{line}");
    assert!(
        line.contains(&format!("span_id={}", spans[0].span_id)),
        "{line}"
    );
}

#[test]
fn n_requests_give_n_server_spans_after_sigterm() {
    let receiver = Receiver::start();
    let sb = Sandbox::new();
    // Nothing is exported on a timer: only the shutdown flush can deliver the spans.
    let served = serve(
        &sb,
        &[
            ("OTEL_BSP_SCHEDULE_DELAY", "600000"),
            ("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "2048"),
            GRPC,
        ],
        &["--otlp-endpoint", &receiver.grpc_url()],
    );
    let n = 150;
    for _ in 0..n {
        assert_eq!(served.get("/api/hello").status, 200);
    }
    assert_eq!(served.get("/healthz").status, 200);
    assert!(receiver.spans().is_empty(), "exported before shutdown");
    let (status, log) = served.terminate();
    assert!(status.success(), "{log:?}");
    let spans = receiver.spans();
    assert_eq!(
        named(&spans, "GET /api/hello").len(),
        n,
        "probes are not traced"
    );
    assert_eq!(spans.len(), n);
    assert!(
        log.iter()
            .any(|l| l.contains(&format!("{n} span(s) exported, 0 dropped"))),
        "{log:?}"
    );
}

#[test]
fn in_flight_requests_finish_and_readiness_turns_false_during_the_drain() {
    let receiver = Receiver::start();
    let sb = Sandbox::new();
    let served = serve(
        &sb,
        &[GRPC],
        &[
            "--otlp-endpoint",
            &receiver.grpc_url(),
            "--drain-delay",
            "1500ms",
        ],
    );
    assert_eq!(served.get("/readyz").status, 200);
    let addr = served.addr;
    let slow = std::thread::spawn(move || {
        request(
            addr,
            "GET /api/work?depth=1&delay_ms=1200 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
    });
    std::thread::sleep(Duration::from_millis(200));
    served.signal_term();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(served.get("/readyz").status, 503, "unready while draining");
    assert_eq!(
        served.get("/api/hello").status,
        200,
        "still serving while draining"
    );
    assert_eq!(
        slow.join().unwrap().status,
        200,
        "the in-flight request finished"
    );
    let (status, _) = served.wait();
    assert!(status.success());
    let spans = receiver.wait_for(3, Duration::from_secs(5));
    assert_eq!(named(&spans, "GET /api/work").len(), 1);
    assert_eq!(named(&spans, "GET /api/hello").len(), 1);
}

#[test]
fn a_dead_collector_never_slows_requests_and_drops_are_counted() {
    let sb = Sandbox::new();
    let served = serve(
        &sb,
        &[
            ("OTEL_BSP_MAX_QUEUE_SIZE", "8"),
            ("OTEL_EXPORTER_OTLP_TIMEOUT", "30000"),
        ],
        &["--otlp-endpoint", &black_hole()],
    );
    let started = Instant::now();
    for _ in 0..100 {
        let asked = Instant::now();
        assert_eq!(served.get("/api/hello").status, 200);
        assert!(
            asked.elapsed() < Duration::from_secs(2),
            "a request waited on the collector"
        );
    }
    let took = started.elapsed();
    let metrics = served.get("/metrics").body;
    let counter = |name: &str| -> u64 {
        metrics
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name} ")))
            .unwrap_or_else(|| panic!("{name} missing from /metrics"))
            .parse()
            .unwrap()
    };
    assert_eq!(counter("otel_spans_ended_total"), 100);
    assert!(
        counter("otel_spans_dropped_total") >= 100 - 8 - 8,
        "{metrics}"
    );
    assert_eq!(counter("otel_spans_exported_total"), 0);
    assert!(metrics.contains(
        "http_server_requests_total{route=\"/api/hello\",method=\"GET\",status=\"200\"} 100"
    ));
    drop(served);
    assert!(took < Duration::from_secs(60));
}

#[test]
fn oversized_and_slow_requests_get_4xx() {
    let sb = Sandbox::new();
    let served = serve(
        &sb,
        &[("OTEL_SDK_DISABLED", "true")],
        &["--header-timeout", "1s"],
    );

    let huge = "a".repeat(40 * 1024);
    let reply = request(
        served.addr,
        &format!("GET /api/hello HTTP/1.1\r\nHost: x\r\nX-Big: {huge}\r\n\r\n"),
    );
    assert_eq!(reply.status, 431, "{}", reply.head);

    let reply = request(
        served.addr,
        "GET /api/hello HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(reply.status, 413);

    let mut slow = std::net::TcpStream::connect(served.addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    slow.write_all(b"GET /api/hello HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let reply = read_reply(&mut slow);
    assert_eq!(reply.status, 408);

    assert_eq!(served.get("/nope").status, 404);
    assert_eq!(
        request(
            served.addr,
            "DELETE /api/hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .status,
        405
    );
    assert_eq!(served.get("/api/work?depth=lots").status, 400);
    assert_eq!(
        served.get("/api/hello").status,
        200,
        "still serving after all that"
    );
}

#[test]
fn index_page_shows_service_version_and_trace_id() {
    let sb = Sandbox::new();
    let served = serve(
        &sb,
        &[
            ("OTEL_SERVICE_NAME", "flask-hello"),
            ("OTEL_BSP_SCHEDULE_DELAY", "100"),
        ],
        &["--otlp-endpoint", &black_hole()],
    );
    let reply = served.get("/");
    assert_eq!(reply.status, 200);
    assert!(
        reply
            .head
            .to_ascii_lowercase()
            .contains("content-type: text/html")
    );
    assert!(reply.body.contains("Hello from flask-hello"));
    assert!(reply.body.contains(env!("CARGO_PKG_VERSION")));
    let id = reply
        .body
        .split("id=\"trace-id\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap();
    assert_eq!(id.len(), 32);
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()) && id != "0".repeat(32));
}

#[test]
fn sampler_always_off_exports_nothing_but_serves() {
    let receiver = Receiver::start();
    let sb = Sandbox::new();
    let served = serve(
        &sb,
        &[
            ("OTEL_TRACES_SAMPLER", "always_off"),
            ("OTEL_BSP_SCHEDULE_DELAY", "100"),
            GRPC,
        ],
        &["--otlp-endpoint", &receiver.grpc_url()],
    );
    for _ in 0..5 {
        assert_eq!(served.get("/api/hello").status, 200);
    }
    let (status, _) = served.terminate();
    assert!(status.success());
    assert!(receiver.spans().is_empty());
}

#[test]
fn bad_otel_settings_are_usage_errors() {
    let sb = Sandbox::new();
    sb.otelctl()
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")
        .args(["serve", "--listen", "127.0.0.1:0"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "OTEL_EXPORTER_OTLP_PROTOCOL=http/json",
        ));
}

#[test]
fn with_the_sdk_disabled_the_callers_trace_id_is_shown_and_work_still_runs() {
    let sb = Sandbox::new();
    let served = serve(&sb, &[("OTEL_SDK_DISABLED", "true")], &[]);
    let trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    let reply = request(
        served.addr,
        &format!(
            "GET /api/hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
             traceparent: 00-{trace}-00f067aa0ba902b7-01\r\n\r\n"
        ),
    );
    assert_eq!(reply.status, 200);
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(body["trace_id"], trace);
    let work = served.get("/api/work?depth=2&delay_ms=0");
    assert_eq!(work.status, 200, "{}", work.body);
    let untraced: serde_json::Value = serde_json::from_str(&work.body).unwrap();
    assert_eq!(
        untraced["trace_id"],
        "0".repeat(32),
        "no caller, no SDK: no trace"
    );
}

#[test]
fn a_failure_at_depth_zero_is_recorded_on_the_server_span() {
    let receiver = Receiver::start();
    let sb = Sandbox::new();
    let served = serve(
        &sb,
        &[GRPC, ("OTEL_BSP_SCHEDULE_DELAY", "50")],
        &["--otlp-endpoint", &receiver.grpc_url()],
    );
    assert_eq!(served.get("/api/work?depth=0&fail_rate=1").status, 500);
    let spans = receiver.wait_for(1, Duration::from_secs(10));
    drop(served);
    assert_eq!(spans.len(), 1, "no child spans at depth 0");
    assert_eq!(spans[0].events, ["exception"]);
    assert_eq!(spans[0].status_code, STATUS_ERROR);
}

//! `otelctl loadgen` against a local target that records every traceparent.

mod in_cluster;
mod transports;

use std::collections::HashSet;
use std::time::Duration;

use predicates::prelude::*;

use crate::harness::otlp::Receiver;
use crate::harness::target::Target;
use crate::harness::{Sandbox, json};

fn loadgen(sb: &Sandbox, args: &[&str]) -> std::process::Output {
    sb.otelctl()
        .arg("loadgen")
        .args(["-o", "json"])
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap()
}

fn valid_traceparent(tp: &str) -> bool {
    let parts: Vec<&str> = tp.split('-').collect();
    parts.len() == 4
        && parts[0] == "00"
        && parts[1].len() == 32
        && parts[2].len() == 16
        && parts[1..3]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_hexdigit()) && p.bytes().any(|b| b != b'0'))
        && (parts[3] == "01" || parts[3] == "00")
}

#[test]
fn n_is_exact_and_every_traceparent_is_valid_and_unique() {
    let target = Target::start(200, Duration::ZERO);
    let sb = Sandbox::new();
    let out = loadgen(&sb, &["-n", "300", "-c", "8", &target.url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    assert_eq!(report["summary"]["requests"], 300);
    assert_eq!(report["summary"]["statuses"]["200"], 300);
    let seen = target.traceparents();
    assert_eq!(seen.len(), 300, "the target saw exactly -n requests");
    assert!(
        seen.iter()
            .all(|tp| valid_traceparent(tp) && tp.ends_with("-01")),
        "{seen:?}"
    );
    let trace_ids: HashSet<&str> = seen.iter().map(|tp| &tp[3..35]).collect();
    assert_eq!(trace_ids.len(), 300, "one trace per request");
    let histogram: u64 = report["histogram"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_u64().unwrap())
        .sum();
    assert_eq!(histogram, 300);
    assert_eq!(
        report["summary"]["slowest_traces"]
            .as_array()
            .unwrap()
            .len(),
        10
    );
}

#[test]
fn the_rate_is_held() {
    let target = Target::start(200, Duration::ZERO);
    let sb = Sandbox::new();
    let out = loadgen(&sb, &["-r", "200", "-z", "3s", "-c", "4", &target.url]);
    assert!(out.status.success());
    let requests = json(&out)["summary"]["requests"].as_u64().unwrap();
    // 600 scheduled; a loaded 2-core machine may lose a few at the edges.
    assert!(
        (570..=606).contains(&requests),
        "{requests} requests for 200/s over 3 s"
    );
}

#[test]
fn refused_timeouts_and_5xx_are_counted_by_kind() {
    let sb = Sandbox::new();
    let refused = format!("{}/", crate::harness::refused_url());
    let out = loadgen(&sb, &["-n", "20", "-c", "2", &refused]);
    let r = json(&out);
    assert_eq!(r["summary"]["errors"]["connect"], 20);
    assert_eq!(r["summary"]["error_rate"], 1.0);

    let slow = Target::start(200, Duration::from_secs(2));
    let r = json(&loadgen(
        &sb,
        &["-n", "4", "-c", "4", "--timeout", "200ms", &slow.url],
    ));
    assert_eq!(r["summary"]["errors"]["timeout"], 4);

    let failing = Target::start(503, Duration::ZERO);
    let r = json(&loadgen(&sb, &["-n", "30", &failing.url]));
    assert_eq!(r["summary"]["statuses"]["503"], 30);
    assert_eq!(r["summary"]["error_rate"], 1.0);
    assert_eq!(r["summary"]["failed_traces"].as_array().unwrap().len(), 10);
}

#[test]
fn fail_on_exits_1_exactly_when_a_threshold_is_crossed() {
    let sb = Sandbox::new();
    let failing = Target::start(503, Duration::ZERO);
    let out = loadgen(
        &sb,
        &["-n", "10", "--fail-on", "error_rate>50%", &failing.url],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("thresholds violated: error_rate>50%"));
    let report = json(&out);
    assert_eq!(report["thresholds"][0]["violated"], true);

    let ok = Target::start(200, Duration::ZERO);
    let out = loadgen(
        &sb,
        &["-n", "10", "--fail-on", "error_rate>1%,p99>5s", &ok.url],
    );
    assert_eq!(out.status.code(), Some(0));
    let out = loadgen(&sb, &["-n", "10", "--fail-on", "p50>=0ms", &ok.url]);
    assert_eq!(out.status.code(), Some(1), "p50 is always >= 0");
}

#[test]
fn bad_input_is_a_usage_error() {
    let sb = Sandbox::new();
    for args in [
        vec!["-n", "1", "localhost:8080/"],
        vec!["-n", "1", "--rate=-5", "http://127.0.0.1:1/"],
        vec!["-n", "1", "--rate", "0", "http://127.0.0.1:1/"],
        vec!["http://127.0.0.1:1/"],
        vec!["-n", "1", "-H", "no colon here", "http://127.0.0.1:1/"],
        vec!["-n", "1", "--fail-on", "p99=1s", "http://127.0.0.1:1/"],
        vec!["-n", "0", "http://127.0.0.1:1/"],
    ] {
        sb.otelctl()
            .arg("loadgen")
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("panicked").not());
    }
}

#[test]
fn client_spans_start_the_trace_when_exported() {
    let receiver = Receiver::start();
    let target = Target::start(200, Duration::ZERO);
    let sb = Sandbox::new();
    let out = sb
        .otelctl()
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
        .args([
            "loadgen",
            "-n",
            "5",
            "--otlp-endpoint",
            &receiver.grpc_url(),
            &target.url,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let spans = receiver.wait_for(5, Duration::from_secs(10));
    assert_eq!(spans.len(), 5);
    let sent = target.traceparents();
    for span in &spans {
        assert_eq!(span.kind, 3, "client span");
        assert_eq!(
            span.resource.get("service.name").map(String::as_str),
            Some("otelctl-loadgen")
        );
        let header = format!("00-{}-{}-01", span.trace_id, span.span_id);
        assert!(
            sent.contains(&header),
            "the server saw the client span as parent: {header}"
        );
    }
}

#[test]
fn sample_rate_zero_marks_traces_unsampled() {
    let target = Target::start(200, Duration::ZERO);
    let sb = Sandbox::new();
    assert!(
        loadgen(&sb, &["-n", "20", "--sample-rate", "0", &target.url])
            .status
            .success()
    );
    assert!(
        target
            .traceparents()
            .iter()
            .all(|tp| valid_traceparent(tp) && tp.ends_with("-00"))
    );
}

//! `otelctl demo`: the whole pipeline on one machine, checked from its JSON summary and
//! against the request count it reports.

use crate::harness::{Sandbox, json};

/// `otelctl demo ARGS` on free ports.
fn demo(sb: &Sandbox, args: &[&str]) -> std::process::Output {
    sb.otelctl()
        .arg("demo")
        .args(args)
        .args(["--listen", "127.0.0.1:0", "--grpc", "127.0.0.1:0"])
        .args(["--http", "127.0.0.1:0", "--ui", "127.0.0.1:0"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap()
}

#[test]
fn demo_runs_the_pipeline_and_reports_the_slowest_trace() {
    let sb = Sandbox::new();
    let out = demo(&sb, &["--duration", "2s", "--rate", "40", "-o", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    let requests = report["load"]["requests"].as_u64().unwrap();
    assert!((40..=120).contains(&requests), "40/s for 2 s: {requests}");
    assert_eq!(
        report["services"],
        serde_json::json!(["otel-demo", "otelctl-loadgen"])
    );
    // Every request is a client span and a server span; /api/work adds its levels.
    let spans = report["spans_received"].as_u64().unwrap();
    assert!(
        spans >= 2 * requests,
        "{spans} spans for {requests} requests"
    );
    assert_eq!(
        report["traces"].as_u64().unwrap(),
        requests,
        "one trace per request"
    );

    let slowest = &report["slowest_trace"];
    let rows = slowest["spans"].as_array().unwrap();
    assert_eq!(rows[0]["service"], "otelctl-loadgen");
    assert_eq!(rows[1]["service"], "otel-demo");
    assert_eq!(rows[1]["name"].as_str().unwrap().trim(), "GET /api/work");
    assert!(
        rows[2]["name"]
            .as_str()
            .unwrap()
            .starts_with("    work level 1"),
        "nested: {rows:?}"
    );
    assert!(
        slowest["url"]
            .as_str()
            .unwrap()
            .ends_with(slowest["trace_id"].as_str().unwrap())
    );
}

#[test]
fn demo_human_summary_draws_a_waterfall() {
    let sb = Sandbox::new();
    let out = demo(&sb, &["--duration", "1s"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("pipeline ran"), "{text}");
    assert!(text.contains("Slowest trace"), "{text}");
    assert!(text.contains('█'), "{text}");
    assert!(text.contains("otel-demo, otelctl-loadgen"), "{text}");
}

#[test]
fn keep_running_leaves_the_viewer_up_until_sigterm() {
    let sb = Sandbox::new();
    let mut cmd = sb.command();
    cmd.args(["demo", "--duration", "1s", "--keep-running"])
        .args(["--listen", "127.0.0.1:0", "--grpc", "127.0.0.1:0"])
        .args(["--http", "127.0.0.1:0", "--ui", "127.0.0.1:0"]);
    let (demo, line) = crate::harness::served::Served::spawn(cmd, "still running: open http://");
    let ui: std::net::SocketAddr = line
        .trim_start_matches("still running: open http://")
        .split('/')
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no viewer address in {line:?}"));
    let reply = crate::harness::served::request(
        ui,
        "GET /api/services HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(reply.status, 200);
    assert!(reply.body.contains("otel-demo"), "{}", reply.body);
    let (status, _) = demo.terminate();
    assert!(status.success());
}

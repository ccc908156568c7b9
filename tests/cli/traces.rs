//! `otelctl traces`: OTLP in over gRPC, HTTP/protobuf and HTTP/JSON, the Jaeger query API
//! out, hostile payloads, and the store's caps.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::harness::Sandbox;
use crate::harness::served::{Reply, Served, request};

pub struct Traces {
    pub process: Served,
    pub grpc: SocketAddr,
    pub http: SocketAddr,
    pub api: SocketAddr,
}

pub fn start(sb: &Sandbox, extra: &[&str]) -> Traces {
    let mut cmd = sb.command();
    cmd.args([
        "traces",
        "--grpc",
        "127.0.0.1:0",
        "--http",
        "127.0.0.1:0",
        "--ui",
        "127.0.0.1:0",
    ])
    .args(extra);
    let (process, line) = Served::spawn(cmd, "receiving OTLP");
    let addr = |marker: &str| -> SocketAddr {
        line.split(marker)
            .nth(1)
            .and_then(|rest| rest.split(['/', ' ', ';']).next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no {marker} address in {line:?}"))
    };
    Traces {
        grpc: addr("grpc://"),
        http: addr("and http://"),
        api: addr("query API on http://"),
        process,
    }
}

impl Traces {
    /// `otelctl serve` exporting to this receiver over gRPC, flushing every 100 ms.
    pub fn serve_into(&self, sb: &Sandbox) -> Served {
        let mut cmd = sb.command();
        cmd.env("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
            .env("OTEL_BSP_SCHEDULE_DELAY", "100");
        Served::start(cmd, &["--otlp-endpoint", &format!("http://{}", self.grpc)])
    }

    fn api(&self, path: &str) -> (u16, Value) {
        let reply = request(
            self.api,
            &format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        );
        (
            reply.status,
            serde_json::from_str(&reply.body).unwrap_or(Value::Null),
        )
    }

    fn post(&self, content_type: &str, body: &[u8]) -> Reply {
        let mut raw = format!(
            "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        raw.extend_from_slice(body);
        let mut stream = std::net::TcpStream::connect(self.http).unwrap();
        std::io::Write::write_all(&mut stream, &raw).unwrap();
        crate::harness::served::read_reply(&mut stream)
    }

    pub fn wait_for_spans(&self, n: u64) -> Value {
        let started = Instant::now();
        loop {
            let (_, stats) = self.api("/api/stats");
            if stats["spans_received"].as_u64().unwrap_or(0) >= n
                || started.elapsed() > Duration::from_secs(20)
            {
                return stats;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// An OTLP/JSON request with one trace of `spans` spans (a chain), ids from `seed`.
fn json_trace(seed: u32, spans: u32, service: &str, payload: usize) -> Vec<u8> {
    let trace_id = format!("{seed:032x}");
    let list: Vec<Value> = (1..=spans)
        .map(|i| {
            json!({
                "traceId": trace_id,
                "spanId": format!("{:016x}", u64::from(seed) << 16 | u64::from(i)),
                "parentSpanId": if i == 1 { String::new() } else { format!("{:016x}", u64::from(seed) << 16 | u64::from(i - 1)) },
                "name": format!("op-{i}"),
                "kind": 2,
                "startTimeUnixNano": (1_700_000_000_000_000_000u64 + u64::from(seed) * 1_000_000 + u64::from(i)).to_string(),
                "endTimeUnixNano": (1_700_000_000_000_000_000u64 + u64::from(seed) * 1_000_000 + 500_000).to_string(),
                "attributes": [{"key": "payload", "value": {"stringValue": "x".repeat(payload)}}],
            })
        })
        .collect();
    json!({"resourceSpans": [{
        "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": service}}]},
        "scopeSpans": [{"spans": list}]
    }]})
    .to_string()
    .into_bytes()
}

#[test]
fn spans_from_serve_are_queryable_through_the_jaeger_api() {
    let sb = Sandbox::new();
    let traces = start(&sb, &[]);
    let served = traces.serve_into(&sb);
    assert_eq!(served.get("/api/hello").status, 200);
    let work = served.get("/api/work?depth=2&delay_ms=20&fail_rate=1");
    assert_eq!(work.status, 500);
    let work_trace = serde_json::from_str::<Value>(&work.body).unwrap()["trace_id"]
        .as_str()
        .unwrap()
        .to_owned();
    traces.wait_for_spans(4);

    let (status, services) = traces.api("/api/services");
    assert_eq!(status, 200);
    assert_eq!(services["data"], json!(["otel-demo"]));
    let (_, ops) = traces.api("/api/services/otel-demo/operations");
    assert_eq!(
        ops["data"],
        json!([
            "GET /api/hello",
            "GET /api/work",
            "work level 1",
            "work level 2"
        ])
    );

    let (_, all) = traces.api("/api/traces?service=otel-demo&limit=10&lookback=1h");
    assert_eq!(all["data"].as_array().unwrap().len(), 2);
    assert_eq!(
        all["data"][0]["traceID"],
        work_trace.as_str(),
        "newest first"
    );

    let (_, slow) = traces.api("/api/traces?service=otel-demo&minDuration=30ms");
    assert_eq!(slow["data"].as_array().unwrap().len(), 1);
    let (_, errors) =
        traces.api("/api/traces?service=otel-demo&tags=%7B%22error%22%3A%22true%22%7D");
    assert_eq!(errors["data"][0]["traceID"], work_trace.as_str());
    assert_eq!(errors["data"].as_array().unwrap().len(), 1);
    let (_, by_op) = traces.api("/api/traces?service=otel-demo&operation=GET%20%2Fapi%2Fhello");
    assert_eq!(by_op["data"].as_array().unwrap().len(), 1);

    let (status, one) = traces.api(&format!("/api/traces/{work_trace}"));
    assert_eq!(status, 200);
    let spans = one["data"][0]["spans"].as_array().unwrap();
    assert_eq!(spans.len(), 3);
    let find = |name: &str| spans.iter().find(|s| s["operationName"] == name).unwrap();
    let (server, level1, level2) = (
        find("GET /api/work"),
        find("work level 1"),
        find("work level 2"),
    );
    assert_eq!(level1["references"][0]["refType"], "CHILD_OF");
    assert_eq!(level1["references"][0]["spanID"], server["spanID"]);
    assert_eq!(level2["references"][0]["spanID"], level1["spanID"]);
    assert!(
        server["duration"].as_u64().unwrap() >= 40_000,
        "µs: {}",
        server["duration"]
    );
    assert_eq!(
        one["data"][0]["processes"]["p1"]["serviceName"],
        "otel-demo"
    );

    let (status, missing) = traces.api(&format!("/api/traces/{}", "f".repeat(32)));
    assert_eq!(status, 404);
    assert_eq!(missing["errors"][0]["code"], 404);
    assert_eq!(traces.api("/api/traces?service=otel-demo&limit=0").0, 400);
    drop(served);
    drop(traces.process);
}

#[test]
fn http_protobuf_and_json_are_received() {
    let sb = Sandbox::new();
    let traces = start(&sb, &[]);
    let mut cmd = sb.command();
    cmd.env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
        .env("OTEL_BSP_SCHEDULE_DELAY", "100")
        .env("OTEL_SERVICE_NAME", "via-http");
    let served = Served::start(
        cmd,
        &["--otlp-endpoint", &format!("http://{}", traces.http)],
    );
    assert_eq!(served.get("/api/hello").status, 200);
    let reply = traces.post("application/json", &json_trace(7, 3, "via-json", 4));
    assert_eq!(reply.status, 200, "{}", reply.body);
    traces.wait_for_spans(4);
    let (_, services) = traces.api("/api/services");
    assert_eq!(services["data"], json!(["via-http", "via-json"]));
    let (_, t) = traces.api(&format!("/api/traces/{:032x}", 7));
    assert_eq!(t["data"][0]["spans"].as_array().unwrap().len(), 3);
}

#[test]
fn malformed_oversized_and_wrong_requests_are_refused_and_nothing_crashes() {
    let sb = Sandbox::new();
    let traces = start(&sb, &[]);
    assert_eq!(
        traces
            .post("application/x-protobuf", b"\xff\xff\xff garbage")
            .status,
        400
    );
    assert_eq!(
        traces
            .post("application/json", b"{\"resourceSpans\": [")
            .status,
        400
    );
    let bad_id = json_trace(1, 1, "x", 0);
    let bad_id = String::from_utf8(bad_id)
        .unwrap()
        .replace(&format!("{:032x}", 1), "abcd");
    assert_eq!(
        traces.post("application/json", bad_id.as_bytes()).status,
        400
    );
    assert_eq!(traces.post("text/plain", b"hello").status, 415);
    let huge = request(
        traces.http,
        "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\nContent-Length: 17825792\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(huge.status, 413);
    let wrong_path = request(
        traces.http,
        "POST /v1/logs HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(wrong_path.status, 404);
    assert_eq!(
        traces
            .post("application/json", &json_trace(2, 2, "after", 0))
            .status,
        200,
        "still receiving"
    );
    let (_, stats) = traces.api("/api/stats");
    assert_eq!(stats["spans_received"], 2);
}

#[test]
fn a_flood_beyond_the_caps_evicts_the_oldest_traces_and_stays_bounded() {
    let sb = Sandbox::new();
    let traces = start(&sb, &["--max-spans", "500", "--max-bytes-mib", "1"]);
    // 400 traces of 5 spans = 2000 spans of ~1 KiB: over both caps.
    for seed in 1..=400 {
        assert_eq!(
            traces
                .post("application/json", &json_trace(seed, 5, "flood", 1000))
                .status,
            200
        );
    }
    let stats = traces.wait_for_spans(2000);
    assert_eq!(stats["spans_received"], 2000);
    assert!(stats["spans"].as_u64().unwrap() <= 500, "{stats}");
    assert!(stats["bytes"].as_u64().unwrap() <= 1024 * 1024, "{stats}");
    assert!(stats["traces_evicted"].as_u64().unwrap() >= 300, "{stats}");
    assert_eq!(
        traces.api(&format!("/api/traces/{:032x}", 1)).0,
        404,
        "the oldest is gone"
    );
    assert_eq!(
        traces.api(&format!("/api/traces/{:032x}", 400)).0,
        200,
        "the newest is kept"
    );
}

//! Spans per second that `otelctl traces` ingests over OTLP/gRPC, in batches of 512.
//!
//! Starts the release `otelctl traces` on free loopback ports, sends ExportTraceService
//! requests of 512 spans (5 attributes each, 10 spans per trace) from concurrent clients for
//! a fixed time, then reads `/api/stats` to count what the receiver actually took.
//!
//!     cargo bench --bench ingest                    # 10 s, 4 clients
//!     INGEST_SECONDS=20 INGEST_CLIENTS=2 cargo bench --bench ingest

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::collector::trace::v1::trace_service_client::TraceServiceClient;
use opentelemetry_proto::tonic::common::v1::{AnyValue, KeyValue, any_value};
use opentelemetry_proto::tonic::resource::v1::Resource;
use opentelemetry_proto::tonic::trace::v1::{ResourceSpans, ScopeSpans, Span, Status};

const BATCH: usize = 512;

fn attr(key: &str, value: any_value::Value) -> KeyValue {
    KeyValue {
        key: key.into(),
        value: Some(AnyValue { value: Some(value) }),
        ..Default::default()
    }
}

fn batch(seed: u64) -> ExportTraceServiceRequest {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let spans = (0..BATCH as u64)
        .map(|i| {
            let trace = (seed * BATCH as u64 + i) / 10 + 1;
            Span {
                trace_id: [trace.to_be_bytes(), seed.to_be_bytes()].concat(),
                span_id: (seed * BATCH as u64 + i + 1).to_be_bytes().to_vec(),
                parent_span_id: if i % 10 == 0 {
                    vec![]
                } else {
                    (seed * BATCH as u64 + i).to_be_bytes().to_vec()
                },
                name: format!("GET /api/op{}", i % 7),
                kind: 2,
                start_time_unix_nano: now + i * 1000,
                end_time_unix_nano: now + i * 1000 + 250_000,
                attributes: vec![
                    attr(
                        "http.request.method",
                        any_value::Value::StringValue("GET".into()),
                    ),
                    attr(
                        "http.route",
                        any_value::Value::StringValue("/api/op".into()),
                    ),
                    attr("http.response.status_code", any_value::Value::IntValue(200)),
                    attr(
                        "server.address",
                        any_value::Value::StringValue("bench.local".into()),
                    ),
                    attr(
                        "user_agent.original",
                        any_value::Value::StringValue("ingest-bench".into()),
                    ),
                ],
                status: Some(Status::default()),
                ..Default::default()
            }
        })
        .collect();
    ExportTraceServiceRequest {
        resource_spans: vec![ResourceSpans {
            resource: Some(Resource {
                attributes: vec![attr(
                    "service.name",
                    any_value::Value::StringValue("bench".into()),
                )],
                ..Default::default()
            }),
            scope_spans: vec![ScopeSpans {
                spans,
                ..Default::default()
            }],
            ..Default::default()
        }],
    }
}

fn stats(api: &str) -> serde_json::Value {
    let mut stream = TcpStream::connect(api).unwrap();
    write!(
        stream,
        "GET /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    serde_json::from_str(text.split_once("\r\n\r\n").unwrap().1).unwrap()
}

fn main() {
    let seconds: u64 = std::env::var("INGEST_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let clients: u64 = std::env::var("INGEST_CLIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    let mut child = Command::new(env!("CARGO_BIN_EXE_otelctl"))
        .args([
            "traces",
            "--grpc",
            "127.0.0.1:0",
            "--http",
            "127.0.0.1:0",
            "--ui",
            "127.0.0.1:0",
        ])
        .args(["--max-spans", "2000000", "--max-bytes-mib", "2048"])
        .stderr(Stdio::piped())
        .spawn()
        .expect("start otelctl traces");
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let grab = |marker: &str| {
        line.split(marker)
            .nth(1)
            .unwrap()
            .split(['/', ' ', ';'])
            .next()
            .unwrap()
            .to_owned()
    };
    let (grpc, api) = (grab("grpc://"), grab("query API on http://"));

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sent = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    runtime.block_on(async {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(seconds);
        let tasks: Vec<_> = (0..clients)
            .map(|c| {
                let sent = sent.clone();
                let grpc = grpc.clone();
                tokio::spawn(async move {
                    let mut client = TraceServiceClient::connect(format!("http://{grpc}"))
                        .await
                        .unwrap();
                    let mut seed = c << 32;
                    while tokio::time::Instant::now() < deadline {
                        client.export(batch(seed)).await.expect("export accepted");
                        sent.fetch_add(BATCH as u64, Ordering::Relaxed);
                        seed += 1;
                    }
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
    });
    let elapsed = started.elapsed().as_secs_f64();
    let received = stats(&api)["spans_received"].as_u64().unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        received,
        sent.load(Ordering::Relaxed),
        "every accepted span is counted"
    );
    println!(
        "ingest: {received} spans in {elapsed:.1} s over OTLP/gRPC, batches of {BATCH}, {clients} clients: {:.0} spans/s",
        received as f64 / elapsed
    );
}

//! CPU per span of turning finished spans into an OTLP request body: otelctl's encoder
//! (`src/telemetry/otlp/encode.rs`) against `opentelemetry-proto`'s conversion plus prost,
//! which is what `opentelemetry-otlp` does for every batch.
//!
//! The spans are shaped like `otelctl serve`'s server spans (ten attributes, three of them
//! owned strings), in batches of 512 as `OTEL_BSP_MAX_EXPORT_BATCH_SIZE` defaults to.
//! Both sides build, encode and drop the body in the same loop, alternating, and the
//! figure to read is the ratio of the medians.
//!
//!     cargo bench --bench export
//!     EXPORT_ROUNDS=9 cargo bench --bench export

use std::borrow::Cow;
use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime};

use opentelemetry::trace::{SpanContext, SpanId, SpanKind, Status, TraceFlags, TraceId};
use opentelemetry::{InstrumentationScope, KeyValue};
use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::transform::common::tonic::ResourceAttributesWithSchema;
use opentelemetry_proto::transform::trace::tonic::group_spans_by_resource_and_scope;
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::trace::{SpanData, SpanEvents, SpanLinks};
use prost::Message as _;

#[path = "../src/telemetry/otlp/encode.rs"]
#[allow(dead_code, unused_imports)]
mod encode;

const BATCH: usize = 512;

fn span(scope: &InstrumentationScope, n: u64) -> SpanData {
    let start = SystemTime::now();
    SpanData {
        span_context: SpanContext::new(
            TraceId::from(0x0af7651916cd43dd8448eb211c80319c_u128 + u128::from(n)),
            SpanId::from(0xb7ad6b7169203331 + n),
            TraceFlags::SAMPLED,
            false,
            Default::default(),
        ),
        parent_span_id: SpanId::from(0x1234 + n),
        parent_span_is_remote: true,
        span_kind: SpanKind::Server,
        name: Cow::Borrowed("GET /api/hello"),
        start_time: start,
        end_time: start + Duration::from_micros(40),
        attributes: vec![
            KeyValue::new("http.request.method", "GET"),
            KeyValue::new("url.path", "/api/hello"),
            KeyValue::new("url.scheme", "http"),
            KeyValue::new("http.route", "/api/hello"),
            KeyValue::new("client.address", "127.0.0.1".to_owned()),
            KeyValue::new("network.protocol.version", "1.1"),
            KeyValue::new("server.address", "127.0.0.1".to_owned()),
            KeyValue::new("server.port", 8080_i64),
            KeyValue::new("user_agent.original", "otelctl-loadgen/0.1.0".to_owned()),
            KeyValue::new("http.response.status_code", 200_i64),
        ],
        dropped_attributes_count: 0,
        events: SpanEvents::default(),
        links: SpanLinks::default(),
        status: Status::Unset,
        instrumentation_scope: scope.clone(),
    }
}

fn batch(scope: &InstrumentationScope) -> Vec<SpanData> {
    (0..BATCH as u64).map(|n| span(scope, n)).collect()
}

/// Nanoseconds per span for `rounds` batches; the batches are built outside the clock.
fn time(batches: usize, mut f: impl FnMut(Vec<SpanData>) -> usize) -> f64 {
    let scope = InstrumentationScope::builder("otelctl").build();
    let inputs: Vec<_> = (0..batches).map(|_| batch(&scope)).collect();
    let started = Instant::now();
    let mut bytes = 0;
    for spans in inputs {
        bytes += f(spans);
    }
    let elapsed = started.elapsed();
    black_box(bytes);
    elapsed.as_nanos() as f64 / (batches * BATCH) as f64
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let rounds: usize = std::env::var("EXPORT_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let resource = Resource::builder()
        .with_service_name("otelctl-demo")
        .with_attributes([
            KeyValue::new("service.version", "0.1.0"),
            KeyValue::new("host.name", "bench"),
        ])
        .build();
    let theirs_resource = ResourceAttributesWithSchema::from(&resource);
    let ours_resource = encode::resource(&resource);

    // Same spans, same body: checked once, outside the timing.
    let scope = InstrumentationScope::builder("otelctl").build();
    let check = batch(&scope);
    let mut body = Vec::new();
    encode::request(&mut body, &ours_resource, None, &check);
    let reference = ExportTraceServiceRequest {
        resource_spans: group_spans_by_resource_and_scope(check, &theirs_resource),
    };
    assert_eq!(body, reference.encode_to_vec(), "the encoders disagree");
    println!(
        "batch of {BATCH} spans: {} bytes ({} per span)",
        body.len(),
        body.len() / BATCH
    );

    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    let batches = 200;
    for round in 1..=rounds {
        let t = time(batches, |spans| {
            let request = ExportTraceServiceRequest {
                resource_spans: group_spans_by_resource_and_scope(spans, &theirs_resource),
            };
            request.encode_to_vec().len()
        });
        let o = time(batches, |spans| {
            let mut out = Vec::with_capacity(body.len());
            encode::request(&mut out, &ours_resource, None, &spans);
            out.len()
        });
        println!(
            "round {round}: opentelemetry-proto + prost {t:.0} ns/span, otelctl {o:.0} ns/span"
        );
        theirs.push(t);
        ours.push(o);
    }
    let (t, o) = (median(theirs), median(ours));
    println!(
        "median of {rounds}: opentelemetry-proto + prost {t:.0} ns/span, otelctl {o:.0} ns/span ({:.1}x less CPU)",
        t / o
    );
}

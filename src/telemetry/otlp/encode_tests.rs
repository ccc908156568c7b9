//! The encoder against `opentelemetry-proto`: the same spans, converted by that crate and
//! decoded from our bytes, must be the same message.

use std::borrow::Cow;
use std::time::{Duration, SystemTime};

use opentelemetry::trace::{
    SpanContext, SpanId, SpanKind, Status, TraceFlags, TraceId, TraceState,
};
use opentelemetry::{Array, InstrumentationScope, KeyValue, StringValue, Value};
use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::transform::common::tonic::ResourceAttributesWithSchema;
use opentelemetry_proto::transform::trace::tonic::group_spans_by_resource_and_scope;
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::trace::{SpanData, SpanEvents, SpanLinks};
use prost::Message;

use super::*;

fn context(trace: u128, span: u64, sampled: bool, remote: bool, state: &str) -> SpanContext {
    let flags = if sampled {
        TraceFlags::SAMPLED
    } else {
        TraceFlags::default()
    };
    let state = if state.is_empty() {
        TraceState::default()
    } else {
        state.parse().unwrap()
    };
    SpanContext::new(
        TraceId::from(trace),
        SpanId::from(span),
        flags,
        remote,
        state,
    )
}

/// A server span like `otelctl serve`'s, the `n`th of its batch.
pub(crate) fn base(scope: &InstrumentationScope, n: u64) -> SpanData {
    let start = SystemTime::UNIX_EPOCH + Duration::from_nanos(1_764_000_000_123_456_789 + n);
    SpanData {
        span_context: context(
            0x0af7651916cd43dd8448eb211c80319c,
            0xb7ad6b7169203331 + n,
            true,
            false,
            "",
        ),
        parent_span_id: SpanId::INVALID,
        parent_span_is_remote: false,
        span_kind: SpanKind::Server,
        name: Cow::Borrowed("GET /api/hello"),
        start_time: start,
        end_time: start + Duration::from_micros(250),
        attributes: vec![
            KeyValue::new("http.request.method", "GET"),
            KeyValue::new("url.path", "/api/hello"),
            KeyValue::new("client.address", String::from("127.0.0.1")),
            KeyValue::new("server.port", 8080_i64),
            KeyValue::new("http.response.status_code", 200_i64),
        ],
        dropped_attributes_count: 0,
        events: SpanEvents::default(),
        links: SpanLinks::default(),
        status: Status::Unset,
        instrumentation_scope: scope.clone(),
    }
}

/// Every field and value kind the SDK can hand an exporter.
fn assorted() -> (Resource, Vec<SpanData>) {
    let otelctl = InstrumentationScope::builder("otelctl").build();
    let other = InstrumentationScope::builder("work")
        .with_version("1.2.3")
        .with_schema_url("https://opentelemetry.io/schemas/1.26.0")
        .with_attributes([KeyValue::new("scope.kind", "library")])
        .build();
    let mut child = base(&otelctl, 1);
    child.parent_span_id = SpanId::from(0x1111_2222_3333_4444);
    child.parent_span_is_remote = true;
    child.span_context = context(7, 9, false, false, "vendor=a,other=b");
    child.span_kind = SpanKind::Internal;
    child.name = Cow::Owned("work level 2 with a name over 127 bytes ".repeat(4));
    child.status = Status::error("downstream failed");
    child.dropped_attributes_count = 3;
    child.attributes.extend([
        KeyValue::new("flag", true),
        KeyValue::new("off", false),
        KeyValue::new("ratio", 0.25),
        KeyValue::new("negative", -42_i64),
        KeyValue::new("zero", 0_i64),
        KeyValue::new("empty", ""),
        KeyValue::new("", "an empty key"),
        KeyValue::new("k".repeat(130), 1_i64),
        KeyValue::new("long", "x".repeat(20_000)),
        KeyValue::new("bools", Value::Array(Array::Bool(vec![true, false]))),
        KeyValue::new("ints", Value::Array(Array::I64(vec![1, -1, i64::MAX]))),
        KeyValue::new("floats", Value::Array(Array::F64(vec![0.5, -0.0]))),
        KeyValue::new(
            "strings",
            Value::Array(Array::String(vec![
                StringValue::from("a"),
                StringValue::from(""),
            ])),
        ),
    ]);
    child.events = SpanEvents::default();
    child.events.events.push(opentelemetry::trace::Event::new(
        "exception",
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_764_000_001),
        vec![KeyValue::new("exception.message", "boom")],
        2,
    ));
    child.events.dropped_count = 5;
    child.links.links.push(opentelemetry::trace::Link::new(
        context(0xabc, 0xdef, true, true, "k=v"),
        vec![KeyValue::new("link.kind", "follows")],
        1,
    ));
    child.links.dropped_count = 4;

    let mut client = base(&other, 2);
    client.span_kind = SpanKind::Client;
    client.status = Status::Ok;
    let mut producer = base(&otelctl, 3);
    producer.span_kind = SpanKind::Producer;
    let mut consumer = base(&other, 4);
    consumer.span_kind = SpanKind::Consumer;

    let resource = Resource::builder_empty()
        .with_service_name("otelctl-demo")
        .with_attributes([
            KeyValue::new("service.version", "0.1.0"),
            KeyValue::new("k8s.pod.name", "demo-0"),
        ])
        .with_schema_url([], "https://opentelemetry.io/schemas/1.26.0")
        .build();
    (
        resource,
        vec![base(&otelctl, 0), child, client, producer, consumer],
    )
}

fn theirs(resource: &Resource, spans: Vec<SpanData>) -> ExportTraceServiceRequest {
    ExportTraceServiceRequest {
        resource_spans: group_spans_by_resource_and_scope(
            spans,
            &ResourceAttributesWithSchema::from(resource),
        ),
    }
}

fn ours(resource: &Resource, spans: &[SpanData]) -> Vec<u8> {
    let mut out = Vec::new();
    request(
        &mut out,
        &super::resource(resource),
        resource.schema_url(),
        spans,
    );
    out
}

#[test]
fn decodes_to_what_opentelemetry_proto_builds() {
    let (resource, spans) = assorted();
    let bytes = ours(&resource, &spans);
    let decoded = ExportTraceServiceRequest::decode(bytes.as_slice()).unwrap();
    assert_eq!(decoded, theirs(&resource, spans));
    assert_eq!(decoded.resource_spans[0].scope_spans.len(), 2);
}

#[test]
fn bytes_are_canonical_the_same_bytes_prost_writes() {
    let (resource, spans) = assorted();
    let bytes = ours(&resource, &spans);
    assert_eq!(bytes, theirs(&resource, spans).encode_to_vec());
}

#[test]
fn a_batch_of_many_spans_round_trips() {
    let scope = InstrumentationScope::builder("otelctl").build();
    let spans: Vec<_> = (0..600).map(|n| base(&scope, n)).collect();
    let resource = Resource::builder_empty().with_service_name("s").build();
    let bytes = ours(&resource, &spans);
    assert!(bytes.len() > 16_384, "the outer lengths need three bytes");
    let decoded = ExportTraceServiceRequest::decode(bytes.as_slice()).unwrap();
    assert_eq!(decoded.resource_spans[0].scope_spans[0].spans.len(), 600);
    assert_eq!(decoded, theirs(&resource, spans));
}

#[test]
fn no_spans_is_no_request_body() {
    let resource = Resource::builder_empty().build();
    assert!(ours(&resource, &[]).is_empty());
}

#[test]
fn varint_widths() {
    for (value, width) in [
        (0, 1),
        (127, 1),
        (128, 2),
        (16_383, 2),
        (16_384, 3),
        (u64::MAX, 10),
    ] {
        assert_eq!(varint_len(value), width, "{value}");
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        varint(&mut ours, value);
        prost::encoding::encode_varint(value, &mut theirs);
        assert_eq!(ours, theirs, "{value}");
    }
}

#[test]
fn a_tiny_batch_gets_one_byte_lengths_too() {
    let scope = InstrumentationScope::builder("s").build();
    let mut span = base(&scope, 0);
    span.attributes.clear();
    span.name = Cow::Borrowed("");
    let resource = Resource::builder_empty().build();
    let bytes = ours(&resource, std::slice::from_ref(&span));
    assert!(bytes.len() < 128, "{} bytes", bytes.len());
    assert_eq!(bytes, theirs(&resource, vec![span]).encode_to_vec());
}

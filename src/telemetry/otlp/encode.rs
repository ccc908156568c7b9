//! OTLP/protobuf, written straight from the SDK's finished spans.
//!
//! An `ExportTraceServiceRequest` is a few nested messages around a list of spans, and
//! every field the SDK holds maps to one protobuf field. Writing those bytes directly
//! from `SpanData` costs a fraction of building `opentelemetry-proto`'s message structs
//! (a `String` per attribute key and value) and encoding them with prost (which measures
//! each nested message once per level of nesting): see `benches/export.rs`. The output is
//! canonical protobuf; the tests decode it with `opentelemetry-proto` and compare it with
//! that crate's own conversion of the same spans.
//!
//! Schema: `opentelemetry/proto/collector/trace/v1/trace_service.proto` and the
//! `trace/v1`, `common/v1` and `resource/v1` files it imports.

use std::time::{SystemTime, UNIX_EPOCH};

use opentelemetry::trace::{SpanContext, SpanKind, Status, TraceState};
use opentelemetry::{Array, InstrumentationScope, Value};
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::trace::SpanData;

const VARINT: u32 = 0;
const FIXED64: u32 = 1;
const LEN: u32 = 2;
const FIXED32: u32 = 5;

/// W3C trace flags are the low byte; these two say whether the parent was remote.
const FLAG_HAS_IS_REMOTE: u32 = 0x100;
const FLAG_IS_REMOTE: u32 = 0x200;

/// The `Resource` message for `resource`, encoded once per exporter.
pub fn resource(resource: &Resource) -> Vec<u8> {
    let mut out = Vec::new();
    for (key, value) in resource.iter() {
        message(&mut out, 1, |out| {
            string(out, 1, key.as_str());
            message(out, 2, |out| any_value(out, value));
        });
    }
    out
}

/// Appends an `ExportTraceServiceRequest` for `spans` to `out`. `resource` is the body of
/// the `Resource` message, as [`resource`] returns it. Spans are grouped by
/// instrumentation scope in the order the scopes first appear.
pub fn request(out: &mut Vec<u8>, resource: &[u8], schema_url: Option<&str>, spans: &[SpanData]) {
    if spans.is_empty() {
        return;
    }
    // Lengths: a batch's outer messages take three bytes up to 2 MiB, a span two up to
    // 16 KiB.
    message_sized(out, 1, 3, |out| {
        tag(out, 1, LEN);
        varint(out, resource.len() as u64);
        out.extend_from_slice(resource);
        let mut scopes: Vec<&InstrumentationScope> = Vec::new();
        for span in spans {
            if !scopes.contains(&&span.instrumentation_scope) {
                scopes.push(&span.instrumentation_scope);
            }
        }
        for scope in scopes {
            message_sized(out, 2, 3, |out| {
                message(out, 1, |out| instrumentation_scope(out, scope));
                for span in spans.iter().filter(|s| &s.instrumentation_scope == scope) {
                    message_sized(out, 2, 2, |out| self::span(out, span));
                }
                string(out, 3, scope.schema_url().unwrap_or(""));
            });
        }
        string(out, 3, schema_url.unwrap_or(""));
    });
}

fn instrumentation_scope(out: &mut Vec<u8>, scope: &InstrumentationScope) {
    string(out, 1, scope.name());
    string(out, 2, scope.version().unwrap_or(""));
    for kv in scope.attributes() {
        attribute(out, 3, kv.key.as_str(), &kv.value);
    }
}

fn span(out: &mut Vec<u8>, span: &SpanData) {
    let cx = &span.span_context;
    bytes(out, 1, &cx.trace_id().to_bytes());
    bytes(out, 2, &cx.span_id().to_bytes());
    trace_state(out, cx);
    if span.parent_span_id != opentelemetry::trace::SpanId::INVALID {
        bytes(out, 4, &span.parent_span_id.to_bytes());
    }
    string(out, 5, &span.name);
    uint(out, 6, span_kind(&span.span_kind));
    fixed64(out, 7, nanos(span.start_time));
    fixed64(out, 8, nanos(span.end_time));
    for kv in &span.attributes {
        attribute(out, 9, kv.key.as_str(), &kv.value);
    }
    uint(out, 10, span.dropped_attributes_count.into());
    for event in span.events.iter() {
        message(out, 11, |out| {
            fixed64(out, 1, nanos(event.timestamp));
            string(out, 2, &event.name);
            for kv in &event.attributes {
                attribute(out, 3, kv.key.as_str(), &kv.value);
            }
            uint(out, 4, event.dropped_attributes_count.into());
        });
    }
    uint(out, 12, span.events.dropped_count.into());
    for link in span.links.iter() {
        message(out, 13, |out| {
            let cx = &link.span_context;
            bytes(out, 1, &cx.trace_id().to_bytes());
            bytes(out, 2, &cx.span_id().to_bytes());
            trace_state(out, cx);
            for kv in &link.attributes {
                attribute(out, 4, kv.key.as_str(), &kv.value);
            }
            uint(out, 5, link.dropped_attributes_count.into());
            fixed32(out, 6, flags(cx, cx.is_remote()));
        });
    }
    uint(out, 14, span.links.dropped_count.into());
    message(out, 15, |out| {
        if let Status::Error { description } = &span.status {
            string(out, 2, description);
        }
        uint(out, 3, status_code(&span.status));
    });
    fixed32(out, 16, flags(cx, span.parent_span_is_remote));
}

/// Field 3 of a span or link: the W3C `tracestate`, usually empty (no string to build).
fn trace_state(out: &mut Vec<u8>, cx: &SpanContext) {
    if *cx.trace_state() != TraceState::NONE {
        string(out, 3, &cx.trace_state().header());
    }
}

fn flags(cx: &SpanContext, remote: bool) -> u32 {
    let mut flags = u32::from(cx.trace_flags().to_u8()) | FLAG_HAS_IS_REMOTE;
    if remote {
        flags |= FLAG_IS_REMOTE;
    }
    flags
}

fn span_kind(kind: &SpanKind) -> u64 {
    match kind {
        SpanKind::Internal => 1,
        SpanKind::Server => 2,
        SpanKind::Client => 3,
        SpanKind::Producer => 4,
        SpanKind::Consumer => 5,
    }
}

fn status_code(status: &Status) -> u64 {
    match status {
        Status::Unset => 0,
        Status::Ok => 1,
        Status::Error { .. } => 2,
    }
}

fn nanos(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// A `KeyValue` as field `field`. Nearly every value is a scalar, whose encoded size is
/// known before writing: the lengths go out first, with nothing to move afterwards.
fn attribute(out: &mut Vec<u8>, field: u32, key: &str, value: &Value) {
    let Some(value_len) = scalar_len(value) else {
        return message(out, field, |out| {
            string(out, 1, key);
            message(out, 2, |out| any_value(out, value));
        });
    };
    let key_len = if key.is_empty() {
        0
    } else {
        1 + varint_len(key.len() as u64) + key.len()
    };
    let body = key_len + 1 + varint_len(value_len as u64) + value_len;
    out.reserve(2 + varint_len(body as u64) + body);
    tag(out, field, LEN);
    varint(out, body as u64);
    string(out, 1, key);
    tag(out, 2, LEN);
    varint(out, value_len as u64);
    any_value(out, value);
}

/// The encoded size of a scalar `AnyValue`; `None` for an array or a kind this SDK version
/// does not have yet.
fn scalar_len(value: &Value) -> Option<usize> {
    Some(match value {
        Value::String(s) => 1 + varint_len(s.as_str().len() as u64) + s.as_str().len(),
        Value::Bool(_) => 2,
        Value::I64(i) => 1 + varint_len(*i as u64),
        Value::F64(_) => 9,
        _ => return None,
    })
}

/// An `AnyValue`. Its fields form a `oneof`, so even a default value is written.
fn any_value(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::String(s) => string_value(out, s.as_str()),
        Value::Bool(b) => bool_value(out, *b),
        Value::I64(i) => int_value(out, *i),
        Value::F64(f) => double_value(out, *f),
        Value::Array(array) => message(out, 5, |out| match array {
            Array::Bool(v) => v
                .iter()
                .for_each(|b| message(out, 1, |out| bool_value(out, *b))),
            Array::I64(v) => v
                .iter()
                .for_each(|i| message(out, 1, |out| int_value(out, *i))),
            Array::F64(v) => v
                .iter()
                .for_each(|f| message(out, 1, |out| double_value(out, *f))),
            Array::String(v) => v
                .iter()
                .for_each(|s| message(out, 1, |out| string_value(out, s.as_str()))),
            // A kind of array this SDK version does not have yet: an empty array.
            _ => {}
        }),
        // A kind of value this SDK version does not have yet: an empty AnyValue.
        _ => {}
    }
}

fn string_value(out: &mut Vec<u8>, s: &str) {
    tag(out, 1, LEN);
    varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn bool_value(out: &mut Vec<u8>, b: bool) {
    tag(out, 2, VARINT);
    varint(out, u64::from(b));
}

fn int_value(out: &mut Vec<u8>, i: i64) {
    tag(out, 3, VARINT);
    // Two's complement, as protobuf's int64 is written.
    varint(out, i as u64);
}

fn double_value(out: &mut Vec<u8>, f: f64) {
    tag(out, 4, FIXED64);
    out.extend_from_slice(&f.to_bits().to_le_bytes());
}

/// A length-delimited field whose body `body` writes. `width` bytes are set aside for
/// the length, a guess at its varint size; when the guess is wrong the body moves over,
/// so the length is always written in the fewest bytes, as protobuf encoders do.
fn message_sized(out: &mut Vec<u8>, field: u32, width: usize, body: impl FnOnce(&mut Vec<u8>)) {
    tag(out, field, LEN);
    let at = out.len();
    for _ in 0..width {
        out.push(0);
    }
    body(out);
    let len = out.len() - at - width;
    let needed = varint_len(len as u64);
    if needed > width {
        out.resize(out.len() + needed - width, 0);
        out.copy_within(at + width..at + width + len, at + needed);
    } else if needed < width {
        out.copy_within(at + width..at + width + len, at + needed);
        out.truncate(at + needed + len);
    }
    let mut value = len as u64;
    for byte in &mut out[at..at + needed] {
        *byte = (value as u8 & 0x7f) | 0x80;
        value >>= 7;
    }
    out[at + needed - 1] &= 0x7f;
}

/// A small message: attributes and values, whose lengths nearly always fit one byte.
fn message(out: &mut Vec<u8>, field: u32, body: impl FnOnce(&mut Vec<u8>)) {
    message_sized(out, field, 1, body);
}

/// A proto3 `string` field: left out when empty, as for every proto3 scalar.
fn string(out: &mut Vec<u8>, field: u32, s: &str) {
    bytes(out, field, s.as_bytes());
}

fn bytes(out: &mut Vec<u8>, field: u32, b: &[u8]) {
    if !b.is_empty() {
        tag(out, field, LEN);
        varint(out, b.len() as u64);
        out.extend_from_slice(b);
    }
}

fn uint(out: &mut Vec<u8>, field: u32, value: u64) {
    if value != 0 {
        tag(out, field, VARINT);
        varint(out, value);
    }
}

fn fixed64(out: &mut Vec<u8>, field: u32, value: u64) {
    if value != 0 {
        tag(out, field, FIXED64);
        out.extend_from_slice(&value.to_le_bytes());
    }
}

fn fixed32(out: &mut Vec<u8>, field: u32, value: u32) {
    if value != 0 {
        tag(out, field, FIXED32);
        out.extend_from_slice(&value.to_le_bytes());
    }
}

fn tag(out: &mut Vec<u8>, field: u32, wire: u32) {
    varint(out, u64::from(field << 3 | wire));
}

fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn varint_len(value: u64) -> usize {
    // Bits needed, in groups of seven; zero still takes one byte.
    (64 - (value | 1).leading_zeros() as usize).div_ceil(7)
}

#[cfg(test)]
#[path = "encode_tests.rs"]
pub(super) mod tests;

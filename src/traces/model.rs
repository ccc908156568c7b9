//! Spans as the trace store keeps them, converted once from OTLP on the way in.
//!
//! OTLP nests spans under resources and scopes and spells ids as bytes; the store wants
//! flat, owned spans with the service name at hand, so every query is a scan of plain data.

use std::sync::Arc;

use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::common::v1::{AnyValue, KeyValue, any_value};

pub type TraceId = [u8; 16];
pub type SpanId = [u8; 8];

/// An attribute value, as Jaeger's tag types distinguish them.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Str(s) => f.write_str(s),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::Bool(b) => write!(f, "{b}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub time_ns: u64,
    pub name: String,
    pub attributes: Vec<(String, Value)>,
}

/// OTLP span kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Unspecified,
    Internal,
    Server,
    Client,
    Producer,
    Consumer,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Unspecified => "unspecified",
            Kind::Internal => "internal",
            Kind::Server => "server",
            Kind::Client => "client",
            Kind::Producer => "producer",
            Kind::Consumer => "consumer",
        }
    }
}

/// One span, flattened.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub trace_id: TraceId,
    pub span_id: SpanId,
    pub parent_span_id: Option<SpanId>,
    pub service: Arc<str>,
    /// Resource attributes other than `service.name`, shared by the spans of one resource.
    pub resource: Arc<Vec<(String, Value)>>,
    pub name: String,
    pub kind: Kind,
    pub start_ns: u64,
    pub end_ns: u64,
    pub attributes: Vec<(String, Value)>,
    pub events: Vec<Event>,
    pub error: bool,
    pub status_message: String,
}

impl Span {
    pub fn duration_ns(&self) -> u64 {
        self.end_ns.saturating_sub(self.start_ns)
    }

    /// A rough size in bytes, for the store's memory bound.
    pub fn approx_bytes(&self) -> usize {
        let attrs = |a: &[(String, Value)]| -> usize {
            a.iter()
                .map(|(k, v)| {
                    k.len()
                        + 24
                        + match v {
                            Value::Str(s) => s.len(),
                            _ => 8,
                        }
                })
                .sum()
        };
        std::mem::size_of::<Span>()
            + self.name.len()
            + self.status_message.len()
            + attrs(&self.attributes)
            + self
                .events
                .iter()
                .map(|e| 48 + e.name.len() + attrs(&e.attributes))
                .sum::<usize>()
    }
}

fn value(v: Option<&AnyValue>) -> Value {
    match v.and_then(|v| v.value.as_ref()) {
        Some(any_value::Value::StringValue(s)) => Value::Str(s.clone()),
        Some(any_value::Value::IntValue(i)) => Value::Int(*i),
        Some(any_value::Value::DoubleValue(d)) => Value::Float(*d),
        Some(any_value::Value::BoolValue(b)) => Value::Bool(*b),
        Some(any_value::Value::BytesValue(b)) => Value::Str(hex(b)),
        Some(any_value::Value::ArrayValue(a)) => Value::Str(
            a.values
                .iter()
                .map(|v| value(Some(v)).to_string())
                .collect::<Vec<_>>()
                .join(","),
        ),
        Some(other) => Value::Str(format!("{other:?}")),
        None => Value::Str(String::new()),
    }
}

fn attributes(kvs: &[KeyValue]) -> Vec<(String, Value)> {
    kvs.iter()
        .map(|kv| (kv.key.clone(), value(kv.value.as_ref())))
        .collect()
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Parses a lowercase or uppercase hex trace id.
pub fn parse_trace_id(text: &str) -> Option<TraceId> {
    if text.len() != 32 {
        return None;
    }
    let mut id = [0u8; 16];
    for (i, byte) in id.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(id)
}

/// Why a request's spans cannot be stored.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("span {index}: {reason}")]
pub struct InvalidSpan {
    pub index: usize,
    pub reason: &'static str,
}

/// Flattens an OTLP export request. Spans with malformed ids make the whole request
/// invalid (OTLP: the client sent something no collector would accept).
pub fn spans_of(request: ExportTraceServiceRequest) -> Result<Vec<Span>, InvalidSpan> {
    let mut out = Vec::new();
    for rs in request.resource_spans {
        let mut resource = rs
            .resource
            .map(|r| attributes(&r.attributes))
            .unwrap_or_default();
        let service: Arc<str> = match resource.iter().position(|(k, _)| k == "service.name") {
            Some(i) => Arc::from(resource.remove(i).1.to_string()),
            None => Arc::from("unknown_service"),
        };
        let resource = Arc::new(resource);
        for ss in rs.scope_spans {
            for s in ss.spans {
                let index = out.len();
                let trace_id: TraceId =
                    s.trace_id.as_slice().try_into().map_err(|_| InvalidSpan {
                        index,
                        reason: "trace id is not 16 bytes",
                    })?;
                let span_id: SpanId = s.span_id.as_slice().try_into().map_err(|_| InvalidSpan {
                    index,
                    reason: "span id is not 8 bytes",
                })?;
                if trace_id == [0; 16] || span_id == [0; 8] {
                    return Err(InvalidSpan {
                        index,
                        reason: "trace and span ids must not be all zeros",
                    });
                }
                let parent_span_id = match s.parent_span_id.len() {
                    0 => None,
                    8 => s
                        .parent_span_id
                        .as_slice()
                        .try_into()
                        .ok()
                        .filter(|p| *p != [0; 8]),
                    _ => {
                        return Err(InvalidSpan {
                            index,
                            reason: "parent span id is not 8 bytes",
                        });
                    }
                };
                let (error, status_message) = s
                    .status
                    .map(|st| (st.code == 2, st.message))
                    .unwrap_or_default();
                out.push(Span {
                    trace_id,
                    span_id,
                    parent_span_id,
                    service: service.clone(),
                    resource: resource.clone(),
                    name: s.name,
                    kind: match s.kind {
                        1 => Kind::Internal,
                        2 => Kind::Server,
                        3 => Kind::Client,
                        4 => Kind::Producer,
                        5 => Kind::Consumer,
                        _ => Kind::Unspecified,
                    },
                    start_ns: s.start_time_unix_nano,
                    end_ns: s.end_time_unix_nano.max(s.start_time_unix_nano),
                    attributes: attributes(&s.attributes),
                    events: s
                        .events
                        .iter()
                        .map(|e| Event {
                            time_ns: e.time_unix_nano,
                            name: e.name.clone(),
                            attributes: attributes(&e.attributes),
                        })
                        .collect(),
                    error,
                    status_message,
                });
            }
        }
    }
    Ok(out)
}

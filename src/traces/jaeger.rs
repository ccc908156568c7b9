//! The Jaeger query API's JSON, for the subset tools use: services, operations, trace
//! search and one trace. Pure: query strings in, JSON values out.
//!
//! Speaking Jaeger's shape means the runbook's verification step and
//! `loadgen --jaeger-url` work the same against `otelctl traces` and a real Jaeger.

use serde_json::{Value as Json, json};

use super::model::{Span, Value, hex};
use super::store::Query;

/// Jaeger's response envelope.
pub fn envelope(data: Json) -> Json {
    let total = data.as_array().map_or(0, Vec::len);
    json!({"data": data, "total": total, "limit": 0, "offset": 0, "errors": null})
}

/// Jaeger's error envelope.
pub fn error(code: u16, message: &str) -> Json {
    json!({"data": null, "total": 0, "limit": 0, "offset": 0, "errors": [{"code": code, "msg": message}]})
}

fn tag(key: &str, value: &Value) -> Json {
    let (kind, v) = match value {
        Value::Str(s) => ("string", json!(s)),
        Value::Int(i) => ("int64", json!(i)),
        Value::Float(f) => ("float64", json!(f)),
        Value::Bool(b) => ("bool", json!(b)),
    };
    json!({"key": key, "type": kind, "value": v})
}

/// One trace in Jaeger's shape: spans plus a process table keyed `p1`, `p2`, ….
pub fn trace(spans: &[Span]) -> Json {
    let mut processes: Vec<(&Span, String)> = Vec::new();
    let mut out = Vec::with_capacity(spans.len());
    for s in spans {
        let process_id = match processes.iter().find(|(p, _)| {
            p.service == s.service && std::sync::Arc::ptr_eq(&p.resource, &s.resource)
        }) {
            Some((_, id)) => id.clone(),
            None => {
                let id = format!("p{}", processes.len() + 1);
                processes.push((s, id.clone()));
                id
            }
        };
        let mut tags: Vec<Json> = s.attributes.iter().map(|(k, v)| tag(k, v)).collect();
        tags.push(tag("span.kind", &Value::Str(s.kind.as_str().into())));
        if s.error {
            tags.push(tag("error", &Value::Bool(true)));
            tags.push(tag("otel.status_code", &Value::Str("ERROR".into())));
            if !s.status_message.is_empty() {
                tags.push(tag(
                    "otel.status_description",
                    &Value::Str(s.status_message.clone()),
                ));
            }
        }
        let references: Vec<Json> = s
            .parent_span_id
            .iter()
            .map(|p| json!({"refType": "CHILD_OF", "traceID": hex(&s.trace_id), "spanID": hex(p)}))
            .collect();
        let logs: Vec<Json> = s
            .events
            .iter()
            .map(|e| {
                let mut fields = vec![tag("event", &Value::Str(e.name.clone()))];
                fields.extend(e.attributes.iter().map(|(k, v)| tag(k, v)));
                json!({"timestamp": e.time_ns / 1000, "fields": fields})
            })
            .collect();
        out.push(json!({
            "traceID": hex(&s.trace_id),
            "spanID": hex(&s.span_id),
            "flags": 1,
            "operationName": s.name,
            "references": references,
            "startTime": s.start_ns / 1000,
            "duration": s.duration_ns() / 1000,
            "tags": tags,
            "logs": logs,
            "processID": process_id,
            "warnings": null,
        }));
    }
    let processes: serde_json::Map<String, Json> = processes
        .into_iter()
        .map(|(s, id)| {
            let tags: Vec<Json> = s.resource.iter().map(|(k, v)| tag(k, v)).collect();
            (id, json!({"serviceName": &*s.service, "tags": tags}))
        })
        .collect();
    json!({
        "traceID": spans.first().map(|s| hex(&s.trace_id)).unwrap_or_default(),
        "spans": out,
        "processes": processes,
        "warnings": null,
    })
}

/// A Go-style duration as Jaeger takes it (`500us`, `100ms`, `1.5s`, `2m`, `1h`, `2d`), in
/// nanoseconds.
pub fn duration_ns(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let n: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a duration"))?;
    let scale = match unit {
        "ns" => 1.0,
        "us" | "µs" => 1e3,
        "ms" => 1e6,
        "s" => 1e9,
        "m" => 60e9,
        "h" => 3600e9,
        "d" => 86400e9,
        _ => return Err(format!("`{text}`: unknown unit `{unit}`")),
    };
    let ns = n * scale;
    if ns.is_finite() && ns >= 0.0 {
        Ok(ns as u64)
    } else {
        Err(format!("`{text}` is out of range"))
    }
}

/// Parses `/api/traces` query parameters into a store query. `now_ns` anchors `lookback`.
pub fn search_query(query_string: &str, now_ns: u64) -> Result<Query, String> {
    let mut q = Query {
        limit: 20,
        ..Query::default()
    };
    for pair in query_string.split('&').filter(|p| !p.is_empty()) {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_encoding::percent_decode_str(&raw.replace('+', " "))
            .decode_utf8()
            .map_err(|_| format!("{key}: not UTF-8"))?
            .into_owned();
        let micros = |v: &str| -> Result<u64, String> {
            v.parse::<u64>()
                .map(|us| us * 1000)
                .map_err(|_| format!("{key}: `{v}` is not microseconds"))
        };
        match key {
            "service" if !value.is_empty() => q.service = Some(value),
            "operation" if !value.is_empty() => q.operation = Some(value),
            "limit" => {
                q.limit = value
                    .parse()
                    .ok()
                    .filter(|l| *l > 0)
                    .ok_or_else(|| format!("limit: `{value}` is not a positive number"))?
            }
            "lookback" if value != "custom" && !value.is_empty() => {
                q.start_ns = Some(now_ns.saturating_sub(duration_ns(&value)?))
            }
            "start" if !value.is_empty() => q.start_ns = Some(micros(&value)?),
            "end" if !value.is_empty() => q.end_ns = Some(micros(&value)?),
            "minDuration" if !value.is_empty() => q.min_duration_ns = Some(duration_ns(&value)?),
            "maxDuration" if !value.is_empty() => q.max_duration_ns = Some(duration_ns(&value)?),
            "tags" if !value.is_empty() => {
                let tags: serde_json::Map<String, Json> =
                    serde_json::from_str(&value).map_err(|e| format!("tags: {e}"))?;
                for (k, v) in tags {
                    let v = match v {
                        Json::String(s) => s,
                        other => other.to_string(),
                    };
                    match (k.as_str(), v.as_str()) {
                        ("error", "true") => q.errors_only = true,
                        _ => q.tags.push((k, v)),
                    }
                }
            }
            _ => {}
        }
    }
    Ok(q)
}

#[cfg(test)]
mod tests;

//! The in-memory trace store: bounded by span count and by bytes, oldest trace out first.
//!
//! A demo receiver that grows without bound would take the laptop down with it under a
//! load test; this one stays within its caps whatever it is sent, and says how much it
//! evicted.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::Arc;

use super::model::{Span, TraceId};

/// The caps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_spans: usize,
    pub max_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_spans: 200_000,
            max_bytes: 256 * 1024 * 1024,
        }
    }
}

struct Trace {
    spans: Vec<Span>,
    bytes: usize,
}

/// What a search asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub service: Option<String>,
    pub operation: Option<String>,
    pub min_duration_ns: Option<u64>,
    pub max_duration_ns: Option<u64>,
    pub errors_only: bool,
    /// Only spans starting at or after this time (the lookback window).
    pub start_ns: Option<u64>,
    pub end_ns: Option<u64>,
    /// Span attributes that must all be present with these values (as Jaeger's `tags`).
    pub tags: Vec<(String, String)>,
    pub limit: usize,
}

/// Counters for `/api/stats` and the demo summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    pub traces: usize,
    pub spans: usize,
    pub bytes: usize,
    pub spans_received: u64,
    pub traces_evicted: u64,
}

pub struct Store {
    limits: Limits,
    traces: HashMap<TraceId, Trace>,
    /// Trace ids in the order they were first seen.
    order: VecDeque<TraceId>,
    spans: usize,
    bytes: usize,
    received: u64,
    evicted: u64,
    operations: BTreeMap<Arc<str>, BTreeSet<String>>,
}

impl Store {
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            traces: HashMap::new(),
            order: VecDeque::new(),
            spans: 0,
            bytes: 0,
            received: 0,
            evicted: 0,
            operations: BTreeMap::new(),
        }
    }

    /// Adds spans, then evicts the oldest traces until the store is within its caps.
    pub fn insert(&mut self, spans: Vec<Span>) {
        self.received += spans.len() as u64;
        for span in spans {
            if !self
                .operations
                .get(&span.service)
                .is_some_and(|ops| ops.contains(&span.name))
            {
                self.operations
                    .entry(span.service.clone())
                    .or_default()
                    .insert(span.name.clone());
            }
            let size = span.approx_bytes();
            let trace = self.traces.entry(span.trace_id).or_insert_with(|| {
                self.order.push_back(span.trace_id);
                Trace {
                    spans: Vec::new(),
                    bytes: 0,
                }
            });
            trace.spans.push(span);
            trace.bytes += size;
            self.spans += 1;
            self.bytes += size;
        }
        while self.spans > self.limits.max_spans || self.bytes > self.limits.max_bytes {
            let Some(oldest) = self.order.pop_front() else {
                break;
            };
            if let Some(trace) = self.traces.remove(&oldest) {
                self.spans -= trace.spans.len();
                self.bytes -= trace.bytes;
                self.evicted += 1;
            }
        }
    }

    pub fn stats(&self) -> Stats {
        Stats {
            traces: self.traces.len(),
            spans: self.spans,
            bytes: self.bytes,
            spans_received: self.received,
            traces_evicted: self.evicted,
        }
    }

    /// Every service ever seen, sorted.
    pub fn services(&self) -> Vec<String> {
        self.operations.keys().map(|s| s.to_string()).collect()
    }

    /// The span names seen for a service, sorted.
    pub fn operations(&self, service: &str) -> Vec<String> {
        self.operations
            .get(service)
            .map(|ops| ops.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// One trace's spans, sorted by start time.
    pub fn trace(&self, id: &TraceId) -> Option<Vec<Span>> {
        let mut spans = self.traces.get(id)?.spans.clone();
        spans.sort_by_key(|s| s.start_ns);
        Some(spans)
    }

    /// The trace with the longest extent (first start to last end), its spans by start time.
    pub fn slowest(&self) -> Option<Vec<Span>> {
        let trace = self.traces.values().max_by_key(|t| {
            let (start, end) = extent(&t.spans);
            end - start
        })?;
        let mut spans = trace.spans.clone();
        spans.sort_by_key(|s| s.start_ns);
        Some(spans)
    }

    /// Traces with a span that matches the query, newest first.
    pub fn search(&self, query: &Query) -> Vec<Vec<Span>> {
        let matches = |s: &Span| {
            query
                .service
                .as_deref()
                .is_none_or(|svc| &*s.service == svc)
                && query.operation.as_deref().is_none_or(|op| s.name == op)
                && query
                    .min_duration_ns
                    .is_none_or(|min| s.duration_ns() >= min)
                && query
                    .max_duration_ns
                    .is_none_or(|max| s.duration_ns() <= max)
                && (!query.errors_only || s.error)
                && query.start_ns.is_none_or(|t| s.start_ns >= t)
                && query.end_ns.is_none_or(|t| s.start_ns <= t)
                && query.tags.iter().all(|(k, v)| {
                    s.attributes
                        .iter()
                        .any(|(key, value)| key == k && value.to_string() == *v)
                })
        };
        let mut found: Vec<(u64, &Trace)> = self
            .traces
            .values()
            .filter(|t| t.spans.iter().any(matches))
            .map(|t| (t.spans.iter().map(|s| s.start_ns).min().unwrap_or(0), t))
            .collect();
        found.sort_by_key(|(start, _)| std::cmp::Reverse(*start));
        found
            .into_iter()
            .take(if query.limit == 0 { 20 } else { query.limit })
            .map(|(_, t)| {
                let mut spans = t.spans.clone();
                spans.sort_by_key(|s| s.start_ns);
                spans
            })
            .collect()
    }
}

/// A trace's first start and last end, in nanoseconds.
pub fn extent(spans: &[Span]) -> (u64, u64) {
    let start = spans.iter().map(|s| s.start_ns).min().unwrap_or(0);
    let end = spans.iter().map(|s| s.end_ns).max().unwrap_or(start);
    (start, end)
}

#[cfg(test)]
pub(crate) mod tests;

//! What a load run measured: an HDR latency histogram, status codes, error kinds, bytes, and
//! the trace ids worth looking at (the slowest requests and the failed ones).
//!
//! Each worker fills its own [`Stats`]; they are merged at the end, so the hot path takes no
//! lock.

use std::collections::BTreeMap;
use std::time::Duration;

use hdrhistogram::Histogram;
use serde::Serialize;

/// How many slow and failed trace ids a run keeps.
pub const KEEP_TRACES: usize = 10;

/// Why a request got no HTTP response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Connect,
    Timeout,
    Other,
}

/// One request's result.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub latency: Duration,
    pub result: Result<(u16, u64), ErrorKind>,
    pub trace_id: String,
}

pub struct Stats {
    latency_us: Histogram<u64>,
    statuses: BTreeMap<u16, u64>,
    errors: BTreeMap<ErrorKind, u64>,
    bytes: u64,
    /// `(latency µs, trace id)`, the slowest first, at most [`KEEP_TRACES`].
    slowest: Vec<(u64, String)>,
    failed: Vec<String>,
}

impl Default for Stats {
    fn default() -> Self {
        Self {
            latency_us: Histogram::new_with_bounds(1, 3_600_000_000, 3)
                .unwrap_or_else(|e| unreachable!("constant histogram bounds are valid: {e}")),
            statuses: BTreeMap::new(),
            errors: BTreeMap::new(),
            bytes: 0,
            slowest: Vec::new(),
            failed: Vec::new(),
        }
    }
}

impl Stats {
    pub fn record(&mut self, outcome: Outcome) {
        let us = (outcome.latency.as_micros() as u64).clamp(1, 3_600_000_000);
        let _ = self.latency_us.record(us);
        let failed = match outcome.result {
            Ok((status, bytes)) => {
                *self.statuses.entry(status).or_default() += 1;
                self.bytes += bytes;
                status >= 500
            }
            Err(kind) => {
                *self.errors.entry(kind).or_default() += 1;
                true
            }
        };
        if failed && self.failed.len() < KEEP_TRACES {
            self.failed.push(outcome.trace_id.clone());
        }
        if self.slowest.len() < KEEP_TRACES || self.slowest.last().is_some_and(|(l, _)| us > *l) {
            let at = self.slowest.partition_point(|(l, _)| *l >= us);
            self.slowest.insert(at, (us, outcome.trace_id));
            self.slowest.truncate(KEEP_TRACES);
        }
    }

    pub fn merge(&mut self, other: Stats) {
        let _ = self.latency_us.add(&other.latency_us);
        for (k, v) in other.statuses {
            *self.statuses.entry(k).or_default() += v;
        }
        for (k, v) in other.errors {
            *self.errors.entry(k).or_default() += v;
        }
        self.bytes += other.bytes;
        for (us, id) in other.slowest {
            let at = self.slowest.partition_point(|(l, _)| *l >= us);
            self.slowest.insert(at, (us, id));
        }
        self.slowest.truncate(KEEP_TRACES);
        self.failed.extend(other.failed);
        self.failed.truncate(KEEP_TRACES);
    }

    pub fn total(&self) -> u64 {
        self.latency_us.len()
    }

    /// The numbers a report shows, for a run that took `elapsed`.
    pub fn summary(&self, elapsed: Duration) -> Summary {
        let ms = |q: f64| self.latency_us.value_at_quantile(q) as f64 / 1000.0;
        let total = self.total();
        let errors: u64 = self.errors.values().sum::<u64>()
            + self
                .statuses
                .iter()
                .filter(|(s, _)| **s >= 500)
                .map(|(_, n)| n)
                .sum::<u64>();
        Summary {
            requests: total,
            duration_s: elapsed.as_secs_f64(),
            rps: total as f64 / elapsed.as_secs_f64().max(1e-9),
            latency_ms: Latency {
                min: self.latency_us.min() as f64 / 1000.0,
                mean: self.latency_us.mean() / 1000.0,
                p50: ms(0.5),
                p90: ms(0.9),
                p99: ms(0.99),
                p999: ms(0.999),
                max: self.latency_us.max() as f64 / 1000.0,
            },
            statuses: self
                .statuses
                .iter()
                .map(|(k, v)| (k.to_string(), *v))
                .collect(),
            errors: self.errors.clone(),
            error_rate: if total == 0 {
                0.0
            } else {
                errors as f64 / total as f64
            },
            bytes: self.bytes,
            slowest_traces: self
                .slowest
                .iter()
                .map(|(us, id)| SlowTrace {
                    trace_id: id.clone(),
                    latency_ms: *us as f64 / 1000.0,
                })
                .collect(),
            failed_traces: self.failed.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Latency {
    pub min: f64,
    pub mean: f64,
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub p999: f64,
    pub max: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SlowTrace {
    pub trace_id: String,
    pub latency_ms: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub requests: u64,
    pub duration_s: f64,
    pub rps: f64,
    pub latency_ms: Latency,
    pub statuses: BTreeMap<String, u64>,
    pub errors: BTreeMap<ErrorKind, u64>,
    pub error_rate: f64,
    pub bytes: u64,
    pub slowest_traces: Vec<SlowTrace>,
    pub failed_traces: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(ms: u64, id: &str) -> Outcome {
        Outcome {
            latency: Duration::from_millis(ms),
            result: Ok((200, 10)),
            trace_id: id.into(),
        }
    }

    #[test]
    fn merged_stats_keep_percentiles_slowest_and_failures() {
        let mut a = Stats::default();
        for i in 1..=100 {
            a.record(ok(i, &format!("t{i}")));
        }
        let mut b = Stats::default();
        b.record(Outcome {
            latency: Duration::from_millis(500),
            result: Ok((503, 0)),
            trace_id: "slow-fail".into(),
        });
        b.record(Outcome {
            latency: Duration::from_millis(2),
            result: Err(ErrorKind::Connect),
            trace_id: "refused".into(),
        });
        a.merge(b);
        let s = a.summary(Duration::from_secs(2));
        assert_eq!(s.requests, 102);
        assert_eq!(s.rps, 51.0);
        assert!(
            (s.latency_ms.p50 - 51.0).abs() < 1.0,
            "{}",
            s.latency_ms.p50
        );
        assert!(s.latency_ms.max >= 499.0);
        assert_eq!(s.statuses["200"], 100);
        assert_eq!(s.statuses["503"], 1);
        assert_eq!(s.errors[&ErrorKind::Connect], 1);
        assert!((s.error_rate - 2.0 / 102.0).abs() < 1e-9);
        assert_eq!(s.slowest_traces[0].trace_id, "slow-fail");
        assert_eq!(s.slowest_traces[1].trace_id, "t100");
        assert_eq!(s.slowest_traces.len(), KEEP_TRACES);
        assert_eq!(s.failed_traces, ["slow-fail", "refused"]);
        assert_eq!(s.bytes, 1000);
    }
}

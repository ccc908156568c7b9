//! What a load run measured: an HDR latency histogram, status codes, error kinds, bytes, and
//! the trace ids worth looking at (the slowest requests and the failed ones).
//!
//! Each worker fills its own [`Stats`]; they are merged at the end, so the hot path takes no
//! lock. A [`Wire`] is the same statistics in JSON (histograms in HdrHistogram's V2
//! encoding, base64), so the workers of `loadgen --in-cluster` can hand theirs over in
//! their logs and be merged exactly: percentiles of the whole run, not averages of
//! percentiles.

use std::collections::BTreeMap;
use std::time::Duration;

use base64::Engine as _;
use hdrhistogram::Histogram;
use hdrhistogram::serialization::{Deserializer, Serializer as _, V2Serializer};
use serde::{Deserialize, Serialize};

/// How many slow and failed trace ids a run keeps.
pub const KEEP_TRACES: usize = 10;

/// Why a request got no HTTP response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Connect,
    Timeout,
    Other,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Connect => "connect",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Other => "other",
        }
    }
}

/// One request's result.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// From the intended send time (with a rate) or the send (without) to the response.
    pub latency: Duration,
    /// From the actual send to the response.
    pub service_time: Duration,
    pub result: Result<(u16, u64), ErrorKind>,
    /// The request's W3C trace id (formatted only for the few a report shows).
    pub trace_id: u128,
}

#[derive(Clone)]
pub struct Stats {
    latency_us: Histogram<u64>,
    service_us: Histogram<u64>,
    statuses: BTreeMap<u16, u64>,
    errors: BTreeMap<ErrorKind, u64>,
    bytes: u64,
    /// `(latency µs, trace id)`, the slowest first, at most [`KEEP_TRACES`].
    slowest: Vec<(u64, u128)>,
    failed: Vec<u128>,
}

/// Latencies are recorded in µs from 1 µs to an hour, to 3 significant digits.
const HIGHEST_US: u64 = 3_600_000_000;

fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, HIGHEST_US, 3)
        .unwrap_or_else(|e| unreachable!("constant histogram bounds are valid: {e}"))
}

/// [`Stats`] as JSON, for handing over between processes: the two HDR histograms in the V2
/// encoding (base64), the rest as it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Wire {
    /// `latency_us` histogram, HdrHistogram V2, base64 (standard alphabet, padded).
    pub latency_us_hdr: String,
    pub service_us_hdr: String,
    pub statuses: BTreeMap<u16, u64>,
    pub errors: BTreeMap<ErrorKind, u64>,
    pub bytes: u64,
    /// `(latency µs, trace id as 32 hex digits)`, the slowest first.
    pub slowest: Vec<(u64, String)>,
    pub failed: Vec<String>,
}

/// Why a [`Wire`] is not statistics.
#[derive(Debug, thiserror::Error)]
pub enum WireError {
    #[error("{0} is not base64")]
    Base64(&'static str),
    #[error("{0} is not an HdrHistogram V2 histogram: {1}")]
    Histogram(&'static str, String),
    #[error("`{0}` is not a trace id")]
    TraceId(String),
}

fn encode(h: &Histogram<u64>) -> String {
    let mut bytes = Vec::new();
    V2Serializer::new()
        .serialize(h, &mut bytes)
        .unwrap_or_else(|e| unreachable!("writing to a Vec cannot fail: {e:?}"));
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn decode(field: &'static str, text: &str) -> Result<Histogram<u64>, WireError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|_| WireError::Base64(field))?;
    let decoded: Histogram<u64> = Deserializer::new()
        .deserialize(&mut bytes.as_slice())
        .map_err(|e| WireError::Histogram(field, e.to_string()))?;
    // Into our bounds, so any worker's histogram adds to any other.
    let mut h = histogram();
    h.add(&decoded)
        .map_err(|e| WireError::Histogram(field, format!("{e:?}")))?;
    Ok(h)
}

fn trace_id(text: &str) -> Result<u128, WireError> {
    u128::from_str_radix(text, 16).map_err(|_| WireError::TraceId(text.to_owned()))
}

impl Default for Stats {
    fn default() -> Self {
        Self {
            latency_us: histogram(),
            service_us: histogram(),
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
        let us = (outcome.latency.as_micros() as u64).clamp(1, HIGHEST_US);
        let _ = self.latency_us.record(us);
        let _ = self
            .service_us
            .record((outcome.service_time.as_micros() as u64).clamp(1, HIGHEST_US));
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
            self.failed.push(outcome.trace_id);
        }
        if self.slowest.len() < KEEP_TRACES || self.slowest.last().is_some_and(|(l, _)| us > *l) {
            let at = self.slowest.partition_point(|(l, _)| *l >= us);
            self.slowest.insert(at, (us, outcome.trace_id));
            self.slowest.truncate(KEEP_TRACES);
        }
    }

    pub fn merge_from(&mut self, other: &Stats) {
        let _ = self.latency_us.add(&other.latency_us);
        let _ = self.service_us.add(&other.service_us);
        for (k, v) in &other.statuses {
            *self.statuses.entry(*k).or_default() += v;
        }
        for (k, v) in &other.errors {
            *self.errors.entry(*k).or_default() += v;
        }
        self.bytes += other.bytes;
        for (us, id) in &other.slowest {
            let at = self.slowest.partition_point(|(l, _)| l >= us);
            self.slowest.insert(at, (*us, *id));
        }
        self.slowest.truncate(KEEP_TRACES);
        self.failed.extend(other.failed.iter().copied());
        self.failed.truncate(KEEP_TRACES);
    }

    /// These statistics as JSON-ready data.
    pub fn to_wire(&self) -> Wire {
        Wire {
            latency_us_hdr: encode(&self.latency_us),
            service_us_hdr: encode(&self.service_us),
            statuses: self.statuses.clone(),
            errors: self.errors.clone(),
            bytes: self.bytes,
            slowest: self
                .slowest
                .iter()
                .map(|(us, id)| (*us, format!("{id:032x}")))
                .collect(),
            failed: self.failed.iter().map(|id| format!("{id:032x}")).collect(),
        }
    }

    /// The statistics a [`Wire`] carries.
    pub fn from_wire(wire: &Wire) -> Result<Stats, WireError> {
        let mut slowest = wire
            .slowest
            .iter()
            .map(|(us, id)| Ok((*us, trace_id(id)?)))
            .collect::<Result<Vec<_>, WireError>>()?;
        slowest.sort_by_key(|(us, _)| std::cmp::Reverse(*us));
        slowest.truncate(KEEP_TRACES);
        let mut failed = wire
            .failed
            .iter()
            .map(|id| trace_id(id))
            .collect::<Result<Vec<_>, _>>()?;
        failed.truncate(KEEP_TRACES);
        Ok(Stats {
            latency_us: decode("latency_us_hdr", &wire.latency_us_hdr)?,
            service_us: decode("service_us_hdr", &wire.service_us_hdr)?,
            statuses: wire.statuses.clone(),
            errors: wire.errors.clone(),
            bytes: wire.bytes,
            slowest,
            failed,
        })
    }

    /// Latency histogram buckets for drawing: `(upper bound ms, count)`, log-spaced
    /// between the fastest and the slowest request.
    pub fn buckets(&self, n: usize) -> Vec<(f64, u64)> {
        if self.total() == 0 || n == 0 {
            return Vec::new();
        }
        let (lo, hi) = (
            self.latency_us.min().max(1) as f64,
            self.latency_us.max().max(1) as f64,
        );
        let ratio = (hi / lo).max(1.0001).powf(1.0 / n as f64);
        let mut out = Vec::with_capacity(n);
        let mut below = 0;
        for i in 1..=n {
            let bound = if i == n {
                hi
            } else {
                lo * ratio.powi(i as i32)
            };
            let upto = self.latency_us.count_between(0, bound as u64);
            out.push((bound / 1000.0, upto - below));
            below = upto;
        }
        out
    }

    pub fn total(&self) -> u64 {
        self.latency_us.len()
    }

    /// The numbers a report shows, for a run that took `elapsed`.
    pub fn summary(&self, elapsed: Duration) -> Summary {
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
            latency_ms: Latency::of(&self.latency_us),
            service_time_ms: Latency::of(&self.service_us),
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
                    trace_id: format!("{id:032x}"),
                    latency_ms: *us as f64 / 1000.0,
                })
                .collect(),
            failed_traces: self.failed.iter().map(|id| format!("{id:032x}")).collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Latency {
    pub min: f64,
    pub mean: f64,
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub p999: f64,
    pub max: f64,
}

impl Latency {
    fn of(h: &Histogram<u64>) -> Self {
        let ms = |us: u64| us as f64 / 1000.0;
        Self {
            min: ms(h.min()),
            mean: h.mean() / 1000.0,
            p50: ms(h.value_at_quantile(0.5)),
            p90: ms(h.value_at_quantile(0.9)),
            p99: ms(h.value_at_quantile(0.99)),
            p999: ms(h.value_at_quantile(0.999)),
            max: ms(h.max()),
        }
    }
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
    pub service_time_ms: Latency,
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

    fn ok(ms: u64, id: u128) -> Outcome {
        Outcome {
            latency: Duration::from_millis(ms),
            service_time: Duration::from_millis(ms),
            result: Ok((200, 10)),
            trace_id: id,
        }
    }

    #[test]
    fn merged_stats_keep_percentiles_slowest_and_failures() {
        let mut a = Stats::default();
        for i in 1..=100 {
            a.record(ok(i, u128::from(i)));
        }
        let mut b = Stats::default();
        b.record(Outcome {
            latency: Duration::from_millis(500),
            service_time: Duration::from_millis(5),
            result: Ok((503, 0)),
            trace_id: 0xbad,
        });
        b.record(Outcome {
            latency: Duration::from_millis(2),
            service_time: Duration::from_millis(2),
            result: Err(ErrorKind::Connect),
            trace_id: 0xdead,
        });
        a.merge_from(&b);
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
        assert_eq!(s.slowest_traces[0].trace_id, format!("{:032x}", 0xbad));
        assert_eq!(s.slowest_traces[1].trace_id, format!("{:032x}", 100));
        assert_eq!(s.slowest_traces.len(), KEEP_TRACES);
        assert_eq!(
            s.failed_traces,
            [format!("{:032x}", 0xbad), format!("{:032x}", 0xdead)]
        );
        assert_eq!(s.bytes, 1000);
        assert!(s.service_time_ms.max < 101.0, "service time is not latency");
        let buckets = a.buckets(8);
        assert_eq!(buckets.len(), 8);
        assert_eq!(buckets.iter().map(|(_, n)| n).sum::<u64>(), 102);
        assert!(buckets.windows(2).all(|w| w[0].0 < w[1].0));
    }
}

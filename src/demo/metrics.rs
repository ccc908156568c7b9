//! Prometheus text for `/metrics`: requests, latencies, and what happened to spans.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::telemetry::export::ExportCounts;

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// One route's latency histogram.
#[derive(Default)]
struct Histogram {
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    sum_micros: AtomicU64,
}

impl Histogram {
    fn observe(&self, elapsed: Duration) {
        let secs = elapsed.as_secs_f64();
        if let Some(i) = BUCKETS.iter().position(|b| secs <= *b) {
            self.buckets[i].fetch_add(1, Ordering::Relaxed);
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum_micros
            .fetch_add(elapsed.as_micros() as u64, Ordering::Relaxed);
    }
}

/// Request counters and latency histograms by route.
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(&'static str, &'static str, u16), u64>>,
    latency: Mutex<BTreeMap<&'static str, std::sync::Arc<Histogram>>>,
}

impl Metrics {
    /// Records one request.
    pub fn record(
        &self,
        route: &'static str,
        method: &'static str,
        status: u16,
        elapsed: Duration,
    ) {
        if let Ok(mut requests) = self.requests.lock() {
            *requests.entry((route, method, status)).or_default() += 1;
        }
        let histogram = match self.latency.lock() {
            Ok(mut map) => map.entry(route).or_default().clone(),
            Err(_) => return,
        };
        histogram.observe(elapsed);
    }

    /// Total requests recorded.
    #[cfg(test)]
    pub fn total(&self) -> u64 {
        self.requests.lock().map(|r| r.values().sum()).unwrap_or(0)
    }

    /// The Prometheus text exposition.
    pub fn render(&self, spans: ExportCounts) -> String {
        let mut out = String::new();
        out.push_str("# HELP http_server_requests_total HTTP requests served, by route, method and status.\n");
        out.push_str("# TYPE http_server_requests_total counter\n");
        if let Ok(requests) = self.requests.lock() {
            for ((route, method, status), n) in requests.iter() {
                let _ = writeln!(
                    out,
                    "http_server_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {n}"
                );
            }
        }
        out.push_str("# HELP http_server_request_duration_seconds Time to answer a request.\n");
        out.push_str("# TYPE http_server_request_duration_seconds histogram\n");
        if let Ok(latency) = self.latency.lock() {
            for (route, h) in latency.iter() {
                let mut cumulative = 0;
                for (bound, bucket) in BUCKETS.iter().zip(&h.buckets) {
                    cumulative += bucket.load(Ordering::Relaxed);
                    let _ = writeln!(
                        out,
                        "http_server_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}"
                    );
                }
                let count = h.count.load(Ordering::Relaxed);
                let sum = h.sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
                let _ = writeln!(
                    out,
                    "http_server_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {count}"
                );
                let _ = writeln!(
                    out,
                    "http_server_request_duration_seconds_sum{{route=\"{route}\"}} {sum}"
                );
                let _ = writeln!(
                    out,
                    "http_server_request_duration_seconds_count{{route=\"{route}\"}} {count}"
                );
            }
        }
        for (name, help, value) in [
            (
                "otel_spans_ended_total",
                "Spans finished by the service.",
                spans.ended,
            ),
            (
                "otel_spans_exported_total",
                "Spans the collector accepted.",
                spans.exported,
            ),
            (
                "otel_spans_export_failed_total",
                "Spans in exports that failed.",
                spans.failed,
            ),
            (
                "otel_spans_dropped_total",
                "Spans dropped because the export queue was full.",
                spans.dropped,
            ),
        ] {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}"
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_histograms_and_span_counts() {
        let m = Metrics::default();
        m.record("/api/hello", "GET", 200, Duration::from_micros(800));
        m.record("/api/hello", "GET", 200, Duration::from_millis(30));
        m.record("/api/work", "GET", 500, Duration::from_secs(10));
        let text = m.render(ExportCounts {
            ended: 3,
            exported: 2,
            failed: 0,
            dropped: 1,
        });
        assert!(text.contains(
            "http_server_requests_total{route=\"/api/hello\",method=\"GET\",status=\"200\"} 2\n"
        ));
        assert!(text.contains(
            "http_server_requests_total{route=\"/api/work\",method=\"GET\",status=\"500\"} 1\n"
        ));
        assert!(text.contains(
            "http_server_request_duration_seconds_bucket{route=\"/api/hello\",le=\"0.001\"} 1\n"
        ));
        assert!(text.contains(
            "http_server_request_duration_seconds_bucket{route=\"/api/hello\",le=\"0.05\"} 2\n"
        ));
        assert!(text.contains(
            "http_server_request_duration_seconds_bucket{route=\"/api/work\",le=\"5\"} 0\n"
        ));
        assert!(text.contains(
            "http_server_request_duration_seconds_bucket{route=\"/api/work\",le=\"+Inf\"} 1\n"
        ));
        assert!(text.contains("otel_spans_dropped_total 1\n"));
        assert!(text.contains("otel_spans_exported_total 2\n"));
        assert_eq!(m.total(), 3);
    }
}

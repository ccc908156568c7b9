//! Prometheus text for `/metrics`: requests, latencies, and what happened to spans.
//!
//! Every request is recorded, on whichever worker ran it, so recording takes no lock: the
//! routes, methods and statuses the service answers with are a fixed table of atomic
//! counters, and a per-route histogram. A label outside the table (a status added later
//! without a row here) still counts, in a locked map.

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

/// The labels the service records with, as `routes.rs` writes them.
const ROUTES: [&str; 7] = [
    "/",
    "/api/hello",
    "/api/work",
    "/healthz",
    "/readyz",
    "/metrics",
    "unmatched",
];
const METHODS: [&str; 6] = ["GET", "HEAD", "POST", "PUT", "DELETE", "OTHER"];
const STATUSES: [u16; 7] = [200, 400, 404, 405, 413, 500, 503];
const CELLS: usize = ROUTES.len() * METHODS.len() * STATUSES.len();

/// One route's latency histogram, on cache lines of its own: every request writes one,
/// from whichever worker runs it, and that must not slow down reads of what sits nearby.
#[derive(Default)]
#[repr(align(64))]
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

    fn render(&self, out: &mut String, route: &str) {
        let mut cumulative = 0;
        for (bound, bucket) in BUCKETS.iter().zip(&self.buckets) {
            cumulative += bucket.load(Ordering::Relaxed);
            let _ = writeln!(
                out,
                "http_server_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}"
            );
        }
        // A request being recorded right now may show in its bucket and not yet in the
        // count: +Inf and the count never read lower than the buckets.
        let count = self.count.load(Ordering::Relaxed).max(cumulative);
        let sum = self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
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

type Key = (&'static str, &'static str, u16);

/// Request counters and latency histograms by route.
pub struct Metrics {
    /// One counter per route, method and status of the table above. Both tables are
    /// boxed, away from the read-mostly service state that holds the metrics.
    requests: Box<[AtomicU64; CELLS]>,
    latency: Box<[Histogram; ROUTES.len()]>,
    /// Labels outside the table.
    other_requests: Mutex<BTreeMap<Key, u64>>,
    other_latency: Mutex<BTreeMap<&'static str, Histogram>>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self {
            requests: Box::new(std::array::from_fn(|_| AtomicU64::new(0))),
            latency: Box::default(),
            other_requests: Mutex::default(),
            other_latency: Mutex::default(),
        }
    }
}

/// Where `(route, method, status)` sits in the table, if it has a place there: the
/// route's row, and the counter's index.
fn cell(route: &str, method: &str, status: u16) -> Option<(usize, usize)> {
    let r = ROUTES.iter().position(|x| *x == route)?;
    let m = METHODS.iter().position(|x| *x == method)?;
    let s = STATUSES.iter().position(|x| *x == status)?;
    Some((r, index(r, m, s)))
}

fn index(route: usize, method: usize, status: usize) -> usize {
    (route * METHODS.len() + method) * STATUSES.len() + status
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
        if let Some((r, i)) = cell(route, method, status) {
            self.requests[i].fetch_add(1, Ordering::Relaxed);
            self.latency[r].observe(elapsed);
            return;
        }
        if let Ok(mut requests) = self.other_requests.lock() {
            *requests.entry((route, method, status)).or_default() += 1;
        }
        match ROUTES.iter().position(|x| *x == route) {
            Some(r) => self.latency[r].observe(elapsed),
            None => {
                if let Ok(mut latency) = self.other_latency.lock() {
                    latency.entry(route).or_default().observe(elapsed);
                }
            }
        }
    }

    /// Total requests recorded.
    #[cfg(test)]
    pub fn total(&self) -> u64 {
        self.request_counts().values().sum()
    }

    /// Every non-zero request counter, in label order.
    fn request_counts(&self) -> BTreeMap<Key, u64> {
        let mut counts = match self.other_requests.lock() {
            Ok(other) => other.clone(),
            Err(_) => BTreeMap::new(),
        };
        for (r, route) in ROUTES.iter().enumerate() {
            for (m, method) in METHODS.iter().enumerate() {
                for (s, status) in STATUSES.iter().enumerate() {
                    let n = self.requests[index(r, m, s)].load(Ordering::Relaxed);
                    if n > 0 {
                        *counts.entry((route, method, *status)).or_default() += n;
                    }
                }
            }
        }
        counts
    }

    /// The Prometheus text exposition.
    pub fn render(&self, spans: ExportCounts) -> String {
        let mut out = String::new();
        out.push_str("# HELP http_server_requests_total HTTP requests served, by route, method and status.\n");
        out.push_str("# TYPE http_server_requests_total counter\n");
        for ((route, method, status), n) in self.request_counts() {
            let _ = writeln!(
                out,
                "http_server_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {n}"
            );
        }
        out.push_str("# HELP http_server_request_duration_seconds Time to answer a request.\n");
        out.push_str("# TYPE http_server_request_duration_seconds histogram\n");
        // Routes not answered yet are left out, as before any request they had no series.
        let other = self.other_latency.lock().ok();
        let mut histograms: BTreeMap<&str, &Histogram> = ROUTES
            .iter()
            .zip(self.latency.iter())
            .filter(|(_, h)| h.count.load(Ordering::Relaxed) > 0)
            .map(|(route, h)| (*route, h))
            .collect();
        if let Some(other) = &other {
            histograms.extend(other.iter().map(|(route, h)| (*route, h)));
        }
        for (route, h) in histograms {
            h.render(&mut out, route);
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
        assert!(
            !text.contains("route=\"/healthz\""),
            "a route with no requests has no series"
        );
        assert_eq!(m.total(), 3);
    }

    #[test]
    fn labels_outside_the_table_are_counted_too() {
        let m = Metrics::default();
        m.record("/api/hello", "GET", 418, Duration::from_millis(2));
        m.record("/elsewhere", "GET", 200, Duration::from_millis(2));
        m.record("/a", "GET", 200, Duration::from_millis(2));
        m.record("/api/hello", "GET", 200, Duration::from_millis(2));
        let text = m.render(ExportCounts::default());
        for line in [
            "http_server_requests_total{route=\"/api/hello\",method=\"GET\",status=\"200\"} 1\n",
            "http_server_requests_total{route=\"/api/hello\",method=\"GET\",status=\"418\"} 1\n",
            "http_server_requests_total{route=\"/elsewhere\",method=\"GET\",status=\"200\"} 1\n",
            "http_server_request_duration_seconds_count{route=\"/api/hello\"} 2\n",
            "http_server_request_duration_seconds_count{route=\"/elsewhere\"} 1\n",
        ] {
            assert!(text.contains(line), "{line} missing from\n{text}");
        }
        // Series come out in label order, whichever table holds them: "/a" (outside the
        // table) before "/api/hello" (in it) before "/elsewhere" (outside).
        let at = |needle: &str| text.find(needle).unwrap();
        assert!(at("route=\"/a\",method") < at("route=\"/api/hello\",method"));
        assert!(at("status=\"200\"} 1") < at("status=\"418\""));
        assert!(at("status=\"418\"") < at("route=\"/elsewhere\",method"));
        let count = |route: &str| at(&format!("duration_seconds_count{{route=\"{route}\"}}"));
        assert!(count("/a") < count("/api/hello") && count("/api/hello") < count("/elsewhere"));
        assert_eq!(m.total(), 4);
    }

    #[test]
    fn every_cell_of_the_table_is_its_own_counter() {
        let mut seen = std::collections::HashSet::new();
        for route in ROUTES {
            for method in METHODS {
                for status in STATUSES {
                    let (r, i) = cell(route, method, status).unwrap();
                    assert_eq!(ROUTES[r], route);
                    assert!(i < CELLS && seen.insert(i), "{route} {method} {status}");
                }
            }
        }
        assert_eq!(cell("/api/hello", "PATCH", 200), None);
    }

    #[test]
    fn a_request_caught_half_recorded_never_makes_inf_lower_than_a_bucket() {
        let h = Histogram::default();
        h.buckets[0].fetch_add(1, Ordering::Relaxed); // and not yet the count
        let mut out = String::new();
        h.render(&mut out, "/");
        assert!(out.contains("le=\"+Inf\"} 1\n"), "{out}");
        assert!(out.contains("_count{route=\"/\"} 1\n"), "{out}");
    }

    #[test]
    fn the_table_has_a_row_for_every_label_the_routes_record() {
        use super::super::routes::{Route, method_label};
        for route in Route::ALL {
            assert!(ROUTES.contains(&route.name()), "{route:?}");
        }
        assert!(ROUTES.contains(&"unmatched"));
        for method in ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "BREW"] {
            let method = http::Method::from_bytes(method.as_bytes()).unwrap();
            assert!(METHODS.contains(&method_label(&method)), "{method}");
        }
    }
}

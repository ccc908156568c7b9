//! `loadgen --in-cluster`'s arithmetic: how a run is shared among N workers, and how their
//! reports become one. Pure, so the rules are unit-tested without a cluster.
//!
//! Each worker prints its usual JSON report plus a `worker` block with its statistics in
//! mergeable form ([`Wire`]: the HDR histograms themselves, not their percentiles). Merging
//! adds the histograms, so the merged p99 is the p99 of every request of the run.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::stats::{Stats, Wire, WireError};

/// What a worker adds to its JSON report for the coordinator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkerReport {
    /// This worker's completion index, from 0.
    pub index: u32,
    /// How many workers share the run.
    pub of: u32,
    /// Time this worker measured (warmup excluded).
    pub elapsed_s: f64,
    pub stats: Wire,
}

/// Worker `index` of `of`'s part of `total` requests: an equal share, the remainder going
/// one each to the lowest indexes (10 among 3: 4, 3, 3).
pub fn requests_share(total: u64, index: u32, of: u32) -> u64 {
    let of = u64::from(of.max(1));
    total / of + u64::from(u64::from(index) < total % of)
}

/// Each worker's part of a total rate: rates are real numbers, so an equal share, with no
/// remainder to spread.
pub fn rate_share(total: f64, of: u32) -> f64 {
    total / f64::from(of.max(1))
}

/// The worker report in a pod's log: the JSON document that has a `worker` block. Other
/// lines (warnings on stderr share the log) are skipped.
pub fn parse_log(log: &str) -> Option<WorkerReport> {
    #[derive(Deserialize)]
    struct Envelope {
        worker: WorkerReport,
    }
    let starts = std::iter::once(0)
        .chain(log.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| log[i..].starts_with('{'));
    starts
        .filter_map(|i| {
            serde_json::Deserializer::from_str(&log[i..])
                .into_iter::<Envelope>()
                .next()?
                .ok()
        })
        .map(|e| e.worker)
        .next_back()
}

/// The whole run, merged from its workers.
pub struct Merged {
    pub stats: Stats,
    /// The longest worker's measured time: the run's rate is its requests over this.
    pub elapsed: Duration,
}

/// Merges worker reports: counts, status codes, error kinds and bytes add up; histograms
/// are added (so percentiles are recomputed over every request); the slowest traces are
/// the slowest across workers; failed traces are the union (up to the usual ten).
pub fn merge(reports: &[WorkerReport]) -> Result<Merged, WireError> {
    let mut stats = Stats::default();
    let mut elapsed = Duration::ZERO;
    for report in reports {
        stats.merge_from(&Stats::from_wire(&report.stats)?);
        let measured = Duration::try_from_secs_f64(report.elapsed_s).unwrap_or_default();
        elapsed = elapsed.max(measured);
    }
    Ok(Merged { stats, elapsed })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loadgen::stats::{ErrorKind, KEEP_TRACES, Outcome};

    fn outcome(us: u64, result: Result<(u16, u64), ErrorKind>, id: u128) -> Outcome {
        Outcome {
            latency: Duration::from_micros(us),
            service_time: Duration::from_micros(us / 2),
            result,
            trace_id: id,
        }
    }

    #[test]
    fn requests_are_shared_exactly_and_the_remainder_spread() {
        let shares: Vec<u64> = (0..3).map(|i| requests_share(10, i, 3)).collect();
        assert_eq!(shares, [4, 3, 3]);
        for (total, of) in [(1000, 7), (5, 5), (1, 1), (999_999, 13)] {
            let sum: u64 = (0..of).map(|i| requests_share(total, i, of)).sum();
            assert_eq!(sum, total, "{total} among {of}");
        }
        assert!((rate_share(100.0, 3) * 3.0 - 100.0).abs() < 1e-9);
    }

    /// Three workers' reports, their statistics through the wire form, and one histogram
    /// recorded from every sample of all three.
    fn workers() -> (Vec<WorkerReport>, Stats) {
        let mut all = Stats::default();
        let mut reports = Vec::new();
        let mut seed = 7u64;
        for w in 0..3u32 {
            let mut stats = Stats::default();
            for i in 0..2000u64 {
                // A skewed spread per worker: worker 2 is the slow one.
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let us = 200 + (seed >> 40) % (5_000 * (u64::from(w) * 10 + 1));
                let result = match i % 100 {
                    0 => Err(ErrorKind::Timeout),
                    1 => Ok((503, 0)),
                    _ => Ok((200, 100 + u64::from(w))),
                };
                let id = (u128::from(w) << 64) | u128::from(i + 1);
                stats.record(outcome(us, result, id));
                all.record(outcome(us, result, id));
            }
            let wire = stats.to_wire();
            // Through JSON, as a pod log carries it.
            let text = serde_json::to_string(&serde_json::json!({
                "summary": {},
                "worker": {"index": w, "of": 3, "elapsed_s": 2.0 + f64::from(w), "stats": wire},
            }))
            .unwrap();
            reports.push(parse_log(&format!("WARN something\n{text}\n")).unwrap());
        }
        (reports, all)
    }

    #[test]
    fn merged_totals_are_the_sums_and_percentiles_those_of_all_samples() {
        let (reports, all) = workers();
        let merged = merge(&reports).unwrap();
        assert_eq!(merged.elapsed, Duration::from_secs(4), "the longest worker");
        let m = merged.stats.summary(merged.elapsed);
        let a = all.summary(merged.elapsed);
        assert_eq!(m.requests, 6000);
        assert_eq!(m.statuses["200"], 3 * 1960);
        assert_eq!(m.statuses["503"], 3 * 20);
        assert_eq!(m.errors[&ErrorKind::Timeout], 3 * 20);
        assert_eq!(m.bytes, 1960 * (100 + 101 + 102));
        assert_eq!(m.rps, 1500.0);
        assert_eq!(m.latency_ms, a.latency_ms, "percentiles of every sample");
        assert_eq!(m.service_time_ms, a.service_time_ms);
        assert_eq!(m.error_rate, a.error_rate);
        assert_eq!(merged.stats.buckets(10), all.buckets(10));
        let slowest: Vec<f64> = m.slowest_traces.iter().map(|t| t.latency_ms).collect();
        let expected: Vec<f64> = a.slowest_traces.iter().map(|t| t.latency_ms).collect();
        assert_eq!(slowest, expected, "the slowest across workers");
        assert_eq!(m.slowest_traces.len(), KEEP_TRACES);
        assert!(
            m.slowest_traces
                .iter()
                .all(|t| t.trace_id.starts_with("0000000000000002"))
        );
        assert_eq!(m.failed_traces.len(), KEEP_TRACES);
    }

    #[test]
    fn a_log_without_a_report_or_with_a_broken_histogram_is_refused() {
        assert!(parse_log("").is_none());
        assert!(parse_log("error: connection refused\n").is_none());
        assert!(
            parse_log("{\"summary\": {}}\n").is_none(),
            "a report with no worker block"
        );
        let (mut reports, _) = workers();
        reports[1].stats.latency_us_hdr = "AAAA".into();
        assert!(
            merge(&reports)
                .err()
                .unwrap()
                .to_string()
                .contains("latency_us_hdr is not an HdrHistogram V2 histogram")
        );
        reports[1].stats.latency_us_hdr = "not base64!".into();
        assert!(merge(&reports).is_err());
    }

    #[test]
    fn an_empty_worker_merges_as_nothing() {
        let empty = WorkerReport {
            index: 0,
            of: 1,
            elapsed_s: 1.0,
            stats: Stats::default().to_wire(),
        };
        let merged = merge(&[empty]).unwrap();
        assert_eq!(merged.stats.summary(merged.elapsed).requests, 0);
    }
}

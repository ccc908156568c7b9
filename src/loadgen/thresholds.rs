//! `--fail-on 'p99>250ms,error_rate>1%'`: the CI gate. Pure: a spec string in, checks out.

use serde::Serialize;

use super::stats::Summary;

/// What a threshold measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    P50,
    P90,
    P99,
    P999,
    Max,
    Mean,
    ErrorRate,
    Rps,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Op {
    #[serde(rename = ">")]
    Above,
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "<")]
    Below,
    #[serde(rename = "<=")]
    AtMost,
}

/// "Fail when `metric op value`": durations in ms, error rate as a fraction, rps per second.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Threshold {
    pub spec: String,
    pub metric: Metric,
    pub op: Op,
    pub value: f64,
}

/// A threshold checked against a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    pub spec: String,
    pub actual: f64,
    pub violated: bool,
}

/// A whole `--fail-on` value.
#[derive(Debug, Clone, PartialEq)]
pub struct FailOn(pub Vec<Threshold>);

/// Parses a `--fail-on` value.
pub fn fail_on(spec: &str) -> Result<FailOn, String> {
    parse(spec).map(FailOn)
}

/// Parses `p99>250ms,error_rate>1%,rps<100`.
pub fn parse(spec: &str) -> Result<Vec<Threshold>, String> {
    spec.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(parse_one)
        .collect()
}

fn parse_one(text: &str) -> Result<Threshold, String> {
    let (at, op, width) = [
        (">=", Op::AtLeast),
        ("<=", Op::AtMost),
        (">", Op::Above),
        ("<", Op::Below),
    ]
    .iter()
    .find_map(|(sym, op)| text.find(sym).map(|i| (i, *op, sym.len())))
    .ok_or_else(|| format!("`{text}`: expected METRIC>VALUE, e.g. p99>250ms"))?;
    let (name, value) = (text[..at].trim(), text[at + width..].trim());
    let metric = match name {
        "p50" => Metric::P50,
        "p90" => Metric::P90,
        "p99" => Metric::P99,
        "p99.9" | "p999" => Metric::P999,
        "max" => Metric::Max,
        "mean" => Metric::Mean,
        "error_rate" => Metric::ErrorRate,
        "rps" => Metric::Rps,
        other => {
            return Err(format!(
                "`{text}`: unknown metric `{other}` (p50, p90, p99, p99.9, max, mean, error_rate, rps)"
            ));
        }
    };
    let value = match metric {
        Metric::ErrorRate => match value.strip_suffix('%') {
            Some(pct) => pct.trim().parse::<f64>().map(|p| p / 100.0),
            None => value.parse::<f64>(),
        }
        .map_err(|_| format!("`{text}`: `{value}` is not a rate (1% or 0.01)"))?,
        Metric::Rps => value
            .parse::<f64>()
            .map_err(|_| format!("`{text}`: `{value}` is not a number"))?,
        _ => crate::traces::jaeger::duration_ns(value)
            .map(|ns| ns as f64 / 1e6)
            .map_err(|_| format!("`{text}`: `{value}` is not a duration (250ms, 1s)"))?,
    };
    Ok(Threshold {
        spec: text.to_owned(),
        metric,
        op,
        value,
    })
}

/// Checks every threshold against a run's summary.
pub fn check(thresholds: &[Threshold], s: &Summary) -> Vec<Check> {
    thresholds
        .iter()
        .map(|t| {
            let actual = match t.metric {
                Metric::P50 => s.latency_ms.p50,
                Metric::P90 => s.latency_ms.p90,
                Metric::P99 => s.latency_ms.p99,
                Metric::P999 => s.latency_ms.p999,
                Metric::Max => s.latency_ms.max,
                Metric::Mean => s.latency_ms.mean,
                Metric::ErrorRate => s.error_rate,
                Metric::Rps => s.rps,
            };
            let violated = match t.op {
                Op::Above => actual > t.value,
                Op::AtLeast => actual >= t.value,
                Op::Below => actual < t.value,
                Op::AtMost => actual <= t.value,
            };
            Check {
                spec: t.spec.clone(),
                actual,
                violated,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loadgen::stats::{Outcome, Stats};
    use std::time::Duration;

    fn summary(latencies_ms: &[u64], failures: usize) -> Summary {
        let mut stats = Stats::default();
        for (i, ms) in latencies_ms.iter().enumerate() {
            stats.record(Outcome {
                latency: Duration::from_millis(*ms),
                service_time: Duration::from_millis(*ms),
                result: Ok((if i < failures { 500 } else { 200 }, 0)),
                trace_id: 1,
            });
        }
        stats.summary(Duration::from_secs(1))
    }

    #[test]
    fn parses_the_documented_forms() {
        let t = parse("p99>250ms, error_rate>1%,rps<100,p99.9>=1s,mean<=2ms").unwrap();
        assert_eq!(t.len(), 5);
        assert_eq!(
            (t[0].metric, t[0].op, t[0].value),
            (Metric::P99, Op::Above, 250.0)
        );
        assert_eq!((t[1].metric, t[1].value), (Metric::ErrorRate, 0.01));
        assert_eq!(
            (t[2].metric, t[2].op, t[2].value),
            (Metric::Rps, Op::Below, 100.0)
        );
        assert_eq!(
            (t[3].metric, t[3].op, t[3].value),
            (Metric::P999, Op::AtLeast, 1000.0)
        );
        assert_eq!(t[4].op, Op::AtMost);
        assert!(parse("p99=250ms").is_err());
        assert!(parse("p42>1ms").unwrap_err().contains("unknown metric"));
        assert!(parse("p99>fast").is_err());
        assert!(parse("error_rate>lots").is_err());
    }

    #[test]
    fn violations_are_exactly_the_crossed_thresholds() {
        let s = summary(&[10, 20, 30, 40, 300], 1);
        let checks = check(
            &parse("p99>250ms,p50>250ms,error_rate>10%,error_rate>50%,rps<4").unwrap(),
            &s,
        );
        let violated: Vec<bool> = checks.iter().map(|c| c.violated).collect();
        assert_eq!(violated, [true, false, true, false, false]);
        assert!((checks[2].actual - 0.2).abs() < 1e-9);
    }
}

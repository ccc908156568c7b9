//! `/api/work`: simulated downstream work as a chain of nested child spans.
//!
//! It gives a trace viewer something worth drawing (depth, latency, failures) without any
//! real dependency, which is what the seed's demo lacked.

use std::time::Duration;

use opentelemetry::trace::{SpanKind, Status, TraceContextExt, Tracer};
use opentelemetry::{Context, KeyValue};

/// Query parameters, validated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WorkParams {
    pub depth: u32,
    pub delay_ms: u64,
    pub fail_rate: f64,
}

const MAX_DEPTH: u32 = 16;
const MAX_DELAY_MS: u64 = 5_000;

/// Parses `depth=N&delay_ms=M&fail_rate=P` (each optional). Pure.
pub fn params(query: &str) -> Result<WorkParams, String> {
    let mut p = WorkParams {
        depth: 3,
        delay_ms: 10,
        fail_rate: 0.0,
    };
    for pair in query.split('&').filter(|s| !s.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "depth" => {
                p.depth = value
                    .parse()
                    .ok()
                    .filter(|d| *d <= MAX_DEPTH)
                    .ok_or_else(|| format!("depth must be 0..={MAX_DEPTH}, got `{value}`"))?
            }
            "delay_ms" => {
                p.delay_ms = value
                    .parse()
                    .ok()
                    .filter(|d| *d <= MAX_DELAY_MS)
                    .ok_or_else(|| format!("delay_ms must be 0..={MAX_DELAY_MS}, got `{value}`"))?
            }
            "fail_rate" => {
                p.fail_rate = value
                    .parse()
                    .ok()
                    .filter(|r: &f64| (0.0..=1.0).contains(r))
                    .ok_or_else(|| format!("fail_rate must be 0..=1, got `{value}`"))?
            }
            other => return Err(format!("unknown parameter `{other}`")),
        }
    }
    Ok(p)
}

/// What the work did.
#[derive(Debug, Clone, Copy)]
pub struct Outcome {
    pub failed: bool,
}

/// The simulated failure's description.
pub const FAILURE: &str = "simulated downstream failure";

/// The `exception` event's attributes for the simulated failure.
pub fn exception() -> Vec<KeyValue> {
    vec![
        KeyValue::new("exception.type", "DownstreamError"),
        KeyValue::new("exception.message", FAILURE),
    ]
}

/// Descends `depth` levels, one child span per level, sleeping `delay_ms` at each; the
/// deepest level fails with probability `fail_rate`, recorded on its span as an exception
/// (on the caller's span when `depth` is 0).
pub async fn run<T: Tracer>(cx: &Context, tracer: &T, params: WorkParams) -> Outcome
where
    T::Span: Send + Sync + 'static,
{
    let mut levels: Vec<Context> = Vec::with_capacity(params.depth as usize);
    for level in 1..=params.depth {
        let parent = levels.last().unwrap_or(cx);
        let span = tracer
            .span_builder(format!("work level {level}"))
            .with_kind(SpanKind::Internal)
            .with_attributes([
                KeyValue::new("work.level", i64::from(level)),
                KeyValue::new("work.depth", i64::from(params.depth)),
                KeyValue::new("work.delay_ms", params.delay_ms as i64),
            ])
            .start_with_context(tracer, parent);
        levels.push(parent.with_span(span));
        if params.delay_ms > 0 {
            tokio::time::sleep(Duration::from_millis(params.delay_ms)).await;
        }
    }
    let failed = params.fail_rate > 0.0 && fastrand::f64() < params.fail_rate;
    // At depth 0 there is no child: the caller records the failure on its own span.
    if failed && let Some(deepest) = levels.last() {
        let deepest = deepest.span();
        deepest.add_event("exception", exception());
        deepest.set_status(Status::error(FAILURE));
    }
    for level in levels.iter().rev() {
        level.span().end();
    }
    Outcome { failed }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_bounds() {
        assert_eq!(
            params("").unwrap(),
            WorkParams {
                depth: 3,
                delay_ms: 10,
                fail_rate: 0.0
            }
        );
        let p = params("depth=5&delay_ms=0&fail_rate=0.5").unwrap();
        assert_eq!((p.depth, p.delay_ms, p.fail_rate), (5, 0, 0.5));
        assert!(params("depth=17").is_err());
        assert!(params("delay_ms=-1").is_err());
        assert!(params("fail_rate=1.5").unwrap_err().contains("fail_rate"));
        assert!(params("sleep=1").unwrap_err().contains("unknown parameter"));
    }
}

//! `otelctl loadgen`: the seed's busybox `wget` loop, replaced by a load generator that
//! knows about traces.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use serde::Serialize;

use crate::cli::LoadgenArgs;
use crate::loadgen::engine::{self, Plan, Stop};
use crate::loadgen::stats::Summary;
use crate::loadgen::thresholds::{self, Check};
use crate::output::{Human, Printer, Render};
use crate::settings::ProcessEnv;
use crate::telemetry::{Telemetry, config};

const SERVICE_NAME: &str = "otelctl-loadgen";
const HISTOGRAM_ROWS: usize = 10;
const HISTOGRAM_WIDTH: usize = 40;

#[derive(Serialize)]
struct Report {
    target: String,
    method: String,
    concurrency: u16,
    rate: Option<f64>,
    summary: Summary,
    histogram: Vec<Bucket>,
    thresholds: Vec<Check>,
    trace_links: Vec<String>,
}

#[derive(Serialize)]
struct Bucket {
    le_ms: f64,
    count: u64,
}

impl Render for Report {
    fn render(&self, out: &mut Human) {
        let s = &self.summary;
        let l = &s.latency_ms;
        let model = self.rate.map_or("closed model".to_owned(), |r| {
            format!("open model at {r} req/s")
        });
        let lat = |l: &crate::loadgen::stats::Latency| {
            format!(
                "min {:.2} · mean {:.2} · p50 {:.2} · p90 {:.2} · p99 {:.2} · p99.9 {:.2} · max {:.2} ms",
                l.min, l.mean, l.p50, l.p90, l.p99, l.p999, l.max
            )
        };
        let statuses = s
            .statuses
            .iter()
            .map(|(k, v)| format!("{k} ×{v}"))
            .collect::<Vec<_>>()
            .join(", ");
        let errors = s
            .errors
            .iter()
            .map(|(k, v)| format!("{} ×{v}", k.as_str()))
            .collect::<Vec<_>>()
            .join(", ");
        let mut pairs = vec![
            (
                "Target",
                format!(
                    "{} {} ({} connections, {model})",
                    self.method, self.target, self.concurrency
                ),
            ),
            (
                "Requests",
                format!(
                    "{} in {:.2} s, {:.1} req/s, {:.2}% errors",
                    s.requests,
                    s.duration_s,
                    s.rps,
                    s.error_rate * 100.0
                ),
            ),
            ("Latency", lat(l)),
        ];
        if self.rate.is_some() {
            pairs.push(("Service time", lat(&s.service_time_ms)));
        }
        pairs.push((
            "Status",
            if statuses.is_empty() {
                "none".into()
            } else {
                statuses
            },
        ));
        if !errors.is_empty() {
            pairs.push(("Errors", errors));
        }
        pairs.push(("Bytes", format!("{}", s.bytes)));
        let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        out.pairs(&refs);

        let most = self
            .histogram
            .iter()
            .map(|b| b.count)
            .max()
            .unwrap_or(0)
            .max(1);
        if !self.histogram.is_empty() {
            out.line("Latency histogram:");
        }
        for b in &self.histogram {
            let width = (b.count as f64 / most as f64 * HISTOGRAM_WIDTH as f64).round() as usize;
            out.line(format!(
                "  ≤{:>9.2} ms │{:<HISTOGRAM_WIDTH$} {}",
                b.le_ms,
                "█".repeat(width),
                b.count
            ));
        }
        if !s.slowest_traces.is_empty() {
            out.line("Slowest requests:");
            for (t, link) in s.slowest_traces.iter().zip(self.links()) {
                out.line(format!("  {:>9.2} ms  {}{link}", t.latency_ms, t.trace_id));
            }
        }
        if !s.failed_traces.is_empty() {
            out.line(format!(
                "Failed requests' traces: {}",
                s.failed_traces.join(" ")
            ));
        }
        for c in &self.thresholds {
            let line = format!("threshold {}: actual {:.3}", c.spec, c.actual);
            if c.violated {
                out.fail(format!("{line} (violated)"))
            } else {
                out.ok(line)
            }
        }
    }
}

impl Report {
    /// `  url` per slow trace when a Jaeger URL was given, else empty strings.
    fn links(&self) -> impl Iterator<Item = String> + '_ {
        self.summary
            .slowest_traces
            .iter()
            .enumerate()
            .map(|(i, _)| {
                self.trace_links
                    .get(i)
                    .map(|l| format!("  {l}"))
                    .unwrap_or_default()
            })
    }
}

pub async fn run(printer: &Printer, args: &LoadgenArgs) -> Result<()> {
    let body = match (&args.body, &args.body_file) {
        (Some(text), _) => bytes::Bytes::from(text.clone()),
        (None, Some(path)) => bytes::Bytes::from(
            std::fs::read(path)
                .with_context(|| format!("cannot read the body file {}", path.display()))?,
        ),
        (None, None) => bytes::Bytes::new(),
    };
    let stop = match (args.requests, args.duration) {
        (Some(n), _) => Stop::Requests(n),
        (None, Some(d)) => Stop::After(d),
        (None, None) => bail!(crate::exit::UsageError(
            "give -n/--requests or -z/--duration".into()
        )),
    };
    let telemetry = match &args.otlp_endpoint {
        None => None,
        Some(endpoint) => {
            let overrides = config::Overrides {
                endpoint: Some(endpoint),
                default_service_name: SERVICE_NAME,
                host_name: None,
            };
            Some(Telemetry::start(config::resolve(&ProcessEnv, &overrides)?)?)
        }
    };
    let tracer = telemetry.as_ref().map(|t| Arc::new(t.tracer(SERVICE_NAME)));
    let plan = Plan {
        targets: vec![args.url.clone()],
        method: args.method.clone(),
        headers: args.headers.clone(),
        body,
        concurrency: usize::from(args.concurrency),
        rate: args.rate,
        stop,
        timeout: args.timeout,
        sample_rate: args.sample_rate,
        warmup: args.warmup,
        http2: args.http2,
        insecure: args.insecure,
    };
    let running = engine::start(&plan, tracer).context("cannot set up the HTTP client")?;
    let spinner = printer.spinner(format!("Sending to {}", args.url));
    let progress = spinner
        .is_visible()
        .then(|| tokio::spawn(progress_loop(running.progress(), spinner)));
    let run = running.finish(crate::shutdown::signal()).await;
    if let Some(task) = progress {
        task.abort();
    }
    if let Some(t) = telemetry {
        t.shutdown(Duration::from_secs(10)).await;
    }

    let summary = run.stats.summary(run.elapsed);
    let checks = args
        .fail_on
        .as_ref()
        .map(|f| thresholds::check(&f.0, &summary))
        .unwrap_or_default();
    let trace_links = args
        .jaeger_url
        .as_deref()
        .map(|base| {
            let base = base.trim_end_matches('/');
            summary
                .slowest_traces
                .iter()
                .map(|t| format!("{base}/trace/{}", t.trace_id))
                .collect()
        })
        .unwrap_or_default();
    let report = Report {
        target: args.url.to_string(),
        method: args.method.to_string(),
        concurrency: args.concurrency,
        rate: args.rate,
        histogram: run
            .stats
            .buckets(HISTOGRAM_ROWS)
            .into_iter()
            .map(|(le_ms, count)| Bucket { le_ms, count })
            .collect(),
        summary,
        thresholds: checks,
        trace_links,
    };
    printer.result(&report)?;
    let violated: Vec<&str> = report
        .thresholds
        .iter()
        .filter(|c| c.violated)
        .map(|c| c.spec.as_str())
        .collect();
    if !violated.is_empty() {
        bail!("thresholds violated: {}", violated.join(", "));
    }
    Ok(())
}

/// Redraws the live line four times a second: requests, current rate, p50/p99, errors.
async fn progress_loop(view: engine::Progress, spinner: crate::output::Spinner) {
    let mut last = (0u64, std::time::Instant::now());
    loop {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let stats = view.snapshot();
        let s = stats.summary(view.elapsed());
        let now = std::time::Instant::now();
        let current =
            (s.requests - last.0) as f64 / now.duration_since(last.1).as_secs_f64().max(1e-9);
        last = (s.requests, now);
        spinner.set_message(format!(
            "{} requests · {:.0} req/s · p50 {:.2} ms · p99 {:.2} ms · {} errors",
            s.requests,
            current,
            s.latency_ms.p50,
            s.latency_ms.p99,
            (s.error_rate * s.requests as f64).round()
        ));
    }
}

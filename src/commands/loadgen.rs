//! `otelctl loadgen`: the seed's busybox `wget` loop, replaced by a load generator that
//! knows about traces. Runs here, or with `--in-cluster` as a Job of worker pods
//! (`--worker` mode) whose reports are merged into the same report.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use serde::Serialize;

use crate::aws::ecr;
use crate::cli::LoadgenArgs;
use crate::exit::UsageError;
use crate::kube::client::{self, ClientError};
use crate::loadgen::engine::{self, Plan, Stop};
use crate::loadgen::in_cluster;
use crate::loadgen::job::{self, JobRequest};
use crate::loadgen::stats::{Stats, Summary};
use crate::loadgen::thresholds::{self, Check};
use crate::loadgen::workers::{self, WorkerReport};
use crate::output::{Human, Printer, Render};
use crate::settings::{ProcessEnv, Settings};
use crate::telemetry::{Telemetry, config};

const SERVICE_NAME: &str = "otelctl-loadgen";
const HISTOGRAM_ROWS: usize = 10;
const HISTOGRAM_WIDTH: usize = 40;
/// How long past its duration an in-cluster run may take to schedule, pull and report.
const DEFAULT_JOB_SLACK: Duration = Duration::from_secs(600);

#[derive(Serialize)]
struct Report {
    target: String,
    method: String,
    /// Connections: all workers' together for an in-cluster run.
    concurrency: u32,
    rate: Option<f64>,
    summary: Summary,
    histogram: Vec<Bucket>,
    thresholds: Vec<Check>,
    trace_links: Vec<String>,
    /// Worker mode only: the statistics for the coordinator to merge.
    #[serde(skip_serializing_if = "Option::is_none")]
    worker: Option<WorkerReport>,
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

pub async fn run(settings: &Settings, printer: &Printer, args: &LoadgenArgs) -> Result<()> {
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
    if args.in_cluster {
        return in_cluster(settings, printer, args, &body).await;
    }
    // A worker sends its share of the run's totals.
    let (stop, rate) = match args.worker {
        None => (stop, args.rate),
        Some((index, of)) => (
            match stop {
                Stop::Requests(n) => Stop::Requests(workers::requests_share(n, index, of)),
                after => after,
            },
            args.rate.map(|r| workers::rate_share(r, of)),
        ),
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
        rate,
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
    let worker = args.worker.map(|(index, of)| WorkerReport {
        index,
        of,
        elapsed_s: run.elapsed.as_secs_f64(),
        stats: run.stats.to_wire(),
    });
    let report = build_report(
        args,
        &run.stats,
        run.elapsed,
        u32::from(args.concurrency),
        rate,
        worker,
    );
    finish(printer, &report)
}

/// The report of a run (or of the merged runs of the workers).
fn build_report(
    args: &LoadgenArgs,
    stats: &Stats,
    elapsed: Duration,
    concurrency: u32,
    rate: Option<f64>,
    worker: Option<WorkerReport>,
) -> Report {
    let summary = stats.summary(elapsed);
    // A worker leaves the thresholds to whoever merges its report.
    let checks = match (&args.fail_on, &worker) {
        (Some(f), None) => thresholds::check(&f.0, &summary),
        _ => Vec::new(),
    };
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
    Report {
        target: args.url.to_string(),
        method: args.method.to_string(),
        concurrency,
        rate,
        histogram: stats
            .buckets(HISTOGRAM_ROWS)
            .into_iter()
            .map(|(le_ms, count)| Bucket { le_ms, count })
            .collect(),
        summary,
        thresholds: checks,
        trace_links,
        worker,
    }
}

/// Prints the report; an error when a `--fail-on` threshold is crossed.
fn finish(printer: &Printer, report: &Report) -> Result<()> {
    printer.result(report)?;
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

/// `--in-cluster`: the load from a Job of worker pods, their reports merged into one.
async fn in_cluster(
    settings: &Settings,
    printer: &Printer,
    args: &LoadgenArgs,
    body: &[u8],
) -> Result<()> {
    if let Some(n) = args.requests
        && n < u64::from(args.workers)
    {
        bail!(UsageError(format!(
            "-n {n} is fewer requests than --workers {}: each worker needs at least one",
            args.workers
        )));
    }
    let body = match body {
        [] => None,
        bytes => Some(std::str::from_utf8(bytes).map_err(|_| {
            UsageError(
                "--in-cluster passes the body to the pods as text; this one is not UTF-8".into(),
            )
        })?),
    };
    let (_, kube) = client::from_settings(&settings.kube)
        .await
        .map_err(|e| match e {
            ClientError::Missing { .. }
            | ClientError::NoHome
            | ClientError::NoContext
            | ClientError::UnknownContext(_) => {
                anyhow!(UsageError(format!(
                    "--in-cluster needs a Kubernetes cluster: {e}"
                )))
            }
            other => anyhow!(other),
        })?;
    let image = match &args.image {
        Some(image) => image.clone(),
        None => default_image(settings).await?,
    };
    let timeout = args
        .job_timeout
        .unwrap_or(args.duration.unwrap_or_default() + args.warmup + DEFAULT_JOB_SLACK);
    let request = JobRequest {
        namespace: args
            .namespace
            .clone()
            .unwrap_or_else(|| settings.namespaces.app.clone()),
        run_id: format!("{:010x}", fastrand::u64(..1 << 40)),
        image,
        workers: args.workers,
        args: job::worker_args(args, body, args.workers),
        deadline_seconds: timeout.as_secs().max(1) as i64,
    };
    let launched = {
        let _spinner =
            printer.spinner(format!("Creating the loadgen Job in {}", request.namespace));
        in_cluster::create(&kube, &request).await?
    };
    printer.note(format!(
        "Job {}/{}: {} worker(s) of {}",
        launched.namespace, launched.name, launched.workers, request.image
    ));
    let spinner = printer.spinner(format!("Waiting for Job {}", launched.name));
    let watching = spinner.is_visible();
    let show = |p: in_cluster::Progress| {
        let line = format!(
            "workers: {} done, {} running, {} pending of {}",
            p.succeeded, p.running, p.pending, launched.workers
        );
        if watching {
            spinner.set_message(line);
        } else {
            printer.note(line);
        }
    };
    let work = async {
        let pods = in_cluster::wait(&kube, &launched, timeout, show).await?;
        in_cluster::collect(&kube, &launched.namespace, &pods).await
    };
    let outcome = tokio::select! {
        result = work => Some(result),
        () = crate::shutdown::signal() => None,
    };
    drop(spinner);
    // Interrupted, the workers must stop sending: the Job goes even with --keep-job.
    if args.keep_job && outcome.is_some() {
        printer.note(format!(
            "kept Job {}/{} (its pods' logs: kubectl -n {} logs job/{}); it expires after {}s",
            launched.namespace,
            launched.name,
            launched.namespace,
            launched.name,
            job::TTL_SECONDS
        ));
    } else if let Err(e) = in_cluster::delete(&kube, &launched).await {
        printer.note(format!(
            "warning: cannot delete Job {}/{}: {e}",
            launched.namespace, launched.name
        ));
    }
    let reports = match outcome {
        None => bail!(
            "interrupted; Job {}/{} deleted",
            launched.namespace,
            launched.name
        ),
        Some(result) => result?,
    };
    let reports: Vec<WorkerReport> = reports.into_iter().map(|(_, r)| r).collect();
    let merged = workers::merge(&reports).context("cannot merge the workers' reports")?;
    printer.note(format!(
        "merged the reports of {} workers of Job {}/{}",
        reports.len(),
        launched.namespace,
        launched.name
    ));
    let report = build_report(
        args,
        &merged.stats,
        merged.elapsed,
        u32::from(args.concurrency) * args.workers,
        args.rate,
        None,
    );
    finish(printer, &report)
}

/// The ECR repository's image, tagged with this otelctl's version (what `bootstrap` and
/// `image push` publish).
async fn default_image(settings: &Settings) -> Result<String> {
    let config = crate::aws::load(&settings.aws).await;
    let name = &settings.repository;
    let repository = ecr::describe_repository(&aws_sdk_ecr::Client::new(&config), name)
        .await
        .with_context(|| {
            format!("cannot look up ECR repository `{name}` for the worker image (or pass --image)")
        })?;
    match repository {
        Some(r) => Ok(format!("{}:{}", r.uri, env!("CARGO_PKG_VERSION"))),
        None => bail!(
            "ECR repository `{name}` does not exist: push the otelctl image \
             (`otelctl bootstrap`, or `otelctl image build` and `image push`) or pass --image"
        ),
    }
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

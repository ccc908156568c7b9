//! `otelctl demo`: the seed's whole pipeline on one machine, no cloud.
//!
//! loadgen → demo service → OTLP/gRPC → trace receiver → query API, in one process: the
//! runbook's architecture, with each hop the real code the cluster runs.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::cli::DemoArgs;
use crate::demo::{self as service, Limits, State};
use crate::loadgen::engine::{self, Plan, Stop};
use crate::loadgen::stats::Summary;
use crate::output::{Human, Printer, Render};
use crate::settings::ProcessEnv;
use crate::telemetry::{Protocol, Telemetry, config};
use crate::traces::model::hex;
use crate::traces::server::{self, Listeners};
use crate::traces::store::{Limits as StoreLimits, Store, extent};
use crate::traces::waterfall;

const LOADGEN_SERVICE: &str = "otelctl-loadgen";
const WATERFALL_WIDTH: usize = 32;

#[derive(Serialize)]
struct Report {
    service_url: String,
    trace_viewer: String,
    load: Summary,
    spans_received: u64,
    traces: usize,
    services: Vec<String>,
    slowest_trace: Option<SlowestTrace>,
}

#[derive(Serialize)]
struct SlowestTrace {
    trace_id: String,
    duration_ms: f64,
    url: String,
    spans: Vec<WaterfallRow>,
}

#[derive(Serialize)]
struct WaterfallRow {
    name: String,
    service: String,
    duration_ms: f64,
    error: bool,
    #[serde(skip)]
    bar: String,
}

impl Render for Report {
    fn render(&self, out: &mut Human) {
        let l = &self.load;
        out.ok(format!(
            "pipeline ran: {LOADGEN_SERVICE} → {} → OTLP/gRPC → otelctl traces",
            self.service_url
        ));
        out.pairs(&[
            (
                "Requests",
                &format!(
                    "{} in {:.1} s ({:.1}/s), p50 {:.1} ms, p99 {:.1} ms, {:.1}% errors",
                    l.requests,
                    l.duration_s,
                    l.rps,
                    l.latency_ms.p50,
                    l.latency_ms.p99,
                    l.error_rate * 100.0
                ),
            ),
            (
                "Received",
                &format!(
                    "{} spans in {} traces from {}",
                    self.spans_received,
                    self.traces,
                    self.services.join(", ")
                ),
            ),
            ("Trace viewer", &self.trace_viewer),
        ]);
        if let Some(t) = &self.slowest_trace {
            out.line(format!(
                "\nSlowest trace {} ({:.1} ms):",
                t.trace_id, t.duration_ms
            ));
            let width = t
                .spans
                .iter()
                .map(|r| r.name.chars().count())
                .max()
                .unwrap_or(0);
            for r in &t.spans {
                let line = format!(
                    "  {:width$}  {:16}  {}  {:>8.2} ms",
                    r.name, r.service, r.bar, r.duration_ms
                );
                if r.error {
                    out.fail(line)
                } else {
                    out.line(line)
                }
            }
            out.line(format!("\nOpen it: {}", t.url));
        }
    }
}

pub async fn run(printer: &Printer, args: &DemoArgs) -> Result<()> {
    // The receiver first, so nothing the service sends is lost.
    let listeners =
        Listeners::bind_preferring(args.receiver.grpc, args.receiver.http, args.receiver.ui)
            .await
            .context("cannot start the trace receiver")?;
    let receiver = listeners.addresses()?;
    let store = Arc::new(RwLock::new(Store::new(StoreLimits::default())));
    server::spawn(listeners, store.clone());

    // The service and the load generator, as two services of one pipeline.
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    let endpoint = format!("http://{}", receiver.grpc);
    let overrides = config::Overrides {
        endpoint: Some(&endpoint),
        default_service_name: super::serve::DEFAULT_SERVICE_NAME,
        host_name: Some(&host),
    };
    let mut service_config = config::resolve(&ProcessEnv, &overrides)?;
    service_config.protocol = Protocol::Grpc;
    service_config.batch.scheduled_delay = service_config
        .batch
        .scheduled_delay
        .min(Duration::from_millis(500));
    let mut loadgen_config = service_config.clone();
    loadgen_config.service_name = LOADGEN_SERVICE.into();
    let service_telemetry = Telemetry::start(service_config)?;
    let loadgen_telemetry = Telemetry::start(loadgen_config)?;

    let listener = server::bind_or_any(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    let service_addr = listener.local_addr()?;
    let state = Arc::new(State::new(
        service_telemetry.config.service_name.clone(),
        service_telemetry.sdk_tracer("otelctl-serve"),
        service_telemetry.stats.clone(),
        Limits::default(),
    ));
    let (stop_service, stopped) = tokio::sync::oneshot::channel::<()>();
    let plan = service::Shutdown {
        drain_delay: Duration::ZERO,
        grace: Duration::from_secs(5),
    };
    let service_task = tokio::spawn(service::serve(listener, state, plan, async {
        let _ = stopped.await;
    }));

    let base = format!("http://{service_addr}");
    let ui = format!("http://{}", receiver.ui);
    printer.note(format!(
        "demo: service {base}, trace viewer {ui}/; sending traffic for {:.0} s (Ctrl-C stops early)",
        args.duration.as_secs_f64()
    ));
    let targets = [
        "/api/hello",
        "/api/work?depth=3&delay_ms=2",
        "/api/hello",
        "/",
        "/api/work?depth=4&delay_ms=5&fail_rate=0.25",
    ]
    .iter()
    .map(|path| format!("{base}{path}").parse())
    .collect::<Result<Vec<_>, _>>()
    .context("building the demo's request targets")?;
    let load_plan = Plan {
        targets,
        method: http::Method::GET,
        headers: Vec::new(),
        body: bytes::Bytes::new(),
        warmup: Duration::ZERO,
        http2: false,
        insecure: false,
        concurrency: usize::from(args.concurrency),
        rate: Some(args.rate),
        stop: Stop::After(args.duration),
        timeout: Duration::from_secs(10),
        sample_rate: 1.0,
    };
    let spinner = printer.spinner("Sending traffic through the pipeline");
    let tracer = Arc::new(loadgen_telemetry.tracer(LOADGEN_SERVICE));
    let load = engine::run(&load_plan, Some(tracer), crate::shutdown::signal())
        .await
        .context("cannot set up the load generator's HTTP client")?;
    drop(spinner);
    loadgen_telemetry.flush().await;
    service_telemetry.flush().await;

    let report = report(&store, load.stats.summary(load.elapsed), &base, &ui);
    printer.result(&report)?;

    if args.keep_running {
        printer.note(format!("still running: open {ui}/ (Ctrl-C stops)"));
        crate::shutdown::signal().await;
    }
    let _ = stop_service.send(());
    let _ = service_task.await;
    service_telemetry.shutdown(Duration::from_secs(5)).await;
    loadgen_telemetry.shutdown(Duration::from_secs(5)).await;
    Ok(())
}

fn report(store: &RwLock<Store>, load: Summary, service_url: &str, ui: &str) -> Report {
    let store = match store.read() {
        Ok(store) => store,
        Err(poisoned) => poisoned.into_inner(),
    };
    let stats = store.stats();
    let slowest_trace = store.slowest().map(|spans| {
        let (start, end) = extent(&spans);
        let id = hex(&spans[0].trace_id);
        SlowestTrace {
            url: format!("{ui}/#/trace/{id}"),
            trace_id: id,
            duration_ms: (end - start) as f64 / 1e6,
            spans: waterfall::rows(&spans, WATERFALL_WIDTH)
                .into_iter()
                .map(|r| WaterfallRow {
                    name: r.label,
                    service: r.service,
                    duration_ms: r.duration_ms,
                    error: r.error,
                    bar: r.bar,
                })
                .collect(),
        }
    });
    Report {
        service_url: service_url.to_owned(),
        trace_viewer: format!("{ui}/"),
        load,
        spans_received: stats.spans_received,
        traces: stats.traces,
        services: store.services(),
        slowest_trace,
    }
}

//! The load engine: workers sending requests, each with a fresh W3C trace, until a count or
//! a deadline is reached.
//!
//! With a rate, every worker sends on a fixed schedule and latency is measured from the
//! intended send time, so a stalled server shows up as latency instead of as fewer
//! requests (coordinated omission). Each request's trace id is kept beside its latency,
//! so the slowest and the failed requests can be looked up in the trace backend.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{Request, Uri, header};
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use opentelemetry::trace::{Span, SpanKind, Status, TraceContextExt, Tracer};
use opentelemetry::{Context, KeyValue};

use super::stats::{ErrorKind, Outcome, Stats};

/// When a run ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stop {
    After(Duration),
}

/// What to send, how hard, and for how long.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Requests go to these in turn.
    pub targets: Vec<Uri>,
    pub concurrency: usize,
    /// Total requests per second; `None` sends as fast as responses come back.
    pub rate: Option<f64>,
    pub stop: Stop,
    pub timeout: Duration,
    /// Fraction of requests whose traceparent says "sampled".
    pub sample_rate: f64,
}

/// The result of a run.
pub struct Run {
    pub stats: Stats,
    pub elapsed: Duration,
}

type HttpClient = Client<HttpConnector, Empty<Bytes>>;

/// Runs the plan until it is done or `cancel` resolves. `tracer` adds a client span per
/// request, whose context is what the traceparent carries.
pub async fn run(
    plan: &Plan,
    tracer: Option<Arc<opentelemetry::global::BoxedTracer>>,
    cancel: impl Future<Output = ()>,
) -> Run {
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    let client: HttpClient = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(plan.concurrency)
        .build(connector);
    let issued = Arc::new(AtomicU64::new(0));
    let stopped = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let deadline = match plan.stop {
        Stop::After(d) => Some(started + d),
    };
    let workers: Vec<_> = (0..plan.concurrency.max(1))
        .map(|w| {
            let worker = Worker {
                id: w,
                plan: plan.clone(),
                client: client.clone(),
                tracer: tracer.clone(),
                issued: issued.clone(),
                stopped: stopped.clone(),
                started,
                deadline,
            };
            tokio::spawn(worker.run())
        })
        .collect();
    let all = futures_join_all(workers);
    tokio::pin!(all);
    tokio::pin!(cancel);
    let results = tokio::select! {
        results = &mut all => results,
        () = &mut cancel => {
            stopped.store(true, Ordering::Release);
            all.await
        }
    };
    let mut stats = Stats::default();
    for worker_stats in results {
        stats.merge(worker_stats);
    }
    Run {
        stats,
        elapsed: started.elapsed(),
    }
}

async fn futures_join_all(handles: Vec<tokio::task::JoinHandle<Stats>>) -> Vec<Stats> {
    let mut out = Vec::with_capacity(handles.len());
    for h in handles {
        if let Ok(stats) = h.await {
            out.push(stats);
        }
    }
    out
}

struct Worker {
    id: usize,
    plan: Plan,
    client: HttpClient,
    tracer: Option<Arc<opentelemetry::global::BoxedTracer>>,
    issued: Arc<AtomicU64>,
    stopped: Arc<AtomicBool>,
    started: Instant,
    deadline: Option<Instant>,
}

impl Worker {
    async fn run(self) -> Stats {
        let mut stats = Stats::default();
        // With a rate, this worker's share is evenly spaced, offset from the others.
        let interval = self
            .plan
            .rate
            .map(|r| Duration::from_secs_f64(self.plan.concurrency.max(1) as f64 / r.max(1e-9)));
        let offset = interval.map_or(Duration::ZERO, |i| {
            i.mul_f64(self.id as f64 / self.plan.concurrency.max(1) as f64)
        });
        let mut k: u32 = 0;
        loop {
            if self.stopped.load(Ordering::Acquire) {
                break;
            }
            let intended = match interval {
                Some(i) => self.started + offset + i * k,
                None => Instant::now(),
            };
            if self.deadline.is_some_and(|d| intended >= d) {
                break;
            }
            let n = self.issued.fetch_add(1, Ordering::AcqRel);
            if interval.is_some() {
                tokio::time::sleep_until(intended.into()).await;
            }
            let target = &self.plan.targets[n as usize % self.plan.targets.len()];
            stats.record(self.send(target, intended).await);
            k += 1;
        }
        stats
    }

    async fn send(&self, target: &Uri, intended: Instant) -> Outcome {
        let sampled = self.plan.sample_rate >= 1.0 || fastrand::f64() < self.plan.sample_rate;
        let (cx, traceparent, trace_id) = match &self.tracer {
            Some(tracer) => {
                let span = tracer
                    .span_builder(format!("GET {}", target.path()))
                    .with_kind(SpanKind::Client)
                    .with_attributes([
                        KeyValue::new("http.request.method", "GET"),
                        KeyValue::new("url.full", target.to_string()),
                        KeyValue::new(
                            "server.address",
                            target.host().unwrap_or_default().to_owned(),
                        ),
                    ])
                    .start(tracer.as_ref());
                let sc = span.span_context().clone();
                let header = format!(
                    "00-{}-{}-{:02x}",
                    sc.trace_id(),
                    sc.span_id(),
                    sc.trace_flags().to_u8()
                );
                (
                    Some(Context::current_with_span(span)),
                    header,
                    sc.trace_id().to_string(),
                )
            }
            None => {
                let trace_id = format!("{:032x}", fastrand::u128(1..));
                let header = format!(
                    "00-{trace_id}-{:016x}-{}",
                    fastrand::u64(1..),
                    if sampled { "01" } else { "00" }
                );
                (None, header, trace_id)
            }
        };
        let request = Request::get(target.clone())
            .header("traceparent", traceparent)
            .header(
                header::USER_AGENT,
                concat!("otelctl-loadgen/", env!("CARGO_PKG_VERSION")),
            )
            .body(Empty::new());
        let result = match request {
            Err(_) => Err(ErrorKind::Other),
            Ok(request) => {
                match tokio::time::timeout(self.plan.timeout, self.exchange(request)).await {
                    Err(_) => Err(ErrorKind::Timeout),
                    Ok(result) => result,
                }
            }
        };
        if let Some(cx) = cx {
            let span = cx.span();
            match &result {
                Ok((status, _)) => {
                    span.set_attribute(KeyValue::new(
                        "http.response.status_code",
                        i64::from(*status),
                    ));
                    if *status >= 400 {
                        span.set_status(Status::error(format!("HTTP {status}")));
                    }
                }
                Err(kind) => {
                    span.set_attribute(KeyValue::new(
                        "error.type",
                        format!("{kind:?}").to_lowercase(),
                    ));
                    span.set_status(Status::error(format!("{kind:?}")));
                }
            }
            span.end();
        }
        Outcome {
            latency: intended.elapsed(),
            result,
            trace_id,
        }
    }

    async fn exchange(&self, request: Request<Empty<Bytes>>) -> Result<(u16, u64), ErrorKind> {
        let response = self.client.request(request).await.map_err(|e| {
            if e.is_connect() {
                ErrorKind::Connect
            } else {
                ErrorKind::Other
            }
        })?;
        let status = response.status().as_u16();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|_| ErrorKind::Other)?;
        Ok((status, body.to_bytes().len() as u64))
    }
}

//! The load engine: workers sending requests, each with a fresh W3C trace, until a count or
//! a deadline is reached.
//!
//! With a rate, every worker sends on a fixed schedule and latency is measured from the
//! intended send time, so a stalled server shows up as latency instead of as fewer
//! requests (coordinated omission); the time from actual send to response is kept beside it
//! as service time. Each request's trace id is kept with its latency, so the slowest and
//! the failed requests can be looked up in the trace backend.

use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{HeaderName, HeaderValue, Method, Uri};
use opentelemetry::KeyValue;
use opentelemetry::trace::{Span, SpanKind, Status, TraceContextExt, Tracer};

use super::stats::{ErrorKind, Outcome, Stats};
use super::transport::{Shared, Transport};
use crate::telemetry::traceparent;

/// When a run ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stop {
    /// After exactly this many requests (warmup excluded).
    Requests(u64),
    After(Duration),
}

/// What to send, how hard, and for how long.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Requests go to these in turn.
    pub targets: Vec<Uri>,
    pub method: Method,
    pub headers: Vec<(HeaderName, HeaderValue)>,
    pub body: Bytes,
    pub concurrency: usize,
    /// Total requests per second; `None` sends as fast as responses come back.
    pub rate: Option<f64>,
    pub stop: Stop,
    pub timeout: Duration,
    /// Fraction of requests whose traceparent says "sampled".
    pub sample_rate: f64,
    /// Requests sent during this first stretch are not counted.
    pub warmup: Duration,
    /// HTTP/2: with prior knowledge (h2c) for `http://`, by ALPN for `https://`.
    pub http2: bool,
    /// Accept any TLS certificate.
    pub insecure: bool,
}

/// The result of a run.
pub struct Run {
    pub stats: Stats,
    /// Time measured (warmup excluded).
    pub elapsed: Duration,
}

/// How many statistics shards the workers share.
const STATS_SHARDS: usize = 8;

/// Why a run could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot set up TLS: {0}")]
    Tls(#[from] rustls::Error),
    #[error("cannot start a load thread: {0}")]
    Thread(#[from] std::io::Error),
}

/// A run in progress: its workers' statistics can be read while they work.
pub struct Running {
    workers: Vec<Arc<Mutex<Stats>>>,
    /// One per load thread, resolved when all its workers are done.
    handles: Vec<tokio::sync::oneshot::Receiver<()>>,
    stopped: Arc<AtomicBool>,
    measuring_since: Instant,
}

/// How many load threads a run uses: one per core, as wrk's `-t` would be set, and no
/// more than there are connections.
fn load_threads(concurrency: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.min(concurrency).max(1)
}

/// Starts the workers, spread over one single-threaded runtime per core: a worker's
/// connection then never moves between threads, and no two threads contend for one I/O
/// driver or timer wheel. `tracer` adds a client span per request, whose context is what
/// the traceparent carries.
pub fn start(
    plan: &Plan,
    tracer: Option<Arc<opentelemetry::global::BoxedTracer>>,
) -> Result<Running, StartError> {
    let plan = Arc::new(plan.clone());
    let issued = Arc::new(AtomicU64::new(0));
    let stopped = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let measuring_since = started + plan.warmup;
    let deadline = match plan.stop {
        Stop::After(d) => Some(measuring_since + d),
        Stop::Requests(_) => None,
    };
    let concurrency = plan.concurrency.max(1);
    // Workers share a few statistics shards: one pair of HDR histograms per worker would
    // take hundreds of MiB at a thousand connections.
    let workers: Vec<Arc<Mutex<Stats>>> = (0..concurrency.min(STATS_SHARDS))
        .map(|_| Arc::default())
        .collect();
    let threads = load_threads(concurrency);
    let mut groups: Vec<Vec<Worker>> = (0..threads).map(|_| Vec::new()).collect();
    let shared = (0..threads)
        .map(|_| Shared::new(&plan))
        .collect::<Result<Vec<_>, _>>()?;
    for id in 0..concurrency {
        let stats = &workers[id % workers.len()];
        groups[id % threads].push(Worker {
            id,
            transport: shared[id % threads].transport(&plan),
            plan: plan.clone(),
            tracer: tracer.clone(),
            issued: issued.clone(),
            stopped: stopped.clone(),
            stats: stats.clone(),
            started,
            measuring_since,
            deadline,
        });
    }
    let handles = match groups.into_iter().map(spawn_thread).collect() {
        Ok(handles) => handles,
        Err(e) => {
            // The threads that did start stop after their current request.
            stopped.store(true, Ordering::Release);
            return Err(StartError::Thread(e));
        }
    };
    Ok(Running {
        workers,
        handles,
        stopped,
        measuring_since,
    })
}

/// Runs `workers` to the end on a thread of their own, with a runtime built there (a
/// runtime must not be dropped inside another one, which a failed spawn would do).
fn spawn_thread(workers: Vec<Worker>) -> std::io::Result<tokio::sync::oneshot::Receiver<()>> {
    let (done, finished) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("loadgen".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                // Before sleeping in epoll, give the core away once: when the target
                // shares the machine it is usually what this thread waits for, and
                // letting it run first often means the wait finds the responses ready,
                // saving a sleep and a wake. Measured with scripts/bench-loadgen.sh:
                // about 5% more requests/s on loopback.
                .on_thread_park(std::thread::yield_now)
                .build();
            match runtime {
                Ok(runtime) => runtime.block_on(async {
                    let mut set = tokio::task::JoinSet::new();
                    for worker in workers {
                        set.spawn(worker.run());
                    }
                    while set.join_next().await.is_some() {}
                }),
                Err(e) => tracing::error!(error = %e, "a load thread could not start its runtime"),
            }
            let _ = done.send(());
        })?;
    Ok(finished)
}

/// A read-only view of a run in progress, for progress displays.
#[derive(Clone)]
pub struct Progress {
    workers: Vec<Arc<Mutex<Stats>>>,
    measuring_since: Instant,
}

impl Progress {
    /// The statistics so far, merged.
    pub fn snapshot(&self) -> Stats {
        let mut merged = Stats::default();
        for w in &self.workers {
            if let Ok(stats) = w.lock() {
                merged.merge_from(&stats);
            }
        }
        merged
    }

    /// Time measured so far (zero during the warmup).
    pub fn elapsed(&self) -> Duration {
        Instant::now().saturating_duration_since(self.measuring_since)
    }
}

impl Running {
    pub fn progress(&self) -> Progress {
        Progress {
            workers: self.workers.clone(),
            measuring_since: self.measuring_since,
        }
    }

    /// Waits until the plan is done or `cancel` resolves (then stops the workers after
    /// their current request), and returns everything measured.
    pub async fn finish(self, cancel: impl Future<Output = ()>) -> Run {
        let stopped = self.stopped.clone();
        let all = async {
            for h in self.handles {
                let _ = h.await;
            }
        };
        tokio::pin!(all);
        tokio::pin!(cancel);
        tokio::select! {
            () = &mut all => {}
            () = &mut cancel => {
                stopped.store(true, Ordering::Release);
                all.await;
            }
        }
        let mut stats = Stats::default();
        for w in &self.workers {
            if let Ok(s) = w.lock() {
                stats.merge_from(&s);
            }
        }
        Run {
            stats,
            elapsed: self.measuring_since.elapsed(),
        }
    }
}

/// Runs the plan to completion (or until `cancel`).
pub async fn run(
    plan: &Plan,
    tracer: Option<Arc<opentelemetry::global::BoxedTracer>>,
    cancel: impl Future<Output = ()>,
) -> Result<Run, StartError> {
    Ok(start(plan, tracer)?.finish(cancel).await)
}

struct Worker {
    id: usize,
    plan: Arc<Plan>,
    transport: Transport,
    tracer: Option<Arc<opentelemetry::global::BoxedTracer>>,
    issued: Arc<AtomicU64>,
    stopped: Arc<AtomicBool>,
    stats: Arc<Mutex<Stats>>,
    started: Instant,
    measuring_since: Instant,
    deadline: Option<Instant>,
}

impl Worker {
    async fn run(mut self) {
        let concurrency = self.plan.concurrency.max(1) as f64;
        // With a rate, this worker's share is evenly spaced, offset from the others.
        let interval = self
            .plan
            .rate
            .map(|r| Duration::from_secs_f64(concurrency / r.max(1e-9)));
        let offset = interval.map_or(Duration::ZERO, |i| i.mul_f64(self.id as f64 / concurrency));
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
            let counted = intended >= self.measuring_since;
            if counted
                && let Stop::Requests(total) = self.plan.stop
                && self.issued.fetch_add(1, Ordering::AcqRel) >= total
            {
                break;
            }
            if interval.is_some() {
                tokio::time::sleep_until(intended.into()).await;
            }
            let index = (k as usize + self.id) % self.plan.targets.len();
            let outcome = self.send(index, intended).await;
            if counted && let Ok(mut stats) = self.stats.lock() {
                stats.record(outcome);
            }
            k += 1;
        }
    }

    async fn send(&mut self, index: usize, intended: Instant) -> Outcome {
        let plan = &self.plan;
        let target = &plan.targets[index];
        let sampled = plan.sample_rate >= 1.0 || fastrand::f64() < plan.sample_rate;
        let (span, traceparent, trace_id) = match &self.tracer {
            Some(tracer) => {
                let span = tracer
                    .span_builder(format!("{} {}", plan.method, target.path()))
                    .with_kind(SpanKind::Client)
                    .with_attributes([
                        KeyValue::new("http.request.method", plan.method.to_string()),
                        KeyValue::new("url.full", target.to_string()),
                        KeyValue::new(
                            "server.address",
                            target.host().unwrap_or_default().to_owned(),
                        ),
                    ])
                    .start(tracer.as_ref());
                let sc = span.span_context();
                let trace_id = u128::from_be_bytes(sc.trace_id().to_bytes());
                let header = traceparent(
                    trace_id,
                    u64::from_be_bytes(sc.span_id().to_bytes()),
                    sc.is_sampled(),
                );
                (Some(span), header, trace_id)
            }
            None => {
                let trace_id = fastrand::u128(1..);
                (
                    None,
                    traceparent(trace_id, fastrand::u64(1..), sampled),
                    trace_id,
                )
            }
        };
        // Without a rate the request is sent when it is due: one clock read serves both.
        let sent = if plan.rate.is_some() {
            Instant::now()
        } else {
            intended
        };
        let exchange = self.transport.exchange(plan, index, &traceparent);
        let result = match tokio::time::timeout_at((sent + plan.timeout).into(), exchange).await {
            Err(_) => Err(ErrorKind::Timeout),
            Ok(result) => result,
        };
        let done = Instant::now();
        if let Some(span) = span {
            let cx = opentelemetry::Context::current_with_span(span);
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
                    span.set_attribute(KeyValue::new("error.type", kind.as_str()));
                    span.set_status(Status::error(kind.as_str()));
                }
            }
            span.end();
        }
        Outcome {
            latency: done.saturating_duration_since(intended),
            service_time: done.saturating_duration_since(sent),
            result,
            trace_id,
        }
    }
}

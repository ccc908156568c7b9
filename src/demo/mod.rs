//! The demo service behind `otelctl serve`: the seed's Flask workload, in the binary.
//!
//! A hyper 1 server whose requests are traced end to end. It stays well-behaved under the
//! conditions a cluster produces: a dead collector never slows a request (the span queue is
//! bounded), SIGTERM drains in-flight requests and flushes spans, and oversized or slow
//! clients get a 4xx instead of a stuck connection.

mod metrics;
pub mod peer;
pub mod routes;
pub mod work;

use std::future::Future;
use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;

use crate::telemetry::export::ExportStats;
pub use metrics::Metrics;

/// Request limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Longest time a client may take to send its request head.
    pub header_timeout: Duration,
    /// Largest request head, in bytes (hyper's minimum is 8 KiB).
    pub max_header_bytes: usize,
    /// Largest request body, by Content-Length.
    pub max_body_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_timeout: Duration::from_secs(10),
            max_header_bytes: 16 * 1024,
            max_body_bytes: 1024 * 1024,
        }
    }
}

/// What every request handler shares.
pub struct State {
    pub service_name: String,
    /// `None` when the SDK is disabled: requests then make no spans at all.
    pub tracer: Option<opentelemetry_sdk::trace::SdkTracer>,
    pub export: Arc<ExportStats>,
    pub metrics: Metrics,
    pub limits: Limits,
    ready: AtomicBool,
}

impl State {
    pub fn new(
        service_name: String,
        tracer: Option<opentelemetry_sdk::trace::SdkTracer>,
        export: Arc<ExportStats>,
        limits: Limits,
    ) -> Self {
        Self {
            service_name,
            tracer,
            export,
            metrics: Metrics::default(),
            limits,
            ready: AtomicBool::new(true),
        }
    }

    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Acquire)
    }

    /// The index page for a request in trace `trace_id`.
    fn page(&self, trace_id: &str) -> String {
        include_str!("../../assets/demo/index.html")
            .replace("{{service}}", &escape(&self.service_name))
            .replace("{{version}}", env!("CARGO_PKG_VERSION"))
            .replace("{{trace_id}}", &escape(trace_id))
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// How a serve run ended.
#[derive(Debug, Clone, Copy)]
pub struct Drained {
    pub connections_served: u64,
    /// Connections still open when the grace period ran out.
    pub cut_off: bool,
}

/// How shutdown proceeds once it is asked for.
#[derive(Debug, Clone, Copy)]
pub struct Shutdown {
    /// Keep serving, unready, this long, so load balancers stop sending new requests (an
    /// ALB deregisters a target only after it fails readiness).
    pub drain_delay: Duration,
    /// Then give in-flight requests this long to finish.
    pub grace: Duration,
}

/// Serves until `signal` resolves; then turns unready, keeps accepting for the drain
/// delay, stops accepting, and gives in-flight requests the grace period to finish.
pub async fn serve(
    listener: TcpListener,
    state: Arc<State>,
    plan: Shutdown,
    signal: impl Future<Output = ()>,
) -> Drained {
    let graceful = GracefulShutdown::new();
    let connections = AtomicU64::new(0);
    tokio::pin!(signal);
    let drain = tokio::time::sleep(Duration::MAX / 4);
    tokio::pin!(drain);
    let mut draining = false;
    loop {
        tokio::select! {
            () = &mut signal, if !draining => {
                draining = true;
                state.ready.store(false, Ordering::Release);
                tracing::info!(drain_delay_s = plan.drain_delay.as_secs_f64(), "shutdown requested: readiness is now false");
                drain.as_mut().reset(tokio::time::Instant::now() + plan.drain_delay);
            }
            () = &mut drain, if draining => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    connections.fetch_add(1, Ordering::Relaxed);
                    spawn_connection(stream, peer, state.clone(), &graceful);
                }
                // Out of file descriptors and the like: back off rather than spin.
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }
    }
    drop(listener);
    let cut_off = tokio::time::timeout(plan.grace, graceful.shutdown())
        .await
        .is_err();
    if cut_off {
        tracing::warn!(
            grace_s = plan.grace.as_secs_f64(),
            "grace period over; closing open connections"
        );
    }
    Drained {
        connections_served: connections.load(Ordering::Relaxed),
        cut_off,
    }
}

fn spawn_connection(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    state: Arc<State>,
    graceful: &GracefulShutdown,
) {
    // A second handle on the socket, to answer 408 when hyper gives up on a slow head.
    let spare = stream
        .into_std()
        .and_then(|s| Ok((s.try_clone()?, s)))
        .and_then(|(spare, s)| Ok((spare, tokio::net::TcpStream::from_std(s)?)));
    let (spare, stream) = match spare {
        Ok(pair) => pair,
        Err(e) => {
            tracing::warn!(error = %e, "cannot set up connection");
            return;
        }
    };
    let limits = state.limits;
    let attributes = Arc::new(peer::Peer::new(peer));
    let service = service_fn(move |req| routes::handle(req, state.clone(), attributes.clone()));
    let conn = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(limits.max_header_bytes.max(8192))
        .serve_connection(TokioIo::new(stream), service);
    let conn = graceful.watch(conn);
    tokio::spawn(async move {
        if let Err(e) = conn.await {
            if e.is_timeout() {
                let mut spare = spare;
                let _ = spare.write_all(
                    b"HTTP/1.1 408 Request Timeout\r\nconnection: close\r\ncontent-length: 0\r\n\r\n",
                );
            }
            tracing::debug!(%peer, error = %e, "connection ended with an error");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_escapes_the_service_name() {
        let s = State::new("<script>".into(), None, Arc::default(), Limits::default());
        let page = s.page("abc123");
        assert!(page.contains("&lt;script&gt;"));
        assert!(!page.contains("<script>"));
        assert!(page.contains("abc123"));
    }
}

//! Counting what happens to spans: exported, failed, dropped.
//!
//! A collector that is down or slow must never block a request, so the queue is bounded;
//! and a dropped span must be visible in `/metrics`, not just in a log line at shutdown.
//! The SDK's batch processor keeps its drop count private, so [`BoundedProcessor`] keeps
//! the bound itself (it never lets more spans be pending than the batch queue holds) and
//! [`CountingExporter`] sees every batch leave.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use opentelemetry::Context;
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::error::{OTelSdkError, OTelSdkResult};
use opentelemetry_sdk::trace::{Span, SpanData, SpanExporter, SpanProcessor};

/// Span counters, shared with whoever reports them.
#[derive(Debug, Default)]
pub struct ExportStats {
    /// Written by every request: kept on a cache line of their own, away from the
    /// counters the export thread writes.
    hot: Hot,
    exported: AtomicU64,
    failed: AtomicU64,
    dropped: AtomicU64,
}

#[derive(Debug, Default)]
#[repr(align(64))]
struct Hot {
    ended: AtomicU64,
    /// Spans handed to the batch processor and not yet through an export.
    pending: AtomicU64,
}

/// A snapshot of [`ExportStats`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ExportCounts {
    pub ended: u64,
    pub exported: u64,
    pub failed: u64,
    pub dropped: u64,
}

impl ExportStats {
    pub fn snapshot(&self) -> ExportCounts {
        ExportCounts {
            ended: self.hot.ended.load(Ordering::Relaxed),
            exported: self.exported.load(Ordering::Relaxed),
            failed: self.failed.load(Ordering::Relaxed),
            dropped: self.dropped.load(Ordering::Relaxed),
        }
    }

    /// Reserves a queue slot; false (and one more drop) when the queue is full.
    fn admit(&self, capacity: u64) -> bool {
        self.hot.ended.fetch_add(1, Ordering::Relaxed);
        // One add, not a compare-and-swap loop: requests on every worker get here. A
        // span that finds the queue full takes its slot back.
        let admitted = self.hot.pending.fetch_add(1, Ordering::AcqRel) < capacity;
        if !admitted {
            self.hot.pending.fetch_sub(1, Ordering::AcqRel);
            self.dropped.fetch_add(1, Ordering::Relaxed);
        }
        admitted
    }

    fn settle(&self, spans: u64, ok: bool) {
        let counter = if ok { &self.exported } else { &self.failed };
        counter.fetch_add(spans, Ordering::Relaxed);
        let _ = self
            .hot
            .pending
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |p| {
                Some(p.saturating_sub(spans))
            });
    }
}

/// A span processor that drops (and counts) spans instead of queueing past `capacity`.
#[derive(Debug)]
pub struct BoundedProcessor<P> {
    inner: P,
    stats: Arc<ExportStats>,
    capacity: u64,
}

impl<P> BoundedProcessor<P> {
    pub fn new(inner: P, stats: Arc<ExportStats>, capacity: usize) -> Self {
        Self {
            inner,
            stats,
            capacity: capacity as u64,
        }
    }
}

impl<P: SpanProcessor> SpanProcessor for BoundedProcessor<P> {
    fn on_start(&self, span: &mut Span, cx: &Context) {
        self.inner.on_start(span, cx);
    }

    fn on_end(&self, span: SpanData) {
        if self.stats.admit(self.capacity) {
            self.inner.on_end(span);
        }
    }

    fn force_flush(&self) -> OTelSdkResult {
        self.inner.force_flush()
    }

    fn shutdown_with_timeout(&self, timeout: Duration) -> OTelSdkResult {
        self.inner.shutdown_with_timeout(timeout)
    }

    fn set_resource(&mut self, resource: &Resource) {
        self.inner.set_resource(resource);
    }
}

/// An exporter that counts each batch as exported or failed, gives each export at most
/// `OTEL_BSP_EXPORT_TIMEOUT`, and runs it on a single-threaded tokio runtime of its own.
///
/// The SDK's batch processor calls `export` from its own thread (and leaves the timeout
/// to us). Driving the export there, on that thread's runtime, keeps every step of it
/// (encoding, the HTTP or gRPC connection, the kernel's work of sending ~200 KB per batch)
/// off the service's request workers: done on them it stalled requests for the length of
/// each send (`scripts/bench-serve.sh`).
#[derive(Debug)]
pub struct CountingExporter<E> {
    inner: E,
    stats: Arc<ExportStats>,
    runtime: ExportRuntime,
    timeout: Duration,
}

/// The exporter's runtime. Shut down without waiting when dropped: the exporter may be
/// dropped inside the service's runtime (a failed start), where blocking is not allowed.
#[derive(Debug)]
pub struct ExportRuntime(Option<tokio::runtime::Runtime>);

impl ExportRuntime {
    pub fn new() -> std::io::Result<Self> {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map(|rt| Self(Some(rt)))
    }

    /// Enters the runtime, so clients built now (tonic's lazy channel) live on it.
    pub fn enter(&self) -> Option<tokio::runtime::EnterGuard<'_>> {
        self.0.as_ref().map(tokio::runtime::Runtime::enter)
    }
}

impl Drop for ExportRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

impl<E> CountingExporter<E> {
    pub fn new(
        inner: E,
        stats: Arc<ExportStats>,
        runtime: ExportRuntime,
        timeout: Duration,
    ) -> Self {
        Self {
            inner,
            stats,
            runtime,
            timeout,
        }
    }
}

impl<E: SpanExporter> SpanExporter for CountingExporter<E> {
    async fn export(&self, batch: Vec<SpanData>) -> OTelSdkResult {
        let spans = batch.len() as u64;
        let (inner, timeout) = (&self.inner, self.timeout);
        let bounded = async move { tokio::time::timeout(timeout, inner.export(batch)).await };
        // The batch processor's thread is no runtime's, so blocking on ours is allowed.
        // Were this ever called from inside a runtime, block_on would panic: answer with
        // an error instead.
        let result = match (&self.runtime.0, tokio::runtime::Handle::try_current()) {
            (Some(runtime), Err(_)) => runtime
                .block_on(bounded)
                .unwrap_or(Err(OTelSdkError::Timeout(self.timeout))),
            _ => Err(OTelSdkError::InternalFailure(
                "export called from inside an async runtime".into(),
            )),
        };
        if let Err(e) = &result {
            tracing::warn!(spans, error = %e, "span export failed");
        }
        self.stats.settle(spans, result.is_ok());
        result
    }

    fn shutdown_with_timeout(&self, timeout: Duration) -> OTelSdkResult {
        self.inner.shutdown_with_timeout(timeout)
    }

    fn force_flush(&self) -> OTelSdkResult {
        self.inner.force_flush()
    }

    fn set_resource(&mut self, resource: &Resource) {
        self.inner.set_resource(resource);
    }
}

#[cfg(test)]
mod tests {
    use std::future::Future as _;
    use std::task::Poll;

    use super::*;

    /// An exporter whose collector never answers.
    #[derive(Debug)]
    struct Silent;

    impl SpanExporter for Silent {
        async fn export(&self, _batch: Vec<SpanData>) -> OTelSdkResult {
            std::future::pending().await
        }
    }

    #[test]
    fn an_export_that_never_ends_times_out_and_counts_as_failed() {
        let stats = Arc::new(ExportStats::default());
        let exporter = CountingExporter::new(
            Silent,
            stats.clone(),
            ExportRuntime::new().unwrap(),
            Duration::from_millis(50),
        );
        // Polled from a thread outside the runtime, as the SDK's batch thread does.
        let result = std::thread::spawn(move || {
            let waker = std::task::Waker::noop();
            let mut cx = std::task::Context::from_waker(waker);
            let mut export = Box::pin(exporter.export(Vec::new()));
            let started = std::time::Instant::now();
            loop {
                if let Poll::Ready(result) = export.as_mut().poll(&mut cx) {
                    return result;
                }
                assert!(started.elapsed() < Duration::from_secs(5), "no timeout");
                std::thread::sleep(Duration::from_millis(5));
            }
        })
        .join()
        .unwrap();
        assert!(
            matches!(result, Err(OTelSdkError::Timeout(_))),
            "{result:?}"
        );
        assert_eq!(stats.snapshot().failed, 0, "an empty batch counts no spans");
    }

    #[tokio::test]
    async fn an_export_from_inside_a_runtime_is_an_error_not_a_panic() {
        let exporter = CountingExporter::new(
            Silent,
            Arc::default(),
            ExportRuntime::new().unwrap(),
            Duration::from_millis(50),
        );
        let result = exporter.export(Vec::new()).await;
        assert!(
            matches!(result, Err(OTelSdkError::InternalFailure(_))),
            "{result:?}"
        );
        drop(exporter); // and dropping its runtime here does not panic either
    }

    #[test]
    fn spans_past_capacity_are_dropped_and_counted() {
        let stats = ExportStats::default();
        assert!(stats.admit(2));
        assert!(stats.admit(2));
        assert!(!stats.admit(2));
        stats.settle(2, true);
        assert!(stats.admit(2));
        stats.settle(1, false);
        assert_eq!(
            stats.snapshot(),
            ExportCounts {
                ended: 4,
                exported: 2,
                failed: 1,
                dropped: 1
            }
        );
    }
}

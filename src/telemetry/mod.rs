//! OpenTelemetry for the demo service and the load generator.
//!
//! One tracer provider (the SDK's batch span processor, our OTLP exporter over gRPC or
//! HTTP/protobuf), configured from the standard `OTEL_*` environment. W3C trace context
//! is the propagation format (the service reads it, the load generator writes it).
//! `serve` and `loadgen` both start it here so their spans look alike.

pub mod config;
pub mod export;
pub mod otlp;

use std::sync::Arc;
use std::time::Duration;

use opentelemetry::KeyValue;
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::trace::{
    BatchConfigBuilder, BatchSpanProcessor, Sampler, SdkTracer, SdkTracerProvider,
};
use thiserror::Error;

use config::SamplerChoice;
pub use config::{Protocol, TelemetryConfig};
use export::{BoundedProcessor, CountingExporter, ExportRuntime, ExportStats};

#[derive(Debug, Error)]
pub enum TelemetryError {
    #[error("invalid OpenTelemetry setting: {0}")]
    Config(#[from] config::ConfigError),
    #[error("cannot build the OTLP exporter for {endpoint}: {reason}")]
    Exporter { endpoint: String, reason: String },
}

/// The running tracing pipeline. Drop it only after [`Telemetry::shutdown`].
pub struct Telemetry {
    provider: Option<SdkTracerProvider>,
    pub stats: Arc<ExportStats>,
    pub config: TelemetryConfig,
}

impl Telemetry {
    /// Starts tracing. The batch processor's thread drives the exports on a runtime of
    /// their own.
    pub fn start(config: TelemetryConfig) -> Result<Self, TelemetryError> {
        let stats = Arc::new(ExportStats::default());
        if config.disabled {
            return Ok(Self {
                provider: None,
                stats,
                config,
            });
        }
        // The exporter's own runtime: its clients are built inside it, so their
        // connections live there, on the batch processor's thread.
        let runtime = ExportRuntime::new().map_err(|e| TelemetryError::Exporter {
            endpoint: config.endpoint.clone(),
            reason: format!("cannot start the export runtime: {e}"),
        })?;
        let exporter = {
            let _entered = runtime.enter();
            otlp::OtlpExporter::new(&config)
        }
        .map_err(|e| TelemetryError::Exporter {
            endpoint: config.endpoint.clone(),
            reason: e.to_string(),
        })?;

        let b = &config.batch;
        let batch_config = BatchConfigBuilder::default()
            .with_max_queue_size(b.max_queue_size)
            .with_max_export_batch_size(b.max_export_batch_size)
            .with_scheduled_delay(b.scheduled_delay)
            .with_max_export_timeout(b.export_timeout)
            .build();
        // The SDK's batch processor: spans wait in a preallocated queue without waking
        // anyone, and its own thread encodes and sends a batch at a time.
        let exporter = CountingExporter::new(exporter, stats.clone(), runtime, b.export_timeout);
        let processor = BatchSpanProcessor::builder(exporter)
            .with_batch_config(batch_config)
            .build();

        let resource = Resource::builder_empty()
            .with_service_name(config.service_name.clone())
            .with_attributes(
                config
                    .resource
                    .iter()
                    .map(|(k, v)| KeyValue::new(k.clone(), v.clone())),
            )
            .build();
        let provider = SdkTracerProvider::builder()
            .with_span_processor(BoundedProcessor::new(
                processor,
                stats.clone(),
                b.max_queue_size,
            ))
            .with_sampler(sampler(config.sampler))
            .with_resource(resource)
            .build();
        tracing::info!(endpoint = %config.endpoint, protocol = ?config.protocol, service = %config.service_name, "tracing to OTLP");
        Ok(Self {
            provider: Some(provider),
            stats,
            config,
        })
    }

    /// A tracer of this pipeline (a no-op one when the SDK is disabled). Providers are not
    /// installed globally, so `otelctl demo` can run the service and the load generator
    /// in one process as two services.
    pub fn tracer(&self, name: &'static str) -> opentelemetry::global::BoxedTracer {
        match &self.provider {
            Some(provider) => {
                opentelemetry::global::BoxedTracer::new(Box::new(provider.tracer(name)))
            }
            None => opentelemetry::global::BoxedTracer::new(Box::new(
                opentelemetry::trace::noop::NoopTracerProvider::new().tracer(name),
            )),
        }
    }

    /// The SDK's own tracer of this pipeline, or `None` when the SDK is disabled: the
    /// service's hot path uses it directly, without a boxed span or a context per request.
    pub fn sdk_tracer(&self, name: &'static str) -> Option<SdkTracer> {
        self.provider.as_ref().map(|p| p.tracer(name))
    }

    /// Exports every span queued so far and waits for the exports to finish.
    pub async fn flush(&self) {
        let Some(provider) = self.provider.clone() else {
            return;
        };
        match tokio::task::spawn_blocking(move || provider.force_flush()).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "span flush failed"),
            Err(e) => tracing::warn!(error = %e, "the span flush task failed"),
        }
    }

    /// Exports every span still queued, waiting at most `timeout`.
    pub async fn shutdown(self, timeout: Duration) {
        let Some(provider) = self.provider else {
            return;
        };
        // The SDK's shutdown blocks; keep it off the async workers that drive the export.
        let flushed =
            tokio::task::spawn_blocking(move || provider.shutdown_with_timeout(timeout)).await;
        match flushed {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "spans may have been lost at shutdown"),
            Err(e) => tracing::warn!(error = %e, "the span flush task failed"),
        }
    }
}

/// A W3C traceparent: version 00, the ids in lowercase hex, and the sampled flag.
/// Written as bytes: the load generator puts one in every request.
pub fn traceparent(trace_id: u128, span_id: u64, sampled: bool) -> [u8; 55] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = *b"00-00000000000000000000000000000000-0000000000000000-00";
    for i in 0..32 {
        out[3 + i] = HEX[((trace_id >> (124 - 4 * i)) & 0xf) as usize];
    }
    for i in 0..16 {
        out[36 + i] = HEX[((span_id >> (60 - 4 * i)) & 0xf) as usize];
    }
    if sampled {
        out[54] = b'1';
    }
    out
}

fn sampler(choice: SamplerChoice) -> Sampler {
    match choice {
        SamplerChoice::AlwaysOn => Sampler::AlwaysOn,
        SamplerChoice::AlwaysOff => Sampler::AlwaysOff,
        SamplerChoice::TraceIdRatio(r) => Sampler::TraceIdRatioBased(r),
        SamplerChoice::ParentBasedAlwaysOn => Sampler::ParentBased(Box::new(Sampler::AlwaysOn)),
        SamplerChoice::ParentBasedAlwaysOff => Sampler::ParentBased(Box::new(Sampler::AlwaysOff)),
        SamplerChoice::ParentBasedTraceIdRatio(r) => {
            Sampler::ParentBased(Box::new(Sampler::TraceIdRatioBased(r)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traceparents_are_w3c_lowercase_hex() {
        let tp = traceparent(0x0af7651916cd43dd8448eb211c80319c, 0xb7ad6b7169203331, true);
        assert_eq!(
            &tp,
            b"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
        );
        assert!(traceparent(u128::MAX, u64::MAX, false).ends_with(b"ffffffffffffffff-00"));
    }
}

//! `otelctl serve`: the traced demo service, until SIGTERM or Ctrl-C.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::cli::ServeArgs;
use crate::demo::{self, Limits, State};
use crate::output::Printer;
use crate::settings::ProcessEnv;
use crate::telemetry::{Telemetry, config};

/// The service name when OTEL_SERVICE_NAME does not give one.
pub const DEFAULT_SERVICE_NAME: &str = "otel-demo";
/// The longest the final span flush may take.
const FLUSH_TIMEOUT: Duration = Duration::from_secs(10);

pub async fn run(printer: &Printer, args: &ServeArgs) -> Result<()> {
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    let overrides = config::Overrides {
        endpoint: args.otlp_endpoint.as_deref(),
        default_service_name: DEFAULT_SERVICE_NAME,
        host_name: Some(&host),
    };
    let telemetry = Telemetry::start(config::resolve(&ProcessEnv, &overrides)?)?;
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    let address = listener.local_addr()?;
    let limits = Limits {
        header_timeout: args.header_timeout,
        ..Limits::default()
    };
    let stats = telemetry.stats.clone();
    let state = Arc::new(State::new(
        telemetry.config.service_name.clone(),
        telemetry.sdk_tracer("otelctl-serve"),
        stats.clone(),
        limits,
    ));
    let tracing_to = if telemetry.config.disabled {
        "tracing disabled (OTEL_SDK_DISABLED)".to_owned()
    } else {
        format!("tracing to {}", telemetry.config.endpoint)
    };
    printer.note(format!(
        "serving {} on http://{address} ({tracing_to})",
        telemetry.config.service_name
    ));

    let plan = demo::Shutdown {
        drain_delay: args.drain_delay,
        grace: args.grace,
    };
    let drained = demo::serve(listener, state, plan, crate::shutdown::signal()).await;
    printer.note("shutting down: flushing spans");
    telemetry.shutdown(FLUSH_TIMEOUT).await;
    let spans = stats.snapshot();
    printer.note(format!(
        "stopped after {} connection(s){}: {} span(s) exported, {} dropped, {} failed to export",
        drained.connections_served,
        if drained.cut_off {
            " (grace period ran out)"
        } else {
            ""
        },
        spans.exported,
        spans.dropped,
        spans.failed
    ));
    Ok(())
}

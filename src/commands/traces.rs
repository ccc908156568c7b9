//! `otelctl traces`: the OTLP receiver and Jaeger-compatible query API, until Ctrl-C.

use std::sync::{Arc, RwLock};

use anyhow::{Context, Result};

use crate::cli::TracesArgs;
use crate::output::Printer;
use crate::traces::server::{self, Listeners};
use crate::traces::store::{Limits, Store};

pub async fn run(printer: &Printer, args: &TracesArgs) -> Result<()> {
    let listeners = Listeners::bind(args.receiver.grpc, args.receiver.http, args.receiver.ui)
        .await
        .context("cannot start the trace receiver")?;
    let addresses = listeners.addresses()?;
    let store = Arc::new(RwLock::new(Store::new(Limits {
        max_spans: args.max_spans,
        max_bytes: args.max_bytes_mib * 1024 * 1024,
    })));
    server::spawn(listeners, store.clone());
    printer.note(format!(
        "receiving OTLP on grpc://{} and http://{}/v1/traces; trace viewer and query API on http://{}/",
        addresses.grpc, addresses.http, addresses.ui
    ));
    crate::shutdown::signal().await;
    let stats = store.read().map(|s| s.stats()).unwrap_or_default();
    printer.note(format!(
        "stopped: {} span(s) received, {} trace(s) held, {} evicted",
        stats.spans_received, stats.traces, stats.traces_evicted
    ));
    Ok(())
}

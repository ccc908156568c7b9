//! `otelctl port-forward`: the seed's step 7 (`kubectl port-forward svc/jaeger`) without
//! kubectl. Resolves the service to a ready pod, listens locally, prints the URL.

use std::net::SocketAddr;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::cli::{ForwardTarget, PortForwardArgs};
use crate::kube::{client, forward};
use crate::output::{Human, Printer, Render};
use crate::settings::Settings;

#[derive(Serialize)]
struct Report {
    url: String,
    #[serde(flatten)]
    target: forward::Resolved,
}

impl Render for Report {
    fn render(&self, out: &mut Human) {
        let t = &self.target;
        out.ok(format!(
            "forwarding {} → {}/{} (pod {}, port {})",
            self.url, t.namespace, t.service, t.pod, t.pod_port
        ));
        out.line(format!("open {}", self.url));
    }
}

/// The namespace, service port and likely service name of each target.
pub fn target(settings: &Settings, target: ForwardTarget) -> (String, Option<u16>, &'static str) {
    let ns = &settings.namespaces;
    match target {
        ForwardTarget::Jaeger => (ns.jaeger.clone(), Some(16686), "jaeger"),
        ForwardTarget::App => (ns.app.clone(), None, "otel-demo"),
        ForwardTarget::Collector => (ns.collector.clone(), Some(4318), "otel-collector"),
    }
}

pub async fn run(settings: &Settings, printer: &Printer, args: &PortForwardArgs) -> Result<()> {
    let (_, kube) = client::streaming_from_settings(&settings.kube).await?;
    let (namespace, port, preferred) = target(settings, args.target);
    let resolved = {
        let _spinner = printer.spinner(format!("Finding a ready pod in {namespace}"));
        forward::resolve(&kube, &namespace, port, preferred).await?
    };
    let local = SocketAddr::new(
        args.address,
        args.local_port.unwrap_or(resolved.service_port),
    );
    let forwarding = forward::start(kube, resolved, local)
        .await
        .context("cannot start the port-forward")?;
    let url = format!("http://{}", forwarding.local);
    printer.result(&Report {
        url: url.clone(),
        target: forwarding.target.clone(),
    })?;
    printer.note(format!("forwarding {url}; Ctrl-C to stop"));
    crate::shutdown::signal().await;
    drop(forwarding);
    Ok(())
}

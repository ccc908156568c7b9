//! One module per command: settings in, domain calls, results out through the Printer.
//!
//! Commands hold no AWS or Kubernetes logic of their own; they add context to errors
//! (anyhow) and choose what to show.

mod completions;
mod kubeconfig;
mod token;
mod whoami;

use anyhow::Result;

use crate::cli::{Command, KubeconfigCommand};
use crate::exit::UsageError;
use crate::output::Printer;
use crate::settings::Settings;

/// Runs one command to completion.
pub async fn run(command: Command, settings: &Settings, printer: &Printer) -> Result<()> {
    match command {
        Command::Whoami => whoami::run(settings, printer).await,
        Command::Kubeconfig(KubeconfigCommand::Update(args)) => {
            kubeconfig::update(settings, printer, &args).await
        }
        Command::Token(args) => token::run(settings, printer, &args).await,
        Command::Completions(args) => completions::run(printer, &args),
    }
}

/// The cluster every cluster command needs, or a usage error saying where to set it.
fn require_cluster(settings: &Settings) -> Result<&str, UsageError> {
    settings.cluster.as_deref().ok_or_else(|| {
        UsageError(
            "no cluster given: pass --cluster NAME, set OTELCTL_CLUSTER, or add \
             `cluster = \"NAME\"` to otelctl.toml"
                .into(),
        )
    })
}

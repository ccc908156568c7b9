//! `otelctl token`: the kubeconfig exec plugin, printing ExecCredential JSON for kubectl.

use std::time::SystemTime;

use anyhow::{Context, Result};

use super::require_cluster;
use crate::aws::{self, sts};
use crate::cli::TokenArgs;
use crate::kube::token;
use crate::output::Printer;
use crate::settings::Settings;

pub async fn run(settings: &Settings, printer: &Printer, args: &TokenArgs) -> Result<()> {
    let cluster = require_cluster(settings)?;
    let config = aws::load(&settings.aws).await;
    let region = aws::region(&config)?;
    let credentials = match &args.role_arn {
        Some(role) => sts::assume_role(&aws_sdk_sts::Client::new(&config), role, "otelctl-token")
            .await
            .with_context(|| format!("cannot assume {role} for the EKS token"))?,
        None => aws::credentials(&config).await?,
    };
    let now = SystemTime::now();
    let token = token::token(cluster, &region, &credentials, now)?;
    // kubectl says which ExecCredential version it wants in KUBERNETES_EXEC_INFO.
    let exec_info = std::env::var("KUBERNETES_EXEC_INFO").ok();
    let api_version = token::exec_api_version(exec_info.as_deref());
    printer.json(&token::exec_credential(token, api_version, now))?;
    Ok(())
}

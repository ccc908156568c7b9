//! `otelctl kubeconfig update`: the runbook's `aws eks update-kubeconfig`, with otelctl as
//! the token plugin.

use std::path::PathBuf;

use anyhow::{Context, Result};
use serde::Serialize;

use super::{describe_cluster, require_cluster};
use crate::aws::{self, eks};
use crate::cli::UpdateKubeconfigArgs;
use crate::kube::kubeconfig::{self, Change, EntryOptions, store};
use crate::output::{Human, Printer, Render};
use crate::settings::Settings;

#[derive(Serialize)]
struct UpdateReport {
    file: PathBuf,
    cluster: String,
    cluster_arn: String,
    context: String,
    user: String,
    change: Change,
    dry_run: bool,
    /// The merged file, credentials redacted (dry run only).
    #[serde(skip_serializing_if = "Option::is_none")]
    kubeconfig: Option<String>,
}

impl Render for UpdateReport {
    fn render(&self, out: &mut Human) {
        if let Some(preview) = &self.kubeconfig {
            out.line(preview.trim_end());
            return;
        }
        let verb = match self.change {
            Change::Created => "Added",
            Change::Updated => "Updated",
        };
        out.ok(format!(
            "{verb} context {} in {}",
            self.context,
            self.file.display()
        ));
        out.pairs(&[
            ("Cluster", &self.cluster_arn),
            ("User", &self.user),
            ("Current context", &self.context),
        ]);
    }
}

pub async fn update(
    settings: &Settings,
    printer: &Printer,
    args: &UpdateKubeconfigArgs,
) -> Result<()> {
    require_cluster(settings)?;
    let config = aws::load(&settings.aws).await;
    let region = aws::region(&config)?;
    let cluster = describe_cluster(settings, printer, &config).await?;
    eks::check_usable(&cluster)?;

    let kube = &settings.kube;
    let path = store::select(
        kube.kubeconfig.as_deref(),
        kube.kubeconfig_env.as_deref(),
        kube.home.as_deref(),
        |p| store::file_holds_cluster(p, &cluster.arn),
    )?;
    let exe = std::env::current_exe().context("cannot locate the otelctl binary")?;
    let command = store::plugin_command(&exe, std::env::var_os("PATH").as_deref());
    let options = EntryOptions {
        alias: args.alias.as_deref(),
        user_alias: args.user_alias.as_deref(),
        role_arn: args.role_arn.as_deref(),
        profile: settings.aws.profile.as_deref(),
    };
    let entry = kubeconfig::entry_for(&cluster, &region, &command, &options);
    let (context, user) = (entry.context_name.clone(), entry.user_name.clone());
    let dry_run = args.dry_run;
    // File locking and renames block; keep them off the async workers.
    let updated = tokio::task::spawn_blocking(move || store::update(&path, &entry, dry_run))
        .await
        .context("the kubeconfig update task failed")??;

    if dry_run {
        printer.note(format!(
            "dry run: nothing was written to {} (credentials shown as REDACTED)",
            updated.path.display()
        ));
    } else if command != "otelctl" {
        printer.note(format!(
            "the kubeconfig runs the token plugin as {command}; put otelctl on PATH and \
             re-run to write the portable `otelctl` instead"
        ));
    }
    printer.result(&UpdateReport {
        file: updated.path,
        cluster: cluster.name,
        cluster_arn: cluster.arn,
        context,
        user,
        change: updated.change,
        dry_run,
        kubeconfig: updated.preview,
    })?;
    Ok(())
}

//! `otelctl infra`: terraform init/plan/apply/import in `terraform/`, with otelctl's
//! settings as variables, and the 409-loop check before apply.

use anyhow::{Context, Result, bail};
use serde::Serialize;

use super::require_cluster;
use crate::aws::{self, ecr, eks, iam};
use crate::cli::{InfraApplyArgs, InfraArgs};
use crate::infra::{Existing, Import, Terraform, imports_needed};
use crate::output::{Human, Printer, Render};
use crate::settings::Settings;

/// The terraform commands a `--dry-run` would have run.
#[derive(Serialize)]
struct DryRun {
    dir: String,
    commands: Vec<Vec<String>>,
}

impl Render for DryRun {
    fn render(&self, out: &mut Human) {
        for c in &self.commands {
            out.line(format!("terraform {}", c.join(" ")));
        }
    }
}

/// `-var` flags from the settings: the root module's inputs.
fn vars(settings: &Settings, region: &str) -> Result<Vec<String>> {
    let cluster = require_cluster(settings)?;
    Ok([
        format!("cluster_name={cluster}"),
        format!("region={region}"),
        format!("repository={}", settings.repository),
    ]
    .into_iter()
    .flat_map(|v| ["-var".to_owned(), v])
    .collect())
}

/// Runs the commands in order, or prints them with `--dry-run`.
fn execute(printer: &Printer, args: &InfraArgs, commands: Vec<Vec<String>>) -> Result<()> {
    if args.dry_run {
        printer.result(&DryRun {
            dir: args.dir.display().to_string(),
            commands,
        })?;
        return Ok(());
    }
    let tf = Terraform::new(&args.dir);
    for command in commands {
        printer.note(format!("terraform {}", command.join(" ")));
        tf.run(&command)?;
    }
    Ok(())
}

pub async fn init(printer: &Printer, args: &InfraArgs) -> Result<()> {
    execute(
        printer,
        args,
        vec![vec!["init".into(), "-input=false".into()]],
    )
}

pub async fn plan(settings: &Settings, printer: &Printer, args: &InfraArgs) -> Result<()> {
    let config = aws::load(&settings.aws).await;
    let region = aws::region(&config)?;
    let mut command = vec!["plan".to_owned(), "-input=false".to_owned()];
    command.extend(vars(settings, &region)?);
    execute(printer, args, vec![command])
}

/// What AWS has under the names the root module uses, and what the state lacks of it.
async fn drift(
    settings: &Settings,
    args: &InfraArgs,
    config: &aws_config::SdkConfig,
) -> Result<Vec<Import>> {
    let cluster = require_cluster(settings)?;
    let (eks_client, ecr_client, iam_client) = (
        aws_sdk_eks::Client::new(config),
        aws_sdk_ecr::Client::new(config),
        aws_sdk_iam::Client::new(config),
    );
    let (c, r, role) = tokio::try_join!(
        async {
            match eks::describe_cluster(&eks_client, cluster).await {
                Ok(c) => Ok(Some(c.name)),
                Err(e) if e.kind == aws::AwsErrorKind::NotFound => Ok(None),
                Err(e) => Err(e),
            }
        },
        ecr::describe_repository(&ecr_client, &settings.repository),
        iam::get_role(&iam_client, iam::policy::ALB_ROLE_NAME),
    )?;
    let existing = Existing {
        cluster: c,
        repository: r.map(|r| r.name),
        alb_role: role.map(|r| r.name),
    };
    let state = Terraform::new(&args.dir)
        .state_list()
        .context("cannot read the Terraform state to compare it with AWS")?;
    Ok(imports_needed(&state, &existing))
}

fn import_commands(imports: &[Import], vars: &[String]) -> Vec<Vec<String>> {
    imports
        .iter()
        .map(|i| {
            let mut c = vec!["import".to_owned(), "-input=false".to_owned()];
            c.extend(vars.iter().cloned());
            c.push(i.address.to_owned());
            c.push(i.id.clone());
            c
        })
        .collect()
}

pub async fn import(settings: &Settings, printer: &Printer, args: &InfraArgs) -> Result<()> {
    let config = aws::load(&settings.aws).await;
    let region = aws::region(&config)?;
    let vars = vars(settings, &region)?;
    let imports = drift(settings, args, &config).await?;
    if imports.is_empty() {
        printer.note("nothing to import: the state already has everything AWS has");
        return Ok(());
    }
    execute(printer, args, import_commands(&imports, &vars))
}

pub async fn apply(settings: &Settings, printer: &Printer, args: &InfraApplyArgs) -> Result<()> {
    let config = aws::load(&settings.aws).await;
    let region = aws::region(&config)?;
    let vars = vars(settings, &region)?;
    let imports = drift(settings, &args.common, &config).await?;
    let mut commands = Vec::new();
    if !imports.is_empty() {
        if !args.auto_import {
            let list: Vec<String> = imports
                .iter()
                .map(|i| format!("  terraform import {} {}", i.address, i.id))
                .collect();
            bail!(
                "AWS has resources the Terraform state lacks; applying now would try to create \
                 them and get 409 ResourceInUseException on every run. Import them first \
                 (`otelctl infra import`, or apply --auto-import):\n{}",
                list.join("\n")
            );
        }
        commands.extend(import_commands(&imports, &vars));
    }
    let mut apply = vec!["apply".to_owned(), "-input=false".to_owned()];
    if settings.assume_yes {
        apply.push("-auto-approve".to_owned());
    }
    apply.extend(vars);
    commands.push(apply);
    execute(printer, &args.common, commands)
}

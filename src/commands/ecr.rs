//! `otelctl ecr ensure` and `otelctl ecr login`: the repository for the demo image, and the
//! password for `docker login --password-stdin` (the seed's step 2).

use anyhow::Result;
use serde::Serialize;

use crate::aws::ecr::{self, Repository, RepositorySettings};
use crate::aws::{self};
use crate::cli::EcrEnsureArgs;
use crate::output::{Human, Printer, Render};
use crate::settings::Settings;

#[derive(Serialize)]
struct EnsureReport {
    repository: String,
    uri: Option<String>,
    created: bool,
    dry_run: bool,
    /// The call --dry-run would make.
    #[serde(skip_serializing_if = "Option::is_none")]
    would_call: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    existing: Option<Repository>,
}

impl Render for EnsureReport {
    fn render(&self, out: &mut Human) {
        match (&self.would_call, &self.uri) {
            (Some(call), _) => {
                out.line(format!(
                    "would call ecr:CreateRepository for {}:",
                    self.repository
                ));
                let json = serde_json::to_string_pretty(call).unwrap_or_default();
                json.lines().for_each(|l| out.line(format!("  {l}")));
            }
            (None, Some(uri)) if self.created => out.ok(format!("created {uri}")),
            (None, Some(uri)) => out.ok(format!("{uri} (already exists)")),
            (None, None) => out.line(&self.repository),
        }
    }
}

pub async fn ensure(settings: &Settings, printer: &Printer, args: &EcrEnsureArgs) -> Result<()> {
    let name = args
        .repository
        .clone()
        .unwrap_or_else(|| settings.repository.clone());
    let wanted = RepositorySettings {
        scan_on_push: args.scan_on_push,
        immutable_tags: args.immutable_tags,
    };
    let config = aws::load(&settings.aws).await;
    aws::region(&config)?;
    let client = aws_sdk_ecr::Client::new(&config);
    let existing = {
        let _spinner = printer.spinner(format!("Looking for ECR repository {name}"));
        ecr::describe_repository(&client, &name).await?
    };
    let mut report = EnsureReport {
        repository: name.clone(),
        uri: None,
        created: false,
        dry_run: args.dry_run,
        would_call: None,
        existing: None,
    };
    match existing {
        Some(repo) => {
            if repo.scan_on_push != wanted.scan_on_push
                || repo.immutable_tags != wanted.immutable_tags
            {
                printer.note(format!(
                    "{name} exists with scan_on_push={} immutable_tags={}; otelctl does not change \
                     an existing repository's settings",
                    repo.scan_on_push, repo.immutable_tags
                ));
            }
            report.uri = Some(repo.uri.clone());
            report.existing = Some(repo);
        }
        None if args.dry_run => {
            report.would_call = Some(serde_json::json!({
                "call": "ecr:CreateRepository",
                "repositoryName": name,
                "imageTagMutability": if wanted.immutable_tags { "IMMUTABLE" } else { "MUTABLE" },
                "imageScanningConfiguration": {"scanOnPush": wanted.scan_on_push},
            }));
        }
        None => {
            let _spinner = printer.spinner(format!("Creating ECR repository {name}"));
            let repo = ecr::create_repository(&client, &name, wanted).await?;
            report.uri = Some(repo.uri);
            report.created = true;
        }
    }
    printer.result(&report)?;
    Ok(())
}

pub async fn login(settings: &Settings, printer: &Printer) -> Result<()> {
    let config = aws::load(&settings.aws).await;
    aws::region(&config)?;
    let auth = ecr::authorization(&aws_sdk_ecr::Client::new(&config)).await?;
    tracing::debug!(endpoint = %auth.endpoint, username = %auth.username, "got the ECR password");
    // Only stdout, whatever -o says: this is what `docker login --password-stdin` reads.
    printer.raw(format!("{}\n", auth.password.expose()).as_bytes())?;
    Ok(())
}

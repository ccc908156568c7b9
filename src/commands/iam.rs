//! `otelctl iam oidc` and `otelctl iam alb-role`: the runbook's "Confirm OIDC provider" and
//! "Confirm ALB controller IAM role", checked precisely and fixed on request.
//!
//! Both follow check → act → verify: observe, assess (pure), apply the planned calls, then
//! observe and assess again so "created" is never claimed without being seen.

use anyhow::{Context, Result, bail};
use serde::Serialize;

use super::describe_cluster;
use crate::aws::iam::plan::{self, AlbRoleNames, Assessment, ClusterIdentity, Step};
use crate::aws::iam::policy::Finding;
use crate::aws::iam::{self, thumbprint};
use crate::aws::{self, eks};
use crate::cli::{AlbRoleArgs, OidcArgs};
use crate::output::{Human, Printer, Render};
use crate::settings::Settings;

/// What happened, for people and for `-o json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Outcome {
    /// Everything was already right.
    Ok,
    /// Problems found, nothing changed (no --create).
    Problems,
    /// --dry-run: the steps that would be taken.
    WouldChange,
    /// --create made the steps, and a second look found nothing wrong.
    Changed,
}

#[derive(Serialize)]
struct Report {
    subject: String,
    cluster: String,
    issuer: String,
    outcome: Outcome,
    findings: Vec<Finding>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    missing_actions: Vec<String>,
    steps: Vec<Step>,
    dry_run: bool,
}

impl Render for Report {
    fn render(&self, out: &mut Human) {
        match self.outcome {
            Outcome::Ok => out.ok(format!(
                "{} is correct for cluster {}",
                self.subject, self.cluster
            )),
            Outcome::Changed => out.ok(format!(
                "{} fixed for cluster {} ({} call{}); verified",
                self.subject,
                self.cluster,
                self.steps.len(),
                if self.steps.len() == 1 { "" } else { "s" }
            )),
            Outcome::Problems | Outcome::WouldChange => {
                out.line(format!("{} for cluster {}:", self.subject, self.cluster))
            }
        }
        for f in &self.findings {
            out.fail(format!(
                "{}: expected {}, found {}",
                f.field, f.expected, f.found
            ));
        }
        if !self.missing_actions.is_empty() {
            out.line(format!(
                "  missing actions: {}",
                self.missing_actions.join(", ")
            ));
        }
        if let Some(fix) = self.findings.first().map(|f| &f.fix)
            && self.outcome == Outcome::Problems
        {
            out.line(format!("  fix: {fix}"));
        }
        if self.outcome == Outcome::WouldChange {
            for step in &self.steps {
                out.line(format!("would call {}:", step.call()));
                let json = serde_json::to_string_pretty(step).unwrap_or_default();
                for line in json.lines() {
                    out.line(format!("  {line}"));
                }
            }
        }
    }
}

/// The cluster's issuer, partition and account, from DescribeCluster.
struct ClusterFacts {
    name: String,
    issuer: String,
    partition: String,
    account: String,
}

impl ClusterFacts {
    fn identity(&self) -> ClusterIdentity<'_> {
        ClusterIdentity {
            issuer: &self.issuer,
            partition: &self.partition,
            account: &self.account,
        }
    }
}

async fn cluster_facts(
    settings: &Settings,
    printer: &Printer,
    config: &aws_config::SdkConfig,
) -> Result<ClusterFacts> {
    let cluster: eks::Cluster = describe_cluster(settings, printer, config).await?;
    let issuer = cluster
        .oidc_issuer
        .clone()
        .with_context(|| format!("cluster `{}` reports no OIDC issuer", cluster.name))?;
    let (partition, account) = cluster
        .partition_and_account()
        .map(|(p, a)| (p.to_owned(), a.to_owned()))
        .with_context(|| format!("cannot read partition and account from `{}`", cluster.arn))?;
    Ok(ClusterFacts {
        name: cluster.name,
        issuer,
        partition,
        account,
    })
}

/// The cluster's facts and an IAM client: what both subcommands start from.
async fn setup(
    settings: &Settings,
    printer: &Printer,
) -> Result<(ClusterFacts, aws_sdk_iam::Client)> {
    let config = aws::load(&settings.aws).await;
    let facts = cluster_facts(settings, printer, &config).await?;
    Ok((facts, aws_sdk_iam::Client::new(&config)))
}

pub async fn oidc(settings: &Settings, printer: &Printer, args: &OidcArgs) -> Result<()> {
    let (facts, client) = setup(settings, printer).await?;
    let provider = iam::find_oidc_provider(&client, &facts.issuer).await?;

    let changing = args.create || args.dry_run;
    let thumbprint = match (&args.thumbprint, &provider) {
        (Some(t), _) => Some(t.clone()),
        (None, None) if changing => {
            let _spinner = printer.spinner(format!("Reading the TLS chain of {}", facts.issuer));
            Some(thumbprint::issuer_thumbprint(&facts.issuer, thumbprint::native_roots()).await?)
        }
        _ => None,
    };
    let assessment = plan::assess_oidc(&facts.issuer, provider.as_ref(), thumbprint.as_deref());
    let subject = "IAM OIDC provider".to_owned();
    let verify = || async {
        let after = iam::find_oidc_provider(&client, &facts.issuer).await?;
        Ok(plan::assess_oidc(&facts.issuer, after.as_ref(), None))
    };
    act(
        printer,
        &client,
        subject,
        &facts,
        assessment,
        args.create,
        args.dry_run,
        verify,
    )
    .await
}

pub async fn alb_role(settings: &Settings, printer: &Printer, args: &AlbRoleArgs) -> Result<()> {
    let (facts, client) = setup(settings, printer).await?;
    let names = AlbRoleNames {
        role: &args.role_name,
        policy: &args.policy_name,
    };
    let observe = || async {
        let state = iam::observe_alb_role(&client, &names, &facts.identity()).await?;
        Ok::<_, anyhow::Error>(plan::assess_alb_role(&state, &names, &facts.identity()))
    };
    let assessment = {
        let _spinner = printer.spinner(format!("Reading role {} and its policies", args.role_name));
        observe().await?
    };
    let subject = format!("ALB controller role {}", args.role_name);
    act(
        printer,
        &client,
        subject,
        &facts,
        assessment,
        args.create,
        args.dry_run,
        observe,
    )
    .await
}

/// Prints the assessment, or applies its steps and verifies, per the flags.
#[allow(clippy::too_many_arguments)]
async fn act<F, Fut>(
    printer: &Printer,
    client: &aws_sdk_iam::Client,
    subject: String,
    facts: &ClusterFacts,
    assessment: Assessment,
    create: bool,
    dry_run: bool,
    verify: F,
) -> Result<()>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<Assessment>>,
{
    let mut report = Report {
        subject,
        cluster: facts.name.clone(),
        issuer: facts.issuer.clone(),
        outcome: Outcome::Ok,
        findings: assessment.findings.clone(),
        missing_actions: assessment.missing_actions.clone(),
        steps: assessment.steps.clone(),
        dry_run,
    };
    if assessment.findings.is_empty() {
        if create {
            printer.note("nothing to change");
        }
        printer.result(&report)?;
        return Ok(());
    }
    if !(create || dry_run) {
        report.outcome = Outcome::Problems;
        printer.result(&report)?;
        bail!(
            "{} problem{} found",
            report.findings.len(),
            if report.findings.len() == 1 { "" } else { "s" }
        );
    }
    if let Some(reason) = &assessment.blocked {
        report.outcome = Outcome::Problems;
        printer.result(&report)?;
        bail!("cannot fix this yet: {reason}");
    }
    if dry_run {
        report.outcome = Outcome::WouldChange;
        printer.note("dry run: no IAM call was made");
        printer.result(&report)?;
        return Ok(());
    }
    {
        let _spinner = printer.spinner(format!("Making {} IAM call(s)", assessment.steps.len()));
        iam::apply(client, &assessment.steps).await?;
    }
    let after = verify().await?;
    if !after.findings.is_empty() {
        report.findings = after.findings;
        report.outcome = Outcome::Problems;
        printer.result(&report)?;
        bail!("the changes were made but a second check still finds problems");
    }
    report.outcome = Outcome::Changed;
    report.findings.clear();
    report.missing_actions.clear();
    printer.result(&report)?;
    Ok(())
}

//! `otelctl helm install`: the runbook's three `helm upgrade --install` steps (plus the ALB
//! controller), with pinned charts, embedded values and what otelctl knows from AWS filled in.

use std::time::Duration;

use anyhow::{Context, Result};
use serde::Serialize;

use super::require_cluster;
use crate::aws::{self, ecr};
use crate::cli::{HelmInstallArgs, HelmTarget};
use crate::exit::UsageError;
use crate::helm::runner::{Helm, HelmError};
use crate::helm::{self, Facts, Namespaces, Overrides, Pin};
use crate::kube::client;
use crate::output::{Human, Printer, Render};
use crate::settings::Settings;

/// How long `helm repo add`/`update` may take (they download repository indexes).
const REPO_LIMIT: Duration = Duration::from_secs(300);
/// Beyond `--timeout`, for helm's own start-up and an atomic rollback.
const UPGRADE_MARGIN: Duration = Duration::from_secs(180);

#[derive(Serialize)]
struct Installed {
    target: String,
    release: String,
    namespace: String,
    chart: String,
    version: String,
    /// `deployed`, or `planned` with --dry-run.
    status: &'static str,
    commands: Vec<Vec<String>>,
}

#[derive(Serialize)]
struct Report {
    dry_run: bool,
    releases: Vec<Installed>,
}

/// An argument as a shell would need it quoted, for printing commands.
fn quoted(arg: &str) -> String {
    let plain = arg
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_./:=,@%+-".contains(c));
    if plain && !arg.is_empty() {
        arg.to_owned()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

impl Render for Report {
    fn render(&self, out: &mut Human) {
        for r in &self.releases {
            if self.dry_run {
                for c in &r.commands {
                    let line: Vec<String> = c.iter().map(|a| quoted(a)).collect();
                    out.line(format!("helm {}", line.join(" ")));
                }
            } else {
                out.ok(format!(
                    "{} {} ({} {}) in {}",
                    r.release, r.status, r.chart, r.version, r.namespace
                ));
            }
        }
    }
}

/// What the selected releases need from AWS: the cluster's name, region, VPC and the ALB
/// role for the controller; the ECR repository's URI for the app.
async fn facts(
    settings: &Settings,
    printer: &Printer,
    pins: &[Pin],
    args: &HelmInstallArgs,
) -> Result<Facts> {
    let needs = |t: &str| pins.iter().any(|p| p.target == t);
    let mut facts = Facts {
        image_tag: Some(
            args.image_tag
                .clone()
                .unwrap_or_else(|| env!("CARGO_PKG_VERSION").to_owned()),
        ),
        ..Facts::default()
    };
    if !needs("alb-controller") && !needs("app") {
        return Ok(facts);
    }
    let config = aws::load(&settings.aws).await;
    if needs("alb-controller") {
        let name = require_cluster(settings)?;
        let cluster = super::describe_cluster(settings, printer, &config).await?;
        let vpc = match cluster.vpc_id.clone() {
            Some(vpc) => Some(vpc),
            None => {
                // DescribeCluster names the VPC; when it does not, the cluster's subnets do.
                let client = aws_sdk_ec2::Client::new(&config);
                let subnets = aws::ec2::subnets(&client, &cluster.subnet_ids).await?;
                subnets.first().map(|s| s.vpc_id.clone())
            }
        };
        let (partition, account) = cluster
            .partition_and_account()
            .with_context(|| format!("cannot read the account from {}", cluster.arn))?;
        facts.alb_role_arn = Some(format!(
            "arn:{partition}:iam::{account}:role/{}",
            args.alb_role_name
        ));
        facts.cluster = Some(name.to_owned());
        facts.region = Some(aws::region(&config)?);
        facts.vpc_id = vpc;
    }
    if needs("app") {
        let client = aws_sdk_ecr::Client::new(&config);
        let repo = ecr::describe_repository(&client, &settings.repository).await?;
        facts.image_repository = repo.map(|r| r.uri);
    }
    Ok(facts)
}

/// The helm commands for one release: `repo add` + `repo update` for a repository chart
/// (kept only when needed, unless this is a dry run), then the upgrade.
fn commands(
    pin: &Pin,
    ns: &Namespaces,
    dir: &std::path::Path,
    facts: &Facts,
    user: &Overrides,
) -> Result<(Vec<Vec<String>>, Vec<String>)> {
    let required = helm::required_values(pin, facts, ns)?;
    let namespace = helm::namespace(pin, ns);
    if pin.embedded() {
        let chart = helm::write_app_chart(dir).context("cannot write the app chart")?;
        let chart = chart.display().to_string();
        let upgrade = helm::upgrade_args(pin, &namespace, &chart, None, required, user);
        return Ok((Vec::new(), upgrade));
    }
    let values = match helm::values_file(pin) {
        Some(text) => {
            let path = dir.join(format!("{}-values.yaml", pin.target));
            std::fs::write(&path, text).context("cannot write the values file")?;
            Some(path)
        }
        None => None,
    };
    let repo = vec![
        vec![
            "repo".into(),
            "add".into(),
            pin.repo_name.clone(),
            pin.repo_url.clone(),
            "--force-update".into(),
        ],
        vec!["repo".into(), "update".into(), pin.repo_name.clone()],
    ];
    let chart = format!("{}/{}", pin.repo_name, pin.chart);
    Ok((
        repo,
        helm::upgrade_args(pin, &namespace, &chart, values.as_deref(), required, user),
    ))
}

/// `--kube-context` (and `--kubeconfig` when one was named), so helm installs into the
/// cluster otelctl reads, not whatever helm's own default context is.
fn kube_flags(settings: &Settings, dry_run: bool) -> Result<Vec<String>> {
    let kube = &settings.kube;
    let mut flags = Vec::new();
    if let Some(path) = &kube.kubeconfig {
        flags.extend(["--kubeconfig".to_owned(), path.display().to_string()]);
    }
    match client::load_kubeconfig(kube).and_then(|c| client::target(&c, kube.context.as_deref())) {
        Ok(target) => flags.extend(["--kube-context".to_owned(), target.context]),
        // A dry run prints the commands even where there is no kubeconfig yet.
        Err(_) if dry_run => {}
        Err(e) => return Err(e.into()),
    }
    Ok(flags)
}

pub async fn install(settings: &Settings, printer: &Printer, args: &HelmInstallArgs) -> Result<()> {
    let all = args.target == HelmTarget::All;
    if all && (!args.set.is_empty() || !args.values.is_empty() || args.chart_version.is_some()) {
        return Err(UsageError(
            "--set, --values and --version apply to one release: name it (app, jaeger, collector \
             or alb-controller) instead of `all`"
                .into(),
        )
        .into());
    }
    let pins: Vec<Pin> = helm::pins()
        .into_iter()
        .filter(|p| all || p.target == args.target.name())
        .collect();
    let user = Overrides {
        set: args.set.clone(),
        values: args.values.clone(),
        version: args.chart_version.clone(),
        timeout: format!("{}s", args.timeout.as_secs().max(1)),
        kube: kube_flags(settings, args.dry_run)?,
    };
    let ns = Namespaces {
        app: settings.namespaces.app.clone(),
        collector: settings.namespaces.collector.clone(),
        jaeger: settings.namespaces.jaeger.clone(),
    };
    let facts = facts(settings, printer, &pins, args).await?;
    let dir = tempfile::tempdir().context("cannot make a temporary directory")?;
    let helm_bin = Helm::default();
    if !args.dry_run {
        let version = tokio::task::block_in_place(|| helm_bin.version())?;
        printer.note(format!("helm {version}"));
    }
    let mut releases = Vec::new();
    for pin in &pins {
        let (repo, upgrade) = commands(pin, &ns, dir.path(), &facts, &user)?;
        let mut done = Installed {
            target: pin.target.clone(),
            release: pin.release.clone(),
            namespace: helm::namespace(pin, &ns),
            chart: if pin.embedded() {
                "otel-demo".into()
            } else {
                format!("{}/{}", pin.repo_name, pin.chart)
            },
            version: user.version.clone().unwrap_or_else(|| pin.version.clone()),
            status: "planned",
            commands: Vec::new(),
        };
        if args.dry_run {
            done.commands = repo.into_iter().chain(std::iter::once(upgrade)).collect();
            releases.push(done);
            continue;
        }
        let spinner = printer.spinner(format!("{}: preparing", pin.release));
        let mut show = |line: &str| {
            if spinner.is_visible() {
                spinner.set_message(format!("{}: {line}", pin.release));
            } else {
                printer.note(format!("helm: {line}"));
            }
        };
        let cached = !pin.embedded()
            && tokio::task::block_in_place(|| -> Result<bool, HelmError> {
                Ok(helm_bin.repos()?.contains(&pin.repo_name)
                    && helm_bin.has_chart_version(&pin.repo_name, &pin.chart, &done.version)?)
            })?;
        let run = |args: &Vec<String>, limit: Duration, show: &mut dyn FnMut(&str)| {
            tokio::task::block_in_place(|| helm_bin.run(args, limit, show))
        };
        if !pin.embedded() && !cached {
            for command in &repo {
                run(command, REPO_LIMIT, &mut show)?;
                done.commands.push(command.clone());
            }
        }
        // helm enforces --timeout itself; the margin covers its own start and rollback.
        run(&upgrade, args.timeout + UPGRADE_MARGIN, &mut show).with_context(|| {
            format!(
                "installing {} into namespace {} failed (with --atomic, helm rolls back any partial install)",
                pin.release, done.namespace
            )
        })?;
        done.commands.push(upgrade);
        done.status = "deployed";
        drop(spinner);
        releases.push(done);
    }
    printer.result(&Report {
        dry_run: args.dry_run,
        releases,
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn printed_commands_quote_what_a_shell_would_split() {
        assert_eq!(quoted("image.tag=v2"), "image.tag=v2");
        assert_eq!(
            quoted(r"serviceAccount.annotations.eks\.amazonaws\.com/role-arn=arn"),
            r"'serviceAccount.annotations.eks\.amazonaws\.com/role-arn=arn'"
        );
        assert_eq!(quoted("it's"), r"'it'\''s'");
        assert_eq!(quoted(""), "''");
    }
}

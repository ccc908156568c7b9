//! One module per command: settings in, domain calls, results out through the Printer.
//!
//! Commands hold no AWS or Kubernetes logic of their own; they add context to errors
//! (anyhow) and choose what to show.

mod bootstrap;
mod completions;
mod demo;
mod doctor;
mod ecr;
mod helm;
mod iam;
mod image;
mod infra;
mod kubeconfig;
mod loadgen;
mod port_forward;
mod serve;
mod token;
mod traces;
mod whoami;

use anyhow::{Context, Result};
use aws_config::SdkConfig;

use crate::aws::eks;
use crate::cli::{
    Command, EcrCommand, HelmCommand, IamCommand, ImageCommand, InfraCommand, KubeconfigCommand,
    OutputFormat,
};
use crate::exit::UsageError;
use crate::output::Printer;
use crate::settings::Settings;

/// Runs one command to completion.
pub async fn run(command: Command, settings: &Settings, printer: &Printer) -> Result<()> {
    if printer.format() == OutputFormat::Junit && !matches!(command, Command::Doctor(_)) {
        return Err(UsageError("-o junit is for `otelctl doctor`; use -o json here".into()).into());
    }
    match command {
        Command::Doctor(args) => doctor::run(settings, printer, &args).await,
        Command::Bootstrap(args) => bootstrap::run(settings, printer, &args).await,
        Command::Helm(HelmCommand::Install(args)) => helm::install(settings, printer, &args).await,
        Command::PortForward(args) => port_forward::run(settings, printer, &args).await,
        Command::Whoami => whoami::run(settings, printer).await,
        Command::Kubeconfig(KubeconfigCommand::Update(args)) => {
            kubeconfig::update(settings, printer, &args).await
        }
        Command::Iam(IamCommand::Oidc(args)) => iam::oidc(settings, printer, &args).await,
        Command::Iam(IamCommand::AlbRole(args)) => iam::alb_role(settings, printer, &args).await,
        Command::Infra(InfraCommand::Init(args)) => infra::init(printer, &args).await,
        Command::Infra(InfraCommand::Plan(args)) => infra::plan(settings, printer, &args).await,
        Command::Infra(InfraCommand::Apply(args)) => infra::apply(settings, printer, &args).await,
        Command::Infra(InfraCommand::Import(args)) => infra::import(settings, printer, &args).await,
        Command::Ecr(EcrCommand::Ensure(args)) => ecr::ensure(settings, printer, &args).await,
        Command::Ecr(EcrCommand::Login) => ecr::login(settings, printer).await,
        Command::Image(ImageCommand::Build(args)) => image::build(printer, &args).await,
        Command::Image(ImageCommand::Push(args)) => image::push(settings, printer, &args).await,
        Command::Serve(args) => serve::run(printer, &args).await,
        Command::Loadgen(args) => loadgen::run(settings, printer, &args).await,
        Command::Demo(args) => demo::run(printer, &args).await,
        Command::Traces(args) => traces::run(printer, &args).await,
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

/// DescribeCluster for the configured cluster, under a spinner, with the cluster and region
/// in any error.
async fn describe_cluster(
    settings: &Settings,
    printer: &Printer,
    config: &SdkConfig,
) -> Result<eks::Cluster> {
    let name = require_cluster(settings)?;
    let region = crate::aws::region(config)?;
    let _spinner = printer.spinner(format!("Describing EKS cluster {name}"));
    eks::describe_cluster(&aws_sdk_eks::Client::new(config), name)
        .await
        .with_context(|| format!("cannot read EKS cluster `{name}` in {region}"))
}

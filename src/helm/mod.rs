//! The runbook's four Helm releases: which chart at which pinned version, with which values,
//! installed how. Helm itself is a real dependency, run as a binary ([`runner`]); this module
//! decides the exact commands, so they are unit-tested and `--dry-run` prints them.
//!
//! The pins live in `assets/charts/versions.toml`, the values in `assets/values/`, and the
//! app chart in `assets/charts/otel-demo`, all embedded so the binary needs no checkout.

pub mod runner;

use std::path::Path;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The namespaces the embedded values are written for: app, collector, Jaeger.
const DEFAULT_NAMESPACES: (&str, &str, &str) = ("app", "opentelemetry", "jaeger");

/// The oldest helm otelctl drives (OCI charts and the `--wait` semantics it relies on).
pub const MIN_HELM: (u32, u32) = (3, 8);

/// One release, as pinned in `assets/charts/versions.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Pin {
    pub target: String,
    pub repo_name: String,
    pub repo_url: String,
    pub chart: String,
    pub version: String,
    pub app_version: String,
    pub release: String,
    pub namespace: String,
    pub values: String,
    #[serde(default)]
    pub required_set: Vec<String>,
}

impl Pin {
    /// Whether the chart is embedded in otelctl (the app chart) rather than in a repository.
    pub fn embedded(&self) -> bool {
        self.repo_name.is_empty()
    }
}

#[derive(Deserialize)]
struct Pins {
    release: Vec<Pin>,
}

/// Every pinned release, in install order (alb-controller → jaeger → collector → app).
pub fn pins() -> Vec<Pin> {
    toml::from_str::<Pins>(include_str!("../../assets/charts/versions.toml"))
        .map(|p| p.release)
        .expect("assets/charts/versions.toml is valid (a unit test checks it)")
}

/// The embedded values file of a release (`values/jaeger.yaml` …), if it has one.
pub fn values_file(pin: &Pin) -> Option<&'static str> {
    match pin.values.as_str() {
        "values/aws-load-balancer-controller.yaml" => Some(include_str!(
            "../../assets/values/aws-load-balancer-controller.yaml"
        )),
        "values/jaeger.yaml" => Some(include_str!("../../assets/values/jaeger.yaml")),
        "values/otel-collector.yaml" => {
            Some(include_str!("../../assets/values/otel-collector.yaml"))
        }
        _ => None,
    }
}

/// The app chart's files, relative to the chart directory.
pub const APP_CHART: &[(&str, &str)] = &[
    (
        "Chart.yaml",
        include_str!("../../assets/charts/otel-demo/Chart.yaml"),
    ),
    (
        ".helmignore",
        include_str!("../../assets/charts/otel-demo/.helmignore"),
    ),
    (
        "values.yaml",
        include_str!("../../assets/charts/otel-demo/values.yaml"),
    ),
    (
        "values.schema.json",
        include_str!("../../assets/charts/otel-demo/values.schema.json"),
    ),
    (
        "templates/_helpers.tpl",
        include_str!("../../assets/charts/otel-demo/templates/_helpers.tpl"),
    ),
    (
        "templates/NOTES.txt",
        include_str!("../../assets/charts/otel-demo/templates/NOTES.txt"),
    ),
    (
        "templates/deployment.yaml",
        include_str!("../../assets/charts/otel-demo/templates/deployment.yaml"),
    ),
    (
        "templates/hpa.yaml",
        include_str!("../../assets/charts/otel-demo/templates/hpa.yaml"),
    ),
    (
        "templates/ingress.yaml",
        include_str!("../../assets/charts/otel-demo/templates/ingress.yaml"),
    ),
    (
        "templates/pdb.yaml",
        include_str!("../../assets/charts/otel-demo/templates/pdb.yaml"),
    ),
    (
        "templates/service.yaml",
        include_str!("../../assets/charts/otel-demo/templates/service.yaml"),
    ),
    (
        "templates/serviceaccount.yaml",
        include_str!("../../assets/charts/otel-demo/templates/serviceaccount.yaml"),
    ),
];

/// Writes the app chart under `dir` (as `dir/otel-demo`) and returns its path.
pub fn write_app_chart(dir: &Path) -> std::io::Result<std::path::PathBuf> {
    let root = dir.join("otel-demo");
    for (name, text) in APP_CHART {
        let path = root.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    Ok(root)
}

/// Values otelctl knows from AWS and the settings, for the releases that need them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facts {
    pub cluster: Option<String>,
    pub region: Option<String>,
    pub vpc_id: Option<String>,
    pub alb_role_arn: Option<String>,
    pub image_repository: Option<String>,
    pub image_tag: Option<String>,
}

/// The namespaces otelctl's settings name for the app, the collector and Jaeger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Namespaces {
    pub app: String,
    pub collector: String,
    pub jaeger: String,
}

/// The namespace a release goes to: the settings' for the app, collector and Jaeger (so
/// doctor, port-forward and helm agree), the pinned one otherwise. Pure.
pub fn namespace(pin: &Pin, ns: &Namespaces) -> String {
    match pin.target.as_str() {
        "app" => ns.app.clone(),
        "collector" => ns.collector.clone(),
        "jaeger" => ns.jaeger.clone(),
        _ => pin.namespace.clone(),
    }
}

/// What the user added on the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub set: Vec<String>,
    pub values: Vec<std::path::PathBuf>,
    pub version: Option<String>,
    pub timeout: String,
    /// `--kube-context`/`--kubeconfig`, so helm acts on the cluster otelctl reads.
    pub kube: Vec<String>,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum PlanError {
    #[error("{release} needs {what}; {how}")]
    Missing {
        release: String,
        what: &'static str,
        how: &'static str,
    },
}

/// `--set key=value` (keys with literal dots come escaped, as helm's parser wants them).
fn set(key: &str, value: &str) -> [String; 2] {
    ["--set".to_owned(), format!("{key}={value}")]
}

/// The `--set`s a release needs from otelctl's facts and namespaces. Pure.
pub fn required_values(
    pin: &Pin,
    facts: &Facts,
    ns: &Namespaces,
) -> Result<Vec<String>, PlanError> {
    let need = |value: &Option<String>, what, how| {
        value.clone().ok_or_else(|| PlanError::Missing {
            release: pin.release.clone(),
            what,
            how,
        })
    };
    let mut args = Vec::new();
    match pin.target.as_str() {
        "alb-controller" => {
            let cluster = need(&facts.cluster, "the cluster name", "pass --cluster")?;
            let region = need(&facts.region, "the region", "pass --region")?;
            let vpc = need(
                &facts.vpc_id,
                "the cluster's VPC",
                "DescribeCluster named none",
            )?;
            let role = need(
                &facts.alb_role_arn,
                "the controller's IAM role",
                "run `otelctl iam alb-role --create`",
            )?;
            args.extend(set("clusterName", &cluster));
            args.extend(set("region", &region));
            args.extend(set("vpcId", &vpc));
            args.extend(set(
                r"serviceAccount.annotations.eks\.amazonaws\.com/role-arn",
                &role,
            ));
        }
        "app" => {
            let repo = need(
                &facts.image_repository,
                "the image repository",
                "run `otelctl ecr ensure` (or `otelctl image push`) first",
            )?;
            let tag = need(&facts.image_tag, "the image tag", "pass --image-tag")?;
            args.extend(set("image.repository", &repo));
            // A string, always: the chart's schema rejects `1.0` read as a number.
            args.extend(["--set-string".to_owned(), format!("image.tag={tag}")]);
            if ns.collector != DEFAULT_NAMESPACES.1 {
                args.extend(set(
                    "otel.collectorEndpoint",
                    &format!(
                        "http://otel-collector.{}.svc.cluster.local:4317",
                        ns.collector
                    ),
                ));
            }
        }
        "collector" if ns.jaeger != DEFAULT_NAMESPACES.2 => {
            args.extend(set(
                "config.exporters.otlp_grpc/jaeger.endpoint",
                &format!("jaeger.{}.svc.cluster.local:4317", ns.jaeger),
            ));
        }
        _ => {}
    }
    Ok(args)
}

/// One `helm upgrade --install` for a release. `chart` is the repo/chart reference or the
/// written chart directory; `values` the written values file. Pure.
pub fn upgrade_args(
    pin: &Pin,
    namespace: &str,
    chart: &str,
    values: Option<&Path>,
    required: Vec<String>,
    user: &Overrides,
) -> Vec<String> {
    let mut args: Vec<String> = [
        "upgrade",
        "--install",
        &pin.release,
        chart,
        "--namespace",
        namespace,
        "--create-namespace",
        "--wait",
        "--timeout",
        &user.timeout,
        "--atomic",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    if !pin.embedded() {
        args.push("--version".into());
        args.push(user.version.clone().unwrap_or_else(|| pin.version.clone()));
    }
    if let Some(values) = values {
        args.push("--values".into());
        args.push(values.display().to_string());
    }
    args.extend(required);
    args.extend(user.kube.iter().cloned());
    // The user's values and sets come last, so they win.
    for file in &user.values {
        args.push("--values".into());
        args.push(file.display().to_string());
    }
    for s in &user.set {
        args.push("--set".into());
        args.push(s.clone());
    }
    args
}

/// The first version in `helm version --short` output and the like (`v3.16.2+g…`). Pure.
pub fn version_in(text: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || c == '"' || c == ',')
        .map(|t| t.trim_start_matches('v'))
        .find(|t| {
            let mut parts = t.split('.');
            parts
                .next()
                .is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
                && parts
                    .next()
                    .is_some_and(|p| p.starts_with(|c: char| c.is_ascii_digit()))
        })
        .map(|t| t.split('+').next().unwrap_or(t).to_owned())
}

/// (major, minor) of a version. Pure.
pub fn parse_minor(version: &str) -> Option<(u32, u32)> {
    let mut parts = version.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor: String = parts
        .next()?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    Some((major, minor.parse().ok()?))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

//! `tools.*`: the binaries the runbook shells out to, present and with their versions.
//!
//! Only helm is required (`otelctl helm install` and `bootstrap` run it); kubectl, docker and
//! terraform serve optional paths, so their absence is a warning.

use std::time::Duration;

use futures_util::FutureExt;
use futures_util::future::BoxFuture;

use super::super::{CheckError, Context, Outcome};
use crate::helm::{MIN_HELM, parse_minor, version_in};

struct Tool {
    bin: &'static str,
    args: &'static [&'static str],
    required: bool,
    purpose: &'static str,
    install: &'static str,
}

const HELM: Tool = Tool {
    bin: "helm",
    args: &["version", "--short"],
    required: true,
    purpose: "`otelctl helm install` and `otelctl bootstrap` run it",
    install: "install Helm 3.8 or newer: https://helm.sh/docs/intro/install/",
};
const KUBECTL: Tool = Tool {
    bin: "kubectl",
    args: &["version", "--client"],
    required: false,
    purpose: "optional: otelctl talks to the API itself; handy for digging deeper",
    install: "install kubectl: https://kubernetes.io/docs/tasks/tools/",
};
const DOCKER: Tool = Tool {
    bin: "docker",
    args: &["version", "--format", "{{.Client.Version}}"],
    required: false,
    purpose: "optional: only `otelctl image build --dockerfile` needs it",
    install: "install Docker, or build without it: `otelctl image build --layout DIR`",
};
const TERRAFORM: Tool = Tool {
    bin: "terraform",
    args: &["version"],
    required: false,
    purpose: "optional: only `otelctl infra` and `bootstrap --terraform` need it",
    install: "install Terraform 1.5 or newer: https://developer.hashicorp.com/terraform/install",
};

pub fn helm(_: &Context) -> BoxFuture<'_, Result<Outcome, CheckError>> {
    check(&HELM).boxed()
}
pub fn kubectl(_: &Context) -> BoxFuture<'_, Result<Outcome, CheckError>> {
    check(&KUBECTL).boxed()
}
pub fn docker(_: &Context) -> BoxFuture<'_, Result<Outcome, CheckError>> {
    check(&DOCKER).boxed()
}
pub fn terraform(_: &Context) -> BoxFuture<'_, Result<Outcome, CheckError>> {
    check(&TERRAFORM).boxed()
}

async fn check(tool: &'static Tool) -> Result<Outcome, CheckError> {
    let run = tokio::process::Command::new(tool.bin)
        .args(tool.args)
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true)
        .output();
    let output = match tokio::time::timeout(Duration::from_secs(8), run).await {
        Ok(Ok(output)) => output,
        Ok(Err(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            let outcome = if tool.required {
                Outcome::fail(format!("{} is not on PATH ({})", tool.bin, tool.purpose))
            } else {
                Outcome::warn(format!("{} is not on PATH ({})", tool.bin, tool.purpose))
            };
            return Ok(outcome.fix(tool.install));
        }
        Ok(Err(e)) => return Err(CheckError::new(format!("cannot run {}: {e}", tool.bin))),
        Err(_) => {
            return Err(CheckError::new(format!(
                "`{} {}` did not answer within 8s",
                tool.bin,
                tool.args.join(" ")
            )));
        }
    };
    let text = String::from_utf8_lossy(&output.stdout);
    let Some(version) = version_in(&text).filter(|_| output.status.success()) else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr
            .lines()
            .next()
            .unwrap_or("no output")
            .trim()
            .to_owned();
        let outcome = Outcome::warn(format!(
            "{} is present but did not report a version",
            tool.bin
        ));
        return Ok(outcome.detail(first));
    };
    if tool.bin == "helm" && parse_minor(&version).is_some_and(|v| v < MIN_HELM) {
        return Ok(Outcome::fail(format!(
            "helm {version} is older than {}.{}",
            MIN_HELM.0, MIN_HELM.1
        ))
        .fix(tool.install));
    }
    Ok(Outcome::pass(format!("{} {version}", tool.bin)))
}

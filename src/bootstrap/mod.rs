//! `otelctl bootstrap`: the whole runbook as a plan of steps, each of which checks before it
//! acts and skips when already satisfied, so a rerun after a failure or Ctrl-C resumes at the
//! first step not yet done.
//!
//! This module is the pure part: the steps and their order, selection with `--only` and
//! `--skip`, and the events a run reports (one JSON object per event with `-o json`).

use serde::Serialize;

/// The steps, in runbook order.
pub const STEPS: &[(&str, &str)] = &[
    ("identity", "AWS identity (STS)"),
    ("infra", "infrastructure (terraform apply)"),
    ("ecr", "ECR repository"),
    ("image", "demo image built and pushed"),
    ("kubeconfig", "kubeconfig entry"),
    ("oidc", "IAM OIDC provider"),
    ("alb-role", "ALB controller IAM role"),
    ("alb-controller", "helm: aws-load-balancer-controller"),
    ("jaeger", "helm: jaeger"),
    ("collector", "helm: otel-collector"),
    ("app", "helm: otel-demo"),
    ("rollout", "rollouts complete"),
    ("verify", "traces reach Jaeger"),
];

/// A plan that cannot be made from `--only`/`--skip`.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PlanError {
    #[error("no step is named `{0}`; the steps: {steps}", steps = STEPS.iter().map(|(id, _)| *id).collect::<Vec<_>>().join(", "))]
    Unknown(String),
    #[error("--only and --skip leave no step to run (infra runs only with --terraform)")]
    Empty,
}

/// The steps to run, in order: all (infra only with a Terraform directory), narrowed by
/// `only` and `skip`. Pure.
pub fn plan(
    terraform: bool,
    only: &[String],
    skip: &[String],
) -> Result<Vec<&'static str>, PlanError> {
    for name in only.iter().chain(skip) {
        if !STEPS.iter().any(|(id, _)| id == name) {
            return Err(PlanError::Unknown(name.clone()));
        }
    }
    let steps: Vec<&'static str> = STEPS
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| terraform || *id != "infra")
        .filter(|id| only.is_empty() || only.iter().any(|o| o == id))
        .filter(|id| !skip.iter().any(|s| s == id))
        .collect();
    if steps.is_empty() {
        return Err(PlanError::Empty);
    }
    Ok(steps)
}

/// The title of a step.
pub fn title(id: &str) -> &'static str {
    STEPS
        .iter()
        .find(|(s, _)| *s == id)
        .map(|(_, t)| *t)
        .unwrap_or("")
}

/// What a step's check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// Already as it should be; the detail says what was seen.
    Satisfied(String),
    /// The step would change this.
    Needed(String),
}

/// What happened to a step, for people and the JSON event stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Event {
    Start,
    /// Already satisfied: nothing done.
    Skipped,
    /// `--dry-run`: what the step would change.
    WouldChange,
    Done,
    Failed,
}

/// One event of one step: a line of `-o json` output.
#[derive(Debug, Clone, Serialize)]
pub struct StepEvent {
    pub step: &'static str,
    pub event: Event,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remediation: Option<String>,
    pub elapsed_ms: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_follows_the_runbook_and_infra_needs_terraform() {
        let all = plan(false, &[], &[]).unwrap();
        assert_eq!(all.first(), Some(&"identity"));
        assert_eq!(all.last(), Some(&"verify"));
        assert!(!all.contains(&"infra"));
        assert_eq!(plan(true, &[], &[]).unwrap()[1], "infra");
        let helm = ["alb-controller", "jaeger", "collector", "app"];
        let positions: Vec<usize> = helm
            .iter()
            .map(|h| all.iter().position(|s| s == h).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn only_and_skip_narrow_it_and_unknown_names_are_refused() {
        let only = plan(false, &["verify".into(), "identity".into()], &[]).unwrap();
        assert_eq!(only, ["identity", "verify"]);
        let skipped = plan(false, &[], &["image".into(), "verify".into()]).unwrap();
        assert!(!skipped.contains(&"image") && !skipped.contains(&"verify"));
        assert_eq!(
            plan(false, &["imgae".into()], &[]),
            Err(PlanError::Unknown("imgae".into()))
        );
        assert_eq!(plan(false, &["infra".into()], &[]), Err(PlanError::Empty));
    }
}

//! The doctor report: the JSON schema of `-o json`, the human rendering, and the exit rule.

use serde::Serialize;

use super::{CheckResult, Status};
use crate::output::{Human, Render};

/// The whole run, in the documented `-o json` schema.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub cluster: Option<String>,
    pub region: Option<String>,
    pub checks: Vec<CheckResult>,
    pub summary: Summary,
}

/// How many checks ended in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub pass: usize,
    pub warn: usize,
    pub fail: usize,
    pub skip: usize,
    pub error: usize,
}

impl Summary {
    pub fn of(checks: &[CheckResult]) -> Self {
        let mut s = Summary::default();
        for c in checks {
            *match c.status {
                Status::Pass => &mut s.pass,
                Status::Warn => &mut s.warn,
                Status::Fail => &mut s.fail,
                Status::Skip => &mut s.skip,
                Status::Error => &mut s.error,
            } += 1;
        }
        s
    }

    /// Exit 1 when anything failed or errored; with `--strict`, warnings count too.
    pub fn failed(&self, strict: bool) -> bool {
        self.fail + self.error > 0 || (strict && self.warn > 0)
    }
}

impl Report {
    pub fn new(cluster: Option<String>, region: Option<String>, checks: Vec<CheckResult>) -> Self {
        let summary = Summary::of(&checks);
        Self {
            cluster,
            region,
            checks,
            summary,
        }
    }
}

/// The heading for a check id's area.
fn area(id: &str) -> &'static str {
    match id.split('.').next().unwrap_or_default() {
        "tools" => "Tools",
        "aws" | "eks" | "iam" | "ecr" | "terraform" => "AWS",
        "kube" | "hpa" => "Kubernetes",
        "cni" => "VPC CNI",
        "alb" => "Load balancer",
        "helm" => "Helm",
        "otel" => "Tracing pipeline",
        _ => "Other",
    }
}

impl Render for Report {
    fn render(&self, out: &mut Human) {
        let mut areas: Vec<&'static str> = Vec::new();
        for c in &self.checks {
            if !areas.contains(&area(c.id)) {
                areas.push(area(c.id));
            }
        }
        for name in areas {
            out.heading(name);
            for c in self.checks.iter().filter(|c| area(c.id) == name) {
                let line = format!("{:<24} {}", c.id, c.summary);
                match c.status {
                    Status::Pass => out.ok(line),
                    Status::Warn => out.warn(line),
                    Status::Fail | Status::Error => out.fail(line),
                    Status::Skip => out.skipped(line),
                }
                if c.status != Status::Pass {
                    for d in c.details.iter().filter(|d| **d != c.summary) {
                        out.line(format!("    {d}"));
                    }
                    if let Some(fix) = &c.remediation {
                        out.line(format!("    fix: {fix}"));
                    }
                }
            }
            out.line("");
        }
        let s = &self.summary;
        out.line(format!(
            "{} checks: {} pass, {} warn, {} fail, {} error, {} skipped",
            self.checks.len(),
            s.pass,
            s.warn,
            s.fail,
            s.error,
            s.skip
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(id: &'static str, status: Status) -> CheckResult {
        CheckResult {
            id,
            title: "t",
            status,
            summary: format!("{id} summary"),
            details: vec!["a detail".into()],
            remediation: Some("otelctl iam oidc --create".into()),
            duration_ms: 1,
        }
    }

    #[test]
    fn the_exit_rule_counts_fail_and_error_and_warn_only_when_strict() {
        let warn = Summary::of(&[result("a.b", Status::Warn), result("a.c", Status::Skip)]);
        assert!(!warn.failed(false));
        assert!(warn.failed(true));
        assert!(Summary::of(&[result("a.b", Status::Error)]).failed(false));
        assert!(Summary::of(&[result("a.b", Status::Fail)]).failed(false));
        assert!(!Summary::of(&[result("a.b", Status::Pass)]).failed(true));
    }

    #[test]
    fn human_output_groups_by_area_and_shows_fixes_only_for_problems() {
        let report = Report::new(
            Some("dev".into()),
            None,
            vec![
                result("iam.oidc-provider", Status::Fail),
                result("cni.config", Status::Pass),
                result("eks.cluster", Status::Pass),
            ],
        );
        let mut out = Human::new(false);
        report.render(&mut out);
        let text = out.as_str();
        let aws = text.find("AWS").unwrap();
        assert!(text.find("eks.cluster").unwrap() > aws);
        assert!(text.find("VPC CNI").unwrap() > text.find("eks.cluster").unwrap());
        assert_eq!(text.matches("fix: otelctl iam oidc --create").count(), 1);
        assert!(text.ends_with("3 checks: 2 pass, 0 warn, 1 fail, 0 error, 0 skipped\n"));
    }
}

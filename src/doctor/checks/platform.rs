//! The platform pieces the app rides on: the AWS Load Balancer Controller (the seed's last
//! lesson: the right IRSA role and tagged subnets) and the Helm releases of the runbook.

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::networking::v1::Ingress;

use super::super::{CheckError, Context, Outcome};
use crate::aws::ec2::Subnet;
use crate::kube::helm::{self, Release};

type Check<'a> = BoxFuture<'a, Result<Outcome, CheckError>>;

pub const CONTROLLER: &str = "aws-load-balancer-controller";
const ROLE_ANNOTATION: &str = "eks.amazonaws.com/role-arn";
const SCHEME_ANNOTATION: &str = "alb.ingress.kubernetes.io/scheme";
const PUBLIC_TAG: &str = "kubernetes.io/role/elb";

/// Whether any ALB ingress asks for an internet-facing load balancer. Pure.
pub fn wants_internet_facing(ingresses: &[Ingress]) -> bool {
    ingresses.iter().any(|i| {
        i.metadata
            .annotations
            .as_ref()
            .and_then(|a| a.get(SCHEME_ANNOTATION))
            .is_some_and(|s| s == "internet-facing")
    })
}

fn ready_replicas(d: &Deployment) -> i32 {
    d.status
        .as_ref()
        .and_then(|s| s.ready_replicas)
        .unwrap_or(0)
}

/// What alb.controller looked at.
pub struct AlbState<'a> {
    pub deployment: Option<&'a Deployment>,
    pub role_annotation: Option<&'a str>,
    pub expected_role: &'a str,
    pub internet_facing: bool,
    pub vpc_subnets: &'a [Subnet],
}

/// The controller runs, with the checked role, and an internet-facing ingress has public
/// subnets in two zones to land in. Pure.
pub fn assess_alb(s: &AlbState<'_>) -> Outcome {
    let Some(deployment) = s.deployment else {
        return Outcome::fail("the AWS Load Balancer Controller is not installed in kube-system")
            .fix("otelctl helm install alb-controller");
    };
    let mut problems = Vec::new();
    if ready_replicas(deployment) == 0 {
        problems.push(
            "deployment kube-system/aws-load-balancer-controller has no ready replica".to_owned(),
        );
    }
    match s.role_annotation {
        None => problems.push(format!(
            "its service account has no {ROLE_ANNOTATION} annotation"
        )),
        Some(arn) if arn != s.expected_role => problems.push(format!(
            "its service account uses role {arn}, not {}",
            s.expected_role
        )),
        Some(_) => {}
    }
    let tagged: Vec<&Subnet> = s
        .vpc_subnets
        .iter()
        .filter(|sub| {
            sub.tags
                .get(PUBLIC_TAG)
                .is_some_and(|v| v.is_empty() || v == "1")
        })
        .collect();
    let mut zones: Vec<&str> = tagged
        .iter()
        .map(|t| t.availability_zone.as_str())
        .collect();
    zones.sort();
    zones.dedup();
    if s.internet_facing && zones.len() < 2 {
        problems.push(format!(
            "an internet-facing ingress needs subnets tagged {PUBLIC_TAG}=1 in two zones; found {} ({})",
            tagged.len(),
            tagged.iter().map(|t| t.id.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    if problems.is_empty() {
        Outcome::pass(format!(
            "controller ready with role {}; {} public subnet(s) tagged",
            s.expected_role,
            tagged.len()
        ))
    } else {
        Outcome::fail(problems[0].clone())
            .details(problems)
            .fix("otelctl iam alb-role --create, then `otelctl helm install alb-controller`; tag public subnets kubernetes.io/role/elb=1 (terraform/modules/vpc does)")
    }
}

pub fn alb_controller(ctx: &Context) -> Check<'_> {
    async move {
        let (deployments, ingresses, cluster) =
            futures_util::try_join!(ctx.deployments(), ctx.ingresses(), ctx.cluster())?;
        let deployment = deployments.iter().find(|d| {
            d.metadata.namespace.as_deref() == Some("kube-system")
                && d.metadata.name.as_deref() == Some(CONTROLLER)
        });
        let sa_name = deployment
            .and_then(|d| d.spec.template.spec.as_ref())
            .and_then(|s| s.service_account_name.clone())
            .unwrap_or_else(|| CONTROLLER.to_owned());
        let sa = match deployment {
            Some(_) => ctx.service_account("kube-system", &sa_name).await?,
            None => None,
        };
        let role = sa
            .as_ref()
            .and_then(|sa| sa.metadata.annotations.as_ref())
            .and_then(|a| a.get(ROLE_ANNOTATION))
            .cloned();
        let (partition, account) = cluster.partition_and_account().ok_or_else(|| {
            CheckError::new(format!("cannot read the account from {}", cluster.arn))
        })?;
        let expected = format!(
            "arn:{partition}:iam::{account}:role/{}",
            ctx.opts.alb_role_name
        );
        let internet_facing = wants_internet_facing(&ingresses);
        let subnets = if internet_facing {
            ctx.vpc_subnets().await?
        } else {
            Default::default()
        };
        Ok(assess_alb(&AlbState {
            deployment,
            role_annotation: role.as_deref(),
            expected_role: &expected,
            internet_facing,
            vpc_subnets: &subnets,
        }))
    }
    .boxed()
}

/// The runbook's releases: the app (any release in its namespace), then by name.
pub fn assess_releases(releases: &[Release], app_namespace: &str) -> Outcome {
    // The releases pinned in assets/charts/versions.toml; the app by namespace, since the
    // seed named its release flask-hello.
    let pins = crate::helm::pins();
    let expected: Vec<(&str, Option<&Release>)> = pins
        .iter()
        .map(|p| {
            let found = if p.target == "app" {
                releases.iter().find(|r| r.namespace == app_namespace)
            } else {
                releases.iter().find(|r| r.name == p.release)
            };
            (
                if p.target == "app" {
                    "app"
                } else {
                    p.release.as_str()
                },
                found,
            )
        })
        .collect();
    let mut bad = Vec::new();
    let mut pending = Vec::new();
    let mut lines = Vec::new();
    for (label, release) in expected {
        match release {
            None => bad.push(format!("{label}: missing")),
            Some(r) => {
                let line = format!(
                    "{}/{}: {} (revision {}, chart {}-{}, app {})",
                    r.namespace,
                    r.name,
                    r.status,
                    r.revision,
                    r.chart,
                    r.chart_version,
                    r.app_version
                );
                match r.status.as_str() {
                    "deployed" => lines.push(line),
                    s if s.starts_with("pending-") => pending.push(line),
                    _ => bad.push(line),
                }
            }
        }
    }
    let fix = "otelctl helm install all (a pending-* release was interrupted: rerun it, or `helm rollback`)";
    if !bad.is_empty() {
        Outcome::fail(format!("{} release(s) missing or failed", bad.len()))
            .details(bad.into_iter().chain(pending).chain(lines))
            .fix(fix)
    } else if !pending.is_empty() {
        Outcome::warn(format!("{} release(s) in a pending state", pending.len()))
            .details(pending.into_iter().chain(lines))
            .fix(fix)
    } else {
        Outcome::pass("app, jaeger, otel-collector and aws-load-balancer-controller deployed")
            .details(lines)
    }
}

pub fn helm_releases(ctx: &Context) -> Check<'_> {
    async move {
        let secrets = ctx.helm_secrets().await?;
        let mut undecodable = Vec::new();
        let decoded: Vec<Release> = secrets
            .iter()
            .filter_map(|s| {
                helm::decode(s)
                    .map_err(|e| undecodable.push(e.to_string()))
                    .ok()
            })
            .collect();
        let outcome = assess_releases(&helm::latest(decoded), &ctx.opts.app_namespace);
        Ok(outcome.details(undecodable))
    }
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::Status;
    use serde_json::json;

    fn release(ns: &str, name: &str, status: &str) -> Release {
        Release {
            name: name.into(),
            namespace: ns.into(),
            revision: 1,
            status: status.into(),
            chart: name.into(),
            chart_version: "1.0.0".into(),
            app_version: "1".into(),
            values: serde_json::Value::Null,
        }
    }

    #[test]
    fn releases_pass_only_when_all_four_are_deployed() {
        let mut all = vec![
            release("app", "otel-demo", "deployed"),
            release("jaeger", "jaeger", "deployed"),
            release("opentelemetry", "otel-collector", "deployed"),
            release("kube-system", CONTROLLER, "deployed"),
        ];
        assert_eq!(assess_releases(&all, "app").status, Status::Pass);
        all[1].status = "pending-upgrade".into();
        assert_eq!(assess_releases(&all, "app").status, Status::Warn);
        all[1].status = "failed".into();
        assert_eq!(assess_releases(&all, "app").status, Status::Fail);
        let missing = assess_releases(&all[2..], "app");
        assert_eq!(missing.status, Status::Fail);
        assert!(missing.details.iter().any(|d| d == "app: missing"));
    }

    fn subnet(id: &str, az: &str, public: bool) -> Subnet {
        let mut tags = std::collections::BTreeMap::new();
        if public {
            tags.insert(PUBLIC_TAG.to_owned(), "1".to_owned());
        }
        Subnet {
            id: id.into(),
            vpc_id: "v".into(),
            cidr: "10.0.0.0/24".into(),
            availability_zone: az.into(),
            available_ips: 100,
            tags,
        }
    }

    #[test]
    fn the_controller_needs_readiness_the_role_and_public_subnets() {
        let dep: Deployment = serde_json::from_value(
            json!({"metadata": {"name": CONTROLLER, "namespace": "kube-system"},
            "status": {"readyReplicas": 2}}),
        )
        .unwrap();
        let subnets = [
            subnet("a", "us-east-1a", true),
            subnet("b", "us-east-1b", true),
        ];
        let good = AlbState {
            deployment: Some(&dep),
            role_annotation: Some("arn:role"),
            expected_role: "arn:role",
            internet_facing: true,
            vpc_subnets: &subnets,
        };
        assert_eq!(assess_alb(&good).status, Status::Pass);
        assert_eq!(
            assess_alb(&AlbState {
                role_annotation: Some("arn:other"),
                ..good
            })
            .status,
            Status::Fail
        );
        assert_eq!(
            assess_alb(&AlbState {
                role_annotation: None,
                ..good
            })
            .status,
            Status::Fail
        );
        let one_zone = [
            subnet("a", "us-east-1a", true),
            subnet("b", "us-east-1b", false),
        ];
        assert_eq!(
            assess_alb(&AlbState {
                vpc_subnets: &one_zone,
                ..good
            })
            .status,
            Status::Fail
        );
        assert_eq!(
            assess_alb(&AlbState {
                vpc_subnets: &one_zone,
                internet_facing: false,
                ..good
            })
            .status,
            Status::Pass
        );
        assert_eq!(
            assess_alb(&AlbState {
                deployment: None,
                ..good
            })
            .status,
            Status::Fail
        );
    }
}

//! Kubernetes checks: the kubeconfig context, the API, nodes, pods that are not running,
//! and whether the app's HPA can ever scale.

use std::collections::BTreeMap;

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler;
use k8s_openapi::api::core::v1::{Node, Pod};

use super::super::{CheckError, Context, Outcome};
use crate::aws::eks::Cluster;
use crate::kube::client::Target;

type Check<'a> = BoxFuture<'a, Result<Outcome, CheckError>>;

/// Restarts at or above this make a running pod worth a warning.
const RESTARTS_WARN: i32 = 3;

/// The context points at the cluster by server URL or by ARN. Pure.
pub fn assess_context(target: &Target, cluster: &Cluster) -> Outcome {
    let (by_server, by_arn) = crate::kube::client::points_at(target, cluster);
    let details = vec![
        format!("context: {}", target.context),
        format!("kubeconfig cluster: {} ({})", target.cluster, target.server),
        format!(
            "EKS cluster: {} ({})",
            cluster.arn,
            cluster.endpoint.as_deref().unwrap_or("no endpoint")
        ),
    ];
    if by_server || by_arn {
        Outcome::pass(format!(
            "context {} points at {} (by {})",
            target.context,
            cluster.name,
            if by_server { "server URL" } else { "ARN" }
        ))
    } else {
        Outcome::fail(format!(
            "context {} points at {}, not at cluster {}",
            target.context, target.server, cluster.name
        ))
        .details(details)
        .fix(format!(
            "otelctl kubeconfig update --cluster {}",
            cluster.name
        ))
    }
}

pub fn context(ctx: &Context) -> Check<'_> {
    async move {
        let (target, _) = ctx.kube.as_ref().map_err(Clone::clone)?;
        let cluster = ctx.cluster().await?;
        Ok(assess_context(target, &cluster))
    }
    .boxed()
}

pub fn api(ctx: &Context) -> Check<'_> {
    async move {
        let (target, client) = ctx.kube.as_ref().map_err(Clone::clone)?;
        let info = client.apiserver_version().await.map_err(|e| {
            let mut err = CheckError::from(e);
            if err.remediation.is_none() {
                err.remediation = Some(format!(
                    "is {} reachable from here (VPN, endpoint access)? `otelctl kubeconfig update` \
                     rewrites the entry",
                    target.server
                ));
            }
            err
        })?;
        Ok(Outcome::pass(format!(
            "{} answers as an authenticated client (Kubernetes {})",
            target.server, info.git_version
        )))
    }
    .boxed()
}

/// Whether a node's Ready condition is True. Pure.
fn node_ready(node: &Node) -> bool {
    node.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .is_some_and(|cs| cs.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
}

/// All nodes Ready, counted per instance type. Pure.
pub fn assess_nodes(nodes: &[Node]) -> Outcome {
    if nodes.is_empty() {
        return Outcome::fail("the cluster has no nodes: no pod can be scheduled")
            .fix("add a node group (terraform/modules/eks) and `otelctl infra apply`");
    }
    let mut per_type: BTreeMap<String, usize> = BTreeMap::new();
    for n in nodes {
        *per_type
            .entry(super::instance_type(n).unwrap_or_else(|| "unknown".into()))
            .or_default() += 1;
    }
    let types = per_type
        .iter()
        .map(|(t, n)| format!("{n}× {t}"))
        .collect::<Vec<_>>()
        .join(", ");
    let not_ready: Vec<String> = nodes
        .iter()
        .filter(|n| !node_ready(n))
        .map(|n| n.metadata.name.clone().unwrap_or_default())
        .collect();
    if not_ready.is_empty() {
        Outcome::pass(format!("{} nodes Ready ({types})", nodes.len()))
    } else {
        Outcome::fail(format!(
            "{} of {} nodes not Ready",
            not_ready.len(),
            nodes.len()
        ))
        .details(not_ready.into_iter().map(|n| format!("{n}: not Ready")))
        .fix("describe the node's conditions; on EKS check the node group's health in the console")
    }
}

pub fn nodes(ctx: &Context) -> Check<'_> {
    async move { Ok(assess_nodes(&ctx.nodes().await?)) }.boxed()
}

/// What is wrong with a pod, if anything: `(is_failure, reason)`. Pure.
pub fn pod_problem(pod: &Pod) -> Option<(bool, String)> {
    let status = pod.status.as_ref()?;
    let phase = status.phase.as_deref().unwrap_or("Unknown");
    let containers = status
        .init_container_statuses
        .iter()
        .flatten()
        .chain(status.container_statuses.iter().flatten());
    let mut waiting = None;
    let mut restarts = 0;
    let mut last_terminated = None;
    for c in containers {
        restarts = restarts.max(c.restart_count);
        if let Some(w) = c.state.as_ref().and_then(|s| s.waiting.as_ref()) {
            let reason = w.reason.clone().unwrap_or_else(|| "Waiting".into());
            let message = w
                .message
                .clone()
                .map(|m| format!(": {m}"))
                .unwrap_or_default();
            waiting.get_or_insert(format!("{} {reason}{message}", c.name));
        }
        if let Some(t) = c.last_state.as_ref().and_then(|s| s.terminated.as_ref()) {
            last_terminated = t.reason.clone();
        }
    }
    match phase {
        "Succeeded" => None,
        "Running" if waiting.is_none() => (restarts >= RESTARTS_WARN).then(|| {
            let last = last_terminated
                .map(|r| format!(", last: {r}"))
                .unwrap_or_default();
            (false, format!("restarted {restarts} times{last}"))
        }),
        "Pending" if waiting.is_none() => {
            let unscheduled = status
                .conditions
                .iter()
                .flatten()
                .find(|c| c.type_ == "PodScheduled" && c.status == "False");
            Some((
                true,
                match unscheduled {
                    Some(c) => format!(
                        "Pending, unschedulable: {}",
                        c.message
                            .as_deref()
                            .unwrap_or("no message from the scheduler")
                    ),
                    None => "Pending".into(),
                },
            ))
        }
        _ => Some((
            true,
            match waiting {
                Some(w) => format!("{phase}: {w}"),
                None => phase.to_owned(),
            },
        )),
    }
}

/// Pods that are not Running/Succeeded, or restarting, in the watched namespaces. Pure.
pub fn assess_pods(pods: &[Pod], namespaces: &[String]) -> Outcome {
    let watched: Vec<&Pod> = pods
        .iter()
        .filter(|p| {
            p.metadata
                .namespace
                .as_ref()
                .is_some_and(|ns| namespaces.contains(ns))
        })
        .collect();
    let mut failing = Vec::new();
    let mut warnings = Vec::new();
    for pod in &watched {
        if let Some((fatal, reason)) = pod_problem(pod) {
            let line = format!(
                "{}/{}: {reason}",
                pod.metadata.namespace.as_deref().unwrap_or_default(),
                pod.metadata.name.as_deref().unwrap_or_default()
            );
            if fatal {
                failing.push(line)
            } else {
                warnings.push(line)
            }
        }
    }
    let scope = namespaces.join(", ");
    if !failing.is_empty() {
        Outcome::fail(format!("{} pod(s) not running in {scope}", failing.len()))
            .details(failing.into_iter().chain(warnings))
            .fix("ImagePullBackOff: `otelctl doctor --only ecr.image`; ContainerCreating: `--only cni.`; CrashLoopBackOff: read the pod's logs")
    } else if !warnings.is_empty() {
        Outcome::warn(format!("{} pod(s) restarting in {scope}", warnings.len()))
            .details(warnings)
            .fix("read the previous container's logs (`kubectl logs --previous`)")
    } else {
        Outcome::pass(format!("{} pods running in {scope}", watched.len()))
    }
}

pub fn pods(ctx: &Context) -> Check<'_> {
    async move { Ok(assess_pods(&ctx.pods().await?, &ctx.opts.pod_namespaces)) }.boxed()
}

/// An HPA for the app, pointing at a deployment that exists, and a metrics API behind it.
/// Pure.
pub fn assess_hpa(
    hpas: &[HorizontalPodAutoscaler],
    deployments: &[Deployment],
    namespace: &str,
    metrics_api: bool,
) -> Outcome {
    let in_ns: Vec<&HorizontalPodAutoscaler> = hpas
        .iter()
        .filter(|h| h.metadata.namespace.as_deref() == Some(namespace))
        .collect();
    if in_ns.is_empty() {
        return Outcome::warn(format!(
            "no HorizontalPodAutoscaler in namespace {namespace}"
        ))
        .fix("install the app chart, which has one: `otelctl helm install app`");
    }
    let mut problems = Vec::new();
    for h in &in_ns {
        let name = h.metadata.name.as_deref().unwrap_or_default();
        let target = Some(&h.spec.scale_target_ref);
        let exists = target.is_some_and(|t| {
            deployments.iter().any(|d| {
                d.metadata.namespace.as_deref() == Some(namespace)
                    && d.metadata.name.as_deref() == Some(t.name.as_str())
            })
        });
        if !exists {
            problems.push(format!(
                "{name}: its target {} does not exist",
                target.map(|t| t.name.as_str()).unwrap_or("?")
            ));
        }
        let failing = h
            .status
            .as_ref()
            .and_then(|s| s.conditions.as_ref())
            .into_iter()
            .flatten()
            .find(|c| c.type_ == "ScalingActive" && c.status == "False");
        if let Some(c) = failing {
            problems.push(format!(
                "{name}: ScalingActive=False ({}): {}",
                c.reason.as_deref().unwrap_or("?"),
                c.message.as_deref().unwrap_or_default()
            ));
        }
    }
    if !metrics_api {
        return Outcome::fail(
            "metrics-server is not serving metrics.k8s.io: the HPA can never scale",
        )
        .details(problems)
        .fix("install metrics-server (the EKS add-on `metrics-server`, or its Helm chart)");
    }
    if problems.is_empty() {
        Outcome::pass(format!(
            "{} HPA(s) in {namespace}, metrics API available",
            in_ns.len()
        ))
    } else {
        Outcome::fail(problems[0].clone()).details(problems)
    }
}

pub fn hpa(ctx: &Context) -> Check<'_> {
    async move {
        let (hpas, deployments, groups) =
            futures_util::try_join!(ctx.hpas(), ctx.deployments(), ctx.api_groups())?;
        let metrics = groups.iter().any(|g| g == "metrics.k8s.io");
        Ok(assess_hpa(
            &hpas,
            &deployments,
            &ctx.opts.app_namespace,
            metrics,
        ))
    }
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::Status;
    use serde_json::json;

    fn pod(ns: &str, status: serde_json::Value) -> Pod {
        serde_json::from_value(
            json!({"metadata": {"name": "p", "namespace": ns}, "status": status}),
        )
        .unwrap()
    }

    #[test]
    fn pod_reasons_name_what_kubernetes_says() {
        let pull = pod(
            "app",
            json!({"phase": "Pending", "containerStatuses": [{"name": "app", "ready": false, "restartCount": 0, "image": "x", "imageID": "",
            "state": {"waiting": {"reason": "ImagePullBackOff", "message": "Back-off pulling image"}}}]}),
        );
        assert_eq!(
            pod_problem(&pull).unwrap(),
            (
                true,
                "Pending: app ImagePullBackOff: Back-off pulling image".into()
            )
        );
        let unscheduled = pod(
            "app",
            json!({"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "False", "message": "0/2 nodes are available: 2 Too many pods."}]}),
        );
        assert_eq!(
            pod_problem(&unscheduled).unwrap().1,
            "Pending, unschedulable: 0/2 nodes are available: 2 Too many pods."
        );
        let crash = pod(
            "app",
            json!({"phase": "Running", "containerStatuses": [{"name": "app", "ready": false, "restartCount": 7, "image": "x", "imageID": "",
            "state": {"waiting": {"reason": "CrashLoopBackOff"}}}]}),
        );
        assert_eq!(
            pod_problem(&crash).unwrap(),
            (true, "Running: app CrashLoopBackOff".into())
        );
        let restarting = pod(
            "app",
            json!({"phase": "Running", "containerStatuses": [{"name": "app", "ready": true, "restartCount": 4, "image": "x", "imageID": "",
            "state": {"running": {}}, "lastState": {"terminated": {"exitCode": 137, "reason": "OOMKilled"}}}]}),
        );
        assert_eq!(
            pod_problem(&restarting).unwrap(),
            (false, "restarted 4 times, last: OOMKilled".into())
        );
        assert_eq!(
            pod_problem(&pod("app", json!({"phase": "Succeeded"}))),
            None
        );
        assert_eq!(pod_problem(&pod("app", json!({"phase": "Running"}))), None);
    }

    #[test]
    fn only_watched_namespaces_count() {
        let bad = pod("other", json!({"phase": "Failed"}));
        let ns = vec!["app".to_owned()];
        assert_eq!(
            assess_pods(std::slice::from_ref(&bad), &ns).status,
            Status::Pass
        );
        let bad_app = pod("app", json!({"phase": "Failed"}));
        assert_eq!(assess_pods(&[bad, bad_app], &ns).status, Status::Fail);
    }

    #[test]
    fn contexts_match_by_server_or_arn() {
        let cluster = Cluster {
            name: "dev".into(),
            arn: "arn:aws:eks:us-east-1:1:cluster/dev".into(),
            status: "ACTIVE".into(),
            endpoint: Some("https://ABC.eks.amazonaws.com".into()),
            certificate_authority: None,
            version: None,
            platform_version: None,
            oidc_issuer: None,
            subnet_ids: vec![],
            vpc_id: None,
        };
        let target = |cluster: &str, server: &str| Target {
            context: "ctx".into(),
            cluster: cluster.into(),
            server: server.into(),
        };
        assert_eq!(
            assess_context(&target("x", "https://abc.eks.amazonaws.com/"), &cluster).status,
            Status::Pass
        );
        assert_eq!(
            assess_context(
                &target("arn:aws:eks:us-east-1:1:cluster/dev", "http://127.0.0.1:1"),
                &cluster
            )
            .status,
            Status::Pass
        );
        let wrong = assess_context(&target("kind-kind", "https://127.0.0.1:6443"), &cluster);
        assert_eq!(wrong.status, Status::Fail);
        assert_eq!(
            wrong.remediation.as_deref(),
            Some("otelctl kubeconfig update --cluster dev")
        );
    }

    #[test]
    fn an_hpa_without_metrics_server_fails() {
        let hpa: HorizontalPodAutoscaler = serde_json::from_value(json!({"metadata": {"name": "app", "namespace": "app"},
            "spec": {"maxReplicas": 3, "scaleTargetRef": {"kind": "Deployment", "name": "app", "apiVersion": "apps/v1"}}})).unwrap();
        let dep: Deployment =
            serde_json::from_value(json!({"metadata": {"name": "app", "namespace": "app"}}))
                .unwrap();
        let hpas = [hpa];
        assert_eq!(
            assess_hpa(&hpas, std::slice::from_ref(&dep), "app", true).status,
            Status::Pass
        );
        assert_eq!(
            assess_hpa(&hpas, std::slice::from_ref(&dep), "app", false).status,
            Status::Fail
        );
        assert_eq!(assess_hpa(&hpas, &[], "app", true).status, Status::Fail);
        assert_eq!(assess_hpa(&[], &[dep], "app", true).status, Status::Warn);
    }
}

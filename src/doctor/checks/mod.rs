//! The checks, by area, and the registry that names them. Ids are part of the interface
//! (`--only`, `--skip`, JSON, JUnit): never rename one.

mod aws;
mod cni;
mod kube;
mod otel;
mod platform;
mod tools;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Container, Node};

use super::engine::Check;

const AWS: &[&str] = &["aws.identity"];
const CLUSTER: &[&str] = &["eks.cluster"];
const KUBE: &[&str] = &["kube.api"];

/// Every check, each after the checks it needs.
pub static CHECKS: &[Check] = &[
    Check {
        id: "tools.helm",
        title: "helm is installed",
        needs: &[],
        run: tools::helm,
    },
    Check {
        id: "tools.kubectl",
        title: "kubectl is installed",
        needs: &[],
        run: tools::kubectl,
    },
    Check {
        id: "tools.docker",
        title: "docker is installed",
        needs: &[],
        run: tools::docker,
    },
    Check {
        id: "tools.terraform",
        title: "terraform is installed",
        needs: &[],
        run: tools::terraform,
    },
    Check {
        id: "aws.identity",
        title: "AWS credentials work",
        needs: &[],
        run: aws::identity,
    },
    Check {
        id: "eks.cluster",
        title: "the EKS cluster is ACTIVE",
        needs: AWS,
        run: aws::cluster,
    },
    Check {
        id: "eks.version",
        title: "the Kubernetes version is in standard support",
        needs: CLUSTER,
        run: aws::version,
    },
    Check {
        id: "iam.oidc-provider",
        title: "the cluster's IAM OIDC provider exists",
        needs: CLUSTER,
        run: aws::oidc_provider,
    },
    Check {
        id: "iam.alb-controller-role",
        title: "the ALB controller's IAM role is right",
        needs: CLUSTER,
        run: aws::alb_role,
    },
    Check {
        id: "ecr.image",
        title: "the deployed image is in ECR",
        needs: AWS,
        run: aws::ecr_image,
    },
    Check {
        id: "terraform.state",
        title: "Terraform state has what AWS has",
        needs: AWS,
        run: aws::terraform_state,
    },
    Check {
        id: "kube.context",
        title: "the kubeconfig context is this cluster",
        needs: CLUSTER,
        run: kube::context,
    },
    Check {
        id: "kube.api",
        title: "the Kubernetes API answers",
        needs: &[],
        run: kube::api,
    },
    Check {
        id: "kube.nodes",
        title: "all nodes are Ready",
        needs: KUBE,
        run: kube::nodes,
    },
    Check {
        id: "kube.pods",
        title: "the runbook's pods are running",
        needs: KUBE,
        run: kube::pods,
    },
    Check {
        id: "cni.subnet-ips",
        title: "subnets have free IP addresses",
        needs: CLUSTER,
        run: cni::subnet_ips,
    },
    Check {
        id: "cni.node-capacity",
        title: "nodes have room for more pods",
        needs: &["kube.api", "aws.identity"],
        run: cni::node_capacity,
    },
    Check {
        id: "cni.ip-assignment",
        title: "no pod waits for an IP address",
        needs: KUBE,
        run: cni::ip_assignment,
    },
    Check {
        id: "cni.config",
        title: "the VPC CNI is configured for the subnets",
        needs: KUBE,
        run: cni::config,
    },
    Check {
        id: "alb.controller",
        title: "the AWS Load Balancer Controller can make ALBs",
        needs: &["kube.api", "eks.cluster"],
        run: platform::alb_controller,
    },
    Check {
        id: "helm.releases",
        title: "the runbook's Helm releases are deployed",
        needs: KUBE,
        run: platform::helm_releases,
    },
    Check {
        id: "otel.collector",
        title: "the OpenTelemetry Collector is ready",
        needs: KUBE,
        run: otel::collector,
    },
    Check {
        id: "otel.jaeger",
        title: "Jaeger is ready",
        needs: KUBE,
        run: otel::jaeger,
    },
    Check {
        id: "otel.app-endpoint",
        title: "the app exports to the collector",
        needs: &["otel.collector"],
        run: otel::app_endpoint,
    },
    Check {
        id: "hpa.metrics",
        title: "the app's HPA can scale",
        needs: KUBE,
        run: kube::hpa,
    },
];

/// A node's instance type, from its well-known label.
pub fn instance_type(node: &Node) -> Option<String> {
    let labels = node.metadata.labels.as_ref()?;
    labels
        .get("node.kubernetes.io/instance-type")
        .or_else(|| labels.get("beta.kubernetes.io/instance-type"))
        .cloned()
}

/// The containers of a deployment's pod template.
pub fn containers(d: &Deployment) -> impl Iterator<Item = &Container> {
    d.spec
        .template
        .spec
        .as_ref()
        .into_iter()
        .flat_map(|s| s.containers.iter())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prerequisite_is_registered_before_its_dependents() {
        for (i, check) in CHECKS.iter().enumerate() {
            for need in check.needs {
                let at = CHECKS.iter().position(|c| c.id == *need);
                assert!(at.is_some_and(|at| at < i), "{} needs {need}", check.id);
            }
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<&str> = CHECKS.iter().map(|c| c.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), CHECKS.len());
    }
}

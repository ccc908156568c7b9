use super::*;
use crate::doctor::Status;
use serde_json::json;

fn limits(t: &str, enis: u32, ips: u32, vcpus: u32) -> InstanceLimits {
    InstanceLimits {
        instance_type: t.into(),
        max_enis: enis,
        ipv4_per_eni: ips,
        vcpus,
    }
}

fn subnet(id: &str, cidr: &str, free: u32) -> Subnet {
    Subnet {
        id: id.into(),
        vpc_id: "vpc-1".into(),
        cidr: cidr.into(),
        availability_zone: "us-east-1a".into(),
        available_ips: free,
        tags: Default::default(),
    }
}

fn node(name: &str, ip: &str, t: &str) -> Node {
    serde_json::from_value(json!({
        "metadata": {"name": name, "labels": {"node.kubernetes.io/instance-type": t}},
        "status": {"addresses": [{"type": "InternalIP", "address": ip}]}
    }))
    .unwrap()
}

fn pod(ns: &str, name: &str, node: &str, phase: &str) -> Pod {
    serde_json::from_value(json!({
        "metadata": {"name": name, "namespace": ns},
        "spec": {"nodeName": node, "containers": []},
        "status": {"phase": phase}
    }))
    .unwrap()
}

fn aws_node(env: serde_json::Value) -> DaemonSet {
    serde_json::from_value(json!({
        "metadata": {"name": "aws-node", "namespace": "kube-system"},
        "spec": {"selector": {}, "template": {"spec": {"containers": [{"name": "aws-node", "env": env}]}}}
    }))
    .unwrap()
}

#[test]
fn max_pods_follows_the_eks_formula() {
    // m5.large: 3 ENIs × 10 addresses → 3 × 9 + 2 = 29, as EKS's eni-max-pods table says.
    assert_eq!(max_pods(&limits("m5.large", 3, 10, 2), false), 29);
    // t3.medium: 3 × 6 → 17.
    assert_eq!(max_pods(&limits("t3.medium", 3, 6, 2), false), 17);
    // Prefix delegation: 3 × 9 × 16 + 2 = 434, capped at 110 below 30 vCPUs, 250 above.
    assert_eq!(max_pods(&limits("m5.large", 3, 10, 2), true), 110);
    assert_eq!(max_pods(&limits("m5.16xlarge", 15, 50, 64), true), 250);
    assert_eq!(max_pods(&limits("t3.nano", 2, 2, 2), true), 34);
}

#[test]
fn cidr_membership() {
    assert!(in_cidr("10.0.1.17", "10.0.1.0/24"));
    assert!(!in_cidr("10.0.2.17", "10.0.1.0/24"));
    assert!(in_cidr("10.0.2.17", "10.0.0.0/16"));
    assert!(!in_cidr("nope", "10.0.0.0/16"));
    assert!(!in_cidr("10.0.0.1", "10.0.0.0/33"));
}

#[test]
fn warm_pools_follow_the_aws_node_settings() {
    let default = CniEnv::default();
    assert_eq!(default.warm_per_node(10), 9);
    let ip = CniEnv {
        warm_ip_target: Some(2),
        minimum_ip_target: Some(5),
        ..Default::default()
    };
    assert_eq!(ip.warm_per_node(10), 5);
    let pd = CniEnv {
        prefix_delegation: true,
        ..Default::default()
    };
    assert_eq!(pd.warm_per_node(10), 16);
    let env = CniEnv::from_daemonset(&aws_node(json!([
        {"name": "WARM_IP_TARGET", "value": "3"},
        {"name": "ENABLE_PREFIX_DELEGATION", "value": "true"},
        {"name": "AWS_VPC_K8S_CNI_LOGLEVEL", "value": "DEBUG"}
    ])));
    assert_eq!(env.warm_ip_target, Some(3));
    assert!(env.prefix_delegation);
}

#[test]
fn subnets_warn_below_the_warm_need_and_fail_when_empty_or_short() {
    let nodes = [
        node("n1", "10.0.1.10", "m5.large"),
        node("n2", "10.0.1.11", "m5.large"),
    ];
    let limits = [limits("m5.large", 3, 10, 2)];
    let load = Load {
        nodes: &nodes,
        pods: &[],
        env: CniEnv::default(),
        limits: &limits,
    };
    // Two nodes × 9 warm = 18 needed.
    assert_eq!(
        assess_subnets(&[subnet("subnet-a", "10.0.1.0/24", 200)], &load).status,
        Status::Pass
    );
    let low = assess_subnets(&[subnet("subnet-a", "10.0.1.0/24", 17)], &load);
    assert_eq!(low.status, Status::Warn);
    assert!(low.details[0].contains("below 18"), "{:?}", low.details);
    // No nodes in it: the floor of 16 applies.
    assert_eq!(
        assess_subnets(&[subnet("subnet-b", "10.0.9.0/24", 15)], &load).status,
        Status::Warn
    );
    assert_eq!(
        assess_subnets(&[subnet("subnet-a", "10.0.1.0/24", 0)], &load).status,
        Status::Fail
    );
    let waiting = [
        pod("app", "a", "n1", "Pending"),
        pod("app", "b", "n2", "Pending"),
        pod("app", "c", "n1", "Pending"),
    ];
    let load = Load {
        pods: &waiting,
        ..load
    };
    let short = assess_subnets(&[subnet("subnet-a", "10.0.1.0/24", 2)], &load);
    assert_eq!(short.status, Status::Fail);
    assert!(short.details[0].contains("3 pod(s) waiting"));
}

#[test]
fn nodes_near_max_pods_warn() {
    let nodes = [
        node("n1", "10.0.1.10", "t3.medium"),
        node("n2", "10.0.1.11", "t3.medium"),
    ];
    let limits = [limits("t3.medium", 3, 6, 2)];
    let mut pods: Vec<Pod> = (0..16)
        .map(|i| pod("app", &format!("p{i}"), "n1", "Running"))
        .collect();
    pods.push(pod("app", "done", "n1", "Succeeded"));
    pods.push(pod("app", "q", "n2", "Running"));
    let hot = assess_capacity(&nodes, &pods, &limits, &CniEnv::default());
    assert_eq!(hot.status, Status::Warn);
    assert_eq!(hot.details[0], "n1 (t3.medium): 16/17 pods");
    let fine = assess_capacity(&nodes, &pods[..10], &limits, &CniEnv::default());
    assert_eq!(fine.status, Status::Pass);
    // Prefix delegation lifts the limit to 110.
    let pd = CniEnv {
        prefix_delegation: true,
        ..Default::default()
    };
    assert_eq!(
        assess_capacity(&nodes, &pods, &limits, &pd).status,
        Status::Pass
    );
}

#[test]
fn ip_assignment_failures_name_pods_nodes_and_subnets() {
    let event: Event = serde_json::from_value(json!({
        "metadata": {"name": "e1", "namespace": "app"},
        "involvedObject": {"kind": "Pod", "namespace": "app", "name": "web-1"},
        "reason": "FailedCreatePodSandBox",
        "message": "Failed to create pod sandbox: plugin type=\"aws-cni\" name=\"aws-cni\" failed (add): add cmd: failed to assign an IP address to container"
    }))
    .unwrap();
    let nodes = [node("n1", "10.0.1.10", "m5.large")];
    let subnets = [subnet("subnet-a", "10.0.1.0/24", 0)];
    let stuck = [pod("app", "web-1", "n1", "Pending")];
    let out = assess_ip_assignment(std::slice::from_ref(&event), &stuck, &nodes, &subnets);
    assert_eq!(out.status, Status::Fail);
    assert_eq!(
        out.details,
        vec!["app/web-1 on n1, subnet subnet-a (0 free)"]
    );
    // Once the pod runs, the old event no longer counts.
    let running = [pod("app", "web-1", "n1", "Running")];
    assert_eq!(
        assess_ip_assignment(&[event], &running, &nodes, &subnets).status,
        Status::Pass
    );
}

#[test]
fn config_advises_on_small_subnets_and_fails_without_the_cni() {
    assert_eq!(assess_config(None, None).status, Status::Fail);
    let default = aws_node(json!([]));
    assert_eq!(
        assess_config(Some(&default), Some(500)).status,
        Status::Pass
    );
    assert_eq!(assess_config(Some(&default), Some(40)).status, Status::Warn);
    let tuned = aws_node(json!([{"name": "WARM_IP_TARGET", "value": "2"}]));
    assert_eq!(assess_config(Some(&tuned), Some(40)).status, Status::Pass);
}

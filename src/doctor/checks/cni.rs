//! VPC CNI checks, the seed's first lesson: when a subnet runs out of addresses, pods sit in
//! ContainerCreating with nothing but an event to say why.
//!
//! The arithmetic is the CNI's own: every pod takes a VPC address; each node holds a warm
//! pool (a spare ENI's worth by default); a node fits ENIs × (IPv4 per ENI − 1) + 2 pods, or
//! with prefix delegation 16 addresses per slot, capped as EKS caps max-pods.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use k8s_openapi::api::apps::v1::DaemonSet;
use k8s_openapi::api::core::v1::{Event, Node, Pod};

use super::super::{CheckError, Context, Outcome};
use crate::aws::ec2::{InstanceLimits, Subnet};

type Check<'a> = BoxFuture<'a, Result<Outcome, CheckError>>;

/// The smallest free-address margin worth having in any subnet, whatever the warm pools say.
const FLOOR: u32 = 16;
const IP_FAILURE: &str = "failed to assign an IP address to container";
const SUBNET_FULL: &str = "InsufficientFreeAddressesInSubnet";

/// The aws-node settings that decide how many addresses each node holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CniEnv {
    pub warm_ip_target: Option<u32>,
    pub minimum_ip_target: Option<u32>,
    pub warm_eni_target: Option<u32>,
    pub warm_prefix_target: Option<u32>,
    pub prefix_delegation: bool,
}

impl CniEnv {
    /// Read from the aws-node container of the daemonset. Pure.
    pub fn from_daemonset(ds: &DaemonSet) -> Self {
        let env: BTreeMap<&str, &str> = ds
            .spec
            .template
            .spec
            .as_ref()
            .into_iter()
            .flat_map(|s| s.containers.iter())
            .filter(|c| c.name == "aws-node")
            .flat_map(|c| c.env.iter().flatten())
            .filter_map(|e| Some((e.name.as_str(), e.value.as_deref()?)))
            .collect();
        let num = |k: &str| env.get(k).and_then(|v| v.trim().parse().ok());
        CniEnv {
            warm_ip_target: num("WARM_IP_TARGET"),
            minimum_ip_target: num("MINIMUM_IP_TARGET"),
            warm_eni_target: num("WARM_ENI_TARGET"),
            warm_prefix_target: num("WARM_PREFIX_TARGET"),
            prefix_delegation: env
                .get("ENABLE_PREFIX_DELEGATION")
                .is_some_and(|v| v.eq_ignore_ascii_case("true")),
        }
    }

    /// Addresses one node keeps in reserve beyond its pods. Pure.
    pub fn warm_per_node(&self, ipv4_per_eni: u32) -> u32 {
        if self.prefix_delegation {
            return self
                .warm_ip_target
                .unwrap_or(self.warm_prefix_target.unwrap_or(1).saturating_mul(16));
        }
        match self.warm_ip_target.filter(|&n| n > 0) {
            Some(ip) => ip.max(self.minimum_ip_target.unwrap_or(0)),
            None => self
                .warm_eni_target
                .unwrap_or(1)
                .saturating_mul(ipv4_per_eni.saturating_sub(1)),
        }
    }
}

/// Max pods for an instance type, as EKS computes it. Pure.
pub fn max_pods(limits: &InstanceLimits, prefix_delegation: bool) -> u32 {
    let slots = limits.ipv4_per_eni.saturating_sub(1);
    if prefix_delegation {
        let cap = if limits.vcpus < 30 { 110 } else { 250 };
        limits
            .max_enis
            .saturating_mul(slots)
            .saturating_mul(16)
            .saturating_add(2)
            .min(cap)
    } else {
        limits.max_enis.saturating_mul(slots).saturating_add(2)
    }
}

fn parse_cidr(cidr: &str) -> Option<(u32, u32)> {
    let (ip, len) = cidr.split_once('/')?;
    let ip: Ipv4Addr = ip.parse().ok()?;
    let len: u32 = len.parse().ok().filter(|l| *l <= 32)?;
    let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
    Some((u32::from(ip) & mask, mask))
}

/// Whether `ip` is in `cidr`. Pure.
pub fn in_cidr(ip: &str, cidr: &str) -> bool {
    match (ip.parse::<Ipv4Addr>(), parse_cidr(cidr)) {
        (Ok(ip), Some((net, mask))) => u32::from(ip) & mask == net,
        _ => false,
    }
}

fn internal_ip(node: &Node) -> Option<&str> {
    node.status
        .as_ref()?
        .addresses
        .as_ref()?
        .iter()
        .find(|a| a.type_ == "InternalIP")
        .map(|a| a.address.as_str())
}

/// The subnet a node's primary address is in. Pure.
pub fn subnet_of<'a>(node: &Node, subnets: &'a [Subnet]) -> Option<&'a Subnet> {
    let ip = internal_ip(node)?;
    subnets.iter().find(|s| in_cidr(ip, &s.cidr))
}

fn is_pending_for_ip(pod: &Pod) -> bool {
    let host_network = pod
        .spec
        .as_ref()
        .and_then(|s| s.host_network)
        .unwrap_or(false);
    let phase = pod.status.as_ref().and_then(|s| s.phase.as_deref());
    !host_network && phase == Some("Pending")
}

fn node_name(pod: &Pod) -> Option<&str> {
    pod.spec.as_ref()?.node_name.as_deref()
}

/// What the subnet-ips check knows about the cluster's pods and nodes; empty when the
/// Kubernetes API could not be read.
#[derive(Debug, Default)]
pub struct Load<'a> {
    pub nodes: &'a [Node],
    pub pods: &'a [Pod],
    pub env: CniEnv,
    pub limits: &'a [InstanceLimits],
}

/// Each subnet's free addresses against the warm pools of its nodes and the pods waiting
/// for an address. Pure.
pub fn assess_subnets(subnets: &[Subnet], load: &Load<'_>) -> Outcome {
    if subnets.is_empty() {
        return Outcome::warn("the cluster reports no subnets");
    }
    let ipv4_per_eni = |node: &Node| {
        let t = super::instance_type(node);
        load.limits
            .iter()
            .find(|l| Some(&l.instance_type) == t.as_ref())
            .map(|l| l.ipv4_per_eni)
            .unwrap_or(0)
    };
    let mut fails = Vec::new();
    let mut warns = Vec::new();
    let mut lines = Vec::new();
    for s in subnets {
        let nodes: Vec<&Node> = load
            .nodes
            .iter()
            .filter(|n| subnet_of(n, std::slice::from_ref(s)).is_some())
            .collect();
        let warm: u32 = nodes
            .iter()
            .map(|n| load.env.warm_per_node(ipv4_per_eni(n)))
            .fold(0, u32::saturating_add);
        let floor = warm.max(FLOOR);
        let names: Vec<Option<&str>> = nodes.iter().map(|n| n.metadata.name.as_deref()).collect();
        let pending = load
            .pods
            .iter()
            .filter(|p| {
                is_pending_for_ip(p) && node_name(p).is_some_and(|n| names.contains(&Some(n)))
            })
            .count() as u32;
        let line = format!(
            "{} ({}, {}): {} free, {} node(s) holding ~{warm} warm, {pending} pod(s) waiting",
            s.id,
            s.availability_zone,
            s.cidr,
            s.available_ips,
            nodes.len()
        );
        if s.available_ips == 0 || s.available_ips < pending {
            fails.push(line);
        } else if s.available_ips < floor {
            warns.push(format!("{line}; below {floor}"));
        } else {
            lines.push(line);
        }
    }
    let fix = "add subnets (or a secondary CIDR) to the VPC, set WARM_IP_TARGET/MINIMUM_IP_TARGET on \
               aws-node to stop hoarding, or enable prefix delegation";
    let total = subnets.len();
    if !fails.is_empty() {
        Outcome::fail(format!(
            "{} of {total} subnet(s) cannot give pods addresses",
            fails.len()
        ))
        .details(fails.into_iter().chain(warns).chain(lines))
        .fix(fix)
    } else if !warns.is_empty() {
        Outcome::warn(format!(
            "{} of {total} subnet(s) low on free addresses",
            warns.len()
        ))
        .details(warns.into_iter().chain(lines))
        .fix(fix)
    } else {
        Outcome::pass(format!(
            "{total} subnet(s) have room: {} free addresses in all",
            subnets
                .iter()
                .map(|s| s.available_ips)
                .fold(0, u32::saturating_add)
        ))
        .details(lines)
    }
}

pub fn subnet_ips(ctx: &Context) -> Check<'_> {
    async move {
        let subnets = ctx.subnets().await?;
        // Pods and nodes sharpen the verdict; without the Kubernetes API the floor still holds.
        let (nodes, pods, ds, limits) = futures_util::join!(
            ctx.nodes(),
            ctx.pods(),
            ctx.aws_node(),
            ctx.instance_limits()
        );
        let (nodes, pods, limits) = (
            nodes.map(|n| n.to_vec()).unwrap_or_default(),
            pods.map(|p| p.to_vec()).unwrap_or_default(),
            limits.map(|l| l.to_vec()).unwrap_or_default(),
        );
        let env = ds
            .ok()
            .and_then(|d| d.as_ref().as_ref().map(CniEnv::from_daemonset))
            .unwrap_or_default();
        let load = Load {
            nodes: &nodes,
            pods: &pods,
            env,
            limits: &limits,
        };
        Ok(assess_subnets(&subnets, &load))
    }
    .boxed()
}

/// Per node: pods scheduled against max pods. Pure.
pub fn assess_capacity(
    nodes: &[Node],
    pods: &[Pod],
    limits: &[InstanceLimits],
    env: &CniEnv,
) -> Outcome {
    let mut hot = Vec::new();
    let mut lines = Vec::new();
    for node in nodes {
        let name = node.metadata.name.as_deref().unwrap_or_default();
        let Some(t) = super::instance_type(node) else {
            lines.push(format!("{name}: no instance-type label"));
            continue;
        };
        let Some(l) = limits.iter().find(|l| l.instance_type == t) else {
            lines.push(format!("{name}: no ENI limits known for {t}"));
            continue;
        };
        let max = max_pods(l, env.prefix_delegation);
        let scheduled = pods
            .iter()
            .filter(|p| node_name(p) == Some(name))
            .filter(|p| {
                let phase = p.status.as_ref().and_then(|s| s.phase.as_deref());
                !matches!(phase, Some("Succeeded" | "Failed"))
            })
            .count() as u32;
        let line = format!("{name} ({t}): {scheduled}/{max} pods");
        if u64::from(scheduled) * 10 >= u64::from(max) * 9 {
            hot.push(line);
        } else {
            lines.push(line);
        }
    }
    if nodes.is_empty() {
        return Outcome::warn("no nodes to measure");
    }
    if hot.is_empty() {
        Outcome::pass(format!("{} node(s) below 90% of max pods", nodes.len())).details(lines)
    } else {
        Outcome::warn(format!("{} node(s) at 90% or more of max pods", hot.len()))
            .details(hot.into_iter().chain(lines))
            .fix(
                "add nodes or larger instance types, or enable prefix delegation \
                  (ENABLE_PREFIX_DELEGATION=true on aws-node, Nitro instances)",
            )
    }
}

pub fn node_capacity(ctx: &Context) -> Check<'_> {
    async move {
        let (nodes, pods, limits, ds) = futures_util::try_join!(
            ctx.nodes(),
            ctx.pods(),
            ctx.instance_limits(),
            ctx.aws_node()
        )?;
        let env = ds
            .as_ref()
            .as_ref()
            .map(CniEnv::from_daemonset)
            .unwrap_or_default();
        Ok(assess_capacity(&nodes, &pods, &limits, &env))
    }
    .boxed()
}

/// Pods still waiting whose sandbox events say the CNI had no address to give. Pure.
pub fn assess_ip_assignment(
    events: &[Event],
    pods: &[Pod],
    nodes: &[Node],
    subnets: &[Subnet],
) -> Outcome {
    let mut stuck: BTreeMap<(String, String), (String, String)> = BTreeMap::new();
    for e in events {
        let message = e.message.as_deref().unwrap_or_default();
        if !(message.contains(IP_FAILURE) || message.contains(SUBNET_FULL)) {
            continue;
        }
        let (ns, name) = (
            e.involved_object.namespace.clone().unwrap_or_default(),
            e.involved_object.name.clone().unwrap_or_default(),
        );
        let Some(pod) = pods.iter().find(|p| {
            p.metadata.namespace.as_deref() == Some(&ns)
                && p.metadata.name.as_deref() == Some(&name)
        }) else {
            continue;
        };
        if !is_pending_for_ip(pod) {
            continue;
        }
        let node = node_name(pod).unwrap_or("unscheduled").to_owned();
        let subnet = nodes
            .iter()
            .find(|n| n.metadata.name.as_deref() == Some(&node))
            .and_then(|n| subnet_of(n, subnets))
            .map(|s| format!("{} ({} free)", s.id, s.available_ips))
            .unwrap_or_else(|| "subnet unknown".into());
        stuck.insert((ns, name), (node, subnet));
    }
    if stuck.is_empty() {
        return Outcome::pass("no pod is waiting for an IP address");
    }
    let mut subnets_named: Vec<&str> = stuck.values().map(|(_, s)| s.as_str()).collect();
    subnets_named.sort();
    subnets_named.dedup();
    Outcome::fail(format!(
        "{} pod(s) stuck in ContainerCreating: the VPC CNI could not assign an IP (subnets: {})",
        stuck.len(),
        subnets_named.join(", ")
    ))
    .details(
        stuck
            .iter()
            .map(|((ns, name), (node, subnet))| format!("{ns}/{name} on {node}, subnet {subnet}")),
    )
    .fix("free or add addresses: `otelctl doctor --only cni.subnet-ips` shows each subnet's room")
}

pub fn ip_assignment(ctx: &Context) -> Check<'_> {
    async move {
        let (events, pods, nodes) =
            futures_util::try_join!(ctx.sandbox_events(), ctx.pods(), ctx.nodes())?;
        let subnets = ctx.subnets().await.map(|s| s.to_vec()).unwrap_or_default();
        Ok(assess_ip_assignment(&events, &pods, &nodes, &subnets))
    }
    .boxed()
}

/// The aws-node settings, with advice when subnets are small. Pure.
pub fn assess_config(ds: Option<&DaemonSet>, smallest_free: Option<u32>) -> Outcome {
    let Some(ds) = ds else {
        return Outcome::fail(
            "kube-system/aws-node (the VPC CNI) is not installed: pods get no addresses",
        )
        .fix("install the vpc-cni EKS add-on (terraform/modules/eks does)");
    };
    let env = CniEnv::from_daemonset(ds);
    let show = |v: Option<u32>| v.map_or_else(|| "unset".to_owned(), |n| n.to_string());
    let details = vec![
        format!("WARM_IP_TARGET={}", show(env.warm_ip_target)),
        format!("MINIMUM_IP_TARGET={}", show(env.minimum_ip_target)),
        format!("WARM_ENI_TARGET={}", show(env.warm_eni_target)),
        format!("ENABLE_PREFIX_DELEGATION={}", env.prefix_delegation),
    ];
    let hoarding = !env.prefix_delegation && env.warm_ip_target.is_none();
    match smallest_free {
        Some(free) if hoarding && free < 64 => Outcome::warn(format!(
            "each node holds a spare ENI's worth of addresses while a subnet has only {free} free"
        ))
        .details(details)
        .fix("set WARM_IP_TARGET=2 and MINIMUM_IP_TARGET=<pods per node> on aws-node (terraform/modules/eks: vpc-cni configuration_values)"),
        _ => Outcome::pass(format!(
            "aws-node: {}",
            if env.prefix_delegation {
                "prefix delegation on".to_owned()
            } else if let Some(ip) = env.warm_ip_target {
                format!("WARM_IP_TARGET={ip}")
            } else {
                format!("WARM_ENI_TARGET={}", env.warm_eni_target.unwrap_or(1))
            }
        ))
        .details(details),
    }
}

pub fn config(ctx: &Context) -> Check<'_> {
    async move {
        let ds = ctx.aws_node().await?;
        let smallest = ctx
            .subnets()
            .await
            .ok()
            .and_then(|s| s.iter().map(|s| s.available_ips).min());
        Ok(assess_config(ds.as_ref().as_ref(), smallest))
    }
    .boxed()
}

#[cfg(test)]
#[path = "cni_tests.rs"]
mod tests;

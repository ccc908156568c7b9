//! EC2: the subnets a cluster's pods draw IPs from and the ENI limits of its instance types,
//! the two facts behind the seed's first lesson (VPC CNI IP exhaustion).
//!
//! Every call here is a batch call: one DescribeSubnets for all subnets, one
//! DescribeInstanceTypes per 100 types, never one call per object.

use std::collections::BTreeMap;

use aws_sdk_ec2::Client;
use aws_sdk_ec2::types::{Filter, InstanceType};
use serde::Serialize;

use super::AwsError;

/// A subnet and how many addresses it has left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subnet {
    pub id: String,
    pub vpc_id: String,
    pub cidr: String,
    pub availability_zone: String,
    pub available_ips: u32,
    pub tags: BTreeMap<String, String>,
}

/// What the VPC CNI can attach to one instance type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstanceLimits {
    pub instance_type: String,
    pub max_enis: u32,
    pub ipv4_per_eni: u32,
    pub vcpus: u32,
}

/// DescribeSubnets for these ids (one call).
pub async fn subnets(client: &Client, ids: &[String]) -> Result<Vec<Subnet>, AwsError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    describe_subnets(client.describe_subnets().set_subnet_ids(Some(ids.to_vec()))).await
}

/// DescribeSubnets for every subnet of a VPC (one call).
pub async fn vpc_subnets(client: &Client, vpc_id: &str) -> Result<Vec<Subnet>, AwsError> {
    let filter = Filter::builder().name("vpc-id").values(vpc_id).build();
    describe_subnets(client.describe_subnets().filters(filter)).await
}

async fn describe_subnets(
    request: aws_sdk_ec2::operation::describe_subnets::builders::DescribeSubnetsFluentBuilder,
) -> Result<Vec<Subnet>, AwsError> {
    let out = request
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("EC2 DescribeSubnets", e))?;
    Ok(out
        .subnets
        .unwrap_or_default()
        .into_iter()
        .map(|s| Subnet {
            id: s.subnet_id.unwrap_or_default(),
            vpc_id: s.vpc_id.unwrap_or_default(),
            cidr: s.cidr_block.unwrap_or_default(),
            availability_zone: s.availability_zone.unwrap_or_default(),
            available_ips: s
                .available_ip_address_count
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or(0),
            tags: s
                .tags
                .unwrap_or_default()
                .into_iter()
                .filter_map(|t| Some((t.key?, t.value.unwrap_or_default())))
                .collect(),
        })
        .collect())
}

/// DescribeInstanceTypes, 100 types per call (the API's limit), the batches concurrently.
pub async fn instance_limits(
    client: &Client,
    types: &[String],
) -> Result<Vec<InstanceLimits>, AwsError> {
    let batches = types.chunks(100).map(|chunk| async move {
        client
            .describe_instance_types()
            .set_instance_types(Some(
                chunk
                    .iter()
                    .map(|t| InstanceType::from(t.as_str()))
                    .collect(),
            ))
            .send()
            .await
            .map_err(|e| AwsError::from_sdk("EC2 DescribeInstanceTypes", e))
    });
    let outs = futures_util::future::try_join_all(batches).await?;
    Ok(outs
        .into_iter()
        .flat_map(|out| out.instance_types.unwrap_or_default())
        .filter_map(|t| {
            let network = t.network_info?;
            Some(InstanceLimits {
                instance_type: t.instance_type?.as_str().to_owned(),
                max_enis: u32::try_from(network.maximum_network_interfaces?).ok()?,
                ipv4_per_eni: u32::try_from(network.ipv4_addresses_per_interface?).ok()?,
                vcpus: t
                    .v_cpu_info
                    .and_then(|v| v.default_v_cpus)
                    .and_then(|n| u32::try_from(n).ok())
                    .unwrap_or(0),
            })
        })
        .collect())
}

//! EKS: what the cluster looks like (DescribeCluster) and whether it can be used.

use aws_sdk_eks::Client;
use serde::Serialize;
use thiserror::Error;

use super::{AwsError, AwsErrorKind};

/// The parts of an EKS cluster otelctl acts on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cluster {
    pub name: String,
    pub arn: String,
    /// CREATING, ACTIVE, DELETING, FAILED, UPDATING or PENDING.
    pub status: String,
    pub endpoint: Option<String>,
    /// Base64 PEM of the API server's CA.
    pub certificate_authority: Option<String>,
    pub version: Option<String>,
    pub platform_version: Option<String>,
    pub oidc_issuer: Option<String>,
    /// The subnets the control plane's ENIs use (resourcesVpcConfig.subnetIds).
    pub subnet_ids: Vec<String>,
    pub vpc_id: Option<String>,
}

impl Cluster {
    /// The partition (`aws`, `aws-cn`, …) and account, from the cluster ARN.
    pub fn partition_and_account(&self) -> Option<(&str, &str)> {
        let mut parts = self.arn.split(':');
        let (_arn, partition, _service, _region, account) = (
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
        );
        Some((partition, account))
    }
}

/// EKS DescribeCluster. A missing cluster is an [`AwsErrorKind::NotFound`] error that names it.
pub async fn describe_cluster(client: &Client, name: &str) -> Result<Cluster, AwsError> {
    let out = client
        .describe_cluster()
        .name(name)
        .send()
        .await
        .map_err(|e| {
            let mut err = AwsError::from_sdk("EKS DescribeCluster", e);
            if err.kind == AwsErrorKind::NotFound {
                err.message = format!("cluster `{name}` does not exist in this account and region");
            }
            err
        })?;
    let c = out.cluster.ok_or_else(|| {
        AwsError::new(
            AwsErrorKind::NotFound,
            "EKS DescribeCluster",
            format!("cluster `{name}` was not returned"),
        )
    })?;
    Ok(Cluster {
        name: c.name.unwrap_or_else(|| name.to_owned()),
        arn: c.arn.unwrap_or_default(),
        status: c
            .status
            .map(|s| s.as_str().to_owned())
            .unwrap_or_else(|| "UNKNOWN".into()),
        endpoint: c.endpoint,
        certificate_authority: c.certificate_authority.and_then(|ca| ca.data),
        version: c.version,
        platform_version: c.platform_version,
        oidc_issuer: c.identity.and_then(|i| i.oidc).and_then(|o| o.issuer),
        subnet_ids: c
            .resources_vpc_config
            .as_ref()
            .and_then(|v| v.subnet_ids.clone())
            .unwrap_or_default(),
        vpc_id: c.resources_vpc_config.and_then(|v| v.vpc_id),
    })
}

/// The subnets of every managed node group of a cluster: ListNodegroups, then one
/// DescribeNodegroup per group (EKS has no batch form), concurrently.
pub async fn nodegroup_subnets(client: &Client, cluster: &str) -> Result<Vec<String>, AwsError> {
    let groups = client
        .list_nodegroups()
        .cluster_name(cluster)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .map_err(|e| AwsError::from_sdk("EKS ListNodegroups", e))?;
    let described = futures_util::future::try_join_all(groups.iter().map(|group| async move {
        client
            .describe_nodegroup()
            .cluster_name(cluster)
            .nodegroup_name(group)
            .send()
            .await
            .map_err(|e| AwsError::from_sdk("EKS DescribeNodegroup", e))
    }))
    .await?;
    let mut subnets: Vec<String> = described
        .into_iter()
        .filter_map(|out| out.nodegroup.and_then(|g| g.subnets))
        .flatten()
        .collect();
    subnets.sort();
    subnets.dedup();
    Ok(subnets)
}

/// Why a cluster cannot be connected to yet.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum NotUsable {
    #[error("cluster `{name}` is {status}; wait until it is ACTIVE{hint}")]
    Status {
        name: String,
        status: String,
        hint: &'static str,
    },
    #[error("cluster `{0}` has no API endpoint or certificate authority yet")]
    NoEndpoint(String),
}

/// A cluster can be written to a kubeconfig when it is ACTIVE or UPDATING and has an
/// endpoint and CA.
pub fn check_usable(cluster: &Cluster) -> Result<(), NotUsable> {
    match cluster.status.as_str() {
        "ACTIVE" | "UPDATING" => {}
        status => {
            let hint = match status {
                "FAILED" => {
                    " (it failed to create: see the EKS console or `aws eks describe-cluster`)"
                }
                "DELETING" => " (it is being deleted)",
                _ => "",
            };
            return Err(NotUsable::Status {
                name: cluster.name.clone(),
                status: status.to_owned(),
                hint,
            });
        }
    }
    if cluster.endpoint.is_none() || cluster.certificate_authority.is_none() {
        return Err(NotUsable::NoEndpoint(cluster.name.clone()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(status: &str) -> Cluster {
        Cluster {
            name: "dev".into(),
            arn: "arn:aws:eks:us-east-1:123456789012:cluster/dev".into(),
            status: status.into(),
            endpoint: Some("https://x.eks.amazonaws.com".into()),
            certificate_authority: Some("Q0E=".into()),
            version: Some("1.31".into()),
            platform_version: None,
            oidc_issuer: None,
            subnet_ids: vec![],
            vpc_id: None,
        }
    }

    #[test]
    fn active_and_updating_are_usable() {
        assert_eq!(check_usable(&cluster("ACTIVE")), Ok(()));
        assert_eq!(check_usable(&cluster("UPDATING")), Ok(()));
    }

    #[test]
    fn other_statuses_are_errors_that_name_the_status() {
        for status in ["CREATING", "DELETING", "FAILED", "PENDING"] {
            let err = check_usable(&cluster(status)).unwrap_err();
            assert!(err.to_string().contains(status), "{err}");
        }
        assert!(
            check_usable(&cluster("FAILED"))
                .unwrap_err()
                .to_string()
                .contains("failed to create")
        );
    }

    #[test]
    fn partition_and_account_come_from_the_arn() {
        assert_eq!(
            cluster("ACTIVE").partition_and_account(),
            Some(("aws", "123456789012"))
        );
        let mut c = cluster("ACTIVE");
        c.arn = "garbage".into();
        assert_eq!(c.partition_and_account(), None);
    }

    #[test]
    fn missing_endpoint_is_an_error() {
        let mut c = cluster("ACTIVE");
        c.endpoint = None;
        assert_eq!(check_usable(&c), Err(NotUsable::NoEndpoint("dev".into())));
    }
}

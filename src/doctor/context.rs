//! What every check reads, fetched once: each AWS or Kubernetes list call sits behind a
//! `OnceCell`, so checks that read the same objects share one call and one failure.

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use aws_config::SdkConfig;
use k8s_openapi::api::apps::v1::{DaemonSet, Deployment};
use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler;
use k8s_openapi::api::core::v1::{Event, Node, Pod, Secret, Service, ServiceAccount};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::api::networking::v1::Ingress;
use kube::api::{Api, ListParams};
use tokio::sync::OnceCell;

use super::CheckError;
use crate::aws::ec2::{InstanceLimits, Subnet};
use crate::aws::eks::Cluster;
use crate::aws::sts::CallerIdentity;
use crate::kube::client::Target;

/// Everything doctor was told, resolved before any I/O.
#[derive(Debug, Clone)]
pub struct Options {
    pub cluster: Option<String>,
    /// Namespaces whose pods `kube.pods` inspects.
    pub pod_namespaces: Vec<String>,
    pub app_namespace: String,
    pub collector_namespace: String,
    pub jaeger_namespace: String,
    pub alb_role_name: String,
    pub repository: String,
    pub terraform_dir: Option<PathBuf>,
    pub timeout: Duration,
}

type Cell<T> = OnceCell<Result<Arc<T>, CheckError>>;

/// The shared state of one doctor run.
pub struct Context {
    pub opts: Options,
    pub aws: SdkConfig,
    /// The kubeconfig's target and a client for it, or why there is none.
    pub kube: Result<(Target, kube::Client), CheckError>,
    identity: Cell<CallerIdentity>,
    cluster: Cell<Cluster>,
    nodegroup_subnets: Cell<Vec<String>>,
    subnets: Cell<Vec<Subnet>>,
    vpc_subnets: Cell<Vec<Subnet>>,
    instance_limits: Cell<Vec<InstanceLimits>>,
    nodes: Cell<Vec<Node>>,
    pods: Cell<Vec<Pod>>,
    sandbox_events: Cell<Vec<Event>>,
    deployments: Cell<Vec<Deployment>>,
    services: Cell<Vec<Service>>,
    slices: Cell<Vec<EndpointSlice>>,
    helm_secrets: Cell<Vec<Secret>>,
    hpas: Cell<Vec<HorizontalPodAutoscaler>>,
    ingresses: Cell<Vec<Ingress>>,
    aws_node: Cell<Option<DaemonSet>>,
    api_groups: Cell<Vec<String>>,
}

async fn cached<T, F>(cell: &Cell<T>, fetch: F) -> Result<Arc<T>, CheckError>
where
    F: Future<Output = Result<T, CheckError>>,
{
    cell.get_or_init(|| async { fetch.await.map(Arc::new) })
        .await
        .clone()
}

impl Context {
    pub fn new(
        opts: Options,
        aws: SdkConfig,
        kube: Result<(Target, kube::Client), CheckError>,
    ) -> Self {
        Self {
            opts,
            aws,
            kube,
            identity: Cell::new(),
            cluster: Cell::new(),
            nodegroup_subnets: Cell::new(),
            subnets: Cell::new(),
            vpc_subnets: Cell::new(),
            instance_limits: Cell::new(),
            nodes: Cell::new(),
            pods: Cell::new(),
            sandbox_events: Cell::new(),
            deployments: Cell::new(),
            services: Cell::new(),
            slices: Cell::new(),
            helm_secrets: Cell::new(),
            hpas: Cell::new(),
            ingresses: Cell::new(),
            aws_node: Cell::new(),
            api_groups: Cell::new(),
        }
    }

    /// The configured cluster name, or an error every cluster check reports the same way.
    pub fn cluster_name(&self) -> Result<&str, CheckError> {
        self.opts.cluster.as_deref().ok_or_else(|| CheckError {
            message: "no cluster given".into(),
            remediation: Some(
                "pass --cluster NAME, set OTELCTL_CLUSTER, or add `cluster = \"NAME\"` to \
                 otelctl.toml"
                    .into(),
            ),
            not_found: false,
        })
    }

    pub async fn identity(&self) -> Result<Arc<CallerIdentity>, CheckError> {
        cached(&self.identity, async {
            let client = aws_sdk_sts::Client::new(&self.aws);
            Ok(crate::aws::sts::caller_identity(&client).await?)
        })
        .await
    }

    pub async fn cluster(&self) -> Result<Arc<Cluster>, CheckError> {
        cached(&self.cluster, async {
            let name = self.cluster_name()?;
            let client = aws_sdk_eks::Client::new(&self.aws);
            Ok(crate::aws::eks::describe_cluster(&client, name).await?)
        })
        .await
    }

    /// The cluster's subnets and its node groups' subnets, described in one call.
    pub async fn subnets(&self) -> Result<Arc<Vec<Subnet>>, CheckError> {
        cached(&self.subnets, async {
            let cluster = self.cluster().await?;
            let groups = self.nodegroup_subnets().await?;
            let mut ids: Vec<String> = cluster
                .subnet_ids
                .iter()
                .chain(groups.iter())
                .cloned()
                .collect();
            ids.sort();
            ids.dedup();
            let client = aws_sdk_ec2::Client::new(&self.aws);
            Ok(crate::aws::ec2::subnets(&client, &ids).await?)
        })
        .await
    }

    pub async fn nodegroup_subnets(&self) -> Result<Arc<Vec<String>>, CheckError> {
        cached(&self.nodegroup_subnets, async {
            let name = self.cluster_name()?;
            let client = aws_sdk_eks::Client::new(&self.aws);
            Ok(crate::aws::eks::nodegroup_subnets(&client, name).await?)
        })
        .await
    }

    /// Every subnet of the cluster's VPC (where the ALB controller looks for tagged ones).
    pub async fn vpc_subnets(&self) -> Result<Arc<Vec<Subnet>>, CheckError> {
        cached(&self.vpc_subnets, async {
            let cluster = self.cluster().await?;
            // DescribeCluster names the VPC; when it does not, the cluster's subnets do.
            let vpc = match &cluster.vpc_id {
                Some(vpc) => vpc.clone(),
                None => self
                    .subnets()
                    .await?
                    .first()
                    .map(|s| s.vpc_id.clone())
                    .ok_or_else(|| CheckError::new("the cluster reports no VPC and no subnets"))?,
            };
            let client = aws_sdk_ec2::Client::new(&self.aws);
            Ok(crate::aws::ec2::vpc_subnets(&client, &vpc).await?)
        })
        .await
    }

    /// ENI limits of every instance type the nodes run on.
    pub async fn instance_limits(&self) -> Result<Arc<Vec<InstanceLimits>>, CheckError> {
        cached(&self.instance_limits, async {
            let nodes = self.nodes().await?;
            let mut types: Vec<String> = nodes
                .iter()
                .filter_map(super::checks::instance_type)
                .collect();
            types.sort();
            types.dedup();
            let client = aws_sdk_ec2::Client::new(&self.aws);
            Ok(crate::aws::ec2::instance_limits(&client, &types).await?)
        })
        .await
    }

    pub fn client(&self) -> Result<&kube::Client, CheckError> {
        self.kube.as_ref().map(|(_, c)| c).map_err(Clone::clone)
    }

    async fn list_all<K>(&self, params: ListParams) -> Result<Vec<K>, CheckError>
    where
        K: kube::Resource<Scope = k8s_openapi::NamespaceResourceScope>
            + Clone
            + serde::de::DeserializeOwned
            + std::fmt::Debug,
        K::DynamicType: Default,
    {
        let api: Api<K> = Api::all(self.client()?.clone());
        Ok(api.list(&params).await?.items)
    }

    pub async fn nodes(&self) -> Result<Arc<Vec<Node>>, CheckError> {
        cached(&self.nodes, async {
            let api: Api<Node> = Api::all(self.client()?.clone());
            Ok(api.list(&ListParams::default()).await?.items)
        })
        .await
    }

    /// Every pod of the cluster, in one LIST.
    pub async fn pods(&self) -> Result<Arc<Vec<Pod>>, CheckError> {
        cached(&self.pods, self.list_all(ListParams::default())).await
    }

    /// Events of pods whose sandbox could not be created (where the CNI reports IP failures).
    pub async fn sandbox_events(&self) -> Result<Arc<Vec<Event>>, CheckError> {
        cached(
            &self.sandbox_events,
            self.list_all(ListParams::default().fields("reason=FailedCreatePodSandBox")),
        )
        .await
    }

    pub async fn deployments(&self) -> Result<Arc<Vec<Deployment>>, CheckError> {
        cached(&self.deployments, self.list_all(ListParams::default())).await
    }

    pub async fn services(&self) -> Result<Arc<Vec<Service>>, CheckError> {
        cached(&self.services, self.list_all(ListParams::default())).await
    }

    pub async fn endpoint_slices(&self) -> Result<Arc<Vec<EndpointSlice>>, CheckError> {
        cached(&self.slices, self.list_all(ListParams::default())).await
    }

    pub async fn helm_secrets(&self) -> Result<Arc<Vec<Secret>>, CheckError> {
        cached(
            &self.helm_secrets,
            self.list_all(ListParams::default().labels(crate::kube::helm::RELEASE_SELECTOR)),
        )
        .await
    }

    pub async fn hpas(&self) -> Result<Arc<Vec<HorizontalPodAutoscaler>>, CheckError> {
        cached(&self.hpas, self.list_all(ListParams::default())).await
    }

    pub async fn ingresses(&self) -> Result<Arc<Vec<Ingress>>, CheckError> {
        cached(&self.ingresses, self.list_all(ListParams::default())).await
    }

    /// The VPC CNI's daemonset, kube-system/aws-node; `None` when it does not exist.
    pub async fn aws_node(&self) -> Result<Arc<Option<DaemonSet>>, CheckError> {
        cached(&self.aws_node, async {
            let api: Api<DaemonSet> = Api::namespaced(self.client()?.clone(), "kube-system");
            Ok(api.get_opt("aws-node").await?)
        })
        .await
    }

    /// A service account, read on demand (one GET; it is one object).
    pub async fn service_account(
        &self,
        namespace: &str,
        name: &str,
    ) -> Result<Option<ServiceAccount>, CheckError> {
        let api: Api<ServiceAccount> = Api::namespaced(self.client()?.clone(), namespace);
        Ok(api.get_opt(name).await?)
    }

    /// The API groups the server serves (discovery), e.g. `metrics.k8s.io`.
    pub async fn api_groups(&self) -> Result<Arc<Vec<String>>, CheckError> {
        cached(&self.api_groups, async {
            let groups = self.client()?.list_api_groups().await?;
            Ok(groups.groups.into_iter().map(|g| g.name).collect())
        })
        .await
    }
}

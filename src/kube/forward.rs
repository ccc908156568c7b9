//! Port-forwarding to a ready pod behind a service, through the API server's portforward
//! subresource (kube-rs over WebSocket): the seed's `kubectl port-forward svc/jaeger` with no
//! kubectl.
//!
//! Like kubectl, it resolves the service to one ready pod and the service port to the pod's
//! container port (a named targetPort is looked up in the pod), then forwards each local
//! connection over its own stream. Choosing the service, the pod and the port is pure.

use std::net::SocketAddr;

use k8s_openapi::api::core::v1::{Pod, Service};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use kube::api::{Api, ListParams};
use thiserror::Error;
use tokio::net::TcpListener;

#[derive(Debug, Error)]
pub enum ForwardError {
    #[error("no service in namespace {namespace} exposes {wanted}{hint}")]
    NoService {
        namespace: String,
        wanted: String,
        hint: String,
    },
    #[error(
        "service {namespace}/{service} selects no ready pod; see `otelctl doctor --only kube.pods`"
    )]
    NoPod { namespace: String, service: String },
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("Kubernetes API: {0}")]
    Api(String),
}

impl From<kube::Error> for ForwardError {
    fn from(err: kube::Error) -> Self {
        ForwardError::Api(super::client::error_text(&err))
    }
}

/// Where a forward goes once resolved.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Resolved {
    pub namespace: String,
    pub service: String,
    pub pod: String,
    pub service_port: u16,
    pub pod_port: u16,
}

fn ports(s: &Service) -> Vec<u16> {
    s.spec
        .as_ref()
        .and_then(|spec| spec.ports.as_ref())
        .map(|ps| {
            ps.iter()
                .filter_map(|p| u16::try_from(p.port).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The service that exposes `port` (any port when `None`), preferring one named
/// `preferred`, then one with a cluster IP. Pure.
pub fn pick_service<'a>(
    services: &'a [Service],
    port: Option<u16>,
    preferred: &str,
) -> Option<&'a Service> {
    let exposes = |s: &&Service| {
        let ports = ports(s);
        match port {
            Some(port) => ports.contains(&port),
            None => !ports.is_empty(),
        }
    };
    let mut candidates: Vec<&Service> = services.iter().filter(exposes).collect();
    // A headless service has no cluster IP to balance on; kubectl forwards to either, but a
    // normal one is what people mean.
    candidates.sort_by_key(|s| {
        let name = s.metadata.name.as_deref().unwrap_or_default();
        let headless = s.spec.as_ref().and_then(|spec| spec.cluster_ip.as_deref()) == Some("None");
        (name != preferred, headless, name.to_owned())
    });
    candidates.into_iter().next()
}

fn ready(pod: &Pod) -> bool {
    let status = pod.status.as_ref();
    status.and_then(|s| s.phase.as_deref()) == Some("Running")
        && pod.metadata.deletion_timestamp.is_none()
        && status
            .and_then(|s| s.conditions.as_ref())
            .is_some_and(|cs| cs.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
}

/// A ready pod among those the service selects: the first by name, so reruns agree. Pure.
pub fn pick_pod(pods: &[Pod]) -> Option<&Pod> {
    pods.iter()
        .filter(|p| ready(p))
        .min_by_key(|p| p.metadata.name.clone().unwrap_or_default())
}

/// The container port behind `service_port`: the targetPort number, or the pod's container
/// port of that name, or the service port itself when no targetPort is set. Pure.
pub fn pod_port(service: &Service, service_port: u16, pod: &Pod) -> Option<u16> {
    let port = service
        .spec
        .as_ref()?
        .ports
        .as_ref()?
        .iter()
        .find(|p| p.port == i32::from(service_port))?;
    match &port.target_port {
        None => Some(service_port),
        Some(IntOrString::Int(n)) => u16::try_from(*n).ok(),
        Some(IntOrString::String(name)) => pod
            .spec
            .as_ref()?
            .containers
            .iter()
            .flat_map(|c| c.ports.iter().flatten())
            .find(|p| p.name.as_deref() == Some(name.as_str()))
            .and_then(|p| u16::try_from(p.container_port).ok()),
    }
}

/// Finds the service exposing `port` (its first port when `None`) in `namespace` and a
/// ready pod behind it.
pub async fn resolve(
    client: &kube::Client,
    namespace: &str,
    port: Option<u16>,
    preferred: &str,
) -> Result<Resolved, ForwardError> {
    let services: Api<Service> = Api::namespaced(client.clone(), namespace);
    let list = services.list(&ListParams::default()).await?.items;
    let service = pick_service(&list, port, preferred).ok_or_else(|| {
        let names: Vec<String> = list
            .iter()
            .filter_map(|s| s.metadata.name.clone())
            .collect();
        ForwardError::NoService {
            namespace: namespace.to_owned(),
            wanted: port.map_or_else(|| "a port".to_owned(), |p| format!("port {p}")),
            hint: if names.is_empty() {
                " (the namespace has no services: is it installed? `otelctl helm install`)".into()
            } else {
                format!(" (services there: {})", names.join(", "))
            },
        }
    })?;
    let name = service.metadata.name.clone().unwrap_or_default();
    let port = port
        .or_else(|| ports(service).first().copied())
        .unwrap_or_default();
    let no_pod = || ForwardError::NoPod {
        namespace: namespace.to_owned(),
        service: name.clone(),
    };
    let selector = service
        .spec
        .as_ref()
        .and_then(|s| s.selector.as_ref())
        .filter(|s| !s.is_empty())
        .ok_or_else(no_pod)?
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",");
    let pods: Api<Pod> = Api::namespaced(client.clone(), namespace);
    let candidates = pods
        .list(&ListParams::default().labels(&selector))
        .await?
        .items;
    let pod = pick_pod(&candidates).ok_or_else(no_pod)?;
    let pod_port = pod_port(service, port, pod).ok_or_else(no_pod)?;
    Ok(Resolved {
        namespace: namespace.to_owned(),
        service: name,
        pod: pod.metadata.name.clone().unwrap_or_default(),
        service_port: port,
        pod_port,
    })
}

/// A running forward: connections to `local` reach `target.pod_port` in the pod.
pub struct Forwarding {
    pub local: SocketAddr,
    pub target: Resolved,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Forwarding {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Listens on `local` (port 0 picks one) and forwards every connection until dropped.
pub async fn start(
    client: kube::Client,
    target: Resolved,
    local: SocketAddr,
) -> Result<Forwarding, ForwardError> {
    let listener = TcpListener::bind(local)
        .await
        .map_err(|source| ForwardError::Listen {
            addr: local,
            source,
        })?;
    let local = listener
        .local_addr()
        .map_err(|source| ForwardError::Listen {
            addr: local,
            source,
        })?;
    let pods: Api<Pod> = Api::namespaced(client, &target.namespace);
    let (pod, port) = (target.pod.clone(), target.pod_port);
    let task = tokio::spawn(async move {
        // The connections' tasks live in this set, so dropping the forward (which aborts
        // this task) ends them too.
        let mut connections = tokio::task::JoinSet::new();
        loop {
            while connections.try_join_next().is_some() {}
            let (mut conn, peer) = match listener.accept().await {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, say: wait instead of spinning.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    continue;
                }
            };
            let pods = pods.clone();
            let pod = pod.clone();
            connections.spawn(async move {
                let mut forwarder = match pods.portforward(&pod, &[port]).await {
                    Ok(f) => f,
                    Err(e) => {
                        tracing::warn!(%peer, pod, error = %super::client::error_text(&e), "port-forward failed");
                        return;
                    }
                };
                let Some(mut upstream) = forwarder.take_stream(port) else {
                    return;
                };
                if let Err(e) = tokio::io::copy_bidirectional(&mut conn, &mut upstream).await {
                    tracing::debug!(%peer, error = %e, "forwarded connection ended");
                }
                drop(upstream);
                let _ = forwarder.join().await;
            });
        }
    });
    Ok(Forwarding {
        local,
        target,
        task,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn service(name: &str, ports: serde_json::Value, cluster_ip: &str) -> Service {
        serde_json::from_value(json!({"metadata": {"name": name, "namespace": "jaeger"},
            "spec": {"ports": ports, "clusterIP": cluster_ip, "selector": {"app": name}}}))
        .unwrap()
    }

    fn pod(name: &str, phase: &str, ready: &str) -> Pod {
        serde_json::from_value(json!({"metadata": {"name": name},
            "spec": {"containers": [{"name": "c", "ports": [{"name": "query", "containerPort": 16687}]}]},
            "status": {"phase": phase, "conditions": [{"type": "Ready", "status": ready}]}}))
        .unwrap()
    }

    #[test]
    fn the_service_exposing_the_port_is_chosen_preferring_the_name_and_a_cluster_ip() {
        let services = [
            service("jaeger-headless", json!([{"port": 16686}]), "None"),
            service("jaeger-collector", json!([{"port": 4317}]), "10.0.0.2"),
            service("jaeger-query", json!([{"port": 16686}]), "10.0.0.3"),
        ];
        let pick = |port: u16, preferred| {
            pick_service(&services, Some(port), preferred).and_then(|s| s.metadata.name.clone())
        };
        assert_eq!(pick(16686, "jaeger").as_deref(), Some("jaeger-query"));
        assert_eq!(
            pick(16686, "jaeger-headless").as_deref(),
            Some("jaeger-headless")
        );
        assert_eq!(pick(4317, "jaeger").as_deref(), Some("jaeger-collector"));
        assert_eq!(pick(9999, "jaeger"), None);
        let any = pick_service(&services, None, "jaeger-collector");
        assert_eq!(
            any.and_then(|s| s.metadata.name.as_deref()),
            Some("jaeger-collector")
        );
    }

    #[test]
    fn only_running_ready_pods_are_picked() {
        let pods = [
            pod("b", "Running", "True"),
            pod("a", "Running", "False"),
            pod("c", "Pending", "False"),
        ];
        assert_eq!(
            pick_pod(&pods)
                .and_then(|p| p.metadata.name.clone())
                .as_deref(),
            Some("b")
        );
        assert!(pick_pod(&pods[1..]).is_none());
    }

    #[test]
    fn target_ports_resolve_by_number_name_or_default() {
        let p = pod("a", "Running", "True");
        let by_number = service("s", json!([{"port": 80, "targetPort": 8080}]), "10.0.0.1");
        let by_name = service(
            "s",
            json!([{"port": 16686, "targetPort": "query"}]),
            "10.0.0.1",
        );
        let unset = service("s", json!([{"port": 4317}]), "10.0.0.1");
        assert_eq!(pod_port(&by_number, 80, &p), Some(8080));
        assert_eq!(pod_port(&by_name, 16686, &p), Some(16687));
        assert_eq!(pod_port(&unset, 4317, &p), Some(4317));
        assert_eq!(pod_port(&unset, 1, &p), None);
    }
}

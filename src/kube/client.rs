//! A Kubernetes client from the user's kubeconfig, read the way kubectl reads it, with
//! timeouts short enough that an unreachable API server is an answer, not a hang.

use std::path::{Path, PathBuf};
use std::time::Duration;

use kube::config::{KubeConfigOptions, Kubeconfig};
use thiserror::Error;

use crate::settings::KubeSettings;

/// How long to wait for a TCP/TLS connection to the API server.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long to wait for an answer once connected.
pub const READ_TIMEOUT: Duration = Duration::from_secs(15);

#[derive(Debug, Error)]
pub enum ClientError {
    #[error("cannot read kubeconfig {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: kube::config::KubeconfigError,
    },
    #[error("no kubeconfig found (looked at {}); run `otelctl kubeconfig update`", path.display())]
    Missing { path: PathBuf },
    #[error("no home directory to find ~/.kube/config in; pass --kubeconfig")]
    NoHome,
    #[error(
        "the kubeconfig has no current context; pass --context or run `otelctl kubeconfig update`"
    )]
    NoContext,
    #[error("context `{0}` is not in the kubeconfig")]
    UnknownContext(String),
    #[error("cannot use kubeconfig context `{context}`: {source}")]
    Config {
        context: String,
        #[source]
        source: kube::config::KubeconfigError,
    },
    #[error("cannot build a Kubernetes client: {0}")]
    Client(String),
}

/// The context in use and where it points.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Target {
    pub context: String,
    /// The kubeconfig's name for the cluster (an ARN when `otelctl kubeconfig update` wrote it).
    pub cluster: String,
    pub server: String,
}

/// The merged kubeconfig: `--kubeconfig`, else every file in `KUBECONFIG`, else
/// `~/.kube/config`.
pub fn load_kubeconfig(settings: &KubeSettings) -> Result<Kubeconfig, ClientError> {
    let paths: Vec<PathBuf> = match (&settings.kubeconfig, &settings.kubeconfig_env) {
        (Some(path), _) => vec![path.clone()],
        (None, Some(list)) => std::env::split_paths(list)
            .filter(|p| !p.as_os_str().is_empty())
            .collect(),
        (None, None) => vec![
            settings
                .home
                .as_ref()
                .ok_or(ClientError::NoHome)?
                .join(".kube")
                .join("config"),
        ],
    };
    let mut merged: Option<Kubeconfig> = None;
    for path in paths.iter().filter(|p| p.exists()) {
        let next = read(path)?;
        merged = Some(match merged {
            None => next,
            Some(m) => m.merge(next).map_err(|source| ClientError::Read {
                path: path.clone(),
                source,
            })?,
        });
    }
    merged.ok_or_else(|| ClientError::Missing {
        path: paths.first().cloned().unwrap_or_default(),
    })
}

fn read(path: &Path) -> Result<Kubeconfig, ClientError> {
    Kubeconfig::read_from(path).map_err(|source| ClientError::Read {
        path: path.to_owned(),
        source,
    })
}

/// The context `--context` names, or the current one, with its cluster and server. Pure.
pub fn target(config: &Kubeconfig, context: Option<&str>) -> Result<Target, ClientError> {
    let name = context
        .map(str::to_owned)
        .or_else(|| config.current_context.clone())
        .filter(|c| !c.is_empty())
        .ok_or(ClientError::NoContext)?;
    let ctx = config
        .contexts
        .iter()
        .find(|c| c.name == name)
        .and_then(|c| c.context.as_ref())
        .ok_or_else(|| ClientError::UnknownContext(name.clone()))?;
    let server = config
        .clusters
        .iter()
        .find(|c| c.name == ctx.cluster)
        .and_then(|c| c.cluster.as_ref())
        .and_then(|c| c.server.clone())
        .unwrap_or_default();
    Ok(Target {
        context: name,
        cluster: ctx.cluster.clone(),
        server,
    })
}

/// A client for the target context, with connect and read timeouts.
pub async fn client(config: Kubeconfig, target: &Target) -> Result<kube::Client, ClientError> {
    client_with(config, target, Some(READ_TIMEOUT)).await
}

/// A client for long-lived streams (port-forwards): a read timeout would cut an idle
/// forwarded connection, so there is none; connecting is still bounded.
pub async fn streaming_from_settings(
    settings: &KubeSettings,
) -> Result<(Target, kube::Client), ClientError> {
    let config = load_kubeconfig(settings)?;
    let target = target(&config, settings.context.as_deref())?;
    let client = client_with(config, &target, None).await?;
    Ok((target, client))
}

async fn client_with(
    config: Kubeconfig,
    target: &Target,
    read_timeout: Option<std::time::Duration>,
) -> Result<kube::Client, ClientError> {
    let options = KubeConfigOptions {
        context: Some(target.context.clone()),
        ..KubeConfigOptions::default()
    };
    let mut cfg = kube::Config::from_custom_kubeconfig(config, &options)
        .await
        .map_err(|source| ClientError::Config {
            context: target.context.clone(),
            source,
        })?;
    cfg.connect_timeout = Some(CONNECT_TIMEOUT);
    cfg.read_timeout = read_timeout;
    kube::Client::try_from(cfg).map_err(|e| ClientError::Client(error_text(&e)))
}

/// The kubeconfig the settings name, its target context, and a client for it.
pub async fn from_settings(settings: &KubeSettings) -> Result<(Target, kube::Client), ClientError> {
    let config = load_kubeconfig(settings)?;
    let target = target(&config, settings.context.as_deref())?;
    let client = client(config, &target).await?;
    Ok((target, client))
}

/// Whether the target reaches the EKS cluster: (by server URL, by ARN). Pure.
pub fn points_at(target: &Target, cluster: &crate::aws::eks::Cluster) -> (bool, bool) {
    let same = |a: &str, b: &str| {
        a.trim_end_matches('/')
            .eq_ignore_ascii_case(b.trim_end_matches('/'))
    };
    let by_server = cluster
        .endpoint
        .as_deref()
        .is_some_and(|e| same(e, &target.server));
    let by_arn = target.cluster == cluster.arn || target.context == cluster.arn;
    (by_server, by_arn)
}

/// A kube error with its causes, on one line (kube's Display omits the transport cause).
pub fn error_text(err: &(dyn std::error::Error + 'static)) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Kubeconfig {
        serde_yaml::from_str(
            r#"
apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: arn:aws:eks:us-east-1:123456789012:cluster/dev
  cluster: {server: "https://ABC.eks.amazonaws.com"}
- name: other
  cluster: {server: "https://other:6443"}
contexts:
- name: dev
  context: {cluster: "arn:aws:eks:us-east-1:123456789012:cluster/dev", user: u}
- name: kind
  context: {cluster: other, user: u}
users:
- name: u
  user: {token: t}
"#,
        )
        .unwrap()
    }

    #[test]
    fn the_current_context_is_the_default_target() {
        let t = target(&config(), None).unwrap();
        assert_eq!(t.context, "dev");
        assert_eq!(t.cluster, "arn:aws:eks:us-east-1:123456789012:cluster/dev");
        assert_eq!(t.server, "https://ABC.eks.amazonaws.com");
    }

    #[test]
    fn a_named_context_wins_and_an_unknown_one_is_an_error() {
        assert_eq!(
            target(&config(), Some("kind")).unwrap().server,
            "https://other:6443"
        );
        assert!(matches!(
            target(&config(), Some("nope")),
            Err(ClientError::UnknownContext(c)) if c == "nope"
        ));
        let mut none = config();
        none.current_context = None;
        assert!(matches!(target(&none, None), Err(ClientError::NoContext)));
    }
}

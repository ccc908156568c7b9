//! Writing EKS clusters into kubeconfig files, like `aws eks update-kubeconfig`, without
//! losing anything the user had.
//!
//! `document` is the pure part (parse, merge, redact); `store` picks the file and does the
//! locked, atomic read-modify-write.

pub mod document;
pub mod store;

use std::path::PathBuf;

use thiserror::Error;

pub use document::Change;

/// The ExecCredential version written into the exec stanza.
pub const EXEC_API_VERSION: &str = "client.authentication.k8s.io/v1beta1";

/// Everything written for one cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EksEntry {
    /// The cluster entry's name: always the cluster ARN, as the aws CLI writes it.
    pub cluster_name: String,
    pub context_name: String,
    pub user_name: String,
    pub server: String,
    pub ca_data: String,
    pub exec: ExecPlugin,
}

/// The `users[].user.exec` stanza: how kubectl gets a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecPlugin {
    pub api_version: String,
    pub command: String,
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
}

/// What the user asked for, beyond the cluster itself.
#[derive(Debug, Clone, Default)]
pub struct EntryOptions<'a> {
    pub alias: Option<&'a str>,
    pub user_alias: Option<&'a str>,
    pub role_arn: Option<&'a str>,
    pub profile: Option<&'a str>,
}

/// Builds the entries for a cluster: names default to the ARN, and the exec stanza calls
/// `<command> token --cluster NAME --region R [--role-arn ARN]` with `AWS_PROFILE` when a
/// profile is in use.
pub fn entry_for(
    cluster: &crate::aws::eks::Cluster,
    region: &str,
    command: &str,
    options: &EntryOptions<'_>,
) -> EksEntry {
    let mut args = vec![
        "token".to_owned(),
        "--cluster".to_owned(),
        cluster.name.clone(),
        "--region".to_owned(),
        region.to_owned(),
    ];
    if let Some(role) = options.role_arn {
        args.extend(["--role-arn".to_owned(), role.to_owned()]);
    }
    let env = options
        .profile
        .map(|p| vec![("AWS_PROFILE".to_owned(), p.to_owned())])
        .unwrap_or_default();
    EksEntry {
        cluster_name: cluster.arn.clone(),
        context_name: options.alias.unwrap_or(&cluster.arn).to_owned(),
        user_name: options.user_alias.unwrap_or(&cluster.arn).to_owned(),
        server: cluster.endpoint.clone().unwrap_or_default(),
        ca_data: cluster.certificate_authority.clone().unwrap_or_default(),
        exec: ExecPlugin {
            api_version: EXEC_API_VERSION.to_owned(),
            command: command.to_owned(),
            args,
            env,
        },
    }
}

#[derive(Debug, Error)]
pub enum KubeconfigError {
    #[error("kubeconfig {path} is malformed: {reason}; it was left untouched")]
    Malformed { path: String, reason: String },
    #[error("cannot {action} {}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "another process has held the lock {} for {seconds}s; if none is running, delete it",
        path.display()
    )]
    LockTimeout { path: PathBuf, seconds: u64 },
    #[error("cannot find the home directory for ~/.kube/config; pass --kubeconfig")]
    NoHome,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::eks::Cluster;

    fn cluster() -> Cluster {
        Cluster {
            name: "dev".into(),
            arn: "arn:aws:eks:us-east-1:123456789012:cluster/dev".into(),
            status: "ACTIVE".into(),
            endpoint: Some("https://ABC.gr7.us-east-1.eks.amazonaws.com".into()),
            certificate_authority: Some("Q0EK".into()),
            version: None,
            platform_version: None,
            oidc_issuer: None,
            subnet_ids: vec![],
            vpc_id: None,
        }
    }

    #[test]
    fn names_default_to_the_arn() {
        let e = entry_for(&cluster(), "us-east-1", "otelctl", &EntryOptions::default());
        assert_eq!(e.cluster_name, cluster().arn);
        assert_eq!(e.context_name, cluster().arn);
        assert_eq!(e.user_name, cluster().arn);
        assert_eq!(
            e.exec.args,
            ["token", "--cluster", "dev", "--region", "us-east-1"]
        );
        assert!(e.exec.env.is_empty());
    }

    #[test]
    fn aliases_role_and_profile_are_used() {
        let opts = EntryOptions {
            alias: Some("dev"),
            user_alias: Some("dev-user"),
            role_arn: Some("arn:aws:iam::123456789012:role/admin"),
            profile: Some("prod"),
        };
        let e = entry_for(&cluster(), "us-east-1", "/opt/otelctl", &opts);
        assert_eq!(e.cluster_name, cluster().arn);
        assert_eq!(e.context_name, "dev");
        assert_eq!(e.user_name, "dev-user");
        assert_eq!(e.exec.command, "/opt/otelctl");
        assert_eq!(
            &e.exec.args[5..],
            ["--role-arn", "arn:aws:iam::123456789012:role/admin"]
        );
        assert_eq!(e.exec.env, [("AWS_PROFILE".into(), "prod".into())]);
    }
}

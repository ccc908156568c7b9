//! What is wrong and what to change, decided from observed IAM state. Pure.
//!
//! The commands observe (I/O), call [`assess_alb_role`] or [`assess_oidc`], print the
//! findings, and, with `--create`, apply the steps and assess again to verify. `--dry-run`
//! prints the same steps instead of applying them.

use serde::Serialize;
use serde_json::Value;

use super::policy::{self, Finding};
use super::{ManagedPolicy, OidcProvider, Role};

/// One IAM call otelctl would make, with its arguments.
/// Serialized with the API's own parameter names, so `--dry-run` shows the exact call.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "call", rename_all_fields = "PascalCase")]
pub enum Step {
    #[serde(rename = "iam:CreateOpenIDConnectProvider")]
    CreateOidcProvider {
        url: String,
        #[serde(rename = "ClientIDList", serialize_with = "one_item_list")]
        client_id: String,
        #[serde(rename = "ThumbprintList", serialize_with = "one_item_list")]
        thumbprint: String,
    },
    #[serde(rename = "iam:AddClientIDToOpenIDConnectProvider")]
    AddClientId {
        #[serde(rename = "OpenIDConnectProviderArn")]
        provider_arn: String,
        #[serde(rename = "ClientID")]
        client_id: String,
    },
    #[serde(rename = "iam:CreatePolicy")]
    CreatePolicy {
        policy_name: String,
        policy_document: Value,
    },
    #[serde(rename = "iam:CreatePolicyVersion")]
    CreatePolicyVersion {
        policy_arn: String,
        policy_document: Value,
    },
    #[serde(rename = "iam:CreateRole")]
    CreateRole {
        role_name: String,
        assume_role_policy_document: Value,
    },
    #[serde(rename = "iam:UpdateAssumeRolePolicy")]
    UpdateAssumeRolePolicy {
        role_name: String,
        policy_document: Value,
    },
    #[serde(rename = "iam:AttachRolePolicy")]
    AttachRolePolicy {
        role_name: String,
        policy_arn: String,
    },
}

fn one_item_list<S: serde::Serializer>(item: &str, s: S) -> Result<S::Ok, S::Error> {
    [item].serialize(s)
}

impl Step {
    /// The IAM action, e.g. `iam:CreateRole`.
    pub fn call(&self) -> &'static str {
        match self {
            Step::CreateOidcProvider { .. } => "iam:CreateOpenIDConnectProvider",
            Step::AddClientId { .. } => "iam:AddClientIDToOpenIDConnectProvider",
            Step::CreatePolicy { .. } => "iam:CreatePolicy",
            Step::CreatePolicyVersion { .. } => "iam:CreatePolicyVersion",
            Step::CreateRole { .. } => "iam:CreateRole",
            Step::UpdateAssumeRolePolicy { .. } => "iam:UpdateAssumeRolePolicy",
            Step::AttachRolePolicy { .. } => "iam:AttachRolePolicy",
        }
    }
}

/// The cluster an IRSA role is for.
#[derive(Debug, Clone)]
pub struct ClusterIdentity<'a> {
    pub issuer: &'a str,
    pub partition: &'a str,
    pub account: &'a str,
}

/// Why a cluster cannot be an IRSA identity.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoIdentity {
    #[error("cluster {0} reports no OIDC issuer")]
    NoIssuer(String),
    #[error("cannot read the account from {0}")]
    NoAccount(String),
}

impl<'a> ClusterIdentity<'a> {
    /// The issuer, partition and account of a described cluster. Pure.
    pub fn of(cluster: &'a crate::aws::eks::Cluster) -> Result<Self, NoIdentity> {
        let issuer = cluster
            .oidc_issuer
            .as_deref()
            .ok_or_else(|| NoIdentity::NoIssuer(cluster.name.clone()))?;
        let (partition, account) = cluster
            .partition_and_account()
            .ok_or_else(|| NoIdentity::NoAccount(cluster.arn.clone()))?;
        Ok(Self {
            issuer,
            partition,
            account,
        })
    }

    pub fn provider_arn(&self) -> String {
        policy::oidc_provider_arn(self.partition, self.account, self.issuer)
    }
}

/// Findings and the steps that would fix them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Assessment {
    pub findings: Vec<Finding>,
    /// Actions of the pinned controller policy that the attached policy lacks.
    pub missing_actions: Vec<String>,
    pub steps: Vec<Step>,
    /// Why the steps cannot be taken yet (a prerequisite another command creates).
    pub blocked: Option<String>,
}

/// Checks the IAM OIDC provider for a cluster's issuer.
pub fn assess_oidc(
    issuer: &str,
    provider: Option<&OidcProvider>,
    thumbprint: Option<&str>,
) -> Assessment {
    let fix = "otelctl iam oidc --create".to_owned();
    let mut a = Assessment::default();
    match provider {
        None => {
            a.findings.push(Finding {
                field: "OpenIDConnectProvider".into(),
                expected: format!("a provider for {}", policy::issuer_host_path(issuer)),
                found: "none".into(),
                fix,
            });
            match thumbprint {
                Some(t) => a.steps.push(Step::CreateOidcProvider {
                    url: issuer.into(),
                    client_id: policy::STS_AUDIENCE.into(),
                    thumbprint: t.into(),
                }),
                None => {
                    a.blocked =
                        Some("the issuer's CA thumbprint is unknown: pass --thumbprint".into())
                }
            }
        }
        Some(p) if !p.client_ids.iter().any(|c| c == policy::STS_AUDIENCE) => {
            a.findings.push(Finding {
                field: "ClientIDList".into(),
                expected: policy::STS_AUDIENCE.into(),
                found: p.client_ids.join(", "),
                fix,
            });
            a.steps.push(Step::AddClientId {
                provider_arn: p.arn.clone(),
                client_id: policy::STS_AUDIENCE.into(),
            });
        }
        Some(_) => {}
    }
    a
}

/// What was observed about the controller's role and policy.
#[derive(Debug, Clone)]
pub struct AlbRoleState {
    pub provider_exists: bool,
    pub role: Option<Role>,
    /// `(name, arn)` of the policies attached to the role.
    pub attached: Vec<(String, String)>,
    /// The controller policy (by name in this account), if it exists.
    pub policy: Option<ManagedPolicy>,
}

/// Names of what is being checked.
#[derive(Debug, Clone)]
pub struct AlbRoleNames<'a> {
    pub role: &'a str,
    pub policy: &'a str,
}

/// Checks the ALB controller's IRSA role for one cluster and plans the fix.
pub fn assess_alb_role(
    state: &AlbRoleState,
    names: &AlbRoleNames<'_>,
    cluster: &ClusterIdentity<'_>,
) -> Assessment {
    let fix = "otelctl iam alb-role --create".to_owned();
    let required: Value = serde_json::from_str(policy::ALB_CONTROLLER_POLICY).unwrap_or_else(|e| {
        unreachable!("the embedded policy is JSON (a unit test reads it): {e}")
    });
    let provider_arn = cluster.provider_arn();
    let policy_arn = format!(
        "arn:{}:iam::{}:policy/{}",
        cluster.partition, cluster.account, names.policy
    );
    let statement =
        policy::trust_statement(&provider_arn, cluster.issuer, policy::ALB_SERVICE_ACCOUNT);
    let mut a = Assessment::default();

    if !state.provider_exists {
        a.findings.push(Finding {
            field: "OpenIDConnectProvider".into(),
            expected: provider_arn.clone(),
            found: "none".into(),
            fix: "otelctl iam oidc --create".into(),
        });
        a.blocked = Some(
            "the cluster's OIDC provider must exist first: run `otelctl iam oidc --create`".into(),
        );
    }

    match &state.policy {
        None => {
            a.findings.push(Finding {
                field: "Policy".into(),
                expected: format!(
                    "{} (controller {})",
                    names.policy,
                    policy::CONTROLLER_VERSION
                ),
                found: "none".into(),
                fix: fix.clone(),
            });
            a.steps.push(Step::CreatePolicy {
                policy_name: names.policy.into(),
                policy_document: required.clone(),
            });
        }
        Some(existing) => {
            a.missing_actions = policy::missing_actions(&required, &existing.document);
            if !a.missing_actions.is_empty() {
                a.findings.push(Finding {
                    field: format!("Policy {} actions", names.policy),
                    expected: format!("every action of controller {}", policy::CONTROLLER_VERSION),
                    found: format!("{} missing", a.missing_actions.len()),
                    fix: fix.clone(),
                });
                a.steps.push(Step::CreatePolicyVersion {
                    policy_arn: existing.arn.clone(),
                    policy_document: required.clone(),
                });
            }
        }
    }

    match &state.role {
        None => {
            a.findings.push(Finding {
                field: "Role".into(),
                expected: names.role.into(),
                found: "none".into(),
                fix: fix.clone(),
            });
            a.steps.push(Step::CreateRole {
                role_name: names.role.into(),
                assume_role_policy_document: policy::trust_policy(
                    &provider_arn,
                    cluster.issuer,
                    policy::ALB_SERVICE_ACCOUNT,
                ),
            });
        }
        Some(role) => {
            let trust = policy::check_trust(
                &role.trust,
                &provider_arn,
                cluster.issuer,
                policy::ALB_SERVICE_ACCOUNT,
            );
            if !trust.is_empty() {
                a.findings.extend(trust);
                a.steps.push(Step::UpdateAssumeRolePolicy {
                    role_name: names.role.into(),
                    policy_document: policy::with_trust_statement(&role.trust, statement),
                });
            }
        }
    }

    let attached = state.attached.iter().any(|(name, _)| name == names.policy);
    if !attached {
        let found: Vec<&str> = state.attached.iter().map(|(n, _)| n.as_str()).collect();
        a.findings.push(Finding {
            field: "AttachedPolicies".into(),
            expected: names.policy.into(),
            found: if found.is_empty() {
                "(none)".into()
            } else {
                found.join(", ")
            },
            fix,
        });
        let arn = state.policy.as_ref().map_or(policy_arn, |p| p.arn.clone());
        a.steps.push(Step::AttachRolePolicy {
            role_name: names.role.into(),
            policy_arn: arn,
        });
    }
    a
}

#[cfg(test)]
mod tests;

//! IAM for IRSA: the cluster's OIDC provider and the ALB controller's role and policy.
//!
//! The seed's "Confirm OIDC provider" and "Confirm ALB controller IAM role" steps, done
//! precisely. This module is the I/O edge (IAM calls); what is right lives in `policy`, and
//! what to change in `plan`, both pure.

pub mod plan;
pub mod policy;
pub mod thumbprint;

use aws_sdk_iam::Client;
use serde_json::Value;

use super::{AwsError, AwsErrorKind};

/// An IAM OIDC identity provider.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OidcProvider {
    pub arn: String,
    pub client_ids: Vec<String>,
    pub thumbprints: Vec<String>,
}

/// A role and its trust policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    pub name: String,
    pub arn: String,
    pub trust: Value,
}

/// A managed policy and its default version's document.
#[derive(Debug, Clone, PartialEq)]
pub struct ManagedPolicy {
    pub arn: String,
    pub document: Value,
}

/// Turns "not found" into `None`.
fn optional<T>(result: Result<T, AwsError>) -> Result<Option<T>, AwsError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(e) if e.kind == AwsErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

fn bad_document(operation: &'static str, why: String) -> AwsError {
    AwsError::new(AwsErrorKind::Service, operation, why)
}

/// The provider whose URL is the issuer (compared without the scheme), if any.
pub async fn find_oidc_provider(
    client: &Client,
    issuer: &str,
) -> Result<Option<OidcProvider>, AwsError> {
    let wanted = policy::issuer_host_path(issuer);
    let list = client
        .list_open_id_connect_providers()
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("IAM ListOpenIDConnectProviders", e))?;
    let arn = list
        .open_id_connect_provider_list
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.arn)
        .find(|arn| {
            arn.split_once(":oidc-provider/")
                .is_some_and(|(_, url)| url == wanted)
        });
    let Some(arn) = arn else { return Ok(None) };
    let out = client
        .get_open_id_connect_provider()
        .open_id_connect_provider_arn(&arn)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("IAM GetOpenIDConnectProvider", e))?;
    Ok(Some(OidcProvider {
        arn,
        client_ids: out.client_id_list.unwrap_or_default(),
        thumbprints: out.thumbprint_list.unwrap_or_default(),
    }))
}

pub async fn create_oidc_provider(
    client: &Client,
    issuer: &str,
    client_id: &str,
    thumbprint: &str,
) -> Result<String, AwsError> {
    let out = client
        .create_open_id_connect_provider()
        .url(issuer)
        .client_id_list(client_id)
        .thumbprint_list(thumbprint)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("IAM CreateOpenIDConnectProvider", e))?;
    Ok(out.open_id_connect_provider_arn.unwrap_or_default())
}

pub async fn add_client_id(
    client: &Client,
    provider_arn: &str,
    client_id: &str,
) -> Result<(), AwsError> {
    client
        .add_client_id_to_open_id_connect_provider()
        .open_id_connect_provider_arn(provider_arn)
        .client_id(client_id)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("IAM AddClientIDToOpenIDConnectProvider", e))?;
    Ok(())
}

pub async fn get_role(client: &Client, name: &str) -> Result<Option<Role>, AwsError> {
    let out = optional(
        client
            .get_role()
            .role_name(name)
            .send()
            .await
            .map_err(|e| AwsError::from_sdk("IAM GetRole", e)),
    )?;
    let Some(role) = out.and_then(|o| o.role) else {
        return Ok(None);
    };
    let trust =
        policy::decode_document(role.assume_role_policy_document.as_deref().unwrap_or("{}"))
            .map_err(|why| bad_document("IAM GetRole", why))?;
    Ok(Some(Role {
        name: role.role_name,
        arn: role.arn,
        trust,
    }))
}

/// `(name, arn)` of every managed policy attached to the role.
pub async fn attached_policies(
    client: &Client,
    role: &str,
) -> Result<Vec<(String, String)>, AwsError> {
    let out = client
        .list_attached_role_policies()
        .role_name(role)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("IAM ListAttachedRolePolicies", e))?;
    Ok(out
        .attached_policies
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| Some((p.policy_name?, p.policy_arn?)))
        .collect())
}

/// The managed policy at `arn` with its default version's document, if it exists.
pub async fn get_policy(client: &Client, arn: &str) -> Result<Option<ManagedPolicy>, AwsError> {
    let out = optional(
        client
            .get_policy()
            .policy_arn(arn)
            .send()
            .await
            .map_err(|e| AwsError::from_sdk("IAM GetPolicy", e)),
    )?;
    let Some(version) = out
        .and_then(|o| o.policy)
        .and_then(|p| p.default_version_id)
    else {
        return Ok(None);
    };
    let out = client
        .get_policy_version()
        .policy_arn(arn)
        .version_id(version)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("IAM GetPolicyVersion", e))?;
    let raw = out
        .policy_version
        .and_then(|v| v.document)
        .unwrap_or_default();
    let document =
        policy::decode_document(&raw).map_err(|why| bad_document("IAM GetPolicyVersion", why))?;
    Ok(Some(ManagedPolicy {
        arn: arn.to_owned(),
        document,
    }))
}

pub async fn create_policy(
    client: &Client,
    name: &str,
    document: &Value,
) -> Result<String, AwsError> {
    let out = client
        .create_policy()
        .policy_name(name)
        .policy_document(document.to_string())
        .description("AWS Load Balancer Controller (created by otelctl)")
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("IAM CreatePolicy", e))?;
    Ok(out.policy.and_then(|p| p.arn).unwrap_or_default())
}

/// Makes `document` the policy's default version, first deleting the oldest non-default
/// version when the policy already has the five IAM allows.
pub async fn create_policy_version(
    client: &Client,
    arn: &str,
    document: &Value,
) -> Result<(), AwsError> {
    let versions = client
        .list_policy_versions()
        .policy_arn(arn)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("IAM ListPolicyVersions", e))?
        .versions
        .unwrap_or_default();
    if versions.len() >= 5 {
        let oldest = versions
            .iter()
            .filter(|v| !v.is_default_version)
            .min_by_key(|v| v.create_date.map(|d| d.secs()));
        if let Some(id) = oldest.and_then(|v| v.version_id.as_deref()) {
            client
                .delete_policy_version()
                .policy_arn(arn)
                .version_id(id)
                .send()
                .await
                .map_err(|e| AwsError::from_sdk("IAM DeletePolicyVersion", e))?;
        }
    }
    client
        .create_policy_version()
        .policy_arn(arn)
        .policy_document(document.to_string())
        .set_as_default(true)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("IAM CreatePolicyVersion", e))?;
    Ok(())
}

pub async fn create_role(client: &Client, name: &str, trust: &Value) -> Result<String, AwsError> {
    let out = client
        .create_role()
        .role_name(name)
        .assume_role_policy_document(trust.to_string())
        .description("AWS Load Balancer Controller via IRSA (created by otelctl)")
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("IAM CreateRole", e))?;
    Ok(out.role.map(|r| r.arn).unwrap_or_default())
}

pub async fn update_trust(client: &Client, name: &str, trust: &Value) -> Result<(), AwsError> {
    client
        .update_assume_role_policy()
        .role_name(name)
        .policy_document(trust.to_string())
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("IAM UpdateAssumeRolePolicy", e))?;
    Ok(())
}

pub async fn attach_policy(client: &Client, role: &str, policy_arn: &str) -> Result<(), AwsError> {
    client
        .attach_role_policy()
        .role_name(role)
        .policy_arn(policy_arn)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("IAM AttachRolePolicy", e))?;
    Ok(())
}

/// Reads everything [`plan::assess_alb_role`] needs, with the independent calls in parallel.
pub async fn observe_alb_role(
    client: &Client,
    names: &plan::AlbRoleNames<'_>,
    cluster: &plan::ClusterIdentity<'_>,
) -> Result<plan::AlbRoleState, AwsError> {
    let policy_arn = format!(
        "arn:{}:iam::{}:policy/{}",
        cluster.partition, cluster.account, names.policy
    );
    let (provider, role, attached, policy) = tokio::try_join!(
        find_oidc_provider(client, cluster.issuer),
        get_role(client, names.role),
        async { Ok(optional(attached_policies(client, names.role).await)?.unwrap_or_default()) },
        get_policy(client, &policy_arn),
    )?;
    Ok(plan::AlbRoleState {
        provider_exists: provider.is_some(),
        role,
        attached,
        policy,
    })
}

/// Makes the planned calls, in order.
/// A create that lost a race: another otelctl (or person) made the same provider or
/// policy between our look and our call. Its content is re-checked by the verify pass.
fn already_made<T>(result: Result<T, AwsError>) -> Result<(), AwsError> {
    match result {
        Ok(_) => Ok(()),
        Err(e) if e.code.as_deref() == Some("EntityAlreadyExists") => {
            tracing::info!(
                operation = e.operation,
                "already created meanwhile; checked again after"
            );
            Ok(())
        }
        Err(e) => Err(e),
    }
}

pub async fn apply(client: &Client, steps: &[plan::Step]) -> Result<(), AwsError> {
    use plan::Step;
    for step in steps {
        tracing::info!(call = step.call(), "applying");
        match step {
            Step::CreateOidcProvider {
                url,
                client_id,
                thumbprint,
            } => already_made(create_oidc_provider(client, url, client_id, thumbprint).await)?,
            Step::AddClientId {
                provider_arn,
                client_id,
            } => add_client_id(client, provider_arn, client_id).await?,
            Step::CreatePolicy {
                policy_name,
                policy_document,
            } => already_made(create_policy(client, policy_name, policy_document).await)?,
            Step::CreatePolicyVersion {
                policy_arn,
                policy_document,
            } => create_policy_version(client, policy_arn, policy_document).await?,
            Step::CreateRole {
                role_name,
                assume_role_policy_document,
            } => create_role(client, role_name, assume_role_policy_document)
                .await
                .map(drop)?,
            Step::UpdateAssumeRolePolicy {
                role_name,
                policy_document,
            } => update_trust(client, role_name, policy_document).await?,
            Step::AttachRolePolicy {
                role_name,
                policy_arn,
            } => attach_policy(client, role_name, policy_arn).await?,
        }
    }
    Ok(())
}

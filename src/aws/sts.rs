//! STS: who the caller is (the runbook's `aws sts get-caller-identity`) and role assumption
//! for the token plugin's `--role-arn`.

use aws_credential_types::Credentials;
use aws_sdk_sts::Client;
use serde::Serialize;

use super::AwsError;

/// The identity behind the credentials in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CallerIdentity {
    pub account: String,
    pub arn: String,
    pub user_id: String,
}

/// STS GetCallerIdentity.
pub async fn caller_identity(client: &Client) -> Result<CallerIdentity, AwsError> {
    let out = client
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("STS GetCallerIdentity", e))?;
    Ok(CallerIdentity {
        account: out.account.unwrap_or_default(),
        arn: out.arn.unwrap_or_default(),
        user_id: out.user_id.unwrap_or_default(),
    })
}

/// STS AssumeRole, returning temporary credentials for `role_arn`.
pub async fn assume_role(
    client: &Client,
    role_arn: &str,
    session_name: &str,
) -> Result<Credentials, AwsError> {
    let out = client
        .assume_role()
        .role_arn(role_arn)
        .role_session_name(session_name)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("STS AssumeRole", e))?;
    let creds = out.credentials.ok_or_else(|| {
        AwsError::new(
            super::AwsErrorKind::Service,
            "STS AssumeRole",
            "the response carried no credentials",
        )
    })?;
    let expiry = std::time::SystemTime::try_from(creds.expiration).ok();
    Ok(Credentials::new(
        creds.access_key_id,
        creds.secret_access_key,
        Some(creds.session_token),
        expiry,
        "otelctl-assume-role",
    ))
}

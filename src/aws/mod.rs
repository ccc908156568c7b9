//! AWS access: one SDK configuration for every service, and errors people can act on.
//!
//! Credentials and region come from aws-config's standard chain (environment, profiles
//! including SSO, web identity, IMDS), endpoints from `AWS_ENDPOINT_URL` and
//! `AWS_ENDPOINT_URL_<SERVICE>` exactly as the SDK defines them. Retries and timeouts are
//! set here, explicitly, so no call can hang a CI job.

pub mod ec2;
pub mod ecr;
pub mod eks;
pub mod iam;
pub mod sts;

use std::error::Error as StdError;
use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_credential_types::provider::ProvideCredentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use thiserror::Error;

use crate::settings::AwsSettings;

/// Attempts per call, counting the first (the SDK's standard retry mode).
const MAX_ATTEMPTS: u32 = 3;

/// Loads the shared SDK configuration from the settings and the standard chain.
pub async fn load(settings: &AwsSettings) -> SdkConfig {
    let timeouts = TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(5))
        .read_timeout(Duration::from_secs(20))
        .operation_attempt_timeout(Duration::from_secs(25))
        .operation_timeout(Duration::from_secs(60))
        .build();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(RetryConfig::standard().with_max_attempts(MAX_ATTEMPTS))
        .timeout_config(timeouts);
    if let Some(region) = &settings.region {
        loader = loader.region(Region::new(region.clone()));
    }
    if let Some(profile) = &settings.profile {
        loader = loader.profile_name(profile);
    }
    loader.load().await
}

/// The region the SDK resolved, or an error that says how to set one.
pub fn region(config: &SdkConfig) -> Result<String, AwsError> {
    config
        .region()
        .map(|r| r.as_ref().to_owned())
        .ok_or_else(|| {
            AwsError::new(
                AwsErrorKind::NoRegion,
                "resolve region",
                "no AWS region is set: pass --region, set AWS_REGION, add `region` to \
                 otelctl.toml, or set one in your AWS profile",
            )
        })
}

/// The credentials the SDK's chain resolves to (for signing outside an SDK client).
pub async fn credentials(config: &SdkConfig) -> Result<Credentials, AwsError> {
    let provider = config.credentials_provider().ok_or_else(|| {
        AwsError::new(
            AwsErrorKind::Credentials,
            "load credentials",
            NO_CREDENTIALS_HELP,
        )
    })?;
    provider
        .provide_credentials()
        .await
        .map_err(|e| AwsError::from_credentials("load credentials", &e))
}

/// What went wrong, at the level that decides the exit code and the advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AwsErrorKind {
    /// No usable credentials were found.
    Credentials,
    /// Credentials were found but refused, or lack a permission.
    Permission,
    /// The thing asked about does not exist.
    NotFound,
    /// No region could be resolved.
    NoRegion,
    /// The endpoint could not be reached, or the call timed out.
    Network,
    /// The service answered with an error of another kind.
    Service,
}

/// An AWS call that failed, with the operation and a message that says what to do.
#[derive(Debug, Error)]
#[error("{operation}: {message}{}", missing_action.as_ref().map(|a| format!(" (missing permission: {a})")).unwrap_or_default())]
pub struct AwsError {
    pub kind: AwsErrorKind,
    /// e.g. `EKS DescribeCluster`.
    pub operation: &'static str,
    /// The service's error code, when it sent one.
    pub code: Option<String>,
    pub message: String,
    /// For AccessDenied: the IAM action the caller lacks, taken from the message.
    pub missing_action: Option<String>,
}

const NO_CREDENTIALS_HELP: &str = "no AWS credentials found. Set AWS_PROFILE (then run \
    `aws sso login` if it is an SSO profile) or pass --profile, or set AWS_ACCESS_KEY_ID and \
    AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN for temporary credentials)";

impl AwsError {
    pub fn new(kind: AwsErrorKind, operation: &'static str, message: impl Into<String>) -> Self {
        Self {
            kind,
            operation,
            code: None,
            message: message.into(),
            missing_action: None,
        }
    }

    /// Classifies an SDK error. The SDK's own error is logged at debug level, not kept as a
    /// source: its chain repeats itself and would bury the advice.
    pub fn from_sdk<E>(operation: &'static str, err: SdkError<E, HttpResponse>) -> Self
    where
        E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
    {
        tracing::debug!(operation, error = ?err, "AWS call failed");
        match &err {
            SdkError::ServiceError(service) => {
                let e = service.err();
                let code = e.code().map(str::to_owned);
                let status = service.raw().status().as_u16();
                let body = service.raw().body().bytes().map(String::from_utf8_lossy);
                let detail = match (e.message(), &code) {
                    (Some(m), _) => m.to_owned(),
                    // An error the SDK could not parse (a proxy, an emulator): say what came.
                    (None, None) => {
                        format!("HTTP {status} with an error body the SDK could not read")
                    }
                    (None, Some(_)) => "no message".to_owned(),
                };
                let kind = match (&code, status) {
                    (Some(_), _) => kind_of_code(code.as_deref()),
                    (None, 401 | 403) => AwsErrorKind::Permission,
                    (None, _) => AwsErrorKind::Service,
                };
                let missing_action = (kind == AwsErrorKind::Permission)
                    .then(|| {
                        missing_action(&detail).or_else(|| body.as_deref().and_then(missing_action))
                    })
                    .flatten();
                let message = match &code {
                    Some(c) => format!("{c}: {detail}"),
                    None => detail,
                };
                Self {
                    kind,
                    operation,
                    code,
                    message,
                    missing_action,
                }
            }
            SdkError::TimeoutError(_) => {
                Self::new(AwsErrorKind::Network, operation, "the call timed out")
            }
            _ => {
                if let Some(cred) = find_source::<CredentialsError>(&err) {
                    return Self::from_credentials(operation, cred);
                }
                let text = error_chain_text(&err);
                let kind = if matches!(err, SdkError::DispatchFailure(_)) {
                    AwsErrorKind::Network
                } else {
                    AwsErrorKind::Service
                };
                Self::new(kind, operation, text)
            }
        }
    }

    /// A credentials-chain failure, with what to set when nothing was found.
    pub fn from_credentials(operation: &'static str, err: &CredentialsError) -> Self {
        let message = match err {
            CredentialsError::CredentialsNotLoaded(_) => NO_CREDENTIALS_HELP.into(),
            other => format!(
                "could not load AWS credentials: {}",
                error_chain_text(other)
            ),
        };
        Self::new(AwsErrorKind::Credentials, operation, message)
    }
}

/// Maps a service error code to the kind that decides the exit code.
pub fn kind_of_code(code: Option<&str>) -> AwsErrorKind {
    match code.unwrap_or_default() {
        "ResourceNotFoundException"
        | "NoSuchEntity"
        | "RepositoryNotFoundException"
        | "NotFoundException" => AwsErrorKind::NotFound,
        "InvalidClientTokenId"
        | "UnrecognizedClientException"
        | "SignatureDoesNotMatch"
        | "InvalidAccessKeyId"
        | "AuthFailure"
        | "MissingAuthenticationToken" => AwsErrorKind::Credentials,
        c if c.starts_with("ExpiredToken") => AwsErrorKind::Credentials,
        c if c.starts_with("AccessDenied") || c == "UnauthorizedOperation" => {
            AwsErrorKind::Permission
        }
        _ => AwsErrorKind::Service,
    }
}

/// The action in an AccessDenied message: "... is not authorized to perform: iam:CreateRole on
/// resource: ...".
pub fn missing_action(message: &str) -> Option<String> {
    let rest = message.split_once("perform: ")?.1;
    let action: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_' | '*'))
        .collect();
    action.contains(':').then_some(action)
}

fn find_source<'a, T: StdError + 'static>(err: &'a (dyn StdError + 'static)) -> Option<&'a T> {
    let mut current = Some(err);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        current = e.source();
    }
    None
}

/// The distinct messages of an error chain, joined with `: `.
fn error_chain_text(err: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current = Some(err);
    while let Some(e) = current {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_kinds() {
        assert_eq!(
            kind_of_code(Some("ResourceNotFoundException")),
            AwsErrorKind::NotFound
        );
        assert_eq!(kind_of_code(Some("NoSuchEntity")), AwsErrorKind::NotFound);
        assert_eq!(
            kind_of_code(Some("ExpiredTokenException")),
            AwsErrorKind::Credentials
        );
        assert_eq!(
            kind_of_code(Some("InvalidClientTokenId")),
            AwsErrorKind::Credentials
        );
        assert_eq!(
            kind_of_code(Some("AccessDeniedException")),
            AwsErrorKind::Permission
        );
        assert_eq!(kind_of_code(Some("AccessDenied")), AwsErrorKind::Permission);
        assert_eq!(kind_of_code(Some("Throttling")), AwsErrorKind::Service);
        assert_eq!(kind_of_code(None), AwsErrorKind::Service);
    }

    #[test]
    fn access_denied_names_the_missing_action() {
        let msg = "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: \
                   iam:CreateRole on resource: arn:aws:iam::123456789012:role/x because no \
                   identity-based policy allows the iam:CreateRole action";
        assert_eq!(missing_action(msg).as_deref(), Some("iam:CreateRole"));
        assert_eq!(missing_action("Access Denied"), None);
        let err = AwsError {
            missing_action: missing_action(msg),
            ..AwsError::new(
                AwsErrorKind::Permission,
                "IAM CreateRole",
                "AccessDenied: no",
            )
        };
        assert!(
            err.to_string()
                .ends_with("(missing permission: iam:CreateRole)")
        );
    }

    #[test]
    fn chain_text_drops_repeats() {
        #[derive(Debug, Error)]
        #[error("outer: inner failed")]
        struct Outer(#[source] Inner);
        #[derive(Debug, Error)]
        #[error("inner failed")]
        struct Inner;
        assert_eq!(error_chain_text(&Outer(Inner)), "outer: inner failed");
    }
}

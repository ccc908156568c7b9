//! The EKS bearer token, so kubectl needs no aws CLI.
//!
//! An EKS token is a presigned STS GetCallerIdentity URL with the cluster name as the
//! signed `x-k8s-aws-id` header; the cluster's authenticator replays it against STS to learn
//! who is calling. Signing is done by aws-sigv4, never by hand. Everything here is pure:
//! credentials and the clock come in as arguments.

use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{
    SignableBody, SignableRequest, SignatureLocation, SigningSettings, sign,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use aws_smithy_types::date_time::{DateTime, Format};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use thiserror::Error;

/// Prefix the authenticator requires.
pub const TOKEN_PREFIX: &str = "k8s-aws-v1.";
/// Header that binds the token to one cluster.
pub const CLUSTER_ID_HEADER: &str = "x-k8s-aws-id";
/// How long the presigned URL is valid, as aws-iam-authenticator clients use.
pub const URL_EXPIRES: Duration = Duration::from_secs(60);
/// How long kubectl may cache the token: the authenticator accepts it for 15 minutes.
pub const TOKEN_LIFETIME: Duration = Duration::from_secs(14 * 60);
/// The ExecCredential version answered when kubectl does not say.
pub const DEFAULT_EXEC_API_VERSION: &str = "client.authentication.k8s.io/v1beta1";

#[derive(Debug, Error)]
pub enum TokenError {
    #[error("cannot sign the token request: {0}")]
    Sign(String),
}

/// The STS host the authenticator accepts for a region, by partition.
pub fn sts_host(region: &str) -> String {
    let suffix = if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else if region.starts_with("us-isob-") {
        "sc2s.sgov.gov"
    } else if region.starts_with("us-iso-") {
        "c2s.ic.gov"
    } else {
        "amazonaws.com"
    };
    format!("sts.{region}.{suffix}")
}

/// Presigns STS GetCallerIdentity for `cluster` and wraps it as a bearer token.
pub fn token(
    cluster: &str,
    region: &str,
    credentials: &Credentials,
    now: SystemTime,
) -> Result<String, TokenError> {
    let url = presigned_url(cluster, region, credentials, now)?;
    Ok(format!("{TOKEN_PREFIX}{}", URL_SAFE_NO_PAD.encode(url)))
}

fn presigned_url(
    cluster: &str,
    region: &str,
    credentials: &Credentials,
    now: SystemTime,
) -> Result<String, TokenError> {
    let sign_err = |e: &dyn std::fmt::Display| TokenError::Sign(e.to_string());
    let url = format!(
        "https://{}/?Action=GetCallerIdentity&Version=2011-06-15",
        sts_host(region)
    );
    let headers = [(CLUSTER_ID_HEADER, cluster)];
    let request = SignableRequest::new("GET", &url, headers.into_iter(), SignableBody::Bytes(&[]))
        .map_err(|e| sign_err(&e))?;

    let mut settings = SigningSettings::default();
    settings.signature_location = SignatureLocation::QueryParams;
    settings.expires_in = Some(URL_EXPIRES);
    let identity: Identity = credentials.clone().into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name("sts")
        .time(now)
        .settings(settings)
        .build()
        .map_err(|e| sign_err(&e))?
        .into();
    let (instructions, _signature) = sign(request, &params)
        .map_err(|e| sign_err(&e))?
        .into_parts();

    let mut http_request = http::Request::get(&url)
        .header(CLUSTER_ID_HEADER, cluster)
        .body(())
        .map_err(|e| sign_err(&e))?;
    instructions.apply_to_request_http1x(&mut http_request);
    Ok(http_request.uri().to_string())
}

/// The ExecCredential document kubectl reads from the plugin's stdout.
#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ExecCredential {
    pub kind: &'static str,
    pub api_version: String,
    pub spec: serde_json::Map<String, serde_json::Value>,
    pub status: ExecCredentialStatus,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ExecCredentialStatus {
    pub expiration_timestamp: String,
    pub token: String,
}

/// Builds the ExecCredential for a token made at `now`.
pub fn exec_credential(token: String, api_version: String, now: SystemTime) -> ExecCredential {
    let since_epoch = now
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    let expires = DateTime::from_secs((since_epoch + TOKEN_LIFETIME).as_secs() as i64);
    ExecCredential {
        kind: "ExecCredential",
        api_version,
        spec: serde_json::Map::new(),
        status: ExecCredentialStatus {
            expiration_timestamp: expires
                .fmt(Format::DateTime)
                .unwrap_or_else(|_| expires.to_string()),
            token,
        },
    }
}

/// The ExecCredential apiVersion kubectl asked for in `KUBERNETES_EXEC_INFO`, v1beta1 when
/// it did not say (or said something unreadable).
pub fn exec_api_version(exec_info: Option<&str>) -> String {
    #[derive(serde::Deserialize)]
    struct Info {
        #[serde(rename = "apiVersion")]
        api_version: String,
    }
    exec_info
        .and_then(|text| serde_json::from_str::<Info>(text).ok())
        .map(|i| i.api_version)
        .filter(|v| v.starts_with("client.authentication.k8s.io/"))
        .unwrap_or_else(|| DEFAULT_EXEC_API_VERSION.to_owned())
}

#[cfg(test)]
mod tests;

//! Exit codes, documented in the README, and how an error chain maps to one.
//!
//! Domain errors say what happened; this module decides what that means to a script:
//! usage, credentials, not found, or an operation that failed.

use std::process::ExitCode;

use crate::aws::{AwsError, AwsErrorKind};
use crate::image::registry::RegistryError;
use crate::kube::client::ClientError;
use crate::kube::forward::ForwardError;
use crate::kube::kubeconfig::KubeconfigError;
use crate::settings::SettingsError;

/// The documented exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: everything worked.
    Ok = 0,
    /// 1: a check or an operation failed.
    Failed = 1,
    /// 2: bad usage: flags, configuration, missing required settings.
    Usage = 2,
    /// 3: no credentials, or credentials refused or lacking a permission.
    Credentials = 3,
    /// 4: the named cluster, role or repository does not exist.
    NotFound = 4,
    /// 5: a bug: panics and other unexpected failures.
    Unexpected = 5,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit as u8)
    }
}

/// A usage error raised by a command (a required setting is missing, say).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The exit code for an error: the first cause in the chain that has a meaning decides.
pub fn classify(err: &anyhow::Error) -> Exit {
    for cause in err.chain() {
        if let Some(aws) = cause.downcast_ref::<AwsError>() {
            return match aws.kind {
                AwsErrorKind::Credentials | AwsErrorKind::Permission => Exit::Credentials,
                AwsErrorKind::NotFound => Exit::NotFound,
                AwsErrorKind::NoRegion => Exit::Usage,
                AwsErrorKind::Network | AwsErrorKind::Service => Exit::Failed,
            };
        }
        if cause.is::<SettingsError>()
            || cause.is::<UsageError>()
            || cause.is::<crate::telemetry::config::ConfigError>()
        {
            return Exit::Usage;
        }
        if let Some(err) = cause.downcast_ref::<RegistryError>() {
            return match err {
                RegistryError::Unauthorized { .. } | RegistryError::NoCredentials { .. } => {
                    Exit::Credentials
                }
                _ => Exit::Failed,
            };
        }
        if let Some(KubeconfigError::NoHome) = cause.downcast_ref::<KubeconfigError>() {
            return Exit::Usage;
        }
        if let Some(err) = cause.downcast_ref::<ClientError>() {
            return match err {
                ClientError::NoHome
                | ClientError::NoContext
                | ClientError::UnknownContext(_)
                | ClientError::Missing { .. } => Exit::Usage,
                _ => Exit::Failed,
            };
        }
        if let Some(err) = cause.downcast_ref::<ForwardError>() {
            return match err {
                ForwardError::NoService { .. } | ForwardError::NoPod { .. } => Exit::NotFound,
                ForwardError::Api(_) | ForwardError::Listen { .. } => Exit::Failed,
            };
        }
        if let Some(kube::Error::Api(status)) = cause.downcast_ref::<kube::Error>() {
            return match status.code {
                401 | 403 => Exit::Credentials,
                404 => Exit::NotFound,
                _ => Exit::Failed,
            };
        }
    }
    Exit::Failed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aws(kind: AwsErrorKind) -> anyhow::Error {
        anyhow::Error::new(AwsError::new(kind, "X", "m")).context("while doing something")
    }

    #[test]
    fn aws_kinds_map_to_documented_codes() {
        assert_eq!(classify(&aws(AwsErrorKind::Credentials)), Exit::Credentials);
        assert_eq!(classify(&aws(AwsErrorKind::Permission)), Exit::Credentials);
        assert_eq!(classify(&aws(AwsErrorKind::NotFound)), Exit::NotFound);
        assert_eq!(classify(&aws(AwsErrorKind::NoRegion)), Exit::Usage);
        assert_eq!(classify(&aws(AwsErrorKind::Network)), Exit::Failed);
    }

    #[test]
    fn usage_and_unknown_errors() {
        assert_eq!(classify(&UsageError("x".into()).into()), Exit::Usage);
        assert_eq!(classify(&anyhow::anyhow!("boom")), Exit::Failed);
    }
}

//! `otelctl doctor`: every "verify" step of the runbook and every lesson it learned the hard
//! way, as independent checks run concurrently, answering "why don't my traces show up?" and
//! "why don't my pods start?" in one read-only command.
//!
//! A check is a stable id, a title, the ids it needs, and an async function over a shared
//! [`Context`] that caches every AWS and Kubernetes list call, so ten checks reading pods
//! cost one LIST. The engine ([`engine::run`]) starts every check at once; a check waits only
//! for the checks it needs, and is skipped with the reason when one of them did not pass.

pub mod checks;
mod context;
pub mod engine;
pub mod junit;
mod report;

use serde::Serialize;

pub use context::{Context, Options};
pub use report::Report;

/// How a check ended. The order is severity, for sorting and exit decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Skip,
    Warn,
    Fail,
    Error,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Skip => "skip",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Error => "error",
        }
    }

    /// Whether checks that need this one can run.
    pub fn satisfies(self) -> bool {
        matches!(self, Status::Pass | Status::Warn)
    }
}

/// What a check found: its status, a one-line summary, details and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    pub summary: String,
    pub details: Vec<String>,
    pub remediation: Option<String>,
}

impl Outcome {
    fn new(status: Status, summary: impl Into<String>) -> Self {
        Self {
            status,
            summary: summary.into(),
            details: Vec::new(),
            remediation: None,
        }
    }
    pub fn pass(summary: impl Into<String>) -> Self {
        Self::new(Status::Pass, summary)
    }
    pub fn warn(summary: impl Into<String>) -> Self {
        Self::new(Status::Warn, summary)
    }
    pub fn fail(summary: impl Into<String>) -> Self {
        Self::new(Status::Fail, summary)
    }
    pub fn skip(summary: impl Into<String>) -> Self {
        Self::new(Status::Skip, summary)
    }
    pub fn error(summary: impl Into<String>) -> Self {
        Self::new(Status::Error, summary)
    }
    pub fn details(mut self, details: impl IntoIterator<Item = String>) -> Self {
        self.details.extend(details);
        self
    }
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.details.push(detail.into());
        self
    }
    pub fn fix(mut self, remediation: impl Into<String>) -> Self {
        self.remediation = Some(remediation.into());
        self
    }
}

/// One finished check, as the report and `-o json` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckResult {
    pub id: &'static str,
    pub title: &'static str,
    pub status: Status,
    pub summary: String,
    pub details: Vec<String>,
    pub remediation: Option<String>,
    pub duration_ms: u64,
}

/// A check could not reach a verdict: an API call failed. Cheap to clone, because one failed
/// LIST is shared by every check that read it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct CheckError {
    pub message: String,
    pub remediation: Option<String>,
    /// The thing asked about does not exist (a verdict for some checks, not an error).
    pub not_found: bool,
}

impl CheckError {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            remediation: None,
            not_found: false,
        }
    }
}

impl From<crate::aws::AwsError> for CheckError {
    fn from(err: crate::aws::AwsError) -> Self {
        let remediation = err.missing_action.as_ref().map(|action| {
            format!("grant {action} to the identity otelctl runs as (see `otelctl whoami`)")
        });
        Self {
            not_found: err.kind == crate::aws::AwsErrorKind::NotFound,
            message: err.to_string(),
            remediation,
        }
    }
}

impl From<kube::Error> for CheckError {
    fn from(err: kube::Error) -> Self {
        let remediation = match &err {
            kube::Error::Api(status) if status.code == 401 => {
                Some("refresh credentials: `otelctl kubeconfig update`".to_owned())
            }
            kube::Error::Api(status) if status.code == 403 => Some(
                "grant the identity read access (RBAC, or an EKS access entry) to this resource"
                    .to_owned(),
            ),
            _ => None,
        };
        let message = match &err {
            kube::Error::Api(status) => {
                format!("Kubernetes API {}: {}", status.code, status.message)
            }
            other => format!("Kubernetes API: {}", crate::kube::client::error_text(other)),
        };
        Self {
            message,
            remediation,
            not_found: matches!(&err, kube::Error::Api(status) if status.code == 404),
        }
    }
}

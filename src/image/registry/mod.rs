//! A small OCI distribution API client for pushing: HEAD to skip blobs the registry has,
//! POST + one PUT per blob (the monolithic upload ECR requires), the manifest last.
//!
//! Why not the oci-client crate: it can be built on rustls + aws-lc-rs, and it has a
//! monolithic streaming push, but it brings a second HTTP stack (reqwest) next to the hyper
//! client otelctl already has, gives no hook for per-blob progress, and does its own
//! credential handling, where otelctl must re-run ECR GetAuthorizationToken once when a
//! token expires mid-push. The part of the protocol a push needs is small; it is here, on
//! hyper 1 + hyper-rustls.

pub mod auth;
pub mod body;
mod client;
pub mod push;

pub use client::{Client, Login};

use std::net::IpAddr;

/// Where images go: `host[:port]`, over https, or plain http for a loopback registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub host: String,
    pub plain_http: bool,
}

impl Target {
    /// Parses `--registry` (a bare `host[:port]`, or an https:// URL) with `--plain-http`,
    /// which only a loopback host may use.
    pub fn parse(value: &str, plain_http: bool) -> Result<Self, String> {
        let host = value
            .trim()
            .trim_start_matches("https://")
            .trim_end_matches('/')
            .to_owned();
        if host.is_empty() || host.contains(['/', ' ', '@', '?', '#']) {
            return Err(format!(
                "`{value}` is not a registry host, like 123456789012.dkr.ecr.us-east-1.amazonaws.com or 127.0.0.1:5000"
            ));
        }
        if plain_http && !is_loopback(&host) {
            return Err(format!(
                "--plain-http sends the registry password unencrypted, so it is allowed only for \
                 a loopback registry (127.0.0.1, ::1, localhost), not {host}"
            ));
        }
        Ok(Self { host, plain_http })
    }

    pub fn base_url(&self) -> String {
        let scheme = if self.plain_http { "http" } else { "https" };
        format!("{scheme}://{}", self.host)
    }
}

/// Whether `host[:port]` names this machine.
pub fn is_loopback(host_port: &str) -> bool {
    let host = match host_port.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => match host_port.rsplit_once(':') {
            Some((h, port)) if !h.contains(':') && port.bytes().all(|b| b.is_ascii_digit()) => h,
            _ => host_port,
        },
    };
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Why a registry call failed.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("cannot reach the registry ({method} {url}): {source}")]
    Transport {
        method: String,
        url: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("{method} {url} timed out after {secs}s")]
    Timeout {
        method: String,
        url: String,
        secs: u64,
    },
    #[error("{method} {url}: the registry answered {status}{detail}")]
    Status {
        method: String,
        url: String,
        status: u16,
        detail: String,
    },
    #[error(
        "the registry refused the credentials ({url}), also after authenticating again; \
         check that this identity may push to the repository"
    )]
    Unauthorized { url: String },
    #[error("cannot get registry credentials: {0}")]
    Login(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("the registry needs credentials ({url}) and none were given")]
    NoCredentials { url: String },
    #[error("{0}")]
    Protocol(String),
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

impl RegistryError {
    /// Worth another try: 5xx, 429, a dropped connection, a timeout.
    pub fn is_transient(&self) -> bool {
        match self {
            RegistryError::Transport { .. } | RegistryError::Timeout { .. } => true,
            RegistryError::Status { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for h in [
            "127.0.0.1:5000",
            "localhost",
            "LOCALHOST:80",
            "[::1]:5000",
            "::1",
            "127.1.2.3",
        ] {
            assert!(is_loopback(h), "{h}");
        }
        for h in [
            "10.0.0.1:5000",
            "registry.example.com",
            "localhost.example.com:5000",
            "[::2]:1",
        ] {
            assert!(!is_loopback(h), "{h}");
        }
    }

    #[test]
    fn plain_http_only_for_loopback() {
        assert_eq!(
            Target::parse("127.0.0.1:5000", true).unwrap().base_url(),
            "http://127.0.0.1:5000"
        );
        assert!(Target::parse("registry.example.com", true).is_err());
        assert_eq!(
            Target::parse("https://registry.example.com/", false)
                .unwrap()
                .base_url(),
            "https://registry.example.com"
        );
        assert!(Target::parse("a/b", false).is_err());
    }
}

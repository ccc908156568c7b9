//! The thumbprint IAM wants for an OIDC provider: the SHA-1 of the last certificate the
//! issuer presents in its TLS chain (its root or top intermediate), as eksctl computes it.

use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::ServerName;
use rustls::{ClientConfig, RootCertStore};
use thiserror::Error;
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Error)]
pub enum ThumbprintError {
    #[error("`{0}` is not an https URL")]
    NotHttps(String),
    #[error("cannot reach the OIDC issuer {host}: {reason}; pass --thumbprint HEX instead")]
    Unreachable { host: String, reason: String },
    #[error("the OIDC issuer {0} presented no certificate")]
    NoCertificate(String),
}

/// `https://host[:port]/path` → `(host, port)`.
fn host_port(issuer: &str) -> Result<(String, u16), ThumbprintError> {
    let rest = issuer
        .strip_prefix("https://")
        .ok_or_else(|| ThumbprintError::NotHttps(issuer.into()))?;
    let authority = rest.split('/').next().unwrap_or_default();
    match authority.rsplit_once(':') {
        Some((host, port)) if port.parse::<u16>().is_ok() => {
            Ok((host.to_owned(), port.parse().unwrap_or(443)))
        }
        _ if authority.is_empty() => Err(ThumbprintError::NotHttps(issuer.into())),
        _ => Ok((authority.to_owned(), 443)),
    }
}

/// The platform's trusted roots, for verifying the issuer.
pub fn native_roots() -> RootCertStore {
    let mut roots = RootCertStore::empty();
    let loaded = rustls_native_certs::load_native_certs();
    for cert in loaded.certs {
        let _ = roots.add(cert);
    }
    roots
}

/// Connects to the issuer over verified TLS and returns the lowercase hex SHA-1 of the last
/// certificate in its chain.
pub async fn issuer_thumbprint(
    issuer: &str,
    roots: RootCertStore,
) -> Result<String, ThumbprintError> {
    let (host, port) = host_port(issuer)?;
    let unreachable = |reason: String| ThumbprintError::Unreachable {
        host: host.clone(),
        reason,
    };
    let config = ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| unreachable(e.to_string()))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    let name = ServerName::try_from(host.clone()).map_err(|e| unreachable(e.to_string()))?;
    let handshake = async {
        let tcp = TcpStream::connect((host.as_str(), port))
            .await
            .map_err(|e| unreachable(e.to_string()))?;
        TlsConnector::from(Arc::new(config))
            .connect(name, tcp)
            .await
            .map_err(|e| unreachable(e.to_string()))
    };
    let tls = tokio::time::timeout(CONNECT_TIMEOUT, handshake)
        .await
        .map_err(|_| {
            unreachable(format!(
                "no TLS handshake within {}s",
                CONNECT_TIMEOUT.as_secs()
            ))
        })??;
    let last = tls
        .get_ref()
        .1
        .peer_certificates()
        .and_then(|chain| chain.last())
        .ok_or_else(|| ThumbprintError::NoCertificate(host.clone()))?;
    let digest =
        aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY, last.as_ref());
    Ok(digest.as_ref().iter().map(|b| format!("{b:02x}")).collect())
}

/// A thumbprint given by hand: 40 hex digits, normalised to lowercase.
pub fn parse_thumbprint(value: &str) -> Result<String, String> {
    let v = value.trim().replace(':', "");
    if v.len() == 40 && v.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(v.to_ascii_lowercase())
    } else {
        Err(format!(
            "`{value}` is not a SHA-1 thumbprint (40 hex digits)"
        ))
    }
}

#[cfg(test)]
mod tests;

//! Helm releases read from their storage Secrets, so no helm binary is needed to know what is
//! installed.
//!
//! Helm (v3 and v4) keeps each revision of a release in a Secret of type
//! `helm.sh/release.v1` labelled `owner=helm`, `name=<release>`, `version=<revision>`. Its
//! `release` key holds base64 text of a gzip'd JSON record (on top of the base64 that every
//! Secret's data carries on the wire).

use std::io::Read;

use base64::Engine;
use k8s_openapi::api::core::v1::Secret;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The label selector of Helm's release Secrets.
pub const RELEASE_SELECTOR: &str = "owner=helm";

/// One release at its latest revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Release {
    pub name: String,
    pub namespace: String,
    pub revision: u32,
    /// deployed, failed, pending-install, pending-upgrade, pending-rollback, superseded, …
    pub status: String,
    pub chart: String,
    pub chart_version: String,
    pub app_version: String,
    /// The values the release was installed with (`--set`, `-f`), not the chart's defaults.
    #[serde(skip)]
    pub values: serde_json::Value,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("secret {0} has no `release` key")]
    NoRelease(String),
    #[error("secret {0}: the release is not base64: {1}")]
    Base64(String, String),
    #[error("secret {0}: the release does not decompress: {1}")]
    Gzip(String, String),
    #[error("secret {0}: the release is not Helm's JSON: {1}")]
    Json(String, String),
}

#[derive(Deserialize)]
struct Record {
    name: String,
    #[serde(default)]
    namespace: String,
    #[serde(default)]
    version: u32,
    info: Info,
    chart: Option<Chart>,
    #[serde(default)]
    config: serde_json::Value,
}

#[derive(Deserialize)]
struct Info {
    #[serde(default)]
    status: String,
}

#[derive(Deserialize)]
struct Chart {
    metadata: ChartMetadata,
}

#[derive(Deserialize)]
struct ChartMetadata {
    #[serde(default)]
    name: String,
    #[serde(default)]
    version: String,
    #[serde(default, rename = "appVersion")]
    app_version: String,
}

/// How far a release record may inflate.
const MAX_RECORD: u64 = 64 << 20;

/// Decodes one release Secret. Pure.
pub fn decode(secret: &Secret) -> Result<Release, DecodeError> {
    decode_within(secret, MAX_RECORD)
}

fn decode_within(secret: &Secret, limit: u64) -> Result<Release, DecodeError> {
    let id = format!(
        "{}/{}",
        secret.metadata.namespace.as_deref().unwrap_or_default(),
        secret.metadata.name.as_deref().unwrap_or_default()
    );
    let raw = secret
        .data
        .as_ref()
        .and_then(|d| d.get("release"))
        .ok_or_else(|| DecodeError::NoRelease(id.clone()))?;
    let text: Vec<u8> = raw
        .0
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let packed = base64::engine::general_purpose::STANDARD
        .decode(&text)
        .map_err(|e| DecodeError::Base64(id.clone(), e.to_string()))?;
    let json = if packed.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        // A Secret holds at most 1 MiB; a record inflating past the cap is not Helm's.
        flate2::read::GzDecoder::new(packed.as_slice())
            .take(limit + 1)
            .read_to_end(&mut out)
            .map_err(|e| DecodeError::Gzip(id.clone(), e.to_string()))?;
        if out.len() as u64 > limit {
            return Err(DecodeError::Gzip(
                id,
                format!("inflates past {limit} bytes"),
            ));
        }
        out
    } else {
        packed
    };
    let record: Record =
        serde_json::from_slice(&json).map_err(|e| DecodeError::Json(id.clone(), e.to_string()))?;
    let meta = record.chart.map(|c| c.metadata);
    Ok(Release {
        namespace: if record.namespace.is_empty() {
            secret.metadata.namespace.clone().unwrap_or_default()
        } else {
            record.namespace
        },
        name: record.name,
        revision: record.version,
        status: record.info.status,
        chart: meta.as_ref().map(|m| m.name.clone()).unwrap_or_default(),
        chart_version: meta.as_ref().map(|m| m.version.clone()).unwrap_or_default(),
        app_version: meta.map(|m| m.app_version).unwrap_or_default(),
        values: record.config,
    })
}

/// The latest revision of each release (by namespace and name). Pure.
pub fn latest(releases: impl IntoIterator<Item = Release>) -> Vec<Release> {
    let mut by_name: std::collections::BTreeMap<(String, String), Release> = Default::default();
    for r in releases {
        let key = (r.namespace.clone(), r.name.clone());
        match by_name.get(&key) {
            Some(existing) if existing.revision >= r.revision => {}
            _ => {
                by_name.insert(key, r);
            }
        }
    }
    by_name.into_values().collect()
}

/// Encodes a release record the way Helm stores it.
#[cfg(test)]
pub fn encode_record(record: &serde_json::Value) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, record.to_string().as_bytes()).expect("write to a Vec");
    let packed = gz.finish().expect("finish a Vec");
    base64::engine::general_purpose::STANDARD
        .encode(packed)
        .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::ByteString;
    use serde_json::json;

    fn secret(data: Vec<u8>) -> Secret {
        let mut s = Secret::default();
        s.metadata.name = Some("sh.helm.release.v1.jaeger.v2".into());
        s.metadata.namespace = Some("jaeger".into());
        s.data = Some([("release".to_owned(), ByteString(data))].into());
        s
    }

    fn record(name: &str, version: u32, status: &str) -> serde_json::Value {
        json!({"name": name, "namespace": "jaeger", "version": version,
               "info": {"status": status},
               "chart": {"metadata": {"name": "jaeger", "version": "3.4.1", "appVersion": "1.65.0"}}})
    }

    #[test]
    fn a_release_secret_decodes_through_base64_and_gzip() {
        let r = decode(&secret(encode_record(&record("jaeger", 2, "deployed")))).unwrap();
        assert_eq!(r.name, "jaeger");
        assert_eq!(r.status, "deployed");
        assert_eq!(r.revision, 2);
        assert_eq!(
            (r.chart.as_str(), r.chart_version.as_str()),
            ("jaeger", "3.4.1")
        );
        assert_eq!(r.app_version, "1.65.0");
    }

    #[test]
    fn corrupt_secrets_are_errors_naming_the_secret() {
        let err = decode(&secret(b"%%%".to_vec())).unwrap_err();
        assert!(
            matches!(err, DecodeError::Base64(ref id, _) if id == "jaeger/sh.helm.release.v1.jaeger.v2")
        );
        let not_json = base64::engine::general_purpose::STANDARD.encode("nope");
        assert!(matches!(
            decode(&secret(not_json.into_bytes())),
            Err(DecodeError::Json(..))
        ));
        assert!(matches!(
            decode(&Secret::default()),
            Err(DecodeError::NoRelease(_))
        ));
    }

    #[test]
    fn a_record_that_inflates_past_the_cap_is_refused() {
        let s = secret(encode_record(&record("jaeger", 1, "deployed")));
        assert!(decode_within(&s, 4096).is_ok());
        let err = decode_within(&s, 50).unwrap_err();
        assert!(
            matches!(err, DecodeError::Gzip(_, ref why) if why.contains("inflates past 50 bytes")),
            "{err:?}"
        );
    }

    #[test]
    fn the_latest_revision_wins() {
        let decoded = [1, 3, 2].map(|v| {
            let status = if v == 3 { "failed" } else { "superseded" };
            decode(&secret(encode_record(&record("jaeger", v, status)))).unwrap()
        });
        let latest = latest(decoded);
        assert_eq!(latest.len(), 1);
        assert_eq!(
            (latest[0].revision, latest[0].status.as_str()),
            (3, "failed")
        );
    }
}

//! Registry authentication: HTTP Basic (ECR, htpasswd registries) sent up front, and the
//! Bearer token challenge (Docker Hub, GHCR, Harbor…) answered when a registry asks.
//!
//! Passwords and tokens are [`Secret`]s from the moment they exist: they are put into an
//! `Authorization` header and nowhere else, never into an error, a log line or a file.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::aws::ecr::Secret;

/// A username and password for a registry.
#[derive(Debug)]
pub struct Credentials {
    pub username: String,
    pub password: Secret,
}

impl Credentials {
    /// The `Authorization` header value for Basic auth.
    pub fn basic(&self) -> Secret {
        let raw = format!("{}:{}", self.username, self.password.expose());
        Secret::new(format!("Basic {}", STANDARD.encode(raw)))
    }
}

/// What a 401's `WWW-Authenticate` header asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Challenge {
    Basic,
    Bearer {
        realm: String,
        service: Option<String>,
        scope: Option<String>,
    },
}

/// Parses `Basic realm="x"` or `Bearer realm="…",service="…",scope="…"`.
pub fn parse_challenge(header: &str) -> Option<Challenge> {
    let header = header.trim();
    let (scheme, params) = header.split_once(' ').unwrap_or((header, ""));
    if scheme.eq_ignore_ascii_case("basic") {
        return Some(Challenge::Basic);
    }
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let mut realm = None;
    let mut service = None;
    let mut scope = None;
    let mut rest = params.trim();
    while !rest.is_empty() {
        let (key, after) = rest.split_once('=')?;
        let (value, after) = match after.strip_prefix('"') {
            Some(quoted) => {
                let end = quoted.find('"')?;
                (&quoted[..end], &quoted[end + 1..])
            }
            None => after.split_once(',').map_or((after, ""), |(v, a)| (v, a)),
        };
        match key.trim().to_ascii_lowercase().as_str() {
            "realm" => realm = Some(value.to_owned()),
            "service" => service = Some(value.to_owned()),
            "scope" => scope = Some(value.to_owned()),
            _ => {}
        }
        rest = after.trim_start_matches([',', ' ']);
    }
    Some(Challenge::Bearer {
        realm: realm?,
        service,
        scope,
    })
}

/// The token endpoint URL for a Bearer challenge.
pub fn token_url(realm: &str, service: Option<&str>, scope: Option<&str>) -> String {
    let enc = |v: &str| {
        percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC).to_string()
    };
    let mut query = Vec::new();
    if let Some(s) = service {
        query.push(format!("service={}", enc(s)));
    }
    if let Some(s) = scope {
        query.push(format!("scope={}", enc(s)));
    }
    let sep = if realm.contains('?') { '&' } else { '?' };
    if query.is_empty() {
        realm.to_owned()
    } else {
        format!("{realm}{sep}{}", query.join("&"))
    }
}

/// The token in a token endpoint's JSON answer (`token`, or OAuth2's `access_token`).
pub fn token_from_json(body: &[u8]) -> Option<Secret> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    v.get("token")
        .or_else(|| v.get("access_token"))
        .and_then(|t| t.as_str())
        .filter(|t| !t.is_empty())
        .map(|t| Secret::new(format!("Bearer {t}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges_parse() {
        assert_eq!(parse_challenge("Basic realm=\"x\""), Some(Challenge::Basic));
        assert_eq!(
            parse_challenge(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:a/b:pull,push\""
            ),
            Some(Challenge::Bearer {
                realm: "https://auth.docker.io/token".into(),
                service: Some("registry.docker.io".into()),
                scope: Some("repository:a/b:pull,push".into()),
            })
        );
        assert_eq!(parse_challenge("Negotiate"), None);
        assert_eq!(parse_challenge("Bearer service=\"x\""), None);
    }

    #[test]
    fn token_urls_and_answers() {
        assert_eq!(
            token_url(
                "https://t/token",
                Some("reg"),
                Some("repository:a/b:push,pull")
            ),
            "https://t/token?service=reg&scope=repository%3Aa%2Fb%3Apush%2Cpull"
        );
        assert_eq!(
            token_from_json(br#"{"token":"abc"}"#).unwrap().expose(),
            "Bearer abc"
        );
        assert_eq!(
            token_from_json(br#"{"access_token":"xyz"}"#)
                .unwrap()
                .expose(),
            "Bearer xyz"
        );
        assert!(token_from_json(b"{}").is_none());
    }

    #[test]
    fn basic_header_hides_its_password() {
        let c = Credentials {
            username: "AWS".into(),
            password: Secret::new("pw".into()),
        };
        assert_eq!(c.basic().expose(), "Basic QVdTOnB3");
        assert!(!format!("{c:?}").contains("pw\""));
        assert!(!format!("{:?}", c.basic()).contains("QVdT"));
    }
}

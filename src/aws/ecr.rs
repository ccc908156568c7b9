//! ECR: the repository the demo image goes to, and the registry password (the seed's
//! `aws ecr get-login-password | docker login`).
//!
//! The password is a [`Secret`]: it has no `Debug` or `Display` that shows it, so it cannot
//! reach a log line by accident.

use aws_sdk_ecr::Client;
use aws_sdk_ecr::types::{ImageScanningConfiguration, ImageTagMutability};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;

use super::{AwsError, AwsErrorKind};

/// A repository as otelctl reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Repository {
    pub name: String,
    pub uri: String,
    pub arn: String,
    pub scan_on_push: bool,
    pub immutable_tags: bool,
}

/// How a repository should be created.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RepositorySettings {
    pub scan_on_push: bool,
    pub immutable_tags: bool,
}

/// A string that never prints itself.
pub struct Secret(String);

impl Secret {
    /// Wraps a secret (a password read from stdin, a registry token).
    pub fn new(secret: String) -> Self {
        Self(secret)
    }

    /// The secret itself, for the one place that must hand it over.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(REDACTED)")
    }
}

/// Registry credentials from GetAuthorizationToken.
#[derive(Debug)]
pub struct Authorization {
    /// `https://ACCOUNT.dkr.ecr.REGION.amazonaws.com`.
    pub endpoint: String,
    pub username: String,
    pub password: Secret,
}

/// The repository, if it exists.
pub async fn describe_repository(
    client: &Client,
    name: &str,
) -> Result<Option<Repository>, AwsError> {
    let result = client
        .describe_repositories()
        .repository_names(name)
        .send()
        .await;
    let out = match result {
        Ok(out) => out,
        Err(e) => {
            let err = AwsError::from_sdk("ECR DescribeRepositories", e);
            return if err.kind == AwsErrorKind::NotFound {
                Ok(None)
            } else {
                Err(err)
            };
        }
    };
    Ok(out
        .repositories
        .unwrap_or_default()
        .into_iter()
        .next()
        .map(to_repository))
}

/// Whether `tag` is in the repository: DescribeImages for that one tag. `None` when the
/// repository does not exist.
pub async fn has_tag(
    client: &Client,
    repository: &str,
    tag: &str,
) -> Result<Option<bool>, AwsError> {
    let id = aws_sdk_ecr::types::ImageIdentifier::builder()
        .image_tag(tag)
        .build();
    match client
        .describe_images()
        .repository_name(repository)
        .image_ids(id)
        .send()
        .await
    {
        Ok(out) => Ok(Some(!out.image_details.unwrap_or_default().is_empty())),
        Err(e) => {
            let err = AwsError::from_sdk("ECR DescribeImages", e);
            match err.code.as_deref() {
                Some("ImageNotFoundException") => Ok(Some(false)),
                Some("RepositoryNotFoundException") => Ok(None),
                _ => Err(err),
            }
        }
    }
}

pub async fn create_repository(
    client: &Client,
    name: &str,
    settings: RepositorySettings,
) -> Result<Repository, AwsError> {
    let mutability = if settings.immutable_tags {
        ImageTagMutability::Immutable
    } else {
        ImageTagMutability::Mutable
    };
    let out = client
        .create_repository()
        .repository_name(name)
        .image_tag_mutability(mutability)
        .image_scanning_configuration(
            ImageScanningConfiguration::builder()
                .scan_on_push(settings.scan_on_push)
                .build(),
        )
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("ECR CreateRepository", e))?;
    out.repository.map(to_repository).ok_or_else(|| {
        AwsError::new(
            AwsErrorKind::Service,
            "ECR CreateRepository",
            "no repository returned",
        )
    })
}

/// The repository, created with `settings` when it is missing; `true` when this call
/// created it.
pub async fn ensure_repository(
    client: &Client,
    name: &str,
    settings: RepositorySettings,
) -> Result<(Repository, bool), AwsError> {
    match describe_repository(client, name).await? {
        Some(repo) => Ok((repo, false)),
        None => Ok((create_repository(client, name, settings).await?, true)),
    }
}

fn to_repository(r: aws_sdk_ecr::types::Repository) -> Repository {
    Repository {
        name: r.repository_name.unwrap_or_default(),
        uri: r.repository_uri.unwrap_or_default(),
        arn: r.repository_arn.unwrap_or_default(),
        scan_on_push: r
            .image_scanning_configuration
            .is_some_and(|c| c.scan_on_push),
        immutable_tags: r.image_tag_mutability == Some(ImageTagMutability::Immutable),
    }
}

/// ECR GetAuthorizationToken, decoded into a username and password.
pub async fn authorization(client: &Client) -> Result<Authorization, AwsError> {
    const OP: &str = "ECR GetAuthorizationToken";
    let out = client
        .get_authorization_token()
        .send()
        .await
        .map_err(|e| AwsError::from_sdk(OP, e))?;
    let data = out
        .authorization_data
        .unwrap_or_default()
        .into_iter()
        .next()
        .ok_or_else(|| {
            AwsError::new(AwsErrorKind::Service, OP, "no authorization data returned")
        })?;
    let token = data.authorization_token.unwrap_or_default();
    let (username, password) = decode_token(&token).ok_or_else(|| {
        AwsError::new(
            AwsErrorKind::Service,
            OP,
            "the token is not base64 of USER:PASSWORD",
        )
    })?;
    Ok(Authorization {
        endpoint: data.proxy_endpoint.unwrap_or_default(),
        username,
        password,
    })
}

/// `base64("AWS:password")` → `("AWS", password)`.
fn decode_token(token: &str) -> Option<(String, Secret)> {
    let bytes = STANDARD.decode(token.trim()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_owned(), Secret(password.to_owned())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_decodes_to_user_and_secret_password() {
        let token = STANDARD.encode("AWS:s3cr3t-password");
        let (user, password) = decode_token(&token).unwrap();
        assert_eq!(user, "AWS");
        assert_eq!(password.expose(), "s3cr3t-password");
        assert!(!format!("{password:?}").contains("s3cr3t"));
        assert!(decode_token("!!!").is_none());
        assert!(decode_token(&STANDARD.encode("no-colon")).is_none());
    }
}

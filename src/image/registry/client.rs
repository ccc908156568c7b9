//! The HTTP side of a push: requests with the current credentials, one re-authentication
//! when the registry refuses them, and retries with backoff when it fails transiently.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::header::{
    ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HeaderName, LOCATION, WWW_AUTHENTICATE,
};
use http::{HeaderValue, Method, Request, Response, StatusCode};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use tokio::sync::Mutex;

use super::auth::{self, Challenge, Credentials};
use super::body::{RequestBody, Source};
use super::{RegistryError, Target};
use crate::image::{Digest, oci};

/// Fetches credentials again (for ECR: GetAuthorizationToken).
pub type LoginFuture = Pin<
    Box<dyn Future<Output = Result<Credentials, Box<dyn std::error::Error + Send + Sync>>> + Send>,
>;
pub type Login = Arc<dyn Fn() -> LoginFuture + Send + Sync>;

/// How often a transient failure is tried again, and the first pause (doubling each time).
const ATTEMPTS: u32 = 4;
const FIRST_BACKOFF: Duration = Duration::from_millis(200);
/// Time for a request without a large body.
const SMALL_TIMEOUT: Duration = Duration::from_secs(30);

struct AuthState {
    header: Option<HeaderValue>,
    credentials: Option<Credentials>,
    /// Whether the one fresh login a push may do has been done.
    relogged: bool,
}

/// A registry client for one push.
pub struct Client {
    base: String,
    host: String,
    http: HyperClient<hyper_rustls::HttpsConnector<HttpConnector>, RequestBody>,
    login: Option<Login>,
    auth: Mutex<AuthState>,
}

fn sensitive(value: &str) -> Option<HeaderValue> {
    let mut v = HeaderValue::from_str(value).ok()?;
    v.set_sensitive(true);
    Some(v)
}

/// A URL without its query string, for messages (upload URLs carry long opaque state).
fn display_url(url: &str) -> String {
    url.split('?').next().unwrap_or(url).to_owned()
}

impl Client {
    /// A client for `target`, authenticating with `credentials` up front (Basic) and with
    /// `login` once more if they are refused.
    pub fn new(
        target: &Target,
        credentials: Option<Credentials>,
        login: Option<Login>,
    ) -> Result<Self, RegistryError> {
        // Loading the platform's roots takes milliseconds: not for a plain-http registry.
        let roots = if target.plain_http {
            rustls::RootCertStore::empty()
        } else {
            crate::aws::iam::thumbprint::native_roots()
        };
        let tls = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::aws_lc_rs::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .map_err(|e| RegistryError::Protocol(format!("TLS setup: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        http.set_connect_timeout(Some(Duration::from_secs(10)));
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let header = credentials
            .as_ref()
            .and_then(|c| sensitive(c.basic().expose()));
        Ok(Self {
            base: target.base_url(),
            host: target.host.clone(),
            http: HyperClient::builder(TokioExecutor::new()).build(https),
            login,
            auth: Mutex::new(AuthState {
                header,
                credentials,
                relogged: false,
            }),
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// One request; on 401, authenticates as the challenge asks and sends it again.
    async fn send(
        &self,
        method: Method,
        url: &str,
        headers: &[(HeaderName, &str)],
        body: &Source,
    ) -> Result<Response<Incoming>, RegistryError> {
        let same_host = http::Uri::try_from(url)
            .ok()
            .and_then(|u| u.authority().map(|a| a.as_str() == self.host))
            .unwrap_or(false);
        for _ in 0..3 {
            let header = if same_host {
                self.auth.lock().await.header.clone()
            } else {
                None
            };
            let response = self
                .request(method.clone(), url, headers, body, header.clone())
                .await?;
            if response.status() != StatusCode::UNAUTHORIZED || !same_host {
                return Ok(response);
            }
            let challenge = response
                .headers()
                .get(WWW_AUTHENTICATE)
                .and_then(|v| v.to_str().ok())
                .and_then(auth::parse_challenge)
                .unwrap_or(Challenge::Basic);
            self.authenticate(challenge, header, url).await?;
        }
        Err(RegistryError::Unauthorized {
            url: display_url(url),
        })
    }

    async fn request(
        &self,
        method: Method,
        url: &str,
        headers: &[(HeaderName, &str)],
        body: &Source,
        authorization: Option<HeaderValue>,
    ) -> Result<Response<Incoming>, RegistryError> {
        let mut builder = Request::builder()
            .method(method.clone())
            .uri(url)
            .header(CONTENT_LENGTH, body.len())
            .header(
                http::header::USER_AGENT,
                concat!("otelctl/", env!("CARGO_PKG_VERSION")),
            );
        for (name, value) in headers {
            builder = builder.header(name, *value);
        }
        if let Some(a) = authorization {
            builder = builder.header(AUTHORIZATION, a);
        }
        let opened = body.open().await.map_err(|source| RegistryError::Io {
            path: "request body".into(),
            source,
        })?;
        let request = builder
            .body(opened)
            .map_err(|e| RegistryError::Protocol(format!("bad request to {url}: {e}")))?;
        let limit = SMALL_TIMEOUT + Duration::from_secs(body.len() / 1_000_000);
        tracing::debug!(%method, url = %display_url(url), "registry request");
        match tokio::time::timeout(limit, self.http.request(request)).await {
            Ok(Ok(response)) => {
                tracing::debug!(%method, url = %display_url(url), status = %response.status(), "registry response");
                Ok(response)
            }
            Ok(Err(e)) => Err(RegistryError::Transport {
                method: method.to_string(),
                url: display_url(url),
                source: Box::new(e),
            }),
            Err(_) => Err(RegistryError::Timeout {
                method: method.to_string(),
                url: display_url(url),
                secs: limit.as_secs(),
            }),
        }
    }

    /// Answers a 401. `used` is the header the refused request carried: if another task has
    /// already replaced it, the request is simply sent again.
    async fn authenticate(
        &self,
        challenge: Challenge,
        used: Option<HeaderValue>,
        url: &str,
    ) -> Result<(), RegistryError> {
        let mut state = self.auth.lock().await;
        if state.header != used {
            return Ok(());
        }
        let refused = used.is_some();
        let basic_refused = refused
            && used
                .as_ref()
                .and_then(|h| h.to_str().ok())
                .is_some_and(|h| h.starts_with("Basic "));
        if state.credentials.is_none() || (basic_refused && challenge == Challenge::Basic) {
            // The password was refused (an expired ECR token): log in again, once.
            match &self.login {
                Some(login) if !state.relogged => {
                    state.relogged = true;
                    tracing::debug!("the registry refused the credentials; authenticating again");
                    state.credentials = Some(login().await.map_err(RegistryError::Login)?);
                }
                _ if state.credentials.is_none() => {
                    return Err(RegistryError::NoCredentials {
                        url: display_url(url),
                    });
                }
                _ => {
                    return Err(RegistryError::Unauthorized {
                        url: display_url(url),
                    });
                }
            }
        }
        let credentials = state.credentials.as_ref().expect("set above");
        state.header = match challenge {
            Challenge::Basic => sensitive(credentials.basic().expose()),
            Challenge::Bearer {
                realm,
                service,
                scope,
            } => {
                let token_url = auth::token_url(&realm, service.as_deref(), scope.as_deref());
                let request = Request::get(&token_url)
                    .header(
                        AUTHORIZATION,
                        sensitive(credentials.basic().expose()).expect("ascii"),
                    )
                    .body(Source::Empty.open().await.expect("empty body"))
                    .map_err(|e| RegistryError::Protocol(format!("bad token URL {realm}: {e}")))?;
                let response = tokio::time::timeout(SMALL_TIMEOUT, self.http.request(request))
                    .await
                    .map_err(|_| RegistryError::Timeout {
                        method: "GET".into(),
                        url: display_url(&token_url),
                        secs: SMALL_TIMEOUT.as_secs(),
                    })?
                    .map_err(|e| RegistryError::Transport {
                        method: "GET".into(),
                        url: display_url(&token_url),
                        source: Box::new(e),
                    })?;
                if response.status() == StatusCode::UNAUTHORIZED {
                    return Err(RegistryError::Unauthorized {
                        url: display_url(&token_url),
                    });
                }
                let body = read_body(response, "GET", &token_url).await?;
                let token = auth::token_from_json(&body).ok_or_else(|| {
                    RegistryError::Protocol(format!("{realm} answered without a token"))
                })?;
                sensitive(token.expose())
            }
        };
        Ok(())
    }

    /// [`Self::send`], tried again with backoff on a transient failure.
    async fn send_retrying(
        &self,
        method: Method,
        url: &str,
        headers: &[(HeaderName, &str)],
        body: &Source,
        ok: &[StatusCode],
    ) -> Result<Response<Incoming>, RegistryError> {
        retrying(|| async {
            let response = self.send(method.clone(), url, headers, body).await?;
            expect(response, &method, url, ok).await
        })
        .await
    }

    /// Whether the repository has the blob.
    pub async fn has_blob(&self, repo: &str, digest: &Digest) -> Result<bool, RegistryError> {
        let url = self.url(&format!("/v2/{repo}/blobs/{digest}"));
        let ok = [StatusCode::OK, StatusCode::NOT_FOUND];
        let response = self
            .send_retrying(Method::HEAD, &url, &[], &Source::Empty, &ok)
            .await?;
        Ok(response.status() == StatusCode::OK)
    }

    /// One monolithic upload: POST for an upload URL, then PUT the whole blob to it. The
    /// caller retries it as a whole: a failed PUT leaves the upload session unusable.
    pub async fn upload_blob(
        &self,
        repo: &str,
        digest: &Digest,
        body: &Source,
    ) -> Result<(), RegistryError> {
        let start = self.url(&format!("/v2/{repo}/blobs/uploads/"));
        let response = self.send(Method::POST, &start, &[], &Source::Empty).await?;
        let response = expect(response, &Method::POST, &start, &[StatusCode::ACCEPTED]).await?;
        let location = response
            .headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| RegistryError::Protocol(format!("POST {start}: no Location header")))?;
        let location = if location.starts_with('/') {
            self.url(location)
        } else {
            location.to_owned()
        };
        let sep = if location.contains('?') { '&' } else { '?' };
        let put = format!("{location}{sep}digest={digest}");
        let response = self
            .send(
                Method::PUT,
                &put,
                &[(CONTENT_TYPE, "application/octet-stream")],
                body,
            )
            .await?;
        expect(response, &Method::PUT, &put, &[StatusCode::CREATED]).await?;
        Ok(())
    }

    /// The digest `reference` (a tag) names in the repository, if it exists.
    pub async fn manifest_digest(
        &self,
        repo: &str,
        reference: &str,
    ) -> Result<Option<String>, RegistryError> {
        let url = self.url(&format!("/v2/{repo}/manifests/{reference}"));
        let accept = [
            oci::MANIFEST,
            oci::INDEX,
            oci::DOCKER_MANIFEST,
            oci::DOCKER_LIST,
        ]
        .join(", ");
        let ok = [StatusCode::OK, StatusCode::NOT_FOUND];
        let response = self
            .send_retrying(
                Method::HEAD,
                &url,
                &[(ACCEPT, &accept)],
                &Source::Empty,
                &ok,
            )
            .await?;
        Ok((response.status() == StatusCode::OK)
            .then(|| response.headers().get("docker-content-digest"))
            .flatten()
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned))
    }

    /// PUTs a manifest or index under a tag or digest; returns the digest the registry
    /// reports.
    pub async fn put_manifest(
        &self,
        repo: &str,
        reference: &str,
        media_type: &str,
        bytes: &[u8],
    ) -> Result<Option<String>, RegistryError> {
        let url = self.url(&format!("/v2/{repo}/manifests/{reference}"));
        let body = Source::Bytes(Bytes::copy_from_slice(bytes));
        let ok = [StatusCode::CREATED, StatusCode::OK];
        let response = self
            .send_retrying(Method::PUT, &url, &[(CONTENT_TYPE, media_type)], &body, &ok)
            .await?;
        Ok(response
            .headers()
            .get("docker-content-digest")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned))
    }
}

/// Runs `attempt` until it succeeds, fails for good, or has failed transiently
/// [`ATTEMPTS`] times, pausing 200 ms, 400 ms, 800 ms… in between.
pub async fn retrying<T, F, Fut>(mut attempt: F) -> Result<T, RegistryError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, RegistryError>>,
{
    let mut pause = FIRST_BACKOFF;
    for n in 1.. {
        match attempt().await {
            Err(e) if e.is_transient() && n < ATTEMPTS => {
                tracing::debug!(error = %e, attempt = n, "transient registry failure; trying again");
                tokio::time::sleep(pause).await;
                pause *= 2;
            }
            other => return other,
        }
    }
    unreachable!("the loop returns")
}

/// The response if its status is one of `ok`, else an error with the registry's message.
async fn expect(
    response: Response<Incoming>,
    method: &Method,
    url: &str,
    ok: &[StatusCode],
) -> Result<Response<Incoming>, RegistryError> {
    let status = response.status();
    if ok.contains(&status) {
        return Ok(response);
    }
    let body = read_body(response, method.as_str(), url)
        .await
        .unwrap_or_default();
    let detail = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| {
            v["errors"].as_array().map(|errors| {
                errors
                    .iter()
                    .map(|e| {
                        format!(
                            "{}: {}",
                            e["code"].as_str().unwrap_or("ERROR"),
                            e["message"].as_str().unwrap_or("")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            })
        })
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    Err(RegistryError::Status {
        method: method.to_string(),
        url: display_url(url),
        status: status.as_u16(),
        detail,
    })
}

async fn read_body(
    response: Response<Incoming>,
    method: &str,
    url: &str,
) -> Result<Bytes, RegistryError> {
    let collect = response.into_body().collect();
    match tokio::time::timeout(SMALL_TIMEOUT, collect).await {
        Ok(Ok(body)) => Ok(body.to_bytes()),
        Ok(Err(e)) => Err(RegistryError::Transport {
            method: method.to_owned(),
            url: display_url(url),
            source: Box::new(e),
        }),
        Err(_) => Err(RegistryError::Timeout {
            method: method.to_owned(),
            url: display_url(url),
            secs: SMALL_TIMEOUT.as_secs(),
        }),
    }
}

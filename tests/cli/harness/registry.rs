//! A real OCI registry (Debian's `docker-registry`, the CNCF distribution server) on a free
//! loopback port, with htpasswd basic auth: user `AWS`, password = the one moto's ECR
//! GetAuthorizationToken hands out, so pushes go through otelctl's ECR auth path.
//!
//! Tests reach it through a small proxy that records every request (to count uploads) and
//! can inject faults per repository: 5xx on blob uploads, or a 401 as if the token expired.
//! Tests share one registry, so each uses a repository of its own.

use std::collections::HashMap;
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use base64::Engine as _;
use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};

use super::moto;

const GUARDIAN: &str = "import subprocess, sys\n\
p = subprocess.Popen(['docker-registry', 'serve', sys.argv[1]],\n\
                     stdout=subprocess.DEVNULL, stderr=open(sys.argv[2], 'w'))\n\
sys.stdin.read()\n\
p.terminate()\n\
p.wait()\n";

/// One request as the proxy saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub status: u16,
}

#[derive(Default)]
struct Faults {
    /// Repository → how many more blob-upload PUTs to answer with 503.
    failing_puts: HashMap<String, u32>,
    /// Repository → how many more requests to answer with 401 (an expired token).
    unauthorized: HashMap<String, u32>,
}

pub struct Registry {
    /// `127.0.0.1:PORT` of the proxy: what tests pass to `--registry`.
    pub host: String,
    /// The registry password (moto's ECR token password).
    pub password: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    faults: Arc<Mutex<Faults>>,
    _guardian: Mutex<(Child, ChildStdin)>,
    _runtime: tokio::runtime::Runtime,
    _dir: tempfile::TempDir,
}

/// The shared registry, started on first use.
pub fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(Registry::start)
}

/// The password moto's GetAuthorizationToken returns, decoded as otelctl decodes it.
pub fn ecr_password() -> String {
    let out = moto()
        .block_on(moto().ecr().get_authorization_token().send())
        .expect("moto GetAuthorizationToken");
    let token = out.authorization_data()[0].authorization_token().unwrap();
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(token)
        .unwrap();
    let text = String::from_utf8(decoded).unwrap();
    text.split_once(':').unwrap().1.to_owned()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

impl Registry {
    fn start() -> Self {
        let password = ecr_password();
        let dir = tempfile::tempdir().unwrap();
        let htpasswd = Command::new("htpasswd")
            .args(["-Bbn", "AWS", &password])
            .output()
            .expect("run htpasswd (apache2-utils; the README's test command installs it)");
        assert!(htpasswd.status.success());
        std::fs::write(dir.path().join("htpasswd"), &htpasswd.stdout).unwrap();
        let port = free_port();
        let config = format!(
            "version: 0.1\nlog:\n  level: info\nstorage:\n  filesystem:\n    rootdirectory: {root}\n\
             http:\n  addr: 127.0.0.1:{port}\n  secret: test-only\n\
             auth:\n  htpasswd:\n    realm: otelctl-tests\n    path: {htpasswd}\n",
            root = dir.path().join("data").display(),
            htpasswd = dir.path().join("htpasswd").display(),
        );
        let config_path = dir.path().join("config.yml");
        std::fs::write(&config_path, config).unwrap();
        let log = dir.path().join("registry.log");
        let mut child = Command::new("python3")
            .args(["-c", GUARDIAN])
            .arg(&config_path)
            .arg(&log)
            .stdin(Stdio::piped())
            .spawn()
            .expect("start python3");
        let stdin = child.stdin.take().unwrap();
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("docker-registry exited with {status}: is it installed?");
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "docker-registry did not listen on {port}: {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }

        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let host = listener.local_addr().unwrap().to_string();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let faults = Arc::new(Mutex::new(Faults::default()));
        let (s, f) = (seen.clone(), faults.clone());
        runtime.spawn(async move {
            let client: Client<HttpConnector, Incoming> =
                Client::builder(TokioExecutor::new()).build(HttpConnector::new());
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let (client, seen, faults) = (client.clone(), s.clone(), f.clone());
                let service = hyper::service::service_fn(move |req| {
                    proxy(req, port, client.clone(), seen.clone(), faults.clone())
                });
                tokio::spawn(
                    hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service),
                );
            }
        });
        Self {
            host,
            password,
            seen,
            faults,
            _guardian: Mutex::new((child, stdin)),
            _runtime: runtime,
            _dir: dir,
        }
    }

    /// Every request the proxy passed (or faulted) for `repo`.
    pub fn requests(&self, repo: &str) -> Vec<Seen> {
        let prefix = format!("/v2/{repo}/");
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.path.starts_with(&prefix))
            .cloned()
            .collect()
    }

    /// Blob uploads started for `repo` (POST …/blobs/uploads/).
    pub fn uploads(&self, repo: &str) -> usize {
        self.requests(repo)
            .iter()
            .filter(|s| s.method == "POST" && s.path.contains("/blobs/uploads/"))
            .count()
    }

    /// Answers the next `n` blob-upload PUTs for `repo` with 503, after reading the body.
    pub fn fail_uploads(&self, repo: &str, n: u32) {
        self.faults
            .lock()
            .unwrap()
            .failing_puts
            .insert(repo.to_owned(), n);
    }

    /// Answers the next `n` requests for `repo` with 401, as a registry does when the
    /// token has expired.
    pub fn refuse_credentials(&self, repo: &str, n: u32) {
        self.faults
            .lock()
            .unwrap()
            .unauthorized
            .insert(repo.to_owned(), n);
    }

    /// `docker://HOST/REPO:TAG` with the flags skopeo needs for this registry.
    pub fn skopeo(&self, args: &[&str], image: &str) -> std::process::Output {
        Command::new("skopeo")
            .args(args)
            .args([
                "--tls-verify=false",
                "--creds",
                &format!("AWS:{}", self.password),
            ])
            .arg(format!("docker://{}/{image}", self.host))
            .output()
            .expect("run skopeo (the README's test command installs it)")
    }
}

type ProxyBody = BoxBody<Bytes, hyper::Error>;

fn repo_of(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/v2/")?;
    ["/blobs/", "/manifests/"]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .map(|end| &rest[..end])
}

fn take(map: &mut HashMap<String, u32>, repo: &str) -> bool {
    match map.get_mut(repo) {
        Some(n) if *n > 0 => {
            *n -= 1;
            true
        }
        _ => false,
    }
}

async fn proxy(
    req: hyper::Request<Incoming>,
    port: u16,
    client: Client<HttpConnector, Incoming>,
    seen: Arc<Mutex<Vec<Seen>>>,
    faults: Arc<Mutex<Faults>>,
) -> Result<hyper::Response<ProxyBody>, std::convert::Infallible> {
    let method = req.method().to_string();
    let path = req.uri().path().to_owned();
    let repo = repo_of(&path).unwrap_or("").to_owned();
    let is_upload_put = method == "PUT" && path.contains("/blobs/uploads/");
    let (unauthorized, failing) = {
        let mut f = faults.lock().unwrap();
        let unauthorized = take(&mut f.unauthorized, &repo);
        let failing = !unauthorized && is_upload_put && take(&mut f.failing_puts, &repo);
        (unauthorized, failing)
    };
    let fault = |status: u16, body: &'static str| {
        let mut r = hyper::Response::new(
            Full::new(Bytes::from_static(body.as_bytes()))
                .map_err(|never| match never {})
                .boxed(),
        );
        *r.status_mut() = hyper::StatusCode::from_u16(status).unwrap();
        r
    };
    let response = if unauthorized {
        let mut r = fault(
            401,
            r#"{"errors":[{"code":"UNAUTHORIZED","message":"token expired"}]}"#,
        );
        r.headers_mut().insert(
            "www-authenticate",
            "Basic realm=\"otelctl-tests\"".parse().unwrap(),
        );
        r
    } else if failing {
        // Mid-upload: the whole body arrives, then the registry fails.
        let _ = req.into_body().collect().await;
        fault(
            503,
            r#"{"errors":[{"code":"UNAVAILABLE","message":"injected"}]}"#,
        )
    } else {
        let (mut parts, body) = req.into_parts();
        let pq = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default();
        parts.uri = format!("http://127.0.0.1:{port}{pq}").parse().unwrap();
        match client
            .request(hyper::Request::from_parts(parts, body))
            .await
        {
            Ok(r) => r.map(|b| b.boxed()),
            Err(_) => fault(502, "proxy: registry unreachable"),
        }
    };
    seen.lock().unwrap().push(Seen {
        method,
        path,
        status: response.status().as_u16(),
    });
    Ok(response)
}

impl Drop for Registry {
    fn drop(&mut self) {
        if let Ok(mut guard) = self._guardian.lock() {
            let _ = guard.1.write_all(b"stop");
        }
    }
}

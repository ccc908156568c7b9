//! A fake Kubernetes API server: the real JSON wire format over HTTP on loopback, so the
//! product's real kube-rs client (kubeconfig, bearer token, discovery, typed lists with
//! selectors, `Status` errors) is what the tests exercise, without a cluster.
//!
//! It keeps whatever objects a test adds, untouched but for the metadata an API server
//! fills in (uid, resourceVersion, creationTimestamp), and answers discovery, list, get,
//! create and delete for the kinds in [`kinds`] (plus any kind a test adds, as a CRD
//! would). There is no admission, defaulting or controller: a created Job never runs, a
//! pod's status is what the test wrote. What it does not do, it refuses the way a real
//! server would: `watch` is a 405 `Status`, updates and patches are 405s.
//!
//! Lists are sorted by namespace and name (etcd's order), their items carry no
//! `kind`/`apiVersion` (as on the wire), `limit` pages with a `continue` token.
//!
//! Discovery always shows the built-in groups (a real cluster serves `apps/v1` with no
//! deployments); `metrics.k8s.io` appears only once a test installs it (`add_group`).

mod forward;
mod kinds;
mod selectors;
mod wire;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};

use http_body_util::{BodyExt, Full};
use hyper::StatusCode;
use serde_json::{Value, json};

use kinds::{Kind, split_api_version};

/// (group, plural, namespace or "" for cluster-scoped, name)
type Key = (String, String, String, String);

/// What the server knows; every request takes the lock once.
struct State {
    token: String,
    /// Accept requests without the token (as with `--anonymous-auth`), for clients such as
    /// kubectl that send no bearer token over plain http.
    anonymous: bool,
    /// Where each `(namespace, pod, port)` forwards to.
    forwards: HashMap<(String, String, u16), SocketAddr>,
    address: SocketAddr,
    kinds: Vec<Kind>,
    /// Groups served besides the built-in ones: `add_group`, addon and custom kinds.
    groups: BTreeSet<(String, String)>,
    objects: BTreeMap<Key, Value>,
    revision: u64,
    version: Value,
    logs: HashMap<(String, String), String>,
    requests: Vec<String>,
}

/// A running fake API server on `127.0.0.1`; it stops when dropped.
pub struct KubeApi {
    address: SocketAddr,
    state: Arc<Mutex<State>>,
    /// Shut down without blocking on drop, so a `#[tokio::test]` may own a `KubeApi`.
    runtime: Option<tokio::runtime::Runtime>,
}

/// Now, as RFC 3339 in UTC (what `metadata.creationTimestamp` looks like).
fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Days to civil date, after Howard Hinnant's `civil_from_days`.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

impl State {
    fn served(&self, kind: &Kind) -> bool {
        !kind.addon
            || self
                .groups
                .contains(&(kind.group.clone(), kind.version.clone()))
    }

    fn kind(&self, group: &str, version: &str, plural: &str) -> Option<Kind> {
        self.kinds
            .iter()
            .find(|k| k.group == group && k.version == version && k.plural == plural)
            .filter(|k| self.served(k))
            .cloned()
    }

    /// Served groups (core `""` included) and their versions.
    fn group_versions(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut groups: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let served = self.kinds.iter().filter(|k| self.served(k));
        for (group, version) in served
            .map(|k| (&k.group, &k.version))
            .chain(self.groups.iter().map(|(g, v)| (g, v)))
        {
            groups
                .entry(group.clone())
                .or_default()
                .insert(version.clone());
        }
        groups
    }

    /// Fills the metadata the server owns (keeping any a test chose) and stores the object.
    fn store(&mut self, kind: &Kind, mut object: Value) -> Key {
        object["kind"] = json!(kind.kind);
        object["apiVersion"] = json!(kind.api_version());
        let metadata = &mut object["metadata"];
        let name = metadata["name"]
            .as_str()
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| panic!("a {} needs metadata.name", kind.kind))
            .to_owned();
        let namespace = if kind.namespaced {
            let ns = metadata["namespace"]
                .as_str()
                .unwrap_or("default")
                .to_owned();
            metadata["namespace"] = json!(ns);
            ns
        } else {
            if let Some(m) = metadata.as_object_mut() {
                m.remove("namespace");
            }
            String::new()
        };
        self.revision += 1;
        let filled = [
            (
                "uid",
                format!("5e1f0000-0000-4000-8000-{:012x}", self.revision),
            ),
            ("resourceVersion", self.revision.to_string()),
            ("creationTimestamp", now()),
        ];
        for (field, value) in filled {
            if !metadata[field].is_string() {
                metadata[field] = json!(value);
            }
        }
        let key = (kind.group.clone(), kind.plural.clone(), namespace, name);
        self.objects.insert(key.clone(), object);
        key
    }
}

fn response(reply: wire::Reply) -> hyper::Response<Full<bytes::Bytes>> {
    let mut response = hyper::Response::new(Full::new(bytes::Bytes::from(reply.body)));
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap();
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static(reply.content_type),
    );
    response
}

/// For a portforward upgrade: the port and where it goes, or the failure to answer with.
fn forward_request(
    state: &Mutex<State>,
    req: &hyper::Request<hyper::body::Incoming>,
) -> Option<Result<(u16, SocketAddr), wire::Reply>> {
    let (ns, pod) = forward::target(req.uri().path())?;
    let query = req.uri().query().unwrap_or("");
    let auth = req
        .headers()
        .get(hyper::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let mut state = state.lock().unwrap();
    // Logged and authorized like any request; an unknown pod or port fails the same way.
    let check = state.serve(
        &hyper::Method::GET,
        &format!("/api/v1/namespaces/{ns}/pods/{pod}"),
        "",
        auth,
        b"",
    );
    state.requests.pop();
    let params: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    state
        .requests
        .push(format!("GET {}?{}", req.uri().path(), params.join("&")));
    if check.status != 200 {
        return Some(Err(check));
    }
    let port: u16 = query
        .split('&')
        .find_map(|p| p.strip_prefix("ports="))
        .and_then(|p| p.parse().ok())?;
    Some(
        state
            .forwards
            .get(&(ns, pod, port))
            .map(|backend| (port, *backend))
            .ok_or_else(|| wire::Reply {
                status: 404,
                content_type: "text/plain",
                body: format!("nothing listens on port {port} in this pod").into_bytes(),
            }),
    )
}

impl KubeApi {
    /// An empty cluster (no namespaces, no nodes) on a free port of 127.0.0.1.
    pub fn start() -> KubeApi {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        // Bound with std, not `block_on`: `start` may be called from async tests.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let address = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State {
            token: format!("kubeapi-fake-token-{}", address.port()),
            anonymous: false,
            forwards: HashMap::new(),
            address,
            kinds: kinds::builtin(),
            groups: BTreeSet::new(),
            objects: BTreeMap::new(),
            revision: 1,
            version: json!({}),
            logs: HashMap::new(),
            requests: Vec::new(),
        }));
        let api = KubeApi {
            address,
            state: state.clone(),
            runtime: Some(runtime),
        };
        api.set_version("1", "33", "v1.33.5-eks-113cf36");
        let runtime = api.runtime.as_ref().unwrap();
        runtime.spawn(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let state = state.clone();
                let service = hyper::service::service_fn(
                    move |req: hyper::Request<hyper::body::Incoming>| {
                        let state = state.clone();
                        async move {
                            if let Some(upgrade) = forward_request(&state, &req) {
                                return Ok(match upgrade {
                                    Ok((port, backend)) => forward::accept(req, port, backend),
                                    Err(reply) => response(reply),
                                });
                            }
                            let (parts, body) = req.into_parts();
                            let body = body.collect().await.map(|b| b.to_bytes());
                            let auth = parts
                                .headers
                                .get(hyper::header::AUTHORIZATION)
                                .and_then(|v| v.to_str().ok());
                            let reply = state.lock().unwrap().serve(
                                &parts.method,
                                parts.uri.path(),
                                parts.uri.query().unwrap_or(""),
                                auth,
                                &body.unwrap_or_default(),
                            );
                            Ok::<_, std::convert::Infallible>(response(reply))
                        }
                    },
                );
                tokio::spawn(
                    hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                        .with_upgrades(),
                );
            }
        });
        api
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap()
    }

    /// Stores an object (`apiVersion`, `kind`, `metadata.name`, and `metadata.namespace`
    /// for namespaced kinds, else `default`), replacing one of the same name. uid,
    /// resourceVersion and creationTimestamp are filled in unless given. A kind the
    /// table does not know is served as a CRD would be (`Widget` → `widgets`, scoped by
    /// whether it has a namespace).
    pub fn add(&self, object: Value) {
        let api_version = object["apiVersion"]
            .as_str()
            .expect("object has apiVersion");
        let kind = object["kind"].as_str().expect("object has kind");
        let (group, version) = split_api_version(api_version);
        let mut state = self.state();
        let known = state
            .kinds
            .iter()
            .find(|k| k.group == group && k.version == version && k.kind == kind)
            .cloned();
        let kind = known.unwrap_or_else(|| {
            let namespaced = object["metadata"]["namespace"].is_string();
            let custom = Kind::custom(group, version, kind, namespaced);
            state.kinds.push(custom.clone());
            custom
        });
        if kind.addon {
            state
                .groups
                .insert((kind.group.clone(), kind.version.clone()));
        }
        state.store(&kind, object);
    }

    /// Every stored object of a kind (`Pod`, `Job`…), in list order, with kind and
    /// apiVersion.
    pub fn objects(&self, kind: &str) -> Vec<Value> {
        self.state()
            .objects
            .values()
            .filter(|o| o["kind"] == kind)
            .cloned()
            .collect()
    }

    /// Every request so far, as `GET /api/v1/pods?labelSelector=app=x&limit=500` with the
    /// query decoded, unauthorized ones included.
    pub fn requests(&self) -> Vec<String> {
        self.state().requests.clone()
    }

    /// Writes a kubeconfig whose current context `context` reaches this server as cluster
    /// `cluster_name` (an EKS ARN, say) with the server's bearer token.
    pub fn kubeconfig(&self, path: &Path, context: &str, cluster_name: &str) {
        let config = json!({
            "apiVersion": "v1",
            "kind": "Config",
            "clusters": [{"name": cluster_name, "cluster": {"server": self.url()}}],
            "contexts": [{"name": context, "context": {"cluster": cluster_name, "user": cluster_name}}],
            "current-context": context,
            "users": [{"name": cluster_name, "user": {"token": self.state().token}}],
        });
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(path, serde_yaml::to_string(&config).unwrap()).unwrap();
    }

    /// What `GET /version` says (EKS 1.33 until set).
    pub fn set_version(&self, major: &str, minor: &str, git_version: &str) {
        self.state().version = json!({
            "major": major,
            "minor": minor,
            "gitVersion": git_version,
            "gitCommit": "113cf36b1b7e3f0e4d0a3c2b1a09f8e7d6c5b4a3",
            "gitTreeState": "clean",
            "buildDate": "2025-09-02T21:38:27Z",
            "goVersion": "go1.24.6",
            "compiler": "gc",
            "platform": "linux/amd64",
        });
    }

    /// Serves an API group/version, as installing metrics-server serves
    /// `metrics.k8s.io`/`v1beta1` (with its kinds from the table, if any).
    pub fn add_group(&self, group: &str, version: &str) {
        self.state().groups.insert((group.into(), version.into()));
    }

    /// Accepts requests that carry no bearer token (kubectl sends none over plain http).
    pub fn allow_anonymous(&self) {
        self.state().anonymous = true;
    }

    /// Makes `port` of a pod reachable through `pods/portforward`, forwarding to `backend`
    /// (a real local server standing in for the container).
    pub fn forward_port(&self, namespace: &str, pod: &str, port: u16, backend: SocketAddr) {
        self.state()
            .forwards
            .insert((namespace.into(), pod.into(), port), backend);
    }

    /// What `GET /api/v1/namespaces/<ns>/pods/<pod>/log` returns (the pod must exist).
    pub fn set_log(&self, namespace: &str, pod: &str, text: &str) {
        self.state()
            .logs
            .insert((namespace.into(), pod.into()), text.into());
    }
}

impl Drop for KubeApi {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

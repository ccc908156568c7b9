//! The HTTP side of the fake: routing, discovery documents, lists, create, and the
//! `Status` objects a real API server fails with.

use std::collections::BTreeSet;

use hyper::Method;
use serde_json::{Value, json};

use super::State;
use super::kinds::Kind;
use super::selectors::{FieldSelector, LabelSelector};

/// A response, built under the state's lock and sent after it.
pub(super) struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

fn reply(status: u16, body: &Value) -> Reply {
    Reply {
        status,
        content_type: "application/json",
        body: serde_json::to_vec(body).unwrap(),
    }
}

/// A `meta/v1 Status` failure, which kube-rs turns into `kube::Error::Api`.
fn failure(code: u16, reason: &str, message: &str, details: Option<Value>) -> Reply {
    let mut status = json!({
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Failure",
        "message": message,
        "reason": reason,
        "code": code,
    });
    if let Some(details) = details {
        status["details"] = details;
    }
    reply(code, &status)
}

fn no_such_resource() -> Reply {
    failure(
        404,
        "NotFound",
        "the server could not find the requested resource",
        None,
    )
}

fn not_found(kind: &Kind, name: &str) -> Reply {
    let mut details = json!({"name": name, "kind": kind.plural});
    if !kind.group.is_empty() {
        details["group"] = json!(kind.group);
    }
    let message = format!("{} \"{name}\" not found", kind.qualified());
    failure(404, "NotFound", &message, Some(details))
}

fn not_allowed(method: &Method) -> Reply {
    let message =
        format!("the server does not allow this method on the requested resource ({method})");
    failure(405, "MethodNotAllowed", &message, None)
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

fn param<'a>(query: &'a [(String, String)], name: &str) -> Option<&'a str> {
    query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

impl State {
    pub(super) fn serve(
        &mut self,
        method: &Method,
        path: &str,
        query: &str,
        auth: Option<&str>,
        body: &[u8],
    ) -> Reply {
        let query: Vec<(String, String)> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decode(k), decode(v))
            })
            .collect();
        let mut line = format!("{method} {path}");
        for (i, (k, v)) in query.iter().enumerate() {
            line.push_str(&format!("{}{k}={v}", if i == 0 { '?' } else { '&' }));
        }
        self.requests.push(line);
        if !self.anonymous && auth != Some(format!("Bearer {}", self.token).as_str()) {
            return failure(401, "Unauthorized", "Unauthorized", None);
        }
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let groups = self.group_versions();
        match (method, segments.as_slice()) {
            (&Method::GET, ["version"]) => reply(200, &self.version),
            (&Method::GET, ["api"]) => reply(
                200,
                &json!({
                    "kind": "APIVersions",
                    "versions": ["v1"],
                    "serverAddressByClientCIDRs": [
                        {"clientCIDR": "0.0.0.0/0", "serverAddress": self.address.to_string()}
                    ],
                }),
            ),
            (&Method::GET, ["apis"]) => {
                let list: Vec<Value> = groups
                    .iter()
                    .filter(|(group, _)| !group.is_empty())
                    .map(|(group, versions)| api_group(group, versions))
                    .collect();
                reply(
                    200,
                    &json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": list}),
                )
            }
            (&Method::GET, ["apis", group]) => match groups.get(*group) {
                Some(versions) if !group.is_empty() => reply(200, &api_group(group, versions)),
                _ => no_such_resource(),
            },
            (&Method::GET, ["api", "v1"]) => self.resource_list("", "v1"),
            (&Method::GET, ["apis", group, version])
                if groups.get(*group).is_some_and(|v| v.contains(*version)) =>
            {
                self.resource_list(group, version)
            }
            (_, ["api", "v1", path @ ..]) => self.resource("", "v1", method, path, &query, body),
            (_, ["apis", group, version, path @ ..]) => {
                self.resource(group, version, method, path, &query, body)
            }
            _ => Reply {
                status: 404,
                content_type: "text/plain; charset=utf-8",
                body: b"404 page not found\n".to_vec(),
            },
        }
    }

    fn resource_list(&self, group: &str, version: &str) -> Reply {
        let mut resources = Vec::new();
        for k in self
            .kinds
            .iter()
            .filter(|k| k.group == group && k.version == version && self.served(k))
        {
            let mut resource = json!({
                "name": k.plural,
                "singularName": k.kind.to_lowercase(),
                "namespaced": k.namespaced,
                "kind": k.kind,
                "verbs": k.verbs(),
            });
            if !k.short_names.is_empty() {
                resource["shortNames"] = json!(k.short_names);
            }
            resources.push(resource);
            if group.is_empty() && k.plural == "pods" {
                resources.push(json!({
                    "name": "pods/log", "singularName": "", "namespaced": true,
                    "kind": "Pod", "verbs": ["get"],
                }));
            }
        }
        let group_version = if group.is_empty() {
            version.to_owned()
        } else {
            format!("{group}/{version}")
        };
        reply(
            200,
            &json!({
                "kind": "APIResourceList",
                "apiVersion": "v1",
                "groupVersion": group_version,
                "resources": resources,
            }),
        )
    }

    /// `<plural>[/<name>[/log]]`, or the same after `namespaces/<ns>/`.
    fn resource(
        &mut self,
        group: &str,
        version: &str,
        method: &Method,
        path: &[&str],
        query: &[(String, String)],
        body: &[u8],
    ) -> Reply {
        let (namespace, path) = match path {
            ["namespaces", ns, rest @ ..] if !rest.is_empty() => (Some(*ns), rest),
            _ => (None, path),
        };
        let [plural, rest @ ..] = path else {
            return no_such_resource();
        };
        let Some(kind) = self.kind(group, version, plural) else {
            return no_such_resource();
        };
        if namespace.is_some() && !kind.namespaced {
            return no_such_resource();
        }
        let key = |name: &str| {
            (
                kind.group.clone(),
                kind.plural.clone(),
                namespace.unwrap_or("").to_owned(),
                name.to_owned(),
            )
        };
        let scoped = namespace.is_some() || !kind.namespaced;
        match (method, rest) {
            (&Method::GET, []) => self.list(&kind, namespace, query),
            (&Method::POST, []) if scoped => self.create(&kind, namespace, query, body),
            (&Method::GET, [name]) if scoped => match self.objects.get(&key(name)) {
                Some(object) => reply(200, object),
                None => not_found(&kind, name),
            },
            (&Method::DELETE, [name]) if scoped => match self.objects.remove(&key(name)) {
                Some(object) => reply(200, &object),
                None => not_found(&kind, name),
            },
            (&Method::GET, [name, "log"]) if group.is_empty() && *plural == "pods" && scoped => {
                let Some(_) = self.objects.get(&key(name)) else {
                    return not_found(&kind, name);
                };
                let ns = namespace.unwrap_or_default().to_owned();
                let text = self.logs.get(&(ns, name.to_string())).cloned();
                Reply {
                    status: 200,
                    content_type: "text/plain",
                    body: tail(&text.unwrap_or_default(), param(query, "tailLines")).into_bytes(),
                }
            }
            (_, []) | (_, [_]) if scoped => not_allowed(method),
            _ => no_such_resource(),
        }
    }

    fn list(&self, kind: &Kind, namespace: Option<&str>, query: &[(String, String)]) -> Reply {
        if matches!(param(query, "watch"), Some("true" | "1")) {
            let message = "watch is not supported by this fake API server; list instead";
            return failure(405, "MethodNotAllowed", message, None);
        }
        let labels = LabelSelector::parse(param(query, "labelSelector").unwrap_or(""));
        let fields = FieldSelector::parse(param(query, "fieldSelector").unwrap_or(""));
        let (labels, fields) = match (labels, fields) {
            (Ok(l), Ok(f)) => (l, f),
            (Err(e), _) | (_, Err(e)) => return failure(400, "BadRequest", &e, None),
        };
        let matching: Vec<&Value> = self
            .objects
            .iter()
            .filter(|((g, p, ns, _), _)| {
                *g == kind.group && *p == kind.plural && namespace.is_none_or(|n| n == ns)
            })
            .map(|(_, object)| object)
            .filter(|o| labels.matches(o["metadata"].get("labels")) && fields.matches(o))
            .collect();
        let start = match param(query, "continue").filter(|t| !t.is_empty()) {
            None => 0,
            Some(token) => match token.parse::<usize>() {
                Ok(offset) => offset,
                Err(_) => return failure(400, "BadRequest", "continue key is not valid", None),
            },
        };
        let limit = param(query, "limit")
            .and_then(|l| l.parse::<usize>().ok())
            .filter(|&l| l > 0)
            .unwrap_or(usize::MAX);
        let items: Vec<Value> = matching
            .iter()
            .skip(start)
            .take(limit)
            .map(|o| {
                let mut item = (*o).clone();
                let fields = item.as_object_mut().unwrap();
                fields.remove("kind");
                fields.remove("apiVersion");
                item
            })
            .collect();
        let end = start + items.len();
        let mut metadata = json!({"resourceVersion": self.revision.to_string()});
        if end < matching.len() {
            metadata["continue"] = json!(end.to_string());
            metadata["remainingItemCount"] = json!(matching.len() - end);
        }
        reply(
            200,
            &json!({
                "kind": format!("{}List", kind.kind),
                "apiVersion": kind.api_version(),
                "metadata": metadata,
                "items": items,
            }),
        )
    }

    fn create(
        &mut self,
        kind: &Kind,
        namespace: Option<&str>,
        query: &[(String, String)],
        body: &[u8],
    ) -> Reply {
        let mut object: Value = match serde_json::from_slice(body) {
            Ok(object @ Value::Object(_)) => object,
            _ => return failure(400, "BadRequest", "the body is not a JSON object", None),
        };
        if object["kind"].as_str().is_some_and(|k| k != kind.kind) {
            let message = format!("the kind of the body is not {}", kind.kind);
            return failure(400, "BadRequest", &message, None);
        }
        let metadata = &mut object["metadata"];
        if let (Some(ns), Some(given)) = (namespace, metadata["namespace"].as_str())
            && ns != given
        {
            let message = "the namespace of the provided object does not match the namespace sent on the request";
            return failure(400, "BadRequest", message, None);
        }
        if metadata["name"].as_str().is_none_or(str::is_empty) {
            let Some(prefix) = metadata["generateName"].as_str() else {
                let message = format!(
                    "{} \"\" is invalid: metadata.name: Required value: name or generateName is required",
                    kind.kind
                );
                return failure(422, "Invalid", &message, None);
            };
            let suffix: String = (0..5)
                .map(|_| {
                    fastrand::choice(b"bcdfghjklmnpqrstvwxz2456789").map_or('x', |&c| c as char)
                })
                .collect();
            metadata["name"] = json!(format!("{prefix}{suffix}"));
        }
        let name = metadata["name"].as_str().unwrap().to_owned();
        if let Some(ns) = namespace {
            metadata["namespace"] = json!(ns);
        }
        for owned in ["uid", "resourceVersion", "creationTimestamp"] {
            if let Some(m) = metadata.as_object_mut() {
                m.remove(owned);
            }
        }
        let key = (
            kind.group.clone(),
            kind.plural.clone(),
            namespace.unwrap_or("").to_owned(),
            name.clone(),
        );
        if self.objects.contains_key(&key) {
            let message = format!("{} \"{name}\" already exists", kind.qualified());
            let details = json!({"name": name, "group": kind.group, "kind": kind.plural});
            return failure(409, "AlreadyExists", &message, Some(details));
        }
        let key = self.store(kind, object);
        let stored = if param(query, "dryRun").is_some() {
            self.objects.remove(&key).unwrap()
        } else {
            self.objects[&key].clone()
        };
        reply(201, &stored)
    }
}

fn api_group(group: &str, versions: &BTreeSet<String>) -> Value {
    let versions: Vec<Value> = versions
        .iter()
        .rev()
        .map(|v| json!({"groupVersion": format!("{group}/{v}"), "version": v}))
        .collect();
    json!({
        "kind": "APIGroup",
        "apiVersion": "v1",
        "name": group,
        "preferredVersion": versions[0],
        "versions": versions,
    })
}

/// The last `tailLines` lines of a log.
fn tail(text: &str, lines: Option<&str>) -> String {
    let Some(n) = lines.and_then(|n| n.parse::<usize>().ok()) else {
        return text.to_owned();
    };
    let all: Vec<&str> = text.split_inclusive('\n').collect();
    all[all.len().saturating_sub(n)..].concat()
}

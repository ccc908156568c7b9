//! The kubeconfig as a document: parse, check, merge one EKS cluster in, redact, render.
//!
//! The file is handled as a generic YAML tree, not as typed structs, so that every field we
//! do not know (extensions, preferences, fields newer than us) survives a merge. Pure: no
//! file system here.

use serde_yaml::{Mapping, Value};

use super::{EksEntry, KubeconfigError};

/// Whether the merge added entries or replaced existing ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Created,
    Updated,
}

/// Parses kubeconfig text, checking the structure the merge relies on. Empty text is an
/// empty config, as kubectl treats it.
pub fn parse(path_for_errors: &str, text: &str) -> Result<Mapping, KubeconfigError> {
    let malformed = |reason: String| KubeconfigError::Malformed {
        path: path_for_errors.to_owned(),
        reason,
    };
    let value: Value = serde_yaml::from_str(text).map_err(|e| {
        let at = e
            .location()
            .map(|l| format!("line {} column {}: ", l.line(), l.column()))
            .unwrap_or_default();
        malformed(format!("{at}{e}"))
    })?;
    let doc = match value {
        Value::Null => Mapping::new(),
        Value::Mapping(m) => m,
        other => {
            return Err(malformed(format!(
                "the top level is a {}, not a mapping",
                kind(&other)
            )));
        }
    };
    for list in ["clusters", "users", "contexts"] {
        match doc.get(list) {
            None | Some(Value::Null) => {}
            Some(Value::Sequence(items)) => {
                for (i, item) in items.iter().enumerate() {
                    if !item.get("name").is_some_and(Value::is_string) {
                        return Err(malformed(format!("{list}[{i}] has no string `name`")));
                    }
                }
            }
            Some(other) => {
                return Err(malformed(format!(
                    "`{list}` is a {}, not a list",
                    kind(other)
                )));
            }
        }
    }
    if let Some(current) = doc.get("current-context")
        && !(current.is_string() || current.is_null())
    {
        return Err(malformed("`current-context` is not a string".into()));
    }
    Ok(doc)
}

/// Whether the document has a cluster entry with this name.
pub fn has_cluster(doc: &Mapping, name: &str) -> bool {
    list(doc, "clusters")
        .iter()
        .any(|item| item.get("name").and_then(Value::as_str) == Some(name))
}

/// Writes the cluster, user and context entries for `entry` and makes the context current.
/// Entries with the same names are updated in place; everything else is left as it was.
pub fn merge(doc: &mut Mapping, entry: &EksEntry) -> Change {
    if doc.is_empty() {
        doc.insert("apiVersion".into(), "v1".into());
        doc.insert("kind".into(), "Config".into());
        doc.insert("preferences".into(), Value::Mapping(Mapping::new()));
    }
    let cluster_created = upsert(doc, "clusters", "cluster", &entry.cluster_name, |c| {
        // A CA file or skip-verify would conflict with the CA data we write.
        c.remove("certificate-authority");
        c.remove("insecure-skip-tls-verify");
        c.insert(
            "certificate-authority-data".into(),
            entry.ca_data.clone().into(),
        );
        c.insert("server".into(), entry.server.clone().into());
    });
    let user_created = upsert(doc, "users", "user", &entry.user_name, |u| {
        // Any other auth method would conflict with exec, so the user is replaced whole.
        u.clear();
        u.insert("exec".into(), Value::Mapping(exec_stanza(entry)));
    });
    let context_created = upsert(doc, "contexts", "context", &entry.context_name, |c| {
        // Keep the user's chosen default namespace and any extensions.
        c.insert("cluster".into(), entry.cluster_name.clone().into());
        c.insert("user".into(), entry.user_name.clone().into());
    });
    doc.insert("current-context".into(), entry.context_name.clone().into());
    if cluster_created || user_created || context_created {
        Change::Created
    } else {
        Change::Updated
    }
}

fn exec_stanza(entry: &EksEntry) -> Mapping {
    let mut exec = Mapping::new();
    exec.insert("apiVersion".into(), entry.exec.api_version.clone().into());
    exec.insert("command".into(), entry.exec.command.clone().into());
    exec.insert(
        "args".into(),
        Value::Sequence(entry.exec.args.iter().cloned().map(Value::from).collect()),
    );
    let env: Vec<Value> = entry
        .exec
        .env
        .iter()
        .map(|(name, value)| {
            let mut m = Mapping::new();
            m.insert("name".into(), name.clone().into());
            m.insert("value".into(), value.clone().into());
            Value::Mapping(m)
        })
        .collect();
    if !env.is_empty() {
        exec.insert("env".into(), Value::Sequence(env));
    }
    exec.insert("interactiveMode".into(), "Never".into());
    exec.insert("provideClusterInfo".into(), false.into());
    exec
}

/// Finds `name` in `doc[list]` and lets `update` edit its `inner` mapping, appending a new
/// entry when there is none. Returns true when an entry was created.
fn upsert(
    doc: &mut Mapping,
    list: &str,
    inner: &str,
    name: &str,
    update: impl FnOnce(&mut Mapping),
) -> bool {
    let items = match doc.get_mut(list) {
        Some(Value::Sequence(items)) => items,
        _ => {
            doc.insert(list.into(), Value::Sequence(Vec::new()));
            match doc.get_mut(list) {
                Some(Value::Sequence(items)) => items,
                _ => unreachable!("just inserted a sequence"),
            }
        }
    };
    let existing = items
        .iter_mut()
        .find(|item| item.get("name").and_then(Value::as_str) == Some(name));
    match existing.and_then(Value::as_mapping_mut) {
        Some(item) => {
            let slot = item
                .entry(inner.into())
                .or_insert_with(|| Value::Mapping(Mapping::new()));
            if !slot.is_mapping() {
                *slot = Value::Mapping(Mapping::new());
            }
            if let Value::Mapping(m) = slot {
                update(m);
            }
            false
        }
        None => {
            let mut body = Mapping::new();
            update(&mut body);
            let mut item = Mapping::new();
            item.insert(inner.into(), Value::Mapping(body));
            item.insert("name".into(), name.into());
            items.push(Value::Mapping(item));
            true
        }
    }
}

/// Keys whose values are credentials and must not be shown.
const SECRET_KEYS: [&str; 8] = [
    "token",
    "password",
    "client-key-data",
    "id-token",
    "refresh-token",
    "access-token",
    "client-secret",
    "idp-certificate-authority-data",
];

/// A copy with credentials replaced by `REDACTED`, for previews (`--dry-run`).
pub fn redacted(doc: &Mapping) -> Mapping {
    fn walk(value: &mut Value) {
        match value {
            Value::Mapping(m) => {
                for (k, v) in m.iter_mut() {
                    if k.as_str().is_some_and(|k| SECRET_KEYS.contains(&k)) && v.is_string() {
                        *v = "REDACTED".into();
                    } else {
                        walk(v);
                    }
                }
            }
            Value::Sequence(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    let mut copy = Value::Mapping(doc.clone());
    walk(&mut copy);
    match copy {
        Value::Mapping(m) => m,
        _ => unreachable!("a mapping stays a mapping"),
    }
}

/// Renders the document as YAML.
pub fn render(doc: &Mapping) -> String {
    serde_yaml::to_string(doc).unwrap_or_else(|e| unreachable!("YAML values always serialize: {e}"))
}

fn list<'a>(doc: &'a Mapping, name: &str) -> &'a [Value] {
    doc.get(name)
        .and_then(Value::as_sequence)
        .map_or(&[], Vec::as_slice)
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Sequence(_) => "list",
        Value::Mapping(_) => "mapping",
        Value::Tagged(_) => "tagged value",
    }
}

#[cfg(test)]
mod tests;

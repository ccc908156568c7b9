//! `labelSelector` and `fieldSelector`, parsed and matched as the API server does, so a
//! product that gets a selector wrong gets the wrong objects (or a 400) here as well.
//!
//! Labels: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, joined by
//! commas (all must hold). `!=` and `notin` also match objects without the label, as in
//! Kubernetes. Not supported: the numeric `k>n` / `k<n` (a 400, as for any bad syntax).
//!
//! Fields: `path=v`, `path==v`, `path!=v`, comma-joined, on any dotted JSON path. A real
//! server only accepts a few paths per kind; this one accepts all. A missing field reads
//! as the empty string, so `spec.nodeName=` selects unscheduled pods, as it does for real.

use serde_json::Value;

#[derive(Debug, PartialEq)]
enum Requirement {
    Equals(String, String),
    NotEquals(String, String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    NotExists(String),
}

/// A parsed `labelSelector`; the empty selector matches everything.
#[derive(Debug)]
pub struct LabelSelector(Vec<Requirement>);

/// A parsed `fieldSelector`: (dotted path, wanted equal, value).
#[derive(Debug)]
pub struct FieldSelector(Vec<(String, bool, String)>);

fn key(text: &str, selector: &str) -> Result<String, String> {
    let text = text.trim();
    let valid = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
    if valid {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "unable to parse requirement: invalid label key {text:?} in {selector:?}"
        ))
    }
}

fn value(text: &str, selector: &str) -> Result<String, String> {
    let text = text.trim();
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "unable to parse requirement: invalid label value {text:?} in {selector:?}"
        ))
    }
}

/// Splits on the commas that are not inside `( )`.
fn terms(selector: &str) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0i32, 0, Vec::new());
    for (i, c) in selector.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&selector[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&selector[start..]);
    out
}

fn requirement(term: &str, selector: &str) -> Result<Requirement, String> {
    let term = term.trim();
    if let Some(k) = term.strip_prefix('!') {
        return Ok(Requirement::NotExists(key(k, selector)?));
    }
    if let Some((k, v)) = term.split_once("!=") {
        return Ok(Requirement::NotEquals(
            key(k, selector)?,
            value(v, selector)?,
        ));
    }
    if let Some((k, v)) = term.split_once("==").or_else(|| term.split_once('=')) {
        return Ok(Requirement::Equals(key(k, selector)?, value(v, selector)?));
    }
    if let Some((head, set)) = term.split_once('(') {
        let set = set
            .strip_suffix(')')
            .ok_or_else(|| format!("unable to parse requirement: missing ')' in {selector:?}"))?;
        let values = set
            .split(',')
            .map(|v| value(v, selector))
            .collect::<Result<Vec<_>, _>>()?;
        return match head.split_whitespace().collect::<Vec<_>>().as_slice() {
            [k, "in"] => Ok(Requirement::In(key(k, selector)?, values)),
            [k, "notin"] => Ok(Requirement::NotIn(key(k, selector)?, values)),
            _ => Err(format!(
                "unable to parse requirement: expected 'in' or 'notin' in {selector:?}"
            )),
        };
    }
    Ok(Requirement::Exists(key(term, selector)?))
}

impl LabelSelector {
    pub fn parse(selector: &str) -> Result<Self, String> {
        if selector.trim().is_empty() {
            return Ok(Self(Vec::new()));
        }
        terms(selector)
            .into_iter()
            .map(|t| requirement(t, selector))
            .collect::<Result<_, _>>()
            .map(Self)
    }

    /// Whether an object with these `metadata.labels` (absent = none) is selected.
    pub fn matches(&self, labels: Option<&Value>) -> bool {
        let label = |k: &str| labels.and_then(|l| l.get(k)).and_then(Value::as_str);
        self.0.iter().all(|r| match r {
            Requirement::Equals(k, v) => label(k) == Some(v),
            Requirement::NotEquals(k, v) => label(k) != Some(v),
            Requirement::In(k, vs) => label(k).is_some_and(|l| vs.iter().any(|v| v == l)),
            Requirement::NotIn(k, vs) => !label(k).is_some_and(|l| vs.iter().any(|v| v == l)),
            Requirement::Exists(k) => label(k).is_some(),
            Requirement::NotExists(k) => label(k).is_none(),
        })
    }
}

/// The text a field selector compares against: strings as they are, numbers and booleans
/// printed, anything missing or null as "".
fn field(object: &Value, path: &str) -> String {
    match path.split('.').try_fold(object, |v, part| v.get(part)) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

impl FieldSelector {
    pub fn parse(selector: &str) -> Result<Self, String> {
        if selector.trim().is_empty() {
            return Ok(Self(Vec::new()));
        }
        selector
            .split(',')
            .map(|term| {
                let (path, equal, v) = if let Some((p, v)) = term.split_once("!=") {
                    (p, false, v)
                } else if let Some((p, v)) = term.split_once("==").or_else(|| term.split_once('='))
                {
                    (p, true, v)
                } else {
                    return Err(format!(
                        "invalid selector: {selector:?}; can't understand {term:?}"
                    ));
                };
                let path = path.trim();
                if path.is_empty() || path.contains(char::is_whitespace) {
                    return Err(format!("invalid field path {path:?} in {selector:?}"));
                }
                Ok((path.to_owned(), equal, v.trim().to_owned()))
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    pub fn matches(&self, object: &Value) -> bool {
        self.0
            .iter()
            .all(|(path, equal, v)| (field(object, path) == *v) == *equal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn labels(selector: &str, labels: Value) -> bool {
        LabelSelector::parse(selector)
            .unwrap_or_else(|e| panic!("{selector}: {e}"))
            .matches(Some(&labels))
    }

    #[test]
    fn kubeapi_label_selector_parses_every_operator() {
        let parsed = LabelSelector::parse("a=1, b==2,c!=3,d in (x, y),e notin (z),f,!g").unwrap();
        use Requirement::*;
        assert_eq!(
            parsed.0,
            vec![
                Equals("a".into(), "1".into()),
                Equals("b".into(), "2".into()),
                NotEquals("c".into(), "3".into()),
                In("d".into(), vec!["x".into(), "y".into()]),
                NotIn("e".into(), vec!["z".into()]),
                Exists("f".into()),
                NotExists("g".into()),
            ]
        );
    }

    #[test]
    fn kubeapi_label_selector_matches_like_kubernetes() {
        let l = json!({"app": "x", "env": "prod", "app.kubernetes.io/name": "otel"});
        assert!(labels("", l.clone()));
        assert!(labels("app=x", l.clone()));
        assert!(labels("app==x,env=prod", l.clone()));
        assert!(!labels("app=x,env=dev", l.clone()));
        assert!(labels("app!=y", l.clone()));
        assert!(
            labels("missing!=y", l.clone()),
            "!= matches an absent label"
        );
        assert!(labels("env in (dev,prod)", l.clone()));
        assert!(!labels("env in (dev,staging)", l.clone()));
        assert!(!labels("absent in (dev)", l.clone()));
        assert!(labels("env notin (dev)", l.clone()));
        assert!(
            labels("absent notin (dev)", l.clone()),
            "notin matches an absent label"
        );
        assert!(!labels("env notin (prod)", l.clone()));
        assert!(labels("app.kubernetes.io/name", l.clone()));
        assert!(!labels("!app", l.clone()));
        assert!(labels("!canary", l.clone()));
        assert!(!LabelSelector::parse("app").unwrap().matches(None));
        assert!(LabelSelector::parse("!app").unwrap().matches(None));
    }

    #[test]
    fn kubeapi_label_selector_rejects_bad_syntax() {
        for bad in [
            "app=x,",
            "a b",
            "env in (a",
            "env within (a)",
            "n>1",
            "a=b c",
        ] {
            assert!(LabelSelector::parse(bad).is_err(), "{bad} should not parse");
        }
    }

    #[test]
    fn kubeapi_field_selector_reads_dotted_paths() {
        let pod = json!({
            "metadata": {"name": "p1", "namespace": "otel"},
            "spec": {"nodeName": "n1", "priority": 0},
            "status": {"phase": "Running"}
        });
        let m = |s: &str| FieldSelector::parse(s).unwrap().matches(&pod);
        assert!(m("metadata.name=p1,metadata.namespace==otel"));
        assert!(m("spec.nodeName=n1,status.phase!=Pending"));
        assert!(!m("spec.nodeName=n2"));
        assert!(m("spec.priority=0"), "numbers compare as text");
        assert!(
            m("spec.schedulerName="),
            "a missing field is the empty string"
        );
        assert!(!m("spec.nodeName="));
        assert!(FieldSelector::parse("spec.nodeName").is_err());
    }
}

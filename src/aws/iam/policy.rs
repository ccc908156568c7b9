//! IAM policy documents as data: what an IRSA trust policy must say, which actions a policy
//! allows, and the documents otelctl writes.
//!
//! Everything here is pure (JSON in, findings out), so `iam`, `doctor` and `bootstrap`
//! share one definition of "right" and it is tested without any server.

use serde_json::{Value, json};

/// The controller version whose `iam_policy.json` is embedded.
pub const CONTROLLER_VERSION: &str = "v3.5.0";
/// The controller's published policy document for [`CONTROLLER_VERSION`].
pub const ALB_CONTROLLER_POLICY: &str =
    include_str!("../../../assets/iam/alb-controller-policy.json");
/// The policy name the controller's install guide uses.
pub const ALB_POLICY_NAME: &str = "AWSLoadBalancerControllerIAMPolicy";
/// The role name the controller's install guide uses.
pub const ALB_ROLE_NAME: &str = "AmazonEKSLoadBalancerControllerRole";
/// The controller's service account.
pub const ALB_SERVICE_ACCOUNT: &str =
    "system:serviceaccount:kube-system:aws-load-balancer-controller";
/// The audience IRSA tokens carry.
pub const STS_AUDIENCE: &str = "sts.amazonaws.com";
pub const WEB_IDENTITY_ACTION: &str = "sts:AssumeRoleWithWebIdentity";

/// One thing wrong with a policy: which field, what it should be, what it is, and the fix.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    pub field: String,
    pub expected: String,
    pub found: String,
    pub fix: String,
}

/// The issuer without its scheme: `oidc.eks.us-east-1.amazonaws.com/id/ABC`, as IAM uses it
/// in provider ARNs and condition keys.
pub fn issuer_host_path(issuer: &str) -> &str {
    let rest = issuer
        .strip_prefix("https://")
        .or_else(|| issuer.strip_prefix("http://"))
        .unwrap_or(issuer);
    rest.trim_end_matches('/')
}

/// The ARN of the IAM OIDC provider for an issuer.
pub fn oidc_provider_arn(partition: &str, account: &str, issuer: &str) -> String {
    format!(
        "arn:{partition}:iam::{account}:oidc-provider/{}",
        issuer_host_path(issuer)
    )
}

/// IAM returns policy documents URL-encoded; moto and some tools return them plain.
pub fn decode_document(raw: &str) -> Result<Value, String> {
    let text = if raw.trim_start().starts_with('{') {
        raw.to_owned()
    } else {
        percent_encoding::percent_decode_str(raw)
            .decode_utf8()
            .map_err(|e| format!("policy document is not UTF-8: {e}"))?
            .into_owned()
    };
    serde_json::from_str(&text).map_err(|e| format!("policy document is not JSON: {e}"))
}

/// The trust statement that lets one cluster's service account assume a role.
pub fn trust_statement(provider_arn: &str, issuer: &str, service_account: &str) -> Value {
    let hp = issuer_host_path(issuer);
    json!({
        "Effect": "Allow",
        "Principal": {"Federated": provider_arn},
        "Action": WEB_IDENTITY_ACTION,
        "Condition": {"StringEquals": {
            format!("{hp}:sub"): service_account,
            format!("{hp}:aud"): STS_AUDIENCE,
        }}
    })
}

/// A whole trust policy with one statement.
pub fn trust_policy(provider_arn: &str, issuer: &str, service_account: &str) -> Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [trust_statement(provider_arn, issuer, service_account)],
    })
}

/// `existing` plus a statement for this cluster; nothing is removed (IRSA is per cluster).
pub fn with_trust_statement(existing: &Value, statement: Value) -> Value {
    let mut doc = existing.clone();
    let mut statements = statements(existing)
        .into_iter()
        .cloned()
        .collect::<Vec<_>>();
    statements.push(statement);
    doc["Statement"] = Value::Array(statements);
    if doc.get("Version").is_none() {
        doc["Version"] = json!("2012-10-17");
    }
    doc
}

/// Checks a role's trust policy for IRSA from one cluster. Empty means right. When no
/// statement is fully right, the findings are those of the closest statement.
pub fn check_trust(
    doc: &Value,
    provider_arn: &str,
    issuer: &str,
    service_account: &str,
) -> Vec<Finding> {
    let hp = issuer_host_path(issuer);
    let all = statements(doc);
    let candidates: Vec<Vec<Finding>> = all
        .iter()
        .map(|s| check_statement(s, provider_arn, hp, service_account))
        .collect();
    if candidates.iter().any(Vec::is_empty) {
        return Vec::new();
    }
    // Prefer statements that name this provider; among them, the one with fewest problems.
    candidates
        .into_iter()
        .min_by_key(|f| (f.iter().any(|f| f.field == "Principal.Federated"), f.len()))
        .unwrap_or_else(|| {
            vec![Finding {
                field: "Statement".into(),
                expected: format!("a statement trusting {provider_arn}"),
                found: "no statements".into(),
                fix: "otelctl iam alb-role --create".into(),
            }]
        })
}

fn check_statement(s: &Value, provider_arn: &str, hp: &str, service_account: &str) -> Vec<Finding> {
    let fix = "otelctl iam alb-role --create".to_owned();
    let mut findings = Vec::new();
    let federated = strings(&s["Principal"]["Federated"]);
    if !federated.iter().any(|f| f == provider_arn) {
        findings.push(Finding {
            field: "Principal.Federated".into(),
            expected: provider_arn.into(),
            found: display(&federated),
            fix: fix.clone(),
        });
    }
    if s["Effect"].as_str() != Some("Allow") {
        findings.push(Finding {
            field: "Effect".into(),
            expected: "Allow".into(),
            found: s["Effect"].as_str().unwrap_or("(none)").into(),
            fix: fix.clone(),
        });
    }
    let actions = strings(&s["Action"]);
    if !actions
        .iter()
        .any(|a| action_matches(a, WEB_IDENTITY_ACTION))
    {
        findings.push(Finding {
            field: "Action".into(),
            expected: WEB_IDENTITY_ACTION.into(),
            found: display(&actions),
            fix: fix.clone(),
        });
    }
    for (key, want) in [("sub", service_account), ("aud", STS_AUDIENCE)] {
        let cond_key = format!("{hp}:{key}");
        let found = condition_values(&s["Condition"], &cond_key);
        let ok = found.iter().any(|(op, v)| match op.as_str() {
            "StringEquals" => v == want,
            "StringLike" => glob_match(v, want),
            _ => false,
        });
        if !ok {
            findings.push(Finding {
                field: format!("Condition.StringEquals[\"{cond_key}\"]"),
                expected: want.into(),
                found: if found.is_empty() {
                    "(missing)".into()
                } else {
                    display(
                        &found
                            .into_iter()
                            .map(|(op, v)| format!("{op} {v}"))
                            .collect::<Vec<_>>(),
                    )
                },
                fix: fix.clone(),
            });
        }
    }
    findings
}

/// Actions of `required` (a policy document) that `actual` does not allow, in the order the
/// required document lists them. Wildcards in `actual` (`elasticloadbalancing:*`) count.
pub fn missing_actions(required: &Value, actual: &Value) -> Vec<String> {
    let allowed: Vec<String> = statements(actual)
        .into_iter()
        .filter(|s| s["Effect"].as_str() == Some("Allow"))
        .flat_map(|s| strings(&s["Action"]))
        .collect();
    let mut missing: Vec<String> = Vec::new();
    for action in statements(required)
        .into_iter()
        .flat_map(|s| strings(&s["Action"]))
    {
        let covered = allowed
            .iter()
            .any(|pattern| action_matches(pattern, &action));
        if !covered && !missing.contains(&action) {
            missing.push(action);
        }
    }
    missing
}

/// IAM action matching: case-insensitive, `*` and `?` wildcards.
fn action_matches(pattern: &str, action: &str) -> bool {
    glob_match(&pattern.to_ascii_lowercase(), &action.to_ascii_lowercase())
}

/// `*` matches any run, `?` one character (IAM's StringLike and action wildcards).
fn glob_match(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

fn statements(doc: &Value) -> Vec<&Value> {
    match &doc["Statement"] {
        Value::Array(items) => items.iter().collect(),
        Value::Object(_) => vec![&doc["Statement"]],
        _ => Vec::new(),
    }
}

/// A string or an array of strings, as IAM allows for most fields.
fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

/// Every `(operator, value)` that a Condition block sets for `key`.
fn condition_values(condition: &Value, key: &str) -> Vec<(String, String)> {
    let Some(ops) = condition.as_object() else {
        return Vec::new();
    };
    ops.iter()
        .flat_map(|(op, block)| {
            strings(&block[key])
                .into_iter()
                .map(move |v| (op.clone(), v))
        })
        .collect()
}

fn display(values: &[String]) -> String {
    if values.is_empty() {
        "(missing)".into()
    } else {
        values.join(", ")
    }
}

#[cfg(test)]
mod tests;

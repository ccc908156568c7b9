use super::*;

const ISSUER: &str = "https://oidc.eks.us-east-1.amazonaws.com/id/ABC123";
const PROVIDER: &str =
    "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC123";

fn good() -> Value {
    trust_policy(PROVIDER, ISSUER, ALB_SERVICE_ACCOUNT)
}

fn fields(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.field.as_str()).collect()
}

#[test]
fn provider_arn_and_host_path() {
    assert_eq!(
        issuer_host_path(ISSUER),
        "oidc.eks.us-east-1.amazonaws.com/id/ABC123"
    );
    assert_eq!(issuer_host_path("oidc.example/x/"), "oidc.example/x");
    assert_eq!(oidc_provider_arn("aws", "123456789012", ISSUER), PROVIDER);
}

#[test]
fn the_written_trust_policy_passes() {
    assert!(check_trust(&good(), PROVIDER, ISSUER, ALB_SERVICE_ACCOUNT).is_empty());
}

#[test]
fn wrong_sub_is_named_with_expected_and_found() {
    let mut doc = good();
    doc["Statement"][0]["Condition"]["StringEquals"]["oidc.eks.us-east-1.amazonaws.com/id/ABC123:sub"] =
        json!("system:serviceaccount:default:aws-load-balancer-controller");
    let f = check_trust(&doc, PROVIDER, ISSUER, ALB_SERVICE_ACCOUNT);
    assert_eq!(f.len(), 1);
    assert!(f[0].field.ends_with(":sub\"]"), "{}", f[0].field);
    assert_eq!(f[0].expected, ALB_SERVICE_ACCOUNT);
    assert!(f[0].found.contains("system:serviceaccount:default:"));
}

#[test]
fn wrong_aud_is_named() {
    let mut doc = good();
    doc["Statement"][0]["Condition"]["StringEquals"]["oidc.eks.us-east-1.amazonaws.com/id/ABC123:aud"] =
        json!("sts.amazonaws.com.cn");
    let f = check_trust(&doc, PROVIDER, ISSUER, ALB_SERVICE_ACCOUNT);
    assert_eq!(f.len(), 1);
    assert!(f[0].field.ends_with(":aud\"]"));
    assert_eq!(f[0].found, "StringEquals sts.amazonaws.com.cn");
}

#[test]
fn wrong_federated_principal_is_named() {
    let other = PROVIDER.replace("ABC123", "OTHER");
    let doc = trust_policy(
        &other,
        &ISSUER.replace("ABC123", "OTHER"),
        ALB_SERVICE_ACCOUNT,
    );
    let f = check_trust(&doc, PROVIDER, ISSUER, ALB_SERVICE_ACCOUNT);
    assert!(fields(&f).contains(&"Principal.Federated"));
    let fed = f.iter().find(|f| f.field == "Principal.Federated").unwrap();
    assert_eq!(fed.expected, PROVIDER);
    assert_eq!(fed.found, other);
}

#[test]
fn wrong_action_is_named() {
    let mut doc = good();
    doc["Statement"][0]["Action"] = json!("sts:AssumeRole");
    let f = check_trust(&doc, PROVIDER, ISSUER, ALB_SERVICE_ACCOUNT);
    assert_eq!(fields(&f), ["Action"]);
    assert_eq!(f[0].found, "sts:AssumeRole");
}

#[test]
fn string_like_and_arrays_are_understood() {
    let doc = json!({"Statement": {
        "Effect": "Allow",
        "Principal": {"Federated": [PROVIDER]},
        "Action": ["sts:AssumeRoleWithWebIdentity"],
        "Condition": {"StringLike": {
            "oidc.eks.us-east-1.amazonaws.com/id/ABC123:sub": "system:serviceaccount:kube-system:aws-load-*",
            "oidc.eks.us-east-1.amazonaws.com/id/ABC123:aud": ["sts.amazonaws.com"],
        }}
    }});
    assert!(check_trust(&doc, PROVIDER, ISSUER, ALB_SERVICE_ACCOUNT).is_empty());
}

#[test]
fn a_role_trusting_two_clusters_passes_for_each() {
    let other_issuer = ISSUER.replace("ABC123", "SECOND");
    let other_provider = PROVIDER.replace("ABC123", "SECOND");
    let both = with_trust_statement(
        &good(),
        trust_statement(&other_provider, &other_issuer, ALB_SERVICE_ACCOUNT),
    );
    assert_eq!(both["Statement"].as_array().unwrap().len(), 2);
    assert!(check_trust(&both, PROVIDER, ISSUER, ALB_SERVICE_ACCOUNT).is_empty());
    assert!(check_trust(&both, &other_provider, &other_issuer, ALB_SERVICE_ACCOUNT).is_empty());
}

#[test]
fn closest_statement_is_reported() {
    // One statement for another cluster, one for this cluster with a wrong aud: report the aud.
    let other = trust_statement(
        &PROVIDER.replace("ABC123", "X"),
        "https://x",
        ALB_SERVICE_ACCOUNT,
    );
    let mut mine = trust_statement(PROVIDER, ISSUER, ALB_SERVICE_ACCOUNT);
    mine["Condition"]["StringEquals"]["oidc.eks.us-east-1.amazonaws.com/id/ABC123:aud"] =
        json!("x");
    let doc = json!({"Statement": [other, mine]});
    let f = check_trust(&doc, PROVIDER, ISSUER, ALB_SERVICE_ACCOUNT);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].field.ends_with(":aud\"]"));
}

#[test]
fn embedded_policy_is_complete_against_itself() {
    let required: Value = serde_json::from_str(ALB_CONTROLLER_POLICY).unwrap();
    assert!(missing_actions(&required, &required).is_empty());
    let all: Vec<String> = statements(&required)
        .into_iter()
        .flat_map(|s| strings(&s["Action"]))
        .collect();
    assert!(all.contains(&"ec2:DescribeVpcs".to_owned()));
}

#[test]
fn missing_actions_are_listed_and_wildcards_count() {
    let required: Value = serde_json::from_str(ALB_CONTROLLER_POLICY).unwrap();
    let partial = json!({"Statement": [
        {"Effect": "Allow", "Action": ["elasticloadbalancing:*", "ec2:*"], "Resource": "*"},
        {"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "*"}
    ]});
    let missing = missing_actions(&required, &partial);
    assert!(missing.contains(&"acm:ListCertificates".to_owned()));
    assert!(missing.contains(&"wafv2:GetWebACL".to_owned()));
    assert!(
        !missing
            .iter()
            .any(|a| a.starts_with("ec2:") || a.starts_with("elasticloadbalancing:"))
    );
    let deny_only = json!({"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}});
    assert!(missing_actions(&required, &deny_only).len() > 50);
    let star = json!({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}});
    assert!(missing_actions(&required, &star).is_empty());
}

#[test]
fn url_encoded_documents_decode() {
    let encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D";
    assert_eq!(decode_document(encoded).unwrap()["Version"], "2012-10-17");
    assert_eq!(decode_document("{\"a\":1}").unwrap()["a"], 1);
    assert!(decode_document("not json").is_err());
}

#[test]
fn globbing() {
    assert!(glob_match("a*c", "abbbc"));
    assert!(glob_match("a?c", "abc"));
    assert!(!glob_match("a?c", "abbc"));
    assert!(glob_match("*", ""));
    assert!(!glob_match("abc", "ab"));
}

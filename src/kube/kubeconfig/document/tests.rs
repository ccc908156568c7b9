use super::*;
use crate::kube::kubeconfig::{EXEC_API_VERSION, ExecPlugin};

const ARN: &str = "arn:aws:eks:us-east-1:123456789012:cluster/dev";

fn entry(context: &str) -> EksEntry {
    EksEntry {
        cluster_name: ARN.into(),
        context_name: context.into(),
        user_name: ARN.into(),
        server: "https://new.example".into(),
        ca_data: "TkVXQ0E=".into(),
        exec: ExecPlugin {
            api_version: EXEC_API_VERSION.into(),
            command: "otelctl".into(),
            args: vec!["token".into(), "--cluster".into(), "dev".into()],
            env: vec![("AWS_PROFILE".into(), "prod".into())],
        },
    }
}

const FOREIGN: &str = r#"apiVersion: v1
kind: Config
preferences:
  colors: true
clusters:
- name: kind-kind
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority-data: S0lORA==
    extensions:
    - name: client.authentication.k8s.io/exec
      extension:
        audience: kind
- name: arn:aws:eks:us-east-1:123456789012:cluster/dev
  cluster:
    server: https://old.example
    certificate-authority: /tmp/old-ca.pem
    proxy-url: http://proxy:3128
contexts:
- name: kind-kind
  context:
    cluster: kind-kind
    user: kind-kind
    namespace: default
- name: dev
  context:
    cluster: arn:aws:eks:us-east-1:123456789012:cluster/dev
    user: old-user
    namespace: shop
users:
- name: kind-kind
  user:
    client-key-data: U0VDUkVUS0VZ
    client-certificate-data: Q0VSVA==
- name: arn:aws:eks:us-east-1:123456789012:cluster/dev
  user:
    token: old-static-token
current-context: kind-kind
x-future-field:
  keep: me
"#;

fn names(doc: &Mapping, list: &str) -> Vec<String> {
    doc[list]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn empty_text_becomes_a_fresh_config() {
    let mut doc = parse("f", "").unwrap();
    assert_eq!(merge(&mut doc, &entry(ARN)), Change::Created);
    assert_eq!(doc["apiVersion"], "v1");
    assert_eq!(doc["kind"], "Config");
    assert_eq!(doc["current-context"], ARN);
    let user = &doc["users"][0]["user"]["exec"];
    assert_eq!(user["apiVersion"], EXEC_API_VERSION);
    assert_eq!(user["command"], "otelctl");
    assert_eq!(user["args"][2], "dev");
    assert_eq!(user["env"][0]["name"], "AWS_PROFILE");
    assert_eq!(user["env"][0]["value"], "prod");
    assert_eq!(user["interactiveMode"], "Never");
}

#[test]
fn foreign_entries_and_unknown_fields_survive() {
    let mut doc = parse("f", FOREIGN).unwrap();
    merge(&mut doc, &entry("dev"));
    assert_eq!(names(&doc, "clusters"), ["kind-kind", ARN]);
    assert_eq!(names(&doc, "contexts"), ["kind-kind", "dev"]);
    assert_eq!(names(&doc, "users"), ["kind-kind", ARN]);
    assert_eq!(doc["preferences"]["colors"], true);
    assert_eq!(doc["x-future-field"]["keep"], "me");
    assert_eq!(
        doc["clusters"][0]["cluster"]["extensions"][0]["extension"]["audience"],
        "kind"
    );
    assert_eq!(doc["users"][0]["user"]["client-key-data"], "U0VDUkVUS0VZ");
    assert_eq!(doc["current-context"], "dev");
}

#[test]
fn existing_entries_are_updated_in_place() {
    let mut doc = parse("f", FOREIGN).unwrap();
    assert_eq!(merge(&mut doc, &entry("dev")), Change::Updated);
    let cluster = &doc["clusters"][1]["cluster"];
    assert_eq!(cluster["server"], "https://new.example");
    assert_eq!(cluster["certificate-authority-data"], "TkVXQ0E=");
    assert!(cluster.get("certificate-authority").is_none());
    assert_eq!(cluster["proxy-url"], "http://proxy:3128");
    let user = &doc["users"][1]["user"];
    assert!(user.get("token").is_none(), "the old auth method must go");
    assert_eq!(user["exec"]["command"], "otelctl");
    let context = &doc["contexts"][1]["context"];
    assert_eq!(context["user"], ARN);
    assert_eq!(context["namespace"], "shop");
}

#[test]
fn merging_twice_is_idempotent() {
    let mut once = parse("f", FOREIGN).unwrap();
    merge(&mut once, &entry("dev"));
    let mut twice = once.clone();
    assert_eq!(merge(&mut twice, &entry("dev")), Change::Updated);
    assert_eq!(render(&once), render(&twice));
}

#[test]
fn rendered_yaml_parses_back_to_the_same_document() {
    let mut doc = parse("f", FOREIGN).unwrap();
    merge(&mut doc, &entry("dev"));
    assert_eq!(parse("f", &render(&doc)).unwrap(), doc);
}

#[test]
fn malformed_documents_are_explained() {
    let cases = [
        ("clusters: [\n  - name: a\n", "line"),
        ("- just\n- a list\n", "top level is a list"),
        ("clusters: {a: 1}\n", "`clusters` is a mapping"),
        ("users:\n- user: {}\n", "users[0] has no string `name`"),
        ("current-context: [a]\n", "current-context"),
    ];
    for (text, expected) in cases {
        let err = parse("/home/u/.kube/config", text).unwrap_err().to_string();
        assert!(err.contains("/home/u/.kube/config"), "{err}");
        assert!(err.contains(expected), "{text:?} -> {err}");
    }
}

#[test]
fn has_cluster_matches_by_name() {
    let doc = parse("f", FOREIGN).unwrap();
    assert!(has_cluster(&doc, ARN));
    assert!(has_cluster(&doc, "kind-kind"));
    assert!(!has_cluster(&doc, "other"));
}

#[test]
fn redaction_hides_credentials_only() {
    let doc = parse("f", FOREIGN).unwrap();
    let text = render(&redacted(&doc));
    assert!(!text.contains("U0VDUkVUS0VZ"));
    assert!(!text.contains("old-static-token"));
    assert!(text.contains("REDACTED"));
    assert!(text.contains("Q0VSVA=="), "certificates are not secrets");
    assert!(text.contains("S0lORA=="));
}

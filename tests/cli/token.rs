use std::time::SystemTime;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use predicates::prelude::*;

use crate::harness::{ACCOUNT, Sandbox, json, moto};

/// The presigned URL inside an ExecCredential's token.
pub fn decoded_url(cred: &serde_json::Value) -> String {
    let token = cred["status"]["token"].as_str().expect("status.token");
    let encoded = token
        .strip_prefix("k8s-aws-v1.")
        .expect("k8s-aws-v1. prefix");
    String::from_utf8(URL_SAFE_NO_PAD.decode(encoded).expect("unpadded base64url")).unwrap()
}

fn query(url: &str, key: &str) -> Option<String> {
    url.split_once('?')?
        .1
        .split('&')
        .find_map(|kv| kv.strip_prefix(&format!("{key}=")).map(str::to_owned))
}

#[test]
fn prints_an_exec_credential_with_a_presigned_sts_url() {
    let sb = Sandbox::new();
    let out = sb
        .otelctl()
        .args(["token", "--cluster", "dev"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cred = json(&out);
    assert_eq!(cred["kind"], "ExecCredential");
    assert_eq!(cred["apiVersion"], "client.authentication.k8s.io/v1beta1");
    let url = decoded_url(&cred);
    assert!(
        url.starts_with("https://sts.us-east-1.amazonaws.com/?"),
        "{url}"
    );
    assert_eq!(query(&url, "Action").as_deref(), Some("GetCallerIdentity"));
    assert_eq!(query(&url, "X-Amz-Expires").as_deref(), Some("60"));
    assert!(
        query(&url, "X-Amz-SignedHeaders")
            .unwrap()
            .contains("x-k8s-aws-id")
    );
    assert!(
        query(&url, "X-Amz-Credential")
            .unwrap()
            .starts_with("testing%2F")
    );

    let expiry = cred["status"]["expirationTimestamp"].as_str().unwrap();
    let expiry = humantime_secs(expiry);
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(
        (now + 13 * 60..=now + 15 * 60).contains(&expiry),
        "{expiry} vs {now}"
    );
}

/// Seconds since the epoch of an RFC 3339 `YYYY-MM-DDTHH:MM:SSZ` timestamp.
fn humantime_secs(ts: &str) -> u64 {
    let parsed =
        aws_smithy_types::DateTime::from_str(ts, aws_smithy_types::date_time::Format::DateTime)
            .unwrap_or_else(|e| panic!("{ts}: {e}"));
    parsed.secs() as u64
}

#[test]
fn answers_the_api_version_kubectl_asks_for() {
    let sb = Sandbox::new();
    let out = sb
        .otelctl()
        .env(
            "KUBERNETES_EXEC_INFO",
            r#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","spec":{"interactive":false}}"#,
        )
        .args(["token", "--cluster", "dev"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(json(&out)["apiVersion"], "client.authentication.k8s.io/v1");
}

#[test]
fn role_arn_signs_with_the_assumed_role() {
    let sb = Sandbox::new();
    let role = format!("arn:aws:iam::{ACCOUNT}:role/eks-admin");
    let out = sb
        .otelctl()
        .args(["token", "--cluster", "dev", "--role-arn", &role])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let url = decoded_url(&json(&out));
    let credential = query(&url, "X-Amz-Credential").unwrap();
    assert!(
        !credential.starts_with("testing%2F"),
        "still the caller's key: {credential}"
    );
    assert!(query(&url, "X-Amz-Security-Token").is_some());
}

#[test]
fn without_a_cluster_it_is_a_usage_error() {
    let sb = Sandbox::new();
    sb.otelctl()
        .arg("token")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--cluster"));
}

#[test]
fn the_kubeconfig_exec_stanza_runs_as_written() {
    let sb = Sandbox::new();
    let name = crate::harness::unique("exec");
    moto().create_cluster(&name);
    sb.otelctl()
        .args(["kubeconfig", "update", "--cluster", &name])
        .assert()
        .success();
    let config = crate::harness::yaml(&sb.path(".kube/config"));
    let exec = &config["users"][0]["user"]["exec"];
    let command = exec["command"].as_str().unwrap();
    let args: Vec<&str> = exec["args"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    // Run it the way kubectl does: the command and args from the file, nothing else.
    let out = std::process::Command::new(command)
        .args(&args)
        .env_clear()
        .env("HOME", sb.home.path())
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .current_dir(sb.home.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let url = decoded_url(&json(&out));
    assert!(
        url.starts_with("https://sts.us-east-1.amazonaws.com/"),
        "{url}"
    );
}

//! `otelctl iam oidc` and `otelctl iam alb-role` against moto's IAM and EKS: every path from
//! absent to correct, every kind of wrong trust policy, and dry runs proven by reading back.

use predicates::prelude::*;
use serde_json::json;

use crate::harness::{ACCOUNT, Sandbox, json, moto, unique};

const THUMBPRINT: &str = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";
const SA: &str = "system:serviceaccount:kube-system:aws-load-balancer-controller";

/// A cluster in `region`, and its issuer without the scheme. moto gives all clusters of a
/// region one issuer, so each test below uses regions no other test uses.
fn cluster(region: &'static str) -> Cluster {
    let name = unique("irsa");
    moto().create_cluster_in(region, &name);
    let issuer = moto()
        .cluster_in(region, &name)
        .identity()
        .and_then(|i| i.oidc())
        .and_then(|o| o.issuer())
        .expect("moto gives clusters an OIDC issuer")
        .to_owned();
    Cluster {
        name,
        region,
        host_path: issuer.trim_start_matches("https://").to_owned(),
    }
}

struct Cluster {
    name: String,
    region: &'static str,
    host_path: String,
}

impl Cluster {
    /// `otelctl iam SUBCOMMAND --cluster NAME --region R`.
    fn iam(&self, sb: &Sandbox, subcommand: &str) -> assert_cmd::Command {
        let mut cmd = sb.otelctl();
        cmd.args([
            "iam",
            subcommand,
            "--cluster",
            &self.name,
            "--region",
            self.region,
        ]);
        cmd
    }

    fn provider_arn(&self) -> String {
        provider_arn(&self.host_path)
    }
}

fn provider_arn(host_path: &str) -> String {
    format!("arn:aws:iam::{ACCOUNT}:oidc-provider/{host_path}")
}

fn providers() -> Vec<String> {
    moto()
        .block_on(moto().iam().list_open_id_connect_providers().send())
        .unwrap()
        .open_id_connect_provider_list()
        .iter()
        .filter_map(|p| p.arn().map(str::to_owned))
        .collect()
}

fn associate(sb: &Sandbox, cluster: &Cluster) {
    cluster
        .iam(sb, "oidc")
        .args(["--create", "--thumbprint", THUMBPRINT])
        .assert()
        .success();
}

/// `iam alb-role` with a role and policy name of its own.
fn alb_role(sb: &Sandbox, cluster: &Cluster, role: &str, policy: &str) -> assert_cmd::Command {
    let mut cmd = cluster.iam(sb, "alb-role");
    cmd.args(["--role-name", role, "--policy-name", policy]);
    cmd
}

fn trust(statements: Vec<serde_json::Value>) -> String {
    json!({"Version": "2012-10-17", "Statement": statements}).to_string()
}

fn statement(provider: &str, host_path: &str, sub: &str, aud: &str) -> serde_json::Value {
    json!({
        "Effect": "Allow",
        "Principal": {"Federated": provider},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringEquals": {
            format!("{host_path}:sub"): sub,
            format!("{host_path}:aud"): aud,
        }}
    })
}

fn seed_role(name: &str, trust_doc: &str) {
    moto()
        .block_on(
            moto()
                .iam()
                .create_role()
                .role_name(name)
                .assume_role_policy_document(trust_doc)
                .send(),
        )
        .unwrap();
}

fn role_trust(name: &str) -> serde_json::Value {
    let out = moto()
        .block_on(moto().iam().get_role().role_name(name).send())
        .unwrap();
    let raw = out
        .role()
        .unwrap()
        .assume_role_policy_document()
        .unwrap()
        .to_owned();
    let text = percent_encoding::percent_decode_str(&raw)
        .decode_utf8()
        .unwrap()
        .into_owned();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn oidc_absent_then_created_then_a_second_create_is_a_no_op() {
    let sb = Sandbox::new();
    let c = cluster("us-east-2");
    c.iam(&sb, "oidc")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("OpenIDConnectProvider"))
        .stdout(predicate::str::contains("otelctl iam oidc --create"));

    c.iam(&sb, "oidc")
        .arg("--create")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot reach the OIDC issuer"))
        .stderr(predicate::str::contains("--thumbprint"));
    assert!(!providers().contains(&c.provider_arn()));

    associate(&sb, &c);
    assert!(providers().contains(&c.provider_arn()));
    let created = moto()
        .block_on(
            moto()
                .iam()
                .get_open_id_connect_provider()
                .open_id_connect_provider_arn(c.provider_arn())
                .send(),
        )
        .unwrap();
    assert_eq!(created.client_id_list(), ["sts.amazonaws.com"]);
    assert_eq!(created.thumbprint_list(), [THUMBPRINT]);

    let out = c
        .iam(&sb, "oidc")
        .args(["--create", "--thumbprint", THUMBPRINT, "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to change"));
    let report = json(&out);
    assert_eq!(report["outcome"], "ok");
    assert_eq!(report["steps"], json!([]));
    let mine = providers()
        .into_iter()
        .filter(|p| *p == c.provider_arn())
        .count();
    assert_eq!(mine, 1);
    c.iam(&sb, "oidc").assert().success();
}

#[test]
fn oidc_dry_run_changes_nothing() {
    let sb = Sandbox::new();
    let c = cluster("us-west-1");
    let out = c
        .iam(&sb, "oidc")
        .args([
            "--create",
            "--dry-run",
            "--thumbprint",
            THUMBPRINT,
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let report = json(&out);
    assert_eq!(report["outcome"], "would-change");
    assert_eq!(
        report["steps"][0]["call"],
        "iam:CreateOpenIDConnectProvider"
    );
    assert_eq!(report["steps"][0]["ClientIDList"][0], "sts.amazonaws.com");
    assert!(!providers().contains(&c.provider_arn()));
}

#[test]
fn alb_role_absent_then_created_then_a_second_create_is_a_no_op() {
    let sb = Sandbox::new();
    let c = cluster("us-west-2");
    let (role, policy) = (unique("AlbRole"), unique("AlbPolicy"));

    alb_role(&sb, &c, &role, &policy)
        .arg("--create")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("run `otelctl iam oidc --create`"));

    associate(&sb, &c);
    let out = alb_role(&sb, &c, &role, &policy)
        .args(["-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let fields: Vec<String> = json(&out)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["Policy", "Role", "AttachedPolicies"]);

    alb_role(&sb, &c, &role, &policy)
        .arg("--create")
        .assert()
        .success()
        .stdout(predicate::str::contains("verified"));
    let doc = role_trust(&role);
    assert_eq!(
        doc["Statement"][0]["Principal"]["Federated"],
        c.provider_arn()
    );
    let sub_key = format!("{}:sub", c.host_path);
    assert_eq!(
        doc["Statement"][0]["Condition"]["StringEquals"][sub_key],
        SA
    );

    alb_role(&sb, &c, &role, &policy)
        .arg("--create")
        .assert()
        .success()
        .stderr(predicate::str::contains("nothing to change"));
    alb_role(&sb, &c, &role, &policy).assert().success();
}

#[test]
fn wrong_sub_aud_and_federated_are_each_named() {
    let sb = Sandbox::new();
    let c = cluster("eu-west-1");
    associate(&sb, &c);
    let policy = unique("AlbPolicy");
    let (provider, hp) = (c.provider_arn(), c.host_path.as_str());
    let other = provider_arn("oidc.eks.us-east-1.amazonaws.com/id/SOMEONEELSE");
    let cases = [
        (
            statement(
                &provider,
                hp,
                "system:serviceaccount:default:aws-load-balancer-controller",
                "sts.amazonaws.com",
            ),
            format!(":sub\"]: expected {SA}, found StringEquals system:serviceaccount:default:"),
        ),
        (
            statement(&provider, hp, SA, "sts.amazonaws.com.cn"),
            ":aud\"]: expected sts.amazonaws.com, found StringEquals sts.amazonaws.com.cn"
                .to_owned(),
        ),
        (
            statement(&other, hp, SA, "sts.amazonaws.com"),
            format!("Principal.Federated: expected {provider}, found {other}"),
        ),
    ];
    for (bad, expected) in cases {
        let role = unique("BadTrust");
        seed_role(&role, &trust(vec![bad]));
        alb_role(&sb, &c, &role, &policy)
            .assert()
            .code(1)
            .stdout(predicate::str::contains(expected));
    }
}

#[test]
fn unattached_policy_and_policy_missing_actions_are_detected() {
    let sb = Sandbox::new();
    let c = cluster("eu-west-2");
    associate(&sb, &c);
    let role = unique("NoPolicy");
    let policy = unique("PartialPolicy");
    seed_role(
        &role,
        &trust(vec![statement(
            &c.provider_arn(),
            &c.host_path,
            SA,
            "sts.amazonaws.com",
        )]),
    );

    alb_role(&sb, &c, &role, &policy)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("AttachedPolicies: expected"));

    let partial = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["ec2:*", "elasticloadbalancing:*"], "Resource": "*"}
    ]});
    let created = moto()
        .block_on(
            moto()
                .iam()
                .create_policy()
                .policy_name(&policy)
                .policy_document(partial.to_string())
                .send(),
        )
        .unwrap();
    let arn = created.policy().unwrap().arn().unwrap().to_owned();
    moto()
        .block_on(
            moto()
                .iam()
                .attach_role_policy()
                .role_name(&role)
                .policy_arn(&arn)
                .send(),
        )
        .unwrap();

    let out = alb_role(&sb, &c, &role, &policy)
        .args(["-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    let missing: Vec<&str> = report["missing_actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(missing.contains(&"acm:ListCertificates"), "{missing:?}");
    assert!(missing.contains(&"iam:CreateServiceLinkedRole"));
    assert!(
        !missing.iter().any(|a| a.starts_with("ec2:")),
        "ec2:* covers them"
    );

    alb_role(&sb, &c, &role, &policy)
        .arg("--create")
        .assert()
        .success();
    alb_role(&sb, &c, &role, &policy).assert().success();
}

#[test]
fn a_role_trusted_by_two_clusters_keeps_both_statements() {
    let sb = Sandbox::new();
    let first = cluster("eu-central-1");
    let second = cluster("ap-south-1");
    assert_ne!(first.host_path, second.host_path);
    associate(&sb, &first);
    associate(&sb, &second);
    let (role, policy) = (unique("Shared"), unique("SharedPolicy"));

    alb_role(&sb, &first, &role, &policy)
        .arg("--create")
        .assert()
        .success();
    alb_role(&sb, &second, &role, &policy).assert().code(1);
    alb_role(&sb, &second, &role, &policy)
        .arg("--create")
        .assert()
        .success();

    let doc = role_trust(&role);
    let federated: Vec<&str> = doc["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["Principal"]["Federated"].as_str().unwrap())
        .collect();
    assert_eq!(federated, [first.provider_arn(), second.provider_arn()]);
    alb_role(&sb, &first, &role, &policy).assert().success();
    alb_role(&sb, &second, &role, &policy).assert().success();
}

#[test]
fn alb_role_dry_run_prints_calls_and_documents_and_changes_nothing() {
    let sb = Sandbox::new();
    let c = cluster("ap-northeast-1");
    associate(&sb, &c);
    let (role, policy) = (unique("DryRole"), unique("DryPolicy"));
    let out = alb_role(&sb, &c, &role, &policy)
        .args(["--create", "--dry-run"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for call in [
        "iam:CreatePolicy",
        "iam:CreateRole",
        "iam:AttachRolePolicy",
        "AssumeRolePolicyDocument",
        "elasticloadbalancing:CreateLoadBalancer",
    ] {
        assert!(text.contains(call), "{call} not shown:\n{text}");
    }
    let role_read = moto().block_on(moto().iam().get_role().role_name(&role).send());
    assert!(role_read.is_err(), "--dry-run created the role");
    let policy_arn = format!("arn:aws:iam::{ACCOUNT}:policy/{policy}");
    let policy_read = moto().block_on(moto().iam().get_policy().policy_arn(policy_arn).send());
    assert!(policy_read.is_err(), "--dry-run created the policy");
}

#[test]
fn access_denied_names_the_missing_action_and_exits_3() {
    let restricted = crate::harness::restricted();
    let sb = Sandbox::new();
    let as_restricted = |args: &[&str]| {
        let mut cmd = sb.otelctl();
        cmd.env("AWS_ENDPOINT_URL", &restricted.moto.endpoint)
            .env("AWS_ACCESS_KEY_ID", &restricted.access_key_id)
            .env("AWS_SECRET_ACCESS_KEY", &restricted.secret_access_key)
            .args(args);
        cmd
    };
    as_restricted(&["ecr", "ensure", "--repository", "denied"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "missing permission: ecr:DescribeRepositories",
        ));
    as_restricted(&[
        "token",
        "--cluster",
        "dev",
        "--role-arn",
        "arn:aws:iam::123456789012:role/admin",
    ])
    .assert()
    .code(3)
    .stderr(predicate::str::contains(
        "missing permission: sts:AssumeRole",
    ));
}

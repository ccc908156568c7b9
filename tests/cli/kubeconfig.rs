use std::path::Path;

use predicates::prelude::*;

use crate::harness::{Sandbox, json, moto, unique, yaml};

const FOREIGN: &str = r#"apiVersion: v1
kind: Config
preferences:
  colors: true
clusters:
- cluster:
    server: https://127.0.0.1:6443
    certificate-authority-data: S0lORA==
  name: kind-kind
- cluster:
    server: https://minikube:8443
    insecure-skip-tls-verify: true
  name: minikube
contexts:
- context:
    cluster: kind-kind
    user: kind-kind
    namespace: default
  name: kind-kind
- context:
    cluster: minikube
    user: minikube
  name: minikube
- context:
    cluster: kind-kind
    user: kind-kind
    namespace: monitoring
  name: kind-monitoring
users:
- name: kind-kind
  user:
    client-key-data: U0VDUkVUS0VZ
    client-certificate-data: Q0VSVA==
- name: minikube
  user:
    token: minikube-secret-token
current-context: minikube
extensions:
- name: team-tool
  extension:
    owner: platform
"#;

fn names(doc: &serde_yaml::Value, list: &str) -> Vec<String> {
    doc[list]
        .as_sequence()
        .unwrap_or_else(|| panic!("{list} is a list"))
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_owned())
        .collect()
}

fn update(sb: &Sandbox, cluster: &str) -> assert_cmd::Command {
    let mut cmd = sb.otelctl();
    cmd.args(["kubeconfig", "update", "--cluster", cluster]);
    cmd
}

#[test]
fn writes_cluster_user_and_context_to_home_kube_config() {
    let sb = Sandbox::new();
    let name = unique("fresh");
    let arn = moto().create_cluster(&name);
    update(&sb, &name)
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("Added context {arn}")));

    let path = sb.path(".kube/config");
    let doc = yaml(&path);
    let seeded = moto().cluster(&name);
    assert_eq!(doc["current-context"], arn.as_str());
    assert_eq!(doc["clusters"][0]["name"], arn.as_str());
    assert_eq!(
        doc["clusters"][0]["cluster"]["server"],
        seeded.endpoint.unwrap().as_str()
    );
    assert_eq!(
        doc["clusters"][0]["cluster"]["certificate-authority-data"],
        seeded.certificate_authority.unwrap().data.unwrap().as_str()
    );
    let exec = &doc["users"][0]["user"]["exec"];
    assert_eq!(exec["apiVersion"], "client.authentication.k8s.io/v1beta1");
    let args: Vec<_> = exec["args"].as_sequence().unwrap().iter().collect();
    assert_eq!(
        args,
        ["token", "--cluster", name.as_str(), "--region", "us-east-1"]
    );
    assert_eq!(doc["contexts"][0]["context"]["user"], arn.as_str());

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "kubeconfig mode {mode:o}");
    }
}

#[test]
fn foreign_contexts_users_and_fields_survive() {
    let sb = Sandbox::new();
    let name = unique("merge");
    let arn = moto().create_cluster(&name);
    let path = sb.write(".kube/config", FOREIGN);
    update(&sb, &name)
        .args(["--alias", "eks-dev"])
        .assert()
        .success();

    let doc = yaml(&path);
    assert_eq!(
        names(&doc, "clusters"),
        ["kind-kind", "minikube", arn.as_str()]
    );
    assert_eq!(
        names(&doc, "contexts"),
        ["kind-kind", "minikube", "kind-monitoring", "eks-dev"]
    );
    assert_eq!(
        names(&doc, "users"),
        ["kind-kind", "minikube", arn.as_str()]
    );
    assert_eq!(doc["users"][0]["user"]["client-key-data"], "U0VDUkVUS0VZ");
    assert_eq!(doc["users"][1]["user"]["token"], "minikube-secret-token");
    assert_eq!(doc["contexts"][2]["context"]["namespace"], "monitoring");
    assert_eq!(
        doc["clusters"][1]["cluster"]["insecure-skip-tls-verify"],
        true
    );
    assert_eq!(doc["preferences"]["colors"], true);
    assert_eq!(doc["extensions"][0]["extension"]["owner"], "platform");
    assert_eq!(doc["current-context"], "eks-dev");
}

#[test]
fn kubectl_reads_the_result() {
    let sb = Sandbox::new();
    let name = unique("kubectl");
    let arn = moto().create_cluster(&name);
    let path = sb.write(".kube/config", FOREIGN);
    update(&sb, &name)
        .args(["--alias", "dev"])
        .assert()
        .success();

    let out = std::process::Command::new("kubectl")
        .args(["config", "view", "-o", "json", "--kubeconfig"])
        .arg(&path)
        .output()
        .expect("kubectl is installed (the README's test command installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let view = json(&out);
    assert_eq!(view["current-context"], "dev");
    let mut contexts: Vec<_> = view["contexts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    contexts.sort_unstable();
    assert_eq!(
        contexts,
        ["dev", "kind-kind", "kind-monitoring", "minikube"]
    );
    let user = view["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == arn.as_str())
        .expect("our user");
    assert_eq!(user["user"]["exec"]["args"][0], "token");

    let out = std::process::Command::new("kubectl")
        .args(["config", "get-contexts", "-o", "name", "--kubeconfig"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .any(|l| l == "dev")
    );
}

#[test]
fn eight_concurrent_updates_of_eight_clusters_all_land() {
    let sb = Sandbox::new();
    let path = sb.write(".kube/config", FOREIGN);
    let clusters: Vec<(String, String)> = (0..8)
        .map(|i| {
            let name = unique(&format!("concurrent{i}"));
            let arn = moto().create_cluster(&name);
            (name, arn)
        })
        .collect();
    let children: Vec<_> = clusters
        .iter()
        .map(|(name, _)| {
            let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("otelctl"));
            cmd.args([
                "kubeconfig",
                "update",
                "-q",
                "--cluster",
                name,
                "--alias",
                name,
            ])
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", sb.home.path())
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_REGION", "us-east-1")
            .env("AWS_ENDPOINT_URL", &moto().endpoint)
            .current_dir(sb.home.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let doc = yaml(&path);
    let contexts = names(&doc, "contexts");
    let cluster_names = names(&doc, "clusters");
    for (name, arn) in &clusters {
        assert!(contexts.contains(name), "context {name} lost: {contexts:?}");
        assert!(cluster_names.contains(arn), "cluster {arn} lost");
    }
    assert_eq!(contexts.len(), 3 + 8);
    assert_eq!(cluster_names.len(), 2 + 8);
    assert_eq!(names(&doc, "users").len(), 2 + 8);
}

#[test]
fn malformed_file_is_left_byte_for_byte_untouched() {
    let sb = Sandbox::new();
    let name = unique("malformed");
    moto().create_cluster(&name);
    let broken = "apiVersion: v1\nclusters:\n- name: a\n  cluster: {server: [unclosed\n";
    let path = sb.write(".kube/config", broken);
    update(&sb, &name)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(path.display().to_string()))
        .stderr(predicate::str::contains("malformed"));
    assert_eq!(std::fs::read(&path).unwrap(), broken.as_bytes());

    let wrong_shape = "clusters:\n  kind-kind: {}\n";
    std::fs::write(&path, wrong_shape).unwrap();
    update(&sb, &name)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "`clusters` is a mapping, not a list",
        ));
    assert_eq!(std::fs::read(&path).unwrap(), wrong_shape.as_bytes());
}

#[test]
fn missing_cluster_exits_4_and_writes_nothing() {
    let sb = Sandbox::new();
    update(&sb, "no-such-cluster")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("no-such-cluster"));
    assert!(!sb.path(".kube/config").exists());
}

#[test]
fn dry_run_prints_merged_yaml_redacted_and_writes_nothing() {
    let sb = Sandbox::new();
    let name = unique("dry");
    let arn = moto().create_cluster(&name);
    let path = sb.write(".kube/config", FOREIGN);
    let out = update(&sb, &name).arg("--dry-run").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: serde_yaml::Value = serde_yaml::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["current-context"], arn.as_str());
    assert_eq!(names(&printed, "contexts").len(), 4);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains("minikube-secret-token"),
        "a token was printed"
    );
    assert!(!text.contains("U0VDUkVUS0VZ"), "a client key was printed");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FOREIGN);
}

#[test]
fn kubeconfig_env_picks_the_file_that_holds_the_cluster() {
    let sb = Sandbox::new();
    let name = unique("envlist");
    let arn = moto().create_cluster(&name);
    let first = sb.write("a/config", FOREIGN);
    let holding = format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: {arn}\n  cluster:\n    server: https://stale\n"
    );
    let second = sb.write("b/config", &holding);
    let list = std::env::join_paths([&first, &second]).unwrap();
    update(&sb, &name)
        .env("KUBECONFIG", &list)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&first).unwrap(), FOREIGN);
    let doc = yaml(&second);
    assert_ne!(doc["clusters"][0]["cluster"]["server"], "https://stale");
    assert_eq!(doc["current-context"], arn.as_str());

    // A cluster no file holds goes to the first file of the list.
    let other = unique("envlist-new");
    let other_arn = moto().create_cluster(&other);
    update(&sb, &other)
        .env("KUBECONFIG", &list)
        .assert()
        .success();
    assert!(names(&yaml(&first), "clusters").contains(&other_arn));
}

#[test]
fn aliases_role_and_profile_reach_the_exec_stanza() {
    let sb = Sandbox::new();
    let name = unique("alias");
    let arn = moto().create_cluster(&name);
    sb.write(
        ".aws/credentials",
        "[ops]\naws_access_key_id = AKIAOPS\naws_secret_access_key = secret\n",
    );
    let role = "arn:aws:iam::123456789012:role/eks-admin";
    let out = update(&sb, &name)
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .args([
            "--alias",
            "ops-dev",
            "--user-alias",
            "ops-user",
            "--role-arn",
            role,
        ])
        .args(["--profile", "ops", "-o", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    assert_eq!(report["context"], "ops-dev");
    assert_eq!(report["user"], "ops-user");
    assert_eq!(report["cluster_arn"], arn.as_str());
    assert_eq!(report["change"], "created");

    let doc = yaml(&sb.path(".kube/config"));
    assert_eq!(doc["contexts"][0]["context"]["user"], "ops-user");
    assert_eq!(doc["users"][0]["name"], "ops-user");
    let exec = &doc["users"][0]["user"]["exec"];
    let args: Vec<_> = exec["args"].as_sequence().unwrap().iter().collect();
    assert_eq!(&args[5..], ["--role-arn", role]);
    assert_eq!(exec["env"][0]["name"], "AWS_PROFILE");
    assert_eq!(exec["env"][0]["value"], "ops");
}

#[test]
fn second_update_reports_updated_and_changes_nothing() {
    let sb = Sandbox::new();
    let name = unique("again");
    moto().create_cluster(&name);
    update(&sb, &name).assert().success();
    let before = std::fs::read(sb.path(".kube/config")).unwrap();
    let out = update(&sb, &name).args(["-o", "json"]).output().unwrap();
    assert_eq!(json(&out)["change"], "updated");
    assert_eq!(std::fs::read(sb.path(".kube/config")).unwrap(), before);
}

#[test]
fn without_a_cluster_it_is_a_usage_error() {
    let sb = Sandbox::new();
    sb.otelctl()
        .args(["kubeconfig", "update"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("OTELCTL_CLUSTER"));
}

#[cfg(unix)]
#[test]
fn a_symlinked_kubeconfig_stays_a_symlink() {
    let sb = Sandbox::new();
    let name = unique("symlink");
    let arn = moto().create_cluster(&name);
    let target = sb.write("dotfiles/kubeconfig", FOREIGN);
    std::fs::create_dir_all(sb.path(".kube")).unwrap();
    let link = sb.path(".kube/config");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    update(&sb, &name).assert().success();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(names(&yaml(Path::new(&target)), "clusters").contains(&arn));
}

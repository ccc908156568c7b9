//! otelctl.toml and precedence, seen from the outside.

use predicates::prelude::*;

use crate::harness::{Sandbox, json};

fn region_of(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.args(["whoami", "-o", "json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)["region"].as_str().unwrap().to_owned()
}

#[test]
fn flag_beats_env_beats_file() {
    let sb = Sandbox::new();
    sb.write("otelctl.toml", "region = \"eu-central-1\"\n");
    assert_eq!(
        region_of(sb.otelctl().env_remove("AWS_REGION")),
        "eu-central-1"
    );
    assert_eq!(region_of(&mut sb.otelctl()), "us-east-1");
    assert_eq!(
        region_of(sb.otelctl().args(["--region", "ap-south-1"])),
        "ap-south-1"
    );
}

#[test]
fn user_config_dir_file_is_used_when_cwd_has_none() {
    let sb = Sandbox::new();
    sb.write(".config/otelctl/otelctl.toml", "region = \"sa-east-1\"\n");
    assert_eq!(
        region_of(sb.otelctl().env_remove("AWS_REGION")),
        "sa-east-1"
    );
}

#[test]
fn config_flag_names_a_file() {
    let sb = Sandbox::new();
    let path = sb.write("team/shared.toml", "region = \"ca-central-1\"\n");
    let mut cmd = sb.otelctl();
    cmd.env_remove("AWS_REGION").arg("--config").arg(&path);
    assert_eq!(region_of(&mut cmd), "ca-central-1");
}

#[test]
fn missing_named_config_is_a_usage_error() {
    let sb = Sandbox::new();
    sb.otelctl()
        .args(["--config", "nope.toml", "whoami"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.toml"));
}

#[test]
fn unknown_key_names_file_key_and_line_and_exits_2() {
    let sb = Sandbox::new();
    sb.write(
        "otelctl.toml",
        "cluster = \"dev\"\nregoin = \"us-east-1\"\n",
    );
    sb.otelctl()
        .arg("whoami")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("otelctl.toml:2:1:"))
        .stderr(predicate::str::contains("unknown key `regoin`"));
}

#[test]
fn bad_value_names_the_key_and_exits_2() {
    let sb = Sandbox::new();
    sb.write("otelctl.toml", "[namespaces]\napp = \"Shop_App\"\n");
    sb.otelctl()
        .arg("whoami")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("otelctl.toml:2:"))
        .stderr(predicate::str::contains("namespaces.app"));
}

#[test]
fn cluster_comes_from_flag_then_env_then_file() {
    let sb = Sandbox::new();
    sb.write("otelctl.toml", "cluster = \"from-file\"\n");
    // None of these clusters exist, so the error names the one that was resolved.
    let resolved = |cmd: &mut assert_cmd::Command, expected: &str| {
        cmd.args(["kubeconfig", "update", "--dry-run"])
            .assert()
            .code(4)
            .stderr(predicate::str::contains(format!(
                "cluster `{expected}` does not exist"
            )));
    };
    resolved(&mut sb.otelctl(), "from-file");
    resolved(sb.otelctl().env("OTELCTL_CLUSTER", "from-env"), "from-env");
    resolved(
        sb.otelctl()
            .env("OTELCTL_CLUSTER", "from-env")
            .args(["--cluster", "from-flag"]),
        "from-flag",
    );
}

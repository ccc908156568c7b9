//! The command line itself: help, version, usage errors.

use predicates::prelude::*;

use crate::harness::Sandbox;

#[test]
fn every_command_has_help_with_examples() {
    let sb = Sandbox::new();
    for cmd in [
        vec!["whoami"],
        vec!["kubeconfig", "update"],
        vec!["token"],
        vec!["completions"],
    ] {
        sb.otelctl()
            .args(&cmd)
            .arg("--help")
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:"))
            .stdout(predicate::str::contains("Global options"));
    }
}

#[test]
fn version_is_printed() {
    Sandbox::new()
        .otelctl()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!(
            "otelctl {}",
            env!("CARGO_PKG_VERSION")
        )));
}

#[test]
fn unknown_flags_and_bad_values_exit_2() {
    let sb = Sandbox::new();
    sb.otelctl().args(["whoami", "--bogus"]).assert().code(2);
    sb.otelctl()
        .args(["whoami", "-o", "yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("human"));
    sb.otelctl()
        .args(["token", "--cluster", "bad name!"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a valid EKS cluster name"));
    sb.otelctl()
        .args(["token", "--cluster", "dev", "--role-arn", "admin"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an IAM role ARN"));
}

#[test]
fn no_command_prints_help_and_exits_2() {
    Sandbox::new()
        .otelctl()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Usage:"));
}

#[test]
fn json_output_stays_clean_when_verbose() {
    let sb = Sandbox::new();
    let out = sb
        .otelctl()
        .args(["whoami", "-o", "json", "-vv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    crate::harness::json(&out);
    assert!(!out.stderr.is_empty(), "-vv logs to stderr");
}

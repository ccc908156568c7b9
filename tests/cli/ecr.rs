use base64::Engine as _;
use predicates::prelude::*;

use crate::harness::{Sandbox, json, moto, unique};

fn repository_exists(name: &str) -> bool {
    moto()
        .block_on(
            moto()
                .ecr()
                .describe_repositories()
                .repository_names(name)
                .send(),
        )
        .is_ok()
}

#[test]
fn ensure_creates_once_then_reports_existing() {
    let sb = Sandbox::new();
    let name = format!("team/{}", unique("app"));
    let out = sb
        .otelctl()
        .args([
            "ecr",
            "ensure",
            "--repository",
            &name,
            "--scan-on-push",
            "--immutable-tags",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = json(&out);
    assert_eq!(first["created"], true);
    assert_eq!(
        first["uri"],
        format!("123456789012.dkr.ecr.us-east-1.amazonaws.com/{name}")
    );
    let seen = moto()
        .block_on(
            moto()
                .ecr()
                .describe_repositories()
                .repository_names(&name)
                .send(),
        )
        .unwrap();
    let repo = &seen.repositories()[0];
    assert!(repo.image_scanning_configuration().unwrap().scan_on_push());
    assert_eq!(repo.image_tag_mutability().unwrap().as_str(), "IMMUTABLE");

    sb.otelctl()
        .args(["ecr", "ensure", "--repository", &name])
        .assert()
        .success()
        .stdout(predicate::str::contains("already exists"));
}

#[test]
fn ensure_uses_the_repository_from_otelctl_toml() {
    let sb = Sandbox::new();
    let name = unique("fromfile");
    sb.write("otelctl.toml", &format!("repository = \"{name}\"\n"));
    sb.otelctl().args(["ecr", "ensure"]).assert().success();
    assert!(repository_exists(&name));
}

#[test]
fn dry_run_creates_nothing() {
    let sb = Sandbox::new();
    let name = unique("dry");
    sb.otelctl()
        .args(["ecr", "ensure", "--repository", &name, "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ecr:CreateRepository"))
        .stdout(predicate::str::contains(name.as_str()));
    assert!(
        !repository_exists(&name),
        "--dry-run created the repository"
    );
}

#[test]
fn bad_repository_name_is_a_usage_error() {
    Sandbox::new()
        .otelctl()
        .args(["ecr", "ensure", "--repository", "Bad_Name"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a valid ECR repository name"));
}

/// The password and the token that carries it, as the registry would see them.
fn password_and_token() -> (String, String) {
    let out = moto()
        .block_on(moto().ecr().get_authorization_token().send())
        .unwrap();
    let token = out.authorization_data()[0]
        .authorization_token()
        .unwrap()
        .to_owned();
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(&token)
        .unwrap();
    let password = String::from_utf8(decoded)
        .unwrap()
        .split_once(':')
        .unwrap()
        .1
        .to_owned();
    (password, token)
}

#[test]
fn login_prints_the_password_to_stdout_and_nowhere_else() {
    let (password, token) = password_and_token();
    let sb = Sandbox::new();
    for (flag, rust_log) in [("-vvv", None), ("-v", Some("trace"))] {
        let mut cmd = sb.otelctl();
        if let Some(level) = rust_log {
            cmd.env("RUST_LOG", level);
        }
        let out = cmd.args(["ecr", "login", flag]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!("{password}\n")
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.lines().count() > 10,
            "{flag} should log a lot:\n{stderr}"
        );
        assert!(
            !stderr.contains(&password),
            "password leaked to stderr with {flag}"
        );
        assert!(
            !stderr.contains(&token),
            "token leaked to stderr with {flag}"
        );
    }
}

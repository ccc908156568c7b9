//! Faults and bad input: nothing is pushed from a bad layout, a failing registry is retried
//! and then reported, an expired token is renewed once, plain HTTP stays on loopback.

use predicates::prelude::*;

use super::{AMD64, build, push, stderr, write_binary};
use crate::harness::registry::registry;
use crate::harness::{Sandbox, unique};

#[test]
fn a_digest_mismatch_is_refused_and_nothing_is_pushed() {
    let sb = Sandbox::new();
    let repo = unique("mismatch");
    let bin = write_binary(&sb, "otelctl", AMD64, b"will be tampered with");
    let built = build(&sb, &bin, "img", &[]);
    let layer = built["images"][0]["layer"]
        .as_str()
        .unwrap()
        .trim_start_matches("sha256:");
    let path = sb.path(&format!("img/blobs/sha256/{layer}"));
    let mut bytes = std::fs::read(&path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&path, bytes).unwrap();
    let out = push(&sb, "img", &repo, "v1", &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("digest mismatch"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nothing was pushed"),
        "{}",
        stderr(&out)
    );
    assert!(
        registry().requests(&repo).is_empty(),
        "the registry was contacted"
    );
}

#[test]
fn an_unknown_or_corrupt_layout_is_refused() {
    let sb = Sandbox::new();
    let repo = unique("corrupt");
    std::fs::create_dir_all(sb.path("empty")).unwrap();
    let out = push(&sb, "empty", &repo, "v1", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not an OCI image layout"),
        "{}",
        stderr(&out)
    );
    let bin = write_binary(&sb, "otelctl", AMD64, b"x");
    build(&sb, &bin, "img", &[]);
    std::fs::write(sb.path("img/index.json"), "{\"manifests\": 7}").unwrap();
    let out = push(&sb, "img", &repo, "v1", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not valid JSON for an OCI index"),
        "{}",
        stderr(&out)
    );
    assert!(registry().requests(&repo).is_empty());
}

#[test]
fn server_errors_mid_upload_are_retried_then_reported() {
    let sb = Sandbox::new();
    let bin = write_binary(&sb, "otelctl", AMD64, &vec![1u8; 100_000]);
    build(&sb, &bin, "img", &[]);

    let repo = unique("flaky");
    registry().fail_uploads(&repo, 2);
    let out = push(&sb, "img", &repo, "v1", &["-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let failed = registry()
        .requests(&repo)
        .iter()
        .filter(|s| s.status == 503)
        .count();
    assert_eq!(failed, 2);
    assert_eq!(registry().uploads(&repo), 4, "2 blobs + 2 retried uploads");
    assert!(
        registry()
            .skopeo(&["inspect"], &format!("{repo}:v1"))
            .status
            .success()
    );

    let repo = unique("down");
    registry().fail_uploads(&repo, 1000);
    let out = push(&sb, "img", &repo, "v1", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("503"), "{}", stderr(&out));
    assert!(
        registry()
            .requests(&repo)
            .iter()
            .all(|s| !(s.method == "PUT" && s.path.contains("/manifests/"))),
        "a manifest was pushed after failed blobs"
    );
}

#[test]
fn an_expired_token_is_renewed_once() {
    let sb = Sandbox::new();
    let bin = write_binary(&sb, "otelctl", AMD64, b"renew");
    build(&sb, &bin, "img", &[]);

    let repo = unique("expired");
    registry().refuse_credentials(&repo, 1);
    let out = push(&sb, "img", &repo, "v1", &["-v"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("authenticating again"),
        "{}",
        stderr(&out)
    );

    let repo = unique("refused");
    registry().refuse_credentials(&repo, 1000);
    let out = push(&sb, "img", &repo, "v1", &[]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("refused the credentials"),
        "{}",
        stderr(&out)
    );
    let refused = registry().requests(&repo).len();
    assert!(
        refused <= 6,
        "{refused} requests: re-authentication must not loop"
    );
}

#[test]
fn plain_http_to_a_remote_registry_is_a_usage_error() {
    let sb = Sandbox::new();
    sb.otelctl()
        .args(["image", "push", "--from", "img", "--tag", "v1"])
        .args(["--registry", "registry.example.com:5000", "--plain-http"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("loopback"));
    sb.otelctl()
        .args([
            "image",
            "push",
            "--from",
            "img",
            "--tag",
            "v1",
            "--plain-http",
        ])
        .assert()
        .code(2);
}

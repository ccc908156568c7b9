//! `otelctl image build` and `image push`, against a real registry (see
//! `harness::registry`) with moto as ECR.

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::harness::registry::registry;
use crate::harness::{Sandbox, json, moto, unique};

mod docker;
mod faults;

/// A "static Linux binary": a 64-bit ELF header with one PT_LOAD and no PT_INTERP, then
/// `payload`. Enough for otelctl's checks; never executed.
fn elf(machine: u16, payload: &[u8]) -> Vec<u8> {
    let mut b = vec![0u8; 64];
    b[..4].copy_from_slice(b"\x7fELF");
    b[4] = 2;
    b[5] = 1;
    b[6] = 1;
    b[16..18].copy_from_slice(&2u16.to_le_bytes());
    b[18..20].copy_from_slice(&machine.to_le_bytes());
    b[32..40].copy_from_slice(&64u64.to_le_bytes());
    b[54..56].copy_from_slice(&56u16.to_le_bytes());
    b[56..58].copy_from_slice(&1u16.to_le_bytes());
    let mut ph = [0u8; 56];
    ph[..4].copy_from_slice(&1u32.to_le_bytes());
    b.extend_from_slice(&ph);
    b.extend_from_slice(payload);
    b
}

pub(super) const AMD64: u16 = 62;
const ARM64: u16 = 183;

pub(super) fn write_binary(sb: &Sandbox, name: &str, machine: u16, payload: &[u8]) -> PathBuf {
    let path = sb.path(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, elf(machine, payload)).unwrap();
    path
}

/// `image build --binary BIN --layout DIR -o json`, which must succeed.
pub(super) fn build(
    sb: &Sandbox,
    binary: &Path,
    layout: &str,
    extra: &[&str],
) -> serde_json::Value {
    let out = sb
        .otelctl()
        .args(["image", "build", "--binary"])
        .arg(binary)
        .args(["--layout", layout, "-o", "json"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)
}

/// `image push --from DIR` to the test registry through the ECR auth path.
pub(super) fn push(
    sb: &Sandbox,
    layout: &str,
    repo: &str,
    tag: &str,
    extra: &[&str],
) -> std::process::Output {
    sb.otelctl()
        .args([
            "image",
            "push",
            "--from",
            layout,
            "--repository",
            repo,
            "--tag",
            tag,
        ])
        .args(["--registry", &registry().host, "--plain-http"])
        .args(extra)
        .output()
        .unwrap()
}

pub(super) fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn same_input_same_digest_changed_input_other_digest() {
    let sb = Sandbox::new();
    let bin = write_binary(&sb, "bin/otelctl", AMD64, b"the same program");
    let a = build(&sb, &bin, "a", &[]);
    let b = build(&sb, &bin, "b", &[]);
    assert_eq!(a["digest"], b["digest"]);
    assert_eq!(
        std::fs::read(sb.path("a/index.json")).unwrap(),
        std::fs::read(sb.path("b/index.json")).unwrap()
    );
    let other = write_binary(&sb, "bin/other", AMD64, b"another program");
    assert_ne!(build(&sb, &other, "c", &[])["digest"], a["digest"]);
    let args = build(
        &sb,
        &bin,
        "d",
        &["--entrypoint-args", "loadgen -z 10s http://x/"],
    );
    assert_ne!(args["digest"], a["digest"]);
    assert_eq!(
        args["cmd"],
        serde_json::json!(["loadgen", "-z", "10s", "http://x/"])
    );
    assert!(sb.path("a/oci-layout").is_file());
}

#[test]
fn two_platforms_make_an_index() {
    let sb = Sandbox::new();
    let amd = write_binary(&sb, "amd64/otelctl", AMD64, b"x86");
    let arm = write_binary(&sb, "arm64/otelctl", ARM64, b"arm");
    let out = sb
        .otelctl()
        .args([
            "image",
            "build",
            "--platform",
            "linux/amd64,linux/arm64",
            "--binary",
        ])
        .arg(&amd)
        .arg("--binary")
        .arg(&arm)
        .args(["--layout", "multi", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let built = json(&out);
    assert_eq!(
        built["media_type"],
        "application/vnd.oci.image.index.v1+json"
    );
    let platforms: Vec<&str> = built["images"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["platform"].as_str().unwrap())
        .collect();
    assert_eq!(platforms, ["linux/amd64", "linux/arm64/v8"]);

    // The index goes up after both manifests, and reads back byte for byte.
    let repo = unique("multi");
    let out = push(&sb, "multi", &repo, "v1", &["-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pushed = json(&out);
    assert_eq!(pushed["digest"], built["digest"]);
    assert_eq!(pushed["upload"]["blobs_uploaded"], 4);
    assert_eq!(pushed["upload"]["manifests"], 3);
    let manifest_puts: Vec<String> = registry()
        .requests(&repo)
        .into_iter()
        .filter(|s| s.method == "PUT" && s.path.contains("/manifests/"))
        .map(|s| s.path)
        .collect();
    assert_eq!(manifest_puts.len(), 3);
    assert!(
        manifest_puts[2].ends_with("/manifests/v1"),
        "{manifest_puts:?}"
    );
    let raw = registry().skopeo(&["inspect", "--raw"], &format!("{repo}:v1"));
    let digest = built["digest"]
        .as_str()
        .unwrap()
        .trim_start_matches("sha256:");
    assert_eq!(
        raw.stdout,
        std::fs::read(sb.path(&format!("multi/blobs/sha256/{digest}"))).unwrap()
    );

    // A platform without a binary for it is a usage error.
    sb.otelctl()
        .args(["image", "build", "--platform", "linux/arm64", "--binary"])
        .arg(&amd)
        .args(["--layout", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("linux/arm64"));
}

#[test]
fn a_local_oci_base_goes_under_the_binary_layer() {
    let sb = Sandbox::new();
    let base_bin = write_binary(&sb, "base/otelctl", AMD64, b"stands in for distroless");
    let base = build(&sb, &base_bin, "base", &[]);
    let bin = write_binary(&sb, "otelctl", AMD64, b"the app");
    let built = build(&sb, &bin, "img", &["--base", "oci:base"]);
    let repo = unique("based");
    let out = push(&sb, "img", &repo, "v1", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let inspect = registry().skopeo(&["inspect"], &format!("{repo}:v1"));
    let inspected: serde_json::Value = serde_json::from_slice(&inspect.stdout).unwrap();
    assert_eq!(
        inspected["Layers"],
        serde_json::json!([base["images"][0]["layer"], built["images"][0]["layer"]])
    );
    sb.otelctl()
        .args([
            "image",
            "build",
            "--layout",
            "x",
            "--base",
            "gcr.io/distroless/static",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("oci:DIR"));
    sb.otelctl()
        .args([
            "image",
            "build",
            "--layout",
            "x",
            "--base",
            "oci:nowhere",
            "--binary",
        ])
        .arg(&bin)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not an OCI image layout"));
}

#[test]
fn a_dynamic_or_foreign_binary_is_refused_with_the_musl_recipe() {
    let sb = Sandbox::new();
    // The test build of otelctl is linked against glibc: not for a scratch image.
    sb.otelctl()
        .args(["image", "build", "--layout", "img"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("dynamically linked"))
        .stderr(predicate::str::contains("x86_64-unknown-linux-musl"));
    let script = sb.write("script.sh", "#!/bin/sh\necho hi\n");
    sb.otelctl()
        .args(["image", "build", "--layout", "img", "--binary"])
        .arg(&script)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a Linux executable"));
    assert!(!sb.path("img").exists());
}

#[test]
fn push_is_readable_by_skopeo_and_a_second_push_uploads_nothing() {
    let sb = Sandbox::new();
    let repo = format!("team/{}", unique("push"));
    let bin = write_binary(&sb, "otelctl", AMD64, &vec![7u8; 300_000]);
    let built = build(&sb, &bin, "img", &[]);
    let out = push(&sb, "img", &repo, "v1", &["-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pushed = json(&out);
    let reference = format!("{}/{repo}:v1", registry().host);
    assert_eq!(pushed["digest"], built["digest"]);
    assert_eq!(pushed["reference"], reference);
    assert_eq!(pushed["repository_created"], true);
    assert_eq!(pushed["upload"]["blobs_uploaded"], 2);
    assert_eq!(registry().uploads(&repo), 2);
    // The repository now exists in ECR (moto).
    moto()
        .block_on(
            moto()
                .ecr()
                .describe_repositories()
                .repository_names(&repo)
                .send(),
        )
        .expect("push created the ECR repository");

    let inspect = registry().skopeo(&["inspect"], &format!("{repo}:v1"));
    assert!(inspect.status.success(), "{}", stderr(&inspect));
    let inspected: serde_json::Value = serde_json::from_slice(&inspect.stdout).unwrap();
    assert_eq!(inspected["Digest"], built["digest"]);
    assert_eq!(inspected["Architecture"], "amd64");
    assert_eq!(
        inspected["Labels"]["org.opencontainers.image.version"],
        env!("CARGO_PKG_VERSION")
    );
    let config = registry().skopeo(&["inspect", "--config"], &format!("{repo}:v1"));
    let config: serde_json::Value = serde_json::from_slice(&config.stdout).unwrap();
    assert_eq!(
        config["config"]["Entrypoint"],
        serde_json::json!(["/usr/local/bin/otelctl"])
    );
    assert_eq!(config["config"]["Cmd"], serde_json::json!(["serve"]));
    assert_eq!(config["config"]["User"], "65532:65532");
    assert_eq!(
        config["rootfs"]["diff_ids"][0],
        built["images"][0]["diff_id"]
    );
    // The manifest reads back byte for byte.
    let raw = registry().skopeo(&["inspect", "--raw"], &format!("{repo}:v1"));
    let digest = built["digest"]
        .as_str()
        .unwrap()
        .trim_start_matches("sha256:");
    assert_eq!(
        raw.stdout,
        std::fs::read(sb.path(&format!("img/blobs/sha256/{digest}"))).unwrap()
    );

    // Warm: every blob is there, so none is uploaded, and the tag still moves.
    let again = push(&sb, "img", &repo, "v2", &["-o", "json"]);
    assert!(again.status.success(), "{}", stderr(&again));
    let again = json(&again);
    assert_eq!(again["upload"]["blobs_uploaded"], 0);
    assert_eq!(again["upload"]["blobs_skipped"], 2);
    assert_eq!(again["repository_created"], false);
    assert_eq!(
        registry().uploads(&repo),
        2,
        "the second push uploaded a blob"
    );
    let v2 = registry().skopeo(&["inspect"], &format!("{repo}:v2"));
    assert!(v2.status.success(), "{}", stderr(&v2));

    // The same tag again: one HEAD of the tag's manifest is the whole push.
    let before = registry().requests(&repo).len();
    let same = push(&sb, "img", &repo, "v1", &["-o", "json"]);
    assert!(same.status.success(), "{}", stderr(&same));
    assert_eq!(json(&same)["upload"]["manifests"], 0);
    let after = registry().requests(&repo);
    assert_eq!(after.len(), before + 1, "{:?}", &after[before..]);
    assert_eq!(after[before].method, "HEAD");
}

#[test]
fn human_output_names_the_digest_and_reference() {
    let sb = Sandbox::new();
    let repo = unique("human");
    let bin = write_binary(&sb, "otelctl", AMD64, b"human");
    let built = build(&sb, &bin, "img", &[]);
    let out = push(&sb, "img", &repo, "latest", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("pushed {}/{repo}:latest", registry().host)),
        "{text}"
    );
    assert!(text.contains(built["digest"].as_str().unwrap()), "{text}");
}

#[test]
fn the_password_is_never_printed_or_logged() {
    let password = registry().password.clone();
    use base64::Engine as _;
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("AWS:{password}"));
    let sb = Sandbox::new();
    let bin = write_binary(&sb, "otelctl", AMD64, b"secret-free");
    build(&sb, &bin, "img", &[]);
    for (flag, rust_log) in [("-vvv", None), ("-v", Some("trace"))] {
        let repo = unique("secret");
        let mut cmd = sb.otelctl();
        if let Some(level) = rust_log {
            cmd.env("RUST_LOG", level);
        }
        let out = cmd
            .args([
                "image",
                "push",
                "--from",
                "img",
                "--repository",
                &repo,
                "--tag",
                "v1",
            ])
            .args(["--registry", &registry().host, "--plain-http", flag])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
        assert!(all.lines().count() > 10, "{flag} should log a lot:\n{all}");
        assert!(all.contains("registry request"), "{flag} logs the requests");
        assert!(!all.contains(&password), "password leaked with {flag}");
        assert!(
            !all.contains(&basic),
            "basic credentials leaked with {flag}"
        );
    }
}

#[test]
fn dry_run_verifies_and_contacts_nothing() {
    let sb = Sandbox::new();
    let repo = unique("dry");
    let bin = write_binary(&sb, "otelctl", AMD64, b"dry");
    let built = build(&sb, &bin, "img", &[]);
    let out = push(&sb, "img", &repo, "v1", &["--dry-run", "-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["dry_run"], true);
    assert_eq!(report["digest"], built["digest"]);
    assert!(report.get("upload").is_none());
    assert!(registry().requests(&repo).is_empty());
    assert!(
        moto()
            .block_on(
                moto()
                    .ecr()
                    .describe_repositories()
                    .repository_names(&repo)
                    .send()
            )
            .is_err(),
        "--dry-run created the ECR repository"
    );
}

#[test]
fn help_shows_examples() {
    for sub in ["build", "push"] {
        Sandbox::new()
            .otelctl()
            .args(["image", sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:"))
            .stdout(predicate::str::contains(format!("otelctl image {sub}")));
    }
}

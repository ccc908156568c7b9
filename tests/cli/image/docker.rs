//! `image push --docker-image` and `image build --dockerfile`, with a fake `docker` on PATH
//! that records its arguments (no Docker engine can run here).

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use super::stderr;
use crate::harness::registry::registry;
use crate::harness::{Sandbox, json, unique};

/// A fake `docker` on PATH that records its arguments, knows buildx when `buildx` is true,
/// and answers `save --output FILE` with `tarball`.
fn fake_docker(sb: &Sandbox, buildx: bool, tarball: Option<&Path>) -> PathBuf {
    let dir = sb.path("fakebin");
    std::fs::create_dir_all(&dir).unwrap();
    let log = sb.path("docker.argv");
    let save = tarball
        .map(|t| format!("  cp '{}' \"$3\"\n", t.display()))
        .unwrap_or_default();
    let script = format!(
        "#!/bin/sh\necho \"$*\" >> '{log}'\n\
         if [ \"$1\" = buildx ] && [ \"$2\" = version ]; then {buildx}; fi\n\
         if [ \"$1\" = save ]; then\n{save}  exit 0\nfi\nexit 0\n",
        log = log.display(),
        buildx = if buildx { "exit 0" } else { "exit 1" },
    );
    let path = dir.join("docker");
    std::fs::write(&path, script).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

fn docker_argv(sb: &Sandbox) -> Vec<String> {
    std::fs::read_to_string(sb.path("docker.argv"))
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn path_with(dir: &Path) -> String {
    format!("{}:/usr/bin:/bin", dir.display())
}

/// A classic `docker save` archive: manifest.json, the config, one uncompressed layer.
fn docker_save_tarball(sb: &Sandbox) -> (PathBuf, String) {
    let mut layer = tar::Builder::new(Vec::new());
    let mut header = tar::Header::new_ustar();
    header.set_size(5);
    header.set_mode(0o644);
    layer
        .append_data(&mut header, "app/hello.txt", &b"hello"[..])
        .unwrap();
    let layer = layer.into_inner().unwrap();
    let diff_id = format!("sha256:{}", sha256_hex(&layer));
    let config = serde_json::json!({
        "architecture": "amd64", "os": "linux",
        "config": {"Cmd": ["python", "app.py"], "User": "1000"},
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
    })
    .to_string();
    let config_name = format!("{}.json", sha256_hex(config.as_bytes()));
    let manifest = serde_json::json!([{
        "Config": config_name, "RepoTags": ["flask-hello:dev"], "Layers": ["abc/layer.tar"]
    }])
    .to_string();
    let mut archive = tar::Builder::new(Vec::new());
    for (name, bytes) in [
        ("manifest.json", manifest.as_bytes()),
        (config_name.as_str(), config.as_bytes()),
        ("abc/layer.tar", &layer[..]),
    ] {
        let mut h = tar::Header::new_ustar();
        h.set_size(bytes.len() as u64);
        h.set_mode(0o644);
        archive.append_data(&mut h, name, bytes).unwrap();
    }
    let path = sb.path("saved.tar");
    std::fs::write(&path, archive.into_inner().unwrap()).unwrap();
    (path, diff_id)
}

fn sha256_hex(bytes: &[u8]) -> String {
    let out = std::process::Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(bytes)?;
            c.wait_with_output()
        })
        .unwrap();
    String::from_utf8_lossy(&out.stdout)[..64].to_owned()
}

#[test]
fn a_docker_image_is_pushed_from_docker_save_without_docker_login() {
    let sb = Sandbox::new();
    let repo = unique("docker");
    let (tarball, diff_id) = docker_save_tarball(&sb);
    let bin = fake_docker(&sb, true, Some(&tarball));
    let out = sb
        .otelctl()
        .env("PATH", path_with(&bin))
        .args([
            "image",
            "push",
            "--docker-image",
            "flask-hello:dev",
            "--repository",
            &repo,
        ])
        .args([
            "--tag",
            "v1",
            "--registry",
            &registry().host,
            "--plain-http",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let pushed = json(&out);
    let argv = docker_argv(&sb);
    assert_eq!(argv.len(), 1, "{argv:?}");
    assert!(
        argv[0].starts_with("save --output ") && argv[0].ends_with(" flask-hello:dev"),
        "{argv:?}"
    );
    assert!(!argv.iter().any(|a| a.contains("login")));
    let config = registry().skopeo(&["inspect", "--config"], &format!("{repo}:v1"));
    assert!(config.status.success(), "{}", stderr(&config));
    let config: serde_json::Value = serde_json::from_slice(&config.stdout).unwrap();
    assert_eq!(config["rootfs"]["diff_ids"][0], diff_id);
    assert_eq!(
        config["config"]["Cmd"],
        serde_json::json!(["python", "app.py"])
    );
    let inspect = registry().skopeo(&["inspect"], &format!("{repo}:v1"));
    let inspected: serde_json::Value = serde_json::from_slice(&inspect.stdout).unwrap();
    assert_eq!(inspected["Digest"], pushed["digest"]);
}

#[test]
fn dockerfile_builds_shell_out_to_buildx_or_docker_build() {
    let sb = Sandbox::new();
    sb.write("app/Dockerfile", "FROM scratch\n");
    let bin = fake_docker(&sb, true, None);
    sb.otelctl()
        .env("PATH", path_with(&bin))
        .args([
            "image",
            "build",
            "--dockerfile",
            "app/Dockerfile",
            "--tag",
            "flask-hello:dev",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("flask-hello:dev"));
    assert_eq!(
        docker_argv(&sb),
        [
            "buildx version",
            "buildx build --load --tag flask-hello:dev --file app/Dockerfile app"
        ]
    );

    let sb = Sandbox::new();
    sb.write("app/Dockerfile", "FROM scratch\n");
    let bin = fake_docker(&sb, false, None);
    sb.otelctl()
        .env("PATH", path_with(&bin))
        .args([
            "image",
            "build",
            "--dockerfile",
            "app/Dockerfile",
            "--tag",
            "t:1",
        ])
        .args(["--platform", "linux/arm64"])
        .assert()
        .success();
    assert_eq!(
        docker_argv(&sb)[1],
        "build --tag t:1 --file app/Dockerfile --platform linux/arm64 app"
    );
}

#[test]
fn without_docker_the_daemonless_path_is_suggested() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.path("nothing")).unwrap();
    sb.otelctl()
        .env("PATH", sb.path("nothing"))
        .args([
            "image",
            "build",
            "--dockerfile",
            "app/Dockerfile",
            "--tag",
            "t:1",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("docker was not found on PATH"))
        .stderr(predicate::str::contains("otelctl image build --layout"));
    sb.otelctl()
        .env("PATH", sb.path("nothing"))
        .args(["image", "push", "--docker-image", "x:1", "--tag", "v1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("docker was not found on PATH"));
}

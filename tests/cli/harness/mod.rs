//! The test environment: a real `moto_server` for the AWS APIs, and a sandboxed home for
//! each test so nothing on the developer's machine leaks in or gets touched.
//!
//! The product is pointed at the stand-ins the way a user would point it anywhere:
//! `AWS_ENDPOINT_URL`, dummy credentials, `HOME`, `KUBECONFIG`.

pub mod browser;
pub mod fake_helm;
pub mod kubeapi;
pub mod moto;
pub mod otlp;
pub mod registry;
pub mod scripted;
pub mod served;
pub mod target;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub use moto::{moto, restricted};

/// Region every test runs in.
pub const REGION: &str = "us-east-1";
/// moto's account.
pub const ACCOUNT: &str = "123456789012";

/// A private home directory and an `otelctl` command that lives in it.
pub struct Sandbox {
    pub home: TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Self {
            home: tempfile::tempdir().expect("create a temporary home"),
        }
    }

    /// The same environment as [`Sandbox::otelctl`], as a plain `std` command (for
    /// long-running processes the test signals itself).
    pub fn command(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("otelctl"));
        cmd.env_clear()
            .current_dir(self.home.path())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path().join(".config"));
        cmd
    }

    /// `otelctl` with a clean environment: dummy credentials, moto as every AWS endpoint,
    /// this sandbox as HOME and working directory.
    pub fn otelctl(&self) -> Command {
        let mut cmd = Command::cargo_bin("otelctl").expect("the otelctl binary is built");
        cmd.env_clear()
            .current_dir(self.home.path())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path().join(".config"))
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_REGION", REGION)
            .env("AWS_ENDPOINT_URL", &moto().endpoint)
            .env("AWS_EC2_METADATA_DISABLED", "true");
        cmd
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.home.path().join(relative)
    }

    /// Writes a file under the sandbox, creating directories.
    pub fn write(&self, relative: &str, contents: &str) -> PathBuf {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }
}

/// Parses a command's stdout as JSON.
pub fn json(output: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// Reads a YAML file.
pub fn yaml(path: &Path) -> serde_yaml::Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The URL of a loopback port nothing listens on (connections are refused).
pub fn refused_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    url
}

/// A name no other test uses, so tests can share one moto.
pub fn unique(prefix: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{prefix}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

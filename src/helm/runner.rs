//! The helm binary: found on PATH, gated on its version, run with its output streamed line
//! by line to the caller (who shows it under a spinner) and its tail kept for the error.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use thiserror::Error;

use super::{MIN_HELM, parse_minor, version_in};

/// Lines of helm's output kept for an error message.
const TAIL: usize = 15;

#[derive(Debug, Error)]
pub enum HelmError {
    #[error("helm is not on PATH; install Helm {}.{} or newer: https://helm.sh/docs/intro/install/", MIN_HELM.0, MIN_HELM.1)]
    Missing,
    #[error("helm {found} is older than {}.{}, which otelctl needs; upgrade it: https://helm.sh/docs/intro/install/", MIN_HELM.0, MIN_HELM.1)]
    TooOld { found: String },
    #[error("cannot run helm: {0}")]
    Spawn(#[source] std::io::Error),
    #[error("`helm {command}` exited with status {code}:\n{tail}")]
    Failed {
        command: String,
        code: i32,
        tail: String,
    },
}

/// The helm binary.
pub struct Helm {
    pub bin: PathBuf,
}

impl Default for Helm {
    fn default() -> Self {
        Self {
            bin: PathBuf::from(format!("helm{}", std::env::consts::EXE_SUFFIX)),
        }
    }
}

impl Helm {
    fn command(&self, args: &[String]) -> Command {
        let mut cmd = Command::new(&self.bin);
        cmd.args(args).stdin(Stdio::null());
        cmd
    }

    fn output(&self, args: &[&str]) -> Result<std::process::Output, HelmError> {
        let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        self.command(&args).output().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => HelmError::Missing,
            _ => HelmError::Spawn(e),
        })
    }

    /// `helm version --short`, refused below [`MIN_HELM`].
    pub fn version(&self) -> Result<String, HelmError> {
        let out = self.output(&["version", "--short"])?;
        let text = String::from_utf8_lossy(&out.stdout);
        let found = version_in(&text).ok_or_else(|| HelmError::Failed {
            command: "version --short".into(),
            code: out.status.code().unwrap_or(-1),
            tail: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        })?;
        match parse_minor(&found) {
            Some(v) if v >= MIN_HELM => Ok(found),
            _ => Err(HelmError::TooOld { found }),
        }
    }

    /// The names of the repositories helm knows (`helm repo list -o json`).
    pub fn repos(&self) -> Result<Vec<String>, HelmError> {
        let out = self.output(&["repo", "list", "-o", "json"])?;
        // With no repositories at all helm exits 1 and says so.
        if !out.status.success() {
            return Ok(Vec::new());
        }
        let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap_or_default();
        Ok(list
            .iter()
            .filter_map(|r| r["name"].as_str().map(str::to_owned))
            .collect())
    }

    /// Whether the local repository cache has `repo/chart` at `version`.
    pub fn has_chart_version(
        &self,
        repo: &str,
        chart: &str,
        version: &str,
    ) -> Result<bool, HelmError> {
        let reference = format!("{repo}/{chart}");
        let out = self.output(&[
            "search",
            "repo",
            &reference,
            "--version",
            version,
            "-o",
            "json",
        ])?;
        let found: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap_or_default();
        Ok(out.status.success() && !found.is_empty())
    }

    /// Runs helm, handing each line of its output (stdout and stderr) to `line` as it comes.
    pub fn run(&self, args: &[String], line: &mut dyn FnMut(&str)) -> Result<(), HelmError> {
        let mut child = self
            .command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => HelmError::Missing,
                _ => HelmError::Spawn(e),
            })?;
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let stderr = child.stderr.take().map(|err| {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for l in BufReader::new(err).lines().map_while(Result::ok) {
                    let _ = tx.send(l);
                }
            })
        });
        if let Some(out) = child.stdout.take() {
            std::thread::spawn(move || {
                for l in BufReader::new(out).lines().map_while(Result::ok) {
                    let _ = tx.send(l);
                }
            });
        } else {
            drop(tx);
        }
        let mut tail: VecDeque<String> = VecDeque::new();
        for l in rx {
            line(&l);
            if tail.len() == TAIL {
                tail.pop_front();
            }
            tail.push_back(l);
        }
        if let Some(handle) = stderr {
            let _ = handle.join();
        }
        let status = child.wait().map_err(HelmError::Spawn)?;
        if status.success() {
            return Ok(());
        }
        Err(HelmError::Failed {
            command: args.iter().take(3).cloned().collect::<Vec<_>>().join(" "),
            code: status.code().unwrap_or(-1),
            tail: tail.into_iter().collect::<Vec<_>>().join("\n"),
        })
    }
}

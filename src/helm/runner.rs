//! The helm binary: found on PATH, gated on its version, run with its output streamed line
//! by line to the caller (who shows it under a spinner) and its tail kept for the error.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use thiserror::Error;

use super::{MIN_HELM, parse_minor, version_in};

/// Lines of helm's output kept for an error message.
const TAIL: usize = 15;
/// How long a local helm query (version, repo list, search) may take.
const QUICK: Duration = Duration::from_secs(60);

#[derive(Debug, Error)]
pub enum HelmError {
    #[error("helm is not on PATH; install Helm {}.{} or newer: https://helm.sh/docs/intro/install/", MIN_HELM.0, MIN_HELM.1)]
    Missing,
    #[error("helm {found} is older than {}.{}, which otelctl needs; upgrade it: https://helm.sh/docs/intro/install/", MIN_HELM.0, MIN_HELM.1)]
    TooOld { found: String },
    #[error("cannot run helm: {0}")]
    Spawn(#[source] std::io::Error),
    #[error("`helm {command}` did not finish within {limit:?}; it was stopped")]
    Timeout { command: String, limit: Duration },
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
    fn spawn(&self, args: &[String]) -> Result<std::process::Child, HelmError> {
        Command::new(&self.bin)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => HelmError::Missing,
                _ => HelmError::Spawn(e),
            })
    }

    /// Runs helm for at most `limit`, handing each line of its output (stdout and stderr)
    /// to `line` as it comes; returns its status and its stdout.
    fn execute(
        &self,
        args: &[String],
        limit: Duration,
        line: &mut dyn FnMut(&str),
    ) -> Result<(ExitStatus, String, String), HelmError> {
        let mut child = self.spawn(args)?;
        let (tx, rx) = std::sync::mpsc::channel::<(bool, String)>();
        let mut readers = Vec::new();
        for (is_stdout, stream) in [
            (
                true,
                child
                    .stdout
                    .take()
                    .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
            ),
            (
                false,
                child
                    .stderr
                    .take()
                    .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
            ),
        ] {
            if let Some(stream) = stream {
                let tx = tx.clone();
                readers.push(std::thread::spawn(move || {
                    for l in BufReader::new(stream).lines().map_while(Result::ok) {
                        let _ = tx.send((is_stdout, l));
                    }
                }));
            }
        }
        drop(tx);
        let deadline = Instant::now() + limit;
        let (mut stdout, mut tail) = (String::new(), VecDeque::new());
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok((is_stdout, l)) => {
                    line(&l);
                    if is_stdout {
                        stdout.push_str(&l);
                        stdout.push('\n');
                    }
                    if tail.len() == TAIL {
                        tail.pop_front();
                    }
                    tail.push_back(l);
                }
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(HelmError::Timeout {
                        command: summary(args),
                        limit,
                    });
                }
            }
        }
        for r in readers {
            let _ = r.join();
        }
        let status = child.wait().map_err(HelmError::Spawn)?;
        let tail: Vec<String> = tail.into();
        Ok((status, stdout, tail.join("\n")))
    }

    fn quick(&self, args: &[&str]) -> Result<(ExitStatus, String, String), HelmError> {
        let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        self.execute(&args, QUICK, &mut |_| {})
    }

    /// `helm version --short`, refused below [`MIN_HELM`].
    pub fn version(&self) -> Result<String, HelmError> {
        let (status, stdout, tail) = self.quick(&["version", "--short"])?;
        let found = version_in(&stdout).ok_or_else(|| HelmError::Failed {
            command: "version --short".into(),
            code: status.code().unwrap_or(-1),
            tail,
        })?;
        match parse_minor(&found) {
            Some(v) if v >= MIN_HELM => Ok(found),
            _ => Err(HelmError::TooOld { found }),
        }
    }

    /// The names of the repositories helm knows (`helm repo list -o json`).
    pub fn repos(&self) -> Result<Vec<String>, HelmError> {
        let (status, stdout, _) = self.quick(&["repo", "list", "-o", "json"])?;
        // With no repositories at all helm exits 1 and says so.
        if !status.success() {
            return Ok(Vec::new());
        }
        let list: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap_or_default();
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
        let (status, stdout, _) = self.quick(&[
            "search",
            "repo",
            &reference,
            "--version",
            version,
            "-o",
            "json",
        ])?;
        let found: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap_or_default();
        Ok(status.success() && !found.is_empty())
    }

    /// Runs helm for at most `limit`, handing each line of its output to `line`.
    pub fn run(
        &self,
        args: &[String],
        limit: Duration,
        line: &mut dyn FnMut(&str),
    ) -> Result<(), HelmError> {
        let (status, _, tail) = self.execute(args, limit, line)?;
        if status.success() {
            return Ok(());
        }
        Err(HelmError::Failed {
            command: summary(args),
            code: status.code().unwrap_or(-1),
            tail,
        })
    }
}

fn summary(args: &[String]) -> String {
    args.iter().take(3).cloned().collect::<Vec<_>>().join(" ")
}

//! `otelctl infra`: the terraform binary, run with otelctl's settings, and the seed's
//! 409-loop lesson caught before apply.
//!
//! When a resource exists in AWS but not in Terraform's state (the cluster was made by hand,
//! or the state was lost), `terraform apply` tries to create it and AWS answers 409
//! ResourceInUseException, again on every run. Comparing what AWS has with what the state
//! lists is pure ([`imports_needed`]); running terraform is the edge ([`Terraform`]).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use thiserror::Error;

/// What exists in AWS, by the names the root module uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Existing {
    pub cluster: Option<String>,
    pub repository: Option<String>,
    pub alb_role: Option<String>,
}

/// One `terraform import ADDRESS ID`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Import {
    pub address: &'static str,
    pub id: String,
}

/// The addresses of the root module's resources that are created once and then live on.
pub const CLUSTER_ADDRESS: &str = "module.eks.aws_eks_cluster.this";
pub const REPOSITORY_ADDRESS: &str = "module.ecr.aws_ecr_repository.this";
pub const ALB_ROLE_ADDRESS: &str = "module.irsa.aws_iam_role.alb_controller";

/// Resources present in AWS and absent from the state, as imports. Pure.
pub fn imports_needed(state: &[String], existing: &Existing) -> Vec<Import> {
    [
        (CLUSTER_ADDRESS, &existing.cluster),
        (REPOSITORY_ADDRESS, &existing.repository),
        (ALB_ROLE_ADDRESS, &existing.alb_role),
    ]
    .into_iter()
    .filter_map(|(address, id)| {
        let id = id.as_ref()?;
        (!state.iter().any(|s| s == address)).then(|| Import {
            address,
            id: id.clone(),
        })
    })
    .collect()
}

#[derive(Debug, Error)]
pub enum TerraformError {
    #[error("cannot run `{}`: {source}; install Terraform >= 1.5 or put it on PATH", bin.display())]
    Spawn {
        bin: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("`terraform {command}` exited with status {code}")]
    Failed { command: String, code: i32 },
    #[error("`terraform state list` failed: {0}")]
    State(String),
}

/// The addresses `terraform state list` printed; "No state file" is an empty state.
fn parse_state_list(out: &std::process::Output) -> Result<Vec<String>, TerraformError> {
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        if stderr.contains("No state file") {
            return Ok(Vec::new());
        }
        return Err(TerraformError::State(stderr.trim().to_owned()));
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect())
}

/// The terraform binary, run in one directory.
pub struct Terraform {
    pub bin: PathBuf,
    pub dir: PathBuf,
}

impl Terraform {
    pub fn new(dir: &Path) -> Self {
        Self {
            bin: PathBuf::from(format!("terraform{}", std::env::consts::EXE_SUFFIX)),
            dir: dir.to_owned(),
        }
    }

    /// Runs terraform with its output streaming through; a non-zero exit is an error.
    pub fn run(&self, args: &[String]) -> Result<(), TerraformError> {
        let status = Command::new(&self.bin)
            .args(args)
            .current_dir(&self.dir)
            .stdin(Stdio::inherit())
            .status()
            .map_err(|source| self.spawn_error(source))?;
        match status.code() {
            Some(0) => Ok(()),
            code => Err(TerraformError::Failed {
                command: args.first().cloned().unwrap_or_default(),
                code: code.unwrap_or(-1),
            }),
        }
    }

    /// The resource addresses in the state; no state yet is an empty list.
    pub fn state_list(&self) -> Result<Vec<String>, TerraformError> {
        let out = Command::new(&self.bin)
            .args(["state", "list"])
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .output()
            .map_err(|source| self.spawn_error(source))?;
        parse_state_list(&out)
    }

    /// [`Terraform::state_list`] for async callers with deadlines: the process is killed
    /// when the future is dropped (a check's timeout), not left running.
    pub async fn state_list_async(&self) -> Result<Vec<String>, TerraformError> {
        let out = tokio::process::Command::new(&self.bin)
            .args(["state", "list"])
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .kill_on_drop(true)
            .output()
            .await
            .map_err(|source| self.spawn_error(source))?;
        parse_state_list(&out)
    }

    fn spawn_error(&self, source: std::io::Error) -> TerraformError {
        TerraformError::Spawn {
            bin: self.bin.clone(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cluster_missing_from_the_state_needs_an_import() {
        let existing = Existing {
            cluster: Some("otel-dev".into()),
            ..Existing::default()
        };
        assert_eq!(
            imports_needed(&[], &existing),
            [Import {
                address: CLUSTER_ADDRESS,
                id: "otel-dev".into()
            }]
        );
        let in_state = vec![
            CLUSTER_ADDRESS.to_owned(),
            "module.vpc.aws_vpc.this".to_owned(),
        ];
        assert!(imports_needed(&in_state, &existing).is_empty());
    }

    #[test]
    fn nothing_in_aws_means_nothing_to_import() {
        assert!(imports_needed(&[], &Existing::default()).is_empty());
    }

    #[test]
    fn every_absent_resource_is_listed_in_a_fixed_order() {
        let existing = Existing {
            cluster: Some("c".into()),
            repository: Some("team/app".into()),
            alb_role: Some("AlbRole".into()),
        };
        let imports = imports_needed(&[REPOSITORY_ADDRESS.to_owned()], &existing);
        let pairs: Vec<(&str, &str)> = imports.iter().map(|i| (i.address, i.id.as_str())).collect();
        assert_eq!(
            pairs,
            [(CLUSTER_ADDRESS, "c"), (ALB_ROLE_ADDRESS, "AlbRole")]
        );
    }
}

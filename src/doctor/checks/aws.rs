//! AWS-side checks: identity, the cluster and its version, IAM (reusing `iam`'s assessments),
//! the image in ECR, and Terraform state drift (the seed's 409 CreateCluster loop).

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use serde::Deserialize;

use super::super::{CheckError, Context, Outcome};
use crate::aws::eks::Cluster;
use crate::aws::iam::{self, plan};
use crate::aws::{AwsErrorKind, ecr};
use crate::infra::{self, Existing, Terraform};

type Check<'a> = BoxFuture<'a, Result<Outcome, CheckError>>;

pub fn identity(ctx: &Context) -> Check<'_> {
    async move {
        let id = ctx.identity().await?;
        Ok(Outcome::pass(format!(
            "{} (account {})",
            id.arn, id.account
        )))
    }
    .boxed()
}

pub fn cluster(ctx: &Context) -> Check<'_> {
    async move {
        let name = match ctx.cluster_name() {
            Ok(name) => name,
            Err(e) => {
                return Ok(
                    Outcome::skip("no cluster given; cluster checks are skipped")
                        .fix(e.remediation.unwrap_or_default()),
                );
            }
        };
        let cluster = match ctx.cluster().await {
            Ok(c) => c,
            Err(e) if e.not_found => {
                return Ok(Outcome::fail(e.message).fix(format!(
                    "create it: `otelctl infra apply` (Terraform) or check --cluster/--region; \
                     `aws eks list-clusters` lists what exists (cluster `{name}`)"
                )));
            }
            Err(e) => return Err(e),
        };
        Ok(assess_cluster(&cluster))
    }
    .boxed()
}

/// ACTIVE with an endpoint is a pass; anything else says what state it is in. Pure.
pub fn assess_cluster(c: &Cluster) -> Outcome {
    let details = vec![
        format!("endpoint: {}", c.endpoint.as_deref().unwrap_or("none")),
        format!("version: {}", c.version.as_deref().unwrap_or("unknown")),
        format!(
            "platform version: {}",
            c.platform_version.as_deref().unwrap_or("unknown")
        ),
    ];
    match crate::aws::eks::check_usable(c) {
        Ok(()) => Outcome::pass(format!(
            "{} is {} (Kubernetes {}, {})",
            c.name,
            c.status,
            c.version.as_deref().unwrap_or("?"),
            c.platform_version.as_deref().unwrap_or("?")
        ))
        .details(details),
        Err(e) => Outcome::fail(e.to_string()).details(details),
    }
}

/// One row of `assets/eks/versions.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct VersionSupport {
    pub version: String,
    pub end_of_standard: String,
    pub end_of_extended: String,
}

#[derive(Deserialize)]
struct Table {
    version: Vec<VersionSupport>,
}

/// The embedded EKS version table.
pub fn version_table() -> Vec<VersionSupport> {
    toml::from_str::<Table>(include_str!("../../../assets/eks/versions.toml"))
        .map(|t| t.version)
        .unwrap_or_default()
}

fn minor(version: &str) -> Option<u32> {
    version.split('.').nth(1)?.parse().ok()
}

/// Standard support passes, extended support warns, past both fails. `today` is
/// `YYYY-MM-DD`. Pure.
pub fn assess_version(version: &str, table: &[VersionSupport], today: &str) -> Outcome {
    let Some(row) = table.iter().find(|r| r.version == version) else {
        let newest = table
            .iter()
            .filter_map(|r| minor(&r.version))
            .max()
            .unwrap_or(0);
        return match minor(version) {
            Some(m) if m > newest => Outcome::pass(format!(
                "Kubernetes {version} is newer than otelctl's support table"
            )),
            _ => Outcome::fail(format!(
                "Kubernetes {version} is no longer supported by EKS"
            ))
            .fix(
                "upgrade the cluster: set cluster_version in terraform/ and `otelctl infra apply`",
            ),
        };
    };
    let upgrade = "upgrade one minor version at a time: set cluster_version in terraform/ and \
                   `otelctl infra apply`";
    if today <= row.end_of_standard.as_str() {
        Outcome::pass(format!(
            "Kubernetes {version}: standard support until {}",
            row.end_of_standard
        ))
    } else if today <= row.end_of_extended.as_str() {
        Outcome::warn(format!(
            "Kubernetes {version} is in extended support (extra cost) until {}",
            row.end_of_extended
        ))
        .fix(upgrade)
    } else {
        Outcome::fail(format!(
            "Kubernetes {version} left extended support on {}; EKS upgrades it automatically",
            row.end_of_extended
        ))
        .fix(upgrade)
    }
}

pub fn version(ctx: &Context) -> Check<'_> {
    async move {
        let cluster = ctx.cluster().await?;
        let Some(version) = cluster.version.as_deref() else {
            return Ok(Outcome::warn("the cluster reports no Kubernetes version"));
        };
        let today = jiff::Zoned::now().date().to_string();
        Ok(assess_version(version, &version_table(), &today))
    }
    .boxed()
}

fn identity_of(cluster: &Cluster) -> Result<plan::ClusterIdentity<'_>, CheckError> {
    plan::ClusterIdentity::of(cluster).map_err(|e| CheckError::new(e.to_string()))
}

fn from_assessment(a: plan::Assessment, ok: String, fix: &str) -> Outcome {
    if a.findings.is_empty() {
        return Outcome::pass(ok);
    }
    let mut details: Vec<String> = a
        .findings
        .iter()
        .map(|f| format!("{}: expected {}, found {}", f.field, f.expected, f.found))
        .collect();
    if !a.missing_actions.is_empty() {
        details.push(format!("missing actions: {}", a.missing_actions.join(", ")));
    }
    let fields: Vec<&str> = a.findings.iter().map(|f| f.field.as_str()).collect();
    Outcome::fail(format!(
        "{} problem{} ({})",
        a.findings.len(),
        if a.findings.len() == 1 { "" } else { "s" },
        fields.join(", ")
    ))
    .details(details)
    .fix(fix)
}

pub fn oidc_provider(ctx: &Context) -> Check<'_> {
    async move {
        let cluster = ctx.cluster().await?;
        let id = identity_of(&cluster)?;
        let client = aws_sdk_iam::Client::new(&ctx.aws);
        let provider = iam::find_oidc_provider(&client, id.issuer).await?;
        let assessment = plan::assess_oidc(id.issuer, provider.as_ref(), None);
        Ok(from_assessment(
            assessment,
            format!("provider for {} trusts sts.amazonaws.com", id.issuer),
            "otelctl iam oidc --create",
        ))
    }
    .boxed()
}

pub fn alb_role(ctx: &Context) -> Check<'_> {
    async move {
        let cluster = ctx.cluster().await?;
        let id = identity_of(&cluster)?;
        let client = aws_sdk_iam::Client::new(&ctx.aws);
        let names = plan::AlbRoleNames {
            role: &ctx.opts.alb_role_name,
            policy: crate::aws::iam::policy::ALB_POLICY_NAME,
        };
        let state = iam::observe_alb_role(&client, &names, &id).await?;
        let assessment = plan::assess_alb_role(&state, &names, &id);
        Ok(from_assessment(
            assessment,
            format!(
                "{} trusts the cluster's OIDC provider and has the controller policy",
                ctx.opts.alb_role_name
            ),
            "otelctl iam alb-role --create",
        ))
    }
    .boxed()
}

/// `ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO:TAG` → (REPO, TAG). Pure.
pub fn ecr_reference(image: &str) -> Option<(String, String)> {
    let (host, rest) = image.split_once('/')?;
    if !(host.contains(".dkr.ecr.") && host.contains(".amazonaws.com")) {
        return None;
    }
    let rest = rest.split('@').next()?;
    let (repo, tag) = match rest.rsplit_once(':') {
        Some((repo, tag)) => (repo, tag),
        None => (rest, "latest"),
    };
    Some((repo.to_owned(), tag.to_owned()))
}

pub fn ecr_image(ctx: &Context) -> Check<'_> {
    async move {
        let client = aws_sdk_ecr::Client::new(&ctx.aws);
        // The images the app's deployments run, when the cluster can be read.
        let deployed: Vec<(String, String)> = match ctx.deployments().await {
            Ok(deployments) => deployments
                .iter()
                .filter(|d| d.metadata.namespace.as_deref() == Some(&ctx.opts.app_namespace))
                .flat_map(super::containers)
                .filter_map(|c| c.image.as_deref().and_then(ecr_reference))
                .collect(),
            Err(_) => Vec::new(),
        };
        if deployed.is_empty() {
            let repo = &ctx.opts.repository;
            return Ok(match ecr::describe_repository(&client, repo).await? {
                Some(r) => Outcome::pass(format!("repository {} exists ({})", repo, r.uri))
                    .detail("no deployed ECR image found in the app namespace to look up"),
                None => Outcome::fail(format!("repository {repo} does not exist"))
                    .fix(format!("otelctl ecr ensure --repository {repo}")),
            });
        }
        let mut problems = Vec::new();
        let mut found = Vec::new();
        for (repo, tag) in &deployed {
            match ecr::has_tag(&client, repo, tag).await? {
                Some(true) => found.push(format!("{repo}:{tag}")),
                Some(false) => problems.push(format!("{repo}:{tag} is not in the repository")),
                None => problems.push(format!("repository {repo} does not exist")),
            }
        }
        Ok(if problems.is_empty() {
            Outcome::pass(format!("deployed image {} is in ECR", found.join(", ")))
        } else {
            Outcome::fail(problems[0].clone())
                .details(problems)
                .fix("push it: `otelctl image push --repository REPO --tag TAG`")
        })
    }
    .boxed()
}

pub fn terraform_state(ctx: &Context) -> Check<'_> {
    async move {
        let dir = match &ctx.opts.terraform_dir {
            Some(dir) => dir.clone(),
            None => {
                let found = std::path::PathBuf::from("terraform");
                if !has_tf_files(&found) {
                    return Ok(Outcome::skip(
                        "no Terraform directory (pass --terraform-dir, or run where terraform/ is)",
                    ));
                }
                found
            }
        };
        if !has_tf_files(&dir) {
            return Ok(Outcome::fail(format!(
                "{} holds no .tf files",
                dir.display()
            )));
        }
        let tf = Terraform::new(&dir);
        let state = match tf.state_list_async().await {
            Ok(state) => state,
            Err(infra::TerraformError::Spawn { .. }) => {
                return Ok(Outcome::skip("terraform is not installed; state not read"));
            }
            Err(e) => return Err(CheckError::new(e.to_string())),
        };
        let cluster = match ctx.cluster().await {
            Ok(c) => Some(c.name.clone()),
            Err(e) if e.not_found => None,
            Err(e) => return Err(e),
        };
        let repository =
            ecr::describe_repository(&aws_sdk_ecr::Client::new(&ctx.aws), &ctx.opts.repository)
                .await?
                .map(|r| r.name);
        let alb_role =
            match iam::get_role(&aws_sdk_iam::Client::new(&ctx.aws), &ctx.opts.alb_role_name).await
            {
                Ok(role) => role.map(|_| ctx.opts.alb_role_name.clone()),
                Err(e) if e.kind == AwsErrorKind::NotFound => None,
                Err(e) => return Err(e.into()),
            };
        let imports = infra::imports_needed(
            &state,
            &Existing {
                cluster,
                repository,
                alb_role,
            },
        );
        Ok(if imports.is_empty() {
            Outcome::pass(format!(
                "state in {} has everything AWS has ({} resources)",
                dir.display(),
                state.len()
            ))
        } else {
            let commands: Vec<String> = imports
                .iter()
                .map(|i| {
                    format!(
                        "terraform -chdir={} import {} {}",
                        dir.display(),
                        i.address,
                        i.id
                    )
                })
                .collect();
            Outcome::fail(format!(
                "in AWS but not in Terraform state: {}; apply would loop on 409 \
                 ResourceInUseException",
                imports
                    .iter()
                    .map(|i| i.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .details(commands.clone())
            .fix(format!(
                "import first: {} (or `otelctl infra import`)",
                commands[0]
            ))
        })
    }
    .boxed()
}

fn has_tf_files(dir: &std::path::Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.path().extension().is_some_and(|x| x == "tf"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::Status;

    #[test]
    fn the_embedded_table_parses_and_is_ordered() {
        let table = version_table();
        assert!(table.len() >= 8);
        for row in &table {
            assert!(row.end_of_standard < row.end_of_extended, "{}", row.version);
        }
    }

    #[test]
    fn support_windows_decide_the_status() {
        let table = version_table();
        assert_eq!(
            assess_version("1.34", &table, "2026-11-26").status,
            Status::Pass
        );
        assert_eq!(
            assess_version("1.32", &table, "2026-11-26").status,
            Status::Warn
        );
        assert_eq!(
            assess_version("1.29", &table, "2026-11-26").status,
            Status::Fail
        );
        assert_eq!(
            assess_version("1.20", &table, "2026-11-26").status,
            Status::Fail
        );
        assert_eq!(
            assess_version("1.99", &table, "2026-11-26").status,
            Status::Pass
        );
        // The last day of standard support is still standard.
        assert_eq!(
            assess_version("1.34", &table, "2026-12-02").status,
            Status::Pass
        );
        assert_eq!(
            assess_version("1.34", &table, "2026-12-03").status,
            Status::Warn
        );
    }

    #[test]
    fn ecr_references_are_recognised() {
        assert_eq!(
            ecr_reference("123456789012.dkr.ecr.us-east-1.amazonaws.com/otel-demo:v2"),
            Some(("otel-demo".into(), "v2".into()))
        );
        assert_eq!(
            ecr_reference("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app"),
            Some(("team/app".into(), "latest".into()))
        );
        assert_eq!(ecr_reference("docker.io/library/nginx:1"), None);
        assert_eq!(ecr_reference("nginx"), None);
    }
}

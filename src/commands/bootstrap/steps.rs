//! Each bootstrap step's check (read-only: is it done?) and act (do it), built on the same
//! domain code and commands as `otelctl iam`, `ecr`, `image`, `kubeconfig` and `helm`.

use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};
use aws_config::SdkConfig;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::Secret;
use kube::api::{Api, ListParams};

use crate::aws::eks::Cluster;
use crate::aws::iam::plan::{self, AlbRoleNames, ClusterIdentity};
use crate::aws::iam::{self, policy, thumbprint};
use crate::aws::{self, ecr, eks, sts};
use crate::bootstrap::Check;
use crate::cli::{
    BootstrapArgs, HelmInstallArgs, HelmTarget, ImageBuildArgs, ImagePushArgs, InfraApplyArgs,
    InfraArgs, UpdateKubeconfigArgs,
};
use crate::helm::{self, Pin};
use crate::image::registry::{Client, Target};
use crate::kube::{client, helm as releases, kubeconfig::store};
use crate::output::Printer;
use crate::settings::Settings;

/// What the steps share: settings, AWS, and what earlier steps learned.
pub struct Ctx<'a> {
    pub settings: &'a Settings,
    pub args: &'a BootstrapArgs,
    /// Runs the other commands silently: bootstrap's own events are the output.
    pub sink: Printer,
    pub aws: SdkConfig,
    pub repository: String,
    pub tag: String,
    /// The steps of this run (the rollout step waits only for the releases in it).
    pub plan: Vec<&'static str>,
    cluster: Option<Cluster>,
    kube: Option<kube::Client>,
    staging: tempfile::TempDir,
    /// The image layout built for this run and its root digest.
    image: Option<(PathBuf, String)>,
}

impl<'a> Ctx<'a> {
    pub async fn new(
        settings: &'a Settings,
        printer: &Printer,
        args: &'a BootstrapArgs,
        plan: Vec<&'static str>,
    ) -> Result<Self> {
        Ok(Self {
            settings,
            args,
            plan,
            sink: printer.sink(),
            aws: aws::load(&settings.aws).await,
            repository: settings.repository.clone(),
            tag: args
                .image_tag
                .clone()
                .unwrap_or_else(|| env!("CARGO_PKG_VERSION").to_owned()),
            cluster: None,
            kube: None,
            staging: tempfile::tempdir().context("cannot make a temporary directory")?,
            image: None,
        })
    }

    fn cluster_name(&self) -> &str {
        self.settings.cluster.as_deref().unwrap_or_default()
    }

    /// DescribeCluster, once it exists.
    async fn cluster(&mut self) -> Result<&Cluster> {
        if self.cluster.is_none() {
            let client = aws_sdk_eks::Client::new(&self.aws);
            self.cluster = Some(eks::describe_cluster(&client, self.cluster_name()).await?);
        }
        Ok(self.cluster.as_ref().expect("just set"))
    }

    pub async fn kube(&mut self) -> Result<kube::Client> {
        if self.kube.is_none() {
            let (_, c) = client::from_settings(&self.settings.kube).await?;
            self.kube = Some(c);
        }
        Ok(self.kube.clone().expect("just set"))
    }

    /// The namespaces of the settings, which the releases go to.
    fn namespaces(&self) -> helm::Namespaces {
        let ns = &self.settings.namespaces;
        helm::Namespaces {
            app: ns.app.clone(),
            collector: ns.collector.clone(),
            jaeger: ns.jaeger.clone(),
        }
    }

    fn ecr(&self) -> aws_sdk_ecr::Client {
        aws_sdk_ecr::Client::new(&self.aws)
    }
}

/// Whether acting on the step changes anything (waiting and verifying only read).
pub fn changes(step: &str) -> bool {
    !matches!(step, "identity" | "rollout" | "verify")
}

/// What to do when a step fails, printed with the failure.
pub fn remediation(step: &str) -> &'static str {
    match step {
        "identity" => {
            "set AWS credentials (AWS_PROFILE, or AWS_ACCESS_KEY_ID/SECRET) and check `otelctl whoami`"
        }
        "infra" => {
            "read terraform's output above; `otelctl infra plan --dir DIR` shows what it wants"
        }
        "ecr" => "check ecr:CreateRepository is allowed: `otelctl ecr ensure`",
        "image" => "build a static binary and pass --binary (see `otelctl image build --help`)",
        "kubeconfig" => "`otelctl kubeconfig update` says more",
        "oidc" => "`otelctl iam oidc --create` (pass --thumbprint if the issuer cannot be reached)",
        "alb-role" => "`otelctl iam alb-role --create --dry-run` shows the IAM calls",
        "alb-controller" | "jaeger" | "collector" | "app" => {
            "`otelctl doctor --only helm.,kube.pods` shows why the release is not ready"
        }
        "rollout" => "`otelctl doctor --only kube.pods,cni.` shows why pods do not start",
        "verify" => {
            "`otelctl doctor --only otel.` checks the collector, Jaeger and the app's endpoint"
        }
        _ => "rerun with -v for details",
    }
}

fn identity_of(cluster: &Cluster) -> Result<ClusterIdentity<'_>> {
    Ok(ClusterIdentity::of(cluster)?)
}

fn findings(a: &plan::Assessment) -> String {
    a.findings
        .iter()
        .map(|f| f.field.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn pin(target: &str) -> Pin {
    helm::pins()
        .into_iter()
        .find(|p| p.target == target)
        .expect("every helm step is pinned")
}

fn helm_target(step: &str) -> HelmTarget {
    match step {
        "alb-controller" => HelmTarget::AlbController,
        "jaeger" => HelmTarget::Jaeger,
        "collector" => HelmTarget::Collector,
        _ => HelmTarget::App,
    }
}

/// A deployment whose rollout is finished: the same rule as kube-runtime's
/// `is_deployment_completed` (and `kubectl rollout status`). Pure.
pub fn rollout_complete(d: &Deployment) -> bool {
    let want = d.spec.replicas.unwrap_or(1);
    let Some(s) = d.status.as_ref() else {
        return false;
    };
    s.observed_generation.unwrap_or(0) >= d.metadata.generation.unwrap_or(0)
        && s.updated_replicas.unwrap_or(0) >= want
        && s.available_replicas.unwrap_or(0) >= want
}

/// Is the step already done?
pub async fn check(ctx: &mut Ctx<'_>, step: &str) -> Result<Check> {
    match step {
        "identity" => {
            let id = sts::caller_identity(&aws_sdk_sts::Client::new(&ctx.aws)).await?;
            Ok(Check::Satisfied(format!(
                "{} (account {})",
                id.arn, id.account
            )))
        }
        "infra" => match ctx.cluster().await {
            Ok(c) if c.status == "ACTIVE" => {
                Ok(Check::Satisfied(format!("cluster {} is ACTIVE", c.name)))
            }
            Ok(c) => Ok(Check::Needed(format!(
                "cluster {} is {}: terraform apply",
                c.name, c.status
            ))),
            Err(e)
                if e.downcast_ref::<aws::AwsError>()
                    .is_some_and(|a| a.kind == aws::AwsErrorKind::NotFound) =>
            {
                ctx.cluster = None;
                Ok(Check::Needed(format!(
                    "terraform apply creates cluster {}",
                    ctx.cluster_name()
                )))
            }
            Err(e) => Err(e),
        },
        "ecr" => Ok(
            match ecr::describe_repository(&ctx.ecr(), &ctx.repository).await? {
                Some(r) => Check::Satisfied(format!("repository {} exists", r.uri)),
                None => Check::Needed(format!("create ECR repository {}", ctx.repository)),
            },
        ),
        "image" => check_image(ctx).await,
        "kubeconfig" => {
            let cluster = ctx.cluster().await?.clone();
            let kube = &ctx.settings.kube;
            let path = store::select(
                kube.kubeconfig.as_deref(),
                kube.kubeconfig_env.as_deref(),
                kube.home.as_deref(),
                |p| store::file_holds_cluster(p, &cluster.arn),
            )?;
            // Without --context, the current context is what helm and the steps below
            // act on: it has to be this cluster.
            let current = kube.context.is_some()
                || client::load_kubeconfig(kube)
                    .and_then(|c| client::target(&c, None))
                    .is_ok_and(|t| {
                        let (by_server, by_arn) = client::points_at(&t, &cluster);
                        by_server || by_arn
                    });
            Ok(
                if store::file_holds_cluster(&path, &cluster.arn) && current {
                    Check::Satisfied(format!("{} has {}", path.display(), cluster.arn))
                } else {
                    Check::Needed(format!(
                        "add {} to {} as the current context",
                        cluster.arn,
                        path.display()
                    ))
                },
            )
        }
        "oidc" => {
            let cluster = ctx.cluster().await?.clone();
            let id = identity_of(&cluster)?;
            let client = aws_sdk_iam::Client::new(&ctx.aws);
            let provider = iam::find_oidc_provider(&client, id.issuer).await?;
            let a = plan::assess_oidc(id.issuer, provider.as_ref(), ctx.args.thumbprint.as_deref());
            Ok(if a.findings.is_empty() {
                Check::Satisfied(format!("provider for {} exists", id.issuer))
            } else {
                Check::Needed(format!(
                    "fix {} ({} IAM calls)",
                    findings(&a),
                    a.steps.len()
                ))
            })
        }
        "alb-role" => {
            let (a, _) = assess_alb(ctx).await?;
            Ok(if a.findings.is_empty() {
                Check::Satisfied(format!("{} is right", ctx.args.alb_role_name))
            } else {
                Check::Needed(format!(
                    "fix {} ({} IAM calls)",
                    findings(&a),
                    a.steps.len()
                ))
            })
        }
        "alb-controller" | "jaeger" | "collector" | "app" => check_release(ctx, step).await,
        "rollout" => {
            let pending = pending_rollouts(ctx).await?;
            Ok(if pending.is_empty() {
                Check::Satisfied("every release's deployments are available".into())
            } else {
                Check::Needed(format!("wait for {}", pending.join(", ")))
            })
        }
        "verify" => {
            let earlier = if ctx.args.reverify {
                None
            } else {
                super::verify::earlier(ctx).await?
            };
            Ok(match earlier {
                Some(found) => Check::Satisfied(found),
                None => Check::Needed(format!(
                    "send {} traced requests through the app and find them in Jaeger",
                    ctx.args.requests
                )),
            })
        }
        other => bail!("unknown step {other}"),
    }
}

/// Does it.
pub async fn act(ctx: &mut Ctx<'_>, step: &str) -> Result<String> {
    match step {
        "infra" => {
            let dir = ctx
                .args
                .terraform
                .clone()
                .expect("infra runs only with --terraform");
            let apply = InfraApplyArgs {
                common: InfraArgs {
                    dir,
                    dry_run: false,
                },
                auto_import: true,
            };
            super::super::infra::apply(ctx.settings, &ctx.sink, &apply).await?;
            ctx.cluster = None;
            let status = ctx.cluster().await?.status.clone();
            Ok(format!(
                "terraform applied; cluster {} is {status}",
                ctx.cluster_name()
            ))
        }
        "ecr" => {
            let (repo, _) = ecr::ensure_repository(
                &ctx.ecr(),
                &ctx.repository,
                ecr::RepositorySettings::default(),
            )
            .await?;
            Ok(format!("created {}", repo.uri))
        }
        "image" => {
            let (layout, digest) = ctx.image.clone().expect("the image check builds it");
            let push = ImagePushArgs {
                repository: Some(ctx.repository.clone()),
                tag: ctx.tag.clone(),
                from: Some(layout),
                docker_image: None,
                registry: ctx.args.registry.clone(),
                plain_http: ctx.args.plain_http,
                username: None,
                password_stdin: false,
                jobs: 4,
                dry_run: false,
            };
            super::super::image::push(ctx.settings, &ctx.sink, &push).await?;
            Ok(format!("pushed {}:{} ({digest})", ctx.repository, ctx.tag))
        }
        "kubeconfig" => {
            let args = UpdateKubeconfigArgs {
                alias: None,
                user_alias: None,
                role_arn: None,
                dry_run: false,
            };
            super::super::kubeconfig::update(ctx.settings, &ctx.sink, &args).await?;
            Ok(format!("added {}", ctx.cluster().await?.arn))
        }
        "oidc" => {
            let cluster = ctx.cluster().await?.clone();
            let id = identity_of(&cluster)?;
            let client = aws_sdk_iam::Client::new(&ctx.aws);
            let provider = iam::find_oidc_provider(&client, id.issuer).await?;
            let thumb = match &ctx.args.thumbprint {
                Some(t) => t.clone(),
                None => {
                    thumbprint::issuer_thumbprint(id.issuer, thumbprint::native_roots()).await?
                }
            };
            let a = plan::assess_oidc(id.issuer, provider.as_ref(), Some(&thumb));
            if let Some(reason) = &a.blocked {
                bail!("cannot create the provider: {reason}");
            }
            iam::apply(&client, &a.steps).await?;
            Ok(format!("{} IAM call(s) for {}", a.steps.len(), id.issuer))
        }
        "alb-role" => {
            let (a, client) = assess_alb(ctx).await?;
            if let Some(reason) = &a.blocked {
                bail!("cannot fix the role yet: {reason}");
            }
            iam::apply(&client, &a.steps).await?;
            let (after, _) = assess_alb(ctx).await?;
            if !after.findings.is_empty() {
                bail!("the role still has problems: {}", findings(&after));
            }
            Ok(format!(
                "{} IAM call(s); {} verified",
                a.steps.len(),
                ctx.args.alb_role_name
            ))
        }
        "alb-controller" | "jaeger" | "collector" | "app" => {
            let install = HelmInstallArgs {
                target: helm_target(step),
                set: Vec::new(),
                values: Vec::new(),
                chart_version: None,
                image_tag: Some(ctx.tag.clone()),
                timeout: ctx.args.timeout,
                alb_role_name: ctx.args.alb_role_name.clone(),
                dry_run: false,
            };
            super::super::helm::install(ctx.settings, &ctx.sink, &install).await?;
            let p = pin(step);
            let namespace = helm::namespace(&p, &ctx.namespaces());
            Ok(format!(
                "{} {} deployed in {namespace}",
                p.release, p.version
            ))
        }
        "rollout" => {
            let deadline = tokio::time::Instant::now() + ctx.args.timeout;
            loop {
                let pending = pending_rollouts(ctx).await?;
                if pending.is_empty() {
                    return Ok("every release's deployments are available".into());
                }
                if tokio::time::Instant::now() >= deadline {
                    bail!(
                        "not rolled out after {:?}: {}",
                        ctx.args.timeout,
                        pending.join(", ")
                    );
                }
                tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            }
        }
        "verify" => super::verify::run(ctx).await,
        other => bail!("step {other} has nothing to do"),
    }
}

async fn assess_alb(ctx: &mut Ctx<'_>) -> Result<(plan::Assessment, aws_sdk_iam::Client)> {
    let cluster = ctx.cluster().await?.clone();
    let id = identity_of(&cluster)?;
    let client = aws_sdk_iam::Client::new(&ctx.aws);
    let names = AlbRoleNames {
        role: &ctx.args.alb_role_name,
        policy: policy::ALB_POLICY_NAME,
    };
    let state = iam::observe_alb_role(&client, &names, &id).await?;
    Ok((plan::assess_alb_role(&state, &names, &id), client))
}

/// Builds the image for this run (deterministic: the same binary gives the same digest) and
/// compares it with what the tag names in the registry.
async fn check_image(ctx: &mut Ctx<'_>) -> Result<Check> {
    let binary = match &ctx.args.binary {
        Some(path) => path.clone(),
        None => std::env::current_exe().context("cannot locate the otelctl binary")?,
    };
    let layout = ctx.staging.path().join("image");
    let build = ImageBuildArgs {
        layout: Some(layout.clone()),
        binary: vec![binary],
        base: "scratch".into(),
        platform: Vec::new(),
        entrypoint_args: "serve".into(),
        dockerfile: None,
        tag: None,
        context: None,
    };
    super::super::image::build(&ctx.sink, &build).await?;
    let read = layout.clone();
    let image = tokio::task::spawn_blocking(move || crate::image::layout::read(&read)).await??;
    let digest = image.root().digest.to_string();
    ctx.image = Some((layout, digest.clone()));
    if ecr::describe_repository(&ctx.ecr(), &ctx.repository)
        .await?
        .is_none()
    {
        return Ok(Check::Needed(format!(
            "push {}:{} ({digest})",
            ctx.repository, ctx.tag
        )));
    }
    let target = match &ctx.args.registry {
        Some(r) => Some(Target::parse(r, ctx.args.plain_http).map_err(|e| anyhow!(e))?),
        None => None,
    };
    let c =
        super::super::image::connect_ecr(ctx.settings, &ctx.sink, &ctx.repository, target).await?;
    let registry = Client::new(&c.target, c.credentials, c.login)?;
    let current = registry.manifest_digest(&ctx.repository, &ctx.tag).await?;
    Ok(match current {
        Some(d) if d == digest => {
            Check::Satisfied(format!("{}:{} is {digest}", ctx.repository, ctx.tag))
        }
        Some(d) => Check::Needed(format!(
            "{}:{} is {d}; push {digest}",
            ctx.repository, ctx.tag
        )),
        None => Check::Needed(format!("push {}:{} ({digest})", ctx.repository, ctx.tag)),
    })
}

/// The release is deployed at the pinned chart version (and, for the app, with this run's
/// image tag), read from Helm's release Secrets.
async fn check_release(ctx: &mut Ctx<'_>, step: &str) -> Result<Check> {
    let p = pin(step);
    let namespace = helm::namespace(&p, &ctx.namespaces());
    let secrets: Api<Secret> = Api::namespaced(ctx.kube().await?, &namespace);
    let selector = format!("{},name={}", releases::RELEASE_SELECTOR, p.release);
    let found = secrets
        .list(&ListParams::default().labels(&selector))
        .await?
        .items;
    let decoded: Vec<releases::Release> = found
        .iter()
        .filter_map(|s| releases::decode(s).ok())
        .collect();
    let Some(current) = releases::latest(decoded).into_iter().next() else {
        return Ok(Check::Needed(format!(
            "install {} {} into {namespace}",
            p.chart, p.version
        )));
    };
    let tag_ok = step != "app" || current.values["image"]["tag"].as_str() == Some(ctx.tag.as_str());
    Ok(
        if current.status == "deployed" && current.chart_version == p.version && tag_ok {
            Check::Satisfied(format!(
                "{} {} deployed (revision {})",
                p.release, p.version, current.revision
            ))
        } else if !tag_ok {
            Check::Needed(format!("upgrade {} to image tag {}", p.release, ctx.tag))
        } else {
            Check::Needed(format!(
                "upgrade {} from {} {} to {}",
                p.release, current.status, current.chart_version, p.version
            ))
        },
    )
}

/// Deployments of this run's releases (all of them when the run installs none) that are missing or still rolling out, as `ns/name`.
async fn pending_rollouts(ctx: &mut Ctx<'_>) -> Result<Vec<String>> {
    let client = ctx.kube().await?;
    let ns = ctx.namespaces();
    let mut pending = Vec::new();
    let pins = helm::pins();
    let in_plan = |p: &Pin| ctx.plan.contains(&p.target.as_str());
    // Without any release step in the plan (`--only rollout`), wait for them all.
    let any = pins.iter().any(in_plan);
    for p in pins.iter().filter(|p| !any || in_plan(p)) {
        let namespace = helm::namespace(p, &ns);
        let api: Api<Deployment> = Api::namespaced(client.clone(), &namespace);
        let selector = format!("app.kubernetes.io/instance={}", p.release);
        let list = api
            .list(&ListParams::default().labels(&selector))
            .await?
            .items;
        if list.is_empty() {
            pending.push(format!("{namespace}/{} (no deployment yet)", p.release));
        }
        pending.extend(list.iter().filter(|d| !rollout_complete(d)).map(|d| {
            format!(
                "{namespace}/{}",
                d.metadata.name.as_deref().unwrap_or_default()
            )
        }));
    }
    Ok(pending)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn deployment(generation: i64, status: serde_json::Value) -> Deployment {
        serde_json::from_value(json!({"metadata": {"name": "d", "generation": generation},
            "spec": {"replicas": 2, "selector": {}, "template": {}}, "status": status}))
        .unwrap()
    }

    #[test]
    fn a_rollout_is_complete_when_the_new_replicas_are_all_available() {
        let done = json!({"observedGeneration": 3, "updatedReplicas": 2, "availableReplicas": 2});
        assert!(rollout_complete(&deployment(3, done.clone())));
        assert!(
            !rollout_complete(&deployment(4, done)),
            "the controller has not seen generation 4"
        );
        let half = json!({"observedGeneration": 3, "updatedReplicas": 1, "availableReplicas": 2});
        assert!(!rollout_complete(&deployment(3, half)));
        assert!(!rollout_complete(&deployment(1, json!(null))));
    }
}

//! The clap definitions of the cluster-facing commands: kubeconfig, IAM, ECR, image,
//! infra, bootstrap, helm, port-forward and doctor. Part of `cli`, where every clap
//! definition lives; the doc comments are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use crate::settings::validate;

#[derive(Debug, Subcommand)]
pub enum KubeconfigCommand {
    /// Write cluster, user and context entries for an EKS cluster, like `aws eks update-kubeconfig`
    ///
    /// Every other entry in the file is kept. The write is atomic and locked, so concurrent
    /// updates of different clusters all land.
    #[command(
        after_help = "Examples:\n  otelctl kubeconfig update --cluster otel-dev\n  \
                            otelctl kubeconfig update --cluster otel-dev --alias dev --dry-run\n  \
                            otelctl kubeconfig update --cluster otel-dev --role-arn arn:aws:iam::123456789012:role/eks-admin"
    )]
    Update(UpdateKubeconfigArgs),
}

#[derive(Debug, Args)]
pub struct UpdateKubeconfigArgs {
    /// Context name to write (default: the cluster ARN)
    #[arg(long, value_name = "NAME")]
    pub alias: Option<String>,

    /// User entry name to write (default: the cluster ARN)
    #[arg(long, value_name = "NAME")]
    pub user_alias: Option<String>,

    /// IAM role the token plugin assumes before signing
    #[arg(long, value_name = "ARN", value_parser = validate::role_arn)]
    pub role_arn: Option<String>,

    /// Print the merged kubeconfig instead of writing it
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum IamCommand {
    /// Check the IAM OIDC provider for the cluster's issuer; --create associates it
    ///
    /// The provider must have the issuer's URL and the client id sts.amazonaws.com. The
    /// thumbprint is that of the last certificate in the issuer's TLS chain, as eksctl takes
    /// it; pass --thumbprint when the issuer cannot be reached from here.
    #[command(after_help = "Examples:\n  otelctl iam oidc --cluster otel-dev\n  \
                            otelctl iam oidc --cluster otel-dev --create\n  \
                            otelctl iam oidc --cluster otel-dev --create --dry-run -o json")]
    Oidc(OidcArgs),

    /// Check the AWS Load Balancer Controller's IRSA role and policy; --create fixes them
    ///
    /// Checks the trust policy (federated principal, action, sub and aud conditions) and that
    /// the controller policy is attached with every action the pinned controller needs.
    /// --create makes what is missing and never removes a statement: a role trusted by
    /// another cluster gains one for this cluster.
    #[command(
        after_help = "Examples:\n  otelctl iam alb-role --cluster otel-dev\n  \
                            otelctl iam alb-role --cluster otel-dev --create --dry-run\n  \
                            otelctl iam alb-role --cluster otel-dev --create"
    )]
    AlbRole(AlbRoleArgs),
}

#[derive(Debug, Args)]
pub struct OidcArgs {
    /// Create the provider (or add the sts.amazonaws.com client id) when missing
    #[arg(long)]
    pub create: bool,

    /// SHA-1 thumbprint of the issuer's root CA, when it cannot be fetched from here
    #[arg(long, value_name = "HEX", value_parser = crate::aws::iam::thumbprint::parse_thumbprint)]
    pub thumbprint: Option<String>,

    /// Print the IAM calls --create would make, and make none
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct AlbRoleArgs {
    /// Name of the controller's IAM role
    #[arg(long, value_name = "NAME", default_value = crate::aws::iam::policy::ALB_ROLE_NAME)]
    pub role_name: String,

    /// Name of the controller's managed policy
    #[arg(long, value_name = "NAME", default_value = crate::aws::iam::policy::ALB_POLICY_NAME)]
    pub policy_name: String,

    /// Create or fix whatever is missing: policy, role, trust statement, attachment
    #[arg(long)]
    pub create: bool,

    /// Print the IAM calls and policy documents --create would use, and make none
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum EcrCommand {
    /// Create the ECR repository if it is missing, and print its URI
    #[command(
        after_help = "Examples:\n  otelctl ecr ensure --repository opentelemetryproject/flask-hello\n  \
                            otelctl ecr ensure --scan-on-push --immutable-tags -o json"
    )]
    Ensure(EcrEnsureArgs),

    /// Print the registry password to stdout, for `docker login --password-stdin`
    ///
    /// The password goes to stdout only: never to stderr or a log, at any verbosity.
    #[command(
        after_help = "Examples:\n  otelctl ecr login | docker login --username AWS --password-stdin \
                            123456789012.dkr.ecr.us-east-1.amazonaws.com"
    )]
    Login,
}

#[derive(Debug, Args)]
pub struct EcrEnsureArgs {
    /// Repository name (default: `repository` in otelctl.toml, else otel-demo)
    #[arg(long, value_name = "NAME", value_parser = validate::repository)]
    pub repository: Option<String>,

    /// Scan images on push (for a new repository)
    #[arg(long)]
    pub scan_on_push: bool,

    /// Make tags immutable (for a new repository)
    #[arg(long)]
    pub immutable_tags: bool,

    /// Print the call that would create the repository, and make none
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum ImageCommand {
    /// Build an OCI image whose entrypoint is otelctl (`otelctl serve`), with no Docker
    ///
    /// ko-style: one reproducible layer holding a static Linux otelctl binary (mode 0555,
    /// fixed timestamps), run as the non-root user 65532, written as an OCI image layout
    /// (several platforms make an image index). The same binary and options always give
    /// the same digest. The binary is this otelctl when it is a static Linux build, else
    /// --binary (a static musl build: see the README). With --dockerfile it runs
    /// `docker build` (buildx when installed) instead.
    #[command(after_help = "Examples:\n  otelctl image build --layout ./image\n  \
                            otelctl image build --binary target/x86_64-unknown-linux-musl/release/otelctl --layout ./image\n  \
                            otelctl image build --platform linux/amd64,linux/arm64 --binary amd64/otelctl --binary arm64/otelctl --layout ./image\n  \
                            otelctl image build --dockerfile app/Dockerfile --tag flask-hello:dev")]
    #[command(group(clap::ArgGroup::new("mode").required(true).args(["layout", "dockerfile"])))]
    Build(ImageBuildArgs),

    /// Push an image to ECR (or another registry), creating the repository if needed
    ///
    /// The password comes from ECR GetAuthorizationToken and goes only into request headers:
    /// never to disk or to a log. Blobs the registry has are skipped; the others go up in
    /// parallel (one monolithic upload each, as ECR requires); the tag is written last.
    #[command(
        after_help = "Examples:\n  otelctl image push --from ./image --repository otel-demo --tag v1\n  \
                            otelctl image push --docker-image flask-hello:dev --repository opentelemetryproject/flask-hello --tag v1\n  \
                            otelctl image push --from ./image --repository otel-demo --tag v1 --registry 127.0.0.1:5000 --plain-http -o json"
    )]
    #[command(group(clap::ArgGroup::new("source").required(true).args(["from", "docker_image"])))]
    Push(ImagePushArgs),
}

#[derive(Debug, Args)]
pub struct ImageBuildArgs {
    /// Directory to write the OCI image layout to
    #[arg(long, value_name = "DIR", conflicts_with = "dockerfile")]
    pub layout: Option<PathBuf>,

    /// Static Linux otelctl binary to put in the image (repeat for several platforms)
    /// [default: this otelctl, when it is a static Linux build]
    #[arg(long, value_name = "PATH", conflicts_with = "dockerfile")]
    pub binary: Vec<PathBuf>,

    /// Base image: `scratch` (nothing under the binary), or `oci:DIR`, a local OCI layout
    /// (e.g. from `skopeo copy docker://gcr.io/distroless/static:nonroot oci:DIR`)
    #[arg(long, value_name = "scratch|oci:DIR", default_value = "scratch", value_parser = base_image, conflicts_with = "dockerfile")]
    pub base: String,

    /// Platforms to build, comma-separated [default: the binary's]
    #[arg(long, value_name = "PLATFORMS", value_delimiter = ',', value_parser = crate::image::oci::Platform::parse)]
    pub platform: Vec<crate::image::oci::Platform>,

    /// Arguments the image passes to otelctl (its Cmd), split on spaces
    #[arg(
        long,
        value_name = "ARGS",
        default_value = "serve",
        allow_hyphen_values = true,
        conflicts_with = "dockerfile"
    )]
    pub entrypoint_args: String,

    /// Build this Dockerfile with `docker build` instead (needs Docker)
    #[arg(long, value_name = "PATH", requires = "tag")]
    pub dockerfile: Option<PathBuf>,

    /// Image name and tag for --dockerfile, e.g. flask-hello:dev
    #[arg(long, value_name = "NAME[:TAG]", requires = "dockerfile")]
    pub tag: Option<String>,

    /// Build context for --dockerfile [default: the Dockerfile's directory]
    #[arg(long, value_name = "DIR", requires = "dockerfile")]
    pub context: Option<PathBuf>,
}

fn base_image(value: &str) -> Result<String, String> {
    match value.strip_prefix("oci:") {
        Some(dir) if !dir.is_empty() => Ok(value.to_owned()),
        _ if value == "scratch" => Ok(value.to_owned()),
        _ => Err(format!(
            "`{value}` is not a base otelctl builds on: use `scratch` or `oci:DIR` (a local OCI \
             layout, e.g. from `skopeo copy docker://IMAGE oci:DIR`)"
        )),
    }
}

#[derive(Debug, Args)]
pub struct ImagePushArgs {
    /// Repository to push to (default: `repository` in otelctl.toml, else otel-demo)
    #[arg(long, value_name = "NAME", value_parser = validate::repository)]
    pub repository: Option<String>,

    /// Tag to push, e.g. v1 or latest
    #[arg(long, value_name = "TAG", value_parser = image_tag)]
    pub tag: String,

    /// OCI image layout to push (what `otelctl image build --layout` writes)
    #[arg(long, value_name = "DIR")]
    pub from: Option<PathBuf>,

    /// An image in the local Docker engine, read with `docker save` (no `docker login`)
    #[arg(long, value_name = "NAME")]
    pub docker_image: Option<String>,

    /// Registry to push to instead of the account's ECR, e.g. 127.0.0.1:5000
    #[arg(long, value_name = "HOST[:PORT]")]
    pub registry: Option<String>,

    /// Speak plain HTTP to the registry (loopback hosts only)
    #[arg(long)]
    pub plain_http: bool,

    /// Username for --registry, instead of ECR's (the password is read from stdin)
    #[arg(long, value_name = "NAME", requires_all = ["registry", "password_stdin"])]
    pub username: Option<String>,

    /// Read the --username password from stdin
    #[arg(long, requires = "username")]
    pub password_stdin: bool,

    /// Blobs uploaded at the same time
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=32))]
    pub jobs: u16,

    /// Verify the image and print what would be pushed where; contact no registry
    #[arg(long)]
    pub dry_run: bool,
}

fn image_tag(value: &str) -> Result<String, String> {
    let ok = (1..=128).contains(&value.len())
        && value
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
    if ok {
        Ok(value.to_owned())
    } else {
        Err(format!(
            "`{value}` is not a valid tag (letters, digits, '_', '.', '-'; at most 128; not \
             starting with '.' or '-')"
        ))
    }
}

#[derive(Debug, Subcommand)]
pub enum InfraCommand {
    /// terraform init
    #[command(
        after_help = "Examples:\n  otelctl infra init\n  otelctl infra init --dir infra/terraform"
    )]
    Init(InfraArgs),

    /// terraform plan, with the cluster, region and repository from otelctl's settings
    #[command(after_help = "Examples:\n  otelctl infra plan --cluster otel-dev --region us-east-1")]
    Plan(InfraArgs),

    /// terraform apply, refused while AWS has resources the state lacks (the 409 loop)
    ///
    /// A cluster, repository or ALB role that exists in AWS but not in the state makes
    /// Create* answer 409 on every apply. otelctl checks first, prints the exact
    /// `terraform import` commands, and runs them with --auto-import.
    #[command(after_help = "Examples:\n  otelctl infra apply --cluster otel-dev\n  \
                            otelctl infra apply --cluster otel-dev --auto-import --yes\n  \
                            otelctl infra apply --cluster otel-dev --dry-run")]
    Apply(InfraApplyArgs),

    /// terraform import for every resource AWS has and the state lacks
    #[command(after_help = "Examples:\n  otelctl infra import --cluster otel-dev")]
    Import(InfraArgs),
}

#[derive(Debug, Args)]
pub struct InfraArgs {
    /// The Terraform root module
    #[arg(long, value_name = "DIR", default_value = "terraform")]
    pub dir: std::path::PathBuf,

    /// Print the terraform commands instead of running them
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct InfraApplyArgs {
    #[command(flatten)]
    pub common: InfraArgs,

    /// Import what AWS has and the state lacks, then apply
    #[arg(long)]
    pub auto_import: bool,
}

/// `otelctl bootstrap`
#[derive(Debug, Clone, Args)]
pub struct BootstrapArgs {
    /// Run only these steps (repeat or comma-separate)
    #[arg(long, value_name = "STEP", value_delimiter = ',')]
    pub only: Vec<String>,

    /// Leave out these steps (repeat or comma-separate)
    #[arg(long, value_name = "STEP", value_delimiter = ',')]
    pub skip: Vec<String>,

    /// Print the plan and what each step would change; change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Create the infrastructure with Terraform from this root module first
    #[arg(long, value_name = "DIR")]
    pub terraform: Option<PathBuf>,

    /// The static Linux otelctl to put in the image [default: this one, when it is]
    #[arg(long, value_name = "PATH")]
    pub binary: Option<PathBuf>,

    /// The image tag [default: this otelctl's version]
    #[arg(long, value_name = "TAG")]
    pub image_tag: Option<String>,

    /// Push to this registry instead of the account's ECR (with ECR's password)
    #[arg(long, value_name = "HOST[:PORT]")]
    pub registry: Option<String>,

    /// Plain http to a loopback --registry
    #[arg(long, requires = "registry")]
    pub plain_http: bool,

    /// The issuer's CA thumbprint, when its TLS chain cannot be read from here
    #[arg(long, value_name = "SHA1", value_parser = crate::aws::iam::thumbprint::parse_thumbprint)]
    pub thumbprint: Option<String>,

    /// The ALB controller's IAM role
    #[arg(long, value_name = "NAME", default_value = crate::aws::iam::policy::ALB_ROLE_NAME)]
    pub alb_role_name: String,

    /// How long helm and the rollout wait may take, each
    #[arg(long, value_name = "DURATION", default_value = "10m", value_parser = validate::duration)]
    pub timeout: std::time::Duration,

    /// How long to wait for the verification traces to appear in Jaeger
    #[arg(long, value_name = "DURATION", default_value = "2m", value_parser = validate::duration)]
    pub verify_timeout: std::time::Duration,

    /// Measure the verification again even when Jaeger holds one from the last hour
    #[arg(long)]
    pub reverify: bool,

    /// How many traced requests the verification sends
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub requests: u16,
}

#[derive(Debug, Subcommand)]
pub enum HelmCommand {
    /// `helm upgrade --install` a release with its pinned chart and embedded values
    ///
    /// Runs the helm binary (3.8 or newer): `repo add`/`update` when the pinned chart
    /// version is not in the local cache, then `upgrade --install --namespace NS
    /// --create-namespace --wait --timeout T --atomic` with the embedded values in a
    /// temporary file. otelctl fills in what it knows: the ALB controller's cluster name,
    /// region, VPC and IRSA role; the app's ECR image. `all` installs alb-controller →
    /// jaeger → collector → app.
    #[command(after_help = "Examples:\n  otelctl helm install all --cluster otel-dev --image-tag v2\n  \
                            otelctl helm install app --set replicaCount=3 -f my-values.yaml\n  \
                            otelctl helm install jaeger --version 4.11.1\n  \
                            otelctl helm install all --dry-run   # print the helm commands",
        // `--version` is the chart's here, as in helm itself.
        disable_version_flag = true
    )]
    Install(HelmInstallArgs),
}

/// What `otelctl helm install` installs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HelmTarget {
    /// The demo app (assets/charts/otel-demo), in the app namespace
    App,
    /// Jaeger (jaegertracing/jaeger), in the Jaeger namespace
    Jaeger,
    /// The OpenTelemetry Collector (open-telemetry/opentelemetry-collector)
    Collector,
    /// The AWS Load Balancer Controller (eks/aws-load-balancer-controller), in kube-system
    AlbController,
    /// All four, in order: alb-controller, jaeger, collector, app
    All,
}

impl HelmTarget {
    /// The target's name in assets/charts/versions.toml.
    pub fn name(self) -> &'static str {
        match self {
            HelmTarget::App => "app",
            HelmTarget::Jaeger => "jaeger",
            HelmTarget::Collector => "collector",
            HelmTarget::AlbController => "alb-controller",
            HelmTarget::All => "all",
        }
    }
}

/// `otelctl helm install`
#[derive(Debug, Clone, Args)]
pub struct HelmInstallArgs {
    /// What to install
    #[arg(value_enum)]
    pub target: HelmTarget,

    /// Set a chart value (helm's --set syntax); repeatable; one target only
    #[arg(long, value_name = "KEY=VALUE")]
    pub set: Vec<String>,

    /// A values file layered over the embedded one; repeatable; one target only
    #[arg(short = 'f', long = "values", value_name = "FILE")]
    pub values: Vec<std::path::PathBuf>,

    /// Chart version instead of the pinned one; one target only
    #[arg(long = "version", id = "chart_version", value_name = "VERSION")]
    pub chart_version: Option<String>,

    /// The app image's tag in the ECR repository [default: this otelctl's version]
    #[arg(long, value_name = "TAG")]
    pub image_tag: Option<String>,

    /// How long helm waits for each release to be ready
    #[arg(long, value_name = "DURATION", default_value = "10m", value_parser = validate::duration)]
    pub timeout: std::time::Duration,

    /// The ALB controller's IAM role, as `otelctl iam alb-role` names it
    #[arg(long, value_name = "NAME", default_value = crate::aws::iam::policy::ALB_ROLE_NAME)]
    pub alb_role_name: String,

    /// Print the helm commands instead of running them
    #[arg(long)]
    pub dry_run: bool,
}

/// What `otelctl port-forward` reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ForwardTarget {
    /// Jaeger's UI and query API (16686), in the Jaeger namespace
    Jaeger,
    /// The demo app's HTTP port (80 on the service), in the app namespace
    App,
    /// The collector's OTLP/HTTP port (4318), in the collector namespace
    Collector,
}

/// `otelctl port-forward`
#[derive(Debug, Clone, Args)]
pub struct PortForwardArgs {
    /// What to forward to
    #[arg(value_enum)]
    pub target: ForwardTarget,

    /// Local port [default: the service's port]
    #[arg(long, value_name = "PORT")]
    pub local_port: Option<u16>,

    /// Local address to listen on
    #[arg(long, value_name = "IP", default_value = "127.0.0.1")]
    pub address: std::net::IpAddr,
}

/// `otelctl doctor`
#[derive(Debug, Clone, Args)]
pub struct DoctorArgs {
    /// Run only these checks: ids or prefixes (`cni.`, `kube`); repeat or comma-separate
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub only: Vec<String>,

    /// Leave out these checks: ids or prefixes; repeat or comma-separate
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub skip: Vec<String>,

    /// Count warnings as failures (exit 1)
    #[arg(long)]
    pub strict: bool,

    /// Give each check at most this long
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = validate::duration)]
    pub timeout: std::time::Duration,

    /// Namespaces whose pods kube.pods inspects [default: the app, collector and Jaeger
    /// namespaces, and kube-system]
    #[arg(long = "pods-namespace", value_name = "NS", value_delimiter = ',', value_parser = validate::namespace)]
    pub pod_namespaces: Vec<String>,

    /// Terraform root module for terraform.state [default: ./terraform when it exists]
    #[arg(long, value_name = "DIR")]
    pub terraform_dir: Option<std::path::PathBuf>,

    /// The ALB controller's IAM role, as `otelctl iam alb-role` names it
    #[arg(long, value_name = "NAME", default_value = crate::aws::iam::policy::ALB_ROLE_NAME)]
    pub alb_role_name: String,

    /// List the checks (id, needs, title) and exit
    #[arg(long)]
    pub list: bool,
}

//! Every clap definition of otelctl, in one place.
//!
//! The doc comments here are the `--help` text users read, so they say what a command is
//! for and show an example. Values are parsed (not validated against the world) here;
//! `settings.rs` merges them with the environment and `otelctl.toml`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::settings::validate;

/// Stand up, diagnose and demo distributed tracing on AWS EKS.
///
/// otelctl turns the EKS + OpenTelemetry + Jaeger runbook into commands that check before
/// they act and explain what is wrong.
#[derive(Debug, Parser)]
#[command(
    name = "otelctl",
    version,
    propagate_version = true,
    arg_required_else_help = true,
    after_help = "Exit codes: 0 ok, 1 a check or operation failed, 2 usage, \
                  3 credentials or permission, 4 not found, 5 unexpected."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes. Each may also come from the environment or `otelctl.toml`
/// (flag > environment > file > default).
#[derive(Debug, Args, Default, Clone)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]
    #[arg(long, global = true, value_name = "REGION", value_parser = validate::region)]
    pub region: Option<String>,

    /// AWS shared-config profile [env: AWS_PROFILE]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// EKS cluster name [env: OTELCTL_CLUSTER]
    #[arg(long, global = true, value_name = "NAME", value_parser = validate::cluster_name)]
    pub cluster: Option<String>,

    /// Kubeconfig file to read and write [env: KUBECONFIG]
    #[arg(long, global = true, value_name = "PATH")]
    pub kubeconfig: Option<PathBuf>,

    /// Kubeconfig context to use instead of the current one
    #[arg(long, global = true, value_name = "NAME")]
    pub context: Option<String>,

    /// Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user
    /// config directory's otelctl/otelctl.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Output format for results on stdout
    #[arg(short, long, global = true, value_enum, value_name = "FORMAT")]
    pub output: Option<OutputFormat>,

    /// More logging on stderr (-v debug, -vv trace); RUST_LOG overrides
    #[arg(short, long, global = true, action = clap::ArgAction::Count, conflicts_with = "quiet")]
    pub verbose: u8,

    /// Only results and errors: no progress, no notes
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Never colour the output [env: NO_COLOR]
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Answer yes to every confirmation prompt
    #[arg(long, global = true)]
    pub yes: bool,
}

/// How results are written to stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    /// Tables and sentences for people
    #[default]
    Human,
    /// One JSON document, stable field names, for scripts
    Json,
    /// JUnit XML, one testcase per check (`otelctl doctor` only), for CI
    Junit,
}

impl Command {
    /// Long-running commands log at info level by default (a server's log is its output).
    pub fn is_long_running(&self) -> bool {
        matches!(self, Command::Serve(_) | Command::Traces(_))
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the AWS identity and region otelctl will act as (STS GetCallerIdentity)
    #[command(after_help = "Examples:\n  otelctl whoami\n  otelctl whoami --profile prod -o json")]
    Whoami,

    /// Manage kubeconfig entries for EKS clusters
    #[command(subcommand)]
    Kubeconfig(KubeconfigCommand),

    /// IAM for IRSA: the cluster's OIDC provider and the ALB controller's role
    #[command(subcommand)]
    Iam(IamCommand),

    /// ECR: the image repository and the registry password
    #[command(subcommand)]
    Ecr(EcrCommand),

    /// Build the otelctl image without Docker, and push images to ECR without `docker login`
    #[command(subcommand)]
    Image(ImageCommand),

    /// Run Terraform on terraform/ with otelctl's settings, catching state drift first
    #[command(subcommand)]
    Infra(InfraCommand),

    /// Print an EKS bearer token as ExecCredential JSON (the kubeconfig exec plugin)
    #[command(
        after_help = "kubectl runs this for you after `otelctl kubeconfig update`.\n\n\
                            Examples:\n  otelctl token --cluster otel-dev --region us-east-1\n  \
                            otelctl token --cluster otel-dev --role-arn arn:aws:iam::123456789012:role/eks-admin"
    )]
    Token(TokenArgs),

    /// Run the whole runbook as one idempotent, resumable plan, and prove traces arrive
    ///
    /// identity → infra (with --terraform) → ECR repository → image build and push →
    /// kubeconfig → OIDC provider → ALB role → helm alb-controller → jaeger → collector →
    /// app → rollouts → verify (requests with known trace ids through the app, then
    /// Jaeger's query API until they appear, both via port-forward). Each step checks
    /// before it acts and is skipped when already done, so a rerun resumes where a failure
    /// or Ctrl-C stopped it.
    #[command(
        after_help = "Examples:\n  otelctl bootstrap --cluster otel-dev --dry-run   # the plan, and what would change\n  \
                            otelctl bootstrap --cluster otel-dev --yes\n  \
                            otelctl bootstrap --cluster otel-dev --terraform terraform --yes -o json   # CI: one JSON event per line\n  \
                            otelctl bootstrap --only verify"
    )]
    Bootstrap(BootstrapArgs),

    /// Install the runbook's Helm releases: the app, Jaeger, the collector, the ALB controller
    #[command(subcommand)]
    Helm(HelmCommand),

    /// Diagnose the cluster and the tracing pipeline: every runbook check, concurrently
    ///
    /// Read-only. Answers "why don't my traces show up?" and "why don't my pods start?":
    /// AWS identity, the EKS cluster and its version, IAM OIDC and the ALB role, ECR,
    /// Terraform state drift, the kubeconfig context, nodes, pods, VPC CNI IP capacity,
    /// the ALB controller, Helm releases, the collector, Jaeger and the HPA. Exits 1 when a
    /// check fails or errors (with --strict, also on warnings).
    #[command(after_help = "Examples:\n  otelctl doctor --cluster otel-dev\n  \
                            otelctl doctor --only cni. --only kube.pods\n  \
                            otelctl doctor --skip tools. -o json | jq '.checks[] | select(.status != \"pass\")'\n  \
                            otelctl doctor -o junit > doctor.xml   # CI: one testcase per check\n  \
                            otelctl doctor --list")]
    Doctor(DoctorArgs),

    /// Forward a local port to Jaeger, the app or the collector, with no kubectl
    ///
    /// Resolves the service to a ready pod and forwards each local connection to it
    /// through the API server (the seed's `kubectl -n jaeger port-forward svc/jaeger
    /// 16686:16686`). Runs until Ctrl-C.
    #[command(
        name = "port-forward",
        after_help = "Examples:\n  otelctl port-forward jaeger            # then open http://127.0.0.1:16686\n  \
                            otelctl port-forward app --local-port 8081\n  \
                            otelctl port-forward collector           # OTLP/HTTP on 127.0.0.1:4318"
    )]
    PortForward(PortForwardArgs),

    /// Run the traced demo service (the seed's Flask app, built in)
    ///
    /// Routes: / (page with this request's trace id), /api/hello, /api/work (nested child
    /// spans: depth, delay_ms, fail_rate), /healthz, /readyz, /metrics. Spans go over OTLP
    /// as the OTEL_* environment says (OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS,
    /// OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER, OTEL_BSP_*, OTEL_SDK_DISABLED, ...).
    #[command(after_help = "Examples:\n  otelctl serve\n  \
                            otelctl serve --listen 127.0.0.1:8080 --otlp-endpoint http://localhost:4317\n  \
                            OTEL_SERVICE_NAME=shop OTEL_TRACES_SAMPLER=traceidratio OTEL_TRACES_SAMPLER_ARG=0.1 otelctl serve")]
    Serve(ServeArgs),

    /// Run the whole tracing pipeline on this machine: load → service → OTLP → receiver
    ///
    /// Starts the trace receiver and the demo service in one process, drives traffic
    /// through them for --duration, then prints what arrived and the slowest trace as a
    /// waterfall. No AWS, no cluster, no Docker.
    #[command(
        after_help = "Examples:\n  otelctl demo\n  otelctl demo --duration 5s --rate 200\n  \
                            otelctl demo --keep-running   # then browse the query API until Ctrl-C"
    )]
    Demo(DemoArgs),

    /// Send traced HTTP load and report latency, with the trace ids of the slowest requests
    ///
    /// Every request carries a fresh W3C traceparent, so it is its own trace in the
    /// backend. With --rate (the open model) requests go at their scheduled times and
    /// latency counts from then, so a stalled server is not hidden (coordinated omission).
    #[command(
        after_help = "Examples:\n  otelctl loadgen -z 30s -c 20 http://127.0.0.1:8080/api/hello\n  \
                            otelctl loadgen -n 10000 -r 500 --fail-on 'p99>250ms,error_rate>1%' http://demo/api/work\n  \
                            otelctl loadgen -z 1m --otlp-endpoint http://localhost:4317 --jaeger-url http://localhost:16686 URL\n  \
                            otelctl loadgen --in-cluster --workers 4 -z 2m -r 2000 http://otel-demo.app.svc/api/work   # 4 pods, 500 req/s each"
    )]
    #[command(group(clap::ArgGroup::new("bound").required(true).args(["requests", "duration"])))]
    Loadgen(LoadgenArgs),

    /// Receive OTLP traces and serve them through a Jaeger-compatible query API
    ///
    /// A small Jaeger on one machine: OTLP over gRPC, HTTP/protobuf and HTTP/JSON in; a
    /// bounded in-memory store (oldest traces evicted first); /api/services,
    /// /api/services/{service}/operations, /api/traces and /api/traces/{id} out.
    #[command(after_help = "Examples:\n  otelctl traces\n  \
                            otelctl traces --grpc 0.0.0.0:4317 --http 0.0.0.0:4318 --ui 0.0.0.0:16686\n  \
                            curl 'http://127.0.0.1:16686/api/traces?service=otel-demo&limit=5&lookback=1h'")]
    Traces(TracesArgs),

    /// Print a shell completion script to stdout
    #[command(
        after_help = "Examples:\n  otelctl completions bash > ~/.local/share/bash-completion/completions/otelctl\n  \
                            otelctl completions zsh > \"${fpath[1]}/_otelctl\"\n  \
                            otelctl completions powershell | Out-String | Invoke-Expression"
    )]
    Completions(CompletionsArgs),
}

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

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on
    #[arg(long, value_name = "ADDR", default_value = "0.0.0.0:8080")]
    pub listen: std::net::SocketAddr,

    /// OTLP endpoint, overriding OTEL_EXPORTER_OTLP_ENDPOINT (port 4317 means gRPC)
    #[arg(long, value_name = "URL")]
    pub otlp_endpoint: Option<String>,

    /// How long in-flight requests may take to finish after SIGTERM or Ctrl-C
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = validate::duration)]
    pub grace: std::time::Duration,

    /// After SIGTERM, keep serving (with /readyz failing) this long before closing the
    /// listener, so load balancers stop sending requests first
    #[arg(long, value_name = "DURATION", default_value = "0s", value_parser = validate::duration)]
    pub drain_delay: std::time::Duration,

    /// Longest time a client may take to send its request headers (answered with 408)
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = validate::duration)]
    pub header_timeout: std::time::Duration,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How long to send traffic
    #[arg(long, value_name = "DURATION", default_value = "15s", value_parser = validate::duration)]
    pub duration: std::time::Duration,

    /// Requests per second across all connections
    #[arg(long, value_name = "RPS", default_value_t = 50.0, value_parser = positive_rate)]
    pub rate: f64,

    /// Concurrent connections
    #[arg(short, long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub concurrency: u16,

    /// Demo service address (a free port is used when it is taken)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,

    /// The receiver's addresses (in the demo, a free port is used when one is taken)
    #[command(flatten)]
    pub receiver: ReceiverAddrs,

    /// Keep the service and the receiver running after the summary, until Ctrl-C
    #[arg(long)]
    pub keep_running: bool,
}

fn positive_rate(value: &str) -> Result<f64, String> {
    value
        .parse::<f64>()
        .ok()
        .filter(|r| r.is_finite() && *r > 0.0)
        .ok_or_else(|| format!("`{value}` is not a positive rate"))
}

#[derive(Debug, Args)]
pub struct LoadgenArgs {
    /// Target URL (http:// or https://)
    #[arg(value_name = "URL", value_parser = target_url)]
    pub url: http::Uri,

    /// Concurrent connections
    #[arg(short, long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..))]
    pub concurrency: u16,

    /// Total requests per second (open model); without it, as fast as responses come
    #[arg(short, long, value_name = "RPS", value_parser = positive_rate)]
    pub rate: Option<f64>,

    /// Send exactly this many requests
    #[arg(short = 'n', long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub requests: Option<u64>,

    /// Send for this long
    #[arg(short = 'z', long, value_name = "DURATION", value_parser = validate::duration)]
    pub duration: Option<std::time::Duration>,

    /// HTTP method
    #[arg(long, value_name = "METHOD", default_value = "GET", value_parser = http_method)]
    pub method: http::Method,

    /// A request header, `Name: value` (repeatable)
    #[arg(short = 'H', long = "header", value_name = "HEADER", value_parser = http_header)]
    pub headers: Vec<(http::HeaderName, http::HeaderValue)>,

    /// Request body
    #[arg(long, value_name = "TEXT", conflicts_with = "body_file")]
    pub body: Option<String>,

    /// Request body, read from a file
    #[arg(long, value_name = "PATH")]
    pub body_file: Option<std::path::PathBuf>,

    /// Per-request timeout
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = validate::duration)]
    pub timeout: std::time::Duration,

    /// Send requests for this long first, without counting them
    #[arg(long, value_name = "DURATION", default_value = "0s", value_parser = validate::duration)]
    pub warmup: std::time::Duration,

    /// Use HTTP/2 (h2c prior knowledge for http://, ALPN for https://)
    #[arg(long)]
    pub http2: bool,

    /// Accept any TLS certificate
    #[arg(long)]
    pub insecure: bool,

    /// Fraction of requests whose traceparent is marked sampled
    #[arg(long, value_name = "FRACTION", default_value_t = 1.0, value_parser = fraction)]
    pub sample_rate: f64,

    /// Export a client span per request over OTLP to this endpoint
    #[arg(long, value_name = "URL")]
    pub otlp_endpoint: Option<String>,

    /// Jaeger (or otelctl traces) UI base URL, to print links to the slowest and failed traces
    #[arg(long, value_name = "URL")]
    pub jaeger_url: Option<String>,

    /// Exit 1 when a threshold is crossed, e.g. 'p99>250ms,error_rate>1%'
    #[arg(long, value_name = "SPEC", value_parser = crate::loadgen::thresholds::fail_on)]
    pub fail_on: Option<crate::loadgen::thresholds::FailOn>,

    /// Run the load from pods in the cluster (a Kubernetes Job), and merge their reports
    ///
    /// -n and --rate are the run's totals, shared among the workers; -c is per worker.
    #[arg(long, help_heading = "In the cluster")]
    pub in_cluster: bool,

    /// How many worker pods send the load
    #[arg(long, value_name = "N", default_value_t = 1, requires = "in_cluster",
          value_parser = clap::value_parser!(u32).range(1..=1000), help_heading = "In the cluster")]
    pub workers: u32,

    /// Namespace of the Job [default: the app namespace]
    #[arg(
        long,
        value_name = "NAME",
        requires = "in_cluster",
        help_heading = "In the cluster"
    )]
    pub namespace: Option<String>,

    /// Worker image [default: the ECR repository's URI, tagged with this otelctl's version]
    #[arg(
        long,
        value_name = "IMAGE",
        requires = "in_cluster",
        help_heading = "In the cluster"
    )]
    pub image: Option<String>,

    /// Leave the Job and its pods in place afterwards (they expire after an hour)
    #[arg(long, requires = "in_cluster", help_heading = "In the cluster")]
    pub keep_job: bool,

    /// Give up on the workers after this long [default: the run's duration + 10m]
    #[arg(long, value_name = "DURATION", requires = "in_cluster",
          value_parser = validate::duration, help_heading = "In the cluster")]
    pub job_timeout: Option<std::time::Duration>,

    /// Worker mode (what the Job's pods run): this process sends share INDEX of N of -n and
    /// --rate, and its JSON report carries its statistics for merging
    #[arg(long, value_name = "INDEX/N", hide = true, conflicts_with = "in_cluster",
          value_parser = worker_share)]
    pub worker: Option<(u32, u32)>,
}

fn worker_share(value: &str) -> Result<(u32, u32), String> {
    value
        .split_once('/')
        .and_then(|(i, n)| Some((i.trim().parse().ok()?, n.trim().parse().ok()?)))
        .filter(|&(i, n): &(u32, u32)| i < n)
        .ok_or_else(|| format!("`{value}` is not INDEX/N with INDEX < N"))
}

fn target_url(value: &str) -> Result<http::Uri, String> {
    let uri: http::Uri = value
        .parse()
        .map_err(|e| format!("`{value}` is not a URL: {e}"))?;
    match (uri.scheme_str(), uri.host()) {
        (Some("http" | "https"), Some(_)) => Ok(uri),
        _ => Err(format!(
            "`{value}` needs an http:// or https:// scheme and a host, e.g. http://127.0.0.1:8080/"
        )),
    }
}

fn http_method(value: &str) -> Result<http::Method, String> {
    http::Method::from_bytes(value.to_ascii_uppercase().as_bytes())
        .map_err(|_| format!("`{value}` is not an HTTP method"))
}

fn http_header(value: &str) -> Result<(http::HeaderName, http::HeaderValue), String> {
    let (name, v) = value
        .split_once(':')
        .ok_or_else(|| format!("`{value}` is not `Name: value`"))?;
    let name = http::HeaderName::from_bytes(name.trim().as_bytes())
        .map_err(|_| format!("`{}` is not a header name", name.trim()))?;
    let v = http::HeaderValue::from_str(v.trim())
        .map_err(|_| format!("the value of `{name}` is not a valid header value"))?;
    Ok((name, v))
}

fn fraction(value: &str) -> Result<f64, String> {
    value
        .parse::<f64>()
        .ok()
        .filter(|f| (0.0..=1.0).contains(f))
        .ok_or_else(|| format!("`{value}` is not a fraction from 0 to 1"))
}

/// Where the trace receiver listens (`traces` and `demo`).
#[derive(Debug, Args)]
pub struct ReceiverAddrs {
    /// OTLP/gRPC listen address
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:4317")]
    pub grpc: std::net::SocketAddr,

    /// OTLP/HTTP listen address (protobuf and JSON on /v1/traces)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:4318")]
    pub http: std::net::SocketAddr,

    /// Trace viewer and query API listen address
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:16686")]
    pub ui: std::net::SocketAddr,
}

#[derive(Debug, Args)]
pub struct TracesArgs {
    #[command(flatten)]
    pub receiver: ReceiverAddrs,

    /// Most spans kept; the oldest traces are evicted beyond it
    #[arg(long, value_name = "N", default_value_t = 200_000)]
    pub max_spans: usize,

    /// Most memory the stored spans may take, in MiB
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    pub max_bytes_mib: usize,
}

#[derive(Debug, Args)]
pub struct TokenArgs {
    /// IAM role to assume before signing
    #[arg(long, value_name = "ARN", value_parser = validate::role_arn)]
    pub role_arn: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell to generate the script for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_flags_parse_after_the_subcommand() {
        let cli = Cli::try_parse_from([
            "otelctl",
            "whoami",
            "--region",
            "eu-west-1",
            "-o",
            "json",
            "-vv",
        ])
        .unwrap();
        assert_eq!(cli.global.region.as_deref(), Some("eu-west-1"));
        assert_eq!(cli.global.output, Some(OutputFormat::Json));
        assert_eq!(cli.global.verbose, 2);
    }

    #[test]
    fn bad_region_flag_is_a_usage_error() {
        let err = Cli::try_parse_from(["otelctl", "whoami", "--region", "us east"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ValueValidation);
    }
}

//! Every clap definition of otelctl, in one place: this module and its two parts,
//! `platform` (the cluster-facing commands) and `workload` (serve, demo, loadgen, traces).
//!
//! The doc comments here are the `--help` text users read, so they say what a command is
//! for and show an example. Values are parsed (not validated against the world) here;
//! `settings.rs` merges them with the environment and `otelctl.toml`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::settings::validate;

mod platform;
mod workload;

pub use platform::*;
pub use workload::*;

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

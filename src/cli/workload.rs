//! The clap definitions of the workload commands: serve, demo, loadgen and traces. Part of
//! `cli`, where every clap definition lives; the doc comments are the `--help` text.

use clap::Args;

use crate::settings::validate;

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

//! The `OTEL_*` environment, resolved into one plain struct before anything starts.
//!
//! The OpenTelemetry SDK environment specification decides the names and defaults; this
//! module decides them once, so `serve` and `loadgen` agree and the rules are unit-tested.

use std::time::Duration;

use thiserror::Error;

use crate::settings::Env;

/// How spans travel to the collector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    Grpc,
    HttpProtobuf,
}

/// Which spans are kept.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SamplerChoice {
    AlwaysOn,
    AlwaysOff,
    TraceIdRatio(f64),
    ParentBasedAlwaysOn,
    ParentBasedAlwaysOff,
    ParentBasedTraceIdRatio(f64),
}

/// Batch span processor settings (`OTEL_BSP_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchSettings {
    pub max_queue_size: usize,
    pub scheduled_delay: Duration,
    pub max_export_batch_size: usize,
    pub export_timeout: Duration,
}

/// Everything needed to start tracing.
#[derive(Debug, Clone, PartialEq)]
pub struct TelemetryConfig {
    /// `OTEL_SDK_DISABLED=true`: no spans at all.
    pub disabled: bool,
    pub protocol: Protocol,
    /// The full URL spans are sent to (for HTTP, including `/v1/traces`).
    pub endpoint: String,
    /// Sent with every export. Often credentials: never printed.
    pub headers: Headers,
    /// How long one export request may take (`OTEL_EXPORTER_OTLP_TIMEOUT`).
    pub timeout: Duration,
    pub service_name: String,
    /// Resource attributes besides `service.name`, in order.
    pub resource: Vec<(String, String)>,
    pub sampler: SamplerChoice,
    pub batch: BatchSettings,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("{name}={value}: {reason}")]
    Invalid {
        name: &'static str,
        value: String,
        reason: String,
    },
}

fn invalid(name: &'static str, value: &str, reason: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        name,
        value: value.to_owned(),
        reason: reason.into(),
    }
}

/// What the caller knows beyond the environment.
#[derive(Debug, Clone, Default)]
pub struct Overrides<'a> {
    /// `--otlp-endpoint`: beats every endpoint variable.
    pub endpoint: Option<&'a str>,
    /// The default service name of the calling command.
    pub default_service_name: &'a str,
    /// `host.name`, measured by the caller.
    pub host_name: Option<&'a str>,
}

/// Resolves the `OTEL_*` variables. Pure.
pub fn resolve(env: &dyn Env, overrides: &Overrides<'_>) -> Result<TelemetryConfig, ConfigError> {
    let disabled = env
        .var("OTEL_SDK_DISABLED")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    let (protocol, endpoint) = endpoint(env, overrides.endpoint)?;

    let mut resource = match env.var("OTEL_RESOURCE_ATTRIBUTES") {
        Some(text) => parse_resource_attributes(&text)
            .map_err(|why| invalid("OTEL_RESOURCE_ATTRIBUTES", &text, why))?,
        None => Vec::new(),
    };
    let from_attributes = take(&mut resource, "service.name");
    let service_name = env
        .var("OTEL_SERVICE_NAME")
        .or(from_attributes)
        .unwrap_or_else(|| overrides.default_service_name.to_owned());
    let mut defaults = vec![(
        "service.version",
        Some(env!("CARGO_PKG_VERSION").to_owned()),
    )];
    defaults.push(("host.name", overrides.host_name.map(str::to_owned)));
    // The chart passes the pod's name and namespace through the downward API.
    defaults.push((
        "k8s.pod.name",
        env.var("K8S_POD_NAME").or_else(|| env.var("POD_NAME")),
    ));
    defaults.push((
        "k8s.namespace.name",
        env.var("K8S_NAMESPACE_NAME")
            .or_else(|| env.var("POD_NAMESPACE")),
    ));
    for (key, value) in defaults {
        if let Some(value) = value
            && !resource.iter().any(|(k, _)| k == key)
        {
            resource.push((key.to_owned(), value));
        }
    }

    no_compression(env)?;
    Ok(TelemetryConfig {
        disabled,
        protocol,
        endpoint,
        headers: headers(env)?,
        timeout: exporter_timeout(env)?,
        service_name,
        resource,
        sampler: sampler(env)?,
        batch: batch(env)?,
    })
}

fn take(attrs: &mut Vec<(String, String)>, key: &str) -> Option<String> {
    let index = attrs.iter().position(|(k, _)| k == key)?;
    Some(attrs.remove(index).1)
}

/// The protocol and the full traces URL.
fn endpoint(env: &dyn Env, flag: Option<&str>) -> Result<(Protocol, String), ConfigError> {
    let protocol_var = env
        .var("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")
        .map(|v| ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", v))
        .or_else(|| {
            env.var("OTEL_EXPORTER_OTLP_PROTOCOL")
                .map(|v| ("OTEL_EXPORTER_OTLP_PROTOCOL", v))
        });
    let explicit = match &protocol_var {
        Some((name, value)) => Some(match value.trim() {
            "grpc" => Protocol::Grpc,
            "http/protobuf" => Protocol::HttpProtobuf,
            other => {
                return Err(invalid(
                    name,
                    other,
                    "supported protocols are grpc and http/protobuf",
                ));
            }
        }),
        None => None,
    };
    // A full traces URL is used as it is (per the spec), unless the flag overrides it.
    let signal_url = if flag.is_none() {
        env.var("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
    } else {
        None
    };
    let base = flag
        .map(str::to_owned)
        .or_else(|| env.var("OTEL_EXPORTER_OTLP_ENDPOINT"));
    let given = signal_url.as_deref().or(base.as_deref()).map(with_scheme);
    let protocol = explicit.unwrap_or_else(|| match &given {
        Some(url) if port_of(url) == Some(4317) => Protocol::Grpc,
        _ => Protocol::HttpProtobuf,
    });
    let url = match (protocol, given) {
        (Protocol::Grpc, Some(url)) => url,
        (Protocol::Grpc, None) => "http://localhost:4317".to_owned(),
        (Protocol::HttpProtobuf, Some(url))
            if signal_url.is_some() || url.ends_with("/v1/traces") =>
        {
            url
        }
        (Protocol::HttpProtobuf, Some(url)) => format!("{}/v1/traces", url.trim_end_matches('/')),
        (Protocol::HttpProtobuf, None) => "http://localhost:4318/v1/traces".to_owned(),
    };
    Ok((protocol, url))
}

/// Export headers, as `key=value` pairs. Their `Debug` shows the keys only: the values
/// are often credentials.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    #[cfg(test)]
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        Self(pairs)
    }

    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }
}

impl std::fmt::Debug for Headers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(k, _)| (k, "(not shown)")))
            .finish()
    }
}

/// `OTEL_EXPORTER_OTLP_TRACES_HEADERS`, else `OTEL_EXPORTER_OTLP_HEADERS` (the traces
/// variable replaces the general one, as the specification says): `key=value` pairs like
/// resource attributes, values percent-decoded, a repeated key sent twice. A bad entry is
/// an error rather than a header silently missing, since headers usually carry
/// credentials; and the value is left out of the message.
fn headers(env: &dyn Env) -> Result<Headers, ConfigError> {
    for name in [
        "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
        "OTEL_EXPORTER_OTLP_HEADERS",
    ] {
        if let Some(text) = env.var(name) {
            return parse_resource_attributes(&text).map(Headers).map_err(|_| {
                invalid(
                    name,
                    "(not shown)",
                    "expected key=value pairs separated by commas, values percent-encoded",
                )
            });
        }
    }
    Ok(Headers::default())
}

/// Exports are not compressed: asking for gzip is an error, not a setting ignored.
fn no_compression(env: &dyn Env) -> Result<(), ConfigError> {
    for name in [
        "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION",
        "OTEL_EXPORTER_OTLP_COMPRESSION",
    ] {
        if let Some(v) = env.var(name) {
            return match v.trim() {
                "" | "none" => Ok(()),
                other => Err(invalid(name, other, "exports are not compressed; use none")),
            };
        }
    }
    Ok(())
}

/// `OTEL_EXPORTER_OTLP_TRACES_TIMEOUT`, else `OTEL_EXPORTER_OTLP_TIMEOUT`, in
/// milliseconds; 10 s by default.
fn exporter_timeout(env: &dyn Env) -> Result<Duration, ConfigError> {
    for name in [
        "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT",
        "OTEL_EXPORTER_OTLP_TIMEOUT",
    ] {
        if let Some(v) = env.var(name) {
            return v
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|ms| *ms > 0)
                .map(Duration::from_millis)
                .ok_or_else(|| invalid(name, &v, "expected a positive number of milliseconds"));
        }
    }
    Ok(Duration::from_secs(10))
}

/// `collector:4317` (as the seed's chart value is written) → `http://collector:4317`.
fn with_scheme(url: &str) -> String {
    let url = url.trim();
    if url.contains("://") {
        url.to_owned()
    } else {
        format!("http://{url}")
    }
}

fn port_of(url: &str) -> Option<u16> {
    let authority = url.split("://").nth(1)?.split('/').next()?;
    authority.rsplit_once(':')?.1.parse().ok()
}

/// `OTEL_RESOURCE_ATTRIBUTES`: `key=value` pairs separated by commas, values
/// percent-encoded.
pub fn parse_resource_attributes(text: &str) -> Result<Vec<(String, String)>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair
                .split_once('=')
                .ok_or_else(|| format!("`{pair}` is not key=value"))?;
            let value = percent_encoding::percent_decode_str(v.trim())
                .decode_utf8()
                .map_err(|e| format!("`{pair}`: {e}"))?;
            Ok((k.trim().to_owned(), value.into_owned()))
        })
        .collect()
}

fn sampler(env: &dyn Env) -> Result<SamplerChoice, ConfigError> {
    let ratio = || -> Result<f64, ConfigError> {
        match env.var("OTEL_TRACES_SAMPLER_ARG") {
            None => Ok(1.0),
            Some(arg) => arg
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|r| (0.0..=1.0).contains(r))
                .ok_or_else(|| {
                    invalid(
                        "OTEL_TRACES_SAMPLER_ARG",
                        &arg,
                        "expected a ratio from 0 to 1",
                    )
                }),
        }
    };
    Ok(
        match env.var("OTEL_TRACES_SAMPLER").as_deref().map(str::trim) {
            None | Some("parentbased_always_on") => SamplerChoice::ParentBasedAlwaysOn,
            Some("always_on") => SamplerChoice::AlwaysOn,
            Some("always_off") => SamplerChoice::AlwaysOff,
            Some("traceidratio") => SamplerChoice::TraceIdRatio(ratio()?),
            Some("parentbased_always_off") => SamplerChoice::ParentBasedAlwaysOff,
            Some("parentbased_traceidratio") => SamplerChoice::ParentBasedTraceIdRatio(ratio()?),
            Some(other) => {
                return Err(invalid(
                    "OTEL_TRACES_SAMPLER",
                    other,
                    "expected always_on, always_off, traceidratio, parentbased_always_on, \
                 parentbased_always_off or parentbased_traceidratio",
                ));
            }
        },
    )
}

fn batch(env: &dyn Env) -> Result<BatchSettings, ConfigError> {
    let number = |name: &'static str, default: u64| -> Result<u64, ConfigError> {
        match env.var(name) {
            None => Ok(default),
            Some(v) => v
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| invalid(name, &v, "expected a positive integer")),
        }
    };
    let max_queue_size = number("OTEL_BSP_MAX_QUEUE_SIZE", 2048)? as usize;
    let max_export_batch_size = number("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", 512)? as usize;
    Ok(BatchSettings {
        max_queue_size,
        // The spec: a batch larger than the queue is clamped to it.
        max_export_batch_size: max_export_batch_size.min(max_queue_size),
        scheduled_delay: Duration::from_millis(number("OTEL_BSP_SCHEDULE_DELAY", 5000)?),
        export_timeout: Duration::from_millis(number("OTEL_BSP_EXPORT_TIMEOUT", 30_000)?),
    })
}

#[cfg(test)]
mod tests;

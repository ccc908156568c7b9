//! The tracing pipeline: the collector and Jaeger have ready endpoints on the OTLP and query
//! ports, and the app exports to that collector (the seed's `collectorEndpoint` value).

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::Service;
use k8s_openapi::api::discovery::v1::EndpointSlice;

use super::super::{CheckError, Context, Outcome};

type Check<'a> = BoxFuture<'a, Result<Outcome, CheckError>>;

const OTLP_GRPC: i32 = 4317;
const OTLP_HTTP: i32 = 4318;
const JAEGER_QUERY: i32 = 16686;

fn ports(svc: &Service) -> Vec<i32> {
    svc.spec
        .as_ref()
        .and_then(|s| s.ports.as_ref())
        .map(|ps| ps.iter().map(|p| p.port).collect())
        .unwrap_or_default()
}

/// Ready endpoint addresses behind a service, from its EndpointSlices. Pure.
pub fn ready_endpoints(svc: &Service, slices: &[EndpointSlice]) -> usize {
    let (ns, name) = (
        svc.metadata.namespace.as_deref(),
        svc.metadata.name.as_deref(),
    );
    slices
        .iter()
        .filter(|s| {
            s.metadata.namespace.as_deref() == ns
                && s.metadata
                    .labels
                    .as_ref()
                    .and_then(|l| l.get("kubernetes.io/service-name"))
                    .map(String::as_str)
                    == name
        })
        .flat_map(|s| s.endpoints.iter().flatten())
        // An unset `ready` means ready, per the EndpointSlice API.
        .filter(|e| e.conditions.as_ref().and_then(|c| c.ready).unwrap_or(true))
        .count()
}

/// Services of `namespace` exposing any of `wanted`, as (name, ports, ready endpoints). Pure.
fn exposing<'a>(
    services: &'a [Service],
    slices: &[EndpointSlice],
    namespace: &str,
    wanted: &[i32],
) -> Vec<(&'a str, Vec<i32>, usize)> {
    services
        .iter()
        .filter(|s| s.metadata.namespace.as_deref() == Some(namespace))
        .filter(|s| ports(s).iter().any(|p| wanted.contains(p)))
        .map(|s| {
            (
                s.metadata.name.as_deref().unwrap_or_default(),
                ports(s),
                ready_endpoints(s, slices),
            )
        })
        .collect()
}

/// Every port in `required` is served by some service with ready endpoints. Pure.
pub fn assess_ports(
    what: &str,
    services: &[Service],
    slices: &[EndpointSlice],
    namespace: &str,
    required: &[&[i32]],
    fix: &str,
) -> Outcome {
    let all: Vec<i32> = required.iter().flat_map(|r| r.iter().copied()).collect();
    let found = exposing(services, slices, namespace, &all);
    let details: Vec<String> = found
        .iter()
        .map(|(n, p, r)| format!("service {namespace}/{n}: ports {p:?}, {r} ready endpoint(s)"))
        .collect();
    let mut missing = Vec::new();
    let mut unready = Vec::new();
    for alternatives in required {
        let serving: Vec<_> = found
            .iter()
            .filter(|(_, p, _)| p.iter().any(|x| alternatives.contains(x)))
            .collect();
        let names = alternatives
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(" or ");
        if serving.is_empty() {
            missing.push(names);
        } else if serving.iter().all(|(_, _, ready)| *ready == 0) {
            unready.push(names);
        }
    }
    if !missing.is_empty() {
        Outcome::fail(format!(
            "no {what} service in {namespace} exposes port {}",
            missing.join(", ")
        ))
        .details(details)
        .fix(fix)
    } else if !unready.is_empty() {
        Outcome::fail(format!(
            "the {what} service for port {} has no ready endpoints",
            unready.join(", ")
        ))
        .details(details)
        .fix(format!(
            "its pods are not ready: `otelctl doctor --only kube.pods`; {fix}"
        ))
    } else {
        let names: Vec<&str> = found.iter().map(|(n, _, _)| *n).collect();
        Outcome::pass(format!(
            "{what} ready in {namespace} ({})",
            names.join(", ")
        ))
        .details(details)
    }
}

pub fn collector(ctx: &Context) -> Check<'_> {
    async move {
        let (services, slices) = futures_util::try_join!(ctx.services(), ctx.endpoint_slices())?;
        Ok(assess_ports(
            "collector",
            &services,
            &slices,
            &ctx.opts.collector_namespace,
            &[&[OTLP_GRPC], &[OTLP_HTTP]],
            "otelctl helm install collector",
        ))
    }
    .boxed()
}

pub fn jaeger(ctx: &Context) -> Check<'_> {
    async move {
        let (services, slices) = futures_util::try_join!(ctx.services(), ctx.endpoint_slices())?;
        Ok(assess_ports(
            "Jaeger",
            &services,
            &slices,
            &ctx.opts.jaeger_namespace,
            &[&[JAEGER_QUERY], &[OTLP_GRPC, OTLP_HTTP]],
            "otelctl helm install jaeger",
        ))
    }
    .boxed()
}

/// `http://otel-collector.opentelemetry.svc.cluster.local:4317` → (service, namespace, port);
/// a bare `name:port` is in `default_ns`. Pure.
pub fn parse_endpoint(endpoint: &str, default_ns: &str) -> Option<(String, String, i32)> {
    let rest = endpoint.split_once("://").map_or(endpoint, |(_, r)| r);
    let authority = rest.split('/').next()?;
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, p.parse().ok()?),
        None if endpoint.starts_with("https://") => (authority, 443),
        None => (authority, 80),
    };
    let mut labels = host.split('.');
    let service = labels.next().filter(|s| !s.is_empty())?.to_owned();
    let namespace = match labels.next() {
        Some("svc") | None => default_ns.to_owned(),
        Some(ns) => ns.to_owned(),
    };
    Some((service, namespace, port))
}

/// Where an app deployment's OTLP endpoint comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Endpoint {
    Unset,
    /// From a ConfigMap or Secret (`valueFrom`): not readable here.
    Indirect(String),
    Value(String),
}

/// The OTLP endpoint of each app deployment, the traces-specific variable first, as the
/// SDK prefers it. Pure.
fn endpoints_of(deployments: &[Deployment], namespace: &str) -> Vec<(String, Endpoint)> {
    deployments
        .iter()
        .filter(|d| d.metadata.namespace.as_deref() == Some(namespace))
        .map(|d| {
            let env: Vec<_> = super::containers(d)
                .flat_map(|c| c.env.iter().flatten())
                .collect();
            let var = [
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                "OTEL_EXPORTER_OTLP_ENDPOINT",
            ]
            .iter()
            .find_map(|name| env.iter().find(|e| e.name == *name));
            let endpoint = match var {
                None => Endpoint::Unset,
                Some(e) => match &e.value {
                    Some(v) => Endpoint::Value(v.clone()),
                    None => Endpoint::Indirect(e.name.clone()),
                },
            };
            (d.metadata.name.clone().unwrap_or_default(), endpoint)
        })
        .collect()
}

/// Each app deployment exports to a collector service on one of its ports. Pure.
pub fn assess_app_endpoint(
    deployments: &[Deployment],
    services: &[Service],
    app_ns: &str,
    collector_ns: &str,
) -> Outcome {
    let apps = endpoints_of(deployments, app_ns);
    if apps.is_empty() {
        return Outcome::fail(format!("no deployment in namespace {app_ns}"))
            .fix("otelctl helm install app");
    }
    let fix = format!(
        "point it at the collector: `otelctl helm install app --set otel.collectorEndpoint=http://SERVICE.{collector_ns}.svc.cluster.local:4317`"
    );
    let mut problems = Vec::new();
    let mut unchecked = Vec::new();
    let mut good = Vec::new();
    for (name, endpoint) in apps {
        let value = match endpoint {
            Endpoint::Value(v) => v,
            Endpoint::Unset => {
                problems.push(format!(
                    "{name}: OTEL_EXPORTER_OTLP_ENDPOINT is not set (the SDK then sends to localhost)"
                ));
                continue;
            }
            Endpoint::Indirect(var) => {
                unchecked.push(format!(
                    "{name}: {var} comes from a ConfigMap or Secret; not checked"
                ));
                continue;
            }
        };
        let Some((svc, ns, port)) = parse_endpoint(&value, app_ns) else {
            problems.push(format!("{name}: cannot read endpoint {value}"));
            continue;
        };
        let target = services.iter().find(|s| {
            s.metadata.namespace.as_deref() == Some(&ns) && s.metadata.name.as_deref() == Some(&svc)
        });
        match target {
            None => problems.push(format!(
                "{name}: {value} names service {ns}/{svc}, which does not exist"
            )),
            Some(_) if ns != collector_ns => problems.push(format!(
                "{name}: {value} is in namespace {ns}, not the collector's ({collector_ns})"
            )),
            Some(s) if !ports(s).contains(&port) => problems.push(format!(
                "{name}: service {ns}/{svc} has no port {port} (it has {:?})",
                ports(s)
            )),
            Some(_) => good.push(format!("{name} → {ns}/{svc}:{port}")),
        }
    }
    if !problems.is_empty() {
        Outcome::fail(problems[0].clone())
            .details(problems.into_iter().chain(unchecked).chain(good))
            .fix(fix)
    } else if !unchecked.is_empty() {
        Outcome::warn(unchecked[0].clone()).details(unchecked.into_iter().chain(good))
    } else {
        Outcome::pass(good.join(", "))
    }
}

pub fn app_endpoint(ctx: &Context) -> Check<'_> {
    async move {
        let (deployments, services) = futures_util::try_join!(ctx.deployments(), ctx.services())?;
        Ok(assess_app_endpoint(
            &deployments,
            &services,
            &ctx.opts.app_namespace,
            &ctx.opts.collector_namespace,
        ))
    }
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::Status;
    use serde_json::json;

    fn service(ns: &str, name: &str, ports: &[i32]) -> Service {
        let ports: Vec<_> = ports.iter().map(|p| json!({"port": p})).collect();
        serde_json::from_value(
            json!({"metadata": {"name": name, "namespace": ns}, "spec": {"ports": ports}}),
        )
        .unwrap()
    }

    fn slice(ns: &str, svc: &str, ready: &[bool]) -> EndpointSlice {
        let eps: Vec<_> = ready
            .iter()
            .map(|r| json!({"addresses": ["10.0.0.1"], "conditions": {"ready": r}}))
            .collect();
        serde_json::from_value(json!({"metadata": {"name": format!("{svc}-x"), "namespace": ns,
            "labels": {"kubernetes.io/service-name": svc}}, "addressType": "IPv4", "endpoints": eps})).unwrap()
    }

    fn app(env: Option<&str>) -> Deployment {
        let env: Vec<_> = env
            .into_iter()
            .map(|v| json!({"name": "OTEL_EXPORTER_OTLP_ENDPOINT", "value": v}))
            .collect();
        serde_json::from_value(json!({"metadata": {"name": "otel-demo", "namespace": "app"},
            "spec": {"selector": {}, "template": {"spec": {"containers": [{"name": "app", "env": env}]}}}})).unwrap()
    }

    #[test]
    fn endpoints_parse_into_service_namespace_and_port() {
        let e = |s| parse_endpoint(s, "app");
        assert_eq!(
            e("http://otel-collector.opentelemetry.svc.cluster.local:4317"),
            Some(("otel-collector".into(), "opentelemetry".into(), 4317))
        );
        assert_eq!(
            e("otel-collector.opentelemetry.svc.cluster.local:4317"),
            Some(("otel-collector".into(), "opentelemetry".into(), 4317))
        );
        assert_eq!(
            e("http://otel-collector:4318/v1/traces"),
            Some(("otel-collector".into(), "app".into(), 4318))
        );
        assert_eq!(
            e("https://collector.example.com"),
            Some(("collector".into(), "example".into(), 443))
        );
    }

    #[test]
    fn the_collector_needs_both_ports_with_ready_endpoints() {
        let svc = [service(
            "opentelemetry",
            "otel-collector",
            &[4317, 4318, 13133],
        )];
        let check = |slices: &[EndpointSlice], services: &[Service]| {
            assess_ports(
                "collector",
                services,
                slices,
                "opentelemetry",
                &[&[4317], &[4318]],
                "fix",
            )
            .status
        };
        assert_eq!(
            check(&[slice("opentelemetry", "otel-collector", &[true])], &svc),
            Status::Pass
        );
        assert_eq!(
            check(&[slice("opentelemetry", "otel-collector", &[false])], &svc),
            Status::Fail
        );
        assert_eq!(check(&[], &svc), Status::Fail);
        let grpc_only = [service("opentelemetry", "otel-collector", &[4317])];
        assert_eq!(
            check(
                &[slice("opentelemetry", "otel-collector", &[true])],
                &grpc_only
            ),
            Status::Fail
        );
    }

    #[test]
    fn the_app_must_export_to_the_collector_service_and_port() {
        let svc = [service("opentelemetry", "otel-collector", &[4317, 4318])];
        let check = |env| assess_app_endpoint(&[app(env)], &svc, "app", "opentelemetry");
        assert_eq!(
            check(Some(
                "http://otel-collector.opentelemetry.svc.cluster.local:4317"
            ))
            .status,
            Status::Pass
        );
        assert_eq!(
            check(Some("http://otel-collector.opentelemetry:4319")).status,
            Status::Fail
        );
        assert_eq!(
            check(Some("http://collector.opentelemetry:4317")).status,
            Status::Fail
        );
        let unset = check(None);
        assert_eq!(unset.status, Status::Fail);
        assert!(unset.summary.contains("not set"));
        assert_eq!(
            assess_app_endpoint(&[], &svc, "app", "opentelemetry").status,
            Status::Fail
        );
    }
}

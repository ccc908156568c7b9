use std::collections::HashMap;

use super::*;

struct MapEnv(HashMap<&'static str, &'static str>);
impl Env for MapEnv {
    fn var(&self, name: &str) -> Option<String> {
        self.0.get(name).map(|v| v.to_string())
    }
}

fn resolve_with(
    pairs: &[(&'static str, &'static str)],
    flag: Option<&str>,
) -> Result<TelemetryConfig, ConfigError> {
    let env = MapEnv(pairs.iter().copied().collect());
    resolve(
        &env,
        &Overrides {
            endpoint: flag,
            default_service_name: "otel-demo",
            host_name: Some("box"),
        },
    )
}

fn ok(pairs: &[(&'static str, &'static str)]) -> TelemetryConfig {
    resolve_with(pairs, None).unwrap()
}

#[test]
fn defaults_follow_the_spec() {
    let c = ok(&[]);
    assert!(!c.disabled);
    assert_eq!(c.protocol, Protocol::HttpProtobuf);
    assert_eq!(c.endpoint, "http://localhost:4318/v1/traces");
    assert_eq!(c.service_name, "otel-demo");
    assert_eq!(c.sampler, SamplerChoice::ParentBasedAlwaysOn);
    assert_eq!(c.batch.max_queue_size, 2048);
    assert_eq!(c.batch.max_export_batch_size, 512);
    assert_eq!(c.batch.scheduled_delay, Duration::from_secs(5));
    assert!(c.resource.contains(&("host.name".into(), "box".into())));
}

#[test]
fn the_seeds_scheme_less_grpc_endpoint_works() {
    let c = ok(&[(
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "otel-collector.opentelemetry.svc.cluster.local:4317",
    )]);
    assert_eq!(c.protocol, Protocol::Grpc);
    assert_eq!(
        c.endpoint,
        "http://otel-collector.opentelemetry.svc.cluster.local:4317"
    );
}

#[test]
fn protocol_variable_beats_the_port_and_http_gets_the_signal_path() {
    let c = ok(&[
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317/"),
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
    ]);
    assert_eq!(c.protocol, Protocol::HttpProtobuf);
    assert_eq!(c.endpoint, "http://collector:4317/v1/traces");
    let c = ok(&[
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:9999"),
        ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc"),
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
    ]);
    assert_eq!(c.protocol, Protocol::Grpc);
    assert_eq!(c.endpoint, "http://collector:9999");
}

#[test]
fn traces_endpoint_is_used_as_is_and_the_flag_beats_everything() {
    let env = [
        ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://a:4318/custom"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://b:4318"),
    ];
    assert_eq!(ok(&env).endpoint, "http://a:4318/custom");
    let flagged = resolve_with(&env, Some("127.0.0.1:4317")).unwrap();
    assert_eq!(flagged.protocol, Protocol::Grpc);
    assert_eq!(flagged.endpoint, "http://127.0.0.1:4317");
}

#[test]
fn unsupported_protocol_is_an_error_naming_the_variable() {
    let err = resolve_with(&[("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")], None).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("OTEL_EXPORTER_OTLP_PROTOCOL=http/json")
    );
}

#[test]
fn service_name_precedence_and_resource_attributes() {
    let c = ok(&[(
        "OTEL_RESOURCE_ATTRIBUTES",
        "service.name=from-attrs,deployment.environment=dev%20eu,host.name=pod-1",
    )]);
    assert_eq!(c.service_name, "from-attrs");
    assert!(
        c.resource
            .contains(&("deployment.environment".into(), "dev eu".into()))
    );
    assert!(
        c.resource.contains(&("host.name".into(), "pod-1".into())),
        "explicit attributes win"
    );
    assert!(
        !c.resource
            .iter()
            .any(|(k, v)| k == "host.name" && v == "box")
    );
    let c = ok(&[
        ("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attrs"),
        ("OTEL_SERVICE_NAME", "from-name"),
    ]);
    assert_eq!(c.service_name, "from-name");
    assert!(resolve_with(&[("OTEL_RESOURCE_ATTRIBUTES", "novalue")], None).is_err());
}

#[test]
fn downward_api_variables_become_k8s_attributes() {
    let c = ok(&[("K8S_POD_NAME", "otel-demo-5d9f"), ("POD_NAMESPACE", "app")]);
    assert!(
        c.resource
            .contains(&("k8s.pod.name".into(), "otel-demo-5d9f".into()))
    );
    assert!(
        c.resource
            .contains(&("k8s.namespace.name".into(), "app".into()))
    );
}

#[test]
fn samplers_and_ratios() {
    assert_eq!(
        ok(&[("OTEL_TRACES_SAMPLER", "always_off")]).sampler,
        SamplerChoice::AlwaysOff
    );
    assert_eq!(
        ok(&[
            ("OTEL_TRACES_SAMPLER", "parentbased_traceidratio"),
            ("OTEL_TRACES_SAMPLER_ARG", "0.25")
        ])
        .sampler,
        SamplerChoice::ParentBasedTraceIdRatio(0.25)
    );
    assert!(
        resolve_with(
            &[
                ("OTEL_TRACES_SAMPLER", "traceidratio"),
                ("OTEL_TRACES_SAMPLER_ARG", "2")
            ],
            None
        )
        .is_err()
    );
    assert!(resolve_with(&[("OTEL_TRACES_SAMPLER", "sometimes")], None).is_err());
}

#[test]
fn batch_settings_and_disabled_sdk() {
    let c = ok(&[
        ("OTEL_BSP_MAX_QUEUE_SIZE", "100"),
        ("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "512"),
        ("OTEL_BSP_SCHEDULE_DELAY", "200"),
        ("OTEL_SDK_DISABLED", "TRUE"),
    ]);
    assert_eq!(c.batch.max_queue_size, 100);
    assert_eq!(c.batch.max_export_batch_size, 100);
    assert_eq!(c.batch.scheduled_delay, Duration::from_millis(200));
    assert!(c.disabled);
    assert!(resolve_with(&[("OTEL_BSP_MAX_QUEUE_SIZE", "-1")], None).is_err());
}

#[test]
fn the_traces_headers_replace_the_general_ones_and_values_are_decoded() {
    let general = (
        "OTEL_EXPORTER_OTLP_HEADERS",
        "Authorization=Basic%20abc, x-team=a,x-team=b",
    );
    let pairs = |c: &TelemetryConfig| c.headers.pairs().to_vec();
    assert_eq!(
        pairs(&ok(&[general])),
        [
            ("Authorization".to_owned(), "Basic abc".to_owned()),
            ("x-team".to_owned(), "a".to_owned()),
            ("x-team".to_owned(), "b".to_owned()),
        ]
    );
    let c = ok(&[
        general,
        (
            "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
            "authorization=Bearer%20t",
        ),
    ]);
    assert_eq!(
        pairs(&c),
        [("authorization".to_owned(), "Bearer t".to_owned())]
    );
    assert!(ok(&[]).headers.pairs().is_empty());
    let shown = format!("{c:?}");
    assert!(
        shown.contains("authorization") && !shown.contains("Bearer"),
        "{shown}"
    );
}

#[test]
fn a_bad_header_entry_is_an_error_that_does_not_show_the_value() {
    let err = resolve_with(
        &[("OTEL_EXPORTER_OTLP_HEADERS", "x-ok=1,api-key:s3cret")],
        None,
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("OTEL_EXPORTER_OTLP_HEADERS"), "{text}");
    assert!(!text.contains("s3cret"), "{text}");
}

#[test]
fn exporter_timeout_prefers_the_traces_variable_and_defaults_to_ten_seconds() {
    assert_eq!(ok(&[]).timeout, Duration::from_secs(10));
    assert_eq!(
        ok(&[("OTEL_EXPORTER_OTLP_TIMEOUT", "2500")]).timeout,
        Duration::from_millis(2500)
    );
    assert_eq!(
        ok(&[
            ("OTEL_EXPORTER_OTLP_TIMEOUT", "2500"),
            ("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "700"),
        ])
        .timeout,
        Duration::from_millis(700)
    );
    assert!(resolve_with(&[("OTEL_EXPORTER_OTLP_TIMEOUT", "soon")], None).is_err());
    assert!(resolve_with(&[("OTEL_EXPORTER_OTLP_TIMEOUT", "0")], None).is_err());
}

#[test]
fn compression_other_than_none_is_refused() {
    ok(&[("OTEL_EXPORTER_OTLP_COMPRESSION", "none")]);
    let err = resolve_with(&[("OTEL_EXPORTER_OTLP_COMPRESSION", "gzip")], None).unwrap_err();
    assert!(
        err.to_string()
            .contains("OTEL_EXPORTER_OTLP_COMPRESSION=gzip"),
        "{err}"
    );
    assert!(resolve_with(&[("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "gzip")], None).is_err());
}

"""The otel-demo chart, linted and rendered by the real Helm engine, with assertions on the
parsed manifests for the default values and for the overrides otelctl and users make."""

import re
import tomllib

import helm_python as helm
import pytest

from conftest import CHART, REPO, load_yaml

DEFAULT_ENDPOINT = "http://otel-collector.opentelemetry.svc.cluster.local:4317"
ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com/otel-demo"


# --- lint and metadata ---------------------------------------------------------------------


def lint_findings(values=None):
    report = helm.lint(CHART, values, strict=True)
    assert report["total_charts_linted"] == 1
    return report


def test_lint_is_clean_with_defaults():
    report = lint_findings()
    assert report["errors"] == []
    # Not even an info-level finding (strict lint treats warnings as errors).
    assert report["messages"] == []


@pytest.mark.parametrize(
    "values",
    [
        {"workload": "flask"},
        {"ingress": {"enabled": False}, "autoscaling": {"enabled": False}},
        {"podDisruptionBudget": {"enabled": False}, "serviceAccount": {"create": False}},
    ],
    ids=["flask", "no-ingress-no-hpa", "no-pdb-no-sa"],
)
def test_lint_is_clean_with_overrides(values):
    report = lint_findings(values)
    assert report["errors"] == [] and report["messages"] == []


def test_chart_metadata_matches_the_crate(chart):
    meta = chart.metadata
    assert meta["apiVersion"] == "v2"
    assert meta["name"] == "otel-demo"
    assert meta["version"] == "0.1.0"
    with open(REPO / "Cargo.toml", "rb") as f:
        crate = tomllib.load(f)["package"]["version"]
    assert meta["appVersion"] == crate


def test_every_template_and_values_file_says_why_it_exists():
    for path in [CHART / "Chart.yaml", CHART / "values.yaml", *sorted((CHART / "templates").iterdir())]:
        first = path.read_text(encoding="utf-8").lstrip().splitlines()[0]
        if path.name == "NOTES.txt":
            continue
        assert first.startswith(("#", "{{/*", "{{- /*")), f"{path.name} has no header comment"


# --- default values ------------------------------------------------------------------------


def test_default_render_has_every_object(render):
    r = render()
    assert r.kinds() == sorted(
        ["Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ServiceAccount"]
    )
    for doc in r.docs:
        assert doc["metadata"]["name"] == "otel-demo"
        labels = doc["metadata"]["labels"]
        assert labels["app.kubernetes.io/name"] == "otel-demo"
        assert labels["app.kubernetes.io/instance"] == "otel-demo"
        assert labels["helm.sh/chart"] == "otel-demo-0.1.0"
        assert all(len(v) <= 63 for v in labels.values())


def test_default_workload_is_otelctl_serve(render):
    c = render().container
    assert c["image"] == "otel-demo:0.1.0"  # workloads.otelctl.repository : appVersion
    assert c["args"] == ["serve", "--listen", "0.0.0.0:8080"]
    assert "command" not in c  # the image's entrypoint is otelctl
    assert c["ports"] == [{"name": "http", "containerPort": 8080, "protocol": "TCP"}]
    assert c["imagePullPolicy"] == "IfNotPresent"


def test_probes_use_healthz_and_readyz(render):
    c = render().container
    assert c["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert c["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}


def test_otel_env_points_at_the_collector(render):
    env = render().env()
    assert env["OTEL_EXPORTER_OTLP_ENDPOINT"]["value"] == DEFAULT_ENDPOINT
    assert env["OTEL_EXPORTER_OTLP_PROTOCOL"]["value"] == "grpc"
    assert env["OTEL_SERVICE_NAME"]["value"] == "otel-demo"
    assert env["OTEL_TRACES_SAMPLER"]["value"] == "parentbased_always_on"
    # No ratio for a sampler that takes none; tracing is on.
    assert "OTEL_TRACES_SAMPLER_ARG" not in env
    assert "OTEL_SDK_DISABLED" not in env
    assert "OTEL_RESOURCE_ATTRIBUTES" not in env


def test_pod_and_namespace_come_from_the_downward_api(render):
    env = render().env()
    # The names src/telemetry/config.rs and app/telemetry.py read.
    assert env["K8S_POD_NAME"]["valueFrom"] == {"fieldRef": {"fieldPath": "metadata.name"}}
    assert env["K8S_NAMESPACE_NAME"]["valueFrom"] == {"fieldRef": {"fieldPath": "metadata.namespace"}}
    assert env["K8S_NODE_NAME"]["valueFrom"] == {"fieldRef": {"fieldPath": "spec.nodeName"}}


def test_pods_are_locked_down(render):
    r = render()
    pod, c = r.pod, r.container
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == 10001
    assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    assert c["securityContext"] == {
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "capabilities": {"drop": ["ALL"]},
    }
    # The read-only root needs a writable /tmp.
    assert {"name": "tmp", "mountPath": "/tmp"} in c["volumeMounts"]
    assert any(v["name"] == "tmp" and "emptyDir" in v for v in pod["volumes"])
    assert pod["automountServiceAccountToken"] is False


def test_resources_have_requests_for_the_hpa(render):
    res = render().container["resources"]
    assert res["requests"] == {"cpu": "100m", "memory": "128Mi"}
    assert res["limits"]["memory"] == "256Mi"


def test_service_selects_the_pods(render):
    r = render()
    svc = r.one("Service")
    pod_labels = r.deployment["spec"]["template"]["metadata"]["labels"]
    assert svc["spec"]["type"] == "ClusterIP"
    assert svc["spec"]["ports"] == [
        {"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP", "appProtocol": "http"}
    ]
    assert svc["spec"]["selector"].items() <= pod_labels.items()
    assert r.deployment["spec"]["selector"]["matchLabels"] == svc["spec"]["selector"]


def test_ingress_is_an_internet_facing_alb_to_pod_ips(render):
    ing = render().one("Ingress")
    assert ing["apiVersion"] == "networking.k8s.io/v1"
    assert ing["spec"]["ingressClassName"] == "alb"
    a = ing["metadata"]["annotations"]
    assert a["alb.ingress.kubernetes.io/scheme"] == "internet-facing"
    assert a["alb.ingress.kubernetes.io/target-type"] == "ip"
    assert a["alb.ingress.kubernetes.io/healthcheck-path"] == "/readyz"
    assert a["alb.ingress.kubernetes.io/listen-ports"] == '[{"HTTP": 80}]'
    assert "alb.ingress.kubernetes.io/certificate-arn" not in a
    (rule,) = ing["spec"]["rules"]
    assert "host" not in rule
    (path,) = rule["http"]["paths"]
    assert path["path"] == "/" and path["pathType"] == "Prefix"
    assert path["backend"] == {"service": {"name": "otel-demo", "port": {"name": "http"}}}


def test_hpa_is_autoscaling_v2_on_cpu(render):
    r = render()
    hpa = r.one("HorizontalPodAutoscaler")
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "otel-demo"}
    assert (hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"]) == (2, 10)
    assert hpa["spec"]["metrics"] == [
        {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}}}
    ]
    # The HPA owns the replica count: the Deployment must not fight it on upgrade.
    assert "replicas" not in r.deployment["spec"]


def test_pdb_keeps_one_pod(render):
    r = render()
    pdb = r.one("PodDisruptionBudget")
    assert pdb["apiVersion"] == "policy/v1"
    assert pdb["spec"]["minAvailable"] == 1
    pod_labels = r.deployment["spec"]["template"]["metadata"]["labels"]
    assert pdb["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()


def test_service_account_is_created_and_used(render):
    r = render()
    sa = r.one("ServiceAccount")
    assert sa["automountServiceAccountToken"] is False
    assert "annotations" not in sa["metadata"]
    assert r.pod["serviceAccountName"] == "otel-demo"


def test_notes_say_where_spans_go(render):
    notes = render().notes
    assert DEFAULT_ENDPOINT in notes
    assert "otelctl doctor" in notes


# --- overrides -----------------------------------------------------------------------------


def test_flask_workload_runs_its_own_cmd(render):
    r = render({"workload": "flask"})
    c = r.container
    assert c["name"] == "flask"
    assert c["image"] == "flask-hello:latest"
    assert "args" not in c and "command" not in c  # the image's CMD: gunicorn
    env = r.env()
    assert env["BIND"]["value"] == "0.0.0.0:8080"  # app/gunicorn.conf.py
    assert env["WEB_CONCURRENCY"]["value"] == "2"
    assert env["THREADS"]["value"] == "4"
    # Same probes and tracing environment as the otelctl workload.
    assert c["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert c["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert env["OTEL_EXPORTER_OTLP_ENDPOINT"]["value"] == DEFAULT_ENDPOINT
    assert "K8S_POD_NAME" in env and "K8S_NAMESPACE_NAME" in env
    assert r.deployment["metadata"]["labels"]["app.kubernetes.io/component"] == "flask"


@pytest.mark.parametrize("workload", ["otelctl", "flask"])
def test_image_keys_override_either_workload(render, workload):
    # What `otelctl helm install app` sets: the pushed ECR image.
    r = render({"workload": workload, "image": {"repository": ECR, "tag": "v2", "pullPolicy": "Always"}})
    assert r.container["image"] == f"{ECR}:v2"
    assert r.container["imagePullPolicy"] == "Always"
    assert r.deployment["metadata"]["labels"]["app.kubernetes.io/version"] == "v2"


def test_otelctl_extra_args_and_port(render):
    r = render({"containerPort": 9090, "workloads": {"otelctl": {"extraArgs": ["--drain-delay", "10s"]}}})
    c = r.container
    assert c["args"] == ["serve", "--listen", "0.0.0.0:9090", "--drain-delay", "10s"]
    assert c["ports"][0]["containerPort"] == 9090
    # Probes and the Service follow the named port.
    assert c["readinessProbe"]["httpGet"]["port"] == "http"
    assert r.one("Service")["spec"]["ports"][0]["targetPort"] == "http"


def test_ingress_off(render):
    r = render({"ingress": {"enabled": False}})
    assert "Ingress" not in r.kinds()
    assert "alb.ingress" not in r.notes


def test_autoscaling_off_sets_replicas(render):
    r = render({"autoscaling": {"enabled": False}, "replicaCount": 3})
    assert "HorizontalPodAutoscaler" not in r.kinds()
    assert r.deployment["spec"]["replicas"] == 3


def test_memory_target_is_added_to_the_hpa(render):
    hpa = render({"autoscaling": {"targetMemoryUtilizationPercentage": 80}}).one("HorizontalPodAutoscaler")
    assert [m["resource"]["name"] for m in hpa["spec"]["metrics"]] == ["cpu", "memory"]
    assert hpa["spec"]["metrics"][1]["resource"]["target"]["averageUtilization"] == 80


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://collector.observability.svc.cluster.local:4317",
        # The seed's form: no scheme (otelctl serve adds http://).
        "otel-collector.opentelemetry.svc.cluster.local:4317",
        "http://otel-collector.opentelemetry:4318",
    ],
)
def test_custom_collector_endpoint(render, endpoint):
    r = render({"otel": {"collectorEndpoint": endpoint}})
    assert r.env()["OTEL_EXPORTER_OTLP_ENDPOINT"]["value"] == endpoint
    assert endpoint in r.notes


def test_sampler_ratio_service_name_and_resource_attributes(render):
    env = render(
        {
            "otel": {
                "serviceName": "shop",
                "sampler": {"name": "parentbased_traceidratio", "arg": 0.25},
                "resourceAttributes": {"deployment.environment.name": "dev", "team": "platform"},
            }
        }
    ).env()
    assert env["OTEL_SERVICE_NAME"]["value"] == "shop"
    assert env["OTEL_TRACES_SAMPLER"]["value"] == "parentbased_traceidratio"
    assert env["OTEL_TRACES_SAMPLER_ARG"]["value"] == "0.25"
    assert env["OTEL_RESOURCE_ATTRIBUTES"]["value"] == "deployment.environment.name=dev,team=platform"


def test_tracing_can_be_disabled(render):
    assert render({"otel": {"enabled": False}}).env()["OTEL_SDK_DISABLED"]["value"] == "true"


def test_extra_env_is_appended(render):
    env = render({"extraEnv": [{"name": "OTEL_BSP_MAX_QUEUE_SIZE", "value": "4096"}]}).env()
    assert env["OTEL_BSP_MAX_QUEUE_SIZE"]["value"] == "4096"
    assert "OTEL_EXPORTER_OTLP_ENDPOINT" in env


def test_service_account_annotations_for_irsa(render):
    arn = "arn:aws:iam::123456789012:role/otel-demo"
    r = render({"serviceAccount": {"name": "tracer", "annotations": {"eks.amazonaws.com/role-arn": arn}}})
    sa = r.one("ServiceAccount")
    assert sa["metadata"]["name"] == "tracer"
    assert sa["metadata"]["annotations"] == {"eks.amazonaws.com/role-arn": arn}
    assert r.pod["serviceAccountName"] == "tracer"


def test_existing_service_account(render):
    r = render({"serviceAccount": {"create": False, "name": "shared"}})
    assert "ServiceAccount" not in r.kinds()
    assert r.pod["serviceAccountName"] == "shared"
    assert render({"serviceAccount": {"create": False}}).pod["serviceAccountName"] == "default"


def test_internal_alb_with_tls_group_and_host(render):
    cert = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c"
    ing = render(
        {
            "ingress": {
                "scheme": "internal",
                "healthCheckPath": "/healthz",
                "certificateArn": cert,
                "groupName": "demo",
                "host": "demo.example.com",
            }
        }
    ).one("Ingress")
    a = ing["metadata"]["annotations"]
    assert a["alb.ingress.kubernetes.io/scheme"] == "internal"
    assert a["alb.ingress.kubernetes.io/healthcheck-path"] == "/healthz"
    assert a["alb.ingress.kubernetes.io/certificate-arn"] == cert
    assert a["alb.ingress.kubernetes.io/listen-ports"] == '[{"HTTP": 80}, {"HTTPS": 443}]'
    assert a["alb.ingress.kubernetes.io/ssl-redirect"] == "443"
    assert a["alb.ingress.kubernetes.io/group.name"] == "demo"
    assert ing["spec"]["rules"][0]["host"] == "demo.example.com"


def test_extra_ingress_annotations_win_without_duplicates(chart):
    files = chart.render(
        {"ingress": {"annotations": {"alb.ingress.kubernetes.io/target-type": "instance", "x": "z"}}},
        name="otel-demo",
        namespace="app",
    )
    text = files["otel-demo/templates/ingress.yaml"]
    assert text.count("alb.ingress.kubernetes.io/target-type") == 1
    assert "alb.ingress.kubernetes.io/target-type: instance" in text
    assert re.search(r"^\s+x: z$", text, re.M)


def test_pdb_off_and_percentage(render):
    assert "PodDisruptionBudget" not in render({"podDisruptionBudget": {"enabled": False}}).kinds()
    pdb = render({"podDisruptionBudget": {"minAvailable": "50%"}}).one("PodDisruptionBudget")
    assert pdb["spec"]["minAvailable"] == "50%"


def test_names_follow_the_release(render):
    r = render(name="shop")
    assert r.deployment["metadata"]["name"] == "shop-otel-demo"
    assert r.one("HorizontalPodAutoscaler")["spec"]["scaleTargetRef"]["name"] == "shop-otel-demo"
    assert r.env()["OTEL_SERVICE_NAME"]["value"] == "shop-otel-demo"
    r = render({"fullnameOverride": "web"}, name="shop")
    assert {d["metadata"]["name"] for d in r.docs} == {"web"}


def test_every_release_renders_in_its_namespace(render):
    r = render(namespace="demo")
    assert "kubectl -n demo get ingress otel-demo" in r.notes
    assert "kubectl -n demo port-forward svc/otel-demo 8080:80" in r.notes


# --- rejected values -----------------------------------------------------------------------

BAD_VALUES = {
    "port-not-an-integer": {"service": {"port": "80x"}},
    "port-a-float": {"service": {"port": 80.5}},
    "port-out-of-range": {"containerPort": 70000},
    "unknown-workload": {"workload": "nginx"},
    "unknown-top-level-key": {"replicas": 3},
    "misspelt-nested-key": {"otel": {"colectorEndpoint": "http://x:4317"}},
    "empty-endpoint": {"otel": {"collectorEndpoint": ""}},
    "endpoint-with-spaces": {"otel": {"collectorEndpoint": "http://a b:4317"}},
    "unknown-protocol": {"otel": {"protocol": "http/json"}},
    "unknown-sampler": {"otel": {"sampler": {"name": "sometimes"}}},
    "ratio-above-one": {"otel": {"sampler": {"name": "traceidratio", "arg": 2}}},
    "numeric-tag": {"image": {"tag": 1.0}},
    "bad-pull-policy": {"image": {"pullPolicy": "Sometimes"}},
    "unknown-scheme": {"ingress": {"scheme": "public"}},
    "unknown-target-type": {"ingress": {"targetType": "pod"}},
    "relative-health-check-path": {"ingress": {"healthCheckPath": "readyz"}},
    "bad-certificate-arn": {"ingress": {"certificateArn": "my-cert"}},
    "zero-min-replicas": {"autoscaling": {"minReplicas": 0}},
    "cpu-target-over-100": {"autoscaling": {"targetCPUUtilizationPercentage": 150}},
    "enabled-not-a-boolean": {"autoscaling": {"enabled": "yes"}},
    "bad-min-available": {"podDisruptionBudget": {"minAvailable": "half"}},
    "annotation-not-a-string": {"serviceAccount": {"annotations": {"a": 1}}},
}


@pytest.mark.parametrize("values", BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_schema_rejects_bad_values(chart, values):
    with pytest.raises(helm.HelmValuesError, match="schema"):
        chart.render(values, name="otel-demo", namespace="app")
    with pytest.raises(helm.HelmValuesError):
        chart.validate_schema(chart.merge_values(values))
    assert helm.lint(CHART, values)["errors"], "helm lint must report it too"


def test_schema_accepts_the_defaults_and_the_documented_overrides(chart):
    chart.validate_schema(chart.merge_values({}))
    chart.validate_schema(
        chart.merge_values(
            {
                "workload": "flask",
                "image": {"repository": ECR, "tag": "2026.11.1"},
                "otel": {"collectorEndpoint": "otel-collector.opentelemetry.svc.cluster.local:4317"},
                "podDisruptionBudget": {"minAvailable": "50%"},
            }
        )
    )


def test_min_replicas_above_max_fails_the_render(chart):
    # Not expressible in JSON schema: the HPA template refuses it.
    with pytest.raises(helm.HelmRenderError, match="minReplicas"):
        chart.render({"autoscaling": {"minReplicas": 5, "maxReplicas": 2}}, name="otel-demo", namespace="app")


def test_flask_with_http_protobuf_fails_the_render(chart):
    # app/telemetry.py ships only the gRPC exporter.
    with pytest.raises(helm.HelmRenderError, match="gRPC"):
        chart.render({"workload": "flask", "otel": {"protocol": "http/protobuf"}}, name="otel-demo", namespace="app")


def test_values_yaml_matches_what_the_engine_loads(chart):
    assert chart.values == load_yaml(CHART / "values.yaml")
    assert chart.schema["additionalProperties"] is False

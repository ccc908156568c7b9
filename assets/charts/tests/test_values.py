"""The values files of the third-party charts (assets/values/) and the pins in
assets/charts/versions.toml: parsed as YAML/TOML, with the settings the pipeline depends on,
and checked against each other, against the app chart's defaults and against what
`otelctl doctor` looks for."""

import re
from urllib.parse import urlsplit

import helm_python as helm
import pytest

from conftest import ASSETS, CHART, REPO, VALUES, load_yaml, versions


@pytest.fixture(scope="module")
def pins():
    return versions()


@pytest.fixture(scope="module")
def collector():
    return load_yaml(VALUES / "otel-collector.yaml")


@pytest.fixture(scope="module")
def jaeger():
    return load_yaml(VALUES / "jaeger.yaml")


@pytest.fixture(scope="module")
def alb():
    return load_yaml(VALUES / "aws-load-balancer-controller.yaml")


# --- versions.toml -------------------------------------------------------------------------


def test_every_release_is_pinned_once(pins):
    assert list(pins) == ["alb-controller", "jaeger", "collector", "app"]
    for target, r in pins.items():
        # An exact version, never a range.
        assert re.fullmatch(r"\d+\.\d+\.\d+", r["version"]), target
        if r["repo_name"]:
            assert r["repo_url"].startswith("https://"), target
        if r["values"]:
            assert (ASSETS / r["values"]).is_file(), r["values"]


def test_release_names_and_namespaces_are_the_ones_doctor_checks(pins):
    # src/doctor/checks/platform.rs (helm.releases) and the seed's namespaces.
    assert (pins["jaeger"]["release"], pins["jaeger"]["namespace"]) == ("jaeger", "jaeger")
    assert (pins["collector"]["release"], pins["collector"]["namespace"]) == ("otel-collector", "opentelemetry")
    assert (pins["alb-controller"]["release"], pins["alb-controller"]["namespace"]) == (
        "aws-load-balancer-controller",
        "kube-system",
    )
    assert pins["app"]["namespace"] == "app"


def test_the_app_pin_is_the_embedded_chart(pins, chart):
    app = pins["app"]
    assert (ASSETS / app["chart"] / "Chart.yaml").is_file()
    assert app["chart"] == f"charts/{chart.name}"
    assert app["version"] == chart.version
    assert app["app_version"] == chart.metadata["appVersion"]


def test_alb_controller_version_matches_the_iam_policy(pins):
    # The IAM policy in assets/iam is the one published for one controller version.
    app_version = pins["alb-controller"]["app_version"]
    readme = (ASSETS / "iam" / "README.md").read_text(encoding="utf-8")
    assert f"**{app_version}**" in readme
    assert f"`aws-load-balancer-controller` {pins['alb-controller']['version']}" in readme
    policy_rs = (REPO / "src" / "aws" / "iam" / "policy.rs").read_text(encoding="utf-8")
    assert f'CONTROLLER_VERSION: &str = "{app_version}"' in policy_rs


@pytest.mark.parametrize("target", ["alb-controller", "app"])
def test_required_set_keys_parse_with_helms_set_syntax(pins, target):
    # The exact keys otelctl passes as `--set KEY=VALUE`, through Helm's own parser.
    for key in pins[target]["required_set"]:
        parsed = helm.parse_set_string(f"{key}=x")
        node = parsed
        for part in re.split(r"(?<!\\)\.", key):
            node = node[part.replace("\\.", ".")]
        assert node == "x", key


# --- otel-collector ------------------------------------------------------------------------


def test_collector_is_a_named_deployment_of_a_real_distribution(collector):
    assert collector["mode"] == "deployment"
    # The service name the app chart's default endpoint and doctor use.
    assert collector["fullnameOverride"] == "otel-collector"
    # The chart has no default image; the k8s distribution's binary is otelcol-k8s.
    assert collector["image"]["repository"].endswith("/opentelemetry-collector-k8s")
    assert collector["command"]["name"] == "otelcol-k8s"
    # memory_limiter's percentages are of the memory limit.
    assert collector["resources"]["limits"]["memory"]


def test_collector_receives_otlp_on_4317_and_4318(collector):
    otlp = collector["config"]["receivers"]["otlp"]["protocols"]
    assert otlp["grpc"]["endpoint"].endswith(":4317")
    assert otlp["http"]["endpoint"].endswith(":4318")
    # The chart's default jaeger/zipkin/prometheus receivers are deleted (null), and their ports closed.
    for name in ["jaeger", "zipkin", "prometheus"]:
        assert name in collector["config"]["receivers"] and collector["config"]["receivers"][name] is None
    ports = collector["ports"]
    assert ports["otlp"]["enabled"] and ports["otlp-http"]["enabled"]
    assert not any(ports[p]["enabled"] for p in ["jaeger-compact", "jaeger-thrift", "jaeger-grpc", "zipkin"])


def test_collector_pipeline_limits_memory_before_batching(collector):
    cfg = collector["config"]
    traces = cfg["service"]["pipelines"]["traces"]
    assert traces["receivers"] == ["otlp"]
    assert traces["processors"] == ["memory_limiter", "batch"]
    limiter = cfg["processors"]["memory_limiter"]
    assert limiter["check_interval"] and 0 < limiter["spike_limit_percentage"] < limiter["limit_percentage"] <= 90
    assert "batch" in cfg["processors"]
    # Traces only.
    assert cfg["service"]["pipelines"]["metrics"] is None and cfg["service"]["pipelines"]["logs"] is None


def test_collector_exports_otlp_to_jaeger_in_its_namespace(collector, pins):
    cfg = collector["config"]
    (exporter,) = cfg["service"]["pipelines"]["traces"]["exporters"]
    assert exporter.split("/")[0] == "otlp_grpc"
    endpoint = cfg["exporters"][exporter]["endpoint"]
    host, port = endpoint.rsplit(":", 1)
    service, namespace = host.split(".")[:2]
    # The jaeger chart names its Service after the release (release `jaeger` contains the chart name).
    assert service == pins["jaeger"]["release"] == pins["jaeger"]["chart"]
    assert namespace == pins["jaeger"]["namespace"] == "jaeger"
    assert host.endswith(".svc.cluster.local")
    assert port == "4317"  # Jaeger v2's OTLP/gRPC receiver
    assert cfg["exporters"][exporter]["tls"]["insecure"] is True
    assert cfg["exporters"]["debug"] is None


def test_collector_health_check_is_enabled(collector):
    cfg = collector["config"]
    assert cfg["extensions"]["health_check"]["endpoint"].endswith(":13133")
    # The chart refuses a config without it; its probes call 13133.
    assert "health_check" in cfg["service"]["extensions"]


def test_app_default_endpoint_is_the_collector_service(collector, pins, chart):
    url = urlsplit(chart.values["otel"]["collectorEndpoint"])
    service, namespace = url.hostname.split(".")[:2]
    assert service == collector["fullnameOverride"]
    assert namespace == pins["collector"]["namespace"]
    assert url.port == 4317 and collector["ports"]["otlp"]["enabled"]


# --- jaeger --------------------------------------------------------------------------------


def test_jaeger_is_one_all_in_one_pod(jaeger):
    j = jaeger["jaeger"]
    # In-memory storage: more replicas would split the traces.
    assert j["replicas"] == 1
    assert j["resources"]["limits"]["memory"]
    assert j["ingress"]["enabled"] is False
    # No custom config: the image's all-in-one config (OTLP on 4317/4318, UI on 16686).
    assert "userconfig" not in jaeger
    for job in ["spark", "esIndexCleaner", "esRollover", "esLookback"]:
        assert jaeger[job]["enabled"] is False


# --- aws-load-balancer-controller ----------------------------------------------------------


def test_alb_controller_leaves_cluster_keys_to_otelctl(alb, pins):
    for key in ["clusterName", "region", "vpcId"]:
        assert alb[key] == "" and key in pins["alb-controller"]["required_set"]


def test_alb_controller_service_account_is_the_irsa_one(alb, pins):
    sa = alb["serviceAccount"]
    assert sa["create"] is True
    # The subject the IRSA role trusts (src/aws/iam/policy.rs ALB_SERVICE_ACCOUNT).
    assert f"system:serviceaccount:kube-system:{sa['name']}" == (
        "system:serviceaccount:kube-system:aws-load-balancer-controller"
    )
    assert sa["annotations"] == {"eks.amazonaws.com/role-arn": ""}
    assert r"serviceAccount.annotations.eks\.amazonaws\.com/role-arn" in pins["alb-controller"]["required_set"]


def test_alb_ingress_class_is_the_app_charts(alb, chart):
    assert alb["ingressClass"] == chart.values["ingress"]["className"] == "alb"
    assert alb["createIngressClassResource"] is True


# --- tidiness ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    sorted(VALUES.glob("*.yaml")) + [ASSETS / "charts" / "versions.toml"],
    ids=lambda p: p.name,
)
def test_every_file_says_why_it_exists(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# "), f"{path.name} has no header comment"
    assert "\t" not in text
    assert all(line == line.rstrip() for line in text.splitlines()), f"{path.name} has trailing spaces"


def test_chart_schema_is_valid_json(chart):
    assert chart.schema["$schema"].startswith("http://json-schema.org/draft-07/")
    assert (CHART / "values.schema.json").read_text(encoding="utf-8").endswith("}\n")

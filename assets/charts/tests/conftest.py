"""Shared helpers for the chart tests: the real Helm engine (helm-python-sdk) renders the
otel-demo chart, and the rendered manifests are parsed into plain dicts to assert on."""

import tomllib
from pathlib import Path

import helm_python as helm
import pytest
import yaml

ASSETS = Path(__file__).resolve().parents[2]
REPO = ASSETS.parent
CHART = ASSETS / "charts" / "otel-demo"
VALUES = ASSETS / "values"

# The release otelctl installs the app chart as (assets/charts/versions.toml).
RELEASE = "otel-demo"
NAMESPACE = "app"


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def versions():
    with open(ASSETS / "charts" / "versions.toml", "rb") as f:
        return {r["target"]: r for r in tomllib.load(f)["release"]}


class Rendered:
    """The manifests of one render, by kind (and name)."""

    def __init__(self, files):
        self.files = files
        self.notes = next((text for path, text in files.items() if path.endswith("NOTES.txt")), "")
        self.docs = []
        for path, text in sorted(files.items()):
            if path.endswith(".txt"):
                continue
            for doc in yaml.safe_load_all(text):
                if doc:
                    self.docs.append(doc)

    def kinds(self):
        return sorted(d["kind"] for d in self.docs)

    def all(self, kind):
        return [d for d in self.docs if d["kind"] == kind]

    def one(self, kind):
        found = self.all(kind)
        assert len(found) == 1, f"expected one {kind}, found {len(found)}"
        return found[0]

    @property
    def deployment(self):
        return self.one("Deployment")

    @property
    def pod(self):
        return self.deployment["spec"]["template"]["spec"]

    @property
    def container(self):
        containers = self.pod["containers"]
        assert len(containers) == 1
        return containers[0]

    def env(self):
        """The container's env as name -> EnvVar (value or valueFrom)."""
        return {e["name"]: e for e in self.container.get("env", [])}


@pytest.fixture(scope="session")
def chart():
    with helm.Chart.load(CHART) as c:
        yield c


@pytest.fixture
def render(chart):
    """render(values=None, name=RELEASE, namespace=NAMESPACE) -> Rendered."""

    def _render(values=None, name=RELEASE, namespace=NAMESPACE):
        return Rendered(chart.render(values or {}, name=name, namespace=namespace, is_install=True))

    return _render


def pytest_report_header(config):
    return f"helm-c {helm.helm_c_version()}, Helm SDK {helm.helm_sdk_version()}"

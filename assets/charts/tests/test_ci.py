"""The CI examples (assets/ci/): the GitHub Actions workflow parses and both pipelines run
the same otelctl flow (build → image build/push → helm install all → doctor as JUnit)."""

import re

import pytest

from conftest import ASSETS, REPO, load_yaml

CI = ASSETS / "ci"

# An otelctl command line in either pipeline (Jenkins `sh '...'`/`script: '...'`, Actions
# `run:`), with any global --cluster/--region before the subcommand.
CMD = r"""(?m)^\s*(?:sh '|script: '|run: )?(?:"\$OTELCTL"|otelctl)(?: --(?:cluster|region) "\$\w+")* """

# The flow, in order, as each pipeline's text must contain it.
FLOW = [
    r"cargo build --locked --profile dist --target",
    CMD + r"image build --layout target/image",
    CMD + r"ecr ensure --repository",
    CMD + r"image push --repository \S+ --tag \S+ --from target/image",
    CMD + r"bootstrap --yes",
    CMD + r"kubeconfig update",
    CMD + r"helm install all --image-tag ",
    CMD + r"doctor -o junit > doctor\.xml",
]


def in_order(text, patterns):
    at = 0
    for pattern in patterns:
        m = re.compile(pattern).search(text, at)
        assert m, f"`{pattern}` missing or out of order"
        at = m.end()


@pytest.mark.parametrize("name", ["Jenkinsfile", "github-actions.yml"])
def test_pipeline_runs_the_otelctl_flow(name):
    text = (CI / name).read_text(encoding="utf-8")
    in_order(text, FLOW)
    # Global options name the cluster and region on every cluster command.
    for m in re.finditer(CMD + r"(helm install|doctor|kubeconfig update|bootstrap)\b.*", text):
        assert '--cluster "$CLUSTER"' in m.group(0) and "--region" in m.group(0), m.group(0)


def test_jenkinsfile_publishes_doctor_as_junit():
    text = (CI / "Jenkinsfile").read_text(encoding="utf-8")
    assert text.startswith("// ")
    assert re.search(r"junit testResults: 'doctor\.xml'", text)
    for stage in ["Build", "Image", "Bootstrap", "Deploy", "Doctor"]:
        assert f"stage('{stage}')" in text
    assert text.count("{") == text.count("}")


def test_github_workflow_uses_oidc_and_publishes_junit():
    wf = load_yaml(CI / "github-actions.yml")
    on = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "workflow_dispatch" in on and "push" in on
    assert wf["permissions"]["id-token"] == "write"
    steps = wf["jobs"]["deploy"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    aws = next(s for s in steps if s.get("uses", "").startswith("aws-actions/configure-aws-credentials@"))
    assert aws["with"]["role-to-assume"] and "aws-access-key-id" not in aws["with"]
    assert any(u.startswith("mikepenz/action-junit-report@") for u in uses)
    report = next(s for s in steps if s.get("uses", "").startswith("mikepenz/action-junit-report@"))
    assert report["with"]["report_paths"] == "doctor.xml"
    # OIDC credentials before the first AWS call.
    first_aws = next(i for i, s in enumerate(steps) if "otelctl" in s.get("run", ""))
    assert uses.index(aws["uses"]) < first_aws
    doctor = next(s for s in steps if s.get("id") == "doctor")
    assert doctor["continue-on-error"] is True
    assert any("steps.doctor.outcome" in str(s.get("if", "")) for s in steps)


def test_readme_points_at_the_ci_examples():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "assets/ci/Jenkinsfile" in readme
    assert "assets/ci/github-actions.yml" in readme

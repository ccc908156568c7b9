#!/usr/bin/env bash
# `otelctl serve` against the seed's Flask app under Gunicorn (app/), same machine, same
# load tool (wrk), same route (/api/hello), both tracing every request to the same local
# OTLP endpoint. Reports requests/s of each and the ratio.
#
#   scripts/bench-vs-flask.sh
#   BIN=/path/to/otelctl DURATION=20 ROUNDS=5 scripts/bench-vs-flask.sh
#
# Rounds alternate between the two servers so machine noise hits both; medians are reported.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-3}

command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=$PWD/target/release/otelctl
fi
venv=target/app-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r app/requirements.txt
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 100); do curl -fs "http://127.0.0.1:$1/healthz" >/dev/null && return; sleep 0.1; done; echo "no server on $1" >&2; exit 1; }

# A fresh OTLP/gRPC endpoint for each server that accepts every export and discards it
# (grpcio from the app's venv, no protobuf decoding), so it keeps up with either server.
# An earlier version used `otelctl traces`, which ingests every span: at otelctl serve's
# rate on two shared cores it fell behind and serve dropped over half of its spans, which
# flattered serve. serve's span counters are printed so a drop cannot hide.
receiver() {
  grpc=$(free_port)
  "$venv/bin/python" - "$grpc" <<'PY' &
import sys
from concurrent import futures
import grpc
export = grpc.unary_unary_rpc_method_handler(lambda request, context: b"")
service = grpc.method_handlers_generic_handler(
    "opentelemetry.proto.collector.trace.v1.TraceService", {"Export": export})
server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
server.add_generic_rpc_handlers((service,))
server.add_insecure_port(f"127.0.0.1:{sys.argv[1]}")
server.start()
server.wait_for_termination()
PY
  receiver_pid=$!
  export OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$grpc"
  sleep 1
}
export OTEL_EXPORTER_OTLP_PROTOCOL=grpc OTEL_TRACES_SAMPLER=always_on

rust_round() { # prints otelctl serve's requests/s
  receiver
  local port; port=$(free_port)
  "$BIN" serve -q --listen "127.0.0.1:$port" &
  local pid=$!
  wait_up "$port"
  wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" "http://127.0.0.1:$port/api/hello" | awk '/Requests\/sec/ {printf "%d\n", $2}'
  sleep 1  # the last batch
  curl -fs "http://127.0.0.1:$port/metrics" | grep -E '^otel_spans_(ended|exported|dropped)_total' | tr '\n' ' ' >&2
  echo >&2
  kill -TERM "$pid"; wait "$pid" || true
  kill "$receiver_pid"; wait "$receiver_pid" 2>/dev/null || true
}

flask_round() { # prints Flask's requests/s
  receiver
  local port; port=$(free_port)
  (cd app && ACCESS_LOG= BIND="127.0.0.1:$port" exec "../$venv/bin/gunicorn" -c gunicorn.conf.py app:app >/dev/null 2>&1) &
  local pid=$!
  wait_up "$port"
  wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" "http://127.0.0.1:$port/api/hello" | awk '/Requests\/sec/ {printf "%d\n", $2}'
  kill -TERM "$pid" 2>/dev/null; wait "$pid" || true
  kill "$receiver_pid"; wait "$receiver_pid" 2>/dev/null || true
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rusts=(); flasks=()
for round in $(seq "$ROUNDS"); do
  rusts+=("$(rust_round)"); flasks+=("$(flask_round)")
  echo "round $round: otelctl serve ${rusts[-1]} req/s, Flask ${flasks[-1]} req/s" >&2
done
rust=$(median "${rusts[@]}"); flask=$(median "${flasks[@]}")
echo "otelctl serve: $rust req/s; Flask + Gunicorn (2 workers x 4 threads): $flask req/s (medians of $ROUNDS)"
python3 -c "print(f'otelctl serve / Flask = {$rust/max($flask,1):.1f}x')"

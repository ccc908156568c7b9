#!/usr/bin/env bash
# Throughput of `otelctl serve` on /api/hello with tracing on (every request sampled and
# exported over OTLP/HTTP to a local endpoint) against tracing off (OTEL_SDK_DISABLED=true),
# measured with wrk. Rounds alternate off/on so drift on a noisy machine hits both alike;
# the figure to read is the ratio of the medians.
#
#   scripts/bench-serve.sh                # 3 rounds of 10 s, 32 connections
#   ROUNDS=5 DURATION=20s scripts/bench-serve.sh
#   BIN=/path/to/otelctl scripts/bench-serve.sh   # measure a binary already built
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-3}

command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=$PWD/target/release/otelctl
fi
bin=$BIN
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# A local OTLP/HTTP endpoint that accepts every export (and counts the bytes it got).
sink_port=$(free_port)
python3 - "$sink_port" > "$work/sink.log" 2>&1 <<'PY' &
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
received = 0
class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        global received
        received += len(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
PY

run() { # $1 = off|on ; prints requests/s
  local port; port=$(free_port)
  if [ "$1" = off ]; then
    OTEL_SDK_DISABLED=true "$bin" serve -q --listen "127.0.0.1:$port" &
  else
    OTEL_TRACES_SAMPLER=always_on OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf \
      "$bin" serve -q --listen "127.0.0.1:$port" --otlp-endpoint "http://127.0.0.1:$sink_port" &
  fi
  local pid=$!
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  wrk -t1 -c"$CONNECTIONS" -d"$DURATION" "http://127.0.0.1:$port/api/hello" > "$work/wrk-$1.txt"
  if [ "$1" = on ]; then
    curl -fs "http://127.0.0.1:$port/metrics" | grep -E '^otel_spans_(ended|exported|dropped)_total' | tr '\n' ' ' >&2
    echo >&2
  fi
  kill -TERM "$pid"; wait "$pid" || true
  awk '/Requests\/sec/ {print $2}' "$work/wrk-$1.txt"
}

off=(); on=()
for round in $(seq "$ROUNDS"); do
  off+=("$(run off)"); on+=("$(run on)")
  echo "round $round: off ${off[-1]} req/s, on ${on[-1]} req/s" >&2
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m_off=$(median "${off[@]}"); m_on=$(median "${on[@]}")
echo "tracing off: $m_off req/s (median of $ROUNDS)"
echo "tracing on:  $m_on req/s (median of $ROUNDS)"
python3 -c "print(f'throughput with tracing on / off: {$m_on/$m_off:.3f} (overhead {100*(1-$m_on/$m_off):.1f}%)')"

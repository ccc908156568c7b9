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
export PATH=$PATH:/usr/sbin
command -v nginx >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq nginx; }
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=$PWD/target/release/otelctl
fi
bin=$BIN
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# A local OTLP/HTTP endpoint that reads every export and discards it: the collector's
# part, kept as cheap as possible (one nginx worker answering 200) because it shares the
# two cores with the service and wrk, and its CPU is not the service's overhead. Its CPU
# per request is reported below. (An asyncio endpoint used before cost 0.4-0.5 µs per
# request, nginx 0.25.)
sink_port=$(free_port)
mkdir -p "$work/nginx"
cat > "$work/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $work/nginx/pid;
error_log stderr crit;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$sink_port;
    client_max_body_size 64m;
    client_body_buffer_size 4m;
    location / { return 200; }
  }
}
EOF
nginx -c "$work/nginx.conf" -p "$work/nginx" > "$work/sink.log" 2>&1 &
sink_pid=$!
for _ in $(seq 50); do curl -fs -o /dev/null -X POST "http://127.0.0.1:$sink_port/v1/traces" && break; sleep 0.1; done
# The worker process does the receiving.
sink_pid=$(pgrep -P "$sink_pid" | head -1)

# CPU time (user + system, in clock ticks) a process has used so far.
tick=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }

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
  local s0 k0; s0=$(cpu "$pid"); k0=$(cpu "$sink_pid")
  wrk -t1 -c"$CONNECTIONS" -d"$DURATION" "http://127.0.0.1:$port/api/hello" > "$work/wrk-$1.txt"
  local s1 k1 n; s1=$(cpu "$pid"); k1=$(cpu "$sink_pid")
  n=$(awk '/requests in/ {print $1}' "$work/wrk-$1.txt")
  python3 -c "print(f'  $1: service {($s1-$s0)/$tick*1e6/$n:.2f} µs CPU/request, sink {($k1-$k0)/$tick*1e6/$n:.2f}')" >&2
  if [ "$1" = on ]; then
    curl -fs "http://127.0.0.1:$port/metrics" | grep -E '^otel_spans_(ended|exported|dropped)_total' | tr '\n' ' ' >&2
    echo >&2
  fi
  kill -TERM "$pid"; wait "$pid" || true
  awk '/Requests\/sec/ {print $2}' "$work/wrk-$1.txt"
}

off=(); on=(); ratio=()
for round in $(seq "$ROUNDS"); do
  off+=("$(run off)"); on+=("$(run on)")
  ratio+=("$(python3 -c "print(${on[-1]}/${off[-1]})")")
  echo "round $round: off ${off[-1]} req/s, on ${on[-1]} req/s (on/off $(printf %.3f "${ratio[-1]}"))" >&2
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m_off=$(median "${off[@]}"); m_on=$(median "${on[@]}")
echo "tracing off: $m_off req/s (median of $ROUNDS)"
echo "tracing on:  $m_on req/s (median of $ROUNDS)"
python3 -c "print(f'throughput with tracing on / off: {$m_on/$m_off:.3f} (overhead {100*(1-$m_on/$m_off):.1f}%)')"
# Each round's pair ran back to back, so its ratio is the least touched by drift.
m_ratio=$(median "${ratio[@]}")
python3 -c "print(f'median of the per-round ratios: {$m_ratio:.3f} (overhead {100*(1-$m_ratio):.1f}%)')"

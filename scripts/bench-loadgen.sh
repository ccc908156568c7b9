#!/usr/bin/env bash
# otelctl loadgen against wrk (and oha when installed) on the same local target with the
# same connection count; its memory at 1,000 connections; and how closely it holds a rate.
# Every tool gets one thread per core, as otelctl takes by default (wrk -t$(nproc); oha's
# runtime uses every core). Rounds alternate between the tools so machine noise hits
# both; read the ratios.
#
#   scripts/bench-loadgen.sh
#   BIN=/path/to/otelctl ROUNDS=5 scripts/bench-loadgen.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-50}
ROUNDS=${ROUNDS:-3}
RATE=${RATE:-2000}
THREADS=${THREADS:-$(nproc)}

command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=$PWD/target/release/otelctl
fi
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
OTEL_SDK_DISABLED=true "$BIN" serve -q --listen "127.0.0.1:$port" &
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$port/healthz"

rps_json() { python3 -c 'import json,sys; print(round(json.load(sys.stdin)["summary"]["rps"]))'; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

ours=(); theirs=(); ohas=()
for round in $(seq "$ROUNDS"); do
  ours+=("$("$BIN" loadgen -q -o json -c "$CONNECTIONS" -z "${DURATION}s" "$url" | rps_json)")
  theirs+=("$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" "$url" | awk '/Requests\/sec/ {printf "%d", $2}')")
  if command -v oha >/dev/null 2>&1; then
    ohas+=("$(oha --no-tui --output-format json -c "$CONNECTIONS" -z "${DURATION}s" "$url" | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["summary"]["requestsPerSec"]))')")
  fi
  echo "round $round: otelctl ${ours[-1]} req/s, wrk ${theirs[-1]} req/s${ohas:+, oha ${ohas[-1]} req/s}" >&2
done
o=$(median "${ours[@]}"); w=$(median "${theirs[@]}")
echo "throughput, $CONNECTIONS connections, wrk -t$THREADS, ${DURATION}s, median of $ROUNDS: otelctl $o req/s, wrk $w req/s"
python3 -c "print(f'otelctl / wrk = {$o/$w:.3f}')"
if [ ${#ohas[@]} -gt 0 ]; then
  h=$(median "${ohas[@]}")
  python3 -c "print(f'oha {$h} req/s; otelctl / oha = {$o/$h:.3f}')"
else
  echo "oha: not installed (cargo install oha), not compared"
fi

/usr/bin/time -f '%M' -o "$work/rss" "$BIN" loadgen -q -o json -c 1000 -z 5s "$url" > /dev/null
echo "peak memory at 1000 connections: $(( $(cat "$work/rss") / 1024 )) MiB"

achieved=$("$BIN" loadgen -q -o json -c 20 -r "$RATE" -z "${DURATION}s" "$url" | rps_json)
python3 -c "print(f'rate: asked {$RATE}/s, achieved {$achieved}/s ({100*($achieved/$RATE-1):+.2f}%)')"

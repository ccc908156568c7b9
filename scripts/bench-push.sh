#!/usr/bin/env bash
# `otelctl image push` against `skopeo copy oci:DIR docker://…`, pushing the same ~20 MB
# image (one gzip layer of incompressible bytes) to the same local registry (Debian's
# docker-registry with htpasswd basic auth, plain HTTP on loopback).
#
#   cold: a repository the registry has never seen, so every blob is uploaded;
#   warm: the same image and tag again, so every blob is already there.
#
# skopeo remembers in its blob-info cache which repositories hold a blob and then mounts it
# across repositories instead of uploading, so a "cold" push to a new repository would not
# upload at all; the cache file is deleted before each cold skopeo push so both tools upload
# every byte (it is only a cache; skopeo rebuilds it).
#
# Rounds alternate the two tools so drift on a noisy machine hits both alike; the figures
# to read are the medians and their ratio. Both tools get the password directly (otelctl
# through --username/--password-stdin), so no ECR call is timed: against ECR both would
# need the same GetAuthorizationToken first.
#
#   scripts/bench-push.sh                    # 5 rounds, 20 MB
#   ROUNDS=9 SIZE_MB=50 scripts/bench-push.sh
#   BIN=/path/to/otelctl scripts/bench-push.sh   # measure a binary already built
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
SIZE_MB=${SIZE_MB:-20}

missing=()
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
command -v skopeo >/dev/null 2>&1 || missing+=(skopeo)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/otelctl
fi
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
password=bench-password
htpasswd -Bbn AWS "$password" > "$work/htpasswd"
cat > "$work/config.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/data
http:
  addr: 127.0.0.1:$port
  secret: bench
auth:
  htpasswd:
    realm: bench
    path: $work/htpasswd
YAML
docker-registry serve "$work/config.yml" > "$work/registry.log" 2>&1 &
for _ in $(seq 100); do
  (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

# A "static Linux binary" of SIZE_MB: an ELF header with no interpreter, then random bytes.
python3 - "$work/otelctl" "$SIZE_MB" <<'PY'
import os, struct, sys
h = bytearray(64)
h[:4] = b"\x7fELF"; h[4] = 2; h[5] = 1; h[6] = 1
h[16:18] = struct.pack("<H", 2); h[18:20] = struct.pack("<H", 62)
h[32:40] = struct.pack("<Q", 64); h[54:56] = struct.pack("<H", 56); h[56:58] = struct.pack("<H", 1)
ph = bytearray(56); ph[:4] = struct.pack("<I", 1)
open(sys.argv[1], "wb").write(bytes(h) + bytes(ph) + os.urandom(int(sys.argv[2]) * 1024 * 1024))
PY
"$BIN" image build --binary "$work/otelctl" --layout "$work/image" -q -o json > "$work/built.json"

python3 - "$BIN" "$work" "$port" "$password" "$ROUNDS" <<'PY'
import json, os, statistics, subprocess, sys, time

bin, work, port, password, rounds = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
registry = f"127.0.0.1:{port}"
digest = json.load(open(f"{work}/built.json"))["digest"]

def otelctl(repo):
    return subprocess.run(
        [bin, "image", "push", "--from", f"{work}/image", "--repository", repo, "--tag", "v1",
         "--registry", registry, "--plain-http", "--username", "AWS", "--password-stdin", "-q"],
        input=password + "\n", capture_output=True, text=True)

SKOPEO_CACHES = ["/var/lib/containers/cache/blob-info-cache-v1.boltdb",
                 "/var/lib/containers/cache/blob-info-cache-v1.sqlite",
                 os.path.expanduser("~/.local/share/containers/cache/blob-info-cache-v1.boltdb"),
                 os.path.expanduser("~/.local/share/containers/cache/blob-info-cache-v1.sqlite")]

def forget_skopeo_cache():
    for path in SKOPEO_CACHES:
        if os.path.exists(path):
            os.remove(path)

def skopeo(repo):
    return subprocess.run(
        ["skopeo", "copy", "-q", "--dest-tls-verify=false", "--dest-creds", f"AWS:{password}",
         f"oci:{work}/image", f"docker://{registry}/{repo}:v1"],
        capture_output=True, text=True)

def timed(fn, repo):
    start = time.perf_counter()
    out = fn(repo)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"{fn.__name__} {repo} failed:\n{out.stderr}")
    return elapsed

times = {(tool, kind): [] for tool in ("otelctl", "skopeo") for kind in ("cold", "warm")}
for r in range(rounds):
    order = (otelctl, skopeo) if r % 2 == 0 else (skopeo, otelctl)
    for fn in order:
        repo = f"bench/{fn.__name__}-{r}"
        if fn is skopeo:
            forget_skopeo_cache()
        times[(fn.__name__, "cold")].append(timed(fn, repo))
        times[(fn.__name__, "warm")].append(timed(fn, repo))

# Both pushed the same bytes: the tag has the digest otelctl built.
check = subprocess.run(["skopeo", "inspect", "--tls-verify=false", "--creds", f"AWS:{password}",
                        f"docker://{registry}/bench/skopeo-0:v1"], capture_output=True, text=True)
assert json.loads(check.stdout)["Digest"] == digest, "skopeo pushed a different image"

med = {k: statistics.median(v) for k, v in times.items()}
size = sum(i["layer_size"] for i in json.load(open(f"{work}/built.json"))["images"])
print(f"image: {digest}, layer {size / 1e6:.1f} MB, {rounds} rounds, medians")
print(f"{'':6} {'otelctl':>10} {'skopeo':>10} {'ratio':>7}")
for kind in ("cold", "warm"):
    o, s = med[("otelctl", kind)], med[("skopeo", kind)]
    print(f"{kind:6} {o * 1000:8.1f}ms {s * 1000:8.1f}ms {o / s:6.2f}x")
print("all runs (ms):")
for k, v in times.items():
    print(f"  {k[0]:8} {k[1]}: " + " ".join(f"{x * 1000:.0f}" for x in v))
PY

#!/usr/bin/env bash
# Regenerates the shell completion scripts in completions/ from the current CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
bin="${CARGO_TARGET_DIR:-target}/debug/otelctl"
"$bin" completions bash > completions/otelctl.bash
"$bin" completions zsh > completions/_otelctl
"$bin" completions fish > completions/otelctl.fish
"$bin" completions powershell > completions/_otelctl.ps1
"$bin" completions elvish > completions/otelctl.elv
echo "completions/ updated"

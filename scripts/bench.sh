#!/usr/bin/env bash
# Benchmarks, each against a hand-written implementation of the same request:
# criterion for the core, then the npm package (node:crypto), the Python wheel
# (hmac + json) and the Kotlin bindings (javax.crypto.Mac). Figures are
# printed, never asserted: they go in the issue notes.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "=== core (criterion)"
cargo bench -p momo-core --bench prepare -- --warm-up-time 1 --measurement-time 5

echo "=== npm package vs node:crypto"
scripts/bootstrap.sh rust wasm >/dev/null
bindings-wasm/build.sh >/dev/null
# On the system Node, then on each Node line bootstrap installed (Linux
# x86_64): the hand-written side is each Node's own crypto and JSON.
for node in node tools/nodes/node_modules/node*/bin/node; do
  [[ -x "$(command -v "$node")" ]] || continue
  "$node" bindings-wasm/bench/bench.mjs
done

echo "=== Python wheel vs hmac + json"
scripts/bootstrap.sh python >/dev/null
bindings-python/build.sh >/dev/null
.venv/bin/python bindings-python/bench/bench.py

echo "=== Kotlin (uniffi) vs javax.crypto.Mac"
bindings-uniffi/bench/run.sh

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
node bindings-wasm/bench/bench.mjs

echo "=== Python wheel vs hmac + json"
scripts/bootstrap.sh python >/dev/null
bindings-python/build.sh >/dev/null
.venv/bin/python bindings-python/bench/bench.py

echo "=== Kotlin (uniffi) vs javax.crypto.Mac"
bindings-uniffi/bench/run.sh

#!/usr/bin/env bash
# Benchmarks: criterion for the core, then each binding's bench script when
# present. Figures are printed, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p momo-core --bench prepare -- --warm-up-time 1 --measurement-time 5
for script in bindings-wasm/bench.sh bindings-python/bench.sh bindings-uniffi/bench.sh sandbox/bench.sh; do
  if [ -x "$script" ]; then
    echo "=== $script"
    "$script"
  fi
done

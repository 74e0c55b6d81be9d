#!/usr/bin/env bash
# The stages of one tokenization/create, timed apart:
#   1. builds the bench-stages variant of the .wasm (src/bench_stages.rs)
#      into target/bench-stages-pkg and runs bench/stages.mjs on every
#      installed Node;
#   2. times the same stages as native code (benches/native_stages.rs), on
#      the argument exactly as the JS wrapper encodes it.
# Needs `scripts/bootstrap.sh rust wasm` and a package build
# (bindings-wasm/build.sh) first. Figures only: they go in the issue note.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="${CARGO_TARGET_DIR:-$ROOT/target}/bench-stages-pkg"
cd "$ROOT"

"$HERE/build.sh" --features bench-stages --out "$OUT" >/dev/null
for node in node tools/nodes/node_modules/node*/bin/node; do
  [[ -x "$(command -v "$node")" ]] || continue
  "$node" "$HERE/bench/stages.mjs" "$OUT" "$@"
done

node "$HERE/bench/stages.mjs" "$OUT" --write-frame "$OUT/create.frame"
cargo bench --locked --quiet -p momo-core-wasm --bench native_stages -- "$OUT/create.frame"

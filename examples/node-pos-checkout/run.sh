#!/usr/bin/env bash
# Runs the Node POS checkout against the sandbox at $MOMO_SANDBOX_URL:
# builds the npm package (bindings-wasm/build.sh), then `node checkout.mjs`
# on the system Node and, where bootstrap installed it (Linux x86_64), on
# Node 18, the oldest Node the package supports.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/bootstrap.sh wasm >/dev/null
bindings-wasm/build.sh >/dev/null
node examples/node-pos-checkout/checkout.mjs
NODE18=tools/node18/node_modules/.bin/node
if [[ -x "$NODE18" ]]; then
  echo "[node] the same checkout on Node $("$NODE18" --version)"
  "$NODE18" examples/node-pos-checkout/checkout.mjs
fi

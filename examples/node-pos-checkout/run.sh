#!/usr/bin/env bash
# Runs the Node POS checkout against the sandbox at $MOMO_SANDBOX_URL:
# builds the npm package (bindings-wasm/build.sh), then `node checkout.mjs`.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/bootstrap.sh wasm >/dev/null
bindings-wasm/build.sh >/dev/null
exec node examples/node-pos-checkout/checkout.mjs

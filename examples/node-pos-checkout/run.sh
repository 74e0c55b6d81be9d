#!/usr/bin/env bash
# Runs the Node POS checkout against the sandbox at $MOMO_SANDBOX_URL:
# builds the npm package (bindings-wasm/build.sh), then `node checkout.mjs`
# on the system Node and, where bootstrap installed them (Linux x86_64), on
# the oldest and the newest Node of tools/nodes (18, the oldest the package
# supports, and 26): each has its own fetch. The QR checkout draws its QR
# code with the example's own dependency (qrcode, package-lock.json),
# installed here with npm ci; never a dependency of the npm package.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/bootstrap.sh wasm >/dev/null
bindings-wasm/build.sh >/dev/null
(cd examples/node-pos-checkout && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
node examples/node-pos-checkout/checkout.mjs
nodes=(tools/nodes/node_modules/node*/bin/node)
if [[ -x "${nodes[0]}" ]]; then
  for node in "${nodes[0]}" "${nodes[-1]}"; do
    echo "[node] the same checkout on Node $("$node" --version)"
    "$node" examples/node-pos-checkout/checkout.mjs
  done
fi

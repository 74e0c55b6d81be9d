#!/usr/bin/env bash
# Runs the Python service (IPN listener, pending payment, QR checkout with its
# redirect check and payment tracker, gift) against the
# sandbox at $MOMO_SANDBOX_URL, with the momo_core wheel built from this tree.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/bootstrap.sh python >/dev/null
log=target/python-service-build.log
mkdir -p target
if ! bindings-python/build.sh >"$log" 2>&1; then cat "$log"; exit 1; fi
exec .venv/bin/python examples/python-service/service.py

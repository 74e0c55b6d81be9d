#!/usr/bin/env bash
# Runs the Rust POS checkout against the sandbox at $MOMO_SANDBOX_URL.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec cargo run -q -p momo-example-rust-checkout

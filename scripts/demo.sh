#!/usr/bin/env bash
# The main job, end to end: start the offline MoMo sandbox on 127.0.0.1, then
# run the POS checkout example of every host (Rust, Node, Python, Kotlin)
# against it over real HTTP. Each example prints its steps; the demo exits 0
# only if every flow ended as expected.
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh rust || exit 1
echo "demo: building the sandbox"
cargo build -q --release -p momo-sandbox || exit 1

# 12 s: longer than tokenization/pay's 10 s timeout, so the slow trigger times out.
. scripts/sandbox-start.sh
start_sandbox target/demo-sandbox.log --slow-ms 12000 || exit 1
export MOMO_SANDBOX_URL="$SANDBOX_URL"
echo "demo: sandbox ready at $MOMO_SANDBOX_URL"

passed=0
failed=0
for example in rust-checkout node-pos-checkout python-service kotlin-pos; do
  runner="examples/$example/run.sh"
  [ -x "$runner" ] || continue
  echo
  echo "=== $example"
  if "$runner"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "=== $example: did not end as expected"
  fi
done
echo
echo "demo: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

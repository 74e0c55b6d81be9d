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

log=target/demo-sandbox.log
# 12 s: longer than tokenization/pay's 10 s timeout, so the slow trigger times out.
# Empty the log first: the redirect below happens in the background job and
# may come after the first read, which would then see the last run's line.
: >"$log"
target/release/momo-sandbox --port 0 --slow-ms 12000 >"$log" 2>&1 &
sandbox=$!
trap 'kill "$sandbox" 2>/dev/null; wait "$sandbox" 2>/dev/null' EXIT

ready=""
for _ in $(seq 1 100); do
  ready=$(sed -n 's/^MOMO_SANDBOX_READY //p' "$log" | head -n 1)
  [ -n "$ready" ] && break
  kill -0 "$sandbox" 2>/dev/null || break
  sleep 0.2
done
if [ -z "$ready" ]; then
  echo "demo: the sandbox did not start:"
  cat "$log"
  exit 1
fi
MOMO_SANDBOX_URL=$(printf '%s' "$ready" | python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
export MOMO_SANDBOX_URL
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

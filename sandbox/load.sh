#!/usr/bin/env bash
# The load run (./task load): builds the sandbox (release), starts it as its
# own process on 127.0.0.1, then runs `momo-sandbox load` against it from a
# second process: N concurrent checkouts (tokenization/create + pay), then
# checks via /sandbox/stats and one query per order that orders created ==
# orders settled, nothing lost or doubled. Prints checkouts/s and latency
# percentiles; exits non-zero if the counts disagree.
#
#   sandbox/load.sh [--checkouts N] [--concurrency N] [--amount VND]
#   (defaults: 2000 checkouts at concurrency 64)
set -uo pipefail
cd "$(dirname "$0")/.."

echo "load: building the sandbox (release)"
cargo build -q --release -p momo-sandbox || exit 1

. scripts/sandbox-start.sh
start_sandbox target/load-sandbox.log --quiet || exit 1
sandbox=$SANDBOX_PID
url=$SANDBOX_URL
echo "load: sandbox (pid $sandbox) at $url"
target/release/momo-sandbox load --url "$url" "$@"
status=$?
# The server's own CPU time (user + sys, whole life: start, checkouts and the
# query phase), a figure less sensitive than wall time to a busy machine.
if [ -r "/proc/$sandbox/stat" ]; then
  ticks=$(getconf CLK_TCK)
  awk -v t="$ticks" '{ sub(/^.*\) /, ""); printf "load: sandbox process CPU time %.2f s (user %.2f + sys %.2f)\n", ($12 + $13) / t, $12 / t, $13 / t }' "/proc/$sandbox/stat"
fi
exit "$status"

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

log=target/load-sandbox.log
# Empty the log first: the redirect below happens in the background job and
# may come after the first read, which would then see the last run's line.
: >"$log"
target/release/momo-sandbox --port 0 --quiet >"$log" 2>&1 &
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
  echo "load: the sandbox did not start:"
  cat "$log"
  exit 1
fi
url=$(printf '%s' "$ready" | sed -n 's/.*"url":"\([^"]*\)".*/\1/p')
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

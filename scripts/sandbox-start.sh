# Sourced by scripts/demo.sh and sandbox/load.sh (from the repository root):
#
#   start_sandbox LOG [momo-sandbox options...]
#
# Builds nothing: starts target/release/momo-sandbox on a free port of
# 127.0.0.1 with its output in LOG, waits for its MOMO_SANDBOX_READY line and
# sets SANDBOX_PID and SANDBOX_URL. The sandbox is stopped when the calling
# shell exits. Returns 1 (after printing the log) if it did not start.

start_sandbox() {
  local log="$1"
  shift
  # Empty the log first: the redirect below happens in the background job and
  # may come after the first read, which would then see the last run's line.
  : >"$log"
  target/release/momo-sandbox --port 0 "$@" >"$log" 2>&1 &
  SANDBOX_PID=$!
  trap 'kill "$SANDBOX_PID" 2>/dev/null; wait "$SANDBOX_PID" 2>/dev/null' EXIT

  local ready=""
  for _ in $(seq 1 100); do
    ready=$(sed -n 's/^MOMO_SANDBOX_READY //p' "$log" | head -n 1)
    [ -n "$ready" ] && break
    kill -0 "$SANDBOX_PID" 2>/dev/null || break
    sleep 0.2
  done
  if [ -z "$ready" ]; then
    echo "the sandbox did not start:"
    cat "$log"
    return 1
  fi
  SANDBOX_URL=$(printf '%s' "$ready" | python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
}

#!/usr/bin/env bash
# ./task fuzz [TARGET|all|seed|cmin] [SECONDS]
#
# Runs the cargo-fuzz targets of fuzz/ (ipn, responses, keys, inputs; all
# of them by default, ipn last) for SECONDS each (default 600), one at a
# time on one core, then minimizes each corpus (cargo fuzz cmin) in place.
# `seed` adds the seeds tests/vectors gives to every corpus, then
# minimizes; `cmin` only minimizes. Installs the nightly toolchain and cargo-fuzz when missing:
# nightly is for fuzzing only; the corpora run as regression tests on
# stable in core/tests/corpus.rs (part of `cargo test -p momo-core`).
#
# A crash (panic, timeout over 1 s, out of memory) leaves its input in
# fuzz/artifacts/TARGET/; it is copied into fuzz/corpus/TARGET/ so the
# regression test replays it, and the script exits 1 after the other
# targets ran (as it does when a target does not build). Logs:
# fuzz/target/TARGET.log.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(keys responses inputs ipn)
what="${1:-all}"
seconds="${2:-600}"

ensure_tools() {
  if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    rustup toolchain install nightly --profile minimal
  fi
  if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked || cargo install cargo-fuzz
  fi
}

# Keeps the fewest inputs that reach every edge (hit counts aside: with
# them the corpora are several times larger for the same edges).
minimize() {
  local target="$1"
  cargo +nightly fuzz cmin "$target" "fuzz/corpus/$target" -- -use_counters=0 -timeout=5 >"fuzz/target/cmin-$target.log" 2>&1 \
    || { tail -20 "fuzz/target/cmin-$target.log"; return 1; }
  echo "$target: corpus $(ls "fuzz/corpus/$target" | wc -l) files, $(du -sb "fuzz/corpus/$target" | cut -f1) bytes"
}

seed() {
  local out
  out="$(mktemp -d)"
  # The seeds are computed from tests/vectors by the regression test itself.
  MOMO_FUZZ_SEED_OUT="$out" cargo test -q -p momo-core --test corpus vector_seeds_run_clean || true
  for target in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$target"
    cp "$out/$target"/* "fuzz/corpus/$target/"
    minimize "$target"
  done
  rm -rf "$out"
}

run() {
  local target="$1" log="fuzz/target/$1.log"
  mkdir -p "fuzz/corpus/$target" fuzz/target
  echo "== $target: ${seconds}s ($(date -u +%H:%M:%S) UTC)"
  if ! cargo +nightly fuzz build "$target" >"$log" 2>&1; then
    echo "$target: BUILD FAILED (is the core mid-edit?); see $log"
    failed=1
    return 0
  fi
  local status=0
  rm -rf "fuzz/artifacts/$target"
  cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -print_final_stats=1 \
    >"$log" 2>&1 || status=$?
  grep -E '^(Done|stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb))' "$log" || true
  if [ "$status" -ne 0 ]; then
    echo "$target: CRASH (exit $status); see $log"
    grep -E 'panicked at|ERROR: libFuzzer|SUMMARY' "$log" | head -5 || true
    failed=1
  fi
  minimize "$target"
  # After cmin, which keeps no crashing input.
  for crash in "fuzz/artifacts/$target"/*; do
    [ -f "$crash" ] && cp "$crash" "fuzz/corpus/$target/" && echo "  reproducer kept: $crash"
  done
  return 0
}

ensure_tools
mkdir -p fuzz/target
failed=0
case "$what" in
  seed) seed ;;
  cmin) for target in "${targets[@]}"; do minimize "$target"; done ;;
  all) for target in "${targets[@]}"; do run "$target"; done ;;
  *)
    [[ " ${targets[*]} " == *" $what "* ]] || { echo "unknown target $what (${targets[*]}, all, seed, cmin)" >&2; exit 2; }
    run "$what"
    ;;
esac
echo "fuzz/corpus: $(du -sb fuzz/corpus | cut -f1) bytes"
exit "$failed"

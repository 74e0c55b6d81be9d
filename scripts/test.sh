#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what it needs, then runs
# the vectors check, the Rust core's checks and tests, each binding's and
# service's own test.sh, the release artifacts installed and run
# (scripts/dist-check.sh), then the demo (./task demo). Ends with one line
# "suites: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# One pass over a clean tree gains nothing from incremental caches, which
# were a third of target/debug's size (stop 23's CI ran out of disk).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

passed=0
failed=0
failures=()
suite() {
  local name="$1"
  shift
  echo
  echo "=== $name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "=== $name: ok ($((SECONDS - start)) s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "=== $name: FAILED ($((SECONDS - start)) s)"
  fi
  disk_report
}

# What the suites leave on disk, after each one: stop 23's CI machine ran
# out of space mid-run, and its log could not say which suite filled it.
disk_report() {
  local target_mb free
  target_mb=$(du -sm target 2>/dev/null | cut -f1)
  free=$(free_mb)
  echo "    disk: target/ ${target_mb:-0} MB, ${free:-?} MB free"
}

# MB free on the disk that holds the clone.
free_mb() {
  df -Pm . | awk 'NR == 2 { print $4 }'
}

core_checks() {
  cargo fmt --all --check &&
    cargo clippy -p momo-core --all-targets -- -D warnings &&
    # The npm package's build: RSA left to the host (no builtin-rsa).
    cargo clippy -p momo-core --no-default-features --lib -- -D warnings &&
    cargo test -p momo-core
}

# Build output never lives in git: a tracked .so was once imported instead of
# the fresh build. Lists the offenders and fails the suite if any is tracked.
no_build_output_in_git() {
  local tracked
  tracked=$(git ls-files | grep -E '\.(so|dylib|dll|wasm|whl|jar|a|rlib|pyd|class)$' || true)
  if [ -n "$tracked" ]; then
    echo "build output is tracked in git (git rm --cached it):" >&2
    echo "$tracked" >&2
    return 1
  fi
  echo "no build output tracked"
}

# A fresh run's clone peaked at 5.2 GB (target/ 3.2 GB, tools/ 1.3 GB,
# .venv 0.6 GB), measured on ee5c550; caches outside it (cargo registry,
# npm, Maven, rustup targets) add about 1.5 GB more on a fresh machine.
free_at_start=$(free_mb)
if [ "${free_at_start:-0}" -lt 7000 ]; then
  echo "warning: ${free_at_start} MB free here; a whole run from a clean clone needs about 7,000 MB" >&2
fi

suite "no build output in git" no_build_output_in_git
suite "bootstrap (rust)" scripts/bootstrap.sh rust
suite "vectors match the Python reference (hmac, openssl)" python3 tests/vectors/generate.py --check
suite "core: fmt, clippy, unit + vector + property + doc tests" core_checks
for dir in sandbox bindings-wasm bindings-python bindings-uniffi; do
  if [ -x "$dir/test.sh" ]; then
    suite "$dir" "$dir/test.sh"
  fi
done
# The release artifacts as users install them (scripts/dist-check.sh): the
# x86_64 manylinux2014 wheel in a fresh venv, the npm tarball in an empty app.
suite "dist: the wheel and the npm tarball installed into empty projects, a signed request and a parse each; the .crate packaged" scripts/dist-check.sh
# The README's first command is a test too: every host's checkout over real HTTP.
suite "demo: every host's POS checkout against the offline sandbox" scripts/demo.sh

echo
if [ "$failed" -gt 0 ]; then
  echo "failed suites: ${failures[*]}"
fi
echo "suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

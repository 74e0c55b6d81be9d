#!/usr/bin/env bash
# momo-sandbox's checks, from a fresh clone (no stdin, CI=true is fine):
# toolchain, rustfmt and clippy (-D warnings) for the sandbox and the Rust
# checkout example, then the sandbox's unit tests and its integration tests
# over real HTTP on 127.0.0.1 (sandbox/tests/loopback). Exits non-zero on
# any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() {
  echo "--- sandbox: $*"
}

step "bootstrap (rust)"
scripts/bootstrap.sh rust </dev/null

crates=(-p momo-sandbox -p momo-example-rust-checkout)

step "rustfmt --check"
cargo fmt "${crates[@]}" -- --check

step "clippy -D warnings"
cargo clippy "${crates[@]}" --all-targets -- -D warnings

step "tests (unit + loopback HTTP integration)"
# The hostile-client test holds 3,000 connections, both ends in one
# process: raise the soft open-files limit towards 8192 (never above the
# hard limit; the test says so if it is still too low).
hard=$(ulimit -Hn)
if [ "$hard" = unlimited ] || [ "$hard" -ge 8192 ]; then
  want=8192
else
  want=$hard
fi
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$want" ]; then
  ulimit -n "$want" || true
fi
cargo test -p momo-sandbox </dev/null

echo "--- sandbox: ok"

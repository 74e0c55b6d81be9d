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

step "chromium (for the payment page's browser test)"
# Debian's chromium, installed once, non-interactively. When it cannot be
# installed (no apt, no root, no network), the browser test prints why and
# is skipped; once it is installed, MOMO_REQUIRE_BROWSER=1 makes any
# failure to drive it a test failure.
find_chromium() {
  command -v chromium || command -v chromium-browser || command -v google-chrome || true
}
if [ -z "${MOMO_CHROMIUM:-}" ] && [ -z "$(find_chromium)" ]; then
  sudo_cmd=()
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo -n)
  fi
  if command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    { "${sudo_cmd[@]}" apt-get update -qq &&
      "${sudo_cmd[@]}" apt-get install -y -qq chromium; } </dev/null ||
      echo "could not install chromium; the browser test will be skipped"
  else
    echo "no apt-get; the browser test will be skipped"
  fi
fi
if [ -n "${MOMO_CHROMIUM:-}" ] || [ -n "$(find_chromium)" ]; then
  export MOMO_REQUIRE_BROWSER=1
  echo "browser: ${MOMO_CHROMIUM:-$(find_chromium)}"
fi

step "tests (unit + loopback HTTP integration + headless Chromium)"
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

#!/usr/bin/env bash
# Install everything the project's builds and tests need, idempotently.
#
#   scripts/bootstrap.sh [rust] [wasm] [python] [kotlin] [dist]   (no args = all but dist)
#
# dist (./task dist only): ziglang + auditwheel in .venv, mingw-w64 (apt) and the Rust targets
# of the Linux wheels (x86_64/aarch64, glibc and musl).
#
# Target: a fresh Debian 12 machine (root) with rustup/Rust, Node 20 + npm,
# CPython 3 + pip and OpenJDK 17 (+ Maven). Only crates.io, PyPI, npm, Debian apt
# (and Maven Central, through mvn) are
# used. Nothing is exported; callers use these paths (relative to the repo):
#   tools/node/node_modules/.bin/wasm-opt
#   tools/node/node_modules/.bin/tsc
#   tools/node/node_modules/.bin/attw      (are the npm package's types wrong?)
#   tools/nodes/node_modules/node{18,22,24,26}/bin/node
#                                         (Node lines the npm package is also tested on;
#                                         Linux x86_64 only)
#   .venv/bin/python                      (maturin, pytest, mypy, ... inside;
#                                         with dist: ziglang, auditwheel)
#   mvn (Debian's maven if missing; kotlin-maven-plugin, JNA, JUnit come
#                                         from Maven Central at build time)
#   cargo zigbuild (~/.cargo/bin), tools/zig/bin/python (ziglang): the JAR's
#                                         glibc 2.17 x86_64 and aarch64 libraries
#   wasm-bindgen (in ~/.cargo/bin, on PATH)
#
# One line per component on stdout; installer noise goes to target/bootstrap.log,
# whose tail is printed on failure. A second run only checks and takes seconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WASM_BINDGEN_FALLBACK="0.2.130"
ALL_COMPONENTS=(rust wasm python kotlin)

mkdir -p target
LOG="$ROOT/target/bootstrap.log"
printf '=== bootstrap %s: %s\n' "$(date -u +%FT%TZ)" "${*:-all}" >"$LOG"

export DEBIAN_FRONTEND=noninteractive
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

die() {
  echo "bootstrap: FAILED: $*" >&2
  echo "---- last lines of $LOG ----" >&2
  tail -n 40 "$LOG" >&2 || true
  exit 1
}

# run CMD...: run quietly, output to the log; on failure print the log tail and exit.
run() {
  printf '+ %s\n' "$*" >>"$LOG"
  "$@" </dev/null >>"$LOG" 2>&1 || die "$*"
}

# hash_of FILE...: one checksum over the given files (missing files count as empty).
hash_of() {
  local f
  for f in "$@"; do
    printf '%s\n' "$f"
    cat "$f" 2>/dev/null || true
  done | sha256sum | cut -d' ' -f1
}

# npm_dir DIR: install DIR/package.json into DIR/node_modules (npm ci when a lock
# exists, else npm install, which writes the lock). Skipped when the stamp left
# by the last successful install matches package.json + package-lock.json.
npm_dir() {
  local dir="$1" stamp="$1/node_modules/.bootstrap-stamp"
  [[ -f "$dir/package.json" ]] || die "$dir/package.json is missing"
  if [[ -f "$dir/package-lock.json" && -f "$stamp" ]] &&
    [[ "$(cat "$stamp")" == "$(hash_of "$dir/package.json" "$dir/package-lock.json")" ]]; then
    return 0
  fi
  if [[ -f "$dir/package-lock.json" ]]; then
    run npm ci --prefix "$dir" --no-audit --no-fund
  else
    run npm install --prefix "$dir" --no-audit --no-fund
  fi
  hash_of "$dir/package.json" "$dir/package-lock.json" >"$stamp"
}

APT_UPDATED=0
PYTHON_DONE=0
apt_install() {
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo -n)
  # Empty or stale package lists: update once, then install (retry once after an
  # update if the install fails against old lists).
  local policy
  policy="$(apt-cache policy "$@" 2>/dev/null || true)"
  if [[ $APT_UPDATED -eq 0 ]] && ! grep -q 'Candidate: [0-9]' <<<"$policy"; then
    run "${sudo[@]}" apt-get update -qq
    APT_UPDATED=1
  fi
  printf '+ apt-get install %s\n' "$*" >>"$LOG"
  if ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" </dev/null >>"$LOG" 2>&1; then
    [[ $APT_UPDATED -eq 0 ]] || die "apt-get install $*"
    run "${sudo[@]}" apt-get update -qq
    APT_UPDATED=1
    run "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@"
  fi
}

# ---------------------------------------------------------------- components

do_rust() {
  local installed missing=()
  command -v rustup >/dev/null || die "rustup not found on PATH"
  installed="$(rustup component list --installed 2>>"$LOG")" || die "rustup component list"
  grep -q '^clippy' <<<"$installed" || missing+=(clippy)
  grep -q '^rustfmt' <<<"$installed" || missing+=(rustfmt)
  [[ ${#missing[@]} -eq 0 ]] || run rustup component add "${missing[@]}"
  local rv cv fv
  rv="$(rustc --version | cut -d' ' -f2)" || die "rustc --version"
  cv="$(cargo clippy --version 2>>"$LOG" | cut -d' ' -f2)" || die "cargo clippy --version"
  fv="$(rustfmt --version 2>>"$LOG" | cut -d' ' -f2)" || die "rustfmt --version"
  echo "bootstrap: rust ok (rustc $rv, clippy $cv, rustfmt $fv)"
}

wanted_wasm_bindgen() {
  local v=""
  if [[ -f Cargo.lock ]]; then
    v="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/^version = "|"$/, ""); print; exit }' Cargo.lock)"
  fi
  echo "${v:-$WASM_BINDGEN_FALLBACK}"
}

# install_wasm_bindgen VERSION: `cargo install --locked` of wasm-bindgen-cli.
# If the crate's own Cargo.lock pins a dependency version that the registry here
# does not serve (seen: wasm-bindgen-cli 0.2.130 locks webpki-roots 1.0.11, the
# registry has up to 1.0.10), build the same crate source with only those
# entries re-resolved (`cargo update -p NAME`) and everything else still locked.
install_wasm_bindgen() {
  local want="$1"
  printf '+ cargo install wasm-bindgen-cli --version =%s --locked\n' "$want" >>"$LOG"
  if cargo install wasm-bindgen-cli --version "=$want" --locked </dev/null >>"$LOG" 2>&1; then
    return 0
  fi
  echo "# locked install failed; retrying with unavailable lock entries re-resolved" >>"$LOG"
  local crate src tmp out name i
  crate="$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"wasm-bindgen-cli-$want.crate" 2>/dev/null | head -n1)"
  [[ -n "$crate" ]] || die "cargo install wasm-bindgen-cli =$want (crate not downloaded)"
  tmp="$(mktemp -d)"
  tar -xzf "$crate" -C "$tmp" || die "extracting $crate"
  src="$tmp/wasm-bindgen-cli-$want"
  for i in $(seq 1 20); do
    if out="$(cd "$src" && cargo fetch --locked </dev/null 2>&1)"; then
      break
    fi
    echo "$out" >>"$LOG"
    name="$(grep -o 'failed to select a version for the requirement `[^ `]*' <<<"$out" | head -n1 | sed 's/.*`//' || true)"
    [[ -n "$name" && $i -lt 20 ]] || die "cargo fetch --locked for wasm-bindgen-cli $want"
    run cargo update --manifest-path "$src/Cargo.toml" -p "$name"
  done
  run cargo install --locked --path "$src"
  rm -rf "$tmp"
}

do_wasm() {
  local targets
  targets="$(rustup target list --installed 2>>"$LOG")" || die "rustup target list"
  grep -qx wasm32-unknown-unknown <<<"$targets" || run rustup target add wasm32-unknown-unknown

  local want have
  want="$(wanted_wasm_bindgen)"
  have="$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2 || true)"
  if [[ "$have" != "$want" ]]; then
    install_wasm_bindgen "$want"
    have="$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2 || true)"
    [[ "$have" == "$want" ]] || die "wasm-bindgen is '$have' after install, wanted $want (is ~/.cargo/bin on PATH?)"
  fi

  npm_dir tools/node
  local opt tsc
  opt="$(tools/node/node_modules/.bin/wasm-opt --version 2>>"$LOG")" || die "wasm-opt --version"
  tsc="$(tools/node/node_modules/.bin/tsc --version 2>>"$LOG")" || die "tsc --version"
  echo "bootstrap: wasm ok (wasm32 target, wasm-bindgen $have, ${opt%% (*}, tsc ${tsc##* })"

  # More Node lines to run the package's tests on: the oldest it supports
  # and every line still supported. The registry's builds are for Linux
  # x86_64 only (CI's platform).
  if [[ "$(uname -sm)" == "Linux x86_64" ]]; then
    npm_dir tools/nodes
    local n versions=()
    for n in tools/nodes/node_modules/node*/bin/node; do
      versions+=("$("$n" --version 2>>"$LOG")") || die "$n --version"
    done
    echo "bootstrap: wasm: Node ${versions[*]} for the package's test runs"
  else
    echo "bootstrap: wasm: no registry Node builds for $(uname -sm); the package is tested on the system Node only"
  fi
}

do_python() {
  local py="${PYTHON:-python3}" req=tools/python/requirements.txt
  [[ -f $req ]] || die "$req is missing"
  if ! .venv/bin/python -c 'import sys' >/dev/null 2>&1; then
    rm -rf .venv
    run "$py" -m venv .venv
  fi
  local stamp=.venv/.bootstrap-stamp want
  want="$(hash_of "$req" .venv/pyvenv.cfg)"
  if [[ ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
    run .venv/bin/python -m pip install --disable-pip-version-check -q -r "$req"
    echo "$want" >"$stamp"
  fi
  local pv mv
  pv="$(.venv/bin/python -c 'import platform; print(platform.python_version())')" || die ".venv python"
  mv="$(.venv/bin/maturin --version 2>>"$LOG" | cut -d' ' -f2)" || die "maturin --version"
  .venv/bin/python -c 'import pytest, cryptography, mypy, httpx' 2>>"$LOG" || die "python imports"
  PYTHON_DONE=1
  echo "bootstrap: python ok (.venv python $pv, maturin $mv; pins in $req)"
}

do_kotlin() {
  command -v java >/dev/null || die "java not found on PATH"
  command -v mvn >/dev/null || apt_install maven
  command -v mvn >/dev/null || die "mvn not found after installing maven"

  # The JAR's linux-aarch64 (and glibc 2.17 linux-x86-64) library:
  # cargo-zigbuild with zig from PyPI's ziglang, in its own venv tools/zig
  # (pinned by the ziglang line of tools/python/dist-requirements.txt).
  local targets
  targets="$(rustup target list --installed 2>>"$LOG")" || die "rustup target list"
  grep -qx aarch64-unknown-linux-gnu <<<"$targets" || run rustup target add aarch64-unknown-linux-gnu
  if ! cargo-zigbuild --version >/dev/null 2>&1; then
    printf '+ cargo install cargo-zigbuild --locked\n' >>"$LOG"
    if ! cargo install cargo-zigbuild --locked </dev/null >>"$LOG" 2>&1; then
      echo "# locked install failed; retrying without --locked" >>"$LOG"
      run cargo install cargo-zigbuild
    fi
  fi
  local pin stamp=tools/zig/.bootstrap-stamp py="${PYTHON:-python3}"
  pin="$(grep -E '^ziglang==' tools/python/dist-requirements.txt 2>/dev/null || true)"
  [[ -n "$pin" ]] || die "no ziglang==X line in tools/python/dist-requirements.txt"
  if [[ ! -f $stamp || "$(cat "$stamp")" != "$pin" ]] || ! tools/zig/bin/python -c 'import ziglang' >/dev/null 2>&1; then
    rm -rf tools/zig
    run "$py" -m venv tools/zig
    run tools/zig/bin/python -m pip install --disable-pip-version-check -q "$pin"
    echo "$pin" >"$stamp"
  fi
  local mv zv gv
  mv="$(mvn -v 2>>"$LOG" | sed 's/\x1b\[[0-9;]*m//g' | sed -n 's/^Apache Maven \([^ ]*\).*/\1/p')" || die "mvn -v"
  zv="$(tools/zig/bin/python -m ziglang version 2>>"$LOG")" || die "python -m ziglang version"
  gv="$(cargo-zigbuild --version 2>>"$LOG" | cut -d" " -f2)" || die "cargo-zigbuild --version"
  echo "bootstrap: kotlin ok (maven $mv, cargo-zigbuild $gv, zig $zv in tools/zig)"
}

# The Rust targets of the release wheels (scripts/dist.sh).
DIST_TARGETS=(x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu x86_64-unknown-linux-musl aarch64-unknown-linux-musl x86_64-pc-windows-gnu)

do_dist() {
  [[ $PYTHON_DONE -eq 1 ]] || do_python
  local req=tools/python/dist-requirements.txt stamp=.venv/.bootstrap-dist-stamp want
  [[ -f $req ]] || die "$req is missing"
  want="$(hash_of "$req" .venv/pyvenv.cfg)"
  if [[ ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
    run .venv/bin/python -m pip install --disable-pip-version-check -q -r "$req"
    echo "$want" >"$stamp"
  fi
  local targets t missing=()
  targets="$(rustup target list --installed 2>>"$LOG")" || die "rustup target list"
  for t in "${DIST_TARGETS[@]}"; do
    grep -qx "$t" <<<"$targets" || missing+=("$t")
  done
  [[ ${#missing[@]} -eq 0 ]] || run rustup target add "${missing[@]}"
  # The Windows wheel's linker and objdump (Debian's mingw-w64).
  command -v x86_64-w64-mingw32-gcc >/dev/null || apt_install gcc-mingw-w64-x86-64
  local zv av
  zv="$(.venv/bin/python -m ziglang version 2>>"$LOG")" || die "python -m ziglang version"
  av="$(.venv/bin/auditwheel --version 2>>"$LOG" | awk 'NR == 1 { print $2 }')" || die "auditwheel --version"
  echo "bootstrap: dist ok (zig $zv, auditwheel $av, targets ${DIST_TARGETS[*]})"
}

# ---------------------------------------------------------------- main

usage() { echo "usage: $0 [${ALL_COMPONENTS[*]} dist]...   (no arguments = all but dist)" >&2; }

components=("$@")
[[ ${#components[@]} -gt 0 ]] || components=("${ALL_COMPONENTS[@]}")
for c in "${components[@]}"; do
  case "$c" in
    rust | wasm | python | kotlin | dist) ;;
    -h | --help) usage; exit 0 ;;
    *) usage; exit 2 ;;
  esac
done
for c in "${components[@]}"; do
  "do_$c"
done

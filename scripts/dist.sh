#!/usr/bin/env bash
# Builds every release artifact into dist/ (./task dist), from a fresh clone:
#
#   Python  abi3 wheels (CPython >= 3.9), maturin --zig:
#             manylinux2014 (glibc 2.17) x86_64 and aarch64,
#             musllinux_1_2 x86_64 and aarch64; and the sdist
#   npm     the `npm pack` tarball of bindings-wasm/pkg (licence files inside)
#   Rust    the .crate of `cargo package -p momo-core`
#   Kotlin  whatever bindings-uniffi/dist.sh writes, if that script exists
#           (called as `bindings-uniffi/dist.sh DIST_DIR` with MOMO_VERSION set)
#
# One version for all: [workspace.package] version in Cargo.toml. The wheels
# take it from there (maturin); the npm package.json and CHANGELOG.md must
# say the same, or this fails before building anything.
#
#   scripts/dist.sh                   everything into dist/, then
#                                     scripts/dist-check.sh dist
#   scripts/dist.sh --quick --out DIR the x86_64 manylinux2014 wheel, the
#                                     sdist and the npm tarball only (what the
#                                     test suite installs and runs; see
#                                     scripts/dist-check.sh)
#
# Ends with the listing of the output directory: every file with its size.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/.venv/bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

OUT="$ROOT/dist"
QUICK=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1; shift ;;
    --out) OUT="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    -h | --help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "scripts/dist.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

die() {
  echo "dist: FAILED: $*" >&2
  exit 1
}
step() { printf '\n== dist: %s\n' "$*"; }
start=$SECONDS

# ---------------------------------------------------------------- version

# The workspace version: the first `version = "..."` under [workspace.package].
workspace_version() {
  awk '/^\[/ { section = $0 } section == "[workspace.package]" && /^version *=/ {
         gsub(/^version *= *"|".*$/, ""); print; exit }' Cargo.toml
}
VERSION="$(workspace_version)"
[[ -n "$VERSION" ]] || die "no [workspace.package] version in Cargo.toml"
npm_version="$(node -p 'require("./bindings-wasm/js/package.json").version')"
[[ "$npm_version" == "$VERSION" ]] ||
  die "bindings-wasm/js/package.json has version $npm_version, Cargo.toml [workspace.package] has $VERSION: set both to the same"
grep -q "^## \[$VERSION\]" CHANGELOG.md ||
  die "CHANGELOG.md has no '## [$VERSION]' section"
echo "dist: momo-core $VERSION -> ${OUT#"$ROOT"/}$([[ $QUICK -eq 1 ]] && echo ' (quick)')"

# ---------------------------------------------------------------- tools

step "bootstrap"
scripts/bootstrap.sh rust wasm python dist </dev/null

rm -rf "$OUT"
mkdir -p "$OUT"

# ---------------------------------------------------------------- Python

# wheel COMPATIBILITY TARGET: one abi3 wheel, linked by zig against the
# compatibility's oldest libc (glibc 2.17 / musl 1.2).
wheel() {
  local compat="$1" target="$2" t0=$SECONDS
  step "wheel $compat $target"
  (cd bindings-python &&
    maturin build --release --locked --quiet --zig --compatibility "$compat" --target "$target" \
      -o "$OUT" </dev/null) || die "maturin build $compat $target"
  echo "dist: $compat $target in $((SECONDS - t0)) s"
}

# The Windows wheel, linked by Debian's mingw-w64 against the import library
# pyo3 generates for python3.dll (abi3). Not with --zig: maturin's zig path
# writes the dotted module name into the export list (PyInit_momo_core._native),
# which no Windows loader looks for. Built and checked here, never run: our
# machines have no Windows.
windows_wheel() {
  local t0=$SECONDS
  step "wheel win_amd64 x86_64-pc-windows-gnu"
  (cd bindings-python &&
    maturin build --release --locked --quiet --target x86_64-pc-windows-gnu \
      --features extension-module,pyo3/generate-import-lib -o "$OUT" </dev/null) ||
    die "maturin build win_amd64"
  echo "dist: win_amd64 x86_64-pc-windows-gnu in $((SECONDS - t0)) s"
}

wheel manylinux2014 x86_64-unknown-linux-gnu
if [[ $QUICK -eq 0 ]]; then
  wheel manylinux2014 aarch64-unknown-linux-gnu
  wheel musllinux_1_2 x86_64-unknown-linux-musl
  wheel musllinux_1_2 aarch64-unknown-linux-musl
  windows_wheel
fi

step "sdist"
(cd bindings-python && maturin sdist -o "$OUT" </dev/null 2>&1 | grep -v '^ *|\|= note:\|^warning: manifest has no' || true)
[[ -f "$OUT/momo_core-$VERSION.tar.gz" ]] || die "maturin sdist wrote no momo_core-$VERSION.tar.gz"

# ---------------------------------------------------------------- npm

step "npm package"
bindings-wasm/build.sh </dev/null
(cd "$OUT" && npm pack "$ROOT/bindings-wasm/pkg" --pack-destination "$OUT" \
  --no-audit --no-fund --loglevel=error >/dev/null) || die "npm pack"
[[ -f "$OUT/momo-core-$VERSION.tgz" ]] || die "npm pack wrote no momo-core-$VERSION.tgz"

# ---------------------------------------------------------------- Rust crate

# Also in --quick: the test command checks that the core stays
# publishable (about a minute, a debug build of the packaged crate).
step "crate (cargo package -p momo-core)"
# `cargo package` also builds the packaged crate on its own: no path
# dependency, nothing outside core/ but the README and licences.
cargo package -p momo-core --locked --allow-dirty --quiet </dev/null || die "cargo package -p momo-core"
cp "target/package/momo-core-$VERSION.crate" "$OUT/"

# ---------------------------------------------------------------- Kotlin / Swift

if [[ $QUICK -eq 0 && -f bindings-uniffi/dist.sh ]]; then
  step "bindings-uniffi/dist.sh"
  MOMO_VERSION="$VERSION" bash bindings-uniffi/dist.sh "$OUT" </dev/null || die "bindings-uniffi/dist.sh"
fi

# ---------------------------------------------------------------- listing

(cd "$OUT" && find . -maxdepth 1 -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort |
  xargs -r sha256sum >SHA256SUMS)
step "${OUT#"$ROOT"/}/ after $((SECONDS - start)) s"
(cd "$OUT" && find . -type f -printf '%s %P\n' | LC_ALL=C sort -k2 |
  awk '{ printf "%10d  %s\n", $1, $2 }')

if [[ $QUICK -eq 0 ]]; then
  step "check (scripts/dist-check.sh)"
  scripts/dist-check.sh --all "$OUT"
fi

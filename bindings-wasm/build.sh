#!/usr/bin/env bash
# Builds the npm package momo-core into bindings-wasm/pkg:
#   1. cargo build --profile wasm-release (opt-level s, fat LTO, panic abort)
#      for wasm32-unknown-unknown;
#   2. wasm-bindgen --target nodejs (CommonJS glue; the CLI must be exactly
#      the version of the wasm-bindgen crate in Cargo.lock);
#   3. wasm-opt -Oz (binaryen from tools/node);
#   4. makes the glue instantiable again (glue.cjs), for a new instance
#      after a trap;
#   5. copies the hand-written wrapper (js/), README, package.json and the
#      licence files; writes index.d.ts from js/api.d.ts and the models
#      generated from the Rust core (types/gen_types.rs).
# Needs `scripts/bootstrap.sh rust wasm` first. Prints the .wasm size.
#
# A variant for a probe, never shipped: build.sh --features F --out DIR
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

PKG="$HERE/pkg"
FEATURES=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --features) FEATURES=(--features "$2"); shift 2 ;;
    --out) PKG="$2"; shift 2 ;;
    *) echo "bindings-wasm/build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
WASM_OPT="$ROOT/tools/node/node_modules/.bin/wasm-opt"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
RAW="$TARGET_DIR/wasm32-unknown-unknown/wasm-release/momo_core_wasm.wasm"

die() {
  echo "bindings-wasm/build.sh: $*" >&2
  exit 1
}

want="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/^version = "|"$/, ""); print; exit }' Cargo.lock)"
have="$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2 || true)"
[[ -n "$have" ]] || die "wasm-bindgen not found; run scripts/bootstrap.sh wasm"
[[ "$have" == "$want" ]] || die "wasm-bindgen CLI is $have but Cargo.lock has $want; run scripts/bootstrap.sh wasm"
[[ -x "$WASM_OPT" ]] || die "$WASM_OPT missing; run scripts/bootstrap.sh wasm"

echo "build: cargo build --profile wasm-release --target wasm32-unknown-unknown -p momo-core-wasm"
cargo build --locked --quiet --profile wasm-release --target wasm32-unknown-unknown -p momo-core-wasm "${FEATURES[@]}"

rm -rf "$PKG"
mkdir -p "$PKG/wasm"
echo "build: wasm-bindgen $have --target nodejs"
wasm-bindgen --target nodejs --no-typescript --out-dir "$PKG/wasm" --out-name momo_core_wasm "$RAW"

# The features rustc enables by default for wasm32-unknown-unknown (and
# Node 18's V8 supports); wasm-bindgen drops the target_features section
# wasm-opt would otherwise read them from.
echo "build: wasm-opt -Oz"
"$WASM_OPT" -Oz \
  --enable-bulk-memory --enable-bulk-memory-opt --enable-call-indirect-overlong \
  --enable-multivalue --enable-mutable-globals --enable-nontrapping-float-to-int \
  --enable-reference-types --enable-sign-ext \
  -o "$PKG/wasm/momo_core_wasm_bg.opt.wasm" "$PKG/wasm/momo_core_wasm_bg.wasm"
mv "$PKG/wasm/momo_core_wasm_bg.opt.wasm" "$PKG/wasm/momo_core_wasm_bg.wasm"

# The glue compiles the module once and instantiates it on demand: the
# wrapper replaces an instance after a trap (glue.cjs says why).
echo "build: glue.cjs (instantiate on demand)"
node "$HERE/glue.cjs" "$PKG/wasm/momo_core_wasm.js"

cp "$HERE/js/index.js" "$HERE/js/index.mjs" "$HERE/js/index.d.mts" "$HERE/js/package.json" "$HERE/README.md" "$PKG/"
# index.d.ts: the hand-written API (js/api.d.ts), then the models generated
# from the Rust core's serde models (types/gen_types.rs, tsify; native).
echo "build: index.d.ts (js/api.d.ts + models from types/gen_types.rs)"
models="$(cargo run --locked --quiet -p momo-core-wasm --features gen-types --bin gen-types)"
{ cat "$HERE/js/api.d.ts"; echo; printf '%s\n' "$models"; } >"$PKG/index.d.ts"
# The licence texts live at the repository root; package.json "files" ships them.
cp "$ROOT/LICENSE-MIT" "$ROOT/LICENSE-APACHE" "$PKG/"

# Tests, the bench and tsc resolve the package by name ('momo-core'),
# through its package.json "exports", as an installed dependency would.
if [[ "$PKG" == "$HERE/pkg" ]]; then
  mkdir -p "$HERE/node_modules"
  ln -sfn ../pkg "$HERE/node_modules/momo-core"
fi

wasm_file="$PKG/wasm/momo_core_wasm_bg.wasm"
raw_bytes="$(wc -c <"$wasm_file")"
gz_bytes="$(gzip -9 -c "$wasm_file" | wc -c)"
echo "build: $wasm_file: $raw_bytes bytes raw, $gz_bytes bytes gzip -9"

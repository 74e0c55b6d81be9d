#!/usr/bin/env bash
# Builds libmomo_core_uniffi and generates its Kotlin and Swift bindings.
#
#   bindings-uniffi/generate.sh [--release] [--test-hooks] [--lib FILE]
#
#   --release     build the library with the release profile (default: dev)
#   --test-hooks  export `debugPanic` (tests only; never ship it)
#   --lib FILE    generate from this already built libmomo_core_uniffi.so
#                 instead of building one (dist.sh: the cargo-zigbuild output)
#
# Writes (bindings-uniffi/out/, gitignored, replaced on every run):
#   out/lib/libmomo_core_uniffi.so        the cdylib (the Maven module takes it
#                                          from out/native/<jna prefix>/, see dist.sh)
#   out/kotlin/io/github/momocore/...      Kotlin sources (packages
#                                          io.github.momocore and .model)
#   out/swift/*.swift, *.h, module.modulemap   Swift module MomoCore, clang
#                                          module MomoCoreFFI
#
# The generators are this workspace's own `uniffi-bindgen` binaries, built at
# exactly the uniffi version the library uses, in library mode (the models
# are read from the compiled library's metadata; no UDL).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="$HERE/out"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

profile=dev
profile_dir=debug
features=()
prebuilt=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --release) profile=release profile_dir=release ;;
    --test-hooks) features=(--features test-hooks) ;;
    --lib) prebuilt="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
    *) echo "usage: $0 [--release] [--test-hooks] [--lib FILE]" >&2; exit 2 ;;
  esac
  shift
done

cd "$ROOT"
# The generators first (they turn on the `cli` feature), then the library
# without it, so the .so copied below is the one the bindings describe.
echo "generate: building uniffi-bindgen (pinned uniffi, dev profile)"
cargo build -q -p momo-core-uniffi --features cli --bin uniffi-bindgen --bin uniffi-bindgen-swift
if [[ -z "$prebuilt" ]]; then
  echo "generate: building libmomo_core_uniffi ($profile${features:+, test-hooks})"
  cargo build -q -p momo-core-uniffi --lib --profile "$profile" "${features[@]}"
  prebuilt="$TARGET/$profile_dir/libmomo_core_uniffi.so"
fi
[[ -f "$prebuilt" ]] || { echo "generate: $prebuilt does not exist" >&2; exit 1; }

rm -rf "$OUT"
mkdir -p "$OUT/lib" "$OUT/kotlin" "$OUT/swift"
cp "$prebuilt" "$OUT/lib/libmomo_core_uniffi.so"
LIB="$OUT/lib/libmomo_core_uniffi.so"

# --no-format: ktlint is not installed here; the sources compile as generated.
"$TARGET/debug/uniffi-bindgen" generate --no-format --language kotlin \
  --config "$HERE/uniffi.toml" --out-dir "$OUT/kotlin" "$LIB" >/dev/null
"$TARGET/debug/uniffi-bindgen-swift" --swift-sources --headers --modulemap \
  --module-name MomoCoreFFI --modulemap-filename module.modulemap \
  --config "$HERE/uniffi.toml" "$LIB" "$OUT/swift" >/dev/null

for f in kotlin/io/github/momocore/momo_core_uniffi.kt kotlin/io/github/momocore/model/momo_core.kt \
  swift/momo_core.swift swift/momo_core_uniffi.swift swift/momo_coreFFI.h \
  swift/momo_core_uniffiFFI.h swift/module.modulemap; do
  [[ -s "$OUT/$f" ]] || { echo "generate: $OUT/$f was not written" >&2; exit 1; }
done
echo "generate: Kotlin in ${OUT#"$ROOT"/}/kotlin, Swift in ${OUT#"$ROOT"/}/swift"


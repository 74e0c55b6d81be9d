#!/usr/bin/env bash
# The Kotlin/Swift bindings' whole test, from a fresh clone (no stdin, CI=true):
#   1. tools: scripts/bootstrap.sh rust kotlin (kotlinc from npm, JNA from apt)
#   2. the crate: rustfmt, clippy -D warnings (with the cli and test-hooks
#      features), its Rust unit tests
#   3. generate.sh --test-hooks --jar: cdylib, Kotlin + Swift sources, the jar
#   4. Kotlin tests on the JVM over tests/vectors/ (one kotlinc call)
#   5. Swift: the generated sources exist and expose the same API surface as
#      the Kotlin ones (no Swift compiler on Linux CI; see README.md)
# Exits non-zero on the first failure.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
cd "$ROOT"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

KOTLIN_HOME="$ROOT/tools/kotlin/node_modules/kotlin-compiler"
KOTLINC="$KOTLIN_HOME/bin/kotlinc-jvm"
JNA_JAR=/usr/share/java/jna.jar
OUT="$HERE/out"
start=$SECONDS
step() { echo "--- bindings-uniffi: $* ($((SECONDS - start)) s)"; }

step "bootstrap"
scripts/bootstrap.sh rust kotlin

step "rustfmt, clippy, Rust unit tests"
cargo fmt -p momo-core-uniffi --check
cargo clippy -q -p momo-core-uniffi --all-targets --features cli,test-hooks -- -D warnings
cargo test -q -p momo-core-uniffi --features test-hooks

step "generate Kotlin and Swift"
"$HERE/generate.sh" --test-hooks --jar

step "kotlinc tests"
mkdir -p "$OUT/tests"
"$KOTLINC" -nowarn -cp "$OUT/momo-core-kotlin.jar:$JNA_JAR" -d "$OUT/tests/tests.jar" \
  "$HERE"/tests/*.kt </dev/null

step "Kotlin tests (JVM)"
# RUST_BACKTRACE=0: the panic test would otherwise print a long backtrace.
RUST_BACKTRACE=0 java -Djna.library.path="$OUT/lib" \
  -cp "$OUT/tests/tests.jar:$OUT/momo-core-kotlin.jar:$JNA_JAR:$KOTLIN_HOME/lib/kotlin-stdlib.jar" \
  io.github.momocore.tests.VectorTestsKt "$ROOT" </dev/null

step "Swift sources: same API surface as Kotlin"
KT="$OUT/kotlin/io/github/momocore"
SW="$OUT/swift"
for f in momo_core.swift momo_core_uniffi.swift momo_coreFFI.h momo_core_uniffiFFI.h module.modulemap; do
  [[ -s "$SW/$f" ]] || { echo "missing Swift output $f" >&2; exit 1; }
done
grep -q '^module MomoCoreFFI {' "$SW/module.modulemap"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# Functions and methods: identical lowerCamelCase names in both languages.
grep -rhoE 'fun `[A-Za-z0-9]+`' "$OUT/kotlin" | sed -E 's/fun `(.*)`/\1/' | sort -u >"$tmp/kotlin-functions"
grep -hoE '^ *(public|open) (static )?func [A-Za-z0-9]+\(' "$SW"/*.swift | sed -E 's/.*func ([A-Za-z0-9]+)\(/\1/' |
  grep -vE '^(FfiConverter|uniffi|lift$|lower$|read$|write$)' | sort -u >"$tmp/swift-functions"
# Types: data/enum/sealed/open classes vs structs/enums/classes (the error is
# MomoException in Kotlin, MomoError in Swift; RustBuffer and NoHandle are
# FFI plumbing).
grep -rhoE '^(data class|enum class|sealed class|open class) [A-Za-z0-9]+' "$OUT/kotlin" | awk '{print $3}' |
  sed 's/^MomoException$/MomoError/' | grep -vx RustBuffer | sort -u >"$tmp/kotlin-types"
tr '\n' ' ' <"$SW/momo_core.swift" >"$tmp/a.swift"
tr '\n' ' ' <"$SW/momo_core_uniffi.swift" >>"$tmp/a.swift"
grep -oE 'public +(indirect +)?(struct|enum|class) +[A-Za-z0-9]+|open class +[A-Za-z0-9]+' "$tmp/a.swift" |
  awk '{print $NF}' | grep -vE '^(FfiConverter|NoHandle$)' | sort -u >"$tmp/swift-types"
# Error variants: one per stable code in both.
kv=$(awk '/^sealed class MomoException/,/^}/' "$KT/momo_core_uniffi.kt" | grep -cE '^    class [A-Z][A-Za-z0-9]+\($')
sv=$(awk '/^enum MomoError: Swift.Error/,/^}/' "$SW/momo_core_uniffi.swift" | grep -cE '^    case [A-Z][A-Za-z0-9]+\($')
ok=1
if ! diff -u "$tmp/kotlin-functions" "$tmp/swift-functions"; then echo "functions differ (-kotlin +swift)" >&2; ok=0; fi
if ! diff -u "$tmp/kotlin-types" "$tmp/swift-types"; then echo "types differ (-kotlin +swift)" >&2; ok=0; fi
# One per code of tests/vectors/errors.json (each object there has one "code").
want=$(grep -c '"code":' "$ROOT/tests/vectors/errors.json")
if [[ "$kv" != "$want" || "$sv" != "$want" ]]; then echo "error variants: kotlin $kv, swift $sv, want $want" >&2; ok=0; fi
[[ $ok -eq 1 ]] || exit 1
echo "swift: $(wc -l <"$tmp/swift-functions") functions, $(wc -l <"$tmp/swift-types") types, $sv error cases, same as Kotlin"

step "ok"

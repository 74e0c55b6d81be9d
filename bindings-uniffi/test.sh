#!/usr/bin/env bash
# The Kotlin/Swift bindings' whole test, from a fresh clone (no stdin, CI=true):
#   1. tools: scripts/bootstrap.sh rust kotlin (Maven, cargo-zigbuild, ziglang)
#   2. the crate: rustfmt, clippy -D warnings (with the cli and test-hooks
#      features), its Rust unit tests
#   3. generate.sh --test-hooks: the dev cdylib, Kotlin + Swift sources
#   4. the Maven module (maven/pom.xml) with that cdylib as its linux-x86-64
#      resource: the Kotlin tests under JUnit/Surefire over tests/vectors/
#      (tests/VectorTests.kt through maven/src/test/kotlin/.../VectorsTest.kt)
#   5. Swift: the generated sources exist and expose the same API surface as
#      the Kotlin ones (no Swift compiler on Linux CI; see README.md)
#   6. dist.sh: the release JAR (linux-x86-64 + linux-aarch64), sources JAR
#      and POM, then an empty consumer project (maven/consumer/) that
#      `mvn install:install-file`s them and runs one signed request and one
#      parse with no jna.library.path
# Maven's local repository: $MOMO_M2_REPO (default target/m2). Exits non-zero
# on the first failure.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
cd "$ROOT"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export MOMO_M2_REPO="${MOMO_M2_REPO:-$ROOT/target/m2}"

OUT="$HERE/out"
start=$SECONDS
step() { echo "--- bindings-uniffi: $* ($((SECONDS - start)) s)"; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

step "bootstrap"
scripts/bootstrap.sh rust kotlin
version="$("$HERE/maven/version.sh" check)"

step "rustfmt, clippy, Rust unit tests"
cargo fmt -p momo-core-uniffi --check
cargo clippy -q -p momo-core-uniffi --all-targets --features cli,test-hooks -- -D warnings
cargo test -q -p momo-core-uniffi --features test-hooks

step "generate Kotlin and Swift (test-hooks)"
"$HERE/generate.sh" --test-hooks
rm -rf "$OUT/native"
mkdir -p "$OUT/native/linux-x86-64"
cp "$OUT/lib/libmomo_core_uniffi.so" "$OUT/native/linux-x86-64/"

step "Maven: Kotlin tests under JUnit (Surefire)"
# Full output to a log; Surefire's per-class and summary lines on stdout.
if ! mvn -B -ntp -Dstyle.color=never -f "$HERE/maven/pom.xml" -Dmaven.repo.local="$MOMO_M2_REPO" clean verify \
  </dev/null >"$tmp/mvn-test.log" 2>&1; then
  grep -E '^kotlin: |Tests run:|FAIL|ERROR' "$tmp/mvn-test.log" | head -n 60 || true
  echo "--- last lines of the Maven log:" >&2
  tail -n 60 "$tmp/mvn-test.log" >&2
  exit 1
fi
grep -E '^kotlin: |Tests run:' "$tmp/mvn-test.log"

step "Swift sources: same API surface as Kotlin"
KT="$OUT/kotlin/io/github/momocore"
SW="$OUT/swift"
for f in momo_core.swift momo_core_uniffi.swift momo_coreFFI.h momo_core_uniffiFFI.h module.modulemap; do
  [[ -s "$SW/$f" ]] || { echo "missing Swift output $f" >&2; exit 1; }
done
grep -q '^module MomoCoreFFI {' "$SW/module.modulemap"
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

step "dist.sh: release JAR (linux-x86-64 + linux-aarch64), sources JAR, POM"
"$HERE/dist.sh" "$tmp/dist"

step "consumer: an empty Maven project installs momo-core $version and runs it"
# Only what this install puts there: no momo-core left from an earlier run.
rm -rf "$MOMO_M2_REPO/io/github/momocore"
mvn -B -q -ntp -Dstyle.color=never -Dmaven.repo.local="$MOMO_M2_REPO" \
  org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file \
  -Dfile="$tmp/dist/momo-core-$version.jar" -DpomFile="$tmp/dist/momo-core-$version.pom" \
  -Dsources="$tmp/dist/momo-core-$version-sources.jar" </dev/null
app="$tmp/consumer"
mkdir -p "$app"
cp -r "$HERE/maven/consumer/." "$app/"
sed -i "s/@MOMO_VERSION@/$version/" "$app/pom.xml"
(cd "$app" && mvn -B -q -ntp -Dstyle.color=never -Dmaven.repo.local="$MOMO_M2_REPO" package \
  dependency:build-classpath -Dmdep.outputFile=cp.txt </dev/null)
grep -q "momo-core-$version.jar" "$app/cp.txt" || { echo "consumer: momo-core $version not on its classpath" >&2; exit 1; }
expected="$(python3 -c 'import json, sys
v = [v for v in json.load(open(sys.argv[1]))["vectors"] if v["id"] == "tokenization-create-seed"][0]
print(v["expected"]["signature"])' tests/vectors/signing.json)"
java -cp "$app/target/classes:$(cat "$app/cp.txt")" MainKt "$expected" </dev/null

step "ok"

#!/usr/bin/env bash
# Per-call cost of a signed tokenization/create from Kotlin: momo-core through
# uniffi (release library) vs hand-written javax.crypto.Mac. Prints figures;
# not part of test.sh (no timed assertions in tests).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"
KOTLIN_HOME="$ROOT/tools/kotlin/node_modules/kotlin-compiler"
JNA_JAR=/usr/share/java/jna.jar
OUT="$ROOT/bindings-uniffi/out"

scripts/bootstrap.sh kotlin >/dev/null
bindings-uniffi/generate.sh --release --jar >/dev/null
mkdir -p "$OUT/bench"
"$KOTLIN_HOME/bin/kotlinc-jvm" -nowarn -cp "$OUT/momo-core-kotlin.jar:$JNA_JAR" \
  -d "$OUT/bench/bench.jar" "$HERE/Bench.kt" </dev/null
exec java -Djna.library.path="$OUT/lib" \
  -cp "$OUT/bench/bench.jar:$OUT/momo-core-kotlin.jar:$JNA_JAR:$KOTLIN_HOME/lib/kotlin-stdlib.jar" \
  io.github.momocore.bench.BenchKt

#!/usr/bin/env bash
# Runs the Kotlin POS checkout against the sandbox at $MOMO_SANDBOX_URL:
# installs kotlinc/JNA (scripts/bootstrap.sh kotlin), builds the uniffi
# library and its Kotlin bindings (bindings-uniffi/generate.sh --jar), compiles
# Main.kt and runs it on the JVM with JNA loading libmomo_core_uniffi.so.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"

KOTLIN_HOME="$ROOT/tools/kotlin/node_modules/kotlin-compiler"
JNA_JAR=/usr/share/java/jna.jar
OUT="$ROOT/bindings-uniffi/out"
JAR="$ROOT/target/kotlin-pos/kotlin-pos.jar"

scripts/bootstrap.sh kotlin >/dev/null
bindings-uniffi/generate.sh --jar >/dev/null
mkdir -p "$(dirname "$JAR")"
"$KOTLIN_HOME/bin/kotlinc-jvm" -nowarn -cp "$OUT/momo-core-kotlin.jar:$JNA_JAR" -d "$JAR" "$HERE/Main.kt" </dev/null

exec java -Djna.library.path="$OUT/lib" \
  -cp "$JAR:$OUT/momo-core-kotlin.jar:$JNA_JAR:$KOTLIN_HOME/lib/kotlin-stdlib.jar" \
  io.github.momocore.examples.pos.MainKt

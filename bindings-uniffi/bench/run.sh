#!/usr/bin/env bash
# Per-call cost of a signed tokenization/create from Kotlin: momo-core through
# uniffi (the release JAR, installed into the local Maven repository by
# bindings-uniffi/dist.sh --host-only --install) vs hand-written
# javax.crypto.Mac. Prints figures; not part of test.sh (no timed assertions
# in tests).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"
export MOMO_M2_REPO="${MOMO_M2_REPO:-$ROOT/target/m2}"
BUILD="$ROOT/target/kotlin-bench"

version="$(bindings-uniffi/maven/version.sh check)"
bindings-uniffi/dist.sh "$BUILD/dist" --host-only --install >/dev/null
mvn -B -q -ntp -Dstyle.color=never -f "$HERE/pom.xml" -Dmaven.repo.local="$MOMO_M2_REPO" \
  -Dmomo.version="$version" \
  package dependency:build-classpath -Dmdep.outputFile="$BUILD/cp.txt" </dev/null
exec java -cp "$BUILD/maven/classes:$(cat "$BUILD/cp.txt")" io.github.momocore.bench.BenchKt

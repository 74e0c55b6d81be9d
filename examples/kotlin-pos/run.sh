#!/usr/bin/env bash
# Runs the Kotlin POS checkout against the sandbox at $MOMO_SANDBOX_URL, built
# the way an app builds it: bindings-uniffi/dist.sh --host-only --install puts
# io.github.momocore:momo-core (release, linux-x86-64) into the local Maven
# repository ($MOMO_M2_REPO, default target/m2); Maven builds Main.kt against
# it and OkHttp (pom.xml); the JVM runs it with no jna.library.path.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"
export MOMO_M2_REPO="${MOMO_M2_REPO:-$ROOT/target/m2}"
BUILD="$ROOT/target/kotlin-pos"

version="$(bindings-uniffi/maven/version.sh check)"
bindings-uniffi/dist.sh "$BUILD/dist" --host-only --install >/dev/null
mvn -B -q -ntp -Dstyle.color=never -f "$HERE/pom.xml" -Dmaven.repo.local="$MOMO_M2_REPO" \
  -Dmomo.version="$version" \
  package dependency:build-classpath -Dmdep.outputFile="$BUILD/cp.txt" </dev/null

exec java -cp "$BUILD/maven/classes:$(cat "$BUILD/cp.txt")" io.github.momocore.examples.pos.MainKt

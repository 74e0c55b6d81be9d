#!/usr/bin/env bash
# The Kotlin/JVM artifact of momo-core, io.github.momocore:momo-core:VERSION
# (VERSION = the workspace Cargo.toml's), into DIST_DIR (default dist/):
#   momo-core-VERSION.jar          classes + linux-x86-64/ and linux-aarch64/
#                                  libmomo_core_uniffi.so (JNA's resource
#                                  layout: no jna.library.path needed)
#   momo-core-VERSION-sources.jar  the generated Kotlin sources
#   momo-core-VERSION.pom          its POM (dependencies: kotlin-stdlib, jna)
#
#   bindings-uniffi/dist.sh [DIST_DIR] [--host-only] [--install]
#
#   --host-only  linux-x86-64 only (examples/kotlin-pos: skips the aarch64 build)
#   --install    also `mvn install` it into the local repository
#                ($MOMO_M2_REPO, default target/m2)
#
# Both libraries are release builds linked by cargo-zigbuild against glibc
# 2.17 (any Linux since 2014), checked with readelf; the Kotlin sources are
# generated from the x86_64 one. scripts/dist.sh calls this with MOMO_VERSION
# set, which must match. Tests: bindings-uniffi/test.sh (it runs this too).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
M2="${MOMO_M2_REPO:-$ROOT/target/m2}"
OUT="$HERE/out"

dist="$ROOT/dist"
host_only=0
install=0
for arg in "$@"; do
  case "$arg" in
    --host-only) host_only=1 ;;
    --install) install=1 ;;
    -*) echo "usage: $0 [DIST_DIR] [--host-only] [--install]" >&2; exit 2 ;;
    *) dist="$(mkdir -p "$arg" && cd "$arg" && pwd)" ;;
  esac
done
start=$SECONDS
say() { echo "dist(kotlin): $* ($((SECONDS - start)) s)"; }

version="$("$HERE/maven/version.sh" check)"
if [[ -n "${MOMO_VERSION:-}" && "$MOMO_VERSION" != "$version" ]]; then
  echo "dist(kotlin): MOMO_VERSION=$MOMO_VERSION but Cargo.toml says $version" >&2
  exit 1
fi
scripts/bootstrap.sh rust kotlin </dev/null >/dev/null

# JNA resource prefix <- Rust target. glibc 2.17: cargo-zigbuild's suffix.
declare -A PREFIX=([x86_64-unknown-linux-gnu]=linux-x86-64 [aarch64-unknown-linux-gnu]=linux-aarch64)
declare -A MACHINE=([x86_64-unknown-linux-gnu]="Advanced Micro Devices X86-64" [aarch64-unknown-linux-gnu]=AArch64)
triples=(x86_64-unknown-linux-gnu)
[[ $host_only -eq 1 ]] || triples+=(aarch64-unknown-linux-gnu)
# x86_64 keeps its symbol table (strip=none): uniffi-bindgen reads the
# metadata from it; the copy in the JAR is stripped below with the host's
# strip. aarch64 (no strip for it here) is linked stripped, which zig does
# for the release profile's strip=debuginfo.
export CARGO_ZIGBUILD_PYTHON_PATH="$ROOT/tools/zig/bin/python"
for t in "${triples[@]}"; do
  say "cargo zigbuild --release --target $t.2.17"
  strip=()
  [[ $t != x86_64-unknown-linux-gnu ]] || strip=(env CARGO_PROFILE_RELEASE_STRIP=none)
  "${strip[@]}" cargo zigbuild -q --release -p momo-core-uniffi --lib --target "$t.2.17" </dev/null
done

"$HERE/generate.sh" --lib "$TARGET/x86_64-unknown-linux-gnu/release/libmomo_core_uniffi.so" >/dev/null
rm -rf "$OUT/native"
for t in "${triples[@]}"; do
  so="$TARGET/$t/release/libmomo_core_uniffi.so"
  machine="$(readelf -h "$so" | sed -n 's/^ *Machine: *//p')"
  [[ "$machine" == "${MACHINE[$t]}" ]] || { echo "dist(kotlin): $so is '$machine', want ${MACHINE[$t]}" >&2; exit 1; }
  glibc="$(readelf -V --wide "$so" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -n1)"
  if [[ "$(printf '%s\n' "$glibc" GLIBC_2.17 | sort -V | tail -n1)" != GLIBC_2.17 ]]; then
    echo "dist(kotlin): $so needs $glibc, more than GLIBC_2.17" >&2
    exit 1
  fi
  mkdir -p "$OUT/native/${PREFIX[$t]}"
  dest="$OUT/native/${PREFIX[$t]}/libmomo_core_uniffi.so"
  if [[ $t == x86_64-unknown-linux-gnu ]]; then strip --strip-all -o "$dest" "$so"; else cp "$so" "$dest"; fi
  say "${PREFIX[$t]}/libmomo_core_uniffi.so: $machine, needs $glibc, $(du -k "$dest" | cut -f1) KiB"
done

# No tests here: they need the test-hooks build (bindings-uniffi/test.sh).
goal=package
[[ $install -eq 0 ]] || goal=install
say "mvn $goal"
mvn -B -q -ntp -Dstyle.color=never -f "$HERE/maven/pom.xml" -Dmaven.repo.local="$M2" -Dmaven.test.skip=true clean "$goal" </dev/null

jar="$HERE/maven/target/momo-core-$version.jar"
for p in "${triples[@]}"; do
  unzip -l "$jar" "${PREFIX[$p]}/libmomo_core_uniffi.so" >/dev/null ||
    { echo "dist(kotlin): ${PREFIX[$p]}/libmomo_core_uniffi.so missing from $jar" >&2; exit 1; }
done
mkdir -p "$dist"
cp "$jar" "$HERE/maven/target/momo-core-$version-sources.jar" "$dist/"
cp "$HERE/maven/pom.xml" "$dist/momo-core-$version.pom"
for f in "$dist/momo-core-$version.jar" "$dist/momo-core-$version-sources.jar" "$dist/momo-core-$version.pom"; do
  say "${f#"$ROOT"/}: $(du -k "$f" | cut -f1) KiB"
done

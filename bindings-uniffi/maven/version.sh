#!/usr/bin/env bash
# The Maven artifact's version is the workspace Cargo.toml's
# ([workspace.package] version): one version for every artifact.
#
#   bindings-uniffi/maven/version.sh         print it
#   bindings-uniffi/maven/version.sh check   fail if pom.xml says otherwise
#   bindings-uniffi/maven/version.sh write   set pom.xml's <version> to it
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
POM="$HERE/pom.xml"

cargo_version="$(awk '/^\[workspace\.package\]/ { s = 1; next } /^\[/ { s = 0 }
  s && /^version *=/ { gsub(/^version *= *"|".*$/, ""); print; exit }' "$ROOT/Cargo.toml")"
[[ -n "$cargo_version" ]] || { echo "version.sh: no [workspace.package] version in Cargo.toml" >&2; exit 1; }
# The project's own <version>: the first one after </artifactId> of momo-core.
pom_version() { awk '/<artifactId>momo-core<\/artifactId>/ { getline; gsub(/.*<version>|<\/version>.*/, ""); print; exit }' "$POM"; }

case "${1:-}" in
  "") echo "$cargo_version" ;;
  check)
    have="$(pom_version)"
    if [[ "$have" != "$cargo_version" ]]; then
      echo "version.sh: $POM has version '$have' but Cargo.toml has $cargo_version; run bindings-uniffi/maven/version.sh write" >&2
      exit 1
    fi
    echo "$cargo_version" ;;
  write)
    sed -i "/<artifactId>momo-core<\/artifactId>/{n;s|<version>[^<]*</version>|<version>$cargo_version</version>|}" "$POM"
    [[ "$(pom_version)" == "$cargo_version" ]] || { echo "version.sh: could not rewrite $POM" >&2; exit 1; }
    echo "$cargo_version" ;;
  *) echo "usage: $0 [check|write]" >&2; exit 2 ;;
esac

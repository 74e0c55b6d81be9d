#!/usr/bin/env bash
# Builds the momo_core abi3 wheel (maturin, release) into target/wheels and
# force-reinstalls it into the project's .venv. Prints the wheel's path last.
#
#   bindings-python/build.sh     (after scripts/bootstrap.sh python)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mkdir -p target/wheels
rm -f target/wheels/momo_core-*.whl
start=$(date +%s)
(cd bindings-python && "$ROOT/.venv/bin/maturin" build --release --quiet -o "$ROOT/target/wheels" </dev/null) >&2
wheels=(target/wheels/momo_core-*-cp39-abi3-*.whl)
if [[ ! -f "${wheels[0]}" || ${#wheels[@]} -ne 1 ]]; then
  echo "expected one cp39-abi3 wheel, got: ${wheels[*]}" >&2
  exit 1
fi
wheel="${wheels[0]}"
echo "built $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB) in $(($(date +%s) - start)) s" >&2
"$ROOT/.venv/bin/python" -m pip install --disable-pip-version-check -q --force-reinstall --no-deps "$wheel" </dev/null >&2
echo "$ROOT/$wheel"

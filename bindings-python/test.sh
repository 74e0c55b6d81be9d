#!/usr/bin/env bash
# Builds the momo_core abi3 wheel and tests it, from a fresh machine:
#
#   bindings-python/test.sh          (CI=true, no stdin needed)
#
# 1. scripts/bootstrap.sh rust python (Rust lint tools, .venv with maturin,
#    pytest, mypy, cryptography, httpx)
# 2. cargo fmt --check, clippy -D warnings and the crate's unit tests
#    (without the extension-module feature, so they link libpython)
# 3. maturin build --release -> target/wheels/momo_core-*-cp39-abi3-*.whl,
#    force-reinstalled into .venv
# 4. mypy.stubtest over the installed package, mypy --strict over a typed
#    usage file, mypy must reject a file of known mistakes
# 5. pytest (the shared vectors and the Python API)
# Exits non-zero on any failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CI="${CI:-true}"
PY="$ROOT/.venv/bin/python"
export MYPY_CACHE_DIR="$ROOT/target/python/mypy_cache"
mkdir -p target/python

step() { printf '\n== %s\n' "$*"; }

step "bootstrap"
scripts/bootstrap.sh rust python </dev/null

step "rust: fmt, clippy, unit tests"
cargo fmt -p momo-core-python -- --check
cargo clippy -q -p momo-core-python --all-targets -- -D warnings
cargo test -q -p momo-core-python </dev/null

step "maturin build --release (abi3 wheel), installed into .venv"
bindings-python/build.sh >/dev/null
# Run Python from a directory without the source tree, so `import momo_core`
# is the installed wheel, never bindings-python/python/.
cd target/python
"$PY" - <<'EOF'
import momo_core, sysconfig
where = momo_core.__file__
assert where.startswith(sysconfig.get_paths()["purelib"]), f"momo_core imported from {where}"
print(f"momo_core {momo_core.__version__} from {where}")
EOF

step "stubtest"
"$PY" -m mypy.stubtest momo_core

step "mypy: typed usage passes, known mistakes are caught"
"$PY" -m mypy --strict "$ROOT/bindings-python/tests/typing/typed_usage.py" "$ROOT/examples/python-service/service.py"
bad="$ROOT/bindings-python/tests/typing/bad_usage.py"
want=$(grep -c '  # E:' "$bad")
if out=$("$PY" -m mypy "$bad" 2>&1); then
  echo "mypy accepted $bad, which holds $want mistakes" >&2
  exit 1
fi
got=$(grep -c ': error:' <<<"$out" || true)
if [[ "$got" -ne "$want" ]]; then
  echo "$out" >&2
  echo "mypy reported $got errors in $bad, expected $want" >&2
  exit 1
fi
echo "mypy caught all $want mistakes in bad_usage.py"

step "pytest"
# pytest exits 5 when it collects nothing: that fails here too (set -e).
"$PY" -m pytest -q -p no:cacheprovider --rootdir "$ROOT/bindings-python/tests" "$ROOT/bindings-python/tests" </dev/null

printf '\nbindings-python: all checks passed\n'

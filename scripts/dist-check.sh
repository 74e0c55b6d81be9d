#!/usr/bin/env bash
# Installs the release artifacts the way their users do, into empty projects,
# and runs one signed request and one parse with each (issue 20, item 2):
#
#   scripts/dist-check.sh            the test suite's check: builds the quick set
#                                    (scripts/dist.sh --quick: the x86_64
#                                    manylinux2014 wheel, the sdist, the npm
#                                    tarball, the .crate) into target/dist-quick,
#                                    then checks it
#   scripts/dist-check.sh [--all] DIR  checks what DIR holds (./task dist runs
#                                    it on dist/ with --all: all four wheels needed)
#
# Per artifact:
#   wheel    the tag auditwheel reads equals the file name's (musl: see
#            wheel_static); readelf: the
#            architecture, and only the libc's libraries as NEEDED (no
#            libpython: abi3); the licence files; the version. The wheel this
#            machine can run (x86_64 manylinux) is pip-installed --no-index into
#            a fresh venv and run from an empty directory: the seed
#            tokenization/create request (tests/vectors/signing.json), its
#            signature recomputed with Python's hmac, and one parse. The aarch64
#            and musl wheels are not run: no emulator nor musl CPython here.
#   sdist    version, licence files, Cargo.lock; its Cargo workspace resolves
#            offline within that lock. DIST_CHECK_BUILD_SDIST=1 also
#            builds a wheel from it with pip (a full release build: minutes).
#   npm      version, licence files; `npm install` of the tarball into an empty
#            app (offline), then the seed request (HMAC recomputed with
#            node:crypto) and one parse, through require and import.
#   .crate   its version, licences, repository, no path dependency.
# Ends with "dist-check: N passed, N failed".
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/.venv/bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

ALL=0
DIR=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --all) ALL=1; shift ;;
    -h | --help) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) DIR="$1"; shift ;;
  esac
done

if [[ -z "$DIR" ]]; then
  DIR="$ROOT/target/dist-quick"
  scripts/dist.sh --quick --out "$DIR" || { echo "dist-check: scripts/dist.sh --quick failed"; exit 1; }
fi
DIR="$(cd "$DIR" && pwd)" || exit 1
VERSION="$(awk '/^\[/ { s = $0 } s == "[workspace.package]" && /^version *=/ {
  gsub(/^version *= *"|".*$/, ""); print; exit }' Cargo.toml)"
VECTORS="$ROOT/tests/vectors/signing.json"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/momo-dist-check.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

passed=0
failed=0
check() {
  local name="$1"
  shift
  local t0=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "ok    $name ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1))
    echo "FAIL  $name ($((SECONDS - t0)) s)"
  fi
}
fail() {
  echo "      $*" >&2
  return 1
}

# ---------------------------------------------------------------- wheels

# The libraries a wheel of each libc may need; anything else (libpython, a
# libssl) would not be on the user's machine or break abi3.
GLIBC_LIBS='^(libc\.so\.6|libm\.so\.6|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|libgcc_s\.so\.1|ld-linux-(x86-64|aarch64)\.so\.[12])$'
MUSL_LIBS='^(libc\.so|libc\.musl-(x86_64|aarch64)\.so\.1)$'

wheel_static() {
  local whl="$1" base tag want_tag arch machine libs so meta
  base="$(basename "$whl")"
  [[ "$base" == "momo_core-$VERSION-cp39-abi3-"* ]] || fail "not momo_core $VERSION cp39-abi3" || return 1
  # The most specific tag in the name: manylinux2014_x86_64.manylinux_2_17_x86_64 -> manylinux_2_17_x86_64.
  want_tag="${base##*-}"
  want_tag="${want_tag%.whl}"
  want_tag="${want_tag##*.}"
  case "$want_tag" in
    manylinux_2_17_x86_64 | musllinux_1_2_x86_64) arch=x86_64 machine='Advanced Micro Devices X86-64' ;;
    manylinux_2_17_aarch64 | musllinux_1_2_aarch64) arch=aarch64 machine='AArch64' ;;
    *) fail "unexpected platform tag $want_tag"; return 1 ;;
  esac
  # auditwheel show, searching no host directory for libraries: on this
  # glibc machine, /usr/lib's libc.so is a linker script it cannot read.
  # glibc: its overall tag must be the name's. musl: auditwheel wants the
  # libc named by Alpine's soname (libc.musl-ARCH.so.1), zig links "libc.so",
  # which musl's dynamic loader resolves to itself (as it does every libc,
  # libm, libpthread, libdl, librt name); so there its symbol tag must be the
  # name's and libc.so the only library outside the wheel.
  mkdir -p "$TMP/no-ldpaths"
  tag="$(auditwheel show --json --ldpaths "$TMP/no-ldpaths" "$whl" 2>/dev/null)" ||
    fail "auditwheel show failed" || return 1
  tag="$(python3 -c '
import json, sys
r, want = json.loads(sys.argv[1]), sys.argv[2]
if want.startswith("musllinux"):
    ok = r["sym_tag"] == want and set(r["external_libs"]) <= {"libc.so"}
    seen = "symbols %s, outside libraries %s" % (r["sym_tag"], sorted(r["external_libs"]))
else:
    ok = r["overall_tag"] == want
    seen = r["overall_tag"]
print(("ok " if ok else "bad ") + seen)
' "$tag" "$want_tag")" || fail "reading auditwheel's JSON" || return 1
  [[ "$tag" == ok* ]] || fail "auditwheel: ${tag#bad }; the name says $want_tag" || return 1

  rm -rf "$TMP/unz" && mkdir -p "$TMP/unz"
  (cd "$TMP/unz" && python3 -m zipfile -e "$whl" .) || fail "unzip" || return 1
  so="$TMP/unz/momo_core/_native.abi3.so"
  [[ -f "$so" ]] || fail "no momo_core/_native.abi3.so" || return 1
  readelf -h "$so" | grep -q "Machine: *$machine" || fail "$so is not $machine" || return 1
  libs="$(readelf -d "$so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')"
  local re="$GLIBC_LIBS"
  [[ "$want_tag" == musllinux* ]] && re="$MUSL_LIBS"
  local bad
  bad="$(grep -Ev "$re" <<<"$libs" || true)"
  [[ -z "$bad" ]] || fail "NEEDED libraries outside the $arch libc: $bad" || return 1
  if [[ "$want_tag" == musllinux* ]] && readelf -V "$so" | grep -q 'GLIBC_'; then
    fail "a musllinux wheel asks for glibc symbol versions"; return 1
  fi
  meta="$TMP/unz/momo_core-$VERSION.dist-info"
  grep -qx "Version: $VERSION" "$meta/METADATA" || fail "METADATA version is not $VERSION" || return 1
  [[ -s "$meta/licenses/LICENSE-MIT" && -s "$meta/licenses/LICENSE-APACHE" ]] ||
    fail "no licence files in dist-info/licenses" || return 1
  echo "      $want_tag: auditwheel ${tag#ok }; NEEDED: $(tr '\n' ' ' <<<"$libs")"
}

# The Windows wheel (mingw-w64, never run here): its tag, a PE32+ x86-64
# extension that exports PyInit__native, and abi3: it imports python3.dll,
# never a versioned pythonXY.dll.
wheel_windows() {
  local whl="$1" dir="$TMP/win" pyd dump meta
  [[ "$(basename "$whl")" == "momo_core-$VERSION-cp39-abi3-win_amd64.whl" ]] ||
    fail "not momo_core $VERSION cp39-abi3-win_amd64" || return 1
  rm -rf "$dir" && mkdir -p "$dir"
  (cd "$dir" && python3 -m zipfile -e "$whl" .) || fail "unzip" || return 1
  pyd="$dir/momo_core/_native.pyd"
  meta="$dir/momo_core-$VERSION.dist-info"
  [[ -f "$pyd" ]] || fail "no momo_core/_native.pyd" || return 1
  grep -qx "Tag: cp39-abi3-win_amd64" "$meta/WHEEL" || fail "WHEEL is not tagged cp39-abi3-win_amd64" || return 1
  dump="$(x86_64-w64-mingw32-objdump -p "$pyd")" || fail "objdump -p $pyd" || return 1
  grep -q 'file format pei-x86-64' <<<"$dump" || fail "not a PE32+ x86-64 DLL" || return 1
  grep -qE '\] PyInit__native$' <<<"$dump" || fail "does not export PyInit__native" || return 1
  grep -q 'DLL Name: python3.dll' <<<"$dump" || fail "does not import python3.dll (abi3)" || return 1
  if grep -qE 'DLL Name: python3[0-9]+\.dll' <<<"$dump"; then
    fail "imports a versioned pythonXY.dll: not abi3"; return 1
  fi
  grep -qx "Version: $VERSION" "$meta/METADATA" || fail "METADATA version is not $VERSION" || return 1
  [[ -s "$meta/licenses/LICENSE-MIT" && -s "$meta/licenses/LICENSE-APACHE" ]] ||
    fail "no licence files in dist-info/licenses" || return 1
  echo "      win_amd64: PE32+ x86-64, exports PyInit__native, imports python3.dll; not run (no Windows)"
}

# The run: a fresh venv, pip install --no-index (the wheel has no
# dependencies), a script run from an empty directory.
wheel_run() {
  local whl="$1" venv="$TMP/venv" app="$TMP/pyapp"
  python3 -m venv "$venv" || return 1
  "$venv/bin/python" -m pip install --disable-pip-version-check -q --no-index "$whl" </dev/null || return 1
  mkdir -p "$app"
  cat >"$app/check.py" <<'EOF'
import hashlib, hmac, json, sys, sysconfig
import momo_core

vectors, version = sys.argv[1], sys.argv[2]
assert momo_core.__file__.startswith(sysconfig.get_paths()["platlib"]), momo_core.__file__
assert momo_core.__version__ == version, momo_core.__version__
v = next(x for x in json.load(open(vectors))["vectors"] if x["operation"] == "tokenizationCreate")
c, i = v["config"], v["input"]
client = momo_core.MomoClient(partner_code=c["partnerCode"], access_key=c["accessKey"], secret_key=c["secretKey"])
req = client.tokenization_create(
    request_id=i["requestId"], order_id=i["orderId"], reference_code=i["referenceCode"],
    sub_partner_code=i["subPartnerCode"], request_time=i["requestTime"], lang=i["lang"],
)
mine = hmac.new(c["secretKey"].encode(), req.signature_raw.encode(), hashlib.sha256).hexdigest()
assert json.loads(req.body)["signature"] == mine == v["expected"]["signature"], (req.body, mine)
assert req.body == v["expected"]["body"] and req.url == v["expected"]["url"]
answer = momo_core.parse_tokenization_create(200, '{"resultCode":0,"message":"OK","token":"abc"}')
assert answer.token == "abc" and answer.outcome.class_ == "SUCCESS", answer
print(f"      momo_core {momo_core.__version__}: signature {mine[:12]}... = hmac, parse ok")
EOF
  (cd "$app" && "$venv/bin/python" check.py "$VECTORS" "$VERSION")
}

# ---------------------------------------------------------------- sdist

# lock_pairs LOCK: "name version" of each [[package]], sorted.
lock_pairs() {
  awk '/^name = / { n = $3 } /^version = / { print n, $3 }' "$1" | tr -d '"' | LC_ALL=C sort -u
}

sdist_check() {
  local sd="$1" top="momo_core-$VERSION" list f
  list="$(tar -tzf "$sd")" || return 1
  for f in PKG-INFO pyproject.toml Cargo.toml Cargo.lock LICENSE-MIT LICENSE-APACHE \
    bindings-python/Cargo.toml core/Cargo.toml; do
    grep -qx "$top/$f" <<<"$list" || fail "the sdist has no $top/$f" || return 1
  done
  rm -rf "$TMP/sdist" && mkdir -p "$TMP/sdist"
  tar -xzf "$sd" -C "$TMP/sdist" || return 1
  grep -qx "Version: $VERSION" "$TMP/sdist/$top/PKG-INFO" || fail "PKG-INFO version is not $VERSION" || return 1
  # The workspace maturin rewrote (the core and the Python crate) must
  # resolve with the shipped lock: cargo may drop the other members' entries,
  # but must add or change none.
  local lock="$TMP/sdist/$top/Cargo.lock" added
  lock_pairs "$lock" >"$TMP/lock.before"
  (cd "$TMP/sdist/$top" && cargo metadata --offline --format-version 1 >/dev/null) ||
    fail "cargo metadata --offline in the unpacked sdist" || return 1
  added="$(lock_pairs "$lock" | comm -13 "$TMP/lock.before" -)"
  [[ -z "$added" ]] || fail "the sdist's Cargo.lock does not pin: $added" || return 1
  if [[ "${DIST_CHECK_BUILD_SDIST:-0}" == 1 ]]; then
    "$ROOT/.venv/bin/python" -m pip wheel --disable-pip-version-check -q --no-deps --no-build-isolation \
      -w "$TMP/sdist-wheel" "$sd" </dev/null || fail "pip wheel from the sdist" || return 1
    echo "      built from the sdist: $(basename "$TMP"/sdist-wheel/*.whl)"
  fi
}

# ---------------------------------------------------------------- npm

npm_check() {
  local tgz="$1" app="$TMP/npmapp" list
  list="$(tar -tzf "$tgz")" || return 1
  for f in package.json LICENSE-MIT LICENSE-APACHE README.md index.js index.mjs wasm/momo_core_wasm_bg.wasm; do
    grep -qx "package/$f" <<<"$list" || fail "the tarball has no $f" || return 1
  done
  mkdir -p "$app"
  echo '{ "name": "app", "private": true }' >"$app/package.json"
  (cd "$app" && npm install --offline --ignore-scripts --no-audit --no-fund --loglevel=error "$tgz" >/dev/null) ||
    fail "npm install $tgz" || return 1
  cat >"$app/check.cjs" <<'EOF'
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
(async () => {
  const [vectors, version] = process.argv.slice(2);
  assert.equal(require.resolve('momo-core'), path.join(__dirname, 'node_modules/momo-core/index.js'));
  assert.equal(require('momo-core/package.json').version, version);
  const cjs = require('momo-core');
  const esm = await import('momo-core');
  const v = JSON.parse(fs.readFileSync(vectors, 'utf8')).vectors.find((x) => x.operation === 'tokenizationCreate');
  const req = new esm.MomoClient(v.config).tokenizationCreate(v.input);
  const mine = crypto.createHmac('sha256', v.config.secretKey).update(req.signatureRaw).digest('hex');
  assert.equal(JSON.parse(req.body).signature, mine);
  assert.equal(mine, v.expected.signature);
  assert.equal(req.body, v.expected.body);
  const answer = cjs.parseTokenizationCreate(200, '{"resultCode":0,"message":"OK","token":"abc"}');
  assert.equal(answer.token, 'abc');
  assert.equal(answer.outcome.class, 'SUCCESS');
  console.log(`      momo-core ${version} on Node ${process.version}: signature ${mine.slice(0, 12)}... = createHmac, parse ok`);
})().catch((e) => { console.error(e); process.exit(1); });
EOF
  (cd "$app" && node check.cjs "$VECTORS" "$VERSION")
}

crate_check() {
  local list manifest f
  list="$(tar -tzf "$1")" || return 1
  for f in Cargo.toml README.md LICENSE-MIT LICENSE-APACHE src/lib.rs; do
    grep -qx "momo-core-$VERSION/$f" <<<"$list" || fail "the crate has no $f" || return 1
  done
  manifest="$(tar -xzOf "$1" "momo-core-$VERSION/Cargo.toml")" || return 1
  grep -qx "version = \"$VERSION\"" <<<"$manifest" ||
    fail "the crate's Cargo.toml does not say version $VERSION" || return 1
  # Publishable: every dependency comes from crates.io.
  ! awk '/^\[/ { dep = ($0 ~ /dependencies/) } dep && /^path = / { found = 1 } END { exit !found }' <<<"$manifest" ||
    fail "the crate's Cargo.toml has a path dependency" || return 1
  grep -q '^repository = ' <<<"$manifest" || fail "the crate's Cargo.toml has no repository" || return 1
}

# ---------------------------------------------------------------- main

echo "dist-check: momo-core $VERSION in ${DIR#"$ROOT"/}"
want=("momo_core-$VERSION-cp39-abi3-manylinux2014_x86_64.manylinux_2_17_x86_64.whl"
  "momo_core-$VERSION.tar.gz" "momo-core-$VERSION.tgz" "momo-core-$VERSION.crate")
if [[ $ALL -eq 1 ]]; then
  want+=("momo_core-$VERSION-cp39-abi3-manylinux2014_aarch64.manylinux_2_17_aarch64.whl"
    "momo_core-$VERSION-cp39-abi3-musllinux_1_2_x86_64.whl"
    "momo_core-$VERSION-cp39-abi3-musllinux_1_2_aarch64.whl"
    "momo_core-$VERSION-cp39-abi3-win_amd64.whl")
fi
for f in "${want[@]}"; do
  check "present: $f" test -s "$DIR/$f"
done

for whl in "$DIR"/momo_core-*.whl; do
  [[ -f "$whl" ]] || continue
  case "$whl" in
    *-win_amd64.whl) check "Windows wheel: tag, exports, abi3 imports: $(basename "$whl")" wheel_windows "$whl" ;;
    *) check "wheel tags and libraries: $(basename "$whl")" wheel_static "$whl" ;;
  esac
done
runnable="$DIR/momo_core-$VERSION-cp39-abi3-manylinux2014_x86_64.manylinux_2_17_x86_64.whl"
if [[ "$(uname -m)" == x86_64 && -f "$runnable" ]]; then
  check "wheel in a fresh venv (pip --no-index): one signed request, one parse" wheel_run "$runnable"
fi
[[ -f "$DIR/momo_core-$VERSION.tar.gz" ]] && check "sdist contents and workspace" sdist_check "$DIR/momo_core-$VERSION.tar.gz"
[[ -f "$DIR/momo-core-$VERSION.tgz" ]] && check "npm tarball in an empty app: one signed request, one parse" npm_check "$DIR/momo-core-$VERSION.tgz"
[[ -f "$DIR/momo-core-$VERSION.crate" ]] && check "crate: version, licences, no path dependency" crate_check "$DIR/momo-core-$VERSION.crate"
if [[ -f "$DIR/SHA256SUMS" ]]; then
  check "SHA256SUMS" bash -c 'cd "$1" && sha256sum --quiet -c SHA256SUMS' _ "$DIR"
fi

echo "dist-check: $passed passed, $failed failed"
[[ $failed -eq 0 ]]

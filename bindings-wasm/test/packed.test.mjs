// The package as a user gets it: `npm pack` of the build, installed from the
// tarball into an empty app outside this repository, then loaded there with
// both `require` and `import` by the Node running these tests. The other
// tests load bindings-wasm/pkg through a symlink, which holds every file the
// build wrote; only this one would see a file missing from package.json
// "files".
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.join(here, '../pkg');
const manifest = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const vectorsFile = path.join(here, '../../tests/vectors/signing.json');

/** npm, quietly, offline: a local tarball with no dependencies needs no registry. */
function npm(args, cwd) {
  return execFileSync('npm', [...args, '--offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
  });
}

// Run in the app: loads the installed package both ways and prepares one
// signing vector's request, printing what the test then checks.
const CHECK = `
const crypto = require('node:crypto');
const fs = require('node:fs');
(async () => {
  const cjs = require('momo-core');
  const esm = await import('momo-core');
  const v = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')).vectors
    .find((x) => x.operation === 'tokenizationCreate');
  const req = new esm.MomoClient(v.config).tokenizationCreate(v.input);
  let thrown = null;
  try { new cjs.MomoClient({ partnerCode: 'P', secretKey: 'S', bogus: 1 }); } catch (e) { thrown = e; }
  console.log(JSON.stringify({
    resolved: require.resolve('momo-core'),
    sameInstance: esm.MomoClient === cjs.MomoClient && esm.default === cjs,
    bodyMatches: req.body === v.expected.body,
    hmacMatches: JSON.parse(req.body).signature
      === crypto.createHmac('sha256', v.config.secretKey).update(req.signatureRaw).digest('hex'),
    error: thrown && { isMomoError: thrown instanceof cjs.MomoError, code: thrown.code, field: thrown.field },
  }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

test('npm pack ships exactly package.json "files", and the installed copy works with require and import', () => {
  const tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'momo-core-packed-')));
  try {
    const [packed] = JSON.parse(npm(['pack', pkgDir, '--pack-destination', tmp, '--json'], tmp));
    const shipped = packed.files.map((f) => f.path).sort();
    assert.deepEqual(shipped, [...manifest.files, 'package.json'].sort(), 'tarball contents');

    const app = path.join(tmp, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    npm(['install', '--ignore-scripts', path.join(tmp, packed.filename)], app);
    writeFileSync(path.join(app, 'check.cjs'), CHECK);

    const { resolved, ...seen } = JSON.parse(
      execFileSync(process.execPath, ['check.cjs', vectorsFile], { cwd: app, encoding: 'utf8' }),
    );
    assert.equal(resolved, path.join(app, 'node_modules/momo-core/index.js'), 'loaded from the install');
    assert.deepEqual(seen, {
      sameInstance: true,
      bodyMatches: true,
      hmacMatches: true,
      error: { isMomoError: true, code: 'INVALID_INPUT', field: 'bogus' },
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

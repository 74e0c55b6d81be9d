// `require('momo-core')` (CommonJS) and `import` resolve through the
// package.json "exports" map to one shared instance.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const path = require('node:path');
const fs = require('node:fs');

const momo = require('momo-core');

const signing = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../tests/vectors/signing.json'), 'utf8'),
);

test('require: a signing vector byte for byte, HMAC by node:crypto', () => {
  const v = signing.vectors.find((x) => x.operation === 'tokenizationCreate');
  const req = new momo.MomoClient(v.config).tokenizationCreate(v.input);
  assert.equal(req.body, v.expected.body);
  assert.equal(
    JSON.parse(req.body).signature,
    crypto.createHmac('sha256', v.config.secretKey).update(req.signatureRaw).digest('hex'),
  );
});

test('require: errors are MomoError instances with code and field', () => {
  assert.throws(
    () => new momo.MomoClient({ partnerCode: 'P', secretKey: 'S', bogus: 1 }),
    (e) => e instanceof momo.MomoValidationError && e instanceof momo.MomoError && e instanceof Error
      && e.code === 'INVALID_INPUT' && e.field === 'bogus' && e.kind === 'VALIDATION'
      && e.name === 'MomoValidationError' && e.stack.startsWith('MomoValidationError: INVALID_INPUT (bogus)'),
  );
});

test('require and import give the same module instance', async () => {
  const esm = await import('momo-core');
  assert.equal(esm.MomoClient, momo.MomoClient);
  assert.equal(esm.MomoError, momo.MomoError);
  assert.equal(esm.default, momo);
  const exported = Object.keys(momo).sort();
  const named = Object.keys(esm).filter((k) => k !== 'default').sort();
  assert.deepEqual(named, exported, 'index.mjs re-exports every CommonJS export');
});

test('package.json exports map both conditions, each with its types', () => {
  const pkg = require('momo-core/package.json');
  assert.equal(pkg.name, 'momo-core');
  // Each condition carries its own declarations (attw, in test.sh, checks
  // how TypeScript resolves them): import gets the ES module's .d.mts.
  assert.deepEqual(pkg.exports['.'], {
    import: { types: './index.d.mts', default: './index.mjs' },
    require: { types: './index.d.ts', default: './index.js' },
  });
  assert.equal(pkg.types, './index.d.ts', 'for resolvers that ignore "exports"');
  assert.equal(require.resolve('momo-core'), path.join(path.dirname(require.resolve('momo-core/package.json')), 'index.js'));
  assert.match(pkg.engines.node, />=18/);
});

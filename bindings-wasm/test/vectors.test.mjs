// The shared vectors (tests/vectors/*.json, from the independent Python
// reference) run through the npm package loaded with `import`. Signatures
// are re-computed with node:crypto's createHmac and RSA token ciphertexts
// decrypted with crypto.privateDecrypt and the test-only private key.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import * as momo from 'momo-core';
import {
  load, readRepoFile, prepare, parse, assertSubset, assertMomoError, pkcs1Decrypt, KIND_OF, CLASS_OF_KIND,
  hostValue, forNode,
} from './vectors.mjs';

const { MomoClient, ERROR_CODES } = momo;

/** Error codes thrown from JS during this file's tests. */
const reached = new Set();
function expectError(id, expected, fn) {
  const err = assertMomoError(momo, id, expected, fn);
  reached.add(err.code);
  return err;
}

const hmacHex = (key, text) => crypto.createHmac('sha256', key).update(text, 'utf8').digest('hex');

test('signing vectors: body, raw string and headers byte for byte; HMAC by node:crypto', () => {
  const file = load('signing.json');
  assert.ok(file.vectors.length > 0);
  for (const v of file.vectors) {
    const client = new MomoClient(v.config);
    const req = prepare(momo, client, v.operation, v.input);
    const exp = v.expected;
    assert.equal(req.body, exp.body, `${v.id}: body`);
    assert.equal(req.signatureRaw, exp.signatureRaw, `${v.id}: raw`);
    assert.equal(req.method, exp.method);
    assert.equal(req.url, exp.url, `${v.id}: url`);
    assert.deepEqual(req.headers, exp.headers, `${v.id}: headers`);
    assert.equal(req.timeoutMs, exp.timeoutMs, `${v.id}: timeout`);
    assert.equal(req.requestId, exp.requestId, `${v.id}: requestId`);
    const sent = JSON.parse(req.body).signature;
    assert.equal(sent, hmacHex(v.config.secretKey, req.signatureRaw), `${v.id}: node:crypto HMAC`);
    assert.equal(sent, exp.signature, `${v.id}: reference signature`);
  }
});

test('unsigned request vectors (login, redeem-status, gift) byte for byte', () => {
  for (const v of load('requests.json').vectors) {
    const client = new MomoClient(v.config);
    const req = prepare(momo, client, v.operation, v.input);
    const { body, ...rest } = v.expected;
    assert.equal(req.body, body, `${v.id}: body`);
    assertSubset(v.id, rest, { ...req, headers: req.headers });
    assert.equal(Object.keys(req.headers).length, Object.keys(v.expected.headers).length, `${v.id}: header count`);
  }
});

test('RSA vectors: token ciphertext decrypts with crypto.privateDecrypt; signature covers it', () => {
  const file = load('rsa.json');
  const keyOf = (bits) => file.keys.find((k) => k.bits === bits);
  const partner = { partnerCode: 'MOMO', accessKey: 'F8BBA842ECF85', secretKey: 'K951B6PE1waDMi640xX08PD3vg6EkVlz' };
  const shapes = new Set();
  for (const v of file.vectors) {
    const key = keyOf(v.keyBits);
    shapes.add(`${v.keyBits}/${v.publicKeyShape}`);
    const client = new MomoClient({ ...partner, publicKey: key.publicKeys[v.publicKeyShape] });
    const req = client.tokenizationPay(v.input);
    const exp = v.expected;
    const body = JSON.parse(req.body);
    const ciphertext = Buffer.from(body.token, 'base64');
    assert.equal(ciphertext.length * 8, key.bits, `${v.id}: one RSA block`);
    const plain = pkcs1Decrypt(key.privateKeyPem, ciphertext);
    assert.equal(plain.toString('utf8'), exp.tokenPlaintext, `${v.id}: plaintext`);
    const raw = exp.signatureRawTemplate.replace('{token}', body.token);
    assert.equal(req.signatureRaw, raw, `${v.id}: raw`);
    assert.equal(body.signature, hmacHex(partner.secretKey, raw), `${v.id}: HMAC over the ciphertext`);
    assert.equal(
      req.body,
      exp.bodyTemplate.replace('{token}', body.token).replace('{signature}', body.signature),
      `${v.id}: body`,
    );
    assert.equal(req.timeoutMs, 10000);
    assert.equal(req.url, exp.url);
  }
  assert.ok(shapes.size >= 6, `key shapes covered: ${[...shapes]}`);
  for (const v of file.errors) {
    const publicKey = v.publicKey ?? keyOf(v.keyBits).publicKeys[v.publicKeyShape];
    expectError(v.id, v.error, () => {
      const client = new MomoClient({ ...partner, publicKey });
      return client.tokenizationPay(v.input);
    });
  }
});

test('the repository test key decrypts too (tests/vectors/keys/rsa2048.pem)', () => {
  const pem = readRepoFile('tests/vectors/keys/rsa2048.pem');
  const publicKey = crypto.createPublicKey(pem).export({ type: 'spki', format: 'pem' });
  const client = new MomoClient({ partnerCode: 'P', accessKey: 'A', secretKey: 'S', publicKey });
  const req = client.tokenizationPay({
    orderId: 'O-1', token: 'tok-123', amount: 20000, orderInfo: 'x', requestTime: 1,
  });
  const body = JSON.parse(req.body);
  const plain = pkcs1Decrypt(pem, Buffer.from(body.token, 'base64'));
  assert.deepEqual(JSON.parse(plain.toString('utf8')), { value: 'tok-123' });
  assert.equal(body.signature, hmacHex('S', req.signatureRaw));
  assert.match(req.signatureRaw, /&amount=20000&/);
});

test('pay tokens are randomized per call (Node crypto pads each block afresh)', () => {
  const pem = readRepoFile('tests/vectors/keys/rsa2048.pem');
  const publicKey = crypto.createPublicKey(pem).export({ type: 'spki', format: 'pem' });
  const client = new MomoClient({ partnerCode: 'P', accessKey: 'A', secretKey: 'S', publicKey });
  const input = { requestId: 'r-1', orderId: 'O-1', token: 'tok', amount: 20000, orderInfo: 'x', requestTime: 1 };
  const tokens = new Set();
  for (let i = 0; i < 20; i += 1) {
    const token = JSON.parse(client.tokenizationPay(input).body).token;
    assert.equal(pkcs1Decrypt(pem, Buffer.from(token, 'base64')).toString('utf8'), '{"value":"tok"}');
    tokens.add(token);
  }
  assert.equal(tokens.size, 20);
});

test('generated ids: 5,000 distinct UUID v4 across many refills of the random pool', () => {
  const client = new MomoClient({ partnerCode: 'P', accessKey: 'A', secretKey: 'S' });
  const ids = new Set();
  for (let i = 0; i < 2500; i += 1) {
    ids.add(momo.newRequestId());
    ids.add(client.query({ orderId: `O-${i}` }).requestId);
  }
  assert.equal(ids.size, 5000);
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('validation vectors: every rule fails with its stable code and field', () => {
  const file = load('validation.json');
  for (const v of file.vectors) {
    const config = v.config ?? file.defaultConfig;
    expectError(v.id, v.error, () => {
      const client = new MomoClient(config);
      if (v.operation === 'newClient') return client;
      return prepare(momo, client, v.operation, v.input);
    });
  }
});

test('hostile vectors: odd host values (markers) give the same answer as every host', () => {
  const file = load('hostile.json');
  const vectors = file.vectors.filter(forNode);
  assert.ok(vectors.length > 0);
  for (const v of vectors) {
    const input = hostValue(v.input);
    const run = () => {
      if (v.operation === 'encodeExtraData') return momo.encodeExtraDataValue(input.data);
      return prepare(momo, new MomoClient(v.config ?? file.defaultConfig), v.operation, input);
    };
    if (v.error) {
      expectError(v.id, v.error, run);
    } else {
      const out = run();
      assert.equal(typeof out === 'string' ? out : out.body, v.expected.body, v.id);
    }
  }
});

test('amount vectors: computeSaleInfo', () => {
  for (const v of load('amounts.json').vectors) {
    if (v.expected) {
      assertSubset(v.id, v.expected, momo.computeSaleInfo(v.input));
    } else {
      expectError(v.id, v.error, () => momo.computeSaleInfo(v.input));
    }
  }
});

test('result code vectors: outcomes', () => {
  for (const v of load('result_codes.json').vectors) {
    const { id, kind, ...want } = v;
    const outcome = {
      payment: () => momo.outcomeOfPayment(v.code),
      giftStatus: () => momo.outcomeOfGiftStatus(v.code),
      giftResult: () => momo.outcomeOfGiftResult(v.code),
      timeout: () => momo.transportTimeoutOutcome(),
    }[kind]();
    assertSubset(id, want, outcome);
    if (typeof v.code === 'number' && v.class !== 'UNKNOWN') {
      assert.ok(outcome.messageVi && outcome.messageEn, id);
    }
  }
});

test('IPN vectors: verified bodies parse; tampered ones fail', () => {
  const file = load('ipn.json');
  const client = new MomoClient(file.config);
  for (const v of file.vectors) {
    // A freshness vector gives the clock and tolerance of the check.
    const options = v.nowMs === undefined ? undefined : { nowMs: v.nowMs, toleranceMs: v.toleranceMs };
    if (v.expected) {
      const ipn = client.verifyIpn(v.body, options);
      assertSubset(v.id, v.expected, ipn);
      if (v.signatureRaw !== undefined) {
        assert.equal(JSON.parse(v.body).signature, hmacHex(file.config.secretKey, v.signatureRaw), v.id);
      }
    } else {
      expectError(v.id, v.error, () => client.verifyIpn(v.body, options));
    }
  }
});

test('parsing vectors: (status, bodyText) parsers', () => {
  for (const v of load('parsing.json').vectors) {
    if (v.expected) {
      assertSubset(v.id, v.expected, parse(momo, v.operation, v.status, v.body, v.nowMs));
    } else {
      expectError(v.id, v.error, () => parse(momo, v.operation, v.status, v.body, v.nowMs));
    }
  }
});

test('a panic in wasm is MomoError INTERNAL, and the package keeps working after it', () => {
  expectError('panic probe', { code: 'INTERNAL', field: '' }, () => momo._panicProbe());
  const client = new momo.MomoClient({ partnerCode: 'MOMO', accessKey: 'A', secretKey: 'S' });
  const req = client.query({ orderId: 'after-the-trap', requestId: 'r1' });
  const raw = 'accessKey=A&orderId=after-the-trap&partnerCode=MOMO&requestId=r1';
  assert.equal(JSON.parse(req.body).signature, crypto.createHmac('sha256', 'S').update(raw).digest('hex'));
});

// The package's index.d.ts as built: js/api.d.ts and the models generated
// from the Rust core (ErrorCode and ErrorKind among them, double-quoted).
const builtDts = () => readRepoFile('bindings-wasm/pkg/index.d.ts');

test('every error code is reached from JS; ERROR_CODES matches index.d.ts', () => {
  const declared = [...builtDts()
    .match(/export type ErrorCode =([^;]*);/)[1]
    .matchAll(/["']([A-Z_0-9]+)["']/g)].map((m) => m[1]);
  assert.deepEqual([...ERROR_CODES], declared);
  assert.equal(ERROR_CODES.length, KIND_OF.size, 'as many codes as errors.json lists');
  assert.deepEqual([...ERROR_CODES], [...KIND_OF.keys()], 'the order of errors.json');
  const missing = ERROR_CODES.filter((c) => !reached.has(c));
  assert.deepEqual(missing, [], 'codes no JS test reached');
});

test('index.d.ts narrows each MomoError subclass to the codes and kind of errors.json', () => {
  const dts = builtDts();
  const declaredKinds = [...dts.match(/export type ErrorKind =([^;]*);/)[1].matchAll(/["']([A-Z_]+)["']/g)].map((m) => m[1]);
  assert.deepEqual(declaredKinds, load('errors.json').kinds);
  for (const [kind, className] of Object.entries(CLASS_OF_KIND)) {
    const block = dts.match(new RegExp(`export declare class ${className} extends MomoError \\{([^}]*)\\}`))[1];
    assert.match(block, new RegExp(`readonly name: '${className}';`));
    assert.match(block, new RegExp(`readonly kind: '${kind}';`));
    const type = block.match(/readonly code: ([^;]*);/)[1];
    const listed = [...type.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);
    const codes = type.trim().startsWith('Exclude<') ? ERROR_CODES.filter((c) => !listed.includes(c)) : listed;
    const want = ERROR_CODES.filter((c) => KIND_OF.get(c) === kind);
    assert.deepEqual([...codes].sort(), [...want].sort(), `${className}: code`);
  }
});

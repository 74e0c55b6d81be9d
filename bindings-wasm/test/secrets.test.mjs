// Secrets (secretKey, clientSecret, access tokens) never show in
// console.log / util.inspect / String / JSON.stringify.
import test from 'node:test';
import assert from 'node:assert/strict';
import util from 'node:util';
import * as momo from 'momo-core';

const SECRET = 'K951B6PE1waDMi640xX08PD3vg6EkVlz';
const CLIENT_SECRET = 'bp-secret-456-xyz';
const TOKEN = 'eyJhbGciOiJIUzUxMiJ9.secret-token.sig';

/** A voucher redeem-status request (authorized by a bearer token). */
const REDEEM = {
  momoCampaignId: '1', voucherCode: 'V', momoTransactionId: '2', partnerTransactionId: '3',
  redeemStatus: 'SUCCESS',
  saleInfo: { posId: '1', posName: 'p', tranDate: 1, originalAmount: 1000, paymentMethod: 'CASH' },
};

const config = {
  partnerCode: 'MOMO',
  accessKey: 'F8BBA842ECF85',
  secretKey: SECRET,
  partnerId: 'MOMO_PARTNER_01',
  clientId: 'bp-client-123',
  clientSecret: CLIENT_SECRET,
};

function views(value) {
  return [
    util.inspect(value),
    util.inspect(value, { showHidden: true, depth: Infinity, getters: true }),
    util.format('%o', value),
    String(value),
    JSON.stringify(value) ?? '',
    JSON.stringify(Object.assign({}, value)),
  ];
}

function assertHidden(what, value, secrets) {
  for (const text of views(value)) {
    for (const s of secrets) {
      assert.ok(!text.includes(s), `${what} shows a secret: ${text}`);
    }
  }
}

test('the client shows its configuration but no secret', () => {
  const client = new momo.MomoClient(config);
  assertHidden('client', client, [SECRET, CLIENT_SECRET]);
  assert.match(util.inspect(client), /MOMO_PARTNER_01/);
  assert.match(util.inspect(client), /bp-client-123/);
  assert.deepEqual(Object.keys(client), []);
});

test('the login request hides its body; redeem-status hides the bearer token', () => {
  const client = new momo.MomoClient(config);
  const login = client.login();
  assert.ok(login.body.includes(CLIENT_SECRET), 'the body to send holds the secret');
  assert.equal(login.sensitiveBody, true);
  assert.ok(!util.inspect(login).includes(CLIENT_SECRET), util.inspect(login));

  const now = 1_700_000_000_000;
  const token = new momo.AccessToken(TOKEN, now + 3_600_000);
  const req = client.redeemStatus(REDEEM, token, now);
  assert.equal(req.headers.Authorization, `Bearer ${TOKEN}`);
  assert.equal(req.sensitiveBody, false);
  assert.ok(!util.inspect(req).includes(TOKEN), util.inspect(req));
  assert.match(util.inspect(req), /voucherCode/, 'a non-secret body stays visible');
  assert.match(util.inspect(req), /Authorization: '\*\*\*'/);
  assert.match(util.inspect(req), /'X-Request-Id': '[^*]/, 'a non-secret header stays visible');
});

test('an access token prints as ***', () => {
  const token = new momo.AccessToken(TOKEN, 5_000);
  assertHidden('token', token, [TOKEN]);
  assert.equal(token.expose(), TOKEN);
  assert.equal(token.expiresAtMs, 5_000);
  assert.equal(token.authorization(4_000), `Bearer ${TOKEN}`);
  assert.throws(() => token.authorization(5_000), (e) => e.code === 'TOKEN_EXPIRED' && !e.message.includes(TOKEN));
});

test('an error about a secret-bearing config does not echo the secret', () => {
  try {
    new momo.MomoClient({ ...config, gatewayBaseUrl: 'ftp://x' });
    assert.fail('accepted');
  } catch (e) {
    assert.equal(e.code, 'INVALID_CONFIG');
    assert.ok(!util.inspect(e).includes(SECRET));
  }
});

test('no copy of a secret stays in wasm memory after a call', () => {
  // Copies of `text` anywhere in the live instance's memory, freed blocks included.
  const count = (text) => momo._memoryBytes().toString('latin1').split(text).length - 1;
  const client = new momo.MomoClient(config);
  const secretsBefore = count(SECRET);
  new momo.MomoClient(config);
  assert.equal(count(SECRET), secretsBefore + 1, 'a client keeps one copy of its secretKey: its own');
  const tokensBefore = count(TOKEN);
  new momo.AccessToken(TOKEN, 1_000);
  assert.equal(count(TOKEN), tokensBefore + 1, 'an AccessToken keeps one copy: its own');
  momo.parseLogin(200, JSON.stringify({ status: 0, data: { accessToken: TOKEN, expiresIn: 3600 } }), 0);
  assert.equal(count(TOKEN), tokensBefore + 2, 'parseLogin keeps one copy: the AccessToken it returns');

  // A prepared request that carries a secret: the core's strings are
  // zeroed before they are freed, and JS strings are made straight from
  // them, so no copy of the secret text is left behind.
  const login = client.login();
  assert.ok(login.body.includes(CLIENT_SECRET));
  assert.equal(count(`"clientSecret":"${CLIENT_SECRET}"`), 0, 'a login body is left in wasm memory');

  const now = 1_700_000_000_000;
  const token = new momo.AccessToken(TOKEN, now + 3_600_000);
  const bearer = `Bearer ${TOKEN}`;
  const before = count(bearer);
  const redeem = client.redeemStatus(REDEEM, token, now);
  assert.equal(redeem.headers.Authorization, bearer);
  assert.ok(count(bearer) <= before, 'redeemStatus left a bearer token in wasm memory');
  const held = count(TOKEN);
  assert.ok(held >= 1, 'the scan sees wasm memory: the AccessToken itself holds its text');
  assert.equal(token.expose(), TOKEN);
  assert.equal(token.authorization(now), bearer);
  assert.equal(count(TOKEN), held, 'expose() or authorization() left a copy in wasm memory');
});

test('JSON.stringify, spreading and Object.entries of a secret-bearing request show no secret; headers and body are the raw accessors', () => {
  const client = new momo.MomoClient(config);
  const now = 1_700_000_000_000;
  const login = client.login();
  const redeem = client.redeemStatus(REDEEM, new momo.AccessToken(TOKEN, now + 3_600_000), now);
  for (const [what, req, secret] of [['login', login, CLIENT_SECRET], ['redeem-status', redeem, TOKEN]]) {
    assert.equal(req.holdsSecret, true, what);
    const texts = [
      JSON.stringify(req),
      JSON.stringify({ request: req }),
      JSON.stringify({ ...req }),
      JSON.stringify(Object.entries(req)),
      JSON.stringify(Object.assign({}, req)),
      util.inspect(req, { showHidden: true, depth: Infinity }),
      String(req),
    ];
    for (const text of texts) assert.ok(!text.includes(secret), `${what} shows its secret: ${text}`);
    // The explicit accessors (and toFetchInit) give what is sent.
    assert.ok(req.body.includes(secret) || req.headers.Authorization === `Bearer ${secret}`, what);
    const init = req.toFetchInit();
    assert.equal(init.body, req.body, what);
    assert.deepEqual(init.headers, req.headers, what);
  }
  const loginJson = JSON.parse(JSON.stringify(login));
  assert.equal(loginJson.body, '*** (holds a secret)');
  assert.equal(loginJson.url, login.url);
  assert.equal(loginJson.requestId, login.requestId);
  const redeemJson = JSON.parse(JSON.stringify(redeem));
  assert.equal(redeemJson.headers.Authorization, '***');
  assert.equal(redeemJson.headers['X-Request-Id'], redeem.headers['X-Request-Id'], 'other headers stay');
  assert.equal(redeemJson.body, redeem.body, 'a body without a secret stays');
});

test('a request holding no secret serializes in full', () => {
  const req = new momo.MomoClient(config).query({ orderId: 'O-1', requestId: 'r1' });
  assert.equal(req.holdsSecret, false);
  assert.deepEqual(JSON.parse(JSON.stringify(req)), {
    method: 'POST',
    url: req.url,
    headers: req.headers,
    body: req.body,
    timeoutMs: req.timeoutMs,
    requestId: 'r1',
    signatureRaw: req.signatureRaw,
  });
});

// A trap in wasm (a core bug under panic = "abort") leaves its instance
// unusable: each trap left 96 bytes of the 1 MiB shadow stack taken (its
// pointer is a wasm global the trapped frames never put back), so after
// about 10,900 traps every call failed with "memory access out of
// bounds". The package now retires a trapped instance and makes a new one;
// clients and tokens made before rebuild themselves there.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import util from 'node:util';
import * as momo from 'momo-core';
import { assertMomoError } from './vectors.mjs';

const SECRET = 'K951B6PE1waDMi640xX08PD3vg6EkVlz';
const CLIENT_SECRET = 'bp-secret-after-traps';
const TOKEN = 'eyJhbGciOiJIUzUxMiJ9.token-after-traps.sig';
const NOW = 1_700_000_000_000;
const TRAPS = 20_000;

const config = {
  partnerCode: 'MOMO',
  accessKey: 'F8BBA842ECF85',
  secretKey: SECRET,
  partnerId: 'MOMO_PARTNER_01',
  clientId: 'bp-client-123',
  clientSecret: CLIENT_SECRET,
};

const REDEEM = {
  momoCampaignId: '1', voucherCode: 'V', momoTransactionId: '2', partnerTransactionId: '3',
  redeemStatus: 'SUCCESS',
  saleInfo: { posId: '1', posName: 'p', tranDate: 1, originalAmount: 1000, paymentMethod: 'CASH' },
};

const hmac = (text) => crypto.createHmac('sha256', SECRET).update(text).digest('hex');

/** Checks that the client, the token and the module functions all answer right. */
function assertWorks(what, client, token, loginToken) {
  const query = client.query({ orderId: 'O-1', requestId: 'r1' });
  const raw = 'accessKey=F8BBA842ECF85&orderId=O-1&partnerCode=MOMO&requestId=r1';
  assert.equal(query.signatureRaw, raw, what);
  assert.equal(JSON.parse(query.body).signature, hmac(raw), `${what}: the client still signs with its secretKey`);
  assert.ok(client.login().body.includes(CLIENT_SECRET), `${what}: the client still holds its clientSecret`);
  assert.equal(token.authorization(NOW), `Bearer ${TOKEN}`, what);
  assert.equal(token.expose(), TOKEN, what);
  assert.equal(token.needsRefresh(NOW), false, what);
  assert.equal(loginToken.expose(), 'from-login', what);
  const redeem = client.redeemStatus(REDEEM, token, NOW);
  assert.equal(redeem.headers.Authorization, `Bearer ${TOKEN}`, what);
  assert.equal(momo.parseQuery(200, '{"resultCode":0,"message":"ok"}').outcome.class, 'SUCCESS', what);
  assert.match(momo.newRequestId(), /^[0-9a-f-]{36}$/, what);
  assertMomoError(momo, what, { code: 'INVALID_AMOUNT', field: 'amount' }, () =>
    client.confirm({ orderId: 'O-1', requestType: 'capture', amount: 1.5 }));
}

test(`${TRAPS} traps, then a client, a token and a request made before them all still work`, () => {
  const client = new momo.MomoClient(config);
  const token = new momo.AccessToken(TOKEN, NOW + 3_600_000);
  const loginToken = momo.parseLogin(200, JSON.stringify({ status: 0, data: { accessToken: 'from-login', expiresIn: 3600 } }), NOW);
  const before = client.tokenizationCreate({ orderId: 'O-1', referenceCode: '1', requestId: 'r0', requestTime: 1 });
  assertWorks('before any trap', client, token, loginToken);

  const started = process.hrtime.bigint();
  for (let i = 1; i <= TRAPS; i += 1) {
    try {
      momo._panicProbe();
      assert.fail('no trap');
    } catch (e) {
      // Checked in full once: every trap must stay an INTERNAL MomoError.
      if (i === 1 || i === TRAPS) assertMomoError(momo, `trap ${i}`, { code: 'INTERNAL', field: '' }, () => { throw e; });
      else if (!(e instanceof momo.MomoInternalError)) throw e;
    }
    // Work in between, on fresh instances (each trap retires one).
    if (i % 2_000 === 0) assertWorks(`after ${i} traps`, client, token, loginToken);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`# ${TRAPS} traps (with ${TRAPS / 2_000} rounds of checks) in ${ms.toFixed(0)} ms`);

  assertWorks(`after ${TRAPS} traps`, client, token, loginToken);
  assert.equal(before.requestId, 'r0');
  assert.equal(JSON.parse(before.body).orderId, 'O-1', 'a request prepared before the traps is plain data');
  assert.ok(new momo.MomoClient(config).query({ orderId: 'new' }).body.includes('"orderId":"new"'));
});

test('a trap in the middle of a client method leaves that client usable, with no secret shown', () => {
  const client = new momo.MomoClient(config);
  const token = new momo.AccessToken(TOKEN, NOW + 3_600_000);
  assertMomoError(momo, 'trap', { code: 'INTERNAL', field: '' }, () => momo._panicProbe());
  // Rebuilt lazily from what they kept: still never shown.
  for (const value of [client, token]) {
    const views = [
      util.inspect(value, { showHidden: true, depth: Infinity, getters: true }),
      JSON.stringify(value),
      String(value),
      JSON.stringify(Object.assign({}, value)),
      Object.getOwnPropertyNames(value).join(','),
    ];
    for (const text of views) {
      for (const s of [SECRET, CLIENT_SECRET, TOKEN]) assert.ok(!text.includes(s), `shows a secret: ${text}`);
    }
  }
  assert.equal(client.verifyIpn.length, 2);
  assert.equal(token.isExpired(NOW), false);
  assert.equal(token.expiresAtMs, NOW + 3_600_000);
});

// Money crosses as a JS number: whole, safe, non-negative VND only. The
// binding must not round: 1.5, NaN, -1, 2^53 and Infinity are refused with
// the core's INVALID_AMOUNT and the field's path.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as momo from 'momo-core';
import crypto from 'node:crypto';
import { assertMomoError, readRepoFile } from './vectors.mjs';

const client = new momo.MomoClient({
  partnerCode: 'MOMO',
  accessKey: 'F8BBA842ECF85',
  secretKey: 'K951B6PE1waDMi640xX08PD3vg6EkVlz',
});

const BAD = [
  ['a fraction', 20000.5],
  ['NaN', NaN],
  ['a negative', -20000],
  ['+Infinity', Infinity],
  ['-Infinity', -Infinity],
  ['2^53 (past MAX_SAFE_INTEGER)', 2 ** 53],
  ['1e300', 1e300],
];

const confirm = (amount) => ({ orderId: 'O-1', requestType: 'capture', amount });
const pay = (amount) => ({ orderId: 'O-1', token: 't', amount, orderInfo: 'x', requestTime: 1 });

test('confirm amount: non-integers, NaN, negatives, > 2^53-1 are INVALID_AMOUNT', () => {
  for (const [what, amount] of BAD) {
    assertMomoError(momo, what, { code: 'INVALID_AMOUNT', field: 'amount' }, () => client.confirm(confirm(amount)));
  }
  // Number.MAX_SAFE_INTEGER itself is a whole number: refused only by MoMo's range rule.
  const err = assertMomoError(momo, 'max safe', { code: 'INVALID_AMOUNT', field: 'amount' }, () =>
    client.confirm(confirm(Number.MAX_SAFE_INTEGER)),
  );
  assert.doesNotMatch(err.detail, /whole|fraction|integer/i, 'a safe integer is range-checked, not shape-checked');
});

test('a valid whole amount goes through exactly as given', () => {
  const req = client.confirm(confirm(1_234_567));
  assert.equal(JSON.parse(req.body).amount, 1_234_567);
  assert.match(req.signatureRaw, /&amount=1234567&/);
});

test('nested money (item price, fee, promotion) is checked with its path', () => {
  const item = (price) => ({ id: 'i', name: 'n', price, quantity: 1 });
  for (const [what, amount] of BAD) {
    assertMomoError(momo, `price ${what}`, { code: 'INVALID_AMOUNT', field: 'items[0].price' }, () =>
      client.tokenizationPay({ ...pay(20000), items: [item(amount)] }),
    );
    assertMomoError(momo, `fee ${what}`, { code: 'INVALID_AMOUNT', field: 'feeList[1].amount' }, () =>
      client.tokenizationPay({ ...pay(20000), feeList: [{ amount: 1, type: 'fee' }, { amount, type: 'tax' }] }),
    );
  }
});

test('sale info amounts: computeSaleInfo refuses fractions and NaN', () => {
  const sale = (originalAmount) => ({
    posId: '1', posName: 'p', tranDate: 1, originalAmount, paymentMethod: 'CASH',
  });
  for (const [what, amount] of BAD) {
    assertMomoError(momo, what, { code: 'INVALID_AMOUNT', field: 'originalAmount' }, () =>
      momo.computeSaleInfo(sale(amount)),
    );
  }
  assert.equal(momo.computeSaleInfo(sale(100_000)).totalAmount, 100_000);
});

test('non-money integers (requestTime) are whole numbers too, but INVALID_INPUT', () => {
  for (const t of [1.5, NaN, 2 ** 53]) {
    assertMomoError(momo, String(t), { code: 'INVALID_INPUT', field: 'requestTime' }, () =>
      client.tokenizationPay({ ...pay(20000), requestTime: t }),
    );
  }
});

test('wrong JS types are INVALID_INPUT naming the field', () => {
  assertMomoError(momo, 'orderId number', { code: 'INVALID_INPUT', field: 'orderId' }, () =>
    client.query({ orderId: 42 }),
  );
  assertMomoError(momo, 'request not an object', { code: 'INVALID_INPUT', field: '' }, () => client.query('O-1'));
  assertMomoError(momo, 'unknown key', { code: 'INVALID_INPUT', field: 'amout' }, () =>
    client.query({ orderId: 'O-1', amout: 1 }),
  );
  assertMomoError(momo, 'status not a number', { code: 'INVALID_INPUT', field: 'status' }, () =>
    momo.parseQuery('200', '{}'),
  );
  assertMomoError(momo, 'body not a string', { code: 'INVALID_INPUT', field: 'body' }, () =>
    momo.parseQuery(200, { resultCode: 0 }),
  );
});

test('undefined and null optional fields mean absent', () => {
  const a = client.query({ orderId: 'O-1', requestId: 'R-1', lang: undefined });
  const b = client.query({ orderId: 'O-1', requestId: 'R-1', lang: null });
  const c = client.query({ orderId: 'O-1', requestId: 'R-1' });
  assert.equal(a.body, c.body);
  assert.equal(b.body, c.body);
});

test('numbers JSON cannot carry reach the core as numbers, not strings or null', () => {
  // A NaN where a string is expected is a type error, not the text "NaN".
  assertMomoError(momo, 'NaN orderId', { code: 'INVALID_INPUT', field: 'orderId' }, () =>
    client.query({ orderId: NaN }),
  );
  // Infinity where an optional amount is expected is not "absent".
  assertMomoError(momo, 'Infinity originalAmount', { code: 'INVALID_AMOUNT', field: 'originalAmount' }, () =>
    client.tokenizationPay({ ...pay(20000), originalAmount: Infinity }),
  );
  // A BigInt is an exact integer.
  const req = client.confirm(confirm(20000n));
  assert.equal(JSON.parse(req.body).amount, 20000);
  assertMomoError(momo, 'huge BigInt', { code: 'INVALID_AMOUNT', field: 'amount' }, () =>
    client.confirm(confirm(2n ** 63n)),
  );
  // Past 64 bits too: still an amount error, not a conversion failure.
  for (const big of [2n ** 70n, -(2n ** 70n)]) {
    const err = assertMomoError(momo, `BigInt ${big}`, { code: 'INVALID_AMOUNT', field: 'amount' }, () =>
      client.confirm(confirm(big)),
    );
    assert.match(err.detail, /2\^53-1/);
  }
});

test('JS values with no JSON form are INVALID_INPUT at their own path', () => {
  const item = { id: 'a', name: 'b', price: 20000, quantity: 1 };
  const cases = [
    ['a function', () => 'x', /JS function/],
    ['a symbol', Symbol('x'), /JS symbol/],
    ['a Set', new Set(['x']), /JS Set object/],
    ['a Map', new Map([['x', 1]]), /JS Map object/],
    ['a Uint8Array', new Uint8Array([79]), /JS Uint8Array object/],
  ];
  for (const [what, bad, detail] of cases) {
    const top = assertMomoError(momo, `${what} orderId`, { code: 'INVALID_INPUT', field: 'orderId' }, () =>
      client.query({ orderId: bad }),
    );
    assert.match(top.detail, detail, what);
    assertMomoError(momo, `${what} in items`, { code: 'INVALID_INPUT', field: 'items[1].imageUrl' }, () =>
      client.tokenizationPay({ ...pay(40000), items: [item, { ...item, imageUrl: bad }] }),
    );
  }
});

test('class instances read like plain objects; null and undefined entries are absent at any depth', () => {
  class Query {
    constructor() {
      this.orderId = 'O-1';
      this.lang = undefined;
    }
    get ignored() {
      return 'prototype getters are not own entries';
    }
  }
  const viaClass = JSON.parse(client.query(new Query()).body);
  assert.equal(viaClass.orderId, 'O-1');
  assert.equal(viaClass.lang, 'vi');
  // Nested: an item's null imageUrl is absent, so the item decodes.
  const item = { id: 'a', name: 'b', price: 20000, quantity: 1, imageUrl: null, category: undefined };
  const pem = readRepoFile('tests/vectors/keys/rsa2048.pem');
  const publicKey = crypto.createPublicKey(pem).export({ type: 'spki', format: 'pem' });
  const keyed = new momo.MomoClient({ partnerCode: 'P', accessKey: 'A', secretKey: 'S', publicKey });
  const req = keyed.tokenizationPay({ ...pay(20000), storeId: null, items: [item] });
  assert.equal(JSON.parse(req.body).orderId, 'O-1');
  // Absent, not a null value: a required field given null is REQUIRED.
  assertMomoError(momo, 'null quantity', { code: 'REQUIRED', field: 'items[0].quantity' }, () =>
    keyed.tokenizationPay({ ...pay(20000), items: [{ ...item, quantity: null }] }),
  );
  // A null array item is not an absent entry: it is refused where it sits.
  assertMomoError(momo, 'null item', { code: 'INVALID_INPUT', field: 'items[0]' }, () =>
    client.tokenizationPay({ ...pay(20000), items: [null] }),
  );
});

test('an answer holding an integer past 2^53-1 is refused, not rounded', () => {
  const body = '{"resultCode":0,"orderId":"O-1","transId":9007199254740993}';
  assertMomoError(momo, 'transId', { code: 'UNEXPECTED_RESPONSE', field: '' }, () => momo.parseQuery(200, body));
  const ok = momo.parseQuery(200, '{"resultCode":0,"orderId":"O-1","transId":9007199254740991}');
  assert.equal(ok.transId, Number.MAX_SAFE_INTEGER);
});

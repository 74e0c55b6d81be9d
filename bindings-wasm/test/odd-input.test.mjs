// Odd JS input gets the answer every host gives (issue 18, item 4): a
// lone surrogate is refused, not turned into U+FFFD; a BigInt is exact
// within i64 and past it gets the error the core gives JSON integer text
// that large; a status that is not an HTTP status is INVALID_INPUT.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as momo from 'momo-core';
import { assertMomoError } from './vectors.mjs';

const client = new momo.MomoClient({ partnerCode: 'MOMO', accessKey: 'A', secretKey: 'S' });
const refund = (fields) => client.refund({ requestId: 'r', orderId: 'R1', transId: 1, amount: 20000, ...fields });
const LONE = /lone surrogate/;

test('a lone surrogate in a field, a nested field or a key is INVALID_INPUT at its path', () => {
  for (const s of ['a\ud800b', '\udfff', `${'x'.repeat(80)}\udbff`]) {
    const e = assertMomoError(momo, s, { code: 'INVALID_INPUT', field: 'orderId' }, () => client.query({ orderId: s }));
    assert.match(e.detail, LONE);
    assertMomoError(momo, s, { code: 'INVALID_INPUT', field: 'description' }, () => refund({ description: s }));
    assertMomoError(momo, s, { code: 'INVALID_INPUT', field: 'items[0].name' }, () =>
      client.tokenizationPay({
        orderId: 'O', token: 't', amount: 20000, orderInfo: 'x', requestTime: 1,
        items: [{ id: 'i', name: s, price: 20000, quantity: 1 }],
      }));
    assertMomoError(momo, s, { code: 'INVALID_INPUT', field: 'extraData.note' }, () =>
      momo.encodeExtraDataValue({ note: s }));
  }
  assertMomoError(momo, 'key', { code: 'INVALID_INPUT', field: 'extraData.k\ufffd' }, () =>
    momo.encodeExtraDataValue({ 'k\ud800': 1 }));
  assertMomoError(momo, 'key', { code: 'INVALID_INPUT', field: 'k\ufffd' }, () =>
    client.query({ orderId: 'O', 'k\ud800': 1 }));
  // A well-formed pair is text like any other.
  assert.match(refund({ description: 'Hoàn tiền ☕😀' }).body, /"description":"Hoàn tiền ☕😀"/);
});

test('a lone surrogate in a whole-text argument is INVALID_INPUT "body"', () => {
  const body = '{"resultCode":0,"message":"\ud800"}';
  for (const parse of [momo.parseQuery, momo.parseConfirm, momo.parseRefund, momo.parseTokenizationPay]) {
    const e = assertMomoError(momo, parse.name, { code: 'INVALID_INPUT', field: 'body' }, () => parse(200, body));
    assert.match(e.detail, LONE);
  }
  assertMomoError(momo, 'parseLogin', { code: 'INVALID_INPUT', field: 'body' }, () => momo.parseLogin(200, body, 0));
  assertMomoError(momo, 'verifyIpn', { code: 'INVALID_INPUT', field: 'body' }, () => client.verifyIpn(body));
  assertMomoError(momo, 'encodeExtraData', { code: 'INVALID_INPUT', field: 'extraData' }, () =>
    momo.encodeExtraData('{"a":"\udc00"}'));
});

test('BigInt: exact within i64; past it, the error the core gives a JSON integer that large', () => {
  assert.match(refund({ amount: 20000n }).body, /"amount":20000,/);
  assert.match(refund({ transId: 2n ** 53n + 1n }).body, /"transId":9007199254740993,/);
  assert.match(refund({ transId: 2n ** 63n - 1n }).body, /"transId":9223372036854775807,/);
  for (const big of [2n ** 63n, 2n ** 64n - 1n, 2n ** 64n, -(2n ** 63n) - 1n, 3n ** 100n]) {
    assertMomoError(momo, `amount ${big}`, { code: 'INVALID_AMOUNT', field: 'amount' }, () => refund({ amount: big }));
    assertMomoError(momo, `transId ${big}`, { code: 'INVALID_INPUT', field: 'transId' }, () => refund({ transId: big }));
  }
});

test('a status that is not an HTTP status number is INVALID_INPUT "status"', () => {
  for (const status of ['200', -1, 70000, 1.5, NaN, Infinity, null, undefined, true, {}, [200], 2n ** 70n]) {
    assertMomoError(momo, String(status), { code: 'INVALID_INPUT', field: 'status' }, () => momo.parseQuery(status, '{}'));
    assertMomoError(momo, String(status), { code: 'INVALID_INPUT', field: 'status' }, () =>
      momo.parseLogin(status, '{}', 0));
  }
});

test('nesting past the core\'s MAX_DEPTH (128) and cycles are INVALID_INPUT, not a stack overflow', () => {
  const nested = (n) => {
    let v = [];
    for (let i = 1; i < n; i += 1) v = [v];
    return v;
  };
  assert.equal(typeof momo.encodeExtraDataValue({ a: nested(127) }), 'string');
  assertMomoError(momo, 'nested 128 under a key', { code: 'INVALID_INPUT', field: `extraData.a${'[0]'.repeat(127)}` }, () =>
    momo.encodeExtraDataValue({ a: nested(128) }));
  const list = [];
  list.push(list);
  const dict = { orderId: 'O' };
  dict.self = dict;
  for (const [what, cyclic, path] of [['list', { a: list }, /^extraData\.a(\[0\])+$/], ['dict', dict, /^extraData(\.self)+$/]]) {
    assert.throws(() => momo.encodeExtraDataValue(cyclic), (e) => e instanceof momo.MomoValidationError
      && e.code === 'INVALID_INPUT' && path.test(e.field) && /nested more than 128 levels/.test(e.detail), what);
  }
});

// tests/vectors/checkout.json (from the independent Python reference)
// through the npm package: the one-time payment (create bodies byte for
// byte, HMAC recomputed with node:crypto; create errors; parse answers),
// the redirect in each shape verifyRedirect takes, and the payment tracker
// step by step, through its events and across its stored form.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import * as momo from 'momo-core';
import { load, assertSubset, assertMomoError } from './vectors.mjs';

const { MomoClient, PaymentTracker } = momo;
const file = load('checkout.json');
const client = new MomoClient(file.config);
const hmacHex = (key, text) => crypto.createHmac('sha256', key).update(text, 'utf8').digest('hex');

test('checkout.json has every section this file runs', () => {
  for (const section of ['create', 'createErrors', 'parse', 'redirect', 'redirectParams', 'tracker', 'trackerRestoreErrors']) {
    assert.ok(Array.isArray(file[section]) && file[section].length > 0, section);
  }
});

test('create vectors: body and raw string byte for byte; signature by node:crypto', () => {
  for (const v of file.create) {
    const req = client.createPayment(v.input);
    const exp = v.expected;
    assert.equal(req.body, exp.body, `${v.id}: body`);
    assert.equal(req.signatureRaw, exp.signatureRaw, `${v.id}: raw`);
    const sent = JSON.parse(req.body).signature;
    assert.equal(sent, hmacHex(file.config.secretKey, exp.signatureRaw), `${v.id}: node:crypto HMAC`);
    assert.equal(sent, exp.signature, `${v.id}: reference signature`);
    assert.equal(req.method, exp.method, v.id);
    assert.equal(req.url, exp.url, v.id);
    assert.deepEqual(req.headers, exp.headers, v.id);
    assert.equal(req.timeoutMs, exp.timeoutMs, v.id);
    assert.equal(req.requestId, exp.requestId, v.id);
  }
});

test('create error vectors: code, field and MomoError subclass', () => {
  for (const v of file.createErrors) {
    assertMomoError(momo, v.id, v.error, () => client.createPayment(v.input));
  }
});

test('parse vectors: parseCreatePayment answers and errors', () => {
  for (const v of file.parse) {
    if (v.expected) {
      assertSubset(v.id, v.expected, momo.parseCreatePayment(v.status, v.body));
    } else {
      assertMomoError(momo, v.id, v.error, () => momo.parseCreatePayment(v.status, v.body));
    }
  }
});

/** Runs `verify` on a redirect vector: the expected fields or the expected error. */
function expectRedirect(v, how, verify) {
  const id = `${v.id} (${how})`;
  if (v.expected) {
    assertSubset(id, v.expected, verify());
  } else {
    assertMomoError(momo, id, v.error, verify);
  }
}

test('redirect vectors: the raw query string, with and without "?"', () => {
  for (const v of file.redirect) {
    expectRedirect(v, 'text', () => client.verifyRedirect(v.query));
    const bare = v.query.startsWith('?') ? v.query.slice(1) : `?${v.query}`;
    expectRedirect(v, 'text, ? toggled', () => client.verifyRedirect(bare));
  }
});

test('redirect vectors: a whole URL, as text (web link, app link, req.url path) and as a URL', () => {
  const query = (v) => (v.query.startsWith('?') ? v.query.slice(1) : v.query);
  let asUrl = 0;
  for (const v of file.redirect) {
    const web = `https://pos.example.vn/paid?${query(v)}#receipt`;
    expectRedirect(v, 'URL text', () => client.verifyRedirect(web));
    expectRedirect(v, 'app link', () => client.verifyRedirect(`myshop://paid?${query(v)}`));
    expectRedirect(v, 'req.url path', () => client.verifyRedirect(`/paid?${query(v)}`));
    // WHATWG URL re-encodes some bytes of a query (never a valid escape):
    // the vectors whose query it keeps as is must answer the same.
    const url = new URL(web);
    if (url.search === `?${query(v)}`) {
      expectRedirect(v, 'URL', () => client.verifyRedirect(url));
      asUrl += 1;
    }
  }
  assert.ok(asUrl >= file.redirect.length - 2, `only ${asUrl} vectors ran as a URL`);
});

test('redirect: what URLSearchParams decoded verifies the same as the text', () => {
  let compared = 0;
  for (const v of file.redirect.filter((r) => r.expected)) {
    expectRedirect(v, 'URLSearchParams', () => client.verifyRedirect(new URLSearchParams(v.query)));
    compared += 1;
  }
  assert.ok(compared >= 5);
});

test('redirectParams vectors: as URLSearchParams and as a plain object (req.query)', () => {
  for (const v of file.redirectParams) {
    expectRedirect(v, 'URLSearchParams', () => client.verifyRedirect(new URLSearchParams(v.params)));
    const object = {};
    for (const [name, value] of v.params) {
      if (name in object) object[name] = [].concat(object[name], value);
      else object[name] = value;
    }
    expectRedirect(v, 'object', () => client.verifyRedirect(object));
  }
});

test('verifyRedirect refuses other shapes with INVALID_INPUT, from the core', () => {
  for (const [value, field] of [
    [42, 'query'], [null, 'query'], [undefined, 'query'], [['a', 'b'], 'query'],
    [{ amount: 150000 }, 'params[0][1]'], [{ orderId: ['a', 7] }, 'params[1][1]'],
  ]) {
    assertMomoError(momo, String(value), { code: 'INVALID_INPUT', field }, () => client.verifyRedirect(value));
  }
  // A URL without a query has none of the signed fields.
  assertMomoError(momo, 'no query', { code: 'REQUIRED', field: 'signature' },
    () => client.verifyRedirect('https://pos.example.vn/paid'));
});

// ---------------------------------------------------------------- tracker

const PARSER_OF = {
  createAnswered: momo.parseCreatePayment,
  payAnswered: momo.parseTokenizationPay,
  refundAnswered: momo.parseRefund,
  queryAnswered: momo.parseQuery,
  confirmAnswered: momo.parseConfirm,
};

/**
 * The event's outcome as a host gets it: its answer parsed at its HTTP
 * status, a notification's code, or a transport timeout when it has no
 * resultCode.
 */
function outcomeOf(event) {
  if (!('resultCode' in event)) return momo.transportTimeoutOutcome();
  if (event.event === 'notified') return momo.outcomeOfPayment(event.resultCode);
  const body = JSON.stringify({ resultCode: event.resultCode, message: '' });
  return PARSER_OF[event.event](event.httpStatus ?? 200, body).outcome;
}

/** One vector event, through the tracker method of its name. */
function feed(tracker, event) {
  const now = event.nowMs;
  switch (event.event) {
    case 'tick':
      return tracker.tick(now);
    case 'transportTimeout':
      return tracker.transportTimeout(now);
    case 'notified':
      return tracker.notified({ transId: event.transId ?? null, outcome: outcomeOf(event) }, now);
    case 'confirmAnswered':
      return tracker.confirmAnswered(event.requestType, outcomeOf(event), now);
    default:
      return tracker[event.event](outcomeOf(event), now);
  }
}

test('tracker vectors step by step: each step, next and the events emitted', () => {
  for (const v of file.tracker) {
    const tracker = new PaymentTracker(v.operation, v.expiresAtMs);
    assert.ok(tracker instanceof EventEmitter);
    assert.deepEqual([tracker.operation, tracker.expiresAtMs, tracker.queries], [v.operation, v.expiresAtMs, 0]);
    assert.equal(v.events.length, v.expected.length, v.id);
    const emitted = [];
    tracker.on('step', (step) => emitted.push(['step', step]));
    for (const name of ['waitUntil', 'queryNow', 'confirm', 'final']) {
      tracker.on(name, (next, step) => {
        assert.equal(next.step, name);
        assert.deepEqual(next, step.next);
        emitted.push([name, step]);
      });
    }
    v.events.forEach((event, i) => {
      emitted.length = 0;
      const step = feed(tracker, event);
      const want = v.expected[i];
      assert.deepEqual(step, want, `${v.id}: event ${i} (${event.event})`);
      assert.deepEqual(tracker.next, want.next, `${v.id}: next after event ${i}`);
      const names = emitted.map(([name]) => name);
      assert.deepEqual(names, want.duplicate ? ['step'] : ['step', want.next.step], `${v.id}: events of ${i}`);
      for (const [, got] of emitted) assert.deepEqual(got, want);
    });
  }
});

test('tracker vectors resume from the stored form between every two events', () => {
  for (const v of file.tracker) {
    let tracker = new PaymentTracker(v.operation, v.expiresAtMs);
    v.events.forEach((event, i) => {
      const text = JSON.stringify(tracker);
      tracker = i % 2 === 0 ? PaymentTracker.fromJSON(JSON.parse(text)) : PaymentTracker.fromJSON(text);
      assert.deepEqual(feed(tracker, event), v.expected[i], `${v.id}: event ${i} after a round trip`);
    });
  }
});

test('tracker stored form is the core serialization, and a copy', () => {
  const t = new PaymentTracker('create', 1765091400000);
  t.notified({ transId: 9, outcome: momo.outcomeOfPayment(1000) }, 1765090800000);
  const stored = t.toJSON();
  assert.equal(stored.operation, 'create');
  assert.equal(stored.expiresAtMs, 1765091400000);
  assert.deepEqual(stored.next, { step: 'waitUntil', atMs: 1765090810000 });
  stored.next = { step: 'final', state: 'paid', reason: 'succeeded', resultCode: 0 };
  const next = t.next;
  next.atMs = 0;
  assert.deepEqual(t.next, { step: 'waitUntil', atMs: 1765090810000 }, 'toJSON and next are copies');
  assert.deepEqual(PaymentTracker.fromJSON(JSON.stringify(t)).toJSON(), t.toJSON());
});

test('a refused event or stored form is a MomoError and changes nothing', () => {
  const t = new PaymentTracker('pay', 1765091400000);
  const before = JSON.stringify(t);
  let steps = 0;
  t.on('step', () => { steps += 1; });
  for (const [bad, code, field] of [
    [() => t.tick(-1), 'INVALID_INPUT', 'nowMs'],
    [() => t.tick('soon'), 'INVALID_INPUT', 'nowMs'],
    [() => t.queryAnswered({ class: 'PAID', needsQuery: false }, 1), 'INVALID_ENUM', 'outcome.class'],
    [() => t.queryAnswered(undefined, 1), 'REQUIRED', 'outcome'],
    [() => t.confirmAnswered('capturez', momo.outcomeOfPayment(0), 1), 'INVALID_ENUM', 'requestType'],
    [() => t.notified({ transId: 1 }, 1), 'REQUIRED', 'notification.outcome'],
  ]) {
    assertMomoError(momo, String(bad), { code, field }, bad);
  }
  assert.equal(JSON.stringify(t), before);
  assert.equal(steps, 0);
  for (const stored of ['{', '{"operation":"create"}', { ...JSON.parse(before), operation: 'gift' }, 7]) {
    assert.throws(() => PaymentTracker.fromJSON(stored), momo.MomoValidationError, String(stored));
  }
  assert.throws(() => new PaymentTracker('gift', 1), (e) => e.code === 'INVALID_ENUM' || e.code === 'INVALID_INPUT');
});

test('trackerRestoreErrors vectors: the text and its parsed value refused alike', () => {
  for (const v of file.trackerRestoreErrors) {
    assertMomoError(momo, `${v.id} (text)`, v.error, () => PaymentTracker.fromJSON(v.stored));
    let parsed;
    try {
      parsed = JSON.parse(v.stored);
    } catch {
      continue; // not JSON: only the text form can be tried
    }
    assertMomoError(momo, `${v.id} (value)`, v.error, () => PaymentTracker.fromJSON(parsed));
  }
});

test('orderExpiresAtMs: orderExpireTime minutes, or MoMo default', () => {
  const created = file.tracker.find((v) => v.operation === 'create');
  assert.equal(momo.orderExpiresAtMs(1_000, 5), 301_000);
  assert.equal(momo.orderExpiresAtMs(1_000), 901_000);
  assert.equal(momo.orderExpiresAtMs(1_000, null), 901_000);
  assert.equal(momo.orderExpiresAtMs(created.events[0].nowMs, 10), created.expiresAtMs);
});

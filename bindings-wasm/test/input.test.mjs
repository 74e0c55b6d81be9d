// How JS arguments reach the core: the wrapper's snapshot (js/index.js)
// read by serde-wasm-bindgen (src/js_input.rs). Every kind of JS value reads
// back in Rust as what it is, and what has no JSON-like form is refused
// before wasm, at its path. `_inputProbe` returns the core's exact text of
// each value it read (one line per argument): null, true, i64:5, u64:5,
// f64:<bits in hex>, str(<bytes>:<text>), [a,b], {<bytes>:<key>=value,...}.
// The expected lines are built here from the JS values, independently of
// the wrapper.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as momo from 'momo-core';

const probe = (...values) => momo._inputProbe(...values);
const utf8Length = (s) => Buffer.byteLength(s, 'utf8');
const str = (s) => `str(${utf8Length(s)}:${s})`;
const f64 = (n) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, n);
  return `f64:${view.getBigUint64(0).toString(16).padStart(16, '0')}`;
};
const invalidType = (kind) =>
  `invalid type: JS ${kind}, expected a string, number, boolean, BigInt, null, array or plain object`;

/** Runs `fn`, which must throw MomoError INVALID_INPUT at `field` with `detail`; returns the error. */
function refused(fn, field, detail) {
  let thrown = null;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof momo.MomoValidationError, `not refused: ${thrown}`);
  assert.equal(thrown.code, 'INVALID_INPUT');
  assert.equal(thrown.field, field);
  if (detail instanceof RegExp) assert.match(thrown.detail, detail);
  else assert.equal(thrown.detail, detail);
  return thrown;
}

test('scalars: null and undefined, booleans, strings', () => {
  assert.equal(probe(null, undefined, true, false), 'null\nnull\ntrue\nfalse');
  for (const s of ['', 'a', 'Cửa hàng Quận 1', '☕🧾', 'x'.repeat(64), 'y'.repeat(65), `${'é'.repeat(40)}z`]) {
    assert.equal(probe(s), str(s), s);
  }
});

test('a string or key holding a lone surrogate is refused at its path (no UTF-8 form), not read as U+FFFD', () => {
  const lone = 'contains a lone surrogate (U+D800..U+DFFF not in a pair)';
  for (const s of ['a\ud800b', '\udc00', 'x'.repeat(70) + '\ud83d', '\udc00\ud800', 'Quận\ud800']) {
    refused(() => probe(s), '', lone);
  }
  // A surrogate pair is one code point: fine, short or long.
  for (const s of ['☕🧾', '\ud83d\ude00', `${'y'.repeat(70)}😀`]) assert.equal(probe(s), str(s));
  // A key: the path shows U+FFFD where the surrogate was.
  refused(() => probe({ 'k\ud800': 1 }), 'k\ufffd', `its key ${lone}`);
  refused(() => probe([{ ok: 'a\udfffz' }]), '[0].ok', lone);
});

test('numbers: safe integers are i64, every other number crosses as the double it is', () => {
  for (const n of [0, -0, 1, -1, 20000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) {
    assert.equal(probe(n), `i64:${n === 0 ? 0 : n}`, String(n));
  }
  for (const n of [1.5, -0.1, NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53), 1e300, Number.MIN_VALUE]) {
    assert.equal(probe(n), f64(n), String(n));
  }
});

test('BigInt: exact within 64 bits, the nearest double past them', () => {
  for (const b of [0n, 20000n, -(2n ** 63n), 2n ** 63n - 1n]) assert.equal(probe(b), `i64:${b}`);
  for (const b of [2n ** 63n, 2n ** 64n - 1n]) assert.equal(probe(b), `u64:${b}`);
  for (const b of [2n ** 64n, -(2n ** 63n) - 1n, 3n ** 100n]) assert.equal(probe(b), f64(Number(b)), String(b));
});

test('arrays keep every item, holes and nulls included; objects drop null and undefined entries', () => {
  // eslint-disable-next-line no-sparse-arrays
  assert.equal(probe([1, , null, 'a', [true]]), `[i64:1,null,null,${str('a')},[true]]`);
  assert.equal(probe({ a: 1, b: null, c: undefined, d: { e: 'é' } }), `{1:a=i64:1,1:d={1:e=${str('é')}}}`);
  assert.equal(probe({}), '{}');
  const keyed = { [Symbol('s')]: 1, 'Quận': 2 };
  assert.equal(probe(keyed), `{${utf8Length('Quận')}:Quận=i64:2}`, 'symbol keys are not entries');
});

test('class instances read as their own enumerable entries; prototype getters are not entries', () => {
  class Order {
    constructor() {
      this.orderId = 'O-1';
      Object.defineProperty(this, 'hidden', { value: 1, enumerable: false });
    }
    get total() {
      return 5;
    }
  }
  assert.equal(probe(new Order()), `{7:orderId=${str('O-1')}}`);
  assert.equal(probe(Object.create({ inherited: 1 })), '{}');
});

test('values with no JSON-like form are refused before wasm, naming their kind', () => {
  refused(() => probe(() => 1), '', invalidType('function'));
  refused(() => probe(Symbol('x')), '', invalidType('symbol'));
  refused(() => probe(new Set([1])), '', invalidType('Set object'));
  refused(() => probe(new Map()), '', invalidType('Map object'));
  refused(() => probe(new Uint8Array(2)), '', invalidType('Uint8Array object'));
  refused(() => probe(Object.assign(Object.create(null), { [Symbol.iterator]: null })), '', invalidType('iterable object'));
  refused(() => probe({ f: () => 1 }), 'f', invalidType('function'));
  refused(() => probe({ a: [1, { b: new Set() }] }), 'a[1].b', invalidType('Set object'));
});

test('getters run in JS, once, before wasm; a key named __proto__ stays a key', () => {
  let reads = 0;
  const order = { orderId: 'O-1' };
  Object.defineProperty(order, 'note', { enumerable: true, get: () => { reads += 1; return 'n'; } });
  assert.equal(probe(order), `{7:orderId=${str('O-1')},4:note=${str('n')}}`);
  assert.equal(reads, 1);
  const proxy = new Proxy({ a: 1 }, { get: (t, k) => (k === 'a' ? 2 : t[k]) });
  assert.equal(probe(proxy), '{1:a=i64:2}');
  const throwing = {};
  Object.defineProperty(throwing, 'x', { enumerable: true, get: () => { throw new TypeError('getter'); } });
  assert.throws(() => probe(throwing), TypeError);
  assert.equal(probe(1), 'i64:1', 'the instance still works');
  assert.equal(probe(JSON.parse('{"__proto__":{"a":1}}')), '{9:__proto__={1:a=i64:1}}');
});

test('a cycle or nesting past 128 levels is refused at its path, not a stack overflow', () => {
  const cyclic = { orderId: 'O-1' };
  cyclic.self = cyclic;
  const e = refused(() => probe(cyclic), Array(128).fill('self').join('.'), 'nested more than 128 levels deep (a cycle?)');
  assert.equal(e.field.split('.').length, 128);
  let deep = [];
  for (let i = 0; i < 127; i += 1) deep = [deep];
  assert.equal(probe(deep), `${'['.repeat(128)}${']'.repeat(128)}`, '128 levels are fine');
  refused(() => probe([deep]), '[0]'.repeat(128), /nested more than 128 levels/);
  const err = (() => {
    try {
      return momo.encodeExtraDataValue(cyclic);
    } catch (e) {
      return e;
    }
  })();
  assert.ok(err instanceof momo.MomoError, String(err));
  assert.equal(err.code, 'INVALID_INPUT');
  assert.match(err.field, /^extraData(\.self)+$/);
});

test('several arguments cross in order; big values cross whole', () => {
  assert.equal(probe(200, '{}', 5n), `i64:200\n${str('{}')}\ni64:5`);
  const big = `${'Quận 1 '.repeat(150_000)}end`;
  assert.equal(probe(big), str(big));
  assert.equal(probe('small', 1), `${str('small')}\ni64:1`);
});

test('prepared requests read back right after wasm memory grew', () => {
  const client = new momo.MomoClient({ partnerCode: 'MOMO', accessKey: 'A', secretKey: 'S' });
  const before = client.query({ orderId: 'O-1', requestId: 'Mã-1' });
  probe('x'.repeat(40_000_000)); // the string's copy in wasm memory forces memory.grow
  const after = client.query({ orderId: 'O-1', requestId: 'Mã-1' });
  assert.deepEqual({ ...after }, { ...before });
  assert.equal(after.requestId, 'Mã-1');
  assert.equal(JSON.parse(after.body).requestId, 'Mã-1');
  assert.deepEqual(after.headers, { 'Content-Type': 'application/json; charset=UTF-8' });
});

test('a model is read from all of an object\'s entries, and only from an object', () => {
  const client = new momo.MomoClient({ partnerCode: 'MOMO', accessKey: 'A', secretKey: 'S' });
  // serde-wasm-bindgen alone asks an object only for the struct's fields:
  // src/js_input.rs reads every entry, so an unknown key is refused at any depth.
  refused(() => client.query({ orderId: 'O', amout: 1 }), 'amout', 'is not a known field');
  const pay = { orderId: 'O', token: 't', amount: 20000, orderInfo: 'x', requestTime: 1 };
  refused(() => client.tokenizationPay({ ...pay, items: [{ id: 'i', name: 'n', price: 20000, quantity: 1, colour: 'red' }] }),
    'items[0].colour', 'is not a known field');
  // An array is not a struct's fields in order; a number is no struct.
  for (const value of [[], ['O'], [['orderId', 'O']]]) {
    refused(() => client.query(value), '', /^invalid type: sequence, expected struct/);
  }
  refused(() => client.query(5), '', /^invalid type: integer `5`, expected struct/);
});

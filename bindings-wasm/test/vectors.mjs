// Shared helpers of the Node tests: the vectors in tests/vectors/ (written
// by an independent Python reference) and a dispatcher from a vector's
// operation name to the package's API.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');

/** Parses tests/vectors/<name>. */
export function load(name) {
  return JSON.parse(readFileSync(path.join(repoRoot, 'tests/vectors', name), 'utf8'));
}

/** Reads a file under the repository root. */
export function readRepoFile(rel) {
  return readFileSync(path.join(repoRoot, rel), 'utf8');
}

/** Calls one request-building operation of `client` by its vector name. */
export function prepare(momo, client, op, input) {
  switch (op) {
    case 'tokenizationCreate':
    case 'tokenizationPay':
    case 'query':
    case 'confirm':
    case 'refund':
    case 'giftCreate':
    case 'giftStatus':
    case 'giftGetTrans':
      return client[op](input);
    case 'login':
      return client.login();
    case 'redeemStatus': {
      const token = new momo.AccessToken(input.accessToken.token, input.accessToken.expiresAtMs);
      return client.redeemStatus(input.request, token, input.nowMs);
    }
    default:
      throw new Error(`unknown operation ${op}`);
  }
}

/** Calls one parser by its vector name; the result as plain JSON data. */
export function parse(momo, op, status, body, nowMs) {
  if (op === 'parseLogin') {
    const token = momo.parseLogin(status, body, nowMs);
    return { accessToken: token.expose(), expiresAtMs: token.expiresAtMs };
  }
  const fn = momo[op];
  if (typeof fn !== 'function') throw new Error(`unknown parser ${op}`);
  return fn(status, body);
}

/** Every key of `expected` equals the same key of `actual`, recursively. */
export function assertSubset(id, expected, actual, where = '') {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    assert.ok(actual !== null && typeof actual === 'object', `${id}: ${where} is not an object`);
    for (const [k, v] of Object.entries(expected)) {
      assertSubset(id, v, actual[k] ?? null, `${where}.${k}`);
    }
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${id}: ${where} is not an array`);
    assert.equal(actual.length, expected.length, `${id}: length of ${where}`);
    expected.forEach((v, i) => assertSubset(id, v, actual[i], `${where}[${i}]`));
  } else {
    assert.deepEqual(actual, expected, `${id}: ${where}`);
  }
}

/** The kind of each error code, as tests/vectors/errors.json states it. */
export const KIND_OF = new Map(load('errors.json').codes.map((c) => [c.code, c.kind]));

/** The package's class of each kind (its one choice; the kinds are the core's). */
export const CLASS_OF_KIND = {
  VALIDATION: 'MomoValidationError',
  CONFIG: 'MomoConfigError',
  SIGNATURE: 'MomoSignatureError',
  RESPONSE: 'MomoResponseError',
  TOKEN_EXPIRED: 'MomoTokenExpiredError',
  INTERNAL: 'MomoInternalError',
};

/**
 * Runs `fn`, which must throw a MomoError with the expected code and field,
 * of exactly the subclass of that code's kind; returns the error.
 */
export function assertMomoError(momo, id, expected, fn) {
  let thrown;
  try {
    const out = fn();
    assert.fail(`${id}: expected ${expected.code}, got ${JSON.stringify(out)}`);
  } catch (e) {
    thrown = e;
  }
  if (thrown instanceof assert.AssertionError) throw thrown;
  assert.ok(thrown instanceof momo.MomoError, `${id}: not a MomoError: ${thrown}`);
  assert.ok(thrown instanceof Error, `${id}: MomoError is an Error`);
  assert.equal(thrown.code, expected.code, `${id}: ${thrown.message}`);
  assert.equal(thrown.field, expected.field, `${id}: ${thrown.message}`);
  const kind = KIND_OF.get(thrown.code);
  assert.equal(thrown.kind, kind, `${id}: kind of ${thrown.code}`);
  const className = CLASS_OF_KIND[kind];
  assert.equal(Object.getPrototypeOf(thrown), momo[className].prototype, `${id}: ${thrown.code} is a ${className}`);
  assert.equal(thrown.name, className, `${id}: name`);
  return thrown;
}

/**
 * Decrypts an RSA PKCS#1 v1.5 ciphertext with node:crypto:
 * `crypto.privateDecrypt` with RSA_PKCS1_PADDING (Node 18.19+/20.11+ refuse
 * it for private decryption unless started with
 * `--security-revert=CVE-2023-46809`, which test.sh passes there: the keys
 * are test-only; Node 22+ allow it, by OpenSSL's implicit rejection), and
 * independently a raw RSA_NO_PADDING decryption whose
 * EME-PKCS1-v1_5 block (00 02 PS 00 M, PS >= 8 nonzero bytes) is checked
 * here byte by byte. Both must give the same plaintext.
 */
export function pkcs1Decrypt(privateKeyPem, ciphertext) {
  const em = crypto.privateDecrypt({ key: privateKeyPem, padding: crypto.constants.RSA_NO_PADDING }, ciphertext);
  assert.equal(em.length, ciphertext.length, 'one block');
  assert.equal(em[0], 0x00, 'EM[0] is 0x00');
  assert.equal(em[1], 0x02, 'EM[1] is 0x02 (encryption block)');
  const sep = em.indexOf(0x00, 2);
  assert.ok(sep >= 10, `padding string has at least 8 nonzero bytes (separator at ${sep})`);
  const unpadded = em.subarray(sep + 1);
  let viaPkcs1;
  try {
    viaPkcs1 = crypto.privateDecrypt({ key: privateKeyPem, padding: crypto.constants.RSA_PKCS1_PADDING }, ciphertext);
  } catch (e) {
    if (!String(e.message).includes('CVE-2023-46809')) throw e;
    // Started without --security-revert: the raw check above stands alone.
    return Buffer.from(unpadded);
  }
  assert.deepEqual(Buffer.from(viaPkcs1), Buffer.from(unpadded), 'RSA_PKCS1_PADDING and the raw block agree');
  return viaPkcs1;
}

/**
 * A vector's input with its markers replaced by JS values: objects with
 * exactly one key starting with "$" (tests/vectors/hostile.json):
 * {"$loneSurrogate": "a?b"} -> 'a\uD800b' (each "?"), {"$float": 5000} ->
 * 5000, {"$bigint": "20000"} -> 20000n, {"$nested": N} -> an array nested
 * N deep (innermost []), {"$cycle": "list" | "dict"} -> a self-containing
 * array or object.
 */
export function hostValue(value) {
  if (Array.isArray(value)) return value.map(hostValue);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0].startsWith('$')) {
    const arg = value[keys[0]];
    switch (keys[0]) {
      case '$loneSurrogate':
        return arg.replaceAll('?', '\uD800');
      case '$float':
        return Number(arg);
      case '$bigint':
        return BigInt(arg);
      case '$nested': {
        let nested = [];
        for (let i = 1; i < arg; i += 1) nested = [nested];
        return nested;
      }
      case '$cycle': {
        if (arg === 'list') {
          const list = [];
          list.push(list);
          return list;
        }
        if (arg === 'dict') {
          const dict = {};
          dict.self = dict;
          return dict;
        }
        throw new Error(`unknown $cycle ${arg}`);
      }
      default:
        throw new Error(`unknown marker ${keys[0]}`);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, hostValue(value[k])]));
}

/** Whether a shared vector runs on Node ("hosts" absent: every host). */
export const forNode = (v) => v.hosts === undefined || v.hosts.includes('node');

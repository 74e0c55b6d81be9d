'use strict';
// How values cross between JS and the wasm core, both ways, in bulk:
//
// - encode(...values) writes a call's arguments into one byte string that
//   the core's reader (src/input_frame.rs, whose module docs give the
//   format) turns into its Value tree. The core, not this file, judges
//   what a value means: NaN, Infinity, 2^53 and BigInt all cross as the
//   numbers they are. What has no form in the core's tree crosses as
//   "unsupported" with the reason (a function, a cycle, a string holding a
//   lone surrogate, which UTF-8 cannot carry), for the core to refuse at
//   its path.
// - readPrepared(ptr, make, wipe) reads the frame a request-building call
//   left in wasm memory (src/output_frame.rs gives the layout): one string
//   decode for the ASCII text, one for any other, then substring per field;
//   a frame flagged as holding a secret is wiped once read.
//
// Nothing here knows a MoMo field or rule.

const TAG_NULL = 0;
const TAG_FALSE = 1;
const TAG_TRUE = 2;
const TAG_NUMBER = 3;
const TAG_STRING = 4;
const TAG_ARRAY = 5;
const TAG_OBJECT = 6;
const TAG_BIGINT = 7;
const TAG_UNSUPPORTED = 8;

/**
 * Nesting deeper than this is refused (a cycle, most likely): the core's
 * momo_core::value::MAX_DEPTH, given by useLimits().
 */
let MAX_DEPTH = 128;
/** Strings up to this length are copied by a JS loop (faster than a native call when ASCII). */
const SHORT_STRING = 64;

/**
 * A string with a UTF-16 surrogate not in a pair has no UTF-8 form (TextEncoder
 * would put U+FFFD in its place). String.prototype.isWellFormed is Node 20+;
 * with the u flag, the class matches a surrogate only when it is not half of
 * a pair.
 */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const isWellFormed = typeof String.prototype.isWellFormed === 'function'
  ? (s) => s.isWellFormed()
  : (s) => !LONE_SURROGATE.test(s);
const LONE_SURROGATE_WHY = 'contains a lone surrogate (U+D800..U+DFFF not in a pair)';

/** The BigInts that cross exactly (i64 and u64). */
const I64_MIN = -(2n ** 63n);
const U64_MAX = 2n ** 64n - 1n;

const utf8 = new TextEncoder();

let buf = new Uint8Array(4096);
let view = new DataView(buf.buffer);
let pos = 0;

/** Makes room for `n` more bytes. */
function reserve(n) {
  if (pos + n <= buf.length) return;
  let size = buf.length * 2;
  while (size < pos + n) size *= 2;
  const next = new Uint8Array(size);
  next.set(buf.subarray(0, pos));
  buf = next;
  view = new DataView(buf.buffer);
}

/** A u32 byte length, then the UTF-8 of `s` (well-formed: see writeValue and writeObject). */
function writeString(s) {
  const n = s.length;
  reserve(4 + 3 * n);
  const start = pos + 4;
  let p = start;
  if (n <= SHORT_STRING) {
    let i = 0;
    for (; i < n; i += 1) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) break;
      buf[p] = c;
      p += 1;
    }
    if (i < n) p += utf8.encodeInto(i === 0 ? s : s.slice(i), buf.subarray(p)).written;
  } else {
    p += utf8.encodeInto(s, buf.subarray(start)).written;
  }
  view.setUint32(pos, p - start, true);
  pos = p;
}

function writeTag(tag) {
  reserve(1);
  buf[pos] = tag;
  pos += 1;
}

/** A tag and a u32 count; returns where the count is, for objects to patch. */
function writeHead(tag, count) {
  reserve(5);
  buf[pos] = tag;
  view.setUint32(pos + 1, count, true);
  pos += 5;
  return pos - 4;
}

function writeValue(v, depth) {
  switch (typeof v) {
    case 'string':
      if (isWellFormed(v)) {
        writeTag(TAG_STRING);
        writeString(v);
      } else {
        writeUnsupported(LONE_SURROGATE_WHY);
      }
      return;
    case 'number':
      reserve(9);
      buf[pos] = TAG_NUMBER;
      view.setFloat64(pos + 1, v, true);
      pos += 9;
      return;
    case 'boolean':
      writeTag(v ? TAG_TRUE : TAG_FALSE);
      return;
    case 'undefined':
      writeTag(TAG_NULL);
      return;
    case 'bigint':
      if (v >= I64_MIN && v <= U64_MAX) {
        writeTag(TAG_BIGINT);
        writeString(v.toString());
      } else {
        writeValue(Number(v), depth); // past 64 bits: the nearest double, an unsafe integer to the core
      }
      return;
    case 'object':
      if (v === null) {
        writeTag(TAG_NULL);
      } else if (depth >= MAX_DEPTH) {
        writeUnsupported(`nested more than ${MAX_DEPTH} levels deep (a cycle?)`);
      } else if (Array.isArray(v)) {
        writeHead(TAG_ARRAY, v.length);
        for (let i = 0; i < v.length; i += 1) writeValue(v[i], depth + 1);
      } else if (Symbol.iterator in v) {
        writeUnsupported(invalidType(v));
      } else {
        writeObject(v, depth);
      }
      return;
    default: // function, symbol
      writeUnsupported(invalidType(v));
  }
}

/**
 * Own enumerable string-keyed entries, in order, leaving out null and
 * undefined values. A key holding a lone surrogate crosses with U+FFFD in
 * its place (the path the error names) and an unsupported value.
 */
function writeObject(o, depth) {
  const keys = Object.keys(o);
  const countAt = writeHead(TAG_OBJECT, 0);
  let count = 0;
  for (let i = 0; i < keys.length; i += 1) {
    const value = o[keys[i]];
    if (value === null || value === undefined) continue;
    writeString(keys[i]);
    if (isWellFormed(keys[i])) {
      writeValue(value, depth + 1);
    } else {
      writeUnsupported(`its key ${LONE_SURROGATE_WHY}`);
    }
    count += 1;
  }
  view.setUint32(countAt, count, true);
}

function writeUnsupported(why) {
  writeTag(TAG_UNSUPPORTED);
  writeString(why);
}

/** Why a value has no JSON-like form, naming its JS kind. */
function invalidType(v) {
  return `invalid type: JS ${kind(v)}, expected a string, number, boolean, BigInt, null, array or plain object`;
}

function kind(v) {
  if (typeof v !== 'object') return typeof v;
  try {
    const name = v.constructor && v.constructor.name;
    if (typeof name === 'string' && name !== '') return `${name} object`;
  } catch {
    // a throwing getter or proxy: fall through
  }
  return 'iterable object';
}

/**
 * Encodes the arguments of one wasm call. The bytes are a view of a shared
 * buffer: pass them to wasm before encoding again.
 */
function encode(...values) {
  pos = 0;
  for (let i = 0; i < values.length; i += 1) writeValue(values[i], 0);
  return buf.subarray(0, pos);
}

/** encode() of a single value, without the rest-argument array. */
function encodeOne(value) {
  pos = 0;
  writeValue(value, 0);
  return buf.subarray(0, pos);
}

/**
 * encode() into bytes of their own, and the shared buffer zeroed: for an
 * argument the package keeps to pass again later (a client's configuration,
 * a token, to rebuild them on a new instance). Each use passes a copy
 * (`kept.slice()`), which the core zeroes once read when it holds a secret.
 */
function encodeKept(...values) {
  encode(...values);
  const kept = buf.slice(0, pos);
  buf.fill(0, 0, pos);
  return kept;
}

// ------------------------------------------------------------ prepared requests

const SENSITIVE_BODY = 1;
const HAS_SIGNATURE_RAW = 2;
const HOLDS_SECRET = 4;
const IN_UTF16 = 0x80000000;
const NO_SECRET_HEADERS = Object.freeze([]);

let memory = null;
let bytes = null;
let words = null;

/** The core's depth limit (momo_core::value::MAX_DEPTH), read once from the wasm side. */
function useLimits(maxDepth) {
  MAX_DEPTH = maxDepth;
}

/** Gives the module the wasm memory that frames are read from (again after a new instance). */
function useMemory(wasmMemory) {
  memory = wasmMemory;
  viewMemory();
}

function viewMemory() {
  bytes = Buffer.from(memory.buffer);
  words = new DataView(memory.buffer);
}

/**
 * The prepared request of the frame at `ptr` in wasm memory, built by
 * `make(method, url, headers, body, timeoutMs, requestId, signatureRaw,
 * sensitiveBody, secretHeaders)`: the fields go straight to the caller's
 * constructor, with no object in between. `secretHeaders` names the
 * headers whose values the core marks as secret (an Authorization).
 * `wipe()` is called once the frame is read when it holds a secret (a
 * login body, a bearer token).
 */
function readPrepared(ptr, make, wipe) {
  if (bytes.buffer !== memory.buffer) viewMemory(); // memory grew
  const flags = bytes[ptr];
  const headerCount = bytes[ptr + 1];
  const secretMask = bytes[ptr + 2];
  const timeoutMs = words.getUint32(ptr + 4, true);
  const count = words.getUint32(ptr + 8, true);
  const asciiLength = words.getUint32(ptr + 12, true);
  const wideUnits = words.getUint32(ptr + 16, true);
  const asciiAt = ptr + 20 + 4 * count;
  const wideAt = (asciiAt + asciiLength + 1) & ~1;
  const ascii = bytes.latin1Slice(asciiAt, asciiAt + asciiLength);
  const wide = wideUnits === 0 ? '' : bytes.ucs2Slice(wideAt, wideAt + 2 * wideUnits);
  const strings = new Array(count);
  let at = ptr + 20;
  let asciiStart = 0;
  let wideStart = 0;
  for (let i = 0; i < count; i += 1) {
    const end = words.getUint32(at, true);
    at += 4;
    if (end & IN_UTF16) {
      const stop = end & ~IN_UTF16;
      strings[i] = wide.substring(wideStart, stop);
      wideStart = stop;
    } else {
      strings[i] = ascii.substring(asciiStart, end);
      asciiStart = end;
    }
  }
  const headers = {};
  let secretHeaders = NO_SECRET_HEADERS;
  for (let i = 0; i < headerCount; i += 1) {
    const name = strings[2 + 2 * i];
    headers[name] = strings[3 + 2 * i];
    if (secretMask & (1 << i)) secretHeaders = [...secretHeaders, name];
  }
  const rest = 2 + 2 * headerCount;
  const request = make(
    strings[0],
    strings[1],
    headers,
    strings[rest],
    timeoutMs,
    strings[rest + 1],
    flags & HAS_SIGNATURE_RAW ? strings[rest + 2] : null,
    (flags & SENSITIVE_BODY) !== 0,
    secretHeaders,
  );
  if (flags & HOLDS_SECRET) wipe();
  return request;
}

/** @internal A copy of the encoding buffer, for the tests that check secrets leave no trace there. */
function scratchCopy() {
  return Buffer.from(buf);
}

/** @internal The live instance's memory, for the tests that check secrets leave no trace there. */
function memoryBytes() {
  return Buffer.from(memory.buffer);
}

module.exports = {
  encode, encodeOne, encodeKept, useLimits, useMemory, readPrepared, scratchCopy, memoryBytes,
};

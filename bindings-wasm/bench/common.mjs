// What bench.mjs and stages.mjs share: the client configuration, the two
// requests, their hand-written node:crypto implementations and the timing
// loop. Figures only, never assertions.
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const here = path.dirname(fileURLToPath(import.meta.url));

const rsa = JSON.parse(readFileSync(path.join(here, '../../tests/vectors/rsa.json'), 'utf8'));
const rsa2048 = rsa.keys.find((k) => k.bits === 2048);
/** The test key pair's private half, to check the pay token. */
export const privateKeyPem = rsa2048.privateKeyPem;

/** The client configuration both sides use. */
export const cfg = {
  partnerCode: 'MOMO',
  accessKey: 'F8BBA842ECF85',
  secretKey: 'K951B6PE1waDMi640xX08PD3vg6EkVlz',
  publicKey: rsa2048.publicKeys.spkiPem,
};

/** A tokenization/create, with a Vietnamese store name. */
export const create = {
  requestId: 'req-0002',
  orderId: 'POS42.2026-11-22_0001',
  referenceCode: '9876543210123456789',
  subPartnerCode: '',
  storeId: 'Cửa hàng Quận 1',
  requestTime: 1763798400000,
  lang: 'en',
};

/** A tokenization/pay. */
export const pay = {
  requestId: 'req-pay-1',
  orderId: 'POS42-0002',
  token: 'sa5s4a54s5a4s5a4s5',
  amount: 50000,
  orderInfo: 'Cà phê sữa',
  partnerClientId: '',
  requestTime: 1763798400000,
  extraData: '',
  lang: 'vi',
};

// ------------------------------------------------------------ hand-written
// The same requests with node:crypto and string building only (no
// validation beyond what the format needs), as a user would write them.
const GATEWAY = 'https://test-payment.momo.vn/v2/gateway/api';
const HEADERS = { 'Content-Type': 'application/json; charset=UTF-8' };
const publicKeyObject = crypto.createPublicKey(cfg.publicKey);

/** The hex HMAC-SHA256 of `text` with the secretKey. */
export const hmac = (text) => crypto.createHmac('sha256', cfg.secretKey).update(text, 'utf8').digest('hex');

/** The raw string tokenization/create signs, by hand. */
export const createRaw = (r) => `accessKey=${cfg.accessKey}&orderId=${r.orderId}&partnerCode=${cfg.partnerCode}`
  + `&referenceCode=${r.referenceCode}&requestId=${r.requestId}&subPartnerCode=${r.subPartnerCode}`;

/** tokenization/create by hand. */
export function handCreate(r) {
  const raw = createRaw(r);
  const body = JSON.stringify({
    partnerCode: cfg.partnerCode,
    subPartnerCode: r.subPartnerCode,
    storeId: r.storeId,
    requestId: r.requestId,
    orderId: r.orderId,
    referenceCode: r.referenceCode,
    requestTime: r.requestTime,
    lang: r.lang,
    signature: hmac(raw),
  });
  return { method: 'POST', url: `${GATEWAY}/tokenization/create`, headers: HEADERS, body, timeoutMs: 30000, requestId: r.requestId, signatureRaw: raw };
}

/** tokenization/pay by hand. */
export function handPay(r) {
  const token = crypto.publicEncrypt(
    { key: publicKeyObject, padding: crypto.constants.RSA_PKCS1_PADDING },
    Buffer.from(JSON.stringify({ value: r.token }), 'utf8'),
  ).toString('base64');
  const raw = `accessKey=${cfg.accessKey}&amount=${r.amount}&extraData=${r.extraData}&orderId=${r.orderId}`
    + `&orderInfo=${r.orderInfo}&partnerClientId=${r.partnerClientId}&partnerCode=${cfg.partnerCode}`
    + `&requestId=${r.requestId}&token=${token}`;
  const body = JSON.stringify({
    token,
    partnerCode: cfg.partnerCode,
    partnerClientId: r.partnerClientId,
    orderId: r.orderId,
    amount: r.amount,
    lang: r.lang,
    orderInfo: r.orderInfo,
    requestId: r.requestId,
    tokenType: 'oneTime',
    requestTime: r.requestTime,
    extraData: r.extraData,
    signature: hmac(raw),
  });
  return { method: 'POST', url: `${GATEWAY}/tokenization/pay`, headers: HEADERS, body, timeoutMs: 10000, requestId: r.requestId, signatureRaw: raw };
}

// ------------------------------------------------------------ timing

/** The median of `xs`. */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * µs per call of each side, as `{ name: [one figure per round] }`. The
 * sides run in alternating rounds of `n` calls, so all of them see the
 * same machine: on a shared machine the speed of everything drifts by up
 * to 2x over seconds, which back-to-back blocks of rounds turned into
 * differences of their own. A side is `[name, (i) => request]`; each
 * request's body length goes into a sink so no call can be optimized away.
 */
export function alternate(sides, n, rounds = 15) {
  let sink = 0;
  for (const [, fn] of sides) {
    for (let i = 0; i < Math.min(n, 2000); i += 1) sink += fn(i).body.length; // warm-up
  }
  const samples = Object.fromEntries(sides.map(([name]) => [name, []]));
  for (let r = 0; r < rounds; r += 1) {
    for (const [name, fn] of r % 2 ? [...sides].reverse() : sides) {
      const start = performance.now();
      for (let i = 0; i < n; i += 1) sink += fn(i).body.length;
      samples[name].push(((performance.now() - start) * 1000) / n);
    }
  }
  if (sink === 0) throw new Error('nothing built');
  return samples;
}

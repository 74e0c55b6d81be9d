// How much of the hand-written tokenization/create's cost the stages that
// no create through the core can skip take on their own: moving the
// argument into wasm and a prepared request out, decoding the typed model,
// and the HMAC (src/bench_stages.rs). What the hand-written request costs
// beyond the transfer and the HMAC is the budget left, under the issue's
// "no worse than hand-written" target, for everything else a create does
// in the core. Figures only.
// Run through bench/stages.sh, which builds the stages variant:
//   node bindings-wasm/bench/stages.mjs STAGES_PKG_DIR [iterations]
//   node bindings-wasm/bench/stages.mjs STAGES_PKG_DIR --write-frame FILE
// The second form only writes the encoded argument of the create, for the
// native timing (benches/native_stages.rs).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { alternate, cfg, create, createRaw, handCreate, hmac, median } from './common.mjs';

const require = createRequire(import.meta.url);
const dir = path.resolve(process.argv[2] ?? '');
const N = Number(process.argv[3] ?? 4000);
const frameFile = process.argv[3] === '--write-frame' ? process.argv[4] : null;

const momo = require('momo-core');
const stagesWasm = require(path.join(dir, 'wasm/momo_core_wasm.js')).instantiate().exports;
const codec = require(path.join(dir, 'codec.js'));
if (typeof stagesWasm.WasmClient.prototype.benchCreateStages !== 'function') {
  throw new Error(`${dir} is not a bench-stages build (bench/stages.sh makes one)`);
}
codec.useMemory(stagesWasm.wasmMemory());
if (frameFile) {
  writeFileSync(frameFile, codec.encodeOne(create));
  process.exit(0);
}

const { publicKey, ...hmacOnly } = cfg; // create needs no RSA key
const client = new momo.MomoClient(hmacOnly);
const stages = new stagesWasm.WasmClient(codec.encodeOne(hmacOnly), () => {
  throw new Error('no RSA key configured');
});
const plain = (method, url, headers, body, timeoutMs, requestId, signatureRaw) => (
  { method, url, headers, body, timeoutMs, requestId, signatureRaw }
);
const noSecret = () => {
  throw new Error('a create frame holds no secret');
};
const DECODE = 1;
const MAC = 2;
const staged = (bits) => (i) => codec.readPrepared(
  stages.benchCreateStages(codec.encodeOne({ ...create, requestId: `req-${i}` }), bits),
  plain,
  noSecret,
);

// The kept frame is the real create of the first input.
{
  const real = client.tokenizationCreate({ ...create, requestId: 'req-0' });
  const kept = staged(0)(0);
  if (kept.body !== real.body || kept.url !== real.url) throw new Error('the stages build kept another request');
}

const SIDES = [
  ['momo-core tokenizationCreate', (i) => client.tokenizationCreate({ ...create, requestId: `req-${i}` })],
  ['stage: transfer in and out only', staged(0)],
  ['stage: transfer + decode', staged(DECODE)],
  ['stage: transfer + HMAC', staged(MAC)],
  ['stage: transfer + decode + HMAC', staged(DECODE | MAC)],
  ['hand-written node:crypto', (i) => handCreate({ ...create, requestId: `req-${i}` })],
  ['hand-written: createHmac alone', (i) => ({ body: hmac(createRaw({ ...create, requestId: `req-${i}` })) })],
];
const samples = alternate(SIDES, N, 21);
const hand = samples['hand-written node:crypto'];
/** The median µs per call of a side. */
const us = (name) => median(samples[name]);
/** The median over rounds of this side's time over the hand-written create's. */
const ratio = (name) => median(samples[name].map((t, r) => t / hand[r]));

console.log(`node ${process.version}, ${process.arch}: the stages of one tokenization/create, ${N} calls x 21 rounds`);
for (const [name] of SIDES) {
  console.log(`${name.padEnd(36)} median ${us(name).toFixed(2).padStart(6)} µs/call  ${ratio(name).toFixed(2)}x hand-written`);
}
const budget = us('hand-written node:crypto') - us('stage: transfer + HMAC');
const rest = us('momo-core tokenizationCreate') - us('stage: transfer + HMAC');
console.log(
  `transfer + HMAC: ${ratio('stage: transfer + HMAC').toFixed(2)}x hand-written, so a create within 1x `
  + `has ${budget.toFixed(2)} µs for the rest (decode, field checks, raw string, body, frame); `
  + `this build spends ${rest.toFixed(2)} µs on it, decode alone `
  + `${(us('stage: transfer + decode') - us('stage: transfer in and out only')).toFixed(2)} µs`,
);

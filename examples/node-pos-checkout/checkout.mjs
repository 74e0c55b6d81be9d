// A Node POS checkout against the offline MoMo sandbox ($MOMO_SANDBOX_URL).
//
// momo-core (the npm package, WebAssembly) prepares every request and reads
// every answer; Node's global fetch sends them. Flow: scan -> pay 50,000
// (success); scan -> pay 7,000,000 (7000 pending) -> query until final;
// Business Page login -> voucher redeem-status.
//
// Run: MOMO_SANDBOX_URL=http://127.0.0.1:8765 node checkout.mjs
// (after bindings-wasm/build.sh; run.sh does both).
import {
  MomoClient,
  MomoError,
  newOrderId,
  parseLogin,
  parseQuery,
  parseRedeemStatus,
  parseTokenizationCreate,
  parseTokenizationPay,
  transportTimeoutOutcome,
} from '../../bindings-wasm/pkg/index.mjs';

const TAG = '[node]';
const baseUrl = (process.env.MOMO_SANDBOX_URL ?? 'http://127.0.0.1:8765').replace(/\/+$/, '');
let failures = 0;

function check(step, ok, detail) {
  console.log(`${TAG} ${ok ? 'ok  ' : 'FAIL'} ${step}: ${detail}`);
  if (!ok) failures += 1;
}

/** Sends a prepared request; null when no answer came within its timeout. */
async function send(req) {
  try {
    const res = await fetch(req.url, req.toFetchInit());
    return { status: res.status, body: await res.text() };
  } catch (e) {
    if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return null;
    throw e;
  }
}

async function answer(req) {
  const got = await send(req);
  if (got === null) throw new Error(`no answer from ${req.url} within ${req.timeoutMs} ms`);
  return [got.status, got.body];
}

async function credentials() {
  const res = await fetch(`${baseUrl}/sandbox/credentials`);
  if (!res.ok) throw new Error(`GET /sandbox/credentials: HTTP ${res.status}`);
  return res.json();
}

/** Scans the customer's code (tokenization/create), then pays `amount`. */
async function checkout(client, amount) {
  const orderId = newOrderId();
  const created = parseTokenizationCreate(...(await answer(client.tokenizationCreate({
    orderId,
    referenceCode: '1023984137834985578',
    storeId: 'store-01',
    requestTime: Date.now(),
  }))));
  check(
    `scan for ${orderId}`,
    created.outcome.class === 'SUCCESS' && typeof created.token === 'string' && created.token !== '',
    `resultCode ${created.resultCode} ${created.message}`,
  );
  const pay = client.tokenizationPay({
    orderId,
    token: created.token ?? '',
    amount,
    orderInfo: 'Cà phê sữa x2',
    requestTime: Date.now(),
    items: [{ id: 'sku-1', name: 'Cà phê sữa', price: amount / 2, quantity: 2 }],
  });
  const got = await send(pay);
  const paid = got === null ? null : parseTokenizationPay(got.status, got.body);
  return { orderId, paid, outcome: paid === null ? transportTimeoutOutcome() : paid.outcome };
}

async function run() {
  const c = await credentials();
  const client = new MomoClient({
    partnerCode: c.partnerCode,
    accessKey: c.accessKey,
    secretKey: c.secretKey,
    publicKey: c.publicKeyPem,
    partnerId: c.partnerId,
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    gatewayBaseUrl: baseUrl,
    businessBaseUrl: `${baseUrl}/api`,
    lang: 'en',
  });
  console.log(`${TAG} client ${String(client)}`);

  // 1. An ordinary payment: success.
  const first = await checkout(client, 50_000);
  check(
    'pay 50,000 VND',
    first.paid?.resultCode === 0 && first.outcome.class === 'SUCCESS',
    `resultCode ${first.paid?.resultCode} transId ${first.paid?.transId}`,
  );

  // 2. A pending payment: 7000, then query until it is final.
  const pending = await checkout(client, 7_000_000);
  check(
    'pay 7,000,000 VND is pending',
    pending.paid?.resultCode === 7000 && pending.outcome.class === 'PENDING' && pending.outcome.needsQuery,
    `resultCode ${pending.paid?.resultCode}: ${pending.outcome.messageEn}`,
  );
  let final = null;
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    const q = parseQuery(...(await answer(client.query({ orderId: pending.orderId }))));
    console.log(`${TAG}      query #${attempt}: resultCode ${q.resultCode} (${q.outcome.class})`);
    if (!q.outcome.needsQuery) {
      final = q;
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  check(
    'query until final: the pending payment settles',
    final !== null && final.resultCode === 0 && final.outcome.class === 'SUCCESS',
    final === null ? 'still pending after 10 queries' : `resultCode ${final.resultCode} ${final.message}`,
  );

  // 3. Business Page: login, then report a voucher redeemed at the POS.
  const loginAt = Date.now();
  const token = parseLogin(...(await answer(client.login())), loginAt);
  check(
    'Business Page login',
    !token.isExpired(Date.now()),
    `token ${String(token)} expires at ${new Date(token.expiresAtMs).toISOString()}`,
  );
  const voucherCode = `V${newOrderId().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
  const redeem = client.redeemStatus(
    {
      momoCampaignId: '36745763473645',
      voucherCode,
      userPhoneNumber: '0915013325',
      momoTransactionId: String(first.paid?.transId ?? '0'),
      partnerTransactionId: first.orderId,
      redeemStatus: 'SUCCESS',
      saleInfo: {
        posId: '17130',
        posName: 'POS Quận 1',
        tranId: first.orderId,
        tranDate: Date.now(),
        originalAmount: 50_000,
        serviceCharge: 0.08,
        shipFeeAmount: 0,
        vatAmount: 0,
        discountAmount: 0,
        paymentMethod: 'MOMOSCANNER',
      },
    },
    token,
    Date.now(),
  );
  const redeemed = parseRedeemStatus(...(await answer(redeem)));
  check(
    `voucher ${voucherCode} redeem-status`,
    redeemed.success,
    `status ${redeemed.status} ${redeemed.message}${redeemed.formErrors.map((f) => ` [${f.field}: ${f.message}]`).join('')}`,
  );
}

try {
  await run();
} catch (e) {
  failures += 1;
  const why = e instanceof MomoError ? `${e.code} ${e.field}: ${e.detail}` : (e?.stack ?? String(e));
  console.log(`${TAG} FAIL ${why}`);
}
if (failures === 0) {
  console.log(`${TAG} every step ended as expected`);
} else {
  console.log(`${TAG} ${failures} step(s) did not end as expected`);
}
process.exit(failures === 0 ? 0 : 1);

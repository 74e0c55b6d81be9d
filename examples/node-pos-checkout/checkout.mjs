// A Node POS checkout against the offline MoMo sandbox ($MOMO_SANDBOX_URL).
//
// momo-core (the npm package, WebAssembly) prepares every request and reads
// every answer; Node's global fetch sends them. Flow: scan -> pay 50,000
// (success); scan -> pay 7,000,000 (7000 pending) -> query until final;
// Business Page login -> voucher redeem-status; then a QR checkout (the
// one-time payment): create, show payUrl as a QR code in the terminal, the
// customer approves on the sandbox's payment page (POST .../approve), the
// signed redirect is verified, and the IPN arrives on a local HTTP
// listener (verifyIpn, 204) and takes the PaymentTracker to final/paid.
//
// The QR code is drawn by `qrcode` (this example's own dependency, in its
// package.json; run.sh installs it with npm ci). Without it installed the
// payUrl is printed instead.
//
// Run: MOMO_SANDBOX_URL=http://127.0.0.1:8765 node checkout.mjs
// (after bindings-wasm/build.sh; run.sh does both).
import http from 'node:http';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import {
  IPN_ACK_STATUS,
  MomoClient,
  MomoError,
  PaymentTracker,
  newOrderId,
  orderExpiresAtMs,
  parseCreatePayment,
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

  // 4. A QR checkout (one-time payment) followed by the payment tracker.
  await qrCheckout(client);
}

/** The QR code of `text` for a terminal, or null when `qrcode` is not installed. */
async function terminalQr(text) {
  let qrcode;
  try {
    qrcode = createRequire(import.meta.url)('qrcode');
  } catch {
    return null;
  }
  return qrcode.toString(text, { type: 'terminal', small: true });
}

/**
 * The merchant's IPN endpoint on 127.0.0.1: verifies each notification
 * (signature and freshness, by the core), answers IPN_ACK_STATUS (204),
 * and hands it to `onNotification`; a bad one is answered 400.
 */
async function ipnListener(client, onNotification) {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const n = client.verifyIpn(body, { nowMs: Date.now(), toleranceMs: 300_000 });
        res.writeHead(IPN_ACK_STATUS).end();
        onNotification(n);
      } catch (e) {
        console.log(`${TAG}      IPN refused: ${e instanceof MomoError ? `${e.code} ${e.field}` : e}`);
        res.writeHead(400).end();
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${server.address().port}/momo/ipn` };
}

/** Create, QR, the customer approves, the IPN ends the tracker at final/paid. */
async function qrCheckout(client) {
  const notifications = [];
  let wake = () => {};
  const { server, url: ipnUrl } = await ipnListener(client, (n) => {
    notifications.push(n);
    wake();
  });
  try {
    const orderId = newOrderId();
    const amount = 150_000;
    const orderExpireTime = 10;
    const createdAt = Date.now();
    const created = parseCreatePayment(...(await answer(client.createPayment({
      orderId,
      requestType: 'captureWallet',
      amount,
      orderInfo: 'Cà phê sữa đá x3 & bánh mì',
      redirectUrl: 'https://pos.example.vn/paid',
      ipnUrl,
      orderExpireTime,
    }))));
    check(
      `QR checkout: create ${orderId}`,
      created.outcome.class === 'SUCCESS' && typeof created.payUrl === 'string',
      `resultCode ${created.resultCode} ${created.message}; payUrl ${created.payUrl}`,
    );
    const tracker = new PaymentTracker('create', orderExpiresAtMs(createdAt, orderExpireTime));
    tracker.on('step', (step) => {
      const n = step.next;
      const what = n.step === 'waitUntil' ? `waitUntil +${n.atMs - Date.now()} ms`
        : n.step === 'final' ? `final ${n.state} (${n.reason}, resultCode ${n.resultCode})` : n.step;
      console.log(`${TAG}      tracker: ${what}${step.duplicate ? ' (duplicate)' : ''}`);
    });
    tracker.createAnswered(created.outcome, Date.now());
    if (created.payUrl === null) return;

    const qr = await terminalQr(created.payUrl);
    console.log(`${TAG}      scan to pay ${amount.toLocaleString('en')} VND: ${created.payUrl}`);
    if (qr !== null) console.log(qr);

    // The customer opens the page and approves (the sandbox's payment page).
    const page = await fetch(created.payUrl);
    await page.text();
    check('QR checkout: the payment page opens', page.status === 200, `GET payUrl: HTTP ${page.status}`);
    const approved = await fetch(`${created.payUrl}/approve`, { method: 'POST', redirect: 'manual' });
    await approved.text();
    const location = approved.headers.get('location');
    check('QR checkout: the customer approves', approved.status === 303 && location !== null,
      `POST approve: HTTP ${approved.status}`);
    if (location !== null) {
      // The browser lands on redirectUrl: verify it (it only tells the customer).
      const r = client.verifyRedirect(location);
      check('QR checkout: the redirect verifies', r.orderId === orderId && r.amount === amount,
        `resultCode ${r.resultCode} ${r.outcome.class} transId ${r.transId}`);
    }

    // Follow the tracker until final: notifications first; query when it says so.
    while (tracker.next.step !== 'final') {
      const next = tracker.next;
      if (notifications.length > 0) {
        const n = notifications.shift();
        console.log(`${TAG}      IPN verified: resultCode ${n.resultCode} transId ${n.transId}; answered ${IPN_ACK_STATUS}`);
        tracker.notified(n, Date.now());
      } else if (next.step === 'queryNow') {
        const q = parseQuery(...(await answer(client.query({ orderId }))));
        tracker.queryAnswered(q.outcome, Date.now());
      } else if (next.step === 'waitUntil') {
        await new Promise((resolve) => {
          wake = resolve;
          setTimeout(resolve, Math.max(0, next.atMs - Date.now()));
        });
        wake = () => {};
        if (notifications.length === 0) tracker.tick(Date.now());
      } else {
        break; // confirm: not asked for (autoCapture defaults to true)
      }
    }
    const end = tracker.next;
    check('QR checkout: the tracker ends at paid through the notification',
      end.step === 'final' && end.state === 'paid' && tracker.queries === 0,
      `${JSON.stringify(end)} after ${tracker.queries} queries; stored as ${JSON.stringify(tracker).length} bytes`);
  } finally {
    server.close();
  }
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

// Typed usage of the package via `import`, checked by `tsc --noEmit`
// (bindings-wasm/test.sh). Every @ts-expect-error line must stay an error:
// if the declarations got looser, tsc fails on the unused directive.
import {
  MomoClient,
  MomoError,
  MomoConfigError,
  MomoSignatureError,
  MomoValidationError,
  AccessToken,
  ERROR_CODES,
  IPN_ACK_STATUS,
  parseTokenizationCreate,
  parseTokenizationPay,
  parseQuery,
  parseConfirm,
  parseRefund,
  parseLogin,
  parseRedeemStatus,
  parseGiftCreate,
  parseGiftStatus,
  parseGiftGetTrans,
  computeSaleInfo,
  encodeExtraDataValue,
  decodeExtraData,
  newOrderId,
  outcomeOfPayment,
  transportTimeoutOutcome,
  giftStatusCodeOf,
  giftGetTransNextPage,
  paymentCodes,
  parseCreatePayment,
  orderExpiresAtMs,
  PaymentTracker,
  type CreatePaymentRequest,
  type CreatePaymentResponse,
  type NextStep,
  type Step,
  type FinalState,
  type PaymentTrackerJson,
  type PaymentNotification,
  type ClientConfig,
  type ErrorCode,
  type ErrorKind,
  type PreparedRequest,
  type TokenizationPayRequest,
  type Outcome,
  type ResultClass,
  type GiftStatusCode,
  type SaleInfo,
} from 'momo-core';
import momoDefault from 'momo-core';

const config: ClientConfig = {
  partnerCode: 'MOMO',
  accessKey: 'F8BBA842ECF85',
  secretKey: 'K951B6PE1waDMi640xX08PD3vg6EkVlz',
  environment: 'sandbox',
  gatewayBaseUrl: 'http://127.0.0.1:8765',
  businessBaseUrl: 'http://127.0.0.1:8765/api',
  giftPaths: { create: '/gift/create' },
  lang: 'en',
};
// @ts-expect-error: unknown config key
const badConfig: ClientConfig = { partnerCode: 'MOMO', secretkey: 'typo' };
// @ts-expect-error: not an environment
const badEnv: ClientConfig = { environment: 'staging' };

const client = new MomoClient(config);

async function send(req: PreparedRequest): Promise<[number, string]> {
  const init = req.toFetchInit();
  const res = await fetch(req.url, init);
  const fetchable: RequestInit = req; // a prepared request is fetch options as is
  void fetchable;
  return [res.status, await res.text()];
}

export async function checkout(referenceCode: string): Promise<Outcome> {
  const orderId: string = newOrderId();
  const created = parseTokenizationCreate(
    ...(await send(client.tokenizationCreate({ orderId, referenceCode, requestTime: Date.now(), lang: 'en' }))),
  );
  const token: string | null = created.token;
  const pay: TokenizationPayRequest = {
    orderId,
    token: token ?? '',
    amount: 50_000,
    orderInfo: 'Ca phe',
    requestTime: Date.now(),
    items: [{ id: 'sku', name: 'Ca phe', price: '25000', quantity: 2 }],
    feeList: [{ amount: 0, type: 'fee' }],
    extraData: encodeExtraDataValue({ table: 7 }),
  };
  const paid = parseTokenizationPay(...(await send(client.tokenizationPay(pay))));
  const transId: number | null = paid.transId;
  const cls: ResultClass = paid.outcome.class;
  if (paid.outcome.needsQuery || cls === 'PENDING') {
    const q = parseQuery(...(await send(client.query({ orderId }))));
    return q.outcome;
  }
  if (cls === 'AUTHORIZED' && transId !== null) {
    parseConfirm(...(await send(client.confirm({ orderId, requestType: 'capture', amount: 50_000 }))));
    parseRefund(...(await send(client.refund({ orderId: newOrderId(), transId, amount: 1000 }))));
  }
  return paid.outcome;
}

// @ts-expect-error: amount must be a number or numeric string
client.confirm({ orderId: 'o', requestType: 'capture', amount: 'lots' });
// @ts-expect-error: requestType is capture | cancel
client.confirm({ orderId: 'o', requestType: 'void', amount: 1 });
// @ts-expect-error: orderId is required
client.query({ lang: 'vi' });

export function business(nowMs: number): void {
  const token: AccessToken = parseLogin(200, '{}', nowMs);
  const expires: number = token.expiresAtMs;
  const refresh: boolean = token.needsRefresh(nowMs) || token.needsRefresh(nowMs, 60_000);
  void expires;
  void refresh;
  const req = client.redeemStatus(
    {
      momoCampaignId: '1',
      voucherCode: 'V',
      momoTransactionId: '2',
      partnerTransactionId: '3',
      redeemStatus: 'SUCCESS',
      saleInfo: { posId: '1', posName: 'p', tranDate: nowMs, originalAmount: 1000, serviceCharge: 0.08, paymentMethod: 'MOMOQR' },
    },
    token,
    nowMs,
  );
  const auth: string | undefined = req.headers['Authorization'];
  void auth;
  // JSON and inspection redact; headers and body are the raw accessors.
  const logged: string = JSON.stringify(req.toJSON());
  const secret: boolean = req.holdsSecret && req.sensitiveBody;
  void [logged, secret];
  const res = parseRedeemStatus(200, '{}');
  const ok: boolean = res.success && res.formErrors.every((f) => typeof f.field === 'string');
  void ok;
  const sale: SaleInfo = computeSaleInfo({ posId: '1', posName: 'p', tranDate: 1, originalAmount: 1, paymentMethod: 'CASH' });
  const total: number | undefined = sale.totalAmount;
  void total;
}

export function gifts(): void {
  const batch = parseGiftCreate(200, '{}');
  const code: GiftStatusCode | undefined = batch.gifts[0]?.statusCode;
  void code;
  const st = parseGiftStatus(200, '{}');
  void st.data?.gifts;
  const page = { date: '2026-11-23', offset: 10 };
  const trans = parseGiftGetTrans(200, '{}');
  const next = giftGetTransNextPage(page, trans);
  const n: number | undefined = next?.page;
  void n;
  const status: GiftStatusCode = giftStatusCodeOf(0);
  void status;
}

export function errors(e: unknown): ErrorCode | null {
  if (e instanceof MomoError) {
    const field: string = e.field;
    const momoCode: number | null = e.momoCode;
    void field;
    void momoCode;
    if (e.code === 'INVALID_AMOUNT') return e.code;
    // @ts-expect-error: not an error code
    if (e.code === 'INVALID_AMOUNTS') return null;
    const kind: ErrorKind = e.kind;
    void kind;
    return e.code;
  }
  return null;
}

export function notification(body: string, nowMs: number): string {
  const plain = client.verifyIpn(body);
  const fresh = client.verifyIpn(body, { nowMs, toleranceMs: 300_000 });
  // @ts-expect-error: toleranceMs goes with nowMs
  client.verifyIpn(body, { nowMs });
  return `${plain.orderId} ${fresh.orderId}`;
}

/** A subclass narrows `kind` and `code` to its family. */
export function families(e: unknown): string {
  if (e instanceof MomoConfigError) {
    const code: 'INVALID_CONFIG' | 'INVALID_KEY' = e.code;
    const kind: 'CONFIG' = e.kind;
    // @ts-expect-error: INVALID_AMOUNT is not a configuration error
    if (e.code === 'INVALID_AMOUNT') return 'never';
    return `${code} ${kind}`;
  }
  if (e instanceof MomoValidationError) {
    const code: ErrorCode = e.code;
    // @ts-expect-error: SIGNATURE_MISMATCH is not a validation error
    if (e.code === 'SIGNATURE_MISMATCH') return 'never';
    return `${code} ${e.field}`;
  }
  if (e instanceof MomoSignatureError) {
    const code: 'SIGNATURE_MISMATCH' | 'DUPLICATE_FIELD' | 'STALE_NOTIFICATION' = e.code;
    return code;
  }
  return '';
}

/** The payment lifecycle: create, show the QR, then follow the tracker to its end. */
export async function lifecycle(
  send: (req: PreparedRequest) => Promise<[number, string]>,
  ipnBody: string,
  nowMs: number,
): Promise<FinalState> {
  const input: CreatePaymentRequest = {
    orderId: newOrderId(),
    requestType: 'captureWallet',
    amount: 150_000,
    orderInfo: 'Cà phê sữa x3',
    ipnUrl: 'https://pos.example.vn/momo/ipn',
    orderExpireTime: 10,
  };
  // @ts-expect-error: requestType is one of the four pages
  client.createPayment({ ...input, requestType: 'payWithVTS' });
  // @ts-expect-error: ipnUrl is required
  client.createPayment({ orderId: 'x', requestType: 'captureWallet', amount: 1, orderInfo: 'x' });
  const created: CreatePaymentResponse = parseCreatePayment(...(await send(client.createPayment(input))));
  const qr: string | null = created.qrCodeUrl ?? created.payUrl;
  // @ts-expect-error: a link may be absent
  const link: string = created.payUrl;

  const tracker = new PaymentTracker('create', orderExpiresAtMs(nowMs, input.orderExpireTime));
  tracker.on('final', (next) => {
    const state: FinalState = next.state;
    void state;
  });
  tracker.on('waitUntil', (next, step: Step) => void [next.atMs, step.duplicate]);
  // @ts-expect-error: not an event of the tracker
  tracker.on('paid', () => {});
  let step: Step = tracker.createAnswered(created.outcome, nowMs);
  const n: PaymentNotification = client.verifyIpn(ipnBody);
  step = tracker.notified(n, nowMs + 1);
  step = tracker.notified(client.verifyRedirect(new URL('https://pos.example.vn/paid?x=1')), nowMs + 2);
  client.verifyRedirect('?partnerCode=MOMO');
  client.verifyRedirect(new URLSearchParams([['a', 'b']]));
  client.verifyRedirect({ orderId: 'x', resultCode: ['0', '0'] });
  // @ts-expect-error: values are strings, as a query string holds them
  client.verifyRedirect({ amount: 150000 });
  // @ts-expect-error: requestType is capture or cancel
  tracker.confirmAnswered('capturez', created.outcome, nowMs);
  const stored: PaymentTrackerJson = JSON.parse(JSON.stringify(tracker));
  const resumed = PaymentTracker.fromJSON(stored);
  const next: NextStep = resumed.next;
  switch (next.step) {
    case 'waitUntil':
      return next.atMs > 0 ? 'expired' : 'failed';
    case 'queryNow':
      step = resumed.queryAnswered(parseQuery(...(await send(client.query({ orderId: input.orderId })))).outcome, nowMs);
      return step.next.step === 'final' ? step.next.state : 'failed';
    case 'confirm':
      // @ts-expect-error: only a final step has a state
      return next.state;
    case 'final':
      return next.state;
  }
  void [qr, link];
}

const codes: readonly ErrorCode[] = ERROR_CODES;
const ack: number = IPN_ACK_STATUS;
const timeout: Outcome = transportTimeoutOutcome();
const o: Outcome = outcomeOfPayment(7000);
const table = paymentCodes().map((c) => `${c.code} ${c.class} ${c.messageEn}`);
const extra: string = decodeExtraData('');
const same: typeof MomoClient = momoDefault.MomoClient;
void [codes, ack, timeout, o, table, extra, same, badConfig, badEnv];

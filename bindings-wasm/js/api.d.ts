// Type declarations of the npm package momo-core (Node.js, server-side only).
// This part is written by hand: the classes, functions and constants of the
// JS API and the types of the JS wrapper itself. build.sh appends the models
// (request, response and notification types, enums), generated from the Rust
// core's serde models by bindings-wasm/types/gen_types.rs, to make
// pkg/index.d.ts.

// ------------------------------------------------------------ scalars

/**
 * Whole VND as a JS number (a safe integer >= 0), or a string of digits as
 * MoMo sends them. Fractions, NaN, negatives and values past 2^53-1 are
 * rejected with INVALID_AMOUNT.
 */
export type AmountInput = number | `${number}`;
/** A whole number that is not money (epoch ms, ids), as number or digits. */
export type IntegerInput = number | `${number}`;
/** A rate between 0 and 1 with at most 6 decimals, e.g. 0.08 or "0.08". */
export type RateInput = number | `${number}`;

/** Every error code, in the core's order. */
export declare const ERROR_CODES: readonly ErrorCode[];

/**
 * Thrown by every function of this package on a core failure, as the
 * subclass of its kind: catch `MomoError` for all of them, or one subclass
 * (`MomoValidationError`, ...) for one family.
 */
export declare class MomoError extends Error {
  constructor(code: ErrorCode, field: string, message: string, momoCode?: number | null);
  /** The class name: 'MomoError', 'MomoValidationError', ... */
  readonly name: string;
  /** The stable error code. */
  readonly code: ErrorCode;
  /** The kind of failure `code` is. */
  readonly kind: ErrorKind;
  /** The offending input field (dotted path, e.g. "items[0].price"), or "". */
  readonly field: string;
  /** The core's message, without code and field. */
  readonly detail: string;
  /** MoMo's Gift API code for pre-flight rules (801, 803, ...), else null. */
  readonly momoCode: number | null;
}

/** The input breaks one of MoMo's rules (missing field, bad amount, ...): fix the input. */
export declare class MomoValidationError extends MomoError {
  readonly name: 'MomoValidationError';
  readonly kind: 'VALIDATION';
  readonly code: Exclude<
    ErrorCode,
    | 'INVALID_CONFIG'
    | 'INVALID_KEY'
    | 'SIGNATURE_MISMATCH'
    | 'DUPLICATE_FIELD'
    | 'STALE_NOTIFICATION'
    | 'UNEXPECTED_RESPONSE'
    | 'LOGIN_FAILED'
    | 'TOKEN_EXPIRED'
    | 'INTERNAL'
  >;
}

/** The client configuration is unusable (missing credential, bad URL or key). */
export declare class MomoConfigError extends MomoError {
  readonly name: 'MomoConfigError';
  readonly kind: 'CONFIG';
  readonly code: 'INVALID_CONFIG' | 'INVALID_KEY';
}

/**
 * A signed message was refused: its signature did not verify (a forged or
 * corrupted notification), it names a key twice, or it is stale on your clock.
 */
export declare class MomoSignatureError extends MomoError {
  readonly name: 'MomoSignatureError';
  readonly kind: 'SIGNATURE';
  readonly code: 'SIGNATURE_MISMATCH' | 'DUPLICATE_FIELD' | 'STALE_NOTIFICATION';
}

/** MoMo's answer is not what the API returns, or the login was refused. */
export declare class MomoResponseError extends MomoError {
  readonly name: 'MomoResponseError';
  readonly kind: 'RESPONSE';
  readonly code: 'UNEXPECTED_RESPONSE' | 'LOGIN_FAILED';
}

/** The Business Page access token is expired: log in again. */
export declare class MomoTokenExpiredError extends MomoError {
  readonly name: 'MomoTokenExpiredError';
  readonly kind: 'TOKEN_EXPIRED';
  readonly code: 'TOKEN_EXPIRED';
}

/** A bug inside momo-core (a trap in wasm); please report it. */
export declare class MomoInternalError extends MomoError {
  readonly name: 'MomoInternalError';
  readonly kind: 'INTERNAL';
  readonly code: 'INTERNAL';
}

// ------------------------------------------------------------ configuration

/** The freshness check of MomoClient#verifyIpn: both fields, or no options at all. */
export interface IpnFreshness {
  /** Your clock, epoch milliseconds. */
  nowMs: IntegerInput;
  /** How far responseTime may be from nowMs, either side, ms (e.g. 300000). */
  toleranceMs: IntegerInput;
}

/** The configuration without secrets (MomoClient#toJSON). */
export interface ClientSummary {
  environment: Environment;
  partnerCode: string | null;
  partnerId: string | null;
  clientId: string | null;
  gatewayBaseUrl: string | null;
  businessBaseUrl: string | null;
  giftBaseUrl: string | null;
  lang: Lang;
}

// ------------------------------------------------------------ prepared request

/** `fetch` options built from a PreparedRequest. */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

/**
 * A ready HTTP request: `fetch(req.url, req)` or
 * `fetch(req.url, req.toFetchInit())` sends it. `headers` and `body` are
 * accessors, the explicit way to the raw request: they are not own
 * properties, so spreading and Object.entries leave them out, and
 * JSON.stringify (toJSON) and util.inspect replace a secret with '***'.
 */
export declare class PreparedRequest {
  private constructor();
  /** Always "POST" for MoMo partner calls. */
  readonly method: string;
  readonly url: string;
  /** Headers as an object, ready for fetch: raw, an `Authorization: Bearer` included. */
  readonly headers: Record<string, string>;
  /** The exact JSON body text (what was signed is what is sent): raw, the login's clientSecret included. */
  readonly body: string;
  /** The minimum timeout MoMo prescribes for the call, ms. */
  readonly timeoutMs: number;
  /** The idempotency key: retry an unknown outcome with the same value. */
  readonly requestId: string;
  /** The raw string behind the signature (null for unsigned calls). */
  readonly signatureRaw: string | null;
  /** True when the body holds a secret (login); hidden from inspection and JSON. */
  readonly sensitiveBody: boolean;
  /** True when the body or a header holds a secret (login, redeem-status). */
  readonly holdsSecret: boolean;
  /** method, headers, body and an AbortSignal firing after timeoutMs (raw: for sending). */
  toFetchInit(): FetchInit;
  /** What JSON.stringify writes: every field, a secret header or body as '***'. */
  toJSON(): PreparedRequestJson;
}

// ------------------------------------------------------------ redirect

/**
 * What MomoClient#verifyRedirect takes: the raw query string (with or
 * without its `?`), a whole URL as text (`https://...?...` or an app link)
 * or a path (`/paid?...`, Node's `req.url`),
 * a `URL`, a `URLSearchParams`, or a plain object of strings (a web
 * framework's `req.query`; an array value is a name given several times).
 */
export type RedirectInput = string | URL | URLSearchParams | Readonly<Record<string, string | readonly string[]>>;

// ------------------------------------------------------------ payment tracker

/** Nothing until atMs (or a notification): then tick(), and the tracker says query. */
export type WaitUntilStep = Extract<NextStep, { step: 'waitUntil' }>;
/** Send a query (MomoClient#query) and feed its answer or timeout. */
export type QueryNowStep = Extract<NextStep, { step: 'queryNow' }>;
/** Authorized: capture or cancel (MomoClient#confirm), then feed the confirm answer. */
export type ConfirmStep = Extract<NextStep, { step: 'confirm' }>;
/** Done: nothing more to do for this payment. */
export type FinalStep = Extract<NextStep, { step: 'final' }>;

/** What PaymentTracker#notified reads from a verified notification. */
export interface NotificationLike {
  transId?: number | null;
  outcome: Outcome;
}

/** The events a PaymentTracker emits, with their listener arguments. */
export interface PaymentTrackerEvents {
  /** After every event. */
  step: [step: Step];
  waitUntil: [next: WaitUntilStep, step: Step];
  queryNow: [next: QueryNowStep, step: Step];
  confirm: [next: ConfirmStep, step: Step];
  final: [next: FinalStep, step: Step];
}

/**
 * One payment's lifecycle, sans-I/O: feed what happened, each with your
 * clock nowMs (epoch ms), and act on the next step. Every decision is the
 * core's. Emits 'step' after each event and, unless the step is a
 * duplicate, the next step's name ('waitUntil', 'queryNow', 'confirm',
 * 'final'). JSON.stringify stores it; PaymentTracker.fromJSON resumes it.
 * At run time it is a Node EventEmitter; these types list its typed
 * listener methods (without a dependency on @types/node).
 */
export declare class PaymentTracker {
  /** A tracker for the `operation` call being sent now; expiresAtMs: orderExpiresAtMs() for create. */
  constructor(operation: TrackedOperation, expiresAtMs: IntegerInput);
  /** Resumes a stored tracker (toJSON()'s object or its JSON text); INVALID_INPUT when it is not one. */
  static fromJSON(stored: PaymentTrackerJson | string): PaymentTracker;
  createAnswered(outcome: Outcome, nowMs: IntegerInput): Step;
  payAnswered(outcome: Outcome, nowMs: IntegerInput): Step;
  refundAnswered(outcome: Outcome, nowMs: IntegerInput): Step;
  queryAnswered(outcome: Outcome, nowMs: IntegerInput): Step;
  /** A verified notification: what verifyIpn or verifyRedirect returned. */
  notified(notification: NotificationLike, nowMs: IntegerInput): Step;
  confirmAnswered(requestType: ConfirmRequestType, outcome: Outcome, nowMs: IntegerInput): Step;
  transportTimeout(nowMs: IntegerInput): Step;
  tick(nowMs: IntegerInput): Step;
  /** What to do now (the answer to the last event). */
  readonly next: NextStep;
  readonly operation: TrackedOperation;
  readonly expiresAtMs: number;
  /** Query answers (and query timeouts) so far. */
  readonly queries: number;
  /** The stored form. */
  toJSON(): PaymentTrackerJson;

  on<K extends keyof PaymentTrackerEvents>(event: K, listener: (...args: PaymentTrackerEvents[K]) => void): this;
  once<K extends keyof PaymentTrackerEvents>(event: K, listener: (...args: PaymentTrackerEvents[K]) => void): this;
  off<K extends keyof PaymentTrackerEvents>(event: K, listener: (...args: PaymentTrackerEvents[K]) => void): this;
  addListener<K extends keyof PaymentTrackerEvents>(event: K, listener: (...args: PaymentTrackerEvents[K]) => void): this;
  removeListener<K extends keyof PaymentTrackerEvents>(event: K, listener: (...args: PaymentTrackerEvents[K]) => void): this;
  emit<K extends keyof PaymentTrackerEvents>(event: K, ...args: PaymentTrackerEvents[K]): boolean;
  removeAllListeners(event?: keyof PaymentTrackerEvents): this;
  listenerCount(event: keyof PaymentTrackerEvents): number;
}

/** When an order created at createdAtMs stops being payable: orderExpireTime minutes, or MoMo's 15. */
export declare function orderExpiresAtMs(createdAtMs: IntegerInput, orderExpireTime?: IntegerInput | null): number;

// ------------------------------------------------------------ Business Page vouchers

/** A Business Page access token. Its text never appears in logs. */
export declare class AccessToken {
  /** A token that expires at expiresAtMs (e.g. restored from a cache). */
  constructor(token: string, expiresAtMs: IntegerInput);
  /** Epoch milliseconds. */
  readonly expiresAtMs: number;
  /** The token text, for a cache. */
  expose(): string;
  isExpired(nowMs: IntegerInput): boolean;
  /** Expires within marginMs (default DEFAULT_REFRESH_MARGIN_MS) of nowMs. */
  needsRefresh(nowMs: IntegerInput, marginMs?: IntegerInput | null): boolean;
  /** "Bearer <token>"; throws TOKEN_EXPIRED. */
  authorization(nowMs: IntegerInput): string;
  toString(): string;
  toJSON(): { accessToken: '***'; expiresAtMs: number };
}

// ------------------------------------------------------------ Gift API

/** Answer of Create Gift (a batch). */
export type GiftCreateResponse = GiftBatch;

// ------------------------------------------------------------ client

/**
 * A MoMo client holding credentials. Server-side only. Inspection
 * (console.log, util.inspect, JSON.stringify) shows no secret.
 */
export declare class MomoClient {
  /** Throws INVALID_CONFIG / INVALID_KEY / INVALID_INPUT. */
  constructor(config: ClientConfig);
  tokenizationCreate(request: TokenizationCreateRequest): PreparedRequest;
  tokenizationPay(request: TokenizationPayRequest): PreparedRequest;
  /** create: the one-time payment (QR code, payment page); read the answer with parseCreatePayment. */
  createPayment(request: CreatePaymentRequest): PreparedRequest;
  query(request: QueryRequest): PreparedRequest;
  confirm(request: ConfirmRequest): PreparedRequest;
  refund(request: RefundRequest): PreparedRequest;
  /** Business Page login; the body holds the clientSecret. */
  login(): PreparedRequest;
  redeemStatus(request: RedeemStatusRequest, token: AccessToken, nowMs: IntegerInput): PreparedRequest;
  giftCreate(request: GiftCreateRequest): PreparedRequest;
  giftStatus(request: GiftStatusRequest): PreparedRequest;
  giftGetTrans(request: GiftGetTransRequest): PreparedRequest;
  /**
   * Parses and verifies an IPN body (constant time); SIGNATURE_MISMATCH on a
   * bad one, DUPLICATE_FIELD when it names a key twice. With `freshness`,
   * also STALE_NOTIFICATION when its responseTime is not within toleranceMs
   * of nowMs (your clock, epoch ms).
   */
  verifyIpn(body: string, freshness?: IpnFreshness | null): PaymentNotification;
  /**
   * Verifies the redirect MoMo sent the customer back with (the IPN's
   * fields and signature in its query string): SIGNATURE_MISMATCH on a bad
   * one, DUPLICATE_FIELD when a name is given twice. See RedirectInput.
   */
  verifyRedirect(redirect: RedirectInput): PaymentNotification;
  /** The configuration without secrets. */
  toJSON(): ClientSummary;
  toString(): string;
}

// ------------------------------------------------------------ parsers

export declare function parseTokenizationCreate(status: number, body: string): TokenizationCreateResponse;
export declare function parseTokenizationPay(status: number, body: string): TokenizationPayResponse;
export declare function parseCreatePayment(status: number, body: string): CreatePaymentResponse;
export declare function parseQuery(status: number, body: string): QueryResponse;
export declare function parseConfirm(status: number, body: string): ConfirmResponse;
export declare function parseRefund(status: number, body: string): RefundResponse;
export declare function parseRedeemStatus(status: number, body: string): RedeemStatusResponse;
export declare function parseGiftCreate(status: number, body: string): GiftCreateResponse;
export declare function parseGiftStatus(status: number, body: string): GiftStatusResponse;
export declare function parseGiftGetTrans(status: number, body: string): GiftGetTransResponse;
/** The login answer as a token expiring expiresIn after nowMs; LOGIN_FAILED when refused. */
export declare function parseLogin(status: number, body: string, nowMs: IntegerInput): AccessToken;

// ------------------------------------------------------------ helpers

/** Checks a saleInfo and fills serviceChargeAmount, billAmount, totalAmount. */
export declare function computeSaleInfo(sale: SaleInfoInput): SaleInfo;
/** JSON object text -> extraData (base64, byte for byte). */
export declare function encodeExtraData(jsonObject: string): string;
/** A JS object -> extraData (compact JSON in base64). */
export declare function encodeExtraDataValue(object: Record<string, unknown>): string;
/** extraData -> its JSON object text ("{}" when empty). */
export declare function decodeExtraData(extraData: string): string;
export declare function newRequestId(): string;
export declare function newOrderId(): string;
export declare function newXRequestId(): string;
export declare function outcomeOfPayment(code: IntegerInput): Outcome;
export declare function outcomeOfGiftStatus(code: IntegerInput): Outcome;
export declare function outcomeOfGiftResult(code: IntegerInput): Outcome;
/** The outcome of a call whose answer never came: UNKNOWN, query with the same requestId. */
export declare function transportTimeoutOutcome(): Outcome;
export declare function giftStatusCodeOf(code: IntegerInput): GiftStatusCode;
/** The request for the next Get Trans page, or null after the last page. */
export declare function giftGetTransNextPage(
  request: GiftGetTransRequest,
  response: GiftGetTransResponse,
): GiftGetTransPage | null;
export declare function paymentCodes(): CodeInfo[];
export declare function giftStatusCodes(): CodeInfo[];
export declare function giftResultCodes(): CodeInfo[];

/** HTTP status to answer MoMo with after a verified IPN (204). */
export declare const IPN_ACK_STATUS: number;
/** Default margin of AccessToken#needsRefresh, ms. */
export declare const DEFAULT_REFRESH_MARGIN_MS: number;
/** @internal Traps inside wasm on purpose (tests): throws MomoError INTERNAL. */
export declare function _panicProbe(): void;
/** @internal How values encoded for the core read back there (the core's exact text of each value); for the codec's tests. */
export declare function _inputProbe(...values: unknown[]): string;

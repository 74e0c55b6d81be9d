//! WebAssembly bindings of momo-core for Node.js (the npm package
//! `momo-core`).
//!
//! This layer is thin: it converts JS values to core models, calls the
//! core, and converts the result back to JS data. No MoMo rule lives here.
//!
//! - inputs: each export takes its arguments as `JsValue`s, plain
//!   snapshots the JS wrapper made (`js/index.js`, `snapshot`: depth,
//!   cycles, lone surrogates and values with no JSON-like form are refused
//!   there); models come from the core's `input::decode` over
//!   serde-wasm-bindgen ([`js_input`]), so NaN, +-Infinity,
//!   integers past 2^53-1 and BigInt reach the core as the numbers JS gave
//!   and the core applies its own rules and typed errors;
//! - outputs, prepared requests included: plain JS objects built with
//!   [`serde_wasm_bindgen::Serializer::json_compatible`] (camelCase as the
//!   core serializes, `null` for absent values); an integer a JS number
//!   cannot hold exactly (past 2^53-1) is refused rather than rounded;
//! - failures: thrown as a plain object
//!   `{ "$momoError": true, code, field, message, momoCode }` that the
//!   hand-written JS wrapper (`js/index.js`) turns into a `MomoError`.

pub mod js_input;

use momo_core::gift::{GIFT_RESULT_CODES, GIFT_STATUS_CODES};
use momo_core::result_code::{CodeInfo, PAYMENT_CODES};
use momo_core::tracker::{schedule, PaymentTracker, Step, TrackedOperation, TrackerEvent};
use momo_core::{
    business, extra_data, gateway, ids, AccessToken, ClientConfig, ConfirmRequestType,
    CreatePaymentRequest, ErrorCode, GiftGetTransRequest, GiftGetTransResponse, GiftStatusCode,
    Header, MomoClient, MomoError, MomoPublicKey, Outcome, PreparedRequest, RsaEncryptor, SaleInfo,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::prelude::*;
use zeroize::Zeroize;

/// What every exported function returns: a value, or thrown error data.
type JsResult<T> = Result<T, JsValue>;

/// Outputs are plain JS data: objects (not `Map`s), `null` for absent
/// values, numbers only where exact.
const TO_JS: Serializer = Serializer::json_compatible();

/// How serde-wasm-bindgen (=0.6.5) words a refused 64-bit integer.
const UNSAFE_INTEGER: &str = "can't be represented as a JavaScript number";

// ------------------------------------------------------------ conversions

/// The thrown form of a core error, read by the JS wrapper.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorData<'a> {
    #[serde(rename = "$momoError")]
    brand: bool,
    code: &'a str,
    field: &'a str,
    message: &'a str,
    momo_code: Option<i64>,
}

/// Converts a core error to the plain object the wrapper turns into a
/// `MomoError`.
fn throw(err: MomoError) -> JsValue {
    let data = ErrorData {
        brand: true,
        code: err.code().as_str(),
        field: err.field(),
        message: err.message(),
        momo_code: err.code().momo_code(),
    };
    data.serialize(&TO_JS)
        .unwrap_or_else(|_| JsValue::from_str(&err.to_string()))
}

/// A serde-wasm-bindgen error prints as `Error: <message>` (a JS `Error`).
fn js_error_text(err: serde_wasm_bindgen::Error) -> String {
    let text = err.to_string();
    match text.strip_prefix("Error: ") {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

/// Decodes a core model from an argument, with the core's typed errors.
fn input<T: DeserializeOwned>(value: JsValue) -> Result<T, MomoError> {
    js_input::decode(value)
}

/// Decodes a core model from an argument; errors name `field` first.
fn model_at<T: DeserializeOwned>(value: JsValue, field: &str) -> Result<T, MomoError> {
    input(value).map_err(|e| e.within(field))
}

/// A whole number (epoch ms, codes): the core's lenient integer rules.
fn int_at(value: JsValue, field: &str) -> Result<i64, MomoError> {
    js_input::decode_integer(value).map_err(|e| e.within(field))
}

/// An optional whole number: `null` or `undefined` is `None`.
fn opt_int_at(value: JsValue, field: &str) -> Result<Option<i64>, MomoError> {
    if value.is_null() || value.is_undefined() {
        Ok(None)
    } else {
        int_at(value, field).map(Some)
    }
}

/// Converts a core output to plain JS data. An integer a JS number cannot
/// hold exactly (past 2^53-1, which only an answer can hold) is refused
/// with UNEXPECTED_RESPONSE rather than rounded.
fn output<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, MomoError> {
    value.serialize(&TO_JS).map_err(|e| {
        let text = js_error_text(e);
        if text.ends_with(UNSAFE_INTEGER) {
            MomoError::new(
                ErrorCode::UnexpectedResponse,
                "",
                format!("{text}: past 2^53-1, refused rather than rounded"),
            )
        } else {
            MomoError::new(ErrorCode::Internal, "", text)
        }
    })
}

/// Runs a core call and converts its result.
fn run<T: Serialize>(result: Result<T, MomoError>) -> JsResult<JsValue> {
    result.and_then(|v| output(&v)).map_err(throw)
}

/// Reads text that holds a secret (an access token, a login answer), then
/// zeroes it: the Rust copy of a JS string is freed zeroed.
fn read_secret<S: Zeroize + ?Sized, T>(secret: &mut S, read: impl FnOnce(&S) -> T) -> T {
    let out = read(secret);
    secret.zeroize();
    out
}

/// A prepared request as the wrapper's `PreparedRequest` is built from:
/// the core's fields, whether the body holds a secret, and which headers
/// do (the wrapper hides them when a request is inspected).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PreparedData<'a> {
    method: &'a str,
    url: &'a str,
    headers: Headers<'a>,
    body: &'a str,
    timeout_ms: u64,
    request_id: &'a str,
    signature_raw: Option<&'a str>,
    sensitive_body: bool,
    secret_headers: Vec<&'a str>,
}

/// Headers as a `{ name: value }` object, in order.
struct Headers<'a>(&'a [Header]);

impl Serialize for Headers<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|h| (&h.name, &h.value)))
    }
}

/// Runs a core call that prepares a request and converts it to plain JS
/// data. The request's own secret-bearing strings are zeroed before they
/// are freed: JS strings are made straight from the Rust bytes, so no copy
/// of a secret is left in wasm memory.
fn request(result: Result<PreparedRequest, MomoError>) -> JsResult<JsValue> {
    let mut req = result.map_err(throw)?;
    let data = PreparedData {
        method: &req.method,
        url: &req.url,
        headers: Headers(&req.headers),
        body: &req.body,
        timeout_ms: req.timeout_ms,
        request_id: &req.request_id,
        signature_raw: req.signature_raw.as_deref(),
        sensitive_body: req.sensitive_body,
        secret_headers: req
            .headers
            .iter()
            .filter(|h| h.is_secret())
            .map(|h| h.name.as_str())
            .collect(),
    };
    let out = output(&data);
    req.zeroize_secrets();
    out.map_err(throw)
}

/// A whole-text argument (a body, extraData text). The wrapper has refused
/// a string with no UTF-8 form (a lone surrogate) already.
fn text_at(value: JsValue, field: &str) -> Result<String, MomoError> {
    value
        .as_string()
        .ok_or_else(|| MomoError::new(ErrorCode::InvalidInput, field, "must be a string"))
}

// ------------------------------------------------------------ host RSA

/// The RSA operation of tokenization/pay done by Node's crypto: a JS
/// function `(plaintext: Uint8Array) => Uint8Array` bound to MoMo's key.
/// The core keeps every rule (plaintext, size, base64, encrypt then sign)
/// and checks the ciphertext's length.
struct HostRsa<'a>(Option<&'a js_sys::Function>);

impl RsaEncryptor for HostRsa<'_> {
    fn encrypt_pkcs1v15(&self, _key: &MomoPublicKey, plaintext: &[u8]) -> Result<Vec<u8>, String> {
        let encrypt = self.0.ok_or("no RSA function for this client")?;
        let out = encrypt
            .call1(&JsValue::NULL, &js_sys::Uint8Array::from(plaintext))
            .map_err(|e| js_thrown_text(&e))?;
        out.dyn_into::<js_sys::Uint8Array>()
            .map(|bytes| bytes.to_vec())
            .map_err(|_| "the RSA function did not return bytes".to_owned())
    }
}

/// The message of what a JS function threw.
fn js_thrown_text(thrown: &JsValue) -> String {
    js_sys::Reflect::get(thrown, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| format!("{thrown:?}"))
}

// ------------------------------------------------------------ client

/// A MoMo client (credentials, MoMo's public key, base URLs). Wrapped by
/// the JS `MomoClient` class.
#[wasm_bindgen]
pub struct WasmClient {
    inner: MomoClient,
    rsa: Option<js_sys::Function>,
}

#[wasm_bindgen]
impl WasmClient {
    /// Validates a `ClientConfig` object and builds the client. When a
    /// public key is configured, `rsaFor(spkiDer)` is called once and must
    /// return the host's encrypt function for that key (see [`HostRsa`]).
    /// The secrets are read into the core's `Secret`s, zeroed when dropped.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue, rsa_for: &js_sys::Function) -> JsResult<WasmClient> {
        let config: ClientConfig = input(config).map_err(throw)?;
        let inner = MomoClient::new(config).map_err(throw)?;
        let rsa = match inner.public_key() {
            Some(key) => {
                let der = js_sys::Uint8Array::from(key.spki_der());
                let made = rsa_for.call1(&JsValue::NULL, &der).map_err(|e| {
                    let why = format!("Node's crypto refused the key: {}", js_thrown_text(&e));
                    throw(MomoError::new(ErrorCode::InvalidKey, "publicKey", why))
                })?;
                Some(made.dyn_into::<js_sys::Function>().map_err(|_| {
                    throw(MomoError::new(
                        ErrorCode::Internal,
                        "publicKey",
                        "rsaFor did not return a function",
                    ))
                })?)
            }
            None => None,
        };
        Ok(WasmClient { inner, rsa })
    }

    /// A summary of the configuration without any secret (for inspection).
    pub fn summary(&self) -> JsResult<JsValue> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Summary<'a> {
            environment: momo_core::Environment,
            partner_code: Option<&'a str>,
            partner_id: Option<&'a str>,
            client_id: Option<&'a str>,
            gateway_base_url: Option<&'a str>,
            business_base_url: Option<&'a str>,
            gift_base_url: Option<&'a str>,
            lang: momo_core::Lang,
        }
        let c = self.inner.config();
        output(&Summary {
            environment: c.environment,
            partner_code: c.partner_code.as_deref(),
            partner_id: c.partner_id.as_deref(),
            client_id: c.client_id.as_deref(),
            gateway_base_url: c.gateway_base_url.as_deref(),
            business_base_url: c.business_base_url.as_deref(),
            gift_base_url: c.gift_base_url.as_deref(),
            lang: c.lang,
        })
        .map_err(throw)
    }

    /// Prepares tokenization/create.
    #[wasm_bindgen(js_name = tokenizationCreate)]
    pub fn tokenization_create(&self, req: JsValue) -> JsResult<JsValue> {
        request(input(req).and_then(|r| self.inner.tokenization_create(&r)))
    }

    /// Prepares tokenization/pay (token RSA-encrypted, then signed).
    #[wasm_bindgen(js_name = tokenizationPay)]
    pub fn tokenization_pay(&self, req: JsValue) -> JsResult<JsValue> {
        let rsa = HostRsa(self.rsa.as_ref());
        request(input(req).and_then(|r| self.inner.tokenization_pay_with(&r, &rsa)))
    }

    /// Prepares create (the one-time payment: QR code, payment page).
    #[wasm_bindgen(js_name = createPayment)]
    pub fn create_payment(&self, req: JsValue) -> JsResult<JsValue> {
        request(input::<CreatePaymentRequest>(req).and_then(|r| self.inner.create_payment(&r)))
    }

    /// Prepares query.
    pub fn query(&self, req: JsValue) -> JsResult<JsValue> {
        request(input(req).and_then(|r| self.inner.query(&r)))
    }

    /// Prepares confirm (capture or cancel).
    pub fn confirm(&self, req: JsValue) -> JsResult<JsValue> {
        request(input(req).and_then(|r| self.inner.confirm(&r)))
    }

    /// Prepares refund.
    pub fn refund(&self, req: JsValue) -> JsResult<JsValue> {
        request(input(req).and_then(|r| self.inner.refund(&r)))
    }

    /// Prepares the Business Page login.
    pub fn login(&self) -> JsResult<JsValue> {
        request(self.inner.login())
    }

    /// Prepares voucher redeem-status with the token checked at `nowMs`.
    #[wasm_bindgen(js_name = redeemStatus)]
    pub fn redeem_status(
        &self,
        req: JsValue,
        token: &WasmAccessToken,
        now_ms: JsValue,
    ) -> JsResult<JsValue> {
        request(input(req).and_then(|req| {
            let now = int_at(now_ms, "nowMs")?;
            self.inner.redeem_status(&req, &token.inner, now)
        }))
    }

    /// Prepares Create Gift (plaintext body).
    #[wasm_bindgen(js_name = giftCreate)]
    pub fn gift_create(&self, req: JsValue) -> JsResult<JsValue> {
        request(input(req).and_then(|r| self.inner.gift_create(&r)))
    }

    /// Prepares Gift CheckStatus (plaintext body).
    #[wasm_bindgen(js_name = giftStatus)]
    pub fn gift_status(&self, req: JsValue) -> JsResult<JsValue> {
        request(input(req).and_then(|r| self.inner.gift_status(&r)))
    }

    /// Prepares Gift Get Trans (plaintext body).
    #[wasm_bindgen(js_name = giftGetTrans)]
    pub fn gift_get_trans(&self, req: JsValue) -> JsResult<JsValue> {
        request(input(req).and_then(|r| self.inner.gift_get_trans(&r)))
    }

    /// Verifies a payment notification body (constant-time HMAC check);
    /// with options `{ nowMs, toleranceMs }` (else null), also the core's
    /// freshness check.
    #[wasm_bindgen(js_name = verifyIpn)]
    pub fn verify_ipn(&self, body: JsValue, options: JsValue) -> JsResult<JsValue> {
        run(text_at(body, "body").and_then(|body| {
            if options.is_null() || options.is_undefined() {
                self.inner.verify_ipn(&body)
            } else if options.is_object() && !js_sys::Array::is_array(&options) {
                let fresh: Freshness = input(options)?;
                self.inner
                    .verify_ipn_fresh(&body, fresh.now_ms, fresh.tolerance_ms)
            } else {
                Err(MomoError::new(
                    ErrorCode::InvalidInput,
                    "options",
                    "must be an object { nowMs, toleranceMs }",
                ))
            }
        }))
    }
}

#[wasm_bindgen]
impl WasmClient {
    /// Verifies the redirect's query string (raw, with or without `?`):
    /// the core splits and percent-decodes it.
    #[wasm_bindgen(js_name = verifyRedirect)]
    pub fn verify_redirect(&self, query: JsValue) -> JsResult<JsValue> {
        run(text_at(query, "query").and_then(|q| self.inner.verify_redirect(&q)))
    }

    /// Verifies the redirect's parameters already decoded by the host: an
    /// array of `[name, value]` string pairs, duplicates kept.
    #[wasm_bindgen(js_name = verifyRedirectParams)]
    pub fn verify_redirect_params(&self, pairs: JsValue) -> JsResult<JsValue> {
        run(model_at::<Vec<(String, String)>>(pairs, "params")
            .and_then(|p| self.inner.verify_redirect_params(p)))
    }
}

/// The options of `verifyIpn(body, { nowMs, toleranceMs })`: both or
/// neither (the core checks their values).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Freshness {
    #[serde(deserialize_with = "momo_core::lenient::integer")]
    now_ms: i64,
    #[serde(deserialize_with = "momo_core::lenient::integer")]
    tolerance_ms: i64,
}

// ------------------------------------------------------------ access token

/// A Business Page access token. Wrapped by the JS `AccessToken` class.
#[wasm_bindgen]
pub struct WasmAccessToken {
    inner: AccessToken,
}

#[wasm_bindgen]
impl WasmAccessToken {
    /// A token that expires at `expiresAtMs` (e.g. restored from a cache).
    /// The token's text moves into the core's `Secret`, zeroed when
    /// dropped.
    #[wasm_bindgen(constructor)]
    pub fn new(token: JsValue, expires_at_ms: JsValue) -> JsResult<WasmAccessToken> {
        let token = text_at(token, "token").map_err(throw)?;
        let expires = int_at(expires_at_ms, "expiresAtMs").map_err(throw)?;
        Ok(WasmAccessToken {
            inner: AccessToken::new(token, expires),
        })
    }

    /// When the token expires, epoch milliseconds.
    #[wasm_bindgen(js_name = expiresAtMs)]
    pub fn expires_at_ms(&self) -> f64 {
        // Core expiries are epoch ms (well within 2^53).
        self.inner.expires_at_ms() as f64
    }

    /// The token text, for storing in a cache. Made into a JS string
    /// straight from the token's own bytes: no copy is left in wasm memory.
    pub fn expose(&self) -> JsValue {
        JsValue::from_str(self.inner.expose())
    }

    /// True when the token is expired at `nowMs`.
    #[wasm_bindgen(js_name = isExpired)]
    pub fn is_expired(&self, now_ms: JsValue) -> JsResult<bool> {
        let now = int_at(now_ms, "nowMs").map_err(throw)?;
        Ok(self.inner.is_expired(now))
    }

    /// True when the token expires within `marginMs` (null: the core's
    /// `DEFAULT_REFRESH_MARGIN_MS`) of `nowMs`.
    #[wasm_bindgen(js_name = needsRefresh)]
    pub fn needs_refresh(&self, now_ms: JsValue, margin_ms: JsValue) -> JsResult<bool> {
        let now = int_at(now_ms, "nowMs").map_err(throw)?;
        let margin = opt_int_at(margin_ms, "marginMs")
            .map_err(throw)?
            .unwrap_or(business::DEFAULT_REFRESH_MARGIN_MS);
        Ok(self.inner.needs_refresh(now, margin))
    }

    /// `Bearer <token>`, or TOKEN_EXPIRED at `nowMs`. The Rust copy is
    /// zeroed once JS has its string.
    pub fn authorization(&self, now_ms: JsValue) -> JsResult<JsValue> {
        let now = int_at(now_ms, "nowMs").map_err(throw)?;
        let mut bearer = self.inner.authorization(now).map_err(throw)?;
        Ok(read_secret(&mut bearer, |b| JsValue::from_str(b)))
    }
}

// ------------------------------------------------------------ parsers

/// The `(status, bodyText)` arguments of a parser.
fn status_and_body(status: JsValue, body: JsValue) -> Result<(u16, String), MomoError> {
    Ok((model_at(status, "status")?, text_at(body, "body")?))
}

macro_rules! parser {
    ($(#[$doc:meta])* $js:ident, $rust:ident, $core:path) => {
        $(#[$doc])*
        #[wasm_bindgen(js_name = $js)]
        pub fn $rust(status: JsValue, body: JsValue) -> JsResult<JsValue> {
            run(status_and_body(status, body).and_then(|(status, body)| $core(status, &body)))
        }
    };
}

parser!(
    /// Parses the answer of tokenization/create.
    parseTokenizationCreate, parse_tokenization_create, momo_core::parse_tokenization_create
);
parser!(
    /// Parses the answer of tokenization/pay.
    parseTokenizationPay, parse_tokenization_pay, momo_core::parse_tokenization_pay
);
parser!(
    /// Parses the answer of create (the one-time payment).
    parseCreatePayment, parse_create_payment, momo_core::parse_create_payment
);
parser!(
    /// Parses the answer of query.
    parseQuery, parse_query, momo_core::parse_query
);
parser!(
    /// Parses the answer of confirm.
    parseConfirm, parse_confirm, momo_core::parse_confirm
);
parser!(
    /// Parses the answer of refund.
    parseRefund, parse_refund, momo_core::parse_refund
);
parser!(
    /// Parses the answer of voucher redeem-status.
    parseRedeemStatus, parse_redeem_status, momo_core::parse_redeem_status
);
parser!(
    /// Parses the (plaintext) answer of Create Gift.
    parseGiftCreate, parse_gift_create, momo_core::parse_gift_create
);
parser!(
    /// Parses the (plaintext) answer of Gift CheckStatus.
    parseGiftStatus, parse_gift_status, momo_core::parse_gift_status
);
parser!(
    /// Parses the (plaintext) answer of Gift Get Trans.
    parseGiftGetTrans, parse_gift_get_trans, momo_core::parse_gift_get_trans
);

/// Parses the Business Page login answer into an access token expiring
/// `expiresIn` after `nowMs`.
#[wasm_bindgen(js_name = parseLogin)]
pub fn parse_login(status: JsValue, body: JsValue, now_ms: JsValue) -> JsResult<WasmAccessToken> {
    let token = status_and_body(status, body)
        .and_then(|(status, body)| Ok((status, body, int_at(now_ms, "nowMs")?)))
        // The answer's text holds the token.
        .and_then(|(status, mut body, now)| {
            read_secret(&mut body, |b| momo_core::parse_login(status, b, now))
        })
        .map_err(throw)?;
    Ok(WasmAccessToken { inner: token })
}

// ------------------------------------------------------------ payment tracker
//
// The JS `PaymentTracker` holds the core's stored form (its serde
// serialization, plain JS data); each event crosses with it and comes back
// with the new stored form and the step. The JS side keeps no state of its
// own and survives a retired instance unchanged.

/// What a notification event needs from a verified notification (what
/// `verifyIpn` or `verifyRedirect` returned; its other fields are ignored).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NotificationArg {
    #[serde(default, deserialize_with = "momo_core::lenient::opt_integer")]
    trans_id: Option<i64>,
    /// The core's own `Outcome`, read back as a parser wrote it.
    outcome: Outcome,
}

/// One event as the JS tracker's methods pass it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct EventArg {
    event: String,
    #[serde(deserialize_with = "momo_core::lenient::integer")]
    now_ms: i64,
    #[serde(default)]
    outcome: Option<Outcome>,
    #[serde(default)]
    notification: Option<NotificationArg>,
    #[serde(default)]
    request_type: Option<ConfirmRequestType>,
}

fn required<T>(value: Option<T>, field: &str) -> Result<T, MomoError> {
    value.ok_or_else(|| MomoError::new(ErrorCode::Required, field, "is required"))
}

impl EventArg {
    fn into_core(self) -> Result<TrackerEvent, MomoError> {
        let now_ms = self.now_ms;
        let outcome = |o: Option<Outcome>| required(o, "outcome");
        Ok(match self.event.as_str() {
            "createAnswered" => TrackerEvent::CreateAnswered {
                outcome: outcome(self.outcome)?,
                now_ms,
            },
            "payAnswered" => TrackerEvent::PayAnswered {
                outcome: outcome(self.outcome)?,
                now_ms,
            },
            "refundAnswered" => TrackerEvent::RefundAnswered {
                outcome: outcome(self.outcome)?,
                now_ms,
            },
            "queryAnswered" => TrackerEvent::QueryAnswered {
                outcome: outcome(self.outcome)?,
                now_ms,
            },
            "notified" => {
                let n = required(self.notification, "notification")?;
                TrackerEvent::Notified {
                    trans_id: n.trans_id,
                    outcome: n.outcome,
                    now_ms,
                }
            }
            "confirmAnswered" => TrackerEvent::ConfirmAnswered {
                request_type: required(self.request_type, "requestType")?,
                outcome: outcome(self.outcome)?,
                now_ms,
            },
            "transportTimeout" => TrackerEvent::TransportTimeout { now_ms },
            "tick" => TrackerEvent::Tick { now_ms },
            _ => {
                return Err(MomoError::new(
                    ErrorCode::InvalidEnum,
                    "event",
                    "is not a tracker event",
                ))
            }
        })
    }
}

/// A stored tracker (`tracker.toJSON()`), read by the core's serde form.
fn tracker_at(value: JsValue) -> Result<PaymentTracker, MomoError> {
    model_at::<PaymentTracker>(value, "tracker")
}

/// A new tracker's stored form.
#[wasm_bindgen(js_name = trackerNew)]
pub fn tracker_new(operation: JsValue, expires_at_ms: JsValue) -> JsResult<JsValue> {
    run((|| {
        let operation: TrackedOperation = model_at(operation, "operation")?;
        let expires = int_at(expires_at_ms, "expiresAtMs")?;
        Ok(PaymentTracker::new(operation, expires))
    })())
}

/// A stored tracker checked and written back in the core's form.
#[wasm_bindgen(js_name = trackerRestore)]
pub fn tracker_restore(stored: JsValue) -> JsResult<JsValue> {
    run(tracker_at(stored))
}

/// Feeds one event to a stored tracker: the new stored form and the core's
/// step.
#[wasm_bindgen(js_name = trackerHandle)]
pub fn tracker_handle(stored: JsValue, event: JsValue) -> JsResult<JsValue> {
    #[derive(Serialize)]
    struct Handled {
        tracker: PaymentTracker,
        step: Step,
    }
    run((|| {
        let mut tracker = tracker_at(stored)?;
        // The event's fields are the method's arguments: errors name them.
        let event = input::<EventArg>(event)?.into_core()?;
        let step = tracker.handle(event)?;
        Ok(Handled { tracker, step })
    })())
}

/// When an order created at `createdAtMs` with `orderExpireTime` minutes
/// (null: MoMo's default) stops being payable, epoch ms.
#[wasm_bindgen(js_name = orderExpiresAtMs)]
pub fn order_expires_at_ms(
    created_at_ms: JsValue,
    order_expire_time: JsValue,
) -> JsResult<JsValue> {
    run((|| {
        let created = int_at(created_at_ms, "createdAtMs")?;
        let minutes = opt_int_at(order_expire_time, "orderExpireTime")?;
        Ok(schedule::order_expires_at_ms(created, minutes))
    })())
}

// ------------------------------------------------------------ helpers of the core

/// Checks a saleInfo and returns it with every amount filled in.
#[wasm_bindgen(js_name = computeSaleInfo)]
pub fn compute_sale_info(sale: JsValue) -> JsResult<JsValue> {
    run(input::<SaleInfo>(sale).and_then(|s| s.computed()))
}

/// Encodes JSON object text as extraData (kept byte for byte).
#[wasm_bindgen(js_name = encodeExtraData)]
pub fn encode_extra_data(json_object: JsValue) -> JsResult<String> {
    text_at(json_object, "extraData")
        .and_then(|t| extra_data::encode(&t))
        .map_err(throw)
}

/// Encodes a JS object as compact JSON in base64.
#[wasm_bindgen(js_name = encodeExtraDataValue)]
pub fn encode_extra_data_value(object: JsValue) -> JsResult<String> {
    model_at::<serde_json::Value>(object, "extraData")
        .and_then(|v| extra_data::encode_value(&v))
        .map_err(throw)
}

/// Decodes extraData to its JSON object text (`{}` when empty).
#[wasm_bindgen(js_name = decodeExtraData)]
pub fn decode_extra_data(extra: JsValue) -> JsResult<String> {
    text_at(extra, "extraData")
        .and_then(|t| extra_data::decode(&t))
        .map_err(throw)
}

/// A new requestId (UUID v4).
#[wasm_bindgen(js_name = newRequestId)]
pub fn new_request_id() -> JsResult<String> {
    ids::new_request_id().map_err(throw)
}

/// A new orderId (UUID v4).
#[wasm_bindgen(js_name = newOrderId)]
pub fn new_order_id() -> JsResult<String> {
    ids::new_order_id().map_err(throw)
}

/// A new X-Request-Id (UUID v4).
#[wasm_bindgen(js_name = newXRequestId)]
pub fn new_x_request_id() -> JsResult<String> {
    ids::new_x_request_id().map_err(throw)
}

/// The outcome of a payment gateway resultCode.
#[wasm_bindgen(js_name = outcomeOfPayment)]
pub fn outcome_of_payment(code: JsValue) -> JsResult<JsValue> {
    run(int_at(code, "code").map(Outcome::of_payment))
}

/// The outcome of a per-gift status.
#[wasm_bindgen(js_name = outcomeOfGiftStatus)]
pub fn outcome_of_gift_status(code: JsValue) -> JsResult<JsValue> {
    run(int_at(code, "code").map(Outcome::of_gift_status))
}

/// The outcome of a Gift API resultCode.
#[wasm_bindgen(js_name = outcomeOfGiftResult)]
pub fn outcome_of_gift_result(code: JsValue) -> JsResult<JsValue> {
    run(int_at(code, "code").map(Outcome::of_gift_result))
}

/// The outcome of a call whose response never came: query, same requestId.
#[wasm_bindgen(js_name = transportTimeoutOutcome)]
pub fn transport_timeout_outcome() -> JsResult<JsValue> {
    output(&Outcome::transport_timeout()).map_err(throw)
}

/// The typed per-gift status of a numeric code.
#[wasm_bindgen(js_name = giftStatusCodeOf)]
pub fn gift_status_code_of(code: JsValue) -> JsResult<JsValue> {
    run(int_at(code, "code").map(GiftStatusCode::from_code))
}

/// The request for the next Get Trans page, or `null` after the last one.
#[wasm_bindgen(js_name = giftGetTransNextPage)]
pub fn gift_get_trans_next_page(request: JsValue, response: JsValue) -> JsResult<JsValue> {
    run((|| {
        let request: GiftGetTransRequest = model_at(request, "request")?;
        let response: GiftGetTransResponse = model_at(response, "response")?;
        Ok(request.next_page(&response))
    })())
}

/// One documented code, as JS data.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CodeData {
    code: i64,
    class: momo_core::ResultClass,
    message_vi: &'static str,
    message_en: &'static str,
}

fn code_table(table: &[CodeInfo]) -> JsResult<JsValue> {
    let rows: Vec<CodeData> = table
        .iter()
        .map(|i| CodeData {
            code: i.code,
            class: i.class,
            message_vi: i.message_vi,
            message_en: i.message_en,
        })
        .collect();
    output(&rows).map_err(throw)
}

/// Every documented payment gateway resultCode.
#[wasm_bindgen(js_name = paymentCodes)]
pub fn payment_codes() -> JsResult<JsValue> {
    code_table(PAYMENT_CODES)
}

/// Every documented per-gift status code.
#[wasm_bindgen(js_name = giftStatusCodes)]
pub fn gift_status_codes() -> JsResult<JsValue> {
    code_table(GIFT_STATUS_CODES)
}

/// Every documented Gift API resultCode.
#[wasm_bindgen(js_name = giftResultCodes)]
pub fn gift_result_codes() -> JsResult<JsValue> {
    code_table(GIFT_RESULT_CODES)
}

/// Every stable error code string, in the core's order.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Vec<String> {
    ErrorCode::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect()
}

/// The kind of each error code (`ErrorCode::kind`), in the same order as
/// [`error_codes`]: the wrapper picks a `MomoError` subclass by it.
#[wasm_bindgen(js_name = errorKinds)]
pub fn error_kinds() -> Vec<String> {
    ErrorCode::ALL
        .iter()
        .map(|c| c.kind().as_str().to_owned())
        .collect()
}

/// The HTTP status to answer MoMo after a verified notification (204).
#[wasm_bindgen(js_name = ipnAckStatus)]
pub fn ipn_ack_status() -> u16 {
    gateway::IPN_ACK_STATUS
}

/// Default refresh margin of `needsRefresh`, milliseconds.
#[wasm_bindgen(js_name = defaultRefreshMarginMs)]
pub fn default_refresh_margin_ms() -> f64 {
    // A few minutes in ms: exact as a JS number.
    business::DEFAULT_REFRESH_MARGIN_MS as f64
}

/// The core's depth limit for host values (`momo_core::input::MAX_DEPTH`):
/// the wrapper's snapshot stops there.
#[wasm_bindgen(js_name = maxDepth)]
pub fn max_depth() -> u32 {
    momo_core::input::MAX_DEPTH as u32
}

/// The wasm memory, for the tests that check secrets leave no trace there.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// How a value reads through serde-wasm-bindgen (see
/// [`js_input::describe`]): the Node tests check the wrapper's snapshot
/// against it.
#[wasm_bindgen(js_name = inputProbe)]
pub fn input_probe(value: JsValue) -> JsResult<String> {
    js_input::describe(value).map_err(|e| {
        throw(MomoError::new(
            ErrorCode::InvalidInput,
            "",
            js_error_text(e),
        ))
    })
}

/// Panics on purpose. Under `panic = "abort"` a panic is a wasm trap; the JS
/// wrapper reports it as `MomoError` code `INTERNAL`. The tests call it (as
/// `_panicProbe`) to prove a core bug never escapes as anything else.
#[wasm_bindgen(js_name = panicProbe)]
pub fn panic_probe() {
    panic!("panic probe");
}

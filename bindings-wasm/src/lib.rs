//! WebAssembly bindings of momo-core for Node.js (the npm package
//! `momo-core`).
//!
//! This layer is thin: it converts JS values to core models (see
//! [`value`]), calls the core, and converts the result back to plain JS
//! data. No MoMo rule lives here.
//!
//! Values cross the boundary as JSON text, which is much cheaper than
//! walking JS objects property by property from wasm:
//!
//! - inputs: the JS wrapper (`js/index.js`) sends `JSON.stringify` text;
//!   a number JSON cannot carry exactly (NaN, +-Infinity, an integer past
//!   2^53-1) or a BigInt is sent as a marked string and restored here (see
//!   [`value::restore_numbers`]), so the core sees what JS gave;
//! - outputs: compact JSON text the wrapper `JSON.parse`s (an integer a JS
//!   number cannot hold exactly is refused rather than rounded), and
//!   prepared requests as a small binary frame (see [`frame`]);
//! - failures: thrown as a JS string holding JSON
//!   `{"$momoError":true,code,field,message,momoCode}`, which the wrapper
//!   turns into a `MomoError`.

pub mod value;

use momo_core::gift::{GIFT_RESULT_CODES, GIFT_STATUS_CODES};
use momo_core::input::decode;
use momo_core::result_code::{CodeInfo, PAYMENT_CODES};
use momo_core::{
    business, extra_data, gateway, ids, AccessToken, ClientConfig, ErrorCode, GiftGetTransRequest,
    GiftGetTransResponse, GiftStatusCode, MomoClient, MomoError, Outcome, PreparedRequest,
    SaleInfo,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use value::Value;

/// What every exported function returns: a value, or thrown error data.
type JsResult<T> = Result<T, JsValue>;

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

/// Converts a core error to the JSON text the wrapper turns into a
/// `MomoError`.
fn throw(err: MomoError) -> JsValue {
    let data = ErrorData {
        brand: true,
        code: err.code().as_str(),
        field: err.field(),
        message: err.message(),
        momo_code: err.code().momo_code(),
    };
    match serde_json::to_string(&data) {
        Ok(text) => JsValue::from_str(&text),
        Err(_) => JsValue::from_str(&err.to_string()),
    }
}

/// Reads the JSON text of a JS value (see the module docs) into a
/// [`Value`]. `special` says the text holds marked numbers.
fn to_value(json: &str, special: bool) -> Result<Value, MomoError> {
    let mut value: Value = serde_json::from_str(json).map_err(|e| {
        MomoError::new(
            ErrorCode::InvalidInput,
            "",
            format!("not a JSON-compatible value: {e}"),
        )
    })?;
    if special {
        value::restore_numbers(&mut value)?;
    }
    Ok(value)
}

/// A JS scalar (number, string, boolean, null/undefined) as a [`Value`].
fn scalar(js: &JsValue, field: &str) -> Result<Value, MomoError> {
    if let Some(n) = js.as_f64() {
        Ok(value::number(n))
    } else if let Some(s) = js.as_string() {
        Ok(Value::Str(s))
    } else if let Some(b) = js.as_bool() {
        Ok(Value::Bool(b))
    } else if js.is_null() || js.is_undefined() {
        Ok(Value::Null)
    } else {
        Err(MomoError::new(
            ErrorCode::InvalidInput,
            field,
            "must be a number or a string",
        ))
    }
}

/// Decodes a core model from JSON text with the core's typed errors.
fn input<T: DeserializeOwned>(json: &str, special: bool) -> Result<T, MomoError> {
    decode(to_value(json, special)?)
}

/// Decodes a core model from JSON text; errors name `field` first.
fn input_at<T: DeserializeOwned>(json: &str, special: bool, field: &str) -> Result<T, MomoError> {
    input(json, special).map_err(|e| e.within(field))
}

/// A whole number (epoch ms, codes): the core's lenient integer rules.
#[derive(Deserialize)]
struct Int(#[serde(deserialize_with = "momo_core::lenient::integer")] i64);

fn int_at(js: &JsValue, field: &str) -> Result<i64, MomoError> {
    decode::<Int, _>(scalar(js, field)?)
        .map(|i| i.0)
        .map_err(|e| e.within(field))
}

/// Converts a core output to compact JSON text. An integer a JS number
/// cannot hold exactly (past 2^53-1) is refused rather than rounded.
fn output<T: Serialize + ?Sized>(value: &T) -> Result<String, MomoError> {
    let text = serde_json::to_string(value)
        .map_err(|e| MomoError::new(ErrorCode::Internal, "", e.to_string()))?;
    value::check_safe_integers(&text)?;
    Ok(text)
}

/// Runs a core call and converts its result.
fn run<T: Serialize>(result: Result<T, MomoError>) -> JsResult<String> {
    result.and_then(|v| output(&v)).map_err(throw)
}

/// Runs a core call that prepares a request and frames the result for the
/// wrapper (see [`frame`]).
fn request(result: Result<PreparedRequest, MomoError>) -> JsResult<Vec<u8>> {
    result.map(|r| frame(&r)).map_err(throw)
}

/// A prepared request as a compact binary frame the JS wrapper decodes
/// (`prepared` in `js/index.js`): the body is JSON text already, and
/// escaping it into another JSON document cost more than everything else.
///
/// Layout: `sensitiveBody` (u8), has `signatureRaw` (u8), `timeoutMs` (f64
/// LE), then UTF-8 strings as (u32 LE byte length, bytes): method, url,
/// body, requestId, signatureRaw (empty when absent), then the header count
/// (u32 LE) and each header's name and value. `sensitiveBody` (skipped by
/// the core's serde form) lets the wrapper hide a body holding a secret (the
/// login call) from inspection.
fn frame(req: &PreparedRequest) -> Vec<u8> {
    fn put(out: &mut Vec<u8>, text: &str) {
        let len = u32::try_from(text.len()).unwrap_or(u32::MAX);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(text.as_bytes());
    }
    let mut out = Vec::with_capacity(req.body.len() + req.url.len() + 256);
    out.push(u8::from(req.sensitive_body));
    out.push(u8::from(req.signature_raw.is_some()));
    // MoMo's timeouts are seconds to minutes: exact as f64.
    out.extend_from_slice(&(req.timeout_ms as f64).to_le_bytes());
    put(&mut out, &req.method);
    put(&mut out, &req.url);
    put(&mut out, &req.body);
    put(&mut out, &req.request_id);
    put(&mut out, req.signature_raw.as_deref().unwrap_or(""));
    let count = u32::try_from(req.headers.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&count.to_le_bytes());
    for h in &req.headers {
        put(&mut out, &h.name);
        put(&mut out, &h.value);
    }
    out
}

fn text_at(js: &JsValue, field: &str) -> Result<String, MomoError> {
    js.as_string()
        .ok_or_else(|| MomoError::new(ErrorCode::InvalidInput, field, "must be a string"))
}

// ------------------------------------------------------------ client

/// A MoMo client (credentials, MoMo's public key, base URLs). Wrapped by
/// the JS `MomoClient` class.
#[wasm_bindgen]
pub struct WasmClient {
    inner: MomoClient,
}

#[wasm_bindgen]
impl WasmClient {
    /// Validates a `ClientConfig` (JSON text) and builds the client.
    #[wasm_bindgen(constructor)]
    pub fn new(json: &str, special: bool) -> JsResult<WasmClient> {
        let config: ClientConfig = input(json, special).map_err(throw)?;
        let inner = MomoClient::new(config).map_err(throw)?;
        Ok(WasmClient { inner })
    }

    /// A summary of the configuration without any secret (for inspection).
    pub fn summary(&self) -> JsResult<String> {
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
    pub fn tokenization_create(&self, json: &str, special: bool) -> JsResult<Vec<u8>> {
        request(input(json, special).and_then(|r| self.inner.tokenization_create(&r)))
    }

    /// Prepares tokenization/pay (token RSA-encrypted, then signed).
    #[wasm_bindgen(js_name = tokenizationPay)]
    pub fn tokenization_pay(&self, json: &str, special: bool) -> JsResult<Vec<u8>> {
        request(input(json, special).and_then(|r| self.inner.tokenization_pay(&r)))
    }

    /// Prepares query.
    pub fn query(&self, json: &str, special: bool) -> JsResult<Vec<u8>> {
        request(input(json, special).and_then(|r| self.inner.query(&r)))
    }

    /// Prepares confirm (capture or cancel).
    pub fn confirm(&self, json: &str, special: bool) -> JsResult<Vec<u8>> {
        request(input(json, special).and_then(|r| self.inner.confirm(&r)))
    }

    /// Prepares refund.
    pub fn refund(&self, json: &str, special: bool) -> JsResult<Vec<u8>> {
        request(input(json, special).and_then(|r| self.inner.refund(&r)))
    }

    /// Prepares the Business Page login.
    pub fn login(&self) -> JsResult<Vec<u8>> {
        request(self.inner.login())
    }

    /// Prepares voucher redeem-status with the token checked at `nowMs`.
    #[wasm_bindgen(js_name = redeemStatus)]
    pub fn redeem_status(
        &self,
        json: &str,
        special: bool,
        token: &WasmAccessToken,
        now_ms: JsValue,
    ) -> JsResult<Vec<u8>> {
        request(input(json, special).and_then(|r| {
            let now = int_at(&now_ms, "nowMs")?;
            self.inner.redeem_status(&r, &token.inner, now)
        }))
    }

    /// Prepares Create Gift (plaintext body).
    #[wasm_bindgen(js_name = giftCreate)]
    pub fn gift_create(&self, json: &str, special: bool) -> JsResult<Vec<u8>> {
        request(input(json, special).and_then(|r| self.inner.gift_create(&r)))
    }

    /// Prepares Gift CheckStatus (plaintext body).
    #[wasm_bindgen(js_name = giftStatus)]
    pub fn gift_status(&self, json: &str, special: bool) -> JsResult<Vec<u8>> {
        request(input(json, special).and_then(|r| self.inner.gift_status(&r)))
    }

    /// Prepares Gift Get Trans (plaintext body).
    #[wasm_bindgen(js_name = giftGetTrans)]
    pub fn gift_get_trans(&self, json: &str, special: bool) -> JsResult<Vec<u8>> {
        request(input(json, special).and_then(|r| self.inner.gift_get_trans(&r)))
    }

    /// Verifies a payment notification body (constant-time HMAC check).
    #[wasm_bindgen(js_name = verifyIpn)]
    pub fn verify_ipn(&self, body: JsValue) -> JsResult<String> {
        run(text_at(&body, "body").and_then(|b| self.inner.verify_ipn(&b)))
    }
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
    #[wasm_bindgen(constructor)]
    pub fn new(token: JsValue, expires_at_ms: JsValue) -> JsResult<WasmAccessToken> {
        let token = text_at(&token, "token").map_err(throw)?;
        let expires = int_at(&expires_at_ms, "expiresAtMs").map_err(throw)?;
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

    /// The token text, for storing in a cache.
    pub fn expose(&self) -> String {
        self.inner.expose().to_owned()
    }

    /// True when the token is expired at `nowMs`.
    #[wasm_bindgen(js_name = isExpired)]
    pub fn is_expired(&self, now_ms: JsValue) -> JsResult<bool> {
        let now = int_at(&now_ms, "nowMs").map_err(throw)?;
        Ok(self.inner.is_expired(now))
    }

    /// True when the token expires within `marginMs` (default: the core's
    /// `DEFAULT_REFRESH_MARGIN_MS`) of `nowMs`.
    #[wasm_bindgen(js_name = needsRefresh)]
    pub fn needs_refresh(&self, now_ms: JsValue, margin_ms: JsValue) -> JsResult<bool> {
        let now = int_at(&now_ms, "nowMs").map_err(throw)?;
        let margin = if margin_ms.is_undefined() || margin_ms.is_null() {
            business::DEFAULT_REFRESH_MARGIN_MS
        } else {
            int_at(&margin_ms, "marginMs").map_err(throw)?
        };
        Ok(self.inner.needs_refresh(now, margin))
    }

    /// `Bearer <token>`, or TOKEN_EXPIRED at `nowMs`.
    pub fn authorization(&self, now_ms: JsValue) -> JsResult<String> {
        let now = int_at(&now_ms, "nowMs").map_err(throw)?;
        self.inner.authorization(now).map_err(throw)
    }
}

// ------------------------------------------------------------ parsers

fn status_at(js: &JsValue) -> Result<u16, MomoError> {
    decode::<u16, _>(scalar(js, "status")?).map_err(|e| e.within("status"))
}

macro_rules! parser {
    ($(#[$doc:meta])* $js:ident, $rust:ident, $core:path) => {
        $(#[$doc])*
        #[wasm_bindgen(js_name = $js)]
        pub fn $rust(status: JsValue, body: JsValue) -> JsResult<String> {
            run(status_at(&status).and_then(|s| {
                let body = text_at(&body, "body")?;
                $core(s, &body)
            }))
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
    let token = status_at(&status)
        .and_then(|s| {
            let body = text_at(&body, "body")?;
            let now = int_at(&now_ms, "nowMs")?;
            momo_core::parse_login(s, &body, now)
        })
        .map_err(throw)?;
    Ok(WasmAccessToken { inner: token })
}

// ------------------------------------------------------------ helpers of the core

/// Checks a saleInfo and returns it with every amount filled in.
#[wasm_bindgen(js_name = computeSaleInfo)]
pub fn compute_sale_info(json: &str, special: bool) -> JsResult<String> {
    run(input::<SaleInfo>(json, special).and_then(|s| s.computed()))
}

/// Encodes JSON object text as extraData (kept byte for byte).
#[wasm_bindgen(js_name = encodeExtraData)]
pub fn encode_extra_data(json_object: JsValue) -> JsResult<String> {
    text_at(&json_object, "extraData")
        .and_then(|t| extra_data::encode(&t))
        .map_err(throw)
}

/// Encodes a JS object as compact JSON in base64.
#[wasm_bindgen(js_name = encodeExtraDataValue)]
pub fn encode_extra_data_value(json: &str, special: bool) -> JsResult<String> {
    input_at::<serde_json::Value>(json, special, "extraData")
        .and_then(|v| extra_data::encode_value(&v))
        .map_err(throw)
}

/// Decodes extraData to its JSON object text (`{}` when empty).
#[wasm_bindgen(js_name = decodeExtraData)]
pub fn decode_extra_data(extra: JsValue) -> JsResult<String> {
    text_at(&extra, "extraData")
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
pub fn outcome_of_payment(code: JsValue) -> JsResult<String> {
    run(int_at(&code, "code").map(Outcome::of_payment))
}

/// The outcome of a per-gift status.
#[wasm_bindgen(js_name = outcomeOfGiftStatus)]
pub fn outcome_of_gift_status(code: JsValue) -> JsResult<String> {
    run(int_at(&code, "code").map(Outcome::of_gift_status))
}

/// The outcome of a Gift API resultCode.
#[wasm_bindgen(js_name = outcomeOfGiftResult)]
pub fn outcome_of_gift_result(code: JsValue) -> JsResult<String> {
    run(int_at(&code, "code").map(Outcome::of_gift_result))
}

/// The outcome of a call whose response never came: query, same requestId.
#[wasm_bindgen(js_name = transportTimeoutOutcome)]
pub fn transport_timeout_outcome() -> JsResult<String> {
    output(&Outcome::transport_timeout()).map_err(throw)
}

/// The typed per-gift status of a numeric code.
#[wasm_bindgen(js_name = giftStatusCodeOf)]
pub fn gift_status_code_of(code: JsValue) -> JsResult<String> {
    run(int_at(&code, "code").map(GiftStatusCode::from_code))
}

/// The request for the next Get Trans page, or `null` after the last one.
#[wasm_bindgen(js_name = giftGetTransNextPage)]
pub fn gift_get_trans_next_page(
    request_json: &str,
    request_special: bool,
    response_json: &str,
    response_special: bool,
) -> JsResult<String> {
    let request: GiftGetTransRequest =
        input_at(request_json, request_special, "request").map_err(throw)?;
    let response: GiftGetTransResponse =
        input_at(response_json, response_special, "response").map_err(throw)?;
    output(&request.next_page(&response)).map_err(throw)
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

fn code_table(table: &[CodeInfo]) -> JsResult<String> {
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
pub fn payment_codes() -> JsResult<String> {
    code_table(PAYMENT_CODES)
}

/// Every documented per-gift status code.
#[wasm_bindgen(js_name = giftStatusCodes)]
pub fn gift_status_codes() -> JsResult<String> {
    code_table(GIFT_STATUS_CODES)
}

/// Every documented Gift API resultCode.
#[wasm_bindgen(js_name = giftResultCodes)]
pub fn gift_result_codes() -> JsResult<String> {
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

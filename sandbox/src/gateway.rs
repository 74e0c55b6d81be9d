//! Payment gateway endpoints under `/v2/gateway/api/`: tokenization/create,
//! tokenization/pay, query, confirm and refund (create, the one-time
//! payment, is in [`crate::onetime`]).
//!
//! Every request goes through the same gate: a bounded JSON body, typed
//! fields (numbers may come as strings, as in MoMo's examples), the
//! sandbox's partnerCode, then the HMAC signature over the text that was
//! sent (resultCode 20 echoes the raw string the sandbox signed). After the
//! signature, requestId is the idempotency key: the same requestId with the
//! same body replays the stored answer, with another body it is resultCode
//! 40. Answers of the rejected class (20, 21, 22, 40, 41, 42, 47, ...) come
//! with HTTP 400, every other answer with HTTP 200.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use momo_core::amount::{PAY_MAX, PAY_MIN, REFUND_MAX, REFUND_MIN};
use momo_core::result_code::{payment_code, ResultClass};
use momo_core::{extra_data, input, lenient, signing, validate, Lang, MomoError};
use rsa::{Pkcs1v15Encrypt, PrivateKey};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{json, Map, Value};

use crate::http::{read_json, Reply};
use crate::ipn::{self, IpnJob};
use crate::state::{now_ms, Counters, Inner, PayToken, Payment, Recorded, RefundRecord, Shared};
use crate::triggers;

const CREATE: &str = "tokenization/create";
const PAY: &str = "tokenization/pay";
const CONFIRM: &str = "confirm";
const REFUND: &str = "refund";

/// Signed body fields per endpoint (accessKey is added from the config).
const CREATE_SIGNED: &[&str] = &[
    "orderId",
    "partnerCode",
    "referenceCode",
    "requestId",
    "subPartnerCode",
];
const PAY_SIGNED: &[&str] = &[
    "amount",
    "extraData",
    "orderId",
    "orderInfo",
    "partnerClientId",
    "partnerCode",
    "requestId",
    "token",
];
const QUERY_SIGNED: &[&str] = &["orderId", "partnerCode", "requestId"];
const CONFIRM_SIGNED: &[&str] = &[
    "amount",
    "description",
    "orderId",
    "partnerCode",
    "requestId",
    "requestType",
];
const REFUND_SIGNED: &[&str] = &[
    "amount",
    "description",
    "orderId",
    "partnerCode",
    "requestId",
    "transId",
];

/// The fields every gateway request carries.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Common {
    partner_code: String,
    request_id: String,
    signature: String,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateWire {
    order_id: String,
    reference_code: String,
    #[serde(default)]
    store_id: Option<String>,
    #[serde(default)]
    sub_partner_code: Option<String>,
    #[serde(deserialize_with = "lenient::integer")]
    request_time: i64,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct PayWire {
    order_id: String,
    token: String,
    #[serde(deserialize_with = "lenient::amount")]
    amount: i64,
    order_info: String,
    #[serde(default)]
    partner_client_id: Option<String>,
    #[serde(default)]
    extra_data: Option<String>,
    #[serde(default)]
    auto_capture: Option<bool>,
    #[serde(deserialize_with = "lenient::integer")]
    request_time: i64,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct QueryWire {
    order_id: String,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConfirmWire {
    order_id: String,
    request_type: String,
    #[serde(deserialize_with = "lenient::amount")]
    amount: i64,
    #[serde(default)]
    description: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct RefundWire {
    order_id: String,
    #[serde(deserialize_with = "lenient::integer")]
    trans_id: i64,
    #[serde(deserialize_with = "lenient::amount")]
    amount: i64,
    #[serde(default)]
    description: Option<String>,
}

/// A gateway answer before it becomes JSON.
pub(crate) struct Answer {
    code: i64,
    detail: Option<String>,
    fields: Map<String, Value>,
}

impl Answer {
    pub(crate) fn new(code: i64, echo: &Map<String, Value>) -> Self {
        Self {
            code,
            detail: None,
            fields: echo.clone(),
        }
    }

    pub(crate) fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub(crate) fn with(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.fields.insert(name.to_owned(), value.into());
        self
    }

    /// The JSON reply: MoMo's message for the code (plus the detail), HTTP
    /// 400 for the rejected class, 200 otherwise.
    fn reply(mut self, lang: Lang) -> Reply {
        let info = payment_code(self.code);
        let base = info.map_or("", |i| i.message(lang));
        let message = match (&self.detail, base.is_empty()) {
            (Some(d), true) => d.clone(),
            (Some(d), false) => format!("{base} {d}"),
            (None, _) => base.to_owned(),
        };
        let status = if info.is_some_and(|i| i.class == ResultClass::Rejected) {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::OK
        };
        let order = self
            .fields
            .get("orderId")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        self.fields.insert("resultCode".into(), self.code.into());
        self.fields.insert("message".into(), message.into());
        self.fields.insert("responseTime".into(), now_ms().into());
        let note = match &self.detail {
            Some(d) => format!("resultCode={} orderId={order} ({d})", self.code),
            None => format!("resultCode={} orderId={order}", self.code),
        };
        Reply::json(status, &Value::Object(self.fields), note)
    }
}

/// A request that passed the gate.
pub(crate) struct Incoming<W> {
    /// The typed body.
    pub wire: W,
    pub request_id: String,
    /// The body as JSON.
    pub value: Value,
    pub lang: Lang,
    /// partnerCode, requestId and orderId as sent, echoed in answers.
    pub echo: Map<String, Value>,
}

/// What a signed call's rules decided: the answer, a notification to
/// queue, and whether the answer waits `--slow-ms`.
pub(crate) struct Ruled {
    pub answer: Answer,
    pub job: Option<IpnJob>,
    pub slow: bool,
}

impl From<(Answer, Option<IpnJob>)> for Ruled {
    fn from((answer, job): (Answer, Option<IpnJob>)) -> Self {
        Self {
            answer,
            job,
            slow: false,
        }
    }
}

/// A `MomoError` as one line: `field: message (CODE)`.
pub(crate) fn error_text(e: &MomoError) -> String {
    if e.field().is_empty() {
        format!("{} ({})", e.message(), e.code())
    } else {
        format!("{}: {} ({})", e.field(), e.message(), e.code())
    }
}

/// The text of a body field as it appears in the raw signature string:
/// strings unquoted, numbers and booleans exactly as sent, null as empty.
fn scalar_text(raw: &RawValue) -> String {
    let text = raw.get();
    if text.starts_with('"') {
        serde_json::from_str::<String>(text).unwrap_or_default()
    } else if text == "null" {
        String::new()
    } else {
        text.to_owned()
    }
}

/// Reads the body; a body error is resultCode 20 with 413/415/400.
async fn read(shared: &Shared, headers: &HeaderMap, body: Body) -> Result<String, Reply> {
    read_json(shared.options.max_body_bytes, headers, body)
        .await
        .map_err(|e| {
            let mut reply = Answer::new(20, &Map::new())
                .detail(e.detail())
                .reply(Lang::Vi);
            reply.status = e.status();
            reply
        })
}

/// The gate: JSON object, typed fields, partnerCode, signature.
fn admit<W: serde::de::DeserializeOwned>(
    shared: &Shared,
    text: &str,
    signed: &[&str],
) -> Result<Incoming<W>, Reply> {
    let none = Map::new();
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Answer::new(20, &none)
            .detail(format!("body is not JSON: {e}"))
            .reply(Lang::Vi)
    })?;
    let Some(object) = value.as_object() else {
        return Err(Answer::new(20, &none)
            .detail("body must be a JSON object")
            .reply(Lang::Vi));
    };
    let lang = if object.get("lang").and_then(Value::as_str) == Some("en") {
        Lang::En
    } else {
        Lang::Vi
    };
    let mut echo = Map::new();
    for name in ["partnerCode", "requestId", "orderId"] {
        if let Some(Value::String(s)) = object.get(name) {
            echo.insert(name.to_owned(), Value::String(s.clone()));
        }
    }
    let reject = |detail: String| Answer::new(20, &echo).detail(detail).reply(lang);
    let common: Common = input::from_json(text).map_err(|e| reject(error_text(&e)))?;
    let wire: W = input::from_json(text).map_err(|e| reject(error_text(&e)))?;
    if let Some(bad) = object
        .get("lang")
        .filter(|l| !matches!(l.as_str(), Some("vi" | "en")))
    {
        return Err(reject(format!("lang: must be \"vi\" or \"en\", got {bad}")));
    }
    if common.partner_code != shared.credentials.partner_code {
        return Err(Answer::new(13, &echo)
            .detail(format!(
                "unknown partnerCode {:?}; the sandbox's is {:?} (GET /sandbox/credentials)",
                common.partner_code, shared.credentials.partner_code
            ))
            .reply(lang));
    }
    validate::request_id("requestId", &common.request_id).map_err(|e| reject(error_text(&e)))?;
    let raw_fields: HashMap<String, &RawValue> =
        serde_json::from_str(text).map_err(|e| reject(format!("body: {e}")))?;
    let texts: Vec<(&str, String)> = signed
        .iter()
        .map(|name| {
            (
                *name,
                raw_fields
                    .get(*name)
                    .map_or_else(String::new, |r| scalar_text(r)),
            )
        })
        .collect();
    let mut fields: Vec<(&str, &str)> = texts.iter().map(|(n, v)| (*n, v.as_str())).collect();
    fields.push(("accessKey", shared.credentials.access_key.as_str()));
    let raw = signing::raw_string(&fields);
    if !signing::verify(&shared.secret, &raw, &common.signature) {
        return Err(reject(format!(
            "Signature mismatch: HMAC-SHA256 with the secretKey over the raw string the sandbox expects: {raw}"
        )));
    }
    Ok(Incoming {
        wire,
        request_id: common.request_id,
        value,
        lang,
        echo,
    })
}

/// Same requestId: the stored answer for the same body, 40 otherwise.
fn replay<W>(
    shared: &Shared,
    st: &Inner,
    endpoint: &'static str,
    inc: &Incoming<W>,
) -> Option<Reply> {
    let rec = st.replays.get(&inc.request_id)?;
    if rec.endpoint == endpoint && rec.body == inc.value {
        Counters::bump(&shared.counters.replays);
        let mut reply = rec.reply.clone();
        reply.note = format!("replay: {}", reply.note);
        return Some(reply);
    }
    let what = if rec.endpoint == endpoint {
        "with a different body".to_owned()
    } else {
        format!("on {}", rec.endpoint)
    };
    Some(
        Answer::new(40, &inc.echo)
            .detail(format!(
                "requestId {:?} was already used {what}; a new request needs a new requestId",
                inc.request_id
            ))
            .reply(inc.lang),
    )
}

fn record<W>(st: &mut Inner, endpoint: &'static str, inc: &Incoming<W>, reply: &Reply) {
    st.replays.insert(
        inc.request_id.clone(),
        Recorded {
            endpoint,
            body: inc.value.clone(),
            reply: reply.clone(),
        },
    );
}

/// The pipeline of a signed gateway call: read the body, admit it (JSON,
/// types, partnerCode, signature), then answer with `rules` under the state
/// lock. With `replay_as`, the same requestId replays the stored answer (40
/// for a different body) and the answer is stored; query passes `None` (it is
/// read-only and always answers the current state). A notification the rules
/// produce is queued after the lock is released.
///
/// With `Ruled::slow`, the answer (after the state is stored and the
/// notification queued) waits `--slow-ms`.
pub(crate) async fn signed_call<W: serde::de::DeserializeOwned, R: Into<Ruled>>(
    shared: &Arc<Shared>,
    headers: &HeaderMap,
    body: Body,
    signed: &[&str],
    replay_as: Option<&'static str>,
    rules: impl FnOnce(&Shared, &mut Inner, &Incoming<W>) -> R,
) -> Reply {
    let text = match read(shared, headers, body).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let inc: Incoming<W> = match admit(shared, &text, signed) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let (reply, job, slow) = {
        let mut st = shared.lock();
        if let Some(endpoint) = replay_as {
            if let Some(reply) = replay(shared, &st, endpoint, &inc) {
                return reply;
            }
        }
        let ruled: Ruled = rules(shared, &mut st, &inc).into();
        let reply = ruled.answer.reply(inc.lang);
        if let Some(endpoint) = replay_as {
            record(&mut st, endpoint, &inc, &reply);
        }
        (reply, ruled.job, ruled.slow)
    };
    if let Some(job) = job {
        shared.ipn.send(job);
    }
    if slow {
        tokio::time::sleep(Duration::from_millis(shared.options.slow_ms)).await;
    }
    reply
}

/// `POST /v2/gateway/api/tokenization/create`.
pub(crate) async fn tokenization_create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Body,
) -> Reply {
    signed_call(
        &shared,
        &headers,
        body,
        CREATE_SIGNED,
        Some(CREATE),
        |sh, st, inc| (create_rules(sh, st, inc), None),
    )
    .await
}

fn create_rules(shared: &Shared, st: &mut Inner, inc: &Incoming<CreateWire>) -> Answer {
    let w = &inc.wire;
    let fail = |code: i64, e: MomoError| Answer::new(code, &inc.echo).detail(error_text(&e));
    if let Err(e) = validate::order_id("orderId", &w.order_id) {
        return fail(42, e);
    }
    let checks = validate::required_max("referenceCode", &w.reference_code, 100)
        .and_then(|()| validate::optional_max("subPartnerCode", w.sub_partner_code.as_deref(), 50))
        .and_then(|()| validate::optional_max("storeId", w.store_id.as_deref(), 50));
    if let Err(e) = checks {
        return fail(20, e);
    }
    if w.request_time <= 0 {
        return Answer::new(20, &inc.echo).detail("requestTime: must be epoch milliseconds");
    }
    if st.order_id_taken(&w.order_id) {
        return Answer::new(41, &inc.echo)
            .detail("this orderId was already used; query it before anything else");
    }
    let token = format!("sbxtok{}", hex_id());
    st.pay_tokens.insert(
        token.clone(),
        PayToken {
            order_id: w.order_id.clone(),
            expires_at_ms: now_ms().saturating_add(shared.options.pay_token_ttl_ms),
            used: false,
        },
    );
    st.created.add(w.order_id.clone());
    let user_suffix: String = w
        .reference_code
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    Answer::new(0, &inc.echo)
        .with("token", token)
        .with("promotionInfo", json!([]))
        .with("userInfo", json!({ "name": "*** SANDBOX" }))
        .with("partnerUserId", format!("sbx-user-{user_suffix}"))
}

/// `POST /v2/gateway/api/tokenization/pay`.
pub(crate) async fn tokenization_pay(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Body,
) -> Reply {
    let text = match read(&shared, &headers, body).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let inc: Incoming<PayWire> = match admit(&shared, &text, PAY_SIGNED) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let token = inc.wire.token.clone();
    let key = shared.clone();
    let decrypted = tokio::task::spawn_blocking(move || decrypt_token(&key.key, &token))
        .await
        .unwrap_or_else(|e| Err(format!("token: decryption task failed: {e}")));
    let (reply, job, slow) = {
        let mut st = shared.lock();
        if let Some(reply) = replay(&shared, &st, PAY, &inc) {
            return reply;
        }
        let (answer, job, slow) = pay_rules(&shared, &mut st, &inc, decrypted);
        let reply = answer.reply(inc.lang);
        record(&mut st, PAY, &inc, &reply);
        (reply, job, slow)
    };
    if let Some(job) = job {
        shared.ipn.send(job);
    }
    if slow {
        tokio::time::sleep(Duration::from_millis(shared.options.slow_ms)).await;
    }
    reply
}

/// Decrypts tokenization/pay's `token` (base64 RSA PKCS#1 v1.5) and reads
/// the `{"value":"<token>"}` it must hold.
fn decrypt_token(key: &PrivateKey, token: &str) -> Result<String, String> {
    let ciphertext = STANDARD
        .decode(token.trim())
        .map_err(|e| format!("token: is not standard padded base64 ({e})"))?;
    let plain = key.decrypt(Pkcs1v15Encrypt, &ciphertext).map_err(|_| {
        "token: does not decrypt with the sandbox's RSA key (PKCS#1 v1.5); encrypt \
         {\"value\":\"<token>\"} with publicKeyPem from /sandbox/credentials"
            .to_owned()
    })?;
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Envelope {
        value: String,
    }
    let text = String::from_utf8(plain).map_err(|_| "token: plaintext is not UTF-8".to_owned())?;
    serde_json::from_str::<Envelope>(&text)
        .map(|e| e.value)
        .map_err(|_| "token: the decrypted plaintext is not {\"value\":\"<token>\"}".to_owned())
}

fn pay_rules(
    shared: &Shared,
    st: &mut Inner,
    inc: &Incoming<PayWire>,
    decrypted: Result<String, String>,
) -> (Answer, Option<IpnJob>, bool) {
    let w = &inc.wire;
    let answer = |code: i64| Answer::new(code, &inc.echo).with("amount", w.amount);
    let stop = |a: Answer| (a, None, false);
    let partner_client_id = w.partner_client_id.clone().unwrap_or_default();
    let extra = w.extra_data.clone().unwrap_or_default();
    if let Err(e) = validate::order_id("orderId", &w.order_id) {
        return stop(answer(42).detail(error_text(&e)));
    }
    let checks = validate::required_max("orderInfo", &w.order_info, 255)
        .and_then(|()| validate::max_len("partnerClientId", &partner_client_id, 50))
        .and_then(|()| extra_data::decode(&extra).map(|_| ()));
    if let Err(e) = checks {
        return stop(answer(20).detail(error_text(&e)));
    }
    if w.request_time <= 0 {
        return stop(answer(20).detail("requestTime: must be epoch milliseconds"));
    }
    if !(PAY_MIN..=PAY_MAX).contains(&w.amount) {
        return stop(answer(22).detail(format!(
            "amount: must be between {PAY_MIN} and {PAY_MAX} VND, got {}",
            w.amount
        )));
    }
    if st.payments.contains_key(&w.order_id) {
        return stop(
            answer(41).detail("this orderId already has a payment; query it before anything else"),
        );
    }
    let value = match decrypted {
        Ok(v) => v,
        Err(e) => return stop(answer(20).detail(e)),
    };
    let now = now_ms();
    let Some(token) = st.pay_tokens.get_mut(&value) else {
        return stop(answer(47).detail("token: was not issued by tokenization/create"));
    };
    if token.order_id != w.order_id {
        return stop(answer(42).detail(format!(
            "token: was issued for orderId {:?}, not this one",
            token.order_id
        )));
    }
    if token.used {
        return stop(answer(1005).detail("token: was already used (one-time token)"));
    }
    if now >= token.expires_at_ms {
        return stop(answer(1005).detail(format!(
            "token: expired at {} (now {now})",
            token.expires_at_ms
        )));
    }
    token.used = true;
    let trigger = triggers::pay(w.amount, w.auto_capture);
    let trans_id = shared.trans_id();
    let payment = Payment {
        order_id: w.order_id.clone(),
        request_id: inc.request_id.clone(),
        amount: w.amount,
        trans_id,
        state: trigger.code,
        settles_to: trigger.settles_to,
        order_info: w.order_info.clone(),
        extra_data: extra,
        lang: inc.lang,
        refunded: 0,
        refunds: Vec::new(),
        last_updated_ms: now,
        pay_type: "qr",
        ipn_url: None,
    };
    let job = if trigger.code == 7000 {
        None
    } else {
        ipn::job_for(shared, &payment)
    };
    st.by_trans_id.insert(trans_id, w.order_id.clone());
    st.payments.insert(w.order_id.clone(), payment);
    let a = answer(trigger.code)
        .with("transId", trans_id)
        .with("partnerClientId", partner_client_id)
        .with("promotionInfo", Value::Null);
    (a, job, trigger.slow)
}

/// `POST /v2/gateway/api/query`: read-only, so not subject to requestId
/// replay; it always answers the current state.
pub(crate) async fn query(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Body,
) -> Reply {
    signed_call(&shared, &headers, body, QUERY_SIGNED, None, query_rules).await
}

fn query_rules(
    shared: &Shared,
    st: &mut Inner,
    inc: &Incoming<QueryWire>,
) -> (Answer, Option<IpnJob>) {
    let order_id = &inc.wire.order_id;
    if let Err(e) = validate::order_id("orderId", order_id) {
        return (Answer::new(42, &inc.echo).detail(error_text(&e)), None);
    }
    if let Some(p) = st.payments.get_mut(order_id) {
        let answered = p.state;
        let mut job = None;
        if p.state == 7000 {
            // The first query answers 7000; the payment settles right after.
            p.state = p.settles_to;
            p.last_updated_ms = now_ms();
            job = ipn::job_for(shared, p);
        }
        let refunds: Vec<Value> = p
            .refunds
            .iter()
            .map(|r| {
                json!({
                    "orderId": r.order_id,
                    "amount": r.amount,
                    "resultCode": 0,
                    "transId": r.trans_id,
                    "createdTime": r.created_ms,
                })
            })
            .collect();
        let answer = Answer::new(answered, &inc.echo)
            .with("amount", p.amount)
            .with("transId", p.trans_id)
            .with("extraData", p.extra_data.clone())
            .with("payType", p.pay_type)
            .with("refundTrans", refunds)
            .with("promotionInfo", Value::Null)
            .with("lastUpdated", p.last_updated_ms);
        return (answer, job);
    }
    let expired = st
        .checkout_by_order
        .get(order_id.as_str())
        .and_then(|id| st.checkouts.get(id.as_str()))
        .filter(|c| c.decided.is_none())
        .map(|c| c.expires_at_ms)
        .filter(|at| now_ms() >= *at);
    let answer = if let Some(at) = expired {
        Answer::new(1005, &inc.echo).detail(format!(
            "(the payment page expired at {at} without a payment)"
        ))
    } else if st.checkout_by_order.contains_key(order_id.as_str()) {
        Answer::new(1000, &inc.echo).detail("(create done, waiting on the payment page)")
    } else if st.created.contains(order_id) {
        Answer::new(1000, &inc.echo)
            .detail("(tokenization/create done, waiting for tokenization/pay)")
    } else if st.refund_order_ids.contains(order_id) {
        Answer::new(42, &inc.echo)
            .detail("this is a refund's orderId; query the payment's own orderId")
    } else {
        Answer::new(42, &inc.echo).detail("no payment has this orderId")
    };
    (answer, None)
}

/// `POST /v2/gateway/api/confirm`: capture or cancel an authorized payment.
pub(crate) async fn confirm(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Body,
) -> Reply {
    signed_call(
        &shared,
        &headers,
        body,
        CONFIRM_SIGNED,
        Some(CONFIRM),
        confirm_rules,
    )
    .await
}

fn confirm_rules(
    shared: &Shared,
    st: &mut Inner,
    inc: &Incoming<ConfirmWire>,
) -> (Answer, Option<IpnJob>) {
    let w = &inc.wire;
    let answer = |code: i64| {
        Answer::new(code, &inc.echo)
            .with("requestType", w.request_type.clone())
            .with("amount", w.amount)
    };
    if let Err(e) = validate::order_id("orderId", &w.order_id) {
        return (answer(42).detail(error_text(&e)), None);
    }
    let capture = match w.request_type.as_str() {
        "capture" => true,
        "cancel" => false,
        other => {
            return (
                answer(20).detail(format!(
                    "requestType: must be \"capture\" or \"cancel\", got {other:?}"
                )),
                None,
            )
        }
    };
    if let Err(e) = validate::max_len("description", w.description.as_deref().unwrap_or(""), 255) {
        return (answer(20).detail(error_text(&e)), None);
    }
    if !(PAY_MIN..=PAY_MAX).contains(&w.amount) {
        return (
            answer(22).detail(format!(
                "amount: must be between {PAY_MIN} and {PAY_MAX} VND, got {}",
                w.amount
            )),
            None,
        );
    }
    let Some(p) = st.payments.get_mut(&w.order_id) else {
        return (answer(42).detail("no payment has this orderId"), None);
    };
    if p.state != 9000 {
        return (
            answer(42).detail(format!(
                "the payment is not authorized (its resultCode is {}); confirm needs 9000",
                p.state
            )),
            None,
        );
    }
    if w.amount != p.amount {
        return (
            answer(21).detail(format!(
                "amount: must equal the authorized amount {}, got {}",
                p.amount, w.amount
            )),
            None,
        );
    }
    p.state = if capture { 0 } else { 1003 };
    p.last_updated_ms = now_ms();
    let job = ipn::job_for(shared, p);
    (answer(0).with("transId", p.trans_id), job)
}

/// `POST /v2/gateway/api/refund`: a new orderId, up to what is left.
pub(crate) async fn refund(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Body,
) -> Reply {
    signed_call(
        &shared,
        &headers,
        body,
        REFUND_SIGNED,
        Some(REFUND),
        |sh, st, inc| (refund_rules(sh, st, inc), None),
    )
    .await
}

fn refund_rules(shared: &Shared, st: &mut Inner, inc: &Incoming<RefundWire>) -> Answer {
    let w = &inc.wire;
    let answer = |code: i64| Answer::new(code, &inc.echo).with("amount", w.amount);
    if let Err(e) = validate::order_id("orderId", &w.order_id) {
        return answer(42).detail(error_text(&e));
    }
    if let Err(e) = validate::max_len("description", w.description.as_deref().unwrap_or(""), 255) {
        return answer(20).detail(error_text(&e));
    }
    if !(REFUND_MIN..=REFUND_MAX).contains(&w.amount) {
        return answer(22).detail(format!(
            "amount: must be between {REFUND_MIN} and {REFUND_MAX} VND, got {}",
            w.amount
        ));
    }
    if st.order_id_taken(&w.order_id) {
        return answer(41).detail(
            "this orderId was already used; a refund needs a NEW orderId, not the payment's",
        );
    }
    let Some(order_id) = st.by_trans_id.get(&w.trans_id).cloned() else {
        return answer(42).detail(format!("transId: no payment has transId {}", w.trans_id));
    };
    let Some(p) = st.payments.get_mut(&order_id) else {
        return answer(42).detail(format!("transId: no payment has transId {}", w.trans_id));
    };
    if p.state != 0 {
        return answer(1088).detail(format!(
            "(the payment's resultCode is {}; only a settled payment (0) can be refunded)",
            p.state
        ));
    }
    let left = p.amount - p.refunded;
    if left == 0 {
        return answer(1081).detail("(the payment was already refunded in full)");
    }
    if w.amount > left {
        return answer(22).detail(format!(
            "amount: {} is more than what is left to refund ({left} of {})",
            w.amount, p.amount
        ));
    }
    let now = now_ms();
    let refund_trans_id = shared.trans_id();
    p.refunded += w.amount;
    p.last_updated_ms = now;
    p.refunds.push(RefundRecord {
        order_id: w.order_id.clone(),
        amount: w.amount,
        trans_id: refund_trans_id,
        created_ms: now,
    });
    st.refund_order_ids.add(w.order_id.clone());
    answer(0).with("transId", refund_trans_id)
}

/// 32 random hex digits.
pub(crate) fn hex_id() -> String {
    momo_core::ids::uuid_v4()
        .unwrap_or_else(|_| format!("{:032x}", now_ms()))
        .replace('-', "")
}

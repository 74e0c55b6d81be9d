//! Payment notification (IPN): MoMo POSTs the payment result to the
//! partner's ipnUrl; the partner verifies the signature in constant time and
//! answers HTTP 204.
//!
//! Verification uses the fixed list of signed fields (PROTOCOL.md section
//! 1a, [`crate::signed_message`]): accessKey (from the partner's own
//! configuration, never from the body), amount, extraData, message,
//! orderId, orderInfo, orderType, partnerCode, payType, requestId,
//! responseTime, resultCode, transId. Only those fields, as typed values,
//! enter the signature and the verified result; a signature over "every body
//! field" is refused, since it lets the body choose the raw string's
//! boundaries.

use serde::Serialize;

use crate::client::MomoClient;
use crate::error::{ErrorCode, MomoError, Result};
use crate::lenient;
use crate::result_code::Outcome;
use crate::signed_message::{verify_entries, FieldKind, SignedFields, Verified};
use serde::Deserialize;
use serde_json::Value;

/// What the partner answers MoMo after a verified notification.
pub const IPN_ACK_STATUS: u16 = 204;

/// The signed fields of a payment notification (accessKey aside), sorted.
/// The redirect's query string carries the same fields.
const SIGNED_FIELDS: &SignedFields = &[
    ("amount", FieldKind::Amount),
    ("extraData", FieldKind::Text),
    ("message", FieldKind::Text),
    ("orderId", FieldKind::Text),
    ("orderInfo", FieldKind::Text),
    ("orderType", FieldKind::Text),
    ("partnerCode", FieldKind::Text),
    ("payType", FieldKind::Text),
    ("requestId", FieldKind::Text),
    ("responseTime", FieldKind::Integer),
    ("resultCode", FieldKind::Integer),
    ("transId", FieldKind::Integer),
];

/// A verified payment notification.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentNotification {
    /// The payment's resultCode.
    #[serde(deserialize_with = "lenient::integer")]
    pub result_code: i64,
    /// MoMo's message.
    #[serde(default)]
    pub message: String,
    /// The partnerCode.
    #[serde(default)]
    pub partner_code: String,
    /// The payment's orderId.
    #[serde(default)]
    pub order_id: String,
    /// The payment's requestId.
    #[serde(default)]
    pub request_id: String,
    /// Amount, VND.
    #[serde(deserialize_with = "lenient::amount")]
    pub amount: i64,
    /// MoMo's transaction id.
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    pub trans_id: Option<i64>,
    /// The order description.
    #[serde(default)]
    pub order_info: String,
    /// Order type (`momo_wallet`).
    #[serde(default)]
    pub order_type: String,
    /// Payment type.
    #[serde(default)]
    pub pay_type: String,
    /// extraData of the payment.
    #[serde(default)]
    pub extra_data: String,
    /// Response time, epoch milliseconds.
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    pub response_time: Option<i64>,
    /// The signature MoMo sent (already verified).
    #[serde(default)]
    pub signature: String,
    /// What the resultCode means (computed by momo-core).
    #[serde(default, skip_deserializing)]
    pub outcome: Outcome,
}

impl MomoClient {
    /// Verifies a payment notification body against the fixed list of
    /// signed fields (constant-time HMAC check) and returns exactly those
    /// fields, typed. Answer MoMo [`IPN_ACK_STATUS`] after storing the
    /// result; then check orderId, amount and partnerCode against your own
    /// order and de-duplicate by transId (a notification may be sent more
    /// than once).
    pub fn verify_ipn(&self, body: &str) -> Result<PaymentNotification> {
        self.verify_notification(object_entries(body)?)
    }

    /// A notification's entries (a JSON body's, a redirect's decoded query)
    /// verified against the fixed list, with this partner's accessKey and
    /// key; the result holds the signed fields only.
    pub(crate) fn verify_notification(
        &self,
        entries: Vec<(String, Value)>,
    ) -> Result<PaymentNotification> {
        let partner = self.partner()?;
        let verified = verify_entries(
            entries,
            SIGNED_FIELDS,
            partner.access_key,
            partner.signing_key,
        )?;
        Ok(PaymentNotification::from_verified(verified))
    }

    /// [`verify_ipn`](Self::verify_ipn), then a freshness check on the
    /// caller's clock: the notification's `responseTime` must lie within
    /// `tolerance_ms` of `now_ms` (either side), else `STALE_NOTIFICATION`.
    /// Like Stripe's webhook tolerance, it narrows the window in which a
    /// captured notification can be replayed; de-duplicating by transId is
    /// still needed. `now_ms` and `tolerance_ms` must not be negative.
    pub fn verify_ipn_fresh(
        &self,
        body: &str,
        now_ms: i64,
        tolerance_ms: i64,
    ) -> Result<PaymentNotification> {
        crate::validate::epoch_ms("nowMs", now_ms)?;
        if tolerance_ms < 0 {
            return Err(MomoError::new(
                ErrorCode::InvalidInput,
                "toleranceMs",
                "must not be negative",
            ));
        }
        let ipn = self.verify_ipn(body)?;
        let sent = ipn.response_time.unwrap_or(i64::MIN);
        if now_ms.abs_diff(sent) > tolerance_ms.unsigned_abs() {
            return Err(MomoError::new(
                ErrorCode::StaleNotification,
                "responseTime",
                format!(
                    "{sent} is more than {tolerance_ms} ms away from now ({now_ms}): refused as stale"
                ),
            ));
        }
        Ok(ipn)
    }
}

impl PaymentNotification {
    /// The notification of a verified message: the signed fields only.
    fn from_verified(mut v: Verified) -> Self {
        let result_code = v.integer("resultCode");
        Self {
            result_code,
            message: v.text("message"),
            partner_code: v.text("partnerCode"),
            order_id: v.text("orderId"),
            request_id: v.text("requestId"),
            amount: v.integer("amount"),
            trans_id: Some(v.integer("transId")),
            order_info: v.text("orderInfo"),
            order_type: v.text("orderType"),
            pay_type: v.text("payType"),
            extra_data: v.text("extraData"),
            response_time: Some(v.integer("responseTime")),
            signature: std::mem::take(&mut v.signature),
            outcome: Outcome::of_payment(result_code),
        }
    }
}

/// A JSON object's entries in order, duplicates kept (serde_json's own
/// recursion limit bounds the nesting).
pub(crate) fn object_entries(body: &str) -> Result<Vec<(String, Value)>> {
    match serde_json::from_str::<Entries>(body) {
        Ok(Entries(Some(entries))) => Ok(entries),
        Ok(Entries(None)) => Err(MomoError::new(
            ErrorCode::InvalidInput,
            "body",
            "must be a JSON object",
        )),
        Err(e) => Err(MomoError::new(
            ErrorCode::InvalidInput,
            "body",
            format!("is not JSON: {}", crate::input::json_error_text(&e)),
        )),
    }
}

/// A JSON value that, when it is an object, keeps every entry in order,
/// a key named twice included: serde_json's `Map` keeps only one of the
/// two, and the verifier must see both to refuse them (`None`: not an
/// object).
struct Entries(Option<Vec<(String, Value)>>);

impl<'de> serde::Deserialize<'de> for Entries {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(EntriesVisitor)
    }
}

/// Collects an object's entries; any other JSON value is read and dropped.
struct EntriesVisitor;

impl<'de> serde::de::Visitor<'de> for EntriesVisitor {
    type Value = Entries;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Entries, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<String, Value>()? {
            entries.push(entry);
        }
        Ok(Entries(Some(entries)))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Entries, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(Entries(None))
    }

    fn visit_bool<E>(self, _: bool) -> std::result::Result<Entries, E> {
        Ok(Entries(None))
    }

    fn visit_i64<E>(self, _: i64) -> std::result::Result<Entries, E> {
        Ok(Entries(None))
    }

    fn visit_u64<E>(self, _: u64) -> std::result::Result<Entries, E> {
        Ok(Entries(None))
    }

    fn visit_f64<E>(self, _: f64) -> std::result::Result<Entries, E> {
        Ok(Entries(None))
    }

    fn visit_str<E>(self, _: &str) -> std::result::Result<Entries, E> {
        Ok(Entries(None))
    }

    fn visit_unit<E>(self) -> std::result::Result<Entries, E> {
        Ok(Entries(None))
    }
}

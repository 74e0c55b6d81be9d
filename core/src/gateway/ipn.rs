//! Payment notification (IPN): MoMo POSTs the payment result to the
//! partner's ipnUrl; the partner verifies the signature in constant time and
//! answers HTTP 204.
//!
//! Signed fields (PROTOCOL.md section 1): accessKey (from the partner's own
//! configuration, never from the body), amount, extraData, message, orderId,
//! orderInfo, orderType, partnerCode, payType, requestId, responseTime,
//! resultCode, transId. MoMo's general rule (every body field except
//! `signature`, plus accessKey) is accepted too, for notifications that carry
//! more fields; both are HMACs with the secretKey.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::client::MomoClient;
use crate::error::{ErrorCode, MomoError, Result};
use crate::result_code::Outcome;
use crate::signing::{raw_string, verify};
use crate::FromValue;
use crate::{input, lenient};

/// What the partner answers MoMo after a verified notification.
pub const IPN_ACK_STATUS: u16 = 204;

/// The documented signed body fields of a payment notification.
const SIGNED_FIELDS: [&str; 12] = [
    "amount",
    "extraData",
    "message",
    "orderId",
    "orderInfo",
    "orderType",
    "partnerCode",
    "payType",
    "requestId",
    "responseTime",
    "resultCode",
    "transId",
];

/// A verified payment notification.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Default, FromValue, Serialize)]
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
    /// Verifies a payment notification body (constant-time signature
    /// check) and returns it typed. Answer MoMo [`IPN_ACK_STATUS`] after
    /// storing the result.
    pub fn verify_ipn(&self, body: &str) -> Result<PaymentNotification> {
        let partner = self.partner()?;
        let object: Map<String, Value> = input::from_json(body).map_err(|e| e.within("body"))?;
        let given = match object.get("signature") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.as_str(),
            _ => {
                return Err(MomoError::new(
                    ErrorCode::Required,
                    "signature",
                    "the notification has no signature",
                ))
            }
        };
        let documented = signed_raw(&object, partner.access_key, SIGNED_FIELDS.iter().copied());
        let every_field = signed_raw(
            &object,
            partner.access_key,
            object
                .iter()
                .filter(|(k, v)| !matches!(k.as_str(), "signature" | "accessKey") && is_scalar(v))
                .map(|(k, _)| k.as_str()),
        );
        let ok = verify(partner.signing_key, &documented, given)
            | verify(partner.signing_key, &every_field, given);
        if !ok {
            return Err(MomoError::new(
                ErrorCode::SignatureMismatch,
                "signature",
                format!("does not match the notification; signed raw string: {documented}"),
            ));
        }
        let mut ipn: PaymentNotification = input::from_json(body).map_err(|e| e.within("body"))?;
        ipn.outcome = Outcome::of_payment(ipn.result_code);
        Ok(ipn)
    }
}

/// The raw string over `names` (plus accessKey) taken from the body.
fn signed_raw<'a>(
    object: &Map<String, Value>,
    access_key: &str,
    names: impl Iterator<Item = &'a str>,
) -> String {
    let values: Vec<(&str, String)> = names.map(|n| (n, scalar_text(object.get(n)))).collect();
    let mut fields: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
    fields.push(("accessKey", access_key));
    raw_string(&fields)
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

/// A body value as it appears in the raw string: strings unquoted, numbers
/// and booleans as written, null or absent as empty.
fn scalar_text(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

//! `POST /v2/gateway/api/refund`: refund all or part of a payment. A refund
//! is a new order: it needs a NEW orderId, never the payment's own.

use serde::Serialize;

use super::{GATEWAY_TIMEOUT_MS, REFUND_PATH};
use crate::client::{resolve_request_id, MomoClient};
use crate::config::Lang;
use crate::error::{ErrorCode, MomoError, Result};
use crate::json_text::to_json;
use crate::request::PreparedRequest;
use crate::response::parse_json;
use crate::result_code::Outcome;
use crate::signing::blank_as_empty;
use crate::{amount, lenient, validate};
use serde::Deserialize;

/// Input of refund.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RefundRequest {
    /// Idempotency key; generated when absent.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub request_id: Option<String>,
    /// A NEW orderId for the refund.
    pub order_id: String,
    /// MoMo's transId of the payment being refunded.
    #[serde(deserialize_with = "lenient::integer")]
    #[cfg_attr(feature = "tsify", tsify(type = "IntegerInput"))]
    pub trans_id: i64,
    /// Amount to refund, 1,000..=50,000,000 VND.
    #[serde(deserialize_with = "lenient::amount")]
    #[cfg_attr(feature = "tsify", tsify(type = "AmountInput"))]
    pub amount: i64,
    /// Description (signed; default empty).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub description: String,
    /// The payment's own orderId, when known: checked to differ from
    /// `orderId` (not sent).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub original_order_id: Option<String>,
    /// Language of MoMo's message; the client's default when absent.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub lang: Option<Lang>,
}

/// refund's body, in MoMo's field order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RefundBody<'a> {
    partner_code: &'a str,
    order_id: &'a str,
    request_id: &'a str,
    amount: i64,
    trans_id: i64,
    lang: &'a str,
    description: &'a str,
    signature: &'a str,
}

impl MomoClient {
    /// Prepares refund (30 s minimum timeout).
    pub fn refund(&self, req: &RefundRequest) -> Result<PreparedRequest> {
        validate::order_id("orderId", &req.order_id)?;
        if req.original_order_id.as_deref() == Some(req.order_id.as_str()) {
            return Err(MomoError::new(
                ErrorCode::InvalidInput,
                "orderId",
                "a refund needs a new orderId, not the original payment's",
            ));
        }
        validate::amount_in("amount", req.amount, amount::REFUND_MIN, amount::REFUND_MAX)?;
        if req.trans_id <= 0 {
            return Err(MomoError::new(
                ErrorCode::InvalidInput,
                "transId",
                "must be MoMo's positive transId",
            ));
        }
        validate::max_len("description", &req.description, 255)?;
        let request_id = resolve_request_id(req.request_id.as_deref())?;
        let partner = self.partner()?;
        let amount_text = req.amount.to_string();
        let description = blank_as_empty(&req.description);
        let trans_text = req.trans_id.to_string();
        let fields = [
            ("accessKey", partner.access_key),
            ("amount", amount_text.as_str()),
            ("description", description),
            ("orderId", req.order_id.as_str()),
            ("partnerCode", partner.partner_code),
            ("requestId", request_id.as_str()),
            ("transId", trans_text.as_str()),
        ];
        let lang = self.lang(req.lang).as_str();
        self.signed_gateway_post(
            REFUND_PATH,
            GATEWAY_TIMEOUT_MS,
            request_id.clone(),
            &fields,
            |signature| {
                to_json(
                    "body",
                    &RefundBody {
                        partner_code: partner.partner_code,
                        order_id: &req.order_id,
                        request_id: &request_id,
                        amount: req.amount,
                        trans_id: req.trans_id,
                        lang,
                        description,
                        signature,
                    },
                )
            },
        )
    }
}

/// Answer of refund. Unknown extra fields are ignored.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundResponse {
    /// MoMo's resultCode.
    #[serde(deserialize_with = "lenient::integer")]
    pub result_code: i64,
    /// MoMo's message.
    #[serde(default)]
    pub message: String,
    /// Echo of the partnerCode.
    #[serde(default)]
    pub partner_code: String,
    /// Echo of the refund's orderId.
    #[serde(default)]
    pub order_id: String,
    /// Echo of the requestId.
    #[serde(default)]
    pub request_id: String,
    /// Refunded amount, VND.
    #[serde(default, deserialize_with = "lenient::opt_amount")]
    pub amount: Option<i64>,
    /// MoMo's id of the refund.
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    pub trans_id: Option<i64>,
    /// Response time, epoch milliseconds.
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    pub response_time: Option<i64>,
    /// What the resultCode means (computed by momo-core).
    #[serde(default, skip_deserializing)]
    pub outcome: Outcome,
}

/// Parses the answer of refund.
pub fn parse_refund(status: u16, body: &str) -> Result<RefundResponse> {
    let mut res: RefundResponse = parse_json(status, body)?;
    res.outcome = Outcome::of_payment(res.result_code).for_http_status(status);
    Ok(res)
}

//! `POST /v2/gateway/api/query`: the state of a payment. The answer to every
//! pending or unknown outcome.

use serde::Serialize;

use super::{GATEWAY_TIMEOUT_MS, QUERY_PATH};
use crate::client::{resolve_request_id, MomoClient};
use crate::config::Lang;
use crate::error::Result;
use crate::json_text::to_json;
use crate::request::PreparedRequest;
use crate::response::parse_json;
use crate::result_code::Outcome;
use crate::tokenization::PaymentPromotion;
use crate::{lenient, validate};
use serde::Deserialize;

/// Input of query.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QueryRequest {
    /// Idempotency key; generated when absent.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub request_id: Option<String>,
    /// The orderId of the payment to look up.
    pub order_id: String,
    /// Language of MoMo's message; the client's default when absent.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub lang: Option<Lang>,
}

/// query's body, in MoMo's field order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct QueryBody<'a> {
    partner_code: &'a str,
    request_id: &'a str,
    order_id: &'a str,
    lang: &'a str,
    signature: &'a str,
}

impl MomoClient {
    /// Prepares query (30 s minimum timeout).
    pub fn query(&self, req: &QueryRequest) -> Result<PreparedRequest> {
        validate::order_id("orderId", &req.order_id)?;
        let request_id = resolve_request_id(req.request_id.as_deref())?;
        let partner = self.partner()?;
        let fields = [
            ("accessKey", partner.access_key),
            ("orderId", req.order_id.as_str()),
            ("partnerCode", partner.partner_code),
            ("requestId", request_id.as_str()),
        ];
        let lang = self.lang(req.lang).as_str();
        self.signed_gateway_post(
            QUERY_PATH,
            GATEWAY_TIMEOUT_MS,
            request_id.clone(),
            &fields,
            |signature| {
                to_json(
                    "body",
                    &QueryBody {
                        partner_code: partner.partner_code,
                        request_id: &request_id,
                        order_id: &req.order_id,
                        lang,
                        signature,
                    },
                )
            },
        )
    }
}

/// One refund of the queried payment.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundTransaction {
    /// The refund's own orderId.
    #[serde(default)]
    pub order_id: String,
    /// Refunded amount, VND.
    #[serde(default, deserialize_with = "lenient::amount")]
    pub amount: i64,
    /// Result of the refund.
    #[serde(default, deserialize_with = "lenient::integer")]
    pub result_code: i64,
    /// MoMo's id of the refund.
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    pub trans_id: Option<i64>,
    /// When the refund was made, epoch milliseconds.
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    pub created_time: Option<i64>,
}

/// Answer of query. Unknown extra fields are ignored.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryResponse {
    /// The payment's resultCode (its current state).
    #[serde(deserialize_with = "lenient::integer")]
    pub result_code: i64,
    /// MoMo's message.
    #[serde(default)]
    pub message: String,
    /// Echo of the partnerCode.
    #[serde(default)]
    pub partner_code: String,
    /// Echo of the orderId.
    #[serde(default)]
    pub order_id: String,
    /// Echo of the requestId.
    #[serde(default)]
    pub request_id: String,
    /// Amount, VND.
    #[serde(default, deserialize_with = "lenient::opt_amount")]
    pub amount: Option<i64>,
    /// MoMo's transaction id.
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    pub trans_id: Option<i64>,
    /// Payment type (`qr`, `webApp`, `credit`, ...).
    #[serde(default)]
    pub pay_type: Option<String>,
    /// extraData of the payment.
    #[serde(default)]
    pub extra_data: Option<String>,
    /// Refunds made on this payment.
    #[serde(default, deserialize_with = "lenient::null_as_empty")]
    pub refund_trans: Vec<RefundTransaction>,
    /// Vouchers applied.
    #[serde(default, deserialize_with = "lenient::null_as_empty")]
    pub promotion_info: Vec<PaymentPromotion>,
    /// Response time, epoch milliseconds.
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    pub response_time: Option<i64>,
    /// Last update of the payment, epoch milliseconds.
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    pub last_updated: Option<i64>,
    /// What the resultCode means (computed by momo-core).
    #[serde(default, skip_deserializing)]
    pub outcome: Outcome,
}

/// Parses the answer of query.
pub fn parse_query(status: u16, body: &str) -> Result<QueryResponse> {
    let mut res: QueryResponse = parse_json(status, body)?;
    res.outcome = Outcome::of_payment(res.result_code).for_http_status(status);
    Ok(res)
}

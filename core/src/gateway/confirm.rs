//! `POST /v2/gateway/api/confirm`: capture or cancel a payment authorized
//! with autoCapture=false (resultCode 9000).

use serde::{Deserialize, Serialize};

use super::{CONFIRM_PATH, GATEWAY_TIMEOUT_MS};
use crate::client::{resolve_request_id, MomoClient};
use crate::config::Lang;
use crate::error::Result;
use crate::json_text::to_json;
use crate::request::PreparedRequest;
use crate::response::parse_json;
use crate::result_code::Outcome;
use crate::signing::blank_as_empty;
use crate::{amount, lenient, validate};

/// What confirm does with the authorized amount.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ConfirmRequestType {
    /// Take the money.
    Capture,
    /// Release the authorization.
    Cancel,
}

impl ConfirmRequestType {
    /// `"capture"` or `"cancel"`, as sent and signed.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Capture => "capture",
            Self::Cancel => "cancel",
        }
    }
}

/// Input of confirm.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConfirmRequest {
    /// Idempotency key; generated when absent.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub request_id: Option<String>,
    /// The orderId of the authorized payment.
    pub order_id: String,
    /// Capture or cancel.
    pub request_type: ConfirmRequestType,
    /// The authorized amount, VND.
    #[serde(deserialize_with = "lenient::amount")]
    #[cfg_attr(feature = "tsify", tsify(type = "AmountInput"))]
    pub amount: i64,
    /// Description (signed; default empty).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub description: String,
    /// Language of MoMo's message; the client's default when absent.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub lang: Option<Lang>,
}

/// confirm's body, in MoMo's field order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ConfirmBody<'a> {
    partner_code: &'a str,
    request_id: &'a str,
    order_id: &'a str,
    request_type: &'a str,
    amount: i64,
    lang: &'a str,
    description: &'a str,
    signature: &'a str,
}

impl MomoClient {
    /// Prepares confirm (30 s minimum timeout).
    pub fn confirm(&self, req: &ConfirmRequest) -> Result<PreparedRequest> {
        validate::order_id("orderId", &req.order_id)?;
        validate::amount_in("amount", req.amount, amount::PAY_MIN, amount::PAY_MAX)?;
        validate::max_len("description", &req.description, 255)?;
        let request_id = resolve_request_id(req.request_id.as_deref())?;
        let partner = self.partner()?;
        let amount_text = req.amount.to_string();
        let description = blank_as_empty(&req.description);
        let fields = [
            ("accessKey", partner.access_key),
            ("amount", amount_text.as_str()),
            ("description", description),
            ("orderId", req.order_id.as_str()),
            ("partnerCode", partner.partner_code),
            ("requestId", request_id.as_str()),
            ("requestType", req.request_type.as_str()),
        ];
        let lang = self.lang(req.lang).as_str();
        self.signed_gateway_post(
            CONFIRM_PATH,
            GATEWAY_TIMEOUT_MS,
            request_id.clone(),
            &fields,
            |signature| {
                to_json(
                    "body",
                    &ConfirmBody {
                        partner_code: partner.partner_code,
                        request_id: &request_id,
                        order_id: &req.order_id,
                        request_type: req.request_type.as_str(),
                        amount: req.amount,
                        lang,
                        description,
                        signature,
                    },
                )
            },
        )
    }
}

/// Answer of confirm. Unknown extra fields are ignored.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfirmResponse {
    /// MoMo's resultCode.
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
    /// Echo of the requestType.
    #[serde(default)]
    pub request_type: Option<String>,
    /// Amount, VND.
    #[serde(default, deserialize_with = "lenient::opt_amount")]
    pub amount: Option<i64>,
    /// MoMo's transaction id.
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    pub trans_id: Option<i64>,
    /// Response time, epoch milliseconds.
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    pub response_time: Option<i64>,
    /// What the resultCode means (computed by momo-core).
    #[serde(default, skip_deserializing)]
    pub outcome: Outcome,
}

/// Parses the answer of confirm.
pub fn parse_confirm(status: u16, body: &str) -> Result<ConfirmResponse> {
    let mut res: ConfirmResponse = parse_json(status, body)?;
    res.outcome = Outcome::of_payment(res.result_code).for_http_status(status);
    Ok(res)
}

//! The Gift API's answer model: one request's result and its gifts. Create
//! answers with one [`GiftBatch`]; status wraps one in `data`; get-trans
//! lists many in `datas`.

use serde::Serialize;

use super::GiftStatusCode;
use crate::error::Result;
use crate::lenient;
use crate::response::parse_json;
use crate::result_code::Outcome;
use serde::Deserialize;

/// The result for one gift.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GiftResult {
    /// The partner's giftId, as sent.
    #[serde(default)]
    pub gift_id: String,
    /// Numeric status (0, 801-814).
    #[serde(deserialize_with = "lenient::integer")]
    pub status: i64,
    /// MoMo's description of the status.
    #[serde(default)]
    pub status_desc: String,
    /// MoMo's voucher id (for reports).
    #[serde(default)]
    pub voucher_id: Option<String>,
    /// MoMo's transaction id (for reports).
    #[serde(default)]
    pub payment_ref: Option<String>,
    /// Quantity, as sent.
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    pub quantity: Option<i64>,
    /// Typed status (computed by momo-core).
    #[serde(default, skip_deserializing)]
    pub status_code: GiftStatusCode,
    /// What the status means (computed by momo-core).
    #[serde(default, skip_deserializing)]
    pub outcome: Outcome,
}

/// One request's result: the answer of create, the `data` of status, one
/// row of get-trans.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GiftBatch {
    /// The request's requestId.
    #[serde(default)]
    pub request_id: String,
    /// MoMo's id of the answer (sent as `"referenceId "` with a trailing
    /// space; both spellings are read).
    #[serde(default, alias = "referenceId ")]
    pub reference_id: String,
    /// The request's resultCode (check each gift's status too).
    #[serde(deserialize_with = "lenient::integer")]
    pub result_code: i64,
    /// MoMo's message.
    #[serde(default)]
    pub message: String,
    /// Total amount of the gifts created, VND.
    #[serde(default, deserialize_with = "lenient::opt_amount")]
    pub total_amount: Option<i64>,
    /// Per-gift results.
    #[serde(default, deserialize_with = "lenient::null_as_empty")]
    pub gifts: Vec<GiftResult>,
    /// What the resultCode means (computed by momo-core).
    #[serde(default, skip_deserializing)]
    pub outcome: Outcome,
}

impl GiftBatch {
    /// Fills in the computed outcome of the request and of each gift; a
    /// 5xx answer leaves every one of them unknown.
    pub(crate) fn annotated(mut self, status: u16) -> Self {
        self.outcome = Outcome::of_gift_result(self.result_code).for_http_status(status);
        for gift in &mut self.gifts {
            gift.status_code = GiftStatusCode::from_code(gift.status);
            gift.outcome = Outcome::of_gift_status(gift.status).for_http_status(status);
        }
        self
    }
}

/// Parses the (plaintext) answer of Create Gift.
pub fn parse_gift_create(status: u16, body: &str) -> Result<GiftBatch> {
    parse_json::<GiftBatch>(status, body).map(|batch| batch.annotated(status))
}

//! CheckStatus (`api/gift/status`): the result of an earlier request.

use serde::Serialize;

use super::{GiftBatch, GIFT_TIMEOUT_MS};
use crate::client::{resolve_request_id, MomoClient};
use crate::error::{ErrorCode, MomoError, Result};
use crate::json_text::to_json;
use crate::lenient;
use crate::request::PreparedRequest;
use crate::response::parse_json;
use crate::result_code::Outcome;
use crate::validate;
use serde::Deserialize;

/// Input of CheckStatus.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GiftStatusRequest {
    /// Unique per request; generated when absent.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub request_id: Option<String>,
    /// The requestId of the earlier request to check.
    pub check_request_id: String,
}

/// CheckStatus's body, in the seed's field order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GiftStatusBody<'a> {
    request_id: &'a str,
    check_request_id: &'a str,
}

impl MomoClient {
    /// Prepares CheckStatus (plaintext body; the caller seals it).
    pub fn gift_status(&self, req: &GiftStatusRequest) -> Result<PreparedRequest> {
        let request_id = resolve_request_id(req.request_id.as_deref())?;
        if req.check_request_id.trim().is_empty() {
            return Err(MomoError::new(
                ErrorCode::CheckRequestIdEmpty,
                "checkRequestId",
                "must not be empty (806)",
            ));
        }
        validate::max_len("checkRequestId", &req.check_request_id, 50)?;
        let url = self.gift_url(&self.config().gift_paths.status)?;
        let body = to_json(
            "body",
            &GiftStatusBody {
                request_id: &request_id,
                check_request_id: &req.check_request_id,
            },
        )?;
        Ok(PreparedRequest::post_json(
            url,
            body,
            GIFT_TIMEOUT_MS,
            request_id,
        ))
    }
}

/// Answer of CheckStatus.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GiftStatusResponse {
    /// Echo of this request's requestId.
    #[serde(default)]
    pub request_id: String,
    /// MoMo's id of the answer (`"referenceId "` on the wire).
    #[serde(default, alias = "referenceId ")]
    pub reference_id: String,
    /// Result of the status call itself.
    #[serde(deserialize_with = "lenient::integer")]
    pub result_code: i64,
    /// MoMo's message.
    #[serde(default)]
    pub message: String,
    /// The checked request's own answer.
    #[serde(default)]
    pub data: Option<GiftBatch>,
    /// What the resultCode means (computed by momo-core).
    #[serde(default, skip_deserializing)]
    pub outcome: Outcome,
}

/// Parses the (plaintext) answer of CheckStatus.
pub fn parse_gift_status(status: u16, body: &str) -> Result<GiftStatusResponse> {
    let mut res: GiftStatusResponse = parse_json(status, body)?;
    res.outcome = Outcome::of_gift_result(res.result_code).for_http_status(status);
    res.data = res.data.map(|b| b.annotated(status));
    Ok(res)
}

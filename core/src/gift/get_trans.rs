//! Get Trans (`api/gift/get-trans`): a day's transactions, page by page.

use serde::Serialize;

use super::{GiftBatch, GIFT_TIMEOUT_MS};
use crate::client::{resolve_request_id, MomoClient};
use crate::error::{ErrorCode, MomoError, Result};
use crate::json_body::JsonBody;
use crate::lenient;
use crate::request::PreparedRequest;
use crate::response::parse_json;
use crate::result_code::Outcome;
use crate::validate;
use crate::FromValue;

/// Largest page size: `offset` is a number of at most 10 digits.
const MAX_OFFSET: i64 = 9_999_999_999;
/// Largest page number: `page` is a number of at most 5 digits.
const MAX_PAGE: i64 = 99_999;

/// Input of Get Trans.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, FromValue, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GiftGetTransRequest {
    /// Unique per request; generated when absent.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub request_id: Option<String>,
    /// The day, `yyyy-MM-dd`.
    pub date: String,
    /// Page size: the most rows one answer holds.
    #[serde(deserialize_with = "lenient::integer")]
    pub offset: i64,
    /// Page number, from 1.
    #[serde(default = "first_page", deserialize_with = "lenient::integer")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 1))]
    pub page: i64,
}

fn first_page() -> i64 {
    1
}

impl GiftGetTransRequest {
    /// The request for the next page, or `None` when `response` was the
    /// last one (it held fewer rows than `offset`). The next page gets a new
    /// requestId.
    pub fn next_page(&self, response: &GiftGetTransResponse) -> Option<GiftGetTransRequest> {
        let rows = i64::try_from(response.datas.len()).ok()?;
        if response.result_code != 0 || rows < self.offset || self.page >= MAX_PAGE {
            return None;
        }
        Some(GiftGetTransRequest {
            request_id: None,
            page: self.page + 1,
            ..self.clone()
        })
    }
}

impl MomoClient {
    /// Prepares Get Trans (plaintext body; the caller seals it).
    pub fn gift_get_trans(&self, req: &GiftGetTransRequest) -> Result<PreparedRequest> {
        let request_id = resolve_request_id(req.request_id.as_deref())?;
        if !validate::is_iso_date(&req.date) {
            return Err(MomoError::new(
                ErrorCode::InvalidDate,
                "date",
                format!(
                    "must be a yyyy-MM-dd calendar date (808), got {:?}",
                    req.date
                ),
            ));
        }
        if !(1..=MAX_OFFSET).contains(&req.offset) {
            return Err(MomoError::new(
                ErrorCode::InvalidInput,
                "offset",
                format!("must be between 1 and {MAX_OFFSET}"),
            ));
        }
        if !(1..=MAX_PAGE).contains(&req.page) {
            return Err(MomoError::new(
                ErrorCode::InvalidInput,
                "page",
                format!("must be between 1 and {MAX_PAGE}"),
            ));
        }
        let url = self.gift_url(&self.config().gift_paths.get_trans)?;
        let mut body = JsonBody::with_capacity(128 + request_id.len());
        body.str("requestId", &request_id)
            .str("date", &req.date)
            .int("offset", req.offset)
            .int("page", req.page);
        let body = body.finish();
        Ok(PreparedRequest::post_json(
            url,
            body,
            GIFT_TIMEOUT_MS,
            request_id,
        ))
    }
}

/// Answer of Get Trans.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Default, FromValue, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GiftGetTransResponse {
    /// Echo of this request's requestId.
    #[serde(default)]
    pub request_id: String,
    /// MoMo's id of the answer (`"referenceId "` on the wire).
    #[serde(default, alias = "referenceId ")]
    pub reference_id: String,
    /// Result of the call.
    #[serde(deserialize_with = "lenient::integer")]
    pub result_code: i64,
    /// MoMo's message.
    #[serde(default)]
    pub message: String,
    /// The day's requests (one page).
    #[serde(default, deserialize_with = "lenient::null_as_empty")]
    pub datas: Vec<GiftBatch>,
    /// What the resultCode means (computed by momo-core).
    #[serde(default, skip_deserializing)]
    pub outcome: Outcome,
}

/// Parses the (plaintext) answer of Get Trans.
pub fn parse_gift_get_trans(status: u16, body: &str) -> Result<GiftGetTransResponse> {
    let mut res: GiftGetTransResponse = parse_json(status, body)?;
    res.outcome = Outcome::of_gift_result(res.result_code);
    res.datas = res.datas.into_iter().map(GiftBatch::annotated).collect();
    Ok(res)
}

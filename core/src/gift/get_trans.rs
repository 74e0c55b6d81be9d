//! Get Trans (`api/gift/get-trans`): a day's transactions, page by page.

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

/// Largest page size: `offset` is a number of at most 10 digits.
const MAX_OFFSET: i64 = 9_999_999_999;
/// Largest page number: `page` is a number of at most 5 digits.
const MAX_PAGE: i64 = 99_999;

/// Input of Get Trans.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
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
    #[cfg_attr(feature = "tsify", tsify(type = "IntegerInput"))]
    pub offset: i64,
    /// Page number, from 1.
    #[serde(default = "first_page", deserialize_with = "lenient::integer")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 1))]
    #[cfg_attr(feature = "tsify", tsify(type = "IntegerInput"))]
    pub page: i64,
}

fn first_page() -> i64 {
    1
}

impl GiftGetTransRequest {
    /// The request for the next page, or `None` when `response` was the
    /// last one (it held fewer rows than `offset`) or when no next page
    /// would pass [`MomoClient::gift_get_trans`]'s checks (this request was
    /// not a valid one, or it asked for the last page number there is). The
    /// next page gets a new requestId.
    pub fn next_page(&self, response: &GiftGetTransResponse) -> Option<GiftGetTransRequest> {
        let rows = i64::try_from(response.datas.len()).ok()?;
        if response.result_code != 0 || rows < self.offset {
            return None;
        }
        let next = GiftGetTransRequest {
            request_id: None,
            page: self.page.checked_add(1)?,
            ..self.clone()
        };
        next.check().ok()?;
        Some(next)
    }

    /// The checks of every field but requestId: the date, the page size and
    /// the page number.
    fn check(&self) -> Result<()> {
        if !validate::is_iso_date(&self.date) {
            return Err(MomoError::new(
                ErrorCode::InvalidDate,
                "date",
                format!(
                    "must be a yyyy-MM-dd calendar date (808), got {:?}",
                    self.date
                ),
            ));
        }
        if !(1..=MAX_OFFSET).contains(&self.offset) {
            return Err(MomoError::new(
                ErrorCode::InvalidInput,
                "offset",
                format!("must be between 1 and {MAX_OFFSET}"),
            ));
        }
        if !(1..=MAX_PAGE).contains(&self.page) {
            return Err(MomoError::new(
                ErrorCode::InvalidInput,
                "page",
                format!("must be between 1 and {MAX_PAGE}"),
            ));
        }
        Ok(())
    }
}

/// Get Trans's body, in the seed's field order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GetTransBody<'a> {
    request_id: &'a str,
    date: &'a str,
    offset: i64,
    page: i64,
}

impl MomoClient {
    /// Prepares Get Trans (plaintext body; the caller seals it).
    pub fn gift_get_trans(&self, req: &GiftGetTransRequest) -> Result<PreparedRequest> {
        let request_id = resolve_request_id(req.request_id.as_deref())?;
        req.check()?;
        let url = self.gift_url(&self.config().gift_paths.get_trans)?;
        let body = to_json(
            "body",
            &GetTransBody {
                request_id: &request_id,
                date: &req.date,
                offset: req.offset,
                page: req.page,
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

/// Answer of Get Trans.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
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
    res.outcome = Outcome::of_gift_result(res.result_code).for_http_status(status);
    res.datas = res.datas.into_iter().map(|b| b.annotated(status)).collect();
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ClientConfig;

    fn client() -> MomoClient {
        MomoClient::new(ClientConfig {
            gift_base_url: Some("https://gift.partner.invalid".into()),
            ..ClientConfig::default()
        })
        .unwrap()
    }

    #[test]
    fn next_page_is_never_a_page_gift_get_trans_refuses() {
        let client = client();
        let full = |rows: usize| GiftGetTransResponse {
            datas: vec![GiftBatch::default(); rows],
            ..GiftGetTransResponse::default()
        };
        let mut offered = 0;
        for date in ["2026-12-07", "2026-02-30", ""] {
            for offset in [-1, 0, 1, 2, MAX_OFFSET, MAX_OFFSET + 1] {
                for page in [i64::MIN, -1, 0, 1, MAX_PAGE - 1, MAX_PAGE, i64::MAX] {
                    let req = GiftGetTransRequest {
                        request_id: None,
                        date: date.into(),
                        offset,
                        page,
                    };
                    let rows = usize::try_from(offset.clamp(0, 3)).unwrap();
                    if let Some(next) = req.next_page(&full(rows)) {
                        offered += 1;
                        assert!(
                            client.gift_get_trans(&next).is_ok(),
                            "{req:?} offered {next:?}"
                        );
                        assert_eq!(next.page, page + 1);
                    }
                }
            }
        }
        assert!(offered > 0, "no next page was ever offered");
        let last = GiftGetTransRequest {
            request_id: None,
            date: "2026-12-07".into(),
            offset: 2,
            page: 1,
        };
        assert!(
            last.next_page(&full(1)).is_none(),
            "a short page is the last"
        );
    }
}

//! Create Gift (`api/gift/create`), with every pre-flight rule the seed's
//! status codes imply: 801 empty, 803 over 20 vouchers, 804 over 10,000,000,
//! 810 start/end, 812 duplicate giftId, 813 amount; field lengths; walletId.

use std::collections::HashSet;

use serde::Serialize;

use super::GIFT_TIMEOUT_MS;
use crate::client::{resolve_request_id, MomoClient};
use crate::error::{ErrorCode, MomoError, Result};
use crate::json_text::to_json;
use crate::request::PreparedRequest;
use crate::{amount, lenient, validate};
use serde::Deserialize;

/// Seed 003, code 803: at most 20 vouchers per request.
pub const MAX_VOUCHERS_PER_REQUEST: i64 = 20;
/// Seed 003: `gifts` is at most 32,000 characters of JSON.
const GIFTS_MAX_LEN: usize = 32_000;

/// One gift to create.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Gift {
    /// The partner's giftId, unique within the request (50).
    pub gift_id: String,
    /// Gift type given by MoMo (100).
    pub gift_type: String,
    /// Voucher value, 10,000..=10,000,000 VND.
    #[serde(deserialize_with = "lenient::amount")]
    #[cfg_attr(feature = "tsify", tsify(type = "AmountInput"))]
    pub amount: i64,
    /// Usable from, epoch milliseconds.
    #[serde(deserialize_with = "lenient::integer")]
    #[cfg_attr(feature = "tsify", tsify(type = "IntegerInput"))]
    pub start_time: i64,
    /// Usable until, epoch milliseconds.
    #[serde(deserialize_with = "lenient::integer")]
    #[cfg_attr(feature = "tsify", tsify(type = "IntegerInput"))]
    pub end_time: i64,
    /// Free reference (50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub reference: Option<String>,
    /// Short description (200).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub description: Option<String>,
    /// How many vouchers of this gift, 1..=99 (default 1).
    #[serde(
        default,
        deserialize_with = "lenient::opt_integer",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "IntegerInput | null"))]
    pub quantity: Option<i64>,
}

/// Input of Create Gift.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GiftCreateRequest {
    /// Unique per request; generated when absent.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub request_id: Option<String>,
    /// Request time, epoch milliseconds (the caller's clock).
    #[serde(deserialize_with = "lenient::integer")]
    #[cfg_attr(feature = "tsify", tsify(type = "IntegerInput"))]
    pub time: i64,
    /// The user's MoMo wallet: a Vietnamese mobile number (20).
    pub wallet_id: String,
    /// The gifts (at least one).
    pub gifts: Vec<Gift>,
}

/// Create Gift's body, in the seed's field order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GiftCreateBody<'a> {
    request_id: &'a str,
    time: i64,
    wallet_id: &'a str,
    gifts: &'a [Gift],
}

impl MomoClient {
    /// Prepares Create Gift: the plaintext body, to be sealed in the
    /// onboarding envelope by the caller.
    pub fn gift_create(&self, req: &GiftCreateRequest) -> Result<PreparedRequest> {
        let request_id = resolve_request_id(req.request_id.as_deref())?;
        if req.time <= 0 {
            return Err(MomoError::new(
                ErrorCode::InvalidInput,
                "time",
                "must be epoch milliseconds",
            ));
        }
        check_wallet_id(&req.wallet_id)?;
        check_gifts(&req.gifts, req.time)?;
        let url = self.gift_url(&self.config().gift_paths.create)?;
        let body = to_json(
            "body",
            &GiftCreateBody {
                request_id: &request_id,
                time: req.time,
                wallet_id: &req.wallet_id,
                gifts: &req.gifts,
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

/// A Vietnamese mobile number: `0` or `84` then 9 digits (seed: "phone number").
fn check_wallet_id(wallet_id: &str) -> Result<()> {
    validate::required_max("walletId", wallet_id, 20)?;
    let digits = wallet_id
        .strip_prefix("84")
        .or_else(|| wallet_id.strip_prefix('0'))
        .unwrap_or("");
    if digits.len() != 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(MomoError::new(
            ErrorCode::InvalidWalletId,
            "walletId",
            "must be a Vietnamese mobile number: 0 or 84 followed by 9 digits",
        ));
    }
    Ok(())
}

fn check_gifts(gifts: &[Gift], time: i64) -> Result<()> {
    if gifts.is_empty() {
        return Err(MomoError::new(
            ErrorCode::GiftEmpty,
            "gifts",
            "must hold at least one gift (801)",
        ));
    }
    let mut seen = HashSet::new();
    let mut vouchers: i64 = 0;
    let mut total: i64 = 0;
    for (i, gift) in gifts.iter().enumerate() {
        let at = |e: MomoError| e.within(&format!("gifts[{i}]"));
        let quantity = check_gift(gift, time).map_err(at)?;
        if !seen.insert(gift.gift_id.as_str()) {
            return Err(at(MomoError::new(
                ErrorCode::DuplicateGiftId,
                "giftId",
                format!("{:?} is used twice in this request (812)", gift.gift_id),
            )));
        }
        vouchers = amount::add("gifts", vouchers, quantity)?;
        let value = amount::mul("gifts", gift.amount, quantity)?;
        total = amount::add("gifts", total, value)?;
    }
    if vouchers > MAX_VOUCHERS_PER_REQUEST {
        return Err(MomoError::new(
            ErrorCode::TooManyVouchers,
            "gifts",
            format!(
                "hold {vouchers} vouchers; at most {MAX_VOUCHERS_PER_REQUEST} per request (803)"
            ),
        ));
    }
    if total > amount::GIFT_MAX {
        return Err(MomoError::new(
            ErrorCode::GiftTotalExceeded,
            "gifts",
            format!(
                "total {total} VND; at most {} per request (804)",
                amount::GIFT_MAX
            ),
        ));
    }
    let len = to_json("gifts", gifts)?.chars().count();
    if len > GIFTS_MAX_LEN {
        return Err(MomoError::new(
            ErrorCode::TooLong,
            "gifts",
            format!("serialize to {len} characters; at most {GIFTS_MAX_LEN}"),
        ));
    }
    Ok(())
}

/// Checks one gift and returns its quantity.
fn check_gift(gift: &Gift, time: i64) -> Result<i64> {
    if gift.gift_id.trim().is_empty() {
        return Err(MomoError::new(
            ErrorCode::DuplicateGiftId,
            "giftId",
            "must not be empty (812)",
        ));
    }
    validate::max_len("giftId", &gift.gift_id, 50)?;
    validate::required_max("giftType", &gift.gift_type, 100)?;
    if gift.amount < amount::GIFT_MIN || gift.amount > amount::GIFT_MAX {
        return Err(MomoError::new(
            ErrorCode::InvalidGiftAmount,
            "amount",
            format!(
                "must be between {} and {} VND (813), got {}",
                amount::GIFT_MIN,
                amount::GIFT_MAX,
                gift.amount
            ),
        ));
    }
    if gift.start_time < 0 || gift.end_time <= gift.start_time {
        return Err(MomoError::new(
            ErrorCode::InvalidTimeRange,
            "endTime",
            "must be after startTime (810)",
        ));
    }
    if gift.end_time <= time {
        return Err(MomoError::new(
            ErrorCode::InvalidTimeRange,
            "endTime",
            "is already past at the request time (810)",
        ));
    }
    validate::optional_max("reference", gift.reference.as_deref(), 50)?;
    validate::optional_max("description", gift.description.as_deref(), 200)?;
    let quantity = gift.quantity.unwrap_or(1);
    if !(1..=99).contains(&quantity) {
        return Err(MomoError::new(
            ErrorCode::InvalidQuantity,
            "quantity",
            format!("must be between 1 and 99, got {quantity}"),
        ));
    }
    Ok(quantity)
}

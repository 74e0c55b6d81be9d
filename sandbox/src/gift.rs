//! Gift API (seed 003) as plaintext JSON: `/api/gift/create`, `status` and
//! `get-trans` (also under `/api/voucher/...`, the seed's other spelling).
//!
//! MoMo's real transport envelope is not public, so the sandbox takes the
//! plaintext bodies momo-core builds. Per-gift problems go in each gift's
//! `status` (809, 810, 812, 813, ...); problems of the whole request go in
//! `resultCode`: 6 (bad JSON), 4 (walletId), 8 (duplicate requestId) and the
//! request-level glossary codes 801, 803, 804, 806, 807, 808.

use std::collections::HashSet;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use momo_core::amount::{GIFT_MAX, GIFT_MIN};
use momo_core::gift::{gift_result_code, gift_status_code, MAX_VOUCHERS_PER_REQUEST};
use momo_core::{input, validate, GiftCreateRequest, GiftGetTransRequest, GiftStatusRequest};
use serde_json::{json, Value};

use crate::gateway::hex_id;
use crate::http::{read_json, Reply};
use crate::state::{GiftBatchRecord, Shared};

/// A walletId that has no MoMo wallet: every gift gets status 802.
pub const NO_WALLET: &str = "0999999999";
/// giftTypes starting with this are unknown: status 809.
pub const INVALID_GIFT_TYPE_PREFIX: &str = "INVALID";

const REFERENCE_KEY: &str = "referenceId "; // sic: MoMo's key has a trailing space

fn message_of(code: i64) -> &'static str {
    gift_result_code(code)
        .or_else(|| gift_status_code(code))
        .map_or("", |c| c.message_en)
}

fn status_desc(code: i64) -> &'static str {
    gift_status_code(code).map_or("", |c| c.message_en)
}

/// An answer of the whole request.
fn answer(request_id: &str, code: i64, detail: Option<&str>) -> serde_json::Map<String, Value> {
    let message = match detail {
        Some(d) => format!("{}: {d}", message_of(code)),
        None => message_of(code).to_owned(),
    };
    let mut map = serde_json::Map::new();
    map.insert("requestId".into(), request_id.into());
    map.insert(
        REFERENCE_KEY.into(),
        format!("SBXREF{}", &hex_id()[..16]).into(),
    );
    map.insert("resultCode".into(), code.into());
    map.insert("message".into(), message.into());
    map
}

fn reply(status: StatusCode, map: serde_json::Map<String, Value>) -> Reply {
    let note = format!(
        "resultCode={} requestId={}",
        map.get("resultCode").cloned().unwrap_or_default(),
        map.get("requestId").and_then(Value::as_str).unwrap_or("")
    );
    Reply::json(status, &Value::Object(map), note)
}

/// A request-level failure.
fn refuse(status: StatusCode, request_id: &str, code: i64, detail: &str) -> Reply {
    reply(status, answer(request_id, code, Some(detail)))
}

/// The body as text and the requestId it claims (for error echoes).
/// Reads a Gift API body (bounded) and decodes it with momo-core's own input
/// model, so the sandbox checks what the core would send. A refusal echoes
/// the requestId the body claims, when it has one.
async fn read_request<T: serde::de::DeserializeOwned>(
    shared: &Shared,
    headers: &HeaderMap,
    body: Body,
) -> Result<T, Reply> {
    let text = read_json(shared.options.max_body_bytes, headers, body)
        .await
        .map_err(|e| refuse(e.status(), "", 6, &e.detail()))?;
    input::from_json(&text).map_err(|e| {
        let claimed = serde_json::from_str::<Value>(&text)
            .ok()
            .and_then(|v| v.get("requestId")?.as_str().map(str::to_owned))
            .unwrap_or_default();
        let at = if e.field().is_empty() {
            String::new()
        } else {
            format!("{}: ", e.field())
        };
        refuse(
            StatusCode::BAD_REQUEST,
            &claimed,
            6,
            &format!("{at}{}", e.message()),
        )
    })
}

/// `0` or `84` then nine digits.
fn is_wallet_id(wallet_id: &str) -> bool {
    let digits = wallet_id
        .strip_prefix("84")
        .or_else(|| wallet_id.strip_prefix('0'))
        .unwrap_or("");
    digits.len() == 9 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `yyyy-MM-dd` of epoch milliseconds in Asia/Ho_Chi_Minh (UTC+7, no DST).
pub(crate) fn ho_chi_minh_date(ms: i64) -> String {
    let days = ms.saturating_add(7 * 3_600_000).div_euclid(86_400_000);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `POST /api/gift/create`.
pub(crate) async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Body,
) -> Reply {
    let req: GiftCreateRequest = match read_request(&shared, &headers, body).await {
        Ok(r) => r,
        Err(r) => return r,
    };
    let request_id = req.request_id.clone().unwrap_or_default();
    if let Err(e) = validate::request_id("requestId", &request_id) {
        return refuse(
            StatusCode::BAD_REQUEST,
            &request_id,
            6,
            &format!("requestId: {}", e.message()),
        );
    }
    if req.time <= 0 {
        return refuse(
            StatusCode::BAD_REQUEST,
            &request_id,
            6,
            "time: must be epoch milliseconds",
        );
    }
    if !is_wallet_id(&req.wallet_id) {
        return refuse(
            StatusCode::OK,
            &request_id,
            4,
            "walletId must be a Vietnamese mobile number (0 or 84, then 9 digits)",
        );
    }
    let mut st = shared.lock();
    if st.gift_batches.contains_key(&request_id) {
        return refuse(
            StatusCode::OK,
            &request_id,
            8,
            "this requestId was already used; check its result with gift/status",
        );
    }
    let mut map = answer(&request_id, 0, None);
    if req.gifts.is_empty() {
        map = answer(&request_id, 801, None);
        map.insert("gifts".into(), json!([]));
        return reply(StatusCode::OK, map);
    }
    let vouchers: i64 = req
        .gifts
        .iter()
        .map(|g| g.quantity.unwrap_or(1).max(0))
        .fold(0, i64::saturating_add);
    let total: i64 = req
        .gifts
        .iter()
        .map(|g| g.amount.saturating_mul(g.quantity.unwrap_or(1).max(0)))
        .fold(0, i64::saturating_add);
    let request_level = if vouchers > MAX_VOUCHERS_PER_REQUEST {
        Some(803)
    } else if total > GIFT_MAX {
        Some(804)
    } else {
        None
    };
    let mut seen = HashSet::new();
    let mut created_total = 0i64;
    let mut gifts = Vec::with_capacity(req.gifts.len());
    for gift in &req.gifts {
        let quantity = gift.quantity.unwrap_or(1);
        let fresh = seen.insert(gift.gift_id.clone());
        let status = if let Some(code) = request_level {
            code
        } else if req.wallet_id == NO_WALLET {
            802
        } else if gift.gift_id.trim().is_empty() || gift.gift_id.chars().count() > 50 || !fresh {
            812
        } else if gift.gift_type.trim().is_empty()
            || gift.gift_type.starts_with(INVALID_GIFT_TYPE_PREFIX)
        {
            809
        } else if !(GIFT_MIN..=GIFT_MAX).contains(&gift.amount) {
            813
        } else if gift.start_time < 0
            || gift.end_time <= gift.start_time
            || gift.end_time <= req.time
        {
            810
        } else if !(1..=99).contains(&quantity) {
            805
        } else {
            0
        };
        let (voucher_id, payment_ref) = if status == 0 {
            created_total += gift.amount * quantity;
            (
                Value::from(format!("SBXV{}", hex_id()[..12].to_uppercase())),
                Value::from(shared.trans_id().to_string()),
            )
        } else {
            (Value::Null, Value::Null)
        };
        gifts.push(json!({
            "giftId": gift.gift_id,
            "status": status,
            "statusDesc": status_desc(status),
            "voucherId": voucher_id,
            "paymentRef": payment_ref,
            "quantity": quantity,
        }));
    }
    if let Some(code) = request_level {
        map = answer(&request_id, code, None);
    }
    map.insert("totalAmount".into(), created_total.into());
    map.insert("gifts".into(), Value::Array(gifts));
    if request_level.is_none() {
        st.gift_batches.insert(
            request_id.clone(),
            GiftBatchRecord {
                date: ho_chi_minh_date(req.time),
                answer: Value::Object(map.clone()),
            },
        );
    }
    reply(StatusCode::OK, map)
}

/// `POST /api/gift/status`: the create answer of `checkRequestId`.
pub(crate) async fn status(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Body,
) -> Reply {
    let req: GiftStatusRequest = match read_request(&shared, &headers, body).await {
        Ok(r) => r,
        Err(r) => return r,
    };
    let request_id = req.request_id.clone().unwrap_or_default();
    if req.check_request_id.trim().is_empty() {
        return reply(StatusCode::OK, answer(&request_id, 806, None));
    }
    let found = shared
        .lock()
        .gift_batches
        .get(&req.check_request_id)
        .map(|b| b.answer.clone());
    match found {
        None => reply(StatusCode::OK, answer(&request_id, 807, None)),
        Some(data) => {
            let mut map = answer(&request_id, 0, None);
            map.insert("data".into(), data);
            reply(StatusCode::OK, map)
        }
    }
}

/// `POST /api/gift/get-trans`: the day's requests, `offset` per page.
pub(crate) async fn get_trans(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Body,
) -> Reply {
    let req: GiftGetTransRequest = match read_request(&shared, &headers, body).await {
        Ok(r) => r,
        Err(r) => return r,
    };
    let request_id = req.request_id.clone().unwrap_or_default();
    if !validate::is_iso_date(&req.date) {
        return refuse(
            StatusCode::OK,
            &request_id,
            808,
            &format!("date must be yyyy-MM-dd, got {:?}", req.date),
        );
    }
    if req.offset < 1 || req.page < 1 {
        return refuse(
            StatusCode::BAD_REQUEST,
            &request_id,
            6,
            "offset and page must be at least 1",
        );
    }
    let skip = (req.page - 1)
        .checked_mul(req.offset)
        .and_then(|s| usize::try_from(s).ok())
        .unwrap_or(usize::MAX);
    let take = usize::try_from(req.offset).unwrap_or(usize::MAX);
    let datas: Vec<Value> = {
        let st = shared.lock();
        st.gift_batches
            .values_in_order()
            .filter(|b| b.date == req.date)
            .skip(skip)
            .take(take)
            .map(|b| b.answer.clone())
            .collect()
    };
    let mut map = answer(&request_id, 0, None);
    map.insert("datas".into(), Value::Array(datas));
    reply(StatusCode::OK, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_in_ho_chi_minh_time() {
        assert_eq!(ho_chi_minh_date(0), "1970-01-01");
        assert_eq!(ho_chi_minh_date(1_587_037_711_592), "2020-04-16");
        // 2023-11-14T22:13:20Z is already the 15th in Vietnam.
        assert_eq!(ho_chi_minh_date(1_700_000_000_000), "2023-11-15");
        // 2024-02-29T16:59:59.999Z is 23:59:59.999 local; one ms later is March.
        assert_eq!(ho_chi_minh_date(1_709_225_999_999), "2024-02-29");
        assert_eq!(ho_chi_minh_date(1_709_226_000_000), "2024-03-01");
    }

    #[test]
    fn wallet_ids_are_vietnamese_mobile_numbers() {
        assert!(is_wallet_id("0902890661"));
        assert!(is_wallet_id("84902890661"));
        assert!(!is_wallet_id("902890661"));
        assert!(!is_wallet_id("090289066a"));
    }
}

//! Business Page OpenAPI under `/api`: the login (seed 000) and voucher
//! redeem-status (seed 002), which needs the login's Bearer token and an
//! `X-Request-Id`.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use momo_core::voucher::RedeemStatus;
use momo_core::{input, validate, MomoError, SaleInfo};
use serde_json::{json, Value};

use crate::gateway::hex_id;
use crate::http::{read_json, Reply};
use crate::state::{now_ms, Counters, Recorded, Shared};

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct LoginWire {
    client_id: String,
    client_secret: String,
}

fn login_failure(status: StatusCode, message: String) -> Reply {
    Reply::json(
        status,
        &json!({ "status": status.as_u16(), "message": message, "data": null }),
        "login refused",
    )
}

/// `POST /api/authentication/login`: `{clientId, clientSecret}` -> an
/// access token valid for `--token-ttl-ms`.
pub(crate) async fn login(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Body,
) -> Reply {
    let text = match read_json(shared.options.max_body_bytes, &headers, body).await {
        Ok(t) => t,
        Err(e) => return login_failure(e.status(), e.detail()),
    };
    let wire: LoginWire = match input::from_json(&text) {
        Ok(w) => w,
        Err(e) => return login_failure(StatusCode::BAD_REQUEST, field_message(&e)),
    };
    let creds = &shared.credentials;
    if wire.client_id != creds.client_id || wire.client_secret != creds.client_secret {
        return login_failure(
            StatusCode::UNAUTHORIZED,
            "Invalid clientId or clientSecret (GET /sandbox/credentials)".to_owned(),
        );
    }
    let ttl = shared.options.token_ttl_ms;
    let token = format!("sbxat{}{}", hex_id(), hex_id());
    shared
        .lock()
        .access_tokens
        .insert(token.clone(), now_ms().saturating_add(ttl));
    Reply::json(
        StatusCode::OK,
        &json!({
            "status": 0,
            "message": "Success",
            "data": { "accessToken": token, "expiresIn": ttl },
        }),
        format!("logged in, token valid {ttl} ms"),
    )
}

fn field_message(e: &MomoError) -> String {
    if e.field().is_empty() {
        e.message().to_owned()
    } else {
        format!("{}: {}", e.field(), e.message())
    }
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct RedeemWire {
    voucher_code: String,
    #[serde(default)]
    user_phone_number: Option<String>,
    momo_transaction_id: String,
    partner_transaction_id: String,
    redeem_status: RedeemStatus,
    sale_info: SaleInfo,
}

/// A `FAIL` answer, with formErrors when given.
fn fail(status: StatusCode, message: &str, form_errors: Option<BTreeMap<String, String>>) -> Reply {
    let note = match &form_errors {
        Some(errors) => format!(
            "FAIL {}",
            errors.keys().cloned().collect::<Vec<_>>().join(",")
        ),
        None => format!("FAIL {message}"),
    };
    Reply::json(
        status,
        &json!({ "status": "FAIL", "message": message, "formErrors": form_errors }),
        note,
    )
}

fn form_error(field: &str, message: impl Into<String>) -> Reply {
    let mut errors = BTreeMap::new();
    errors.insert(field.to_owned(), message.into());
    fail(StatusCode::BAD_REQUEST, "Bad request", Some(errors))
}

/// The bearer token of `Authorization` (or `Authentication`, as one MoMo
/// page names the header).
fn bearer(headers: &HeaderMap) -> Option<String> {
    ["authorization", "authentication"].iter().find_map(|name| {
        let value = headers.get(*name)?.to_str().ok()?.trim();
        let (scheme, token) = value.split_once(' ')?;
        let token = token.trim();
        (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_owned())
    })
}

/// `POST /api/v1/merchants/{partnerId}/campaigns/{momoCampaignId}/vouchers/redeem-status`.
pub(crate) async fn redeem_status(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
    body: Body,
) -> Reply {
    let Ok(Path((partner_id, campaign_id))) = path else {
        return fail(
            StatusCode::BAD_REQUEST,
            "the path segments must be percent-encoded UTF-8",
            None,
        );
    };
    let Some(token) = bearer(&headers) else {
        return fail(
            StatusCode::UNAUTHORIZED,
            "Unauthorized: send Authorization: Bearer <accessToken from POST /api/authentication/login>",
            None,
        );
    };
    let now = now_ms();
    let expires_at = shared.lock().access_tokens.get(&token).copied();
    match expires_at {
        None => {
            return fail(
                StatusCode::UNAUTHORIZED,
                "Unauthorized: the access token is not one this sandbox issued",
                None,
            )
        }
        Some(at) if now >= at => {
            return fail(
                StatusCode::UNAUTHORIZED,
                &format!(
                    "Unauthorized: the access token expired at {at} (now {now}); log in again"
                ),
                None,
            )
        }
        Some(_) => {}
    }
    let x_request_id = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or("")
        .to_owned();
    if x_request_id.is_empty() {
        return form_error("X-Request-Id", "header is required");
    }
    if partner_id != shared.credentials.partner_id {
        return fail(
            StatusCode::FORBIDDEN,
            &format!(
                "Forbidden: partnerId {partner_id:?} is not the one of this token ({:?})",
                shared.credentials.partner_id
            ),
            None,
        );
    }
    let text = match read_json(shared.options.max_body_bytes, &headers, body).await {
        Ok(t) => t,
        Err(e) => return fail(e.status(), &e.detail(), None),
    };
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => return form_error("body", format!("is not JSON: {e}")),
    };
    let fingerprint = json!({ "campaign": campaign_id, "body": value });
    let mut st = shared.lock();
    if let Some(rec) = st.redeem_replays.get(&x_request_id) {
        if rec.body == fingerprint {
            Counters::bump(&shared.counters.replays);
            let mut reply = rec.reply.clone();
            reply.note = format!("replay: {}", reply.note);
            return reply;
        }
        return fail(
            StatusCode::CONFLICT,
            &format!("X-Request-Id {x_request_id:?} was already used for another request"),
            None,
        );
    }
    let reply = match redeem_rules(&text, &campaign_id) {
        Err(reply) => reply,
        Ok((voucher_code, RedeemStatus::Success)) => {
            if st.redeemed.add((campaign_id.clone(), voucher_code.clone())) {
                success(&voucher_code)
            } else {
                form_error(
                    "voucherCode",
                    format!("{voucher_code:?} was already redeemed in campaign {campaign_id:?}"),
                )
            }
        }
        Ok((voucher_code, RedeemStatus::Fail)) => success(&voucher_code),
    };
    st.redeem_replays.insert(
        x_request_id,
        Recorded {
            endpoint: "redeem-status",
            body: fingerprint,
            reply: reply.clone(),
        },
    );
    reply
}

fn success(voucher_code: &str) -> Reply {
    Reply::json(
        StatusCode::OK,
        &json!({ "status": "SUCCESS", "message": "Success" }),
        format!("SUCCESS voucher {voucher_code}"),
    )
}

/// Field checks and the saleInfo math; the voucher code and status if good.
fn redeem_rules(text: &str, campaign_id: &str) -> Result<(String, RedeemStatus), Reply> {
    let to_form = |e: MomoError| form_error(e.field(), format!("{} ({})", e.message(), e.code()));
    let wire: RedeemWire = input::from_json(text).map_err(to_form)?;
    validate::required_max("momoCampaignId", campaign_id, 100).map_err(to_form)?;
    validate::required_max("voucherCode", &wire.voucher_code, 100).map_err(to_form)?;
    validate::max_len(
        "userPhoneNumber",
        wire.user_phone_number.as_deref().unwrap_or(""),
        20,
    )
    .map_err(to_form)?;
    validate::required_max("momoTransactionId", &wire.momo_transaction_id, 50).map_err(to_form)?;
    validate::required_max("partnerTransactionId", &wire.partner_transaction_id, 200)
        .map_err(to_form)?;
    wire.sale_info
        .computed()
        .map_err(|e| to_form(e.within("saleInfo")))?;
    Ok((wire.voucher_code, wire.redeem_status))
}

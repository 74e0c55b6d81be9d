//! The sandbox's own endpoints under `/sandbox/`: credentials, the ipnUrl
//! and stats; `GET /` lists every endpoint.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde_json::{json, Value};

use crate::http::{read_json, Reply};
use crate::ipn;
use crate::state::Shared;

fn error(status: StatusCode, code: &str, message: String) -> Reply {
    Reply::json(
        status,
        &json!({ "error": code, "message": message }),
        code.to_owned(),
    )
}

/// `GET /sandbox/credentials`: the same JSON as the READY line.
pub(crate) async fn credentials(State(shared): State<Arc<Shared>>) -> Reply {
    // Serialized from the struct, so the field order is the READY line's.
    Reply {
        status: StatusCode::OK,
        body: serde_json::to_string(&shared.credentials).unwrap_or_default(),
        note: "credentials".to_owned(),
    }
}

/// `GET /sandbox/ipn-url`: where notifications go now.
pub(crate) async fn get_ipn_url(State(shared): State<Arc<Shared>>) -> Reply {
    Reply::json(
        StatusCode::OK,
        &json!({ "url": shared.ipn_url() }),
        "ipnUrl",
    )
}

/// `POST /sandbox/ipn-url` `{"url": "http://127.0.0.1:N/path"}` (null or ""
/// clears it): 204.
pub(crate) async fn set_ipn_url(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Body,
) -> Reply {
    let text = match read_json(shared.options.max_body_bytes, &headers, body).await {
        Ok(t) => t,
        Err(e) => return error(e.status(), "BAD_BODY", e.detail()),
    };
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                "INVALID_JSON",
                format!("body is not JSON: {e}"),
            )
        }
    };
    let url = match value.get("url") {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(Value::String(_)) | Some(Value::Null) => None,
        _ => {
            return error(
                StatusCode::BAD_REQUEST,
                "INVALID_INPUT",
                "body must be {\"url\": \"http://127.0.0.1:PORT/path\"} (null clears it)"
                    .to_owned(),
            )
        }
    };
    if let Some(u) = &url {
        if let Err(why) = ipn::check_url(u) {
            return error(StatusCode::BAD_REQUEST, "INVALID_URL", why);
        }
    }
    let note = format!("ipnUrl = {}", url.as_deref().unwrap_or("(none)"));
    shared.set_ipn_url(url);
    Reply::no_content(note)
}

/// `GET /sandbox/stats`: counts of orders, payments by state, refunds, IPNs.
pub(crate) async fn stats(State(shared): State<Arc<Shared>>) -> Reply {
    let body = shared.lock().stats(&shared.counters);
    Reply::json(StatusCode::OK, &body, "stats")
}

/// `GET /`: what this server is and which endpoints it serves.
pub(crate) async fn index(State(shared): State<Arc<Shared>>) -> Reply {
    let url = &shared.credentials.url;
    Reply::json(
        StatusCode::OK,
        &json!({
            "name": "momo-sandbox",
            "about": "Offline MoMo sandbox for momo-core: fixed test credentials, in-memory state, 127.0.0.1 only. See sandbox/README.md.",
            "gatewayBaseUrl": url,
            "businessBaseUrl": format!("{url}/api"),
            "giftBaseUrl": url,
            "endpoints": [
                "POST /v2/gateway/api/tokenization/create",
                "POST /v2/gateway/api/tokenization/pay",
                "POST /v2/gateway/api/create",
                "GET /sandbox/pay/{id}",
                "POST /sandbox/pay/{id}/approve",
                "POST /sandbox/pay/{id}/decline",
                "POST /v2/gateway/api/query",
                "POST /v2/gateway/api/confirm",
                "POST /v2/gateway/api/refund",
                "POST /api/authentication/login",
                "POST /api/v1/merchants/{partnerId}/campaigns/{momoCampaignId}/vouchers/redeem-status",
                "POST /api/gift/create",
                "POST /api/gift/status",
                "POST /api/gift/get-trans",
                "GET /sandbox/credentials",
                "GET|POST /sandbox/ipn-url",
                "GET /sandbox/stats",
            ],
        }),
        "index",
    )
}

//! The one-time payment: `POST /v2/gateway/api/create` and the payment page
//! its payUrl opens, where a tester approves or declines as the customer
//! would (PROTOCOL.md section 1b).
//!
//! - create goes through the same gate as every signed gateway call
//!   (bounded JSON, typed fields, partnerCode, HMAC over the text sent,
//!   requestId replay, duplicate orderId 41) and answers MoMo's JSON with
//!   `payUrl = http://127.0.0.1:PORT/sandbox/pay/<id>`.
//! - `GET /sandbox/pay/<id>` is a plain HTML form (no script, no external
//!   resource; every value HTML-escaped) with Approve and Decline.
//! - The first approve or decline records the payment (query answers it),
//!   queues the signed notification (the IPN's fixed field list, the same
//!   code as tokenization/pay's) and answers `303 See Other` to redirectUrl
//!   with the same fields and their signature in the query string. Later
//!   ones repeat that redirect and change nothing.
//! - Approve applies the amount triggers of tokenization/pay
//!   ([`crate::triggers`]); decline is 1006. An expired page (orderExpireTime
//!   minutes, MoMo's 15 by default) answers 410 and query answers 1005.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use momo_core::result_code::payment_code;
use momo_core::tracker::schedule::order_expires_at_ms;
use momo_core::{extra_data, lenient, validate, Lang};
use serde_json::Value;

use crate::gateway::{error_text, hex_id, signed_call, Answer, Incoming, Ruled};
use crate::http::with_note;
use crate::ipn;
use crate::state::{now_ms, Checkout, Decision, Inner, Payment, Shared};
use crate::triggers;

/// The replay key's endpoint name.
const CREATE_PAYMENT: &str = "create";

/// Signed body fields of create (accessKey is added from the config).
const SIGNED: &[&str] = &[
    "amount",
    "extraData",
    "ipnUrl",
    "orderId",
    "orderInfo",
    "partnerCode",
    "redirectUrl",
    "requestId",
    "requestType",
];

/// Longest redirectUrl or ipnUrl accepted (MoMo documents none; browsers
/// and servers commonly stop near 2 KB).
pub const MAX_URL_CHARS: usize = 2_000;
/// Most product lines ("Maximum: 50 items").
const MAX_ITEMS: usize = 50;
/// Longest payment page id looked up (ids are 32 hex digits).
const MAX_ID_CHARS: usize = 64;
/// payType of the notifications of a payment made on the payment page:
/// MoMo's values for its web page, domestic cards and credit cards.
fn pay_type(request_type: &str) -> &'static str {
    match request_type {
        "payWithATM" => "napas",
        "payWithCC" => "credit",
        _ => "webApp",
    }
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateWire {
    order_id: String,
    request_type: String,
    #[serde(deserialize_with = "lenient::amount")]
    amount: i64,
    order_info: String,
    #[serde(default)]
    redirect_url: Option<String>,
    ipn_url: String,
    #[serde(default)]
    extra_data: Option<String>,
    #[serde(default)]
    auto_capture: Option<bool>,
    #[serde(default)]
    store_id: Option<String>,
    #[serde(default)]
    partner_name: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    order_expire_time: Option<i64>,
}

/// MoMo's amount range for a requestType (developers.momo.vn one-time
/// payment pages, as in momo-core's `CreateRequestType::amount_range`).
fn amount_range(request_type: &str) -> Option<(i64, i64)> {
    match request_type {
        "captureWallet" | "payWithMethod" => Some((1_000, 50_000_000)),
        "payWithATM" => Some((10_000, 50_000_000)),
        "payWithCC" => Some((1_000, 10_000_000)),
        _ => None,
    }
}

/// An absolute URL: a scheme (a letter, then letters, digits, `+-.`),
/// `://`, a non-empty rest, no whitespace or control character. Returns the
/// scheme, lowercased.
fn scheme_of(value: &str) -> Option<String> {
    let (scheme, rest) = value.split_once("://")?;
    let mut chars = scheme.chars();
    let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    let rest_ok = !rest.is_empty() && !value.chars().any(|c| c.is_whitespace() || c.is_control());
    (scheme_ok && rest_ok).then(|| scheme.to_ascii_lowercase())
}

/// Checks a URL field: at most [`MAX_URL_CHARS`], absolute; `web` asks for
/// http:// or https://.
fn check_url(field: &str, value: &str, web: bool) -> Result<(), String> {
    if value.chars().count() > MAX_URL_CHARS {
        return Err(format!(
            "{field}: must be at most {MAX_URL_CHARS} characters"
        ));
    }
    match scheme_of(value) {
        Some(s) if !web || s == "http" || s == "https" => Ok(()),
        _ if web => Err(format!(
            "{field}: must be an absolute http:// or https:// URL without spaces"
        )),
        _ => Err(format!(
            "{field}: must be an absolute URL (https://... or an app link) without spaces"
        )),
    }
}

/// `POST /v2/gateway/api/create`.
pub(crate) async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    signed_call(
        &shared,
        &headers,
        body,
        SIGNED,
        Some(CREATE_PAYMENT),
        create_rules,
    )
    .await
    .into_response()
}

fn create_rules(shared: &Shared, st: &mut Inner, inc: &Incoming<CreateWire>) -> Ruled {
    let w = &inc.wire;
    let stop = |answer: Answer| Ruled {
        answer,
        job: None,
        slow: false,
    };
    let answer = |code: i64| Answer::new(code, &inc.echo).with("amount", w.amount);
    if let Err(e) = validate::order_id("orderId", &w.order_id) {
        return stop(answer(42).detail(error_text(&e)));
    }
    let Some((min, max)) = amount_range(&w.request_type) else {
        return stop(answer(20).detail(format!(
            "requestType: must be captureWallet, payWithMethod, payWithATM or payWithCC, got {:?}",
            w.request_type.chars().take(40).collect::<String>()
        )));
    };
    if !(min..=max).contains(&w.amount) {
        return stop(answer(22).detail(format!(
            "amount: {} must be between {min} and {max} VND, got {}",
            w.request_type, w.amount
        )));
    }
    let redirect_url = w.redirect_url.as_deref().unwrap_or("").trim();
    let extra = w.extra_data.clone().unwrap_or_default();
    let items = inc.value.get("items");
    let checks = validate::required_max("orderInfo", &w.order_info, 255)
        .map_err(|e| error_text(&e))
        .and_then(|()| {
            if redirect_url.is_empty() && w.request_type == "captureWallet" {
                Ok(())
            } else {
                check_url("redirectUrl", redirect_url, false)
            }
        })
        .and_then(|()| check_url("ipnUrl", &w.ipn_url, true))
        .and_then(|()| {
            extra_data::decode(&extra)
                .map(|_| ())
                .map_err(|e| error_text(&e))
        })
        .and_then(|()| match items {
            None | Some(Value::Null) => Ok(()),
            Some(Value::Array(list)) if list.len() <= MAX_ITEMS => Ok(()),
            Some(Value::Array(_)) => Err(format!("items: at most {MAX_ITEMS} items")),
            Some(_) => Err("items: must be an array".to_owned()),
        })
        .and_then(|()| {
            validate::optional_max("storeId", w.store_id.as_deref(), 50).map_err(|e| error_text(&e))
        })
        .and_then(|()| match w.order_expire_time {
            Some(m) if m < 1 => Err(format!(
                "orderExpireTime: is in minutes and must be at least 1, got {m}"
            )),
            _ => Ok(()),
        });
    if let Err(detail) = checks {
        return stop(answer(20).detail(detail));
    }
    if st.order_id_taken(&w.order_id) {
        return stop(
            answer(41).detail("this orderId was already used; query it before anything else"),
        );
    }
    let id = hex_id();
    let now = now_ms();
    let checkout = Checkout {
        order_id: w.order_id.clone(),
        request_id: inc.request_id.clone(),
        request_type: w.request_type.clone(),
        amount: w.amount,
        order_info: w.order_info.clone(),
        extra_data: extra,
        partner_name: w.partner_name.clone().filter(|n| !n.trim().is_empty()),
        redirect_url: redirect_url.to_owned(),
        ipn_url: ipn::check_url(&w.ipn_url).ok().map(|()| w.ipn_url.clone()),
        auto_capture: w.auto_capture,
        lang: inc.lang,
        expires_at_ms: match shared.options.pay_page_ttl_ms {
            Some(ttl) => now.saturating_add(ttl),
            None => order_expires_at_ms(now, w.order_expire_time),
        },
        decided: None,
    };
    st.checkouts.insert(id.clone(), checkout);
    st.checkout_by_order.insert(w.order_id.clone(), id.clone());
    st.created.add(w.order_id.clone());
    let pay_url = format!("{}/sandbox/pay/{id}", shared.credentials.url);
    let answer = answer(0)
        .with("payUrl", pay_url.clone())
        .with(
            "deeplink",
            format!("momo://app?action=payWithApp&isScanQR=false&serviceType=app&sid={id}&v=3.0"),
        )
        .with("qrCodeUrl", pay_url.clone())
        .with("applink", pay_url);
    Ruled {
        answer,
        job: None,
        slow: w.amount == triggers::SLOW,
    }
}

/// The path segment of a payment page: at most [`MAX_ID_CHARS`] hex digits.
fn page_id(id: &str) -> Option<&str> {
    (!id.is_empty() && id.len() <= MAX_ID_CHARS && id.bytes().all(|b| b.is_ascii_hexdigit()))
        .then_some(id)
}

/// `GET /sandbox/pay/<id>`: the payment page.
pub(crate) async fn page(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let Some(id) = page_id(&id) else {
        return not_found();
    };
    let checkout = shared.lock().checkouts.get(id).cloned();
    let Some(c) = checkout else {
        return not_found();
    };
    let merchant = merchant_of(&shared, &c);
    let t = Texts::of(c.lang);
    if let Some(d) = &c.decided {
        return decided_page(&c, d, &merchant, StatusCode::OK);
    }
    let now = now_ms();
    if now >= c.expires_at_ms {
        return expired_page(&c, &merchant);
    }
    let minutes_left = (c.expires_at_ms - now).saturating_add(59_999) / 60_000;
    let body = format!(
        r#"<h1>{title}</h1>
{summary}
<p class="note">{expires}</p>
<form method="post" action="/sandbox/pay/{id}/approve">
<button type="submit" class="approve" id="approve" formaction="/sandbox/pay/{id}/approve">{approve}</button>
<button type="submit" class="decline" id="decline" formaction="/sandbox/pay/{id}/decline">{decline}</button>
</form>
<p class="note">{note}</p>"#,
        title = t.title,
        summary = summary(&c, &merchant, t),
        expires = escape(&t.expires_in(minutes_left)),
        approve = t.approve,
        decline = t.decline,
        note = t.note,
    );
    html(
        StatusCode::OK,
        t.title,
        &body,
        format!("page {}", c.order_id),
    )
}

/// `POST /sandbox/pay/<id>/approve`: the customer pays.
pub(crate) async fn approve(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    decide(&shared, &id, true)
}

/// `POST /sandbox/pay/<id>/decline`: the customer refuses (1006).
pub(crate) async fn decline(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    decide(&shared, &id, false)
}

/// Records the first decision of a payment page (payment, notification,
/// redirect); repeats it afterwards.
fn decide(shared: &Shared, id: &str, approve: bool) -> Response {
    let Some(id) = page_id(id) else {
        return not_found();
    };
    let now = now_ms();
    let (c, decision, job) = {
        let mut st = shared.lock();
        let Some(c) = st.checkouts.get(id).cloned() else {
            return not_found();
        };
        if let Some(d) = &c.decided {
            let merchant = merchant_of(shared, &c);
            return decided_response(&c, d, &merchant, "again");
        }
        if now >= c.expires_at_ms {
            let merchant = merchant_of(shared, &c);
            return expired_page(&c, &merchant);
        }
        if st.payments.contains_key(c.order_id.as_str()) {
            return message_page(
                StatusCode::CONFLICT,
                "Conflict",
                "This orderId already has a payment.",
            );
        }
        let trigger = triggers::pay(c.amount, c.auto_capture);
        let (state, settles_to) = if approve {
            (trigger.code, trigger.settles_to)
        } else {
            (1006, 1006)
        };
        let trans_id = shared.trans_id();
        let payment = Payment {
            order_id: c.order_id.clone(),
            request_id: c.request_id.clone(),
            amount: c.amount,
            trans_id,
            state,
            settles_to,
            order_info: c.order_info.clone(),
            extra_data: c.extra_data.clone(),
            lang: c.lang,
            refunded: 0,
            refunds: Vec::new(),
            last_updated_ms: now,
            pay_type: pay_type(&c.request_type),
            ipn_url: c.ipn_url.clone(),
        };
        let notification = ipn::notification(shared, &payment, now);
        // A pending payment notifies when it settles (at its first query).
        let job = if state == 7000 {
            None
        } else {
            ipn::job_of(shared, &payment, &notification)
        };
        let decision = Decision {
            result_code: state,
            location: (!c.redirect_url.is_empty())
                .then(|| with_query(&c.redirect_url, &notification.query_string())),
        };
        if let Some(stored) = st.checkouts.get_mut(id) {
            stored.decided = Some(decision.clone());
        }
        st.by_trans_id.insert(trans_id, c.order_id.clone());
        st.payments.insert(c.order_id.clone(), payment);
        (c, decision, job)
    };
    if let Some(job) = job {
        shared.ipn.send(job);
    }
    let merchant = merchant_of(shared, &c);
    decided_response(&c, &decision, &merchant, "first")
}

/// `url` with `query` appended (`?`, or `&` when it has a query already),
/// before any `#fragment`.
fn with_query(url: &str, query: &str) -> String {
    let (base, fragment) = match url.find('#') {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    let sep = if !base.contains('?') {
        "?"
    } else if base.ends_with('?') || base.ends_with('&') {
        ""
    } else {
        "&"
    };
    format!("{base}{sep}{query}{fragment}")
}

/// A URL as a header value: bytes outside printable ASCII percent-encoded.
fn header_url(url: &str) -> Option<HeaderValue> {
    let mut out = String::with_capacity(url.len());
    for ch in url.chars() {
        if ch.is_ascii_graphic() {
            out.push(ch);
        } else {
            let mut buf = [0u8; 4];
            for b in ch.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    HeaderValue::from_str(&out).ok()
}

/// 303 to the decision's redirect, or the result page when there is none
/// (no redirectUrl, or one that cannot be a header).
fn decided_response(c: &Checkout, d: &Decision, merchant: &str, which: &str) -> Response {
    let location = d.location.as_deref().and_then(header_url);
    let Some(location) = location else {
        return decided_page(c, d, merchant, StatusCode::OK);
    };
    let mut res = decided_page(c, d, merchant, StatusCode::SEE_OTHER);
    res.headers_mut().insert(header::LOCATION, location);
    with_note(
        res,
        format!(
            "{which} decision: resultCode={} orderId={}",
            d.result_code, c.order_id
        ),
    )
}

/// The page shown once a decision is made (also the body of the 303).
fn decided_page(c: &Checkout, d: &Decision, merchant: &str, status: StatusCode) -> Response {
    let t = Texts::of(c.lang);
    let message = payment_code(d.result_code).map_or("", |i| i.message(c.lang));
    let link = d.location.as_deref().map_or_else(String::new, |l| {
        format!(
            r#"<p><a href="{}">{}</a></p>"#,
            escape(l),
            t.back_to_merchant
        )
    });
    let body = format!(
        "<h1>{title}</h1>\n{summary}\n<p class=\"result\">resultCode {code}: {message}</p>\n{link}",
        title = t.result,
        summary = summary(c, merchant, t),
        code = d.result_code,
        message = escape(message),
    );
    html(
        status,
        t.result,
        &body,
        format!("resultCode={} orderId={}", d.result_code, c.order_id),
    )
}

/// 410: the page outlived orderExpireTime unpaid.
fn expired_page(c: &Checkout, merchant: &str) -> Response {
    let t = Texts::of(c.lang);
    let message = payment_code(1005).map_or("", |i| i.message(c.lang));
    let body = format!(
        "<h1>{title}</h1>\n{summary}\n<p class=\"result\">resultCode 1005: {message}</p>",
        title = t.expired,
        summary = summary(c, merchant, t),
        message = escape(message),
    );
    html(
        StatusCode::GONE,
        t.expired,
        &body,
        format!("expired orderId={}", c.order_id),
    )
}

fn not_found() -> Response {
    message_page(
        StatusCode::NOT_FOUND,
        "Not found",
        "No payment page has this id (or the sandbox restarted, or forgot it under --max-records).",
    )
}

fn message_page(status: StatusCode, title: &str, text: &str) -> Response {
    let body = format!("<h1>{}</h1>\n<p>{}</p>", escape(title), escape(text));
    html(status, title, &body, title.to_owned())
}

/// The merchant's name on the page: partnerName, else the partnerCode.
fn merchant_of(shared: &Shared, c: &Checkout) -> String {
    c.partner_name
        .clone()
        .unwrap_or_else(|| shared.credentials.partner_code.clone())
}

/// The order's table: merchant, orderId, amount, orderInfo.
fn summary(c: &Checkout, merchant: &str, t: &Texts) -> String {
    format!(
        r#"<table>
<tr><th>{l_merchant}</th><td id="merchant">{merchant}</td></tr>
<tr><th>{l_order}</th><td id="orderId">{order}</td></tr>
<tr><th>{l_info}</th><td id="orderInfo">{info}</td></tr>
<tr><th>{l_amount}</th><td id="amount" class="amount">{amount} ₫</td></tr>
</table>"#,
        l_merchant = t.merchant,
        l_order = t.order,
        l_info = t.info,
        l_amount = t.amount,
        merchant = escape(&cut(merchant, 100)),
        order = escape(&c.order_id),
        info = escape(&c.order_info),
        amount = group_thousands(c.amount),
    )
}

/// `50000` as `50.000` (Vietnamese grouping).
fn group_thousands(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if amount < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// The first `max` characters of `text` (an ellipsis when cut).
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max).collect();
        s.push('…');
        s
    }
}

/// Text for HTML element content and double- or single-quoted attributes.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f4f4f6;color:#222;margin:0;padding:24px}\
main{max-width:420px;margin:0 auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 2px 10px rgba(0,0,0,.08)}\
.brand{color:#a50064;font-weight:700;letter-spacing:.02em;margin:0 0 4px}\
.sbx{display:inline-block;background:#fff3cd;color:#7a5b00;border-radius:4px;padding:2px 6px;font-size:12px;margin-bottom:12px}\
h1{font-size:20px;margin:8px 0 16px}\
table{width:100%;border-collapse:collapse;margin-bottom:12px}\
th{text-align:left;color:#666;font-weight:400;padding:6px 8px 6px 0;vertical-align:top;white-space:nowrap}\
td{padding:6px 0;word-break:break-word}\
.amount{font-size:22px;font-weight:700;color:#a50064}\
form{display:flex;gap:12px;margin:16px 0}\
button{flex:1;font-size:16px;padding:12px;border-radius:8px;border:1px solid #a50064;cursor:pointer}\
.approve{background:#a50064;color:#fff}.decline{background:#fff;color:#a50064}\
.note{color:#666;font-size:13px}.result{font-weight:600}";

/// A complete page: no script, no external resource, a strict CSP.
fn html(status: StatusCode, title: &str, body: &str, note: String) -> Response {
    let page = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<title>{title} · MoMo sandbox</title><style>{STYLE}</style></head>\
<body><main><p class=\"brand\">MoMo</p><span class=\"sbx\">offline sandbox · not MoMo</span>\n{body}\n</main></body></html>\n",
        title = escape(title),
    );
    let mut res = (status, page).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    with_note(res, note)
}

/// The page's words in the request's `lang`.
struct Texts {
    title: &'static str,
    merchant: &'static str,
    order: &'static str,
    info: &'static str,
    amount: &'static str,
    approve: &'static str,
    decline: &'static str,
    note: &'static str,
    result: &'static str,
    expired: &'static str,
    back_to_merchant: &'static str,
    lang: Lang,
}

const EN: Texts = Texts {
    title: "Confirm payment",
    merchant: "Merchant",
    order: "Order ID",
    info: "Description",
    amount: "Amount",
    approve: "Approve",
    decline: "Decline",
    note: "Approve pays (the amount triggers apply); Decline is resultCode 1006. Either sends the signed IPN and returns to the merchant.",
    result: "Payment result",
    expired: "Payment expired",
    back_to_merchant: "Back to the merchant",
    lang: Lang::En,
};

const VI: Texts = Texts {
    title: "Xác nhận thanh toán",
    merchant: "Nhà cung cấp",
    order: "Mã đơn hàng",
    info: "Mô tả",
    amount: "Số tiền",
    approve: "Xác nhận",
    decline: "Từ chối",
    note: "Xác nhận: thanh toán (áp dụng các trigger theo số tiền); Từ chối: resultCode 1006. Cả hai gửi IPN đã ký và quay về trang của đối tác.",
    result: "Kết quả thanh toán",
    expired: "Giao dịch đã hết hạn",
    back_to_merchant: "Quay về trang của đối tác",
    lang: Lang::Vi,
};

impl Texts {
    fn of(lang: Lang) -> &'static Texts {
        match lang {
            Lang::En => &EN,
            Lang::Vi => &VI,
        }
    }

    fn expires_in(&self, minutes: i64) -> String {
        match self.lang {
            Lang::En => format!("This payment expires in {minutes} min."),
            Lang::Vi => format!("Giao dịch hết hạn sau {minutes} phút."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralizes_markup() {
        assert_eq!(
            escape(r#"<script>alert("x")</script>&'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"
        );
        assert_eq!(escape("Cà phê\u{0}"), "Cà phê\u{FFFD}");
    }

    #[test]
    fn query_goes_before_the_fragment() {
        assert_eq!(with_query("http://h/r", "a=1"), "http://h/r?a=1");
        assert_eq!(with_query("http://h/r?x=2", "a=1"), "http://h/r?x=2&a=1");
        assert_eq!(with_query("http://h/r?", "a=1"), "http://h/r?a=1");
        assert_eq!(with_query("http://h/r#top", "a=1"), "http://h/r?a=1#top");
        assert_eq!(with_query("myapp://done", "a=1"), "myapp://done?a=1");
    }

    #[test]
    fn urls_and_ids_are_checked() {
        assert!(check_url("ipnUrl", "https://shop.example/ipn", true).is_ok());
        assert!(check_url("ipnUrl", "myapp://ipn", true).is_err());
        assert!(check_url("redirectUrl", "myapp://done", false).is_ok());
        assert!(check_url("redirectUrl", "javascript:alert(1)", false).is_err());
        assert!(check_url("redirectUrl", "http://a b", false).is_err());
        let long = format!("https://h/{}", "a".repeat(MAX_URL_CHARS));
        assert!(check_url("redirectUrl", &long, false).is_err());
        assert_eq!(page_id("0aF9"), Some("0aF9"));
        assert_eq!(page_id(""), None);
        assert_eq!(page_id("../x"), None);
        assert_eq!(page_id(&"a".repeat(65)), None);
        assert_eq!(header_url("http://h/đ?x=1").unwrap(), "http://h/%C4%91?x=1");
    }

    #[test]
    fn amounts_are_grouped_by_thousands() {
        assert_eq!(group_thousands(1_000), "1.000");
        assert_eq!(group_thousands(50_000_000), "50.000.000");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(-1_234), "-1.234");
        assert_eq!(group_thousands(i64::MIN), "-9.223.372.036.854.775.808");
    }
}

//! The one-time payment over HTTP: create, the payment page, Approve and
//! Decline, the notification (verified with `verify_ipn`) and the redirect
//! (its query string verified with `verify_redirect`), triggers, expiry and
//! hostile input.

use std::time::{Duration, Instant};

use momo_core::input::from_json;
use momo_core::{parse_create_payment, CreatePaymentResponse, ResultClass};
use momo_sandbox::{HttpResponse, Options};
use serde_json::{json, Value};
use tokio::sync::mpsc;

use crate::common::{json_of, new_order_id, options, start, start_with, Env};
use crate::ipn::{listener, next};

/// Where the browser goes back to (never contacted by these tests).
const REDIRECT: &str = "http://127.0.0.1:9/shop/return?cart=42";

impl Env {
    /// create, prepared by momo-core, with `extra` merged into the input.
    fn create_payment_req(
        &self,
        order_id: &str,
        amount: i64,
        ipn_url: &str,
        extra: Value,
    ) -> momo_core::PreparedRequest {
        let mut input = json!({
            "orderId": order_id, "requestType": "captureWallet", "amount": amount,
            "orderInfo": "Cà phê sữa & <b>bánh mì</b>", "redirectUrl": REDIRECT,
            "ipnUrl": ipn_url, "extraData": "eyJ1c2VybmFtZSI6ICJtb21vIn0=", "lang": "en",
        });
        if let (Some(map), Some(more)) = (input.as_object_mut(), extra.as_object()) {
            map.extend(more.clone());
        }
        self.client
            .create_payment(&from_json(&input.to_string()).unwrap())
            .unwrap()
    }

    /// A fresh order created with `amount`: (orderId, answer).
    async fn create_payment(
        &self,
        amount: i64,
        ipn_url: &str,
        extra: Value,
    ) -> (String, CreatePaymentResponse) {
        let order_id = new_order_id();
        let res = self
            .send(&self.create_payment_req(&order_id, amount, ipn_url, extra))
            .await;
        let created = parse_create_payment(res.status, &res.body)
            .unwrap_or_else(|e| panic!("{e}: {}", res.body));
        assert_eq!(created.result_code, 0, "{}", res.body);
        (order_id, created)
    }

    /// GET a page of the sandbox.
    async fn get_page(&self, url: &str) -> HttpResponse {
        self.http
            .get(url, Duration::from_secs(10))
            .await
            .unwrap_or_else(|e| panic!("GET {url}: {e}"))
    }

    /// Clicks a button of the payment page: the form's POST.
    async fn click(&self, pay_url: &str, button: &str) -> HttpResponse {
        self.http
            .request(
                "POST",
                &format!("{pay_url}/{button}"),
                &[("Content-Type", "application/x-www-form-urlencoded")],
                Some(String::new()),
                Duration::from_secs(10),
            )
            .await
            .unwrap_or_else(|e| panic!("POST {pay_url}/{button}: {e}"))
    }
}

/// The query string of a redirect to [`REDIRECT`].
fn redirect_query(res: &HttpResponse) -> String {
    assert_eq!(res.status, 303, "{}", res.body);
    let location = res.location.clone().expect("a Location header");
    let query = location
        .strip_prefix(REDIRECT)
        .unwrap_or_else(|| panic!("redirect to {REDIRECT}...: {location}"));
    query
        .strip_prefix('&')
        .unwrap_or_else(|| panic!("appended with '&' to the redirectUrl's own query: {location}"))
        .to_owned()
}

/// Nothing more arrives within `ms`.
async fn quiet(rx: &mut mpsc::UnboundedReceiver<String>, ms: u64) {
    let got = tokio::time::timeout(Duration::from_millis(ms), rx.recv()).await;
    assert!(got.is_err(), "unexpected notification: {got:?}");
}

#[tokio::test]
async fn approve_records_the_payment_notifies_and_redirects_signed() {
    let env = start().await;
    let (ipn_url, mut rx) = listener(0).await;
    let (order_id, created) = env
        .create_payment(
            50_000,
            &ipn_url,
            json!({"partnerName": "<img src=x onerror=alert(1)>"}),
        )
        .await;
    let pay_url = created.pay_url.clone().expect("payUrl");
    assert!(
        pay_url.starts_with(&format!("{}/sandbox/pay/", env.url)),
        "{pay_url}"
    );
    assert_eq!(created.qr_code_url.as_deref(), Some(pay_url.as_str()));
    assert!(created
        .deeplink
        .as_deref()
        .is_some_and(|d| d.starts_with("momo://")));
    assert_eq!(created.amount, Some(50_000));
    // Created, not paid.
    assert_eq!(env.query(&order_id).await.result_code, 1000);

    let page = env.get_page(&pay_url).await;
    assert_eq!(page.status, 200);
    for shown in [
        order_id.as_str(),
        "50.000",
        "Cà phê sữa &amp; &lt;b&gt;bánh mì&lt;/b&gt;",
        "Approve",
        "Decline",
        "/approve",
        "/decline",
    ] {
        assert!(page.body.contains(shown), "{shown:?} in {}", page.body);
    }
    assert!(!page.body.contains("<b>"), "orderInfo is escaped");
    assert!(
        page.body.contains("&lt;img src=x onerror=alert(1)&gt;") && !page.body.contains("<img"),
        "partnerName is escaped: {}",
        page.body
    );
    assert!(!page.body.contains("<script"), "no script");

    let approved = env.click(&pay_url, "approve").await;
    let query = redirect_query(&approved);
    let redirect = env
        .client
        .verify_redirect(&query)
        .unwrap_or_else(|e| panic!("{e}: {query}"));
    assert_eq!(
        (
            redirect.order_id.as_str(),
            redirect.result_code,
            redirect.amount
        ),
        (order_id.as_str(), 0, 50_000)
    );
    assert_eq!(redirect.order_info, "Cà phê sữa & <b>bánh mì</b>");
    assert_eq!(redirect.outcome.class, ResultClass::Success);
    // A changed value in the query string no longer verifies.
    let forged = query.replace("amount=50000", "amount=5000");
    assert_ne!(forged, query);
    assert!(env.client.verify_redirect(&forged).is_err());

    let body = next(&mut rx).await;
    let ipn = env
        .client
        .verify_ipn(&body)
        .unwrap_or_else(|e| panic!("{e}: {body}"));
    assert_eq!(
        (ipn.order_id.as_str(), ipn.result_code, ipn.trans_id),
        (order_id.as_str(), 0, redirect.trans_id)
    );
    assert_eq!(ipn.extra_data, "eyJ1c2VybmFtZSI6ICJtb21vIn0=");
    assert_eq!(ipn.pay_type, "webApp");
    let q = env.query(&order_id).await;
    assert_eq!((q.result_code, q.trans_id), (0, ipn.trans_id));

    // Approve again, or decline now: the same redirect, nothing new.
    let again = env.click(&pay_url, "approve").await;
    assert_eq!(again.location, approved.location);
    let late = env.click(&pay_url, "decline").await;
    assert_eq!(late.location, approved.location);
    quiet(&mut rx, 300).await;
    let stats = env.stats().await;
    assert_eq!(
        (stats["payments"].as_u64(), stats["ipn"]["queued"].as_u64()),
        (Some(1), Some(1))
    );
    // The page now shows the result.
    let shown = env.get_page(&pay_url).await;
    assert_eq!(shown.status, 200);
    assert!(shown.body.contains("resultCode 0"), "{}", shown.body);
}

#[tokio::test]
async fn decline_is_1006_in_the_notification_the_redirect_and_query() {
    let env = start().await;
    let (ipn_url, mut rx) = listener(0).await;
    let (order_id, created) = env.create_payment(80_000, &ipn_url, json!({})).await;
    let declined = env.click(&created.pay_url.unwrap(), "decline").await;
    let redirect = env
        .client
        .verify_redirect(&redirect_query(&declined))
        .unwrap();
    assert_eq!(redirect.result_code, 1006);
    assert_eq!(redirect.outcome.class, ResultClass::Failed);
    let ipn = env.client.verify_ipn(&next(&mut rx).await).unwrap();
    assert_eq!(
        (ipn.order_id.as_str(), ipn.result_code),
        (order_id.as_str(), 1006)
    );
    assert_eq!(env.query(&order_id).await.result_code, 1006);
}

#[tokio::test]
async fn approve_applies_the_amount_triggers() {
    let env = start().await;
    let (ipn_url, mut rx) = listener(0).await;
    let approve = |amount: i64, extra: Value| {
        let env = &env;
        let ipn_url = ipn_url.clone();
        async move {
            let (order_id, created) = env.create_payment(amount, &ipn_url, extra).await;
            let res = env.click(&created.pay_url.unwrap(), "approve").await;
            let redirect = env.client.verify_redirect(&redirect_query(&res)).unwrap();
            (order_id, redirect.result_code)
        }
    };
    let (funds, code) = approve(1_001_000, json!({})).await;
    assert_eq!(code, 1001, "insufficient funds");
    assert_eq!(
        env.client
            .verify_ipn(&next(&mut rx).await)
            .unwrap()
            .order_id,
        funds
    );

    let (authorized, code) = approve(9_000_000, json!({})).await;
    assert_eq!(code, 9000);
    assert_eq!(
        env.client
            .verify_ipn(&next(&mut rx).await)
            .unwrap()
            .result_code,
        9000
    );
    let capture = env
        .client
        .confirm(
            &from_json(
                &json!({"orderId": authorized, "requestType": "capture", "amount": 9_000_000})
                    .to_string(),
            )
            .unwrap(),
        )
        .unwrap();
    assert_eq!(json_of(&env.send(&capture).await)["resultCode"], 0);
    let captured = env.client.verify_ipn(&next(&mut rx).await).unwrap();
    assert_eq!(
        (captured.order_id.as_str(), captured.result_code),
        (authorized.as_str(), 0)
    );

    let (_, code) = approve(60_000, json!({"autoCapture": false})).await;
    assert_eq!(code, 9000, "autoCapture=false authorizes only");
    assert_eq!(
        env.client
            .verify_ipn(&next(&mut rx).await)
            .unwrap()
            .result_code,
        9000
    );

    // 7000: the redirect says pending; the IPN comes when query settles it.
    let (pending, code) = approve(7_000_000, json!({})).await;
    assert_eq!(code, 7000);
    quiet(&mut rx, 200).await;
    assert_eq!(env.query(&pending).await.result_code, 7000);
    let settled = env.client.verify_ipn(&next(&mut rx).await).unwrap();
    assert_eq!(
        (settled.order_id.as_str(), settled.result_code),
        (pending.as_str(), 0)
    );
    assert_eq!(env.query(&pending).await.result_code, 0);
}

#[tokio::test]
async fn a_forged_or_altered_create_is_20_and_stores_nothing() {
    let env = start().await;
    let order_id = new_order_id();
    let req = env.create_payment_req(&order_id, 50_000, "http://127.0.0.1:9/ipn", json!({}));
    let body: Value = serde_json::from_str(&req.body).unwrap();
    let signature = body["signature"].as_str().unwrap().to_owned();
    let forged = req
        .body
        .replace(&signature, &format!("{}0", &signature[..63]));
    assert_ne!(forged, req.body);
    let res = env.post_json("/v2/gateway/api/create", &forged).await;
    assert_eq!(res.status, 400, "{}", res.body);
    let answer = json_of(&res);
    assert_eq!(answer["resultCode"], 20);
    let message = answer["message"].as_str().unwrap();
    assert!(
        message.contains("&amount=50000&extraData=")
            && message.contains("&requestType=captureWallet"),
        "the message shows the raw string: {answer}"
    );
    assert!(answer.get("payUrl").is_none());
    // The signed amount cannot change either.
    let altered = req.body.replace("\"amount\":50000", "\"amount\":5000000");
    assert_ne!(altered, req.body);
    let res = env.post_json("/v2/gateway/api/create", &altered).await;
    assert_eq!(json_of(&res)["resultCode"], 20);
    // Nothing was stored: the genuine request still creates the order.
    let res = env.send(&req).await;
    assert_eq!(json_of(&res)["resultCode"], 0, "{}", res.body);
    assert_eq!(env.stats().await["paymentPages"], 1);
}

#[tokio::test]
async fn create_keeps_the_gateway_rules() {
    let env = start().await;
    let ipn_url = "https://shop.example/momo/ipn";
    let order_id = new_order_id();
    let req = env.create_payment_req(&order_id, 50_000, ipn_url, json!({}));
    let first = env.send(&req).await;
    let replayed = env.send(&req).await;
    assert_eq!(first.body, replayed.body, "same requestId and body: replay");
    // Another requestId, same orderId: 41.
    let dup = env.create_payment_req(&order_id, 50_000, ipn_url, json!({}));
    let res = env.send(&dup).await;
    assert_eq!(
        (res.status, json_of(&res)["resultCode"].as_i64()),
        (400, Some(41))
    );

    // Rules the sandbox checks after the signature (each request is signed
    // by hand, so momo-core's own pre-flight checks do not stop it first).
    let secret =
        momo_core::hmac_sha256::HmacKey::new(momo_sandbox::credentials::SECRET_KEY.as_bytes());
    let signed = |mut body: Value| {
        let text = |k: &str| match &body[k] {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            v => v.to_string(),
        };
        let fields: Vec<(&str, String)> = [
            "amount",
            "extraData",
            "ipnUrl",
            "orderId",
            "orderInfo",
            "partnerCode",
            "redirectUrl",
            "requestId",
            "requestType",
        ]
        .iter()
        .map(|k| (*k, text(k)))
        .collect();
        let mut pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        pairs.push(("accessKey", momo_sandbox::credentials::ACCESS_KEY));
        body["signature"] = json!(momo_core::signing::sign(&secret, &pairs).signature);
        body.to_string()
    };
    let base = |n: u32| {
        json!({
            "partnerCode": momo_sandbox::credentials::PARTNER_CODE,
            "requestId": format!("req-create-rule-{n}"), "orderId": new_order_id(),
            "requestType": "captureWallet", "amount": 50_000, "orderInfo": "x",
            "redirectUrl": REDIRECT, "ipnUrl": ipn_url, "extraData": "", "lang": "en",
        })
    };
    let cases: Vec<(&str, Value, i64)> = vec![
        ("requestType", json!("payWithBitcoin"), 20),
        ("amount", json!(999), 22),
        ("amount", json!(50_000_001), 22),
        ("ipnUrl", json!("ftp://127.0.0.1/ipn"), 20),
        ("redirectUrl", json!("javascript:alert(1)"), 20),
        (
            "redirectUrl",
            json!(format!("https://h/{}", "a".repeat(2_100))),
            20,
        ),
        ("orderInfo", json!(""), 20),
        ("items", json!("not a list"), 20),
        ("items", json!(vec![json!({}); 51]), 20),
        ("orderExpireTime", json!(0), 20),
        ("extraData", json!("not base64 JSON!"), 20),
        ("orderId", json!("bad order id with spaces"), 42),
    ];
    for (n, (field, value, code)) in cases.into_iter().enumerate() {
        let mut body = base(n as u32);
        body[field] = value;
        let res = env.post_json("/v2/gateway/api/create", &signed(body)).await;
        assert_eq!(
            json_of(&res)["resultCode"].as_i64(),
            Some(code),
            "{field}: {}",
            res.body
        );
    }
    // payWithATM starts at 10,000 VND; payWithCC stops at 10,000,000.
    let mut atm = base(100);
    atm["requestType"] = json!("payWithATM");
    atm["amount"] = json!(5_000);
    let res = env.post_json("/v2/gateway/api/create", &signed(atm)).await;
    assert_eq!(json_of(&res)["resultCode"], 22, "{}", res.body);
    // An empty redirectUrl is allowed for captureWallet: the page then
    // shows the result instead of redirecting.
    let mut no_redirect = base(101);
    no_redirect["redirectUrl"] = json!("");
    let res = env
        .post_json("/v2/gateway/api/create", &signed(no_redirect))
        .await;
    let created = parse_create_payment(res.status, &res.body).unwrap();
    assert_eq!(created.result_code, 0, "{}", res.body);
    let done = env.click(&created.pay_url.unwrap(), "approve").await;
    assert_eq!((done.status, done.location.as_deref()), (200, None));
    assert!(done.body.contains("resultCode 0"), "{}", done.body);
    // The ipnUrl was not on loopback and no sandbox ipnUrl is set: skipped.
    assert_eq!(env.stats().await["ipn"]["skipped"], 1);
}

#[tokio::test]
async fn unknown_and_expired_pages() {
    let env = start_with(Options {
        pay_page_ttl_ms: Some(400),
        ..options()
    })
    .await;
    for path in [
        "/sandbox/pay/0123456789abcdef0123456789abcdef",
        "/sandbox/pay/not-hex",
        "/sandbox/pay/%3Cscript%3E",
        &format!("/sandbox/pay/{}", "a".repeat(10_000)),
    ] {
        let res = env.get_page(&format!("{}{path}", env.url)).await;
        assert_eq!(res.status, 404, "{path}");
        assert!(!res.body.contains("<script>"), "{}", res.body);
    }
    let res = env
        .click(
            &format!("{}/sandbox/pay/0123456789abcdef0123456789abcdef", env.url),
            "approve",
        )
        .await;
    assert_eq!(res.status, 404);

    let (ipn_url, mut rx) = listener(0).await;
    let (order_id, created) = env.create_payment(50_000, &ipn_url, json!({})).await;
    let pay_url = created.pay_url.unwrap();
    assert_eq!(env.get_page(&pay_url).await.status, 200);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let page = env.get_page(&pay_url).await;
    assert_eq!(page.status, 410, "{}", page.body);
    assert!(page.body.contains("1005"), "{}", page.body);
    let late = env.click(&pay_url, "approve").await;
    assert_eq!((late.status, late.location), (410, None));
    assert_eq!(env.query(&order_id).await.result_code, 1005);
    quiet(&mut rx, 200).await;
}

#[tokio::test]
async fn the_slow_amount_delays_the_create_answer() {
    let env = start_with(Options {
        slow_ms: 600,
        ..options()
    })
    .await;
    let started = Instant::now();
    let (order_id, _) = env
        .create_payment(4_040_000, "http://127.0.0.1:9/ipn", json!({}))
        .await;
    assert!(started.elapsed() >= Duration::from_millis(600));
    assert_eq!(env.query(&order_id).await.result_code, 1000);
}

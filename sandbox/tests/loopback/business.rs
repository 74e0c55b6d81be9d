//! Business Page over HTTP: login tokens that expire, and redeem-status,
//! which needs `Authorization: Bearer` and `X-Request-Id`.

use std::time::Duration;

use momo_core::input::from_json;
use momo_core::{parse_login, parse_redeem_status, AccessToken, PreparedRequest};
use momo_sandbox::credentials;
use serde_json::{json, Value};

use crate::common::{json_of, now_ms, options, start, start_with, Env};

async fn login(env: &Env) -> AccessToken {
    let req = env.client.login().unwrap();
    let res = env.send(&req).await;
    parse_login(res.status, &res.body, now_ms()).unwrap_or_else(|e| panic!("{e}: {}", res.body))
}

fn redeem_input(voucher: &str) -> Value {
    json!({
        "momoCampaignId": "camp-2026",
        "voucherCode": voucher,
        "userPhoneNumber": "0915013325",
        "momoTransactionId": "48479590245",
        "partnerTransactionId": "KBJ6G2N4J1R2ENY7IVG7BOT0",
        "redeemStatus": "SUCCESS",
        "saleInfo": {
            "posId": "17130", "posName": "Quầy 1", "tranDate": 1702961170,
            "originalAmount": 123000, "serviceCharge": 0.08, "shipFeeAmount": 3000,
            "vatAmount": 5000, "discountAmount": 20000, "paymentMethod": "MOMOQR"
        }
    })
}

fn redeem(env: &Env, voucher: &str, token: &AccessToken, now: i64) -> PreparedRequest {
    env.client
        .redeem_status(
            &from_json(&redeem_input(voucher).to_string()).unwrap(),
            token,
            now,
        )
        .unwrap()
}

fn without_header(req: &PreparedRequest, name: &str) -> PreparedRequest {
    let mut req = req.clone();
    req.headers.retain(|h| !h.name.eq_ignore_ascii_case(name));
    req
}

/// Token lifetime in this test: long enough for one redeem on a busy machine.
const TTL_MS: i64 = 2_500;

#[tokio::test]
async fn login_refuses_a_wrong_secret_and_its_tokens_expire() {
    let env = start_with(momo_sandbox::Options {
        token_ttl_ms: TTL_MS,
        ..options()
    })
    .await;
    let bad = env
        .post_json(
            "/api/authentication/login",
            &json!({"clientId": credentials::CLIENT_ID, "clientSecret": "nope"}).to_string(),
        )
        .await;
    assert_eq!(bad.status, 401, "{}", bad.body);
    assert!(parse_login(bad.status, &bad.body, now_ms()).is_err());

    let logged_in_at = now_ms();
    let token = login(&env).await;
    let answered_at = now_ms();
    assert!(token.expires_at_ms() >= logged_in_at + TTL_MS);
    assert!(token.expires_at_ms() <= answered_at + TTL_MS);
    let ok = env
        .send(&redeem(&env, "V-EXPIRY-1", &token, logged_in_at))
        .await;
    assert!(
        parse_redeem_status(ok.status, &ok.body).unwrap().success,
        "{}",
        ok.body
    );

    // Past the sandbox's own expiry (it began before the answer came),
    // prepared with the login time as "now" so momo-core does not refuse it
    // first: the sandbox answers 401.
    let wait = answered_at + TTL_MS + 100 - now_ms();
    tokio::time::sleep(Duration::from_millis(wait.max(0) as u64)).await;
    let late = env
        .send(&redeem(&env, "V-EXPIRY-2", &token, logged_in_at))
        .await;
    assert_eq!(late.status, 401, "{}", late.body);
    assert!(json_of(&late)["message"]
        .as_str()
        .unwrap()
        .contains("expired"));
    // A new login works again.
    let fresh = login(&env).await;
    let again = env
        .send(&redeem(&env, "V-EXPIRY-2", &fresh, now_ms()))
        .await;
    assert_eq!(again.status, 200, "{}", again.body);
}

#[tokio::test]
async fn redeem_status_needs_a_bearer_token_and_an_x_request_id() {
    let env = start().await;
    let token = login(&env).await;
    let req = redeem(&env, "E61HE61J", &token, now_ms());
    assert!(req.header("Authorization").unwrap().starts_with("Bearer "));

    let res = env.send(&without_header(&req, "Authorization")).await;
    assert_eq!(res.status, 401, "{}", res.body);
    assert_eq!(json_of(&res)["status"], "FAIL");

    let mut forged = req.clone();
    for h in &mut forged.headers {
        if h.name.eq_ignore_ascii_case("authorization") {
            h.value = "Bearer sbxat-not-issued".into();
        }
    }
    assert_eq!(env.send(&forged).await.status, 401);

    let res = env.send(&without_header(&req, "X-Request-Id")).await;
    assert_eq!(res.status, 400, "{}", res.body);
    let parsed = parse_redeem_status(res.status, &res.body).unwrap();
    assert!(!parsed.success);
    assert!(
        parsed.form_errors.iter().any(|e| e.field == "X-Request-Id"),
        "{}",
        res.body
    );

    let mut other_partner = req.clone();
    other_partner.url = other_partner
        .url
        .replace(credentials::PARTNER_ID, "someone-else");
    assert_eq!(env.send(&other_partner).await.status, 403);

    // Nothing above redeemed it: the real request does.
    let res = env.send(&req).await;
    let ok = parse_redeem_status(res.status, &res.body).unwrap();
    assert!(ok.success && ok.status == "SUCCESS", "{}", res.body);
    assert_eq!(env.stats().await["vouchersRedeemed"], 1);

    // The same X-Request-Id and body replays; another body is a conflict.
    assert_eq!(env.send(&req).await.body, res.body);
    let mut changed = req.clone();
    changed.body = changed.body.replace("0915013325", "0915013326");
    assert_eq!(env.send(&changed).await.status, 409);
    // The same voucher again under a new X-Request-Id is refused.
    let res = env.send(&redeem(&env, "E61HE61J", &token, now_ms())).await;
    let again = parse_redeem_status(res.status, &res.body).unwrap();
    assert!(!again.success);
    assert!(
        again.form_errors.iter().any(|e| e.field == "voucherCode"),
        "{}",
        res.body
    );
}

#[tokio::test]
async fn redeem_status_checks_the_sale_info_math() {
    let env = start().await;
    let token = login(&env).await;
    let good = redeem(&env, "V-MATH", &token, now_ms());
    // The seed's own example: totalAmount 103000 breaks
    // totalAmount = billAmount - discountAmount (140840 - 20000).
    let mut body: Value = serde_json::from_str(&good.body).unwrap();
    body["saleInfo"]["totalAmount"] = json!(103000);
    let mut bad = good.clone();
    bad.body = body.to_string();
    let res = env.send(&bad).await;
    assert_eq!(res.status, 400, "{}", res.body);
    let parsed = parse_redeem_status(res.status, &res.body).unwrap();
    assert!(
        parsed
            .form_errors
            .iter()
            .any(|e| e.field.contains("totalAmount")),
        "{}",
        res.body
    );
    assert_eq!(env.stats().await["vouchersRedeemed"], 0);
}

//! Payment gateway behaviour over HTTP: checkout, requestId idempotency,
//! duplicate orderIds, pending/authorized states, triggers, signatures,
//! amount limits and refunds.

use std::time::Duration;

use momo_core::hmac_sha256::HmacKey;
use momo_core::input::from_json;
use momo_core::signing::sign;
use momo_core::{
    parse_confirm, parse_refund, parse_tokenization_create, ClientConfig, MomoClient, ResultClass,
};
use momo_sandbox::credentials;
use momo_sandbox::HttpError;
use serde_json::json;

use crate::common::{json_of, new_order_id, now_ms, options, start, start_with};

#[tokio::test]
async fn a_checkout_pays_and_query_reports_the_same_payment() {
    let env = start().await;
    let (order_id, paid) = env.checkout(50_000, json!({})).await;
    assert_eq!(paid.result_code, 0, "{}", paid.message);
    assert_eq!(paid.outcome.class, ResultClass::Success);
    assert_eq!(paid.order_id, order_id);
    assert_eq!(paid.amount, Some(50_000));
    let trans_id = paid.trans_id.expect("transId");
    assert!(
        trans_id > i64::from(u32::MAX),
        "transIds pass 2^32: {trans_id}"
    );
    let q = env.query(&order_id).await;
    assert_eq!(
        (q.result_code, q.trans_id, q.amount),
        (0, Some(trans_id), Some(50_000))
    );
    let stats = env.stats().await;
    assert_eq!(stats["ordersCreated"], 1);
    assert_eq!(stats["settled"], 1);
}

#[tokio::test]
async fn the_same_request_id_and_body_replays_the_same_answer() {
    let env = start().await;
    let order_id = new_order_id();
    let create = env.create_req(&order_id, None);
    let first = env.send(&create).await;
    let again = env.send(&create).await;
    assert_eq!(first.status, 200);
    assert_eq!(
        first.body, again.body,
        "a replay is byte for byte the first answer"
    );
    let token = parse_tokenization_create(first.status, &first.body)
        .unwrap()
        .token
        .unwrap();

    // The pay request carries a randomized RSA ciphertext: resending the same
    // prepared request is a retry, and it must not pay twice.
    let pay = env.pay_req(&order_id, &token, 120_000, json!({}));
    let paid = env.send(&pay).await;
    let repaid = env.send(&pay).await;
    assert_eq!(paid.body, repaid.body);
    assert_eq!(json_of(&paid)["resultCode"], 0);
    let stats = env.stats().await;
    assert_eq!(stats["payments"], 1);
    assert_eq!(stats["ordersCreated"], 1);
    assert_eq!(stats["replays"], 2);
}

#[tokio::test]
async fn the_same_request_id_with_another_body_is_40() {
    let env = start().await;
    let first = env.create_req(&new_order_id(), Some("req-fixed-0001"));
    assert_eq!(json_of(&env.send(&first).await)["resultCode"], 0);

    let other_order = new_order_id();
    let second = env.create_req(&other_order, Some("req-fixed-0001"));
    let res = env.send(&second).await;
    let created = parse_tokenization_create(res.status, &res.body).unwrap();
    assert_eq!(created.result_code, 40, "{}", res.body);
    assert_eq!(res.status, 400);
    assert!(created.outcome.retry_with_new_request_id);
    // Nothing happened for the second orderId.
    assert_eq!(env.query(&other_order).await.result_code, 42);

    // The same requestId on another endpoint is a different body too.
    let token = env.scan(&other_order).await;
    let mut pay_input = json!({
        "requestId": "req-fixed-0001", "orderId": other_order, "token": token,
        "amount": 10_000, "orderInfo": "x", "requestTime": now_ms(),
    });
    pay_input["lang"] = json!("en");
    let pay = env
        .client
        .tokenization_pay(&from_json(&pay_input.to_string()).unwrap())
        .unwrap();
    assert_eq!(env.pay_with(&pay).await.result_code, 40);
}

#[tokio::test]
async fn a_duplicate_order_id_is_41() {
    let env = start().await;
    let order_id = new_order_id();
    env.scan(&order_id).await;
    // A new requestId, the same orderId.
    let res = env.send(&env.create_req(&order_id, None)).await;
    let again = parse_tokenization_create(res.status, &res.body).unwrap();
    assert_eq!(again.result_code, 41, "{}", res.body);
    assert!(
        again.outcome.needs_query,
        "41 means: query first, it may be paid"
    );

    // Paying an order that already has a payment is 41 too.
    let (paid_order, paid) = env.checkout(30_000, json!({})).await;
    assert_eq!(paid.result_code, 0);
    let token = env.scan(&new_order_id()).await;
    let second = env
        .pay_with(&env.pay_req(&paid_order, &token, 30_000, json!({})))
        .await;
    assert_eq!(second.result_code, 41);

    // A refund must use a NEW orderId, not the payment's.
    let refund = env
        .client
        .refund(
            &from_json(
                &json!({"orderId": paid_order, "transId": paid.trans_id, "amount": 10_000})
                    .to_string(),
            )
            .unwrap(),
        )
        .unwrap();
    let res = env.send(&refund).await;
    assert_eq!(parse_refund(res.status, &res.body).unwrap().result_code, 41);
    assert_eq!(env.stats().await["payments"], 1);
}

#[tokio::test]
async fn a_pending_payment_becomes_final_through_query() {
    let env = start().await;
    // Created but not paid yet: 1000, pending.
    let waiting = new_order_id();
    env.scan(&waiting).await;
    let q = env.query(&waiting).await;
    assert_eq!(
        (q.result_code, q.outcome.class),
        (1000, ResultClass::Pending)
    );

    let (order_id, paid) = env.checkout(7_000_000, json!({})).await;
    assert_eq!(paid.result_code, 7000);
    assert_eq!(paid.outcome.class, ResultClass::Pending);
    assert!(paid.outcome.needs_query);
    let first = env.query(&order_id).await;
    assert_eq!(first.result_code, 7000);
    let second = env.query(&order_id).await;
    assert_eq!(second.result_code, 0);
    assert_eq!(second.trans_id, paid.trans_id);
    assert_eq!(env.query(&order_id).await.result_code, 0);
}

#[tokio::test]
async fn an_authorized_payment_is_captured_or_cancelled_by_confirm() {
    let env = start().await;
    let confirm = |order_id: &str, kind: &str, amount: i64| {
        env.client
            .confirm(
                &from_json(
                    &json!({"orderId": order_id, "requestType": kind, "amount": amount})
                        .to_string(),
                )
                .unwrap(),
            )
            .unwrap()
    };
    let (order_id, paid) = env.checkout(9_000_000, json!({})).await;
    assert_eq!(
        (paid.result_code, paid.outcome.class),
        (9000, ResultClass::Authorized)
    );
    assert_eq!(env.query(&order_id).await.result_code, 9000);
    // The amount must be the authorized one.
    let res = env.send(&confirm(&order_id, "capture", 8_000_000)).await;
    assert_eq!(
        parse_confirm(res.status, &res.body).unwrap().result_code,
        21
    );
    let res = env.send(&confirm(&order_id, "capture", 9_000_000)).await;
    assert_eq!(
        parse_confirm(res.status, &res.body).unwrap().result_code,
        0,
        "{}",
        res.body
    );
    assert_eq!(env.query(&order_id).await.result_code, 0);

    // autoCapture=false on a plain amount authorizes too; cancel voids it.
    let (order_id, paid) = env.checkout(45_000, json!({"autoCapture": false})).await;
    assert_eq!(paid.result_code, 9000);
    let res = env.send(&confirm(&order_id, "cancel", 45_000)).await;
    assert_eq!(parse_confirm(res.status, &res.body).unwrap().result_code, 0);
    assert_eq!(env.query(&order_id).await.result_code, 1003);
}

#[tokio::test]
async fn amount_triggers_give_their_documented_codes() {
    let env = start().await;
    let (_, refused) = env.checkout(1_001_000, json!({})).await;
    assert_eq!(
        (refused.result_code, refused.outcome.class),
        (1001, ResultClass::Failed)
    );
    let (_, refused) = env.checkout(1_006_000, json!({})).await;
    assert_eq!(refused.result_code, 1006);
    let (_, plain) = env.checkout(1_001_500, json!({})).await;
    assert_eq!(plain.result_code, 0);
}

#[tokio::test]
async fn the_slow_trigger_times_out_and_query_settles_it() {
    let env = start_with(momo_sandbox::Options {
        slow_ms: 3_000,
        ..options()
    })
    .await;
    let order_id = new_order_id();
    let token = env.scan(&order_id).await;
    let mut pay = env.pay_req(&order_id, &token, 4_040_000, json!({}));
    pay.timeout_ms = 1_000;
    assert_eq!(env.http.send(&pay).await, Err(HttpError::Timeout));
    // The payment exists although its answer never came: query resolves
    // the unknown outcome (1000 only while the pay is still being handled).
    let mut q = env.query(&order_id).await;
    for _ in 0..100 {
        if q.result_code != 1000 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        q = env.query(&order_id).await;
    }
    assert_eq!(q.result_code, 0);
    // Retrying with the SAME requestId replays the answer without paying twice.
    pay.timeout_ms = 30_000;
    let retried = env.pay_with(&pay).await;
    assert_eq!((retried.result_code, retried.trans_id), (0, q.trans_id));
    assert_eq!(env.stats().await["payments"], 1);
}

#[tokio::test]
async fn a_bad_signature_is_20_and_echoes_the_expected_raw_string() {
    let env = start().await;
    // Signed with the wrong secretKey: the raw strings agree, the keys do not.
    let mut config = json!({
        "partnerCode": credentials::PARTNER_CODE, "accessKey": credentials::ACCESS_KEY,
        "secretKey": "not-the-sandbox-secret", "gatewayBaseUrl": env.url, "lang": "en",
    });
    config["publicKey"] = json!(env.sandbox.credentials().public_key_pem);
    let wrong = MomoClient::new(from_json::<ClientConfig>(&config.to_string()).unwrap()).unwrap();
    let req = wrong
        .tokenization_create(
            &from_json(
                &json!({"orderId": new_order_id(), "referenceCode": "1023984137834985578",
                        "subPartnerCode": "", "requestTime": now_ms()})
                .to_string(),
            )
            .unwrap(),
        )
        .unwrap();
    let raw = req.signature_raw.clone().expect("signed request");
    let res = env.send(&req).await;
    let answer = parse_tokenization_create(res.status, &res.body).unwrap();
    assert_eq!((res.status, answer.result_code), (400, 20));
    assert!(
        answer.message.contains(&raw),
        "{} lacks {raw}",
        answer.message
    );
    assert!(raw.contains(&format!("accessKey={}", credentials::ACCESS_KEY)));

    // A body changed after signing: the sandbox's raw string shows the change.
    let order_id = new_order_id();
    let token = env.scan(&order_id).await;
    let mut pay = env.pay_req(&order_id, &token, 50_000, json!({"orderInfo": "original"}));
    pay.body = pay.body.replace("\"original\"", "\"tampered\"");
    let signed_raw = pay.signature_raw.clone().unwrap();
    let refused = env.pay_with(&pay).await;
    assert_eq!(refused.result_code, 20);
    assert!(
        refused.message.contains("orderInfo=tampered&"),
        "{}",
        refused.message
    );
    assert!(signed_raw.contains("orderInfo=original&"));
    // Nothing was paid, and the token still works with a good signature.
    let paid = env
        .pay_with(&env.pay_req(&order_id, &token, 50_000, json!({})))
        .await;
    assert_eq!(paid.result_code, 0);
}

/// A gateway body signed by hand (fields as sent), for inputs momo-core
/// itself refuses to prepare.
fn hand_signed(fields: &[(&str, serde_json::Value)], signed: &[&str]) -> String {
    let mut body = serde_json::Map::new();
    for (k, v) in fields {
        body.insert((*k).to_owned(), v.clone());
    }
    let texts: Vec<(&str, String)> = signed
        .iter()
        .map(|k| {
            let text = match body.get(*k) {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(v) => v.to_string(),
                None => String::new(),
            };
            (*k, text)
        })
        .collect();
    let mut pairs: Vec<(&str, &str)> = texts.iter().map(|(k, v)| (*k, v.as_str())).collect();
    pairs.push(("accessKey", credentials::ACCESS_KEY));
    let s = sign(&HmacKey::new(credentials::SECRET_KEY.as_bytes()), &pairs);
    body.insert("signature".into(), s.signature.into());
    serde_json::Value::Object(body).to_string()
}

#[tokio::test]
async fn amounts_outside_the_limits_are_22() {
    let env = start().await;
    let order_id = new_order_id();
    let token = env.scan(&order_id).await;
    // momo-core refuses 500 VND before sending; the sandbox must too.
    let ciphertext = {
        let ok = env.pay_req(&order_id, &token, 50_000, json!({}));
        let v: serde_json::Value = serde_json::from_str(&ok.body).unwrap();
        v["token"].as_str().unwrap().to_owned()
    };
    for amount in [500, 30_000_001] {
        let body = hand_signed(
            &[
                ("partnerCode", json!(credentials::PARTNER_CODE)),
                ("requestId", json!(format!("hand-{amount}"))),
                ("orderId", json!(order_id)),
                ("token", json!(ciphertext)),
                ("amount", json!(amount)),
                ("orderInfo", json!("x")),
                ("partnerClientId", json!("")),
                ("extraData", json!("")),
                ("requestTime", json!(now_ms())),
            ],
            &[
                "amount",
                "extraData",
                "orderId",
                "orderInfo",
                "partnerClientId",
                "partnerCode",
                "requestId",
                "token",
            ],
        );
        let res = env
            .post_json("/v2/gateway/api/tokenization/pay", &body)
            .await;
        assert_eq!(json_of(&res)["resultCode"], 22, "{amount}: {}", res.body);
        assert_eq!(res.status, 400);
    }
    assert_eq!(env.stats().await["payments"], 0);
}

#[tokio::test]
async fn refunds_take_a_new_order_id_up_to_what_was_paid() {
    let env = start().await;
    let (order_id, paid) = env.checkout(100_000, json!({})).await;
    let trans_id = paid.trans_id.unwrap();
    let refund = |amount: i64| {
        env.client
            .refund(
                &from_json(
                    &json!({"orderId": new_order_id(), "transId": trans_id, "amount": amount,
                            "description": "trả lại"})
                    .to_string(),
                )
                .unwrap(),
            )
            .unwrap()
    };
    let res = env.send(&refund(60_000)).await;
    let first = parse_refund(res.status, &res.body).unwrap();
    assert_eq!(first.result_code, 0, "{}", res.body);
    assert_ne!(first.trans_id, Some(trans_id));
    let res = env.send(&refund(50_000)).await;
    assert_eq!(
        parse_refund(res.status, &res.body).unwrap().result_code,
        22,
        "only 40,000 left"
    );
    let res = env.send(&refund(40_000)).await;
    assert_eq!(parse_refund(res.status, &res.body).unwrap().result_code, 0);
    let res = env.send(&refund(1_000)).await;
    assert_eq!(
        parse_refund(res.status, &res.body).unwrap().result_code,
        1081
    );
    let q = env.query(&order_id).await;
    assert_eq!(q.refund_trans.len(), 2);
    assert_eq!(
        q.refund_trans.iter().map(|r| r.amount).sum::<i64>(),
        100_000
    );
}

//! Payment notifications: POSTed to a listener on loopback, verified with
//! momo-core's `verify_ipn`, retried when the listener fails.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use momo_core::input::from_json;
use momo_core::{ClientConfig, MomoClient, ResultClass};
use momo_sandbox::credentials;
use serde_json::json;
use tokio::sync::mpsc;

use crate::common::{start, Env};

/// A listener on 127.0.0.1:0 that answers 500 to the first `fail_first`
/// notifications, then 204, and hands every body it got to the test.
pub async fn listener(fail_first: usize) -> (String, mpsc::UnboundedReceiver<String>) {
    #[derive(Clone)]
    struct Ipn {
        tx: mpsc::UnboundedSender<String>,
        seen: Arc<AtomicUsize>,
        fail_first: usize,
    }
    async fn receive(State(s): State<Ipn>, body: String) -> StatusCode {
        let n = s.seen.fetch_add(1, Ordering::SeqCst);
        let _ = s.tx.send(body);
        if n < s.fail_first {
            StatusCode::INTERNAL_SERVER_ERROR
        } else {
            StatusCode::NO_CONTENT
        }
    }
    let (tx, rx) = mpsc::unbounded_channel();
    let app = Router::new()
        .route("/momo/ipn", post(receive))
        .with_state(Ipn {
            tx,
            seen: Arc::new(AtomicUsize::new(0)),
            fail_first,
        });
    let socket = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/momo/ipn", socket.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(socket, app).await });
    (url, rx)
}

async fn register(env: &Env, url: &str) {
    let res = env
        .post_json("/sandbox/ipn-url", &json!({ "url": url }).to_string())
        .await;
    assert_eq!(res.status, 204, "{}", res.body);
    assert_eq!(env.get_json("/sandbox/ipn-url").await["url"], url);
}

pub async fn next(rx: &mut mpsc::UnboundedReceiver<String>) -> String {
    tokio::time::timeout(Duration::from_secs(20), rx.recv())
        .await
        .expect("a notification within 20 s")
        .expect("listener alive")
}

#[tokio::test]
async fn a_payment_notification_arrives_and_verifies() {
    let env = start().await;
    let (url, mut rx) = listener(0).await;
    register(&env, &url).await;

    let (order_id, paid) = env
        .checkout(50_000, json!({"extraData": "eyJ1c2VybmFtZSI6ICJtb21vIn0="}))
        .await;
    assert_eq!(paid.result_code, 0);
    let body = next(&mut rx).await;
    let ipn = env
        .client
        .verify_ipn(&body)
        .unwrap_or_else(|e| panic!("{e}: {body}"));
    assert_eq!(ipn.order_id, order_id);
    assert_eq!(
        (ipn.result_code, ipn.amount, ipn.trans_id),
        (0, 50_000, paid.trans_id)
    );
    assert_eq!(ipn.outcome.class, ResultClass::Success);
    assert_eq!(ipn.extra_data, "eyJ1c2VybmFtZSI6ICJtb21vIn0=");
    assert_eq!(ipn.order_info, "Cà phê sữa & bánh mì");

    // Someone without the secretKey cannot have produced it.
    let mut config = json!({
        "partnerCode": credentials::PARTNER_CODE, "accessKey": credentials::ACCESS_KEY,
        "secretKey": "a-different-secret", "gatewayBaseUrl": env.url,
    });
    config["lang"] = json!("en");
    let stranger =
        MomoClient::new(from_json::<ClientConfig>(&config.to_string()).unwrap()).unwrap();
    assert!(stranger.verify_ipn(&body).is_err());
    // A changed amount no longer verifies.
    let forged = body.replace("\"amount\":50000", "\"amount\":5000");
    assert_ne!(forged, body);
    assert!(env.client.verify_ipn(&forged).is_err());
}

#[tokio::test]
async fn pending_and_authorized_payments_notify_each_state_in_order() {
    let env = start().await;
    let (url, mut rx) = listener(0).await;
    register(&env, &url).await;

    let (order_id, paid) = env.checkout(9_000_000, json!({})).await;
    assert_eq!(paid.result_code, 9000);
    let first = env.client.verify_ipn(&next(&mut rx).await).unwrap();
    assert_eq!(
        (first.order_id.as_str(), first.result_code),
        (order_id.as_str(), 9000)
    );
    let capture = env
        .client
        .confirm(
            &from_json(
                &json!({"orderId": order_id, "requestType": "capture", "amount": 9_000_000})
                    .to_string(),
            )
            .unwrap(),
        )
        .unwrap();
    assert_eq!(env.send(&capture).await.status, 200);
    let second = env.client.verify_ipn(&next(&mut rx).await).unwrap();
    assert_eq!(
        (second.order_id.as_str(), second.result_code),
        (order_id.as_str(), 0)
    );

    // 7000: no notification until the query settles it.
    let (pending, paid) = env.checkout(7_000_000, json!({})).await;
    assert_eq!(paid.result_code, 7000);
    assert_eq!(env.query(&pending).await.result_code, 7000);
    let settled = env.client.verify_ipn(&next(&mut rx).await).unwrap();
    assert_eq!(
        (settled.order_id.as_str(), settled.result_code),
        (pending.as_str(), 0)
    );
}

#[tokio::test]
async fn a_failing_listener_gets_the_notification_again() {
    let env = start().await;
    let (url, mut rx) = listener(1).await;
    register(&env, &url).await;
    let (order_id, _) = env.checkout(20_000, json!({})).await;
    let refused = next(&mut rx).await;
    let retried = next(&mut rx).await;
    assert_eq!(refused, retried, "the retry carries the same signed body");
    assert_eq!(env.client.verify_ipn(&retried).unwrap().order_id, order_id);
    // Delivered on the second attempt.
    let mut ipn = env.stats().await["ipn"].clone();
    for _ in 0..100 {
        if ipn["delivered"] == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        ipn = env.stats().await["ipn"].clone();
    }
    assert_eq!(
        (ipn["delivered"].as_u64(), ipn["attempts"].as_u64()),
        (Some(1), Some(2))
    );

    // Only loopback URLs are accepted.
    let res = env
        .post_json(
            "/sandbox/ipn-url",
            &json!({"url": "http://example.com/ipn"}).to_string(),
        )
        .await;
    assert_eq!(res.status, 400);
}

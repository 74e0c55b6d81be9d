//! Bad input never crashes the sandbox: malformed JSON, wrong types, huge
//! bodies (declared or streamed), wrong content types, garbage on the
//! socket. Each gets a clear 4xx, and the server keeps serving.

use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::{json_of, options, start_with, Env};

const LIMIT: usize = 4 * 1024;

async fn small_limit() -> Env {
    start_with(momo_sandbox::Options {
        max_body_bytes: LIMIT,
        ..options()
    })
    .await
}

/// Writes `bytes` on a fresh connection and reads the answer until the
/// server closes or 5 s pass.
async fn raw(env: &Env, bytes: &[u8]) -> String {
    let addr = env.url.trim_start_matches("http://").to_owned();
    let mut stream = TcpStream::connect(addr).await.unwrap();
    // The server may answer (and close) before it reads everything.
    let _ = stream.write_all(bytes).await;
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut out)).await;
    String::from_utf8_lossy(&out).into_owned()
}

async fn still_serving(env: &Env) {
    let c = env.get_json("/sandbox/credentials").await;
    assert_eq!(c["url"], env.url);
}

const ENDPOINTS: &[&str] = &[
    "/v2/gateway/api/tokenization/create",
    "/v2/gateway/api/tokenization/pay",
    "/v2/gateway/api/create",
    "/v2/gateway/api/query",
    "/v2/gateway/api/confirm",
    "/v2/gateway/api/refund",
    "/api/authentication/login",
    "/api/gift/create",
    "/api/gift/status",
    "/api/gift/get-trans",
    "/sandbox/ipn-url",
];

#[tokio::test]
async fn malformed_json_and_wrong_types_are_clear_4xx() {
    let env = small_limit().await;
    let nested = format!("{}{}", "[".repeat(3000), "]".repeat(3000));
    let bodies: Vec<String> = vec![
        "{".into(),
        "not json at all".into(),
        "[1,2,3]".into(),
        "null".into(),
        "\"a string\"".into(),
        nested,
        json!({"partnerCode": 5, "requestId": [], "orderId": {}, "signature": true}).to_string(),
        json!({"amount": "abc", "orderId": "x", "requestTime": -1.5e300}).to_string(),
        r#"{"amount": 1e400, "token": null, "requestTime": 99999999999999999999999}"#.into(),
        "{\"orderId\": \"\\ud800\"}".into(),
    ];
    for path in ENDPOINTS {
        for body in &bodies {
            let res = env.post_json(path, body).await;
            assert!(
                (400..500).contains(&res.status),
                "{path} {body:.40}: HTTP {} {}",
                res.status,
                res.body
            );
            let v: Value = json_of(&res);
            assert!(v.is_object(), "{path}: {}", res.body);
        }
    }
    // Gateway answers name the offending field.
    let res = env
        .post_json(
            "/v2/gateway/api/tokenization/pay",
            &json!({"partnerCode": "P", "requestId": "r1", "signature": "s", "orderId": "o1",
                    "token": "t", "amount": "abc", "orderInfo": "i", "requestTime": 1})
            .to_string(),
        )
        .await;
    let v = json_of(&res);
    assert_eq!((res.status, v["resultCode"].as_i64()), (400, Some(20)));
    assert!(
        v["message"].as_str().unwrap().contains("amount"),
        "{}",
        res.body
    );
    still_serving(&env).await;
}

#[tokio::test]
async fn bodies_over_the_limit_are_413_whether_declared_or_streamed() {
    let env = small_limit().await;
    let huge = format!("{{\"orderId\":\"{}\"}}", "x".repeat(LIMIT * 4));
    for path in ENDPOINTS {
        let res = env.post_json(path, &huge).await;
        assert_eq!(res.status, 413, "{path}: {}", res.body);
    }
    // Chunked, with no Content-Length: the limit holds while reading.
    let chunk = "y".repeat(1024);
    let mut request = String::from(
        "POST /v2/gateway/api/query HTTP/1.1\r\nHost: 127.0.0.1\r\n\
         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
    );
    request.push_str(&format!("{:x}\r\n{{\"orderId\":\"\r\n", 12));
    for _ in 0..(LIMIT / 1024 + 4) {
        request.push_str(&format!("{:x}\r\n{chunk}\r\n", chunk.len()));
    }
    request.push_str("0\r\n\r\n");
    let answer = raw(&env, request.as_bytes()).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer:.200}");
    // A declared length far beyond the limit is refused before any body.
    let answer = raw(
        &env,
        b"POST /api/gift/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
          Content-Length: 99999999999\r\n\r\n{",
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer:.200}");
    still_serving(&env).await;
}

#[tokio::test]
async fn wrong_content_types_methods_paths_and_garbage_are_refused() {
    let env = small_limit().await;
    let res = env
        .post_raw(
            "/v2/gateway/api/query",
            &[("Content-Type", "text/plain")],
            "{}",
        )
        .await;
    assert_eq!(res.status, 415, "{}", res.body);
    let res = env.post_raw("/api/authentication/login", &[], "{}").await;
    assert_eq!(res.status, 415);
    let res = env
        .post_raw(
            "/v2/gateway/api/query",
            &[("Content-Type", "application/json")],
            "",
        )
        .await;
    assert_eq!(res.status, 400);
    let res = env
        .http
        .get(
            &format!("{}/v2/gateway/api/query", env.url),
            Duration::from_secs(5),
        )
        .await
        .unwrap();
    assert_eq!(res.status, 405);
    let res = env.post_json("/v2/gateway/api/nope", "{}").await;
    assert_eq!(res.status, 404);
    assert_eq!(json_of(&res)["error"], "NOT_FOUND");

    // Not UTF-8.
    let answer = raw(
        &env,
        b"POST /api/gift/status HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
          Content-Length: 4\r\nConnection: close\r\n\r\n\xff\xfe\xfd\xfc",
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer:.200}");
    // Not HTTP at all, and a header block that never ends.
    let answer = raw(&env, b"\x16\x03\x01\x02\x00 hello there\r\n\r\n").await;
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 4"),
        "{answer:.200}"
    );
    let mut endless = b"GET / HTTP/1.1\r\nHost: x\r\n".to_vec();
    for i in 0..20_000 {
        endless.extend_from_slice(format!("X-Pad-{i}: {}\r\n", "z".repeat(40)).as_bytes());
    }
    let answer = raw(&env, &endless).await;
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 4"),
        "{answer:.200}"
    );
    // Bad percent-encoding in redeem-status's path segments.
    let res = env
        .post_raw(
            "/api/v1/merchants/%FF%FE/campaigns/c/vouchers/redeem-status",
            &[
                ("Content-Type", "application/json"),
                ("Authorization", "Bearer x"),
            ],
            "{}",
        )
        .await;
    assert!((400..500).contains(&res.status), "{}", res.body);
    still_serving(&env).await;
}

/// xorshift64*: a small deterministic generator, so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One random damage to a JSON text: cut it, flip a byte, insert noise, or
/// swap a value for one of another type.
fn mutate(rng: &mut Rng, body: &str) -> Vec<u8> {
    let mut bytes = body.as_bytes().to_vec();
    let at = rng.below(bytes.len());
    match rng.below(5) {
        0 => bytes.truncate(at),
        1 => bytes[at] ^= 1 << rng.below(8),
        2 => {
            let noise: &[&[u8]] = &[
                b"\"", b"{", b"]", b",", b"\\u0000", b"-1e999", b"null", b"\xc3",
            ];
            let n = noise[rng.below(noise.len())];
            bytes.splice(at..at, n.iter().copied());
        }
        3 => {
            let mut v: Value = serde_json::from_str(body).unwrap();
            if let Some(map) = v.as_object_mut() {
                let keys: Vec<String> = map.keys().cloned().collect();
                let key = &keys[rng.below(keys.len())];
                let others = [
                    json!(null),
                    json!(-1),
                    json!(1.5),
                    json!(i64::MAX),
                    json!("9".repeat(40)),
                    json!([]),
                    json!({"a": 1}),
                    json!(true),
                    json!(""),
                ];
                map.insert(key.clone(), others[rng.below(others.len())].clone());
            }
            bytes = v.to_string().into_bytes();
        }
        _ => {
            let mut v: Value = serde_json::from_str(body).unwrap();
            if let Some(map) = v.as_object_mut() {
                let keys: Vec<String> = map.keys().cloned().collect();
                map.remove(&keys[rng.below(keys.len())]);
            }
            bytes = v.to_string().into_bytes();
        }
    }
    bytes
}

#[tokio::test]
async fn damaged_versions_of_valid_requests_never_get_a_5xx() {
    let env = small_limit().await;
    let order_id = crate::common::new_order_id();
    let token = env.scan(&order_id).await;
    let prepared = [
        env.create_req(&crate::common::new_order_id(), None),
        env.pay_req(&order_id, &token, 50_000, json!({})),
        env.client
            .query(&momo_core::input::from_json(&json!({"orderId": order_id}).to_string()).unwrap())
            .unwrap(),
        env.client.login().unwrap(),
        env.client
            .gift_create(
                &momo_core::input::from_json(
                    &json!({"time": crate::common::now_ms(), "walletId": "0902890661",
                            "gifts": [{"giftId": "g", "giftType": "T", "amount": 50_000,
                                       "startTime": 1, "endTime": 9_999_999_999_999_i64}]})
                    .to_string(),
                )
                .unwrap(),
            )
            .unwrap(),
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..400 {
        let req = &prepared[round % prepared.len()];
        let body = mutate(&mut rng, &req.body);
        let mut raw_req = format!(
            "POST {} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n",
            req.url.trim_start_matches(&env.url),
            body.len()
        )
        .into_bytes();
        raw_req.extend_from_slice(&body);
        let answer = raw(&env, &raw_req).await;
        let status: u16 = answer
            .get(9..12)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("round {round}: no HTTP answer: {answer:.200}"));
        assert!(
            status < 500,
            "round {round}: {} {:?} -> {answer:.300}",
            req.url,
            String::from_utf8_lossy(&body)
        );
    }
    still_serving(&env).await;
}

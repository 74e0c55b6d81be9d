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

//! Shared test plumbing: a sandbox on 127.0.0.1:0 in this process, a
//! momo-core client configured from its `/sandbox/credentials` over HTTP,
//! and helpers that send momo-core's `PreparedRequest`s.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use momo_core::input::from_json;
use momo_core::{
    ids, parse_query, parse_tokenization_create, parse_tokenization_pay, MomoClient,
    PreparedRequest, QueryResponse, TokenizationCreateResponse, TokenizationPayResponse,
};
use momo_sandbox::{load, HttpClient, HttpResponse, Options, Sandbox};
use serde_json::{json, Value};

/// A running sandbox and the clients that talk to it.
pub struct Env {
    pub sandbox: Sandbox,
    pub http: HttpClient,
    pub client: MomoClient,
    pub url: String,
}

/// Options for tests: port 0, no request log, quick IPN retries.
pub fn options() -> Options {
    Options {
        port: 0,
        log: false,
        ipn_retry_delay_ms: 50,
        ..Options::default()
    }
}

pub async fn start() -> Env {
    start_with(options()).await
}

pub async fn start_with(options: Options) -> Env {
    let sandbox = Sandbox::start(options).await.expect("sandbox starts");
    let url = sandbox.url().to_owned();
    let http = HttpClient::new();
    let client = load::client_for(&http, &url)
        .await
        .expect("client from /sandbox/credentials");
    Env {
        sandbox,
        http,
        client,
        url,
    }
}

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap()
}

pub fn new_order_id() -> String {
    ids::new_order_id().unwrap()
}

pub fn json_of(res: &HttpResponse) -> Value {
    serde_json::from_str(&res.body)
        .unwrap_or_else(|e| panic!("HTTP {} body is not JSON ({e}): {}", res.status, res.body))
}

impl Env {
    /// Sends a prepared request; panics when no answer comes.
    pub async fn send(&self, req: &PreparedRequest) -> HttpResponse {
        self.http
            .send(req)
            .await
            .unwrap_or_else(|e| panic!("{} {}: {e}", req.method, req.url))
    }

    /// POSTs `body` to `path` with the given headers.
    pub async fn post_raw(&self, path: &str, headers: &[(&str, &str)], body: &str) -> HttpResponse {
        self.http
            .request(
                "POST",
                &format!("{}{path}", self.url),
                headers,
                Some(body.to_owned()),
                Duration::from_secs(30),
            )
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }

    /// POSTs a JSON body to `path`.
    pub async fn post_json(&self, path: &str, body: &str) -> HttpResponse {
        self.post_raw(path, &[("Content-Type", "application/json")], body)
            .await
    }

    pub async fn get_json(&self, path: &str) -> Value {
        let res = self
            .http
            .get(&format!("{}{path}", self.url), Duration::from_secs(10))
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        assert_eq!(res.status, 200, "GET {path}: {}", res.body);
        json_of(&res)
    }

    pub async fn stats(&self) -> Value {
        self.get_json("/sandbox/stats").await
    }

    /// tokenization/create for `order_id` (prepared).
    pub fn create_req(&self, order_id: &str, request_id: Option<&str>) -> PreparedRequest {
        let input = json!({
            "requestId": request_id, "orderId": order_id,
            "referenceCode": "1023984137834985578", "subPartnerCode": "",
            "requestTime": now_ms(), "lang": "en",
        });
        self.client
            .tokenization_create(&from_json(&input.to_string()).unwrap())
            .unwrap()
    }

    /// Scans: tokenization/create, which must answer 0 with a token.
    pub async fn scan(&self, order_id: &str) -> String {
        let res = self.send(&self.create_req(order_id, None)).await;
        let created: TokenizationCreateResponse =
            parse_tokenization_create(res.status, &res.body).unwrap();
        assert_eq!(created.result_code, 0, "{}", res.body);
        created.token.expect("a token")
    }

    /// tokenization/pay (prepared), with `extra` fields merged into the input.
    pub fn pay_req(
        &self,
        order_id: &str,
        token: &str,
        amount: i64,
        extra: Value,
    ) -> PreparedRequest {
        let mut input = json!({
            "orderId": order_id, "token": token, "amount": amount,
            "orderInfo": "Cà phê sữa & bánh mì", "requestTime": now_ms(), "lang": "en",
        });
        if let (Some(map), Some(more)) = (input.as_object_mut(), extra.as_object()) {
            map.extend(more.clone());
        }
        self.client
            .tokenization_pay(&from_json(&input.to_string()).unwrap())
            .unwrap()
    }

    /// Sends a pay request and parses the answer.
    pub async fn pay_with(&self, req: &PreparedRequest) -> TokenizationPayResponse {
        let res = self.send(req).await;
        parse_tokenization_pay(res.status, &res.body)
            .unwrap_or_else(|e| panic!("{e}: {}", res.body))
    }

    /// A fresh order scanned and paid with `amount`: (orderId, answer).
    pub async fn checkout(&self, amount: i64, extra: Value) -> (String, TokenizationPayResponse) {
        let order_id = new_order_id();
        let token = self.scan(&order_id).await;
        let paid = self
            .pay_with(&self.pay_req(&order_id, &token, amount, extra))
            .await;
        (order_id, paid)
    }

    pub async fn query(&self, order_id: &str) -> QueryResponse {
        let input = json!({ "orderId": order_id, "lang": "en" });
        let req = self
            .client
            .query(&from_json(&input.to_string()).unwrap())
            .unwrap();
        let res = self.send(&req).await;
        parse_query(res.status, &res.body).unwrap_or_else(|e| panic!("{e}: {}", res.body))
    }
}

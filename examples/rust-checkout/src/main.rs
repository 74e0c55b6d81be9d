//! A POS checkout in Rust against the offline MoMo sandbox.
//!
//! momo-core prepares every request and reads every answer; `ureq` sends.
//! Flow: scan -> pay (success), a refund with a new orderId, a payment
//! refused for insufficient funds, and a payment whose answer times out,
//! which is an unknown state resolved by query (never a failure).
//!
//! Run: `MOMO_SANDBOX_URL=http://127.0.0.1:8765 cargo run -p momo-example-rust-checkout`

use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use momo_core::input::from_json;
use momo_core::{
    ids, parse_query, parse_refund, parse_tokenization_create, parse_tokenization_pay,
    ClientConfig, Lang, MomoClient, Outcome, PreparedRequest, QueryRequest, QueryResponse,
    RefundRequest, ResultClass, TokenizationCreateRequest, TokenizationCreateResponse,
    TokenizationPayRequest, TokenizationPayResponse,
};
use serde_json::{json, Value};

/// What one HTTP exchange gave: an answer, or no answer in time.
enum Sent {
    Answer(u16, String),
    TimedOut,
}

fn send(agent: &ureq::Agent, req: &PreparedRequest) -> Result<Sent, String> {
    let mut call = agent
        .post(&req.url)
        .config()
        .timeout_global(Some(Duration::from_millis(req.timeout_ms)))
        .http_status_as_error(false)
        .build();
    for h in &req.headers {
        call = call.header(&h.name, &h.value);
    }
    match call.send(req.body.as_str()) {
        Ok(mut res) => {
            let status = res.status().as_u16();
            let body = res.body_mut().read_to_string().map_err(|e| e.to_string())?;
            Ok(Sent::Answer(status, body))
        }
        Err(ureq::Error::Timeout(_)) => Ok(Sent::TimedOut),
        Err(e) => Err(format!("{} {}: {e}", req.method, req.url)),
    }
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

struct Checkout {
    agent: ureq::Agent,
    client: MomoClient,
    failures: usize,
}

impl Checkout {
    fn check(&mut self, step: &str, ok: bool, detail: String) {
        println!(
            "[rust] {} {step}: {detail}",
            if ok { "ok  " } else { "FAIL" }
        );
        if !ok {
            self.failures += 1;
        }
    }

    fn answer(&self, req: &PreparedRequest) -> Result<(u16, String), String> {
        match send(&self.agent, req)? {
            Sent::Answer(status, body) => Ok((status, body)),
            Sent::TimedOut => Err(format!("no answer within {} ms", req.timeout_ms)),
        }
    }

    fn scan(&self, order_id: &str) -> Result<TokenizationCreateResponse, String> {
        let req = self
            .client
            .tokenization_create(&TokenizationCreateRequest {
                request_id: None,
                order_id: order_id.to_owned(),
                reference_code: "1023984137834985578".into(),
                sub_partner_code: String::new(),
                store_id: Some("store-01".into()),
                request_time: now_ms(),
                lang: Some(Lang::En),
            })
            .map_err(|e| e.to_string())?;
        let (status, body) = self.answer(&req)?;
        parse_tokenization_create(status, &body).map_err(|e| e.to_string())
    }

    fn pay_request(
        &self,
        order_id: &str,
        token: &str,
        amount: i64,
    ) -> Result<PreparedRequest, String> {
        let input = json!({
            "orderId": order_id, "token": token, "amount": amount, "orderInfo": "Cà phê sữa x2",
            "requestTime": now_ms(), "lang": "en",
            "items": [{"id": "sku-1", "name": "Cà phê sữa", "price": amount / 2, "quantity": 2}]
        });
        let req: TokenizationPayRequest =
            from_json(&input.to_string()).map_err(|e| e.to_string())?;
        self.client
            .tokenization_pay(&req)
            .map_err(|e| e.to_string())
    }

    fn query(&self, order_id: &str) -> Result<QueryResponse, String> {
        let req = self
            .client
            .query(&QueryRequest {
                request_id: None,
                order_id: order_id.to_owned(),
                lang: Some(Lang::En),
            })
            .map_err(|e| e.to_string())?;
        let (status, body) = self.answer(&req)?;
        parse_query(status, &body).map_err(|e| e.to_string())
    }

    /// Scans, then pays `amount`; returns the pay answer or None on timeout.
    fn checkout(
        &mut self,
        amount: i64,
    ) -> Result<(String, Option<TokenizationPayResponse>), String> {
        let order_id = ids::new_order_id().map_err(|e| e.to_string())?;
        let created = self.scan(&order_id)?;
        let token = created.token.clone().unwrap_or_default();
        self.check(
            &format!("scan for {order_id}"),
            created.outcome.class == ResultClass::Success && !token.is_empty(),
            format!("resultCode {} {}", created.result_code, created.message),
        );
        let req = self.pay_request(&order_id, &token, amount)?;
        match send(&self.agent, &req)? {
            Sent::Answer(status, body) => {
                let paid = parse_tokenization_pay(status, &body).map_err(|e| e.to_string())?;
                Ok((order_id, Some(paid)))
            }
            Sent::TimedOut => Ok((order_id, None)),
        }
    }

    fn run(&mut self) -> Result<(), String> {
        let (order_id, paid) = self.checkout(50_000)?;
        let paid = paid.ok_or("pay timed out")?;
        self.check(
            "pay 50,000 VND",
            paid.outcome.class == ResultClass::Success,
            format!(
                "resultCode {} transId {:?}",
                paid.result_code, paid.trans_id
            ),
        );

        let refund = self
            .client
            .refund(&RefundRequest {
                request_id: None,
                order_id: ids::new_order_id().map_err(|e| e.to_string())?,
                trans_id: paid.trans_id.unwrap_or_default(),
                amount: 20_000,
                description: "Trả lại 1 ly".into(),
                original_order_id: Some(order_id),
                lang: Some(Lang::En),
            })
            .map_err(|e| e.to_string())?;
        let (status, body) = self.answer(&refund)?;
        let refunded = parse_refund(status, &body).map_err(|e| e.to_string())?;
        self.check(
            "refund 20,000 VND with a new orderId",
            refunded.outcome.class == ResultClass::Success,
            format!("resultCode {} {}", refunded.result_code, refunded.message),
        );

        let (_, refused) = self.checkout(1_001_000)?;
        let refused = refused.ok_or("pay timed out")?;
        self.check(
            "pay 1,001,000 VND is refused (insufficient funds)",
            refused.result_code == 1001 && refused.outcome.class == ResultClass::Failed,
            format!(
                "resultCode {}: {}",
                refused.result_code, refused.outcome.message_en
            ),
        );

        let (order_id, slow) = self.checkout(4_040_000)?;
        let outcome = slow.map_or_else(Outcome::transport_timeout, |p| p.outcome);
        self.check(
            "pay 4,040,000 VND: no answer in 10 s is UNKNOWN, not failed",
            outcome.class == ResultClass::Unknown && outcome.needs_query,
            format!(
                "class {:?}, needs query: {}",
                outcome.class, outcome.needs_query
            ),
        );
        let queried = self.query(&order_id)?;
        self.check(
            "query resolves the unknown payment",
            queried.outcome.class == ResultClass::Success,
            format!("resultCode {} {}", queried.result_code, queried.message),
        );
        Ok(())
    }
}

fn credentials(agent: &ureq::Agent, url: &str) -> Result<ClientConfig, String> {
    let text = agent
        .get(&format!("{url}/sandbox/credentials"))
        .call()
        .map_err(|e| format!("sandbox not reachable at {url}: {e}"))?
        .body_mut()
        .read_to_string()
        .map_err(|e| e.to_string())?;
    let c: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let config = json!({
        "partnerCode": c["partnerCode"], "accessKey": c["accessKey"], "secretKey": c["secretKey"],
        "publicKey": c["publicKeyPem"], "gatewayBaseUrl": url, "businessBaseUrl": format!("{url}/api"),
        "lang": "en"
    });
    from_json(&config.to_string()).map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let url = std::env::var("MOMO_SANDBOX_URL").unwrap_or_else(|_| "http://127.0.0.1:8765".into());
    let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
    let result = credentials(&agent, &url)
        .and_then(|config| MomoClient::new(config).map_err(|e| e.to_string()))
        .and_then(|client| {
            let mut checkout = Checkout {
                agent,
                client,
                failures: 0,
            };
            checkout.run().map(|()| checkout.failures)
        });
    match result {
        Ok(0) => {
            println!("[rust] every step ended as expected");
            ExitCode::SUCCESS
        }
        Ok(n) => {
            println!("[rust] {n} step(s) did not end as expected");
            ExitCode::FAILURE
        }
        Err(e) => {
            println!("[rust] FAIL: {e}");
            ExitCode::FAILURE
        }
    }
}

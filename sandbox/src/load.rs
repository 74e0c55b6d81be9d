//! A load run: N concurrent POS checkouts (tokenization/create, then
//! tokenization/pay) from a client on loopback, then a check that nothing
//! was lost or doubled.
//!
//! momo-core prepares every request (signing, RSA encryption of the token)
//! and parses every answer; [`HttpClient`] sends them. After the timed phase
//! the run reads `GET /sandbox/stats` (before and after, so a sandbox that
//! already served other traffic works too) and queries every order: each
//! must answer resultCode 0 with the transId and amount its payment got.
//! The query phase is not timed.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use momo_core::input::from_json;
use momo_core::{
    ids, parse_query, parse_tokenization_create, parse_tokenization_pay, ClientConfig, Lang,
    MomoClient, QueryRequest, TokenizationCreateRequest, TokenizationPayRequest,
};
use serde_json::{json, Value};

use crate::client::HttpClient;

/// How much failure text a report keeps.
const KEEP_FAILURES: usize = 10;
/// Timeout of the stats and credentials calls.
const ADMIN_TIMEOUT: Duration = Duration::from_secs(10);

/// What to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadOptions {
    /// Base URL of a running sandbox, `http://127.0.0.1:PORT`.
    pub url: String,
    /// Checkouts in all.
    pub checkouts: usize,
    /// Checkouts in flight at once (at least 1).
    pub concurrency: usize,
    /// Amount of each payment, VND (a plain amount settles with 0).
    pub amount: i64,
}

/// Counts from `GET /sandbox/stats`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatsCounts {
    /// Orders that went through tokenization/create.
    pub orders_created: i64,
    /// Payments made by tokenization/pay.
    pub payments: i64,
    /// Payments whose current resultCode is 0.
    pub settled: i64,
}

impl StatsCounts {
    fn from_json(v: &Value) -> Result<Self, String> {
        let field = |name: &str| {
            v.get(name)
                .and_then(Value::as_i64)
                .ok_or_else(|| format!("/sandbox/stats has no number {name:?}: {v}"))
        };
        Ok(Self {
            orders_created: field("ordersCreated")?,
            payments: field("payments")?,
            settled: field("settled")?,
        })
    }

    fn minus(self, before: Self) -> Self {
        Self {
            orders_created: self.orders_created - before.orders_created,
            payments: self.payments - before.payments,
            settled: self.settled - before.settled,
        }
    }
}

/// What a load run measured and found.
#[derive(Debug, Clone)]
pub struct LoadReport {
    /// Checkouts attempted.
    pub checkouts: usize,
    /// Concurrency used.
    pub concurrency: usize,
    /// Checkouts whose pay answered resultCode 0.
    pub paid: usize,
    /// Checkouts that did not end with resultCode 0 (count).
    pub failed: usize,
    /// The first few failures, as text.
    pub failures: Vec<String>,
    /// Wall time of the checkout phase.
    pub elapsed: Duration,
    /// Latency of each successful checkout (create + pay), sorted.
    pub latencies: Vec<Duration>,
    /// Distinct transIds among the successful payments.
    pub distinct_trans_ids: usize,
    /// What `/sandbox/stats` counted during the run (after minus before).
    pub stats: StatsCounts,
    /// Orders whose query answered 0 with the same transId and amount.
    pub confirmed_by_query: usize,
}

impl LoadReport {
    /// Successful checkouts per second of the checkout phase.
    pub fn checkouts_per_second(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.paid as f64 / secs
        } else {
            0.0
        }
    }

    /// The `p`-th percentile (0..=100) of checkout latency (nearest rank).
    pub fn percentile(&self, p: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let n = self.latencies.len();
        let rank = ((p / 100.0) * n as f64).ceil() as usize;
        self.latencies[rank.clamp(1, n) - 1]
    }

    /// True when every checkout was paid once and the sandbox agrees:
    /// created == payments == settled == checkouts, one transId each, and
    /// every order's query confirms its payment.
    pub fn consistent(&self) -> bool {
        let n = self.checkouts as i64;
        self.failed == 0
            && self.paid == self.checkouts
            && self.distinct_trans_ids == self.checkouts
            && self.stats.orders_created == n
            && self.stats.payments == n
            && self.stats.settled == n
            && self.confirmed_by_query == self.checkouts
    }

    /// A human-readable summary, several lines.
    pub fn summary(&self) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        format!(
            "checkouts: {} at concurrency {} in {:.2} s -> {:.0} checkouts/s\n\
             latency per checkout (create + pay): p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms\n\
             paid: {}, failed: {}, distinct transIds: {}\n\
             sandbox stats during the run: ordersCreated +{}, payments +{}, settled +{}\n\
             queries confirming resultCode 0 with the same transId and amount: {}\n\
             consistent (created == settled == checkouts, nothing lost or doubled): {}",
            self.checkouts,
            self.concurrency,
            self.elapsed.as_secs_f64(),
            self.checkouts_per_second(),
            ms(self.percentile(50.0)),
            ms(self.percentile(90.0)),
            ms(self.percentile(99.0)),
            ms(self.percentile(100.0)),
            self.paid,
            self.failed,
            self.distinct_trans_ids,
            self.stats.orders_created,
            self.stats.payments,
            self.stats.settled,
            self.confirmed_by_query,
            if self.consistent() { "yes" } else { "NO" },
        )
    }
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// A momo-core client for the sandbox at `url`, from its
/// `/sandbox/credentials`.
pub async fn client_for(http: &HttpClient, url: &str) -> Result<MomoClient, String> {
    let res = http
        .get(&format!("{url}/sandbox/credentials"), ADMIN_TIMEOUT)
        .await
        .map_err(|e| format!("sandbox not reachable at {url}: {e}"))?;
    let c: Value = serde_json::from_str(&res.body)
        .map_err(|e| format!("/sandbox/credentials is not JSON ({e}): {}", res.body))?;
    let config = json!({
        "partnerCode": c["partnerCode"], "accessKey": c["accessKey"], "secretKey": c["secretKey"],
        "publicKey": c["publicKeyPem"], "partnerId": c["partnerId"], "clientId": c["clientId"],
        "clientSecret": c["clientSecret"], "gatewayBaseUrl": url,
        "businessBaseUrl": format!("{url}/api"), "giftBaseUrl": url, "lang": "en",
    });
    let config: ClientConfig = from_json(&config.to_string()).map_err(|e| e.to_string())?;
    MomoClient::new(config).map_err(|e| e.to_string())
}

async fn stats(http: &HttpClient, url: &str) -> Result<StatsCounts, String> {
    let res = http
        .get(&format!("{url}/sandbox/stats"), ADMIN_TIMEOUT)
        .await
        .map_err(|e| format!("/sandbox/stats: {e}"))?;
    let v: Value = serde_json::from_str(&res.body)
        .map_err(|e| format!("/sandbox/stats is not JSON ({e}): {}", res.body))?;
    StatsCounts::from_json(&v)
}

/// One successful checkout.
struct Paid {
    order_id: String,
    trans_id: i64,
    latency: Duration,
}

/// Scans and pays one order; the payment or why it failed.
async fn checkout(http: &HttpClient, client: &MomoClient, amount: i64) -> Result<Paid, String> {
    let started = Instant::now();
    let order_id = ids::new_order_id().map_err(|e| e.to_string())?;
    let create = client
        .tokenization_create(&TokenizationCreateRequest {
            request_id: None,
            order_id: order_id.clone(),
            reference_code: "1023984137834985578".into(),
            sub_partner_code: String::new(),
            store_id: Some("load".into()),
            request_time: now_ms(),
            lang: Some(Lang::En),
        })
        .map_err(|e| e.to_string())?;
    let res = http
        .send(&create)
        .await
        .map_err(|e| format!("{order_id} create: {e}"))?;
    let created = parse_tokenization_create(res.status, &res.body).map_err(|e| e.to_string())?;
    let token = match (created.result_code, created.token) {
        (0, Some(token)) => token,
        (code, _) => return Err(format!("{order_id} create: resultCode {code}")),
    };
    let pay: TokenizationPayRequest = from_json(
        &json!({
            "orderId": order_id, "token": token, "amount": amount,
            "orderInfo": "Load run", "requestTime": now_ms(), "lang": "en",
        })
        .to_string(),
    )
    .map_err(|e| e.to_string())?;
    let pay = client.tokenization_pay(&pay).map_err(|e| e.to_string())?;
    let res = http
        .send(&pay)
        .await
        .map_err(|e| format!("{order_id} pay: {e}"))?;
    let paid = parse_tokenization_pay(res.status, &res.body).map_err(|e| e.to_string())?;
    match (paid.result_code, paid.trans_id) {
        (0, Some(trans_id)) => Ok(Paid {
            order_id,
            trans_id,
            latency: started.elapsed(),
        }),
        (code, _) => Err(format!(
            "{order_id} pay: resultCode {code} {}",
            paid.message
        )),
    }
}

/// Runs `work` for every index in `0..n` on `concurrency` tasks.
async fn fan_out<T, F, Fut>(n: usize, concurrency: usize, work: F) -> Vec<T>
where
    T: Send + 'static,
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let work = Arc::new(work);
    let out = Arc::new(Mutex::new(Vec::with_capacity(n)));
    let mut tasks = Vec::new();
    for _ in 0..concurrency.clamp(1, n.max(1)) {
        let (next, work, out) = (next.clone(), work.clone(), out.clone());
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                let result = work(i).await;
                out.lock().unwrap_or_else(|e| e.into_inner()).push(result);
            }
        }));
    }
    for task in tasks {
        // A panicking worker loses its results; the counts then show it.
        let _ = task.await;
    }
    let mut out = out.lock().unwrap_or_else(|e| e.into_inner());
    std::mem::take(&mut *out)
}

/// Runs the checkouts, then checks stats and queries every order.
pub async fn run(options: &LoadOptions) -> Result<LoadReport, String> {
    let http = HttpClient::new();
    let url = options.url.trim_end_matches('/').to_owned();
    let client = Arc::new(client_for(&http, &url).await?);
    let before = stats(&http, &url).await?;

    let amount = options.amount;
    let started = Instant::now();
    let results = {
        let (http, client) = (http.clone(), client.clone());
        fan_out(options.checkouts, options.concurrency, move |_| {
            let (http, client) = (http.clone(), client.clone());
            async move { checkout(&http, &client, amount).await }
        })
        .await
    };
    let elapsed = started.elapsed();

    let mut paid = Vec::new();
    let mut failures = Vec::new();
    let mut failed = 0;
    for r in results {
        match r {
            Ok(p) => paid.push(p),
            Err(e) => {
                failed += 1;
                if failures.len() < KEEP_FAILURES {
                    failures.push(e);
                }
            }
        }
    }
    failed += options.checkouts.saturating_sub(paid.len() + failed);
    let after = stats(&http, &url).await?;
    let distinct_trans_ids = paid
        .iter()
        .map(|p| p.trans_id)
        .collect::<HashSet<_>>()
        .len();

    let orders: Arc<Vec<(String, i64)>> = Arc::new(
        paid.iter()
            .map(|p| (p.order_id.clone(), p.trans_id))
            .collect(),
    );
    let checks = {
        let (http, client, orders) = (http.clone(), client.clone(), orders.clone());
        fan_out(orders.len(), options.concurrency, move |i| {
            let (http, client, orders) = (http.clone(), client.clone(), orders.clone());
            async move {
                let (order_id, trans_id) = &orders[i];
                let req = client
                    .query(&QueryRequest {
                        request_id: None,
                        order_id: order_id.clone(),
                        lang: Some(Lang::En),
                    })
                    .ok()?;
                let res = http.send(&req).await.ok()?;
                let q = parse_query(res.status, &res.body).ok()?;
                (q.result_code == 0 && q.trans_id == Some(*trans_id) && q.amount == Some(amount))
                    .then_some(())
            }
        })
        .await
    };
    let confirmed_by_query = checks.iter().filter(|c| c.is_some()).count();

    let mut latencies: Vec<Duration> = paid.iter().map(|p| p.latency).collect();
    latencies.sort_unstable();
    Ok(LoadReport {
        checkouts: options.checkouts,
        concurrency: options.concurrency,
        paid: paid.len(),
        failed,
        failures,
        elapsed,
        latencies,
        distinct_trans_ids,
        stats: after.minus(before),
        confirmed_by_query,
    })
}

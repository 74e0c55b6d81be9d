//! Payment notifications (IPN): built and signed like MoMo's, POSTed to the
//! ipnUrl from background tasks with a bounded retry.
//!
//! Jobs are spread over a few lanes by orderId; each lane delivers in order,
//! so the notifications of one payment (9000, then 0 after capture) arrive in
//! the order they happened, while a slow listener holds up only its lane.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::Duration;

use momo_core::result_code::payment_code;
use momo_core::signing;
use serde_json::json;
use tokio::sync::mpsc;

use crate::client::HttpClient;
use crate::state::{now_ms, Counters, Payment, Shared};

/// Lanes delivering in parallel.
const LANES: usize = 8;
/// Notifications waiting per lane; beyond it new ones are dropped (and
/// counted as `ipn.dropped`), so a dead listener cannot grow memory.
pub(crate) const QUEUE_PER_LANE: usize = 1024;
/// How long one delivery attempt may take.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(5);

/// One notification to deliver.
#[derive(Debug, Clone)]
pub(crate) struct IpnJob {
    pub url: String,
    pub order_id: String,
    pub result_code: i64,
    pub body: String,
}

/// The handle that queues notifications.
#[derive(Clone)]
pub(crate) struct IpnSender {
    lanes: Vec<mpsc::Sender<IpnJob>>,
    counters: Arc<Counters>,
}

impl IpnSender {
    /// Queues a notification.
    pub fn send(&self, job: IpnJob) {
        Counters::bump(&self.counters.ipn_queued);
        let mut h = DefaultHasher::new();
        job.order_id.hash(&mut h);
        let lane = (h.finish() % self.lanes.len() as u64) as usize;
        match self.lanes[lane].try_send(job) {
            Ok(()) => {}
            Err(mpsc::error::TrySendError::Full(_)) => Counters::bump(&self.counters.ipn_dropped),
            Err(mpsc::error::TrySendError::Closed(_)) => Counters::bump(&self.counters.ipn_failed),
        }
    }
}

/// Retry policy of the delivery tasks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Retry {
    pub attempts: u32,
    pub first_delay_ms: u64,
    pub log: bool,
}

/// Starts the delivery lanes (on the current tokio runtime).
pub(crate) fn spawn(counters: Arc<Counters>, retry: Retry) -> IpnSender {
    let client = HttpClient::new();
    let mut lanes = Vec::with_capacity(LANES);
    for _ in 0..LANES {
        let (tx, mut rx) = mpsc::channel::<IpnJob>(QUEUE_PER_LANE);
        let client = client.clone();
        let counters = counters.clone();
        tokio::spawn(async move {
            while let Some(job) = rx.recv().await {
                deliver(&client, &job, retry, &counters).await;
            }
        });
        lanes.push(tx);
    }
    IpnSender { lanes, counters }
}

async fn deliver(client: &HttpClient, job: &IpnJob, retry: Retry, counters: &Counters) {
    let attempts = retry.attempts.max(1);
    let mut last = String::new();
    for attempt in 1..=attempts {
        Counters::bump(&counters.ipn_attempts);
        match client
            .post_json(&job.url, job.body.clone(), ATTEMPT_TIMEOUT)
            .await
        {
            Ok(res) if (200..300).contains(&res.status) => {
                Counters::bump(&counters.ipn_delivered);
                if retry.log {
                    eprintln!(
                        "[momo-sandbox] IPN resultCode {} for {} -> {} answered {} (attempt {attempt})",
                        job.result_code, job.order_id, job.url, res.status
                    );
                }
                return;
            }
            Ok(res) => last = format!("HTTP {}", res.status),
            Err(e) => last = e.to_string(),
        }
        if attempt < attempts {
            let delay = retry
                .first_delay_ms
                .saturating_mul(1 << (attempt - 1).min(10));
            tokio::time::sleep(Duration::from_millis(delay)).await;
        }
    }
    Counters::bump(&counters.ipn_failed);
    if retry.log {
        eprintln!(
            "[momo-sandbox] IPN for {} -> {} gave up after {attempts} attempt(s): {last}",
            job.order_id, job.url
        );
    }
}

/// `orderType` of every notification the sandbox sends.
pub(crate) const ORDER_TYPE: &str = "momo_wallet";

/// A payment notification, signed: the IPN body and the redirect's query
/// string carry exactly these fields (PROTOCOL.md sections 1 and 1b).
#[derive(Debug, Clone)]
pub(crate) struct Notification {
    /// The payment's orderId.
    pub order_id: String,
    /// The payment's resultCode.
    pub result_code: i64,
    /// The JSON body POSTed to the ipnUrl.
    pub body: String,
    /// The same fields and the signature as `k=v` pairs (not encoded), in
    /// the IPN body's order.
    pub pairs: Vec<(&'static str, String)>,
}

impl Notification {
    /// The redirect's query string: the pairs form-encoded (UTF-8
    /// percent-encoding, space as `+`), joined with `&`.
    pub fn query_string(&self) -> String {
        self.pairs
            .iter()
            .map(|(k, v)| format!("{}={}", form_encode(k), form_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// `application/x-www-form-urlencoded` encoding of one name or value:
/// ASCII letters, digits and `*-._` stay, a space is `+`, every other byte
/// of the UTF-8 text is `%XX`.
pub(crate) fn form_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(b));
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The documented IPN fields (PROTOCOL.md section 1) for the payment's
/// current state, signed with the accessKey and secretKey (the fixed field
/// list, sorted) at `response_time` (epoch ms).
pub(crate) fn notification(shared: &Shared, payment: &Payment, response_time: i64) -> Notification {
    let code = payment.state;
    let message = payment_code(code).map_or("", |c| c.message(payment.lang));
    let amount = payment.amount.to_string();
    let trans_id = payment.trans_id.to_string();
    let response_time_text = response_time.to_string();
    let code_text = code.to_string();
    let partner_code = shared.credentials.partner_code.as_str();
    let pay_type = payment.pay_type;
    let signed = signing::sign(
        &shared.secret,
        &[
            ("accessKey", shared.credentials.access_key.as_str()),
            ("amount", &amount),
            ("extraData", &payment.extra_data),
            ("message", message),
            ("orderId", &payment.order_id),
            ("orderInfo", &payment.order_info),
            ("orderType", ORDER_TYPE),
            ("partnerCode", partner_code),
            ("payType", pay_type),
            ("requestId", &payment.request_id),
            ("responseTime", &response_time_text),
            ("resultCode", &code_text),
            ("transId", &trans_id),
        ],
    );
    let body = json!({
        "partnerCode": partner_code,
        "orderId": payment.order_id,
        "requestId": payment.request_id,
        "amount": payment.amount,
        "orderInfo": payment.order_info,
        "orderType": ORDER_TYPE,
        "transId": payment.trans_id,
        "resultCode": code,
        "message": message,
        "payType": pay_type,
        "responseTime": response_time,
        "extraData": payment.extra_data,
        "signature": signed.signature,
    });
    let pairs = vec![
        ("partnerCode", partner_code.to_owned()),
        ("orderId", payment.order_id.clone()),
        ("requestId", payment.request_id.clone()),
        ("amount", amount),
        ("orderInfo", payment.order_info.clone()),
        ("orderType", ORDER_TYPE.to_owned()),
        ("transId", trans_id),
        ("resultCode", code_text),
        ("message", message.to_owned()),
        ("payType", pay_type.to_owned()),
        ("responseTime", response_time_text),
        ("extraData", payment.extra_data.clone()),
        ("signature", signed.signature),
    ];
    Notification {
        order_id: payment.order_id.clone(),
        result_code: code,
        body: body.to_string(),
        pairs,
    }
}

/// Where a payment's notifications go: the payment's own ipnUrl (a create
/// request's, when it is on loopback), else the sandbox's (`--ipn-url`,
/// `POST /sandbox/ipn-url`); `None` (counted as skipped) when neither.
fn target(shared: &Shared, payment: &Payment) -> Option<String> {
    let url = payment.ipn_url.clone().or_else(|| shared.ipn_url());
    if url.is_none() {
        Counters::bump(&shared.counters.ipn_skipped);
    }
    url
}

/// The delivery job of a notification already built.
pub(crate) fn job_of(shared: &Shared, payment: &Payment, n: &Notification) -> Option<IpnJob> {
    Some(IpnJob {
        url: target(shared, payment)?,
        order_id: n.order_id.clone(),
        result_code: n.result_code,
        body: n.body.clone(),
    })
}

/// The notification of the payment's current state, signed now, and its
/// delivery job (`None` when there is nowhere to send it).
pub(crate) fn job_for(shared: &Shared, payment: &Payment) -> Option<IpnJob> {
    let n = notification(shared, payment, now_ms());
    job_of(shared, payment, &n)
}

/// Checks an ipnUrl: `http://` to a loopback host (the sandbox never
/// notifies anything off this machine).
pub(crate) fn check_url(url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("ipnUrl must start with http:// (got {url:?})"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']')
            .next()
            .map(|h| format!("[{h}]"))
            .unwrap_or_default()
    } else {
        authority
            .split(':')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    if !matches!(host.as_str(), "127.0.0.1" | "localhost" | "[::1]") {
        return Err(format!(
            "ipnUrl must point at this machine (127.0.0.1, localhost or [::1]), got host {host:?}"
        ));
    }
    if url.chars().any(char::is_whitespace) {
        return Err("ipnUrl must not contain whitespace".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{check_url, form_encode};

    #[test]
    fn form_encoding_keeps_only_unreserved_bytes() {
        assert_eq!(form_encode("aZ09*-._"), "aZ09*-._");
        assert_eq!(form_encode("a b&c=d+e"), "a+b%26c%3Dd%2Be");
        assert_eq!(form_encode("Cà phê"), "C%C3%A0+ph%C3%AA");
        assert_eq!(form_encode("/?#%~"), "%2F%3F%23%25%7E");
        assert_eq!(form_encode(""), "");
    }

    #[test]
    fn only_loopback_http_urls_are_accepted() {
        for ok in [
            "http://127.0.0.1:9000/ipn",
            "http://localhost:1/x?y=1",
            "http://[::1]:8080/",
            "http://127.0.0.1",
        ] {
            assert!(check_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "https://127.0.0.1/ipn",
            "http://example.com/ipn",
            "http://127.0.0.1.evil.com/",
            "127.0.0.1:80",
            "http://10.0.0.1/",
            "http://127.0.0.1/a b",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }
}

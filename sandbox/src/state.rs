//! In-memory state: one mutex over every map (never held across an await),
//! plus lock-free counters. Nothing touches the disk; a restart forgets all.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use momo_core::hmac_sha256::HmacKey;
use momo_core::Lang;
use rsa::RsaPrivateKey;
use serde_json::{json, Value};

use crate::credentials::Credentials;
use crate::http::Reply;
use crate::ipn::IpnSender;
use crate::Options;

/// First MoMo transId handed out: past 2^32, so 32-bit readers break here.
const FIRST_TRANS_ID: i64 = 5_000_000_001;

/// Everything the handlers share.
pub(crate) struct Shared {
    pub credentials: Credentials,
    /// The secretKey as an HMAC key, for checking and signing.
    pub secret: HmacKey,
    pub key: RsaPrivateKey,
    pub options: Options,
    pub inner: Mutex<Inner>,
    pub ipn: IpnSender,
    pub ipn_url: Mutex<Option<String>>,
    pub counters: std::sync::Arc<Counters>,
    next_trans_id: AtomicI64,
}

impl Shared {
    pub fn new(
        credentials: Credentials,
        key: RsaPrivateKey,
        options: Options,
        ipn: IpnSender,
        counters: std::sync::Arc<Counters>,
    ) -> Self {
        Self {
            secret: HmacKey::new(credentials.secret_key.as_bytes()),
            ipn_url: Mutex::new(options.ipn_url.clone()),
            credentials,
            key,
            options,
            inner: Mutex::new(Inner::default()),
            ipn,
            counters,
            next_trans_id: AtomicI64::new(FIRST_TRANS_ID),
        }
    }

    /// The state, even if a previous holder panicked (the maps stay usable).
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new, unique MoMo transId.
    pub fn trans_id(&self) -> i64 {
        self.next_trans_id.fetch_add(1, Ordering::Relaxed)
    }

    /// Where payment notifications go now, if anywhere.
    pub fn ipn_url(&self) -> Option<String> {
        self.ipn_url
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Sets (or clears) where payment notifications go.
    pub fn set_ipn_url(&self, url: Option<String>) {
        *self.ipn_url.lock().unwrap_or_else(|e| e.into_inner()) = url;
    }
}

/// The sandbox clock: epoch milliseconds.
pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// A stored answer, replayed when the same requestId comes with the same body.
#[derive(Debug, Clone)]
pub(crate) struct Recorded {
    /// Which endpoint answered.
    pub endpoint: &'static str,
    /// The request body, parsed (so key order and spacing do not matter).
    pub body: Value,
    /// The answer.
    pub reply: Reply,
}

/// A one-time token handed out by tokenization/create.
#[derive(Debug, Clone)]
pub(crate) struct PayToken {
    pub order_id: String,
    pub expires_at_ms: i64,
    pub used: bool,
}

/// A payment made by tokenization/pay.
#[derive(Debug, Clone)]
pub(crate) struct Payment {
    pub order_id: String,
    pub request_id: String,
    pub amount: i64,
    pub trans_id: i64,
    /// The current resultCode (0, 9000, 7000, 1001..1007, 1003 after cancel).
    pub state: i64,
    /// What a pending payment settles to (0, or 9000 with autoCapture=false).
    pub settles_to: i64,
    pub order_info: String,
    pub extra_data: String,
    pub lang: Lang,
    pub refunded: i64,
    pub refunds: Vec<RefundRecord>,
    pub last_updated_ms: i64,
}

/// A refund of a payment.
#[derive(Debug, Clone)]
pub(crate) struct RefundRecord {
    pub order_id: String,
    pub amount: i64,
    pub trans_id: i64,
    pub created_ms: i64,
}

/// A Gift API create request and the answer it got.
#[derive(Debug, Clone)]
pub(crate) struct GiftBatchRecord {
    /// `yyyy-MM-dd` of the request's `time` in Asia/Ho_Chi_Minh.
    pub date: String,
    /// The create answer (the `data` of status, a row of get-trans).
    pub answer: Value,
}

/// Every map of the sandbox.
#[derive(Default)]
pub(crate) struct Inner {
    /// Gateway answers by requestId (idempotency).
    pub replays: HashMap<String, Recorded>,
    /// One-time tokens by token value.
    pub pay_tokens: HashMap<String, PayToken>,
    /// orderIds that went through tokenization/create.
    pub created: HashSet<String>,
    /// Payments by orderId.
    pub payments: HashMap<String, Payment>,
    /// Payment orderId by transId.
    pub by_trans_id: HashMap<i64, String>,
    /// Refund orderIds.
    pub refund_order_ids: HashSet<String>,
    /// Business Page access tokens and their expiry.
    pub access_tokens: HashMap<String, i64>,
    /// redeem-status answers by X-Request-Id.
    pub redeem_replays: HashMap<String, Recorded>,
    /// (momoCampaignId, voucherCode) redeemed with SUCCESS.
    pub redeemed: HashSet<(String, String)>,
    /// Gift batches by requestId.
    pub gift_batches: HashMap<String, GiftBatchRecord>,
    /// Gift requestIds in the order they were created.
    pub gift_log: Vec<String>,
}

impl Inner {
    /// True when `order_id` is taken by a create, a payment or a refund.
    pub fn order_id_taken(&self, order_id: &str) -> bool {
        self.created.contains(order_id)
            || self.payments.contains_key(order_id)
            || self.refund_order_ids.contains(order_id)
    }

    /// The stats object of `GET /sandbox/stats`.
    pub fn stats(&self, counters: &Counters) -> Value {
        let mut by_code: BTreeMap<String, u64> = BTreeMap::new();
        let mut refunds = 0u64;
        let mut refunded_amount = 0i64;
        for p in self.payments.values() {
            *by_code.entry(p.state.to_string()).or_default() += 1;
            refunds += p.refunds.len() as u64;
            refunded_amount += p.refunded;
        }
        let settled = by_code.get("0").copied().unwrap_or(0);
        json!({
            "requests": counters.requests.load(Ordering::Relaxed),
            "replays": counters.replays.load(Ordering::Relaxed),
            "ordersCreated": self.created.len(),
            "payments": self.payments.len(),
            "paymentsByResultCode": by_code,
            "settled": settled,
            "refunds": refunds,
            "refundedAmount": refunded_amount,
            "accessTokens": self.access_tokens.len(),
            "vouchersRedeemed": self.redeemed.len(),
            "giftBatches": self.gift_batches.len(),
            "ipn": {
                "queued": counters.ipn_queued.load(Ordering::Relaxed),
                "delivered": counters.ipn_delivered.load(Ordering::Relaxed),
                "failed": counters.ipn_failed.load(Ordering::Relaxed),
                "skipped": counters.ipn_skipped.load(Ordering::Relaxed),
                "attempts": counters.ipn_attempts.load(Ordering::Relaxed),
                "dropped": counters.ipn_dropped.load(Ordering::Relaxed),
            },
            "connections": {
                "open": counters.conn_open.load(Ordering::Relaxed),
                "accepted": counters.conn_accepted.load(Ordering::Relaxed),
                "refused": counters.conn_refused.load(Ordering::Relaxed),
                "evicted": counters.conn_evicted.load(Ordering::Relaxed),
                "headerTimeouts": counters.conn_header_timeouts.load(Ordering::Relaxed),
                "idleTimeouts": counters.conn_idle_timeouts.load(Ordering::Relaxed),
            },
        })
    }
}

/// Lock-free counters.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub requests: AtomicU64,
    pub replays: AtomicU64,
    pub ipn_queued: AtomicU64,
    pub ipn_delivered: AtomicU64,
    pub ipn_failed: AtomicU64,
    pub ipn_skipped: AtomicU64,
    pub ipn_attempts: AtomicU64,
    /// Notifications dropped because their delivery queue was full.
    pub ipn_dropped: AtomicU64,
    /// Connections open now.
    pub conn_open: AtomicU64,
    /// Connections admitted.
    pub conn_accepted: AtomicU64,
    /// Connections closed at once: every slot had a request in flight.
    pub conn_refused: AtomicU64,
    /// Idle connections closed to make room for a new one.
    pub conn_evicted: AtomicU64,
    /// Connections closed because a request head came too slowly.
    pub conn_header_timeouts: AtomicU64,
    /// Connections closed after sitting idle too long.
    pub conn_idle_timeouts: AtomicU64,
}

impl Counters {
    pub fn request(&self) {
        self.requests.fetch_add(1, Ordering::Relaxed);
    }

    pub fn bump(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Adds one to a gauge.
    pub fn up(gauge: &AtomicU64) {
        gauge.fetch_add(1, Ordering::Relaxed);
    }

    /// Takes one from a gauge (never below zero).
    pub fn down(gauge: &AtomicU64) {
        let _ = gauge.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
            Some(n.saturating_sub(1))
        });
    }
}

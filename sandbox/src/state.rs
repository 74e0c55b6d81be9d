//! In-memory state: one mutex over every map (never held across an await),
//! plus lock-free counters. Nothing touches the disk; a restart forgets all.

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::hash::Hash;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use momo_core::hmac_sha256::HmacKey;
use momo_core::Lang;
use rsa::PrivateKey;
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
    pub key: PrivateKey,
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
        key: PrivateKey,
        options: Options,
        ipn: IpnSender,
        counters: std::sync::Arc<Counters>,
    ) -> Self {
        Self {
            secret: HmacKey::new(credentials.secret_key.as_bytes()),
            ipn_url: Mutex::new(options.ipn_url.clone()),
            credentials,
            key,
            inner: Mutex::new(Inner::with_cap(options.max_records)),
            options,
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
    /// payType of its notifications and query answers (`qr` for
    /// tokenization/pay; `webApp`, `napas` or `credit` from the payment page).
    pub pay_type: &'static str,
    /// Where its notifications go when not the sandbox's ipnUrl (a create
    /// request's loopback ipnUrl).
    pub ipn_url: Option<String>,
}

/// A one-time payment made by create, waiting on its payment page for the
/// tester's decision.
#[derive(Debug, Clone)]
pub(crate) struct Checkout {
    pub order_id: String,
    pub request_id: String,
    pub request_type: String,
    pub amount: i64,
    pub order_info: String,
    pub extra_data: String,
    pub partner_name: Option<String>,
    pub redirect_url: String,
    /// The request's ipnUrl when it is on loopback (else notifications go
    /// to the sandbox's ipnUrl).
    pub ipn_url: Option<String>,
    pub auto_capture: Option<bool>,
    pub lang: Lang,
    pub expires_at_ms: i64,
    /// Set by the first approve or decline: what every later one repeats.
    pub decided: Option<Decision>,
}

/// What the payment page answered the first approve or decline with.
#[derive(Debug, Clone)]
pub(crate) struct Decision {
    /// The payment's resultCode at that moment.
    pub result_code: i64,
    /// The redirect (redirectUrl plus the signed query string), or `None`
    /// when the request had no redirectUrl.
    pub location: Option<String>,
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

/// A map that keeps at most `cap` entries: inserting a new key beyond it
/// forgets the oldest inserted one. Entries are never removed otherwise, so
/// the insertion order and the map stay in step.
pub(crate) struct Capped<K, V> {
    map: HashMap<K, V>,
    order: VecDeque<K>,
    cap: usize,
    evicted: u64,
}

impl<K: Eq + Hash + Clone, V> Capped<K, V> {
    /// An empty map holding at most `cap` (at least 1) entries.
    pub fn new(cap: usize) -> Self {
        Self {
            map: HashMap::new(),
            order: VecDeque::new(),
            cap: cap.max(1),
            evicted: 0,
        }
    }

    /// Inserts or replaces; a new key beyond the cap evicts the oldest.
    /// True when the key is new.
    pub fn insert(&mut self, key: K, value: V) -> bool {
        let new = self.map.insert(key.clone(), value).is_none();
        if new {
            self.order.push_back(key);
            while self.map.len() > self.cap {
                let Some(old) = self.order.pop_front() else {
                    break;
                };
                self.map.remove(&old);
                self.evicted += 1;
            }
        }
        new
    }

    /// The value of `key`.
    pub fn get<Q: Hash + Eq + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.map.get(key)
    }

    /// The value of `key`, to change.
    pub fn get_mut<Q: Hash + Eq + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        self.map.get_mut(key)
    }

    /// True when `key` is kept.
    pub fn contains_key<Q: Hash + Eq + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.map.contains_key(key)
    }

    /// Entries kept.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// The values, in no particular order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.map.values()
    }

    /// The values, oldest insertion first.
    pub fn values_in_order(&self) -> impl Iterator<Item = &V> {
        self.order.iter().filter_map(|k| self.map.get(k))
    }

    /// Entries forgotten to stay under the cap.
    pub fn evicted(&self) -> u64 {
        self.evicted
    }
}

/// A set with the same cap and eviction as [`Capped`].
pub(crate) type CappedSet<K> = Capped<K, ()>;

impl<K: Eq + Hash + Clone> Capped<K, ()> {
    /// Adds `key` to the set; true when it was not there.
    pub fn add(&mut self, key: K) -> bool {
        self.insert(key, ())
    }

    /// True when `key` is in the set.
    pub fn contains<Q: Hash + Eq + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.contains_key(key)
    }
}

/// Every map of the sandbox, each capped at `--max-records` entries (the
/// oldest forgotten first), so no client can grow memory without bound.
pub(crate) struct Inner {
    /// Gateway answers by requestId (idempotency).
    pub replays: Capped<String, Recorded>,
    /// One-time tokens by token value.
    pub pay_tokens: Capped<String, PayToken>,
    /// orderIds that went through tokenization/create.
    pub created: CappedSet<String>,
    /// Payments by orderId.
    pub payments: Capped<String, Payment>,
    /// Payment orderId by transId.
    pub by_trans_id: Capped<i64, String>,
    /// Refund orderIds.
    pub refund_order_ids: CappedSet<String>,
    /// Business Page access tokens and their expiry.
    pub access_tokens: Capped<String, i64>,
    /// redeem-status answers by X-Request-Id.
    pub redeem_replays: Capped<String, Recorded>,
    /// (momoCampaignId, voucherCode) redeemed with SUCCESS.
    pub redeemed: CappedSet<(String, String)>,
    /// Gift batches by requestId, in the order they were created.
    pub gift_batches: Capped<String, GiftBatchRecord>,
    /// One-time payments (create) by payment page id.
    pub checkouts: Capped<String, Checkout>,
    /// Payment page id by orderId.
    pub checkout_by_order: Capped<String, String>,
}

impl Inner {
    /// Empty maps of at most `cap` entries each.
    pub fn with_cap(cap: usize) -> Self {
        Self {
            replays: Capped::new(cap),
            pay_tokens: Capped::new(cap),
            created: Capped::new(cap),
            payments: Capped::new(cap),
            by_trans_id: Capped::new(cap),
            refund_order_ids: Capped::new(cap),
            access_tokens: Capped::new(cap),
            redeem_replays: Capped::new(cap),
            redeemed: Capped::new(cap),
            gift_batches: Capped::new(cap),
            checkouts: Capped::new(cap),
            checkout_by_order: Capped::new(cap),
        }
    }

    /// Entries forgotten, over every map.
    fn evicted(&self) -> u64 {
        self.replays.evicted()
            + self.pay_tokens.evicted()
            + self.created.evicted()
            + self.payments.evicted()
            + self.by_trans_id.evicted()
            + self.refund_order_ids.evicted()
            + self.access_tokens.evicted()
            + self.redeem_replays.evicted()
            + self.redeemed.evicted()
            + self.gift_batches.evicted()
            + self.checkouts.evicted()
            + self.checkout_by_order.evicted()
    }

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
            "paymentPages": self.checkouts.len(),
            "payments": self.payments.len(),
            "paymentsByResultCode": by_code,
            "settled": settled,
            "refunds": refunds,
            "refundedAmount": refunded_amount,
            "accessTokens": self.access_tokens.len(),
            "vouchersRedeemed": self.redeemed.len(),
            "giftBatches": self.gift_batches.len(),
            "recordsEvicted": self.evicted(),
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

#[cfg(test)]
mod tests {
    use super::Capped;

    #[test]
    fn capped_maps_forget_the_oldest_beyond_the_cap() {
        let mut m: Capped<u32, u32> = Capped::new(3);
        for i in 0..10 {
            assert!(m.insert(i, i * 10));
        }
        assert_eq!(m.len(), 3);
        assert_eq!(m.evicted(), 7);
        assert!(!m.contains_key(&6));
        assert_eq!(
            m.values_in_order().copied().collect::<Vec<_>>(),
            [70, 80, 90]
        );
        // Replacing a kept key neither grows the map nor evicts.
        assert!(!m.insert(8, 1));
        assert_eq!((m.len(), m.evicted(), m.get(&8)), (3, 7, Some(&1)));
        let mut zero: Capped<u32, ()> = Capped::new(0);
        assert!(zero.add(1) && zero.add(2));
        assert_eq!((zero.len(), zero.contains(&2)), (1, true));
    }
}

//! [`PaymentTracker`]: the core's payment lifecycle as a foreign object.

use std::sync::{Arc, Mutex, PoisonError};

use momo_core as mc;
use momo_core::{NextStep, Step, TrackedOperation, TrackerEvent};

use crate::{guard, Result};

/// One payment's lifecycle, sans-I/O: feed it what happened (with your
/// clock) through [`handle`](Self::handle) and do what the [`Step`] says:
/// wait until a time, query now, confirm, or stop at a final state. The
/// rules are the core's `PaymentTracker`; this object only holds it.
#[derive(Debug, uniffi::Object)]
#[uniffi::export(Debug)]
pub struct PaymentTracker {
    inner: Mutex<mc::PaymentTracker>,
}

impl PaymentTracker {
    /// `read` of the tracker under the lock, without copying it.
    fn with<T>(&self, read: impl FnOnce(&mc::PaymentTracker) -> T) -> T {
        // The tracker is replaced only after a successful `handle`, so a
        // panic while the lock was held left it whole.
        read(&self.inner.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

#[uniffi::export]
impl PaymentTracker {
    /// A tracker for a payment whose `operation` call is being sent now;
    /// `expires_at_ms` is when the order stops being payable (for create:
    /// [`order_expires_at_ms`]; for pay and refund: the longest you will
    /// wait for an answer).
    #[uniffi::constructor]
    pub fn new(operation: TrackedOperation, expires_at_ms: i64) -> Arc<Self> {
        Arc::new(Self {
            inner: Mutex::new(mc::PaymentTracker::new(operation, expires_at_ms)),
        })
    }

    /// A tracker restored from [`to_json`](Self::to_json) text (stored with
    /// the order, e.g. across a restart). Text that is not one is refused
    /// as every host refuses it, the field a path under `tracker`
    /// (`REQUIRED` on `tracker.expiresAtMs`; `INVALID_INPUT` on `tracker`
    /// for text that is not JSON).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>> {
        let inner = guard(|| {
            mc::input::from_json::<mc::PaymentTracker>(&json).map_err(|e| e.within("tracker"))
        })?;
        Ok(Arc::new(Self {
            inner: Mutex::new(inner),
        }))
    }

    /// The tracker as JSON text (the core's serde form, the same in every
    /// host), to store with the order.
    pub fn to_json(&self) -> Result<String> {
        guard(|| {
            self.with(serde_json::to_string)
                .map_err(|e| mc::MomoError::new(mc::ErrorCode::Internal, "tracker", e.to_string()))
        })
    }

    /// Feeds one event and answers what to do next (`INVALID_INPUT` for a
    /// negative `nowMs`). A notification already acted on, or any after a
    /// final step, comes back with `duplicate = true` and changes nothing.
    pub fn handle(&self, event: TrackerEvent) -> Result<Step> {
        guard(|| {
            let mut slot = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
            let mut next = slot.clone();
            let step = next.handle(event)?;
            *slot = next;
            Ok(step)
        })
    }

    /// What to do now (the answer to the last event).
    pub fn next(&self) -> NextStep {
        self.with(|t| t.next().clone())
    }

    /// The tracked operation.
    pub fn operation(&self) -> TrackedOperation {
        self.with(mc::PaymentTracker::operation)
    }

    /// When the order stops being payable, epoch milliseconds.
    pub fn expires_at_ms(&self) -> i64 {
        self.with(mc::PaymentTracker::expires_at_ms)
    }

    /// Query answers (and query timeouts) so far.
    pub fn queries(&self) -> u32 {
        self.with(mc::PaymentTracker::queries)
    }
}

/// When an order created at `created_at_ms` with `orderExpireTime` in
/// minutes (MoMo's default of 15 when null) stops being payable, epoch ms.
#[uniffi::export(default(order_expire_minutes = None))]
pub fn order_expires_at_ms(created_at_ms: i64, order_expire_minutes: Option<i64>) -> i64 {
    mc::tracker::schedule::order_expires_at_ms(created_at_ms, order_expire_minutes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use momo_core::Outcome;

    #[test]
    fn delegates_to_the_core_tracker() {
        let t = PaymentTracker::new(
            TrackedOperation::Create,
            order_expires_at_ms(1_000, Some(1)),
        );
        let mut core = mc::PaymentTracker::new(TrackedOperation::Create, 61_000);
        let event = TrackerEvent::CreateAnswered {
            outcome: Outcome::of_payment(0),
            now_ms: 1_000,
        };
        assert_eq!(
            t.handle(event.clone()).unwrap(),
            core.handle(event).unwrap()
        );
        assert_eq!(&t.next(), core.next());
        let bad = t.handle(TrackerEvent::Tick { now_ms: -1 }).unwrap_err();
        assert_eq!(bad.code(), "INVALID_INPUT");
        assert_eq!(&t.next(), core.next(), "an error changes nothing");
        let back = PaymentTracker::from_json(t.to_json().unwrap()).unwrap();
        assert_eq!(back.with(Clone::clone), t.with(Clone::clone));
        let err = PaymentTracker::from_json("{".into()).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            ("INVALID_INPUT".into(), "tracker".into())
        );
    }
}

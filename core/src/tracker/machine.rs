//! [`PaymentTracker`]: the transitions.

use serde::{Deserialize, Serialize};

use super::event::{TrackedOperation, TrackerEvent};
use super::schedule::{delay_ms, EXPIRY_GRACE_MS};
use super::step::{FinalReason, NextStep, Step};
use crate::error::Result;
use crate::gateway::ConfirmRequestType;
use crate::result_code::{Outcome, ResultClass};

/// The call the host has in flight, as far as the tracker knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
enum InFlight {
    /// The create, pay or refund call.
    Operation,
    /// A query.
    Query,
    /// A confirm.
    Confirm,
    /// None: waiting, or final.
    Nothing,
}

/// One payment's lifecycle (see [the module](crate::tracker)).
///
/// ```
/// use momo_core::{NextStep, Outcome, PaymentTracker, TrackedOperation, TrackerEvent};
///
/// let created = 1_765_000_000_000;
/// let expires = momo_core::tracker::schedule::order_expires_at_ms(created, Some(10));
/// let mut tracker = PaymentTracker::new(TrackedOperation::Create, expires);
/// // The QR code exists: wait for the customer (and the notification).
/// let step = tracker.handle(TrackerEvent::CreateAnswered {
///     outcome: Outcome::of_payment(0),
///     now_ms: created,
/// })?;
/// assert_eq!(step.next, NextStep::WaitUntil { at_ms: created + 10_000 });
/// // No notification by then: query.
/// let step = tracker.handle(TrackerEvent::Tick { now_ms: created + 10_000 })?;
/// assert_eq!(step.next, NextStep::QueryNow);
/// # Ok::<(), momo_core::MomoError>(())
/// ```
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentTracker {
    operation: TrackedOperation,
    expires_at_ms: i64,
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    in_flight: InFlight,
    queries: u32,
    /// (transId, resultCode) of every notification acted on.
    notified: Vec<(Option<i64>, Option<i64>)>,
    next: NextStep,
}

impl PaymentTracker {
    /// A tracker for a payment whose `operation` call is being sent now.
    /// `expires_at_ms` is when the order stops being payable (for create:
    /// [`order_expires_at_ms`](super::schedule::order_expires_at_ms); for
    /// pay and refund: the longest the host will wait for an answer).
    /// Until the answer comes there is nothing to do but wait for it.
    pub fn new(operation: TrackedOperation, expires_at_ms: i64) -> Self {
        Self {
            operation,
            expires_at_ms,
            in_flight: InFlight::Operation,
            queries: 0,
            notified: Vec::new(),
            next: NextStep::WaitUntil {
                at_ms: expires_at_ms.saturating_add(EXPIRY_GRACE_MS),
            },
        }
    }

    /// What to do now (the answer to the last event).
    pub fn next(&self) -> &NextStep {
        &self.next
    }

    /// The tracked operation.
    pub fn operation(&self) -> TrackedOperation {
        self.operation
    }

    /// When the order stops being payable, epoch ms.
    pub fn expires_at_ms(&self) -> i64 {
        self.expires_at_ms
    }

    /// Query answers (and query timeouts) so far.
    pub fn queries(&self) -> u32 {
        self.queries
    }

    /// Feeds one event and answers what to do next. A negative `now_ms`
    /// is `INVALID_INPUT`. After a final step nothing changes it; a
    /// notification then, or one already acted on, is reported as a
    /// duplicate.
    pub fn handle(&mut self, event: TrackerEvent) -> Result<Step> {
        let now = event.now_ms();
        crate::validate::epoch_ms("nowMs", now)?;
        if matches!(self.next, NextStep::Final { .. }) {
            let duplicate = matches!(event, TrackerEvent::Notified { .. });
            return Ok(self.unchanged(duplicate));
        }
        let next = match event {
            TrackerEvent::Tick { .. } => match self.next {
                NextStep::WaitUntil { at_ms } if now >= at_ms => self.query(),
                _ => return Ok(self.unchanged(false)),
            },
            TrackerEvent::CreateAnswered { outcome, .. }
                if outcome.class == ResultClass::Success =>
            {
                // The QR code or link exists: the customer has yet to pay.
                self.wait(now)
            }
            TrackerEvent::CreateAnswered { outcome, .. }
            | TrackerEvent::PayAnswered { outcome, .. }
            | TrackerEvent::RefundAnswered { outcome, .. } => self.answer(&outcome, now),
            TrackerEvent::TransportTimeout { .. } => match self.in_flight {
                InFlight::Query => {
                    self.queries = self.queries.saturating_add(1);
                    self.wait(now)
                }
                InFlight::Operation | InFlight::Confirm => self.query(),
                InFlight::Nothing => return Ok(self.unchanged(false)),
            },
            TrackerEvent::QueryAnswered { outcome, .. } => {
                self.queries = self.queries.saturating_add(1);
                match outcome.class {
                    // The query itself was refused or failed: the
                    // payment's state is still unknown.
                    ResultClass::Rejected | ResultClass::Unknown => self.wait(now),
                    _ => self.answer(&outcome, now),
                }
            }
            TrackerEvent::Notified {
                trans_id, outcome, ..
            } => {
                // Keyed by resultCode too: an authorized payment is
                // notified again, same transId, once captured.
                let key = (trans_id, outcome.code);
                if self.notified.contains(&key) {
                    return Ok(self.unchanged(true));
                }
                self.notified.push(key);
                self.answer(&outcome, now)
            }
            TrackerEvent::ConfirmAnswered {
                request_type,
                outcome,
                ..
            } => match (outcome.class, request_type) {
                (ResultClass::Success, ConfirmRequestType::Capture) => {
                    self.finish(FinalReason::Succeeded, outcome.code)
                }
                (ResultClass::Success, ConfirmRequestType::Cancel) => {
                    self.finish(FinalReason::Cancelled, outcome.code)
                }
                // Whatever else the confirm says, the payment's state is
                // what a query says.
                _ => self.query(),
            },
        };
        self.next = next;
        Ok(self.unchanged(false))
    }

    fn unchanged(&self, duplicate: bool) -> Step {
        Step {
            next: self.next.clone(),
            duplicate,
        }
    }

    /// The payment's own state, as an answer or a notification gives it.
    fn answer(&mut self, outcome: &Outcome, now: i64) -> NextStep {
        match outcome.class {
            ResultClass::Success => self.finish(FinalReason::Succeeded, outcome.code),
            ResultClass::Authorized => {
                self.in_flight = InFlight::Confirm;
                NextStep::Confirm
            }
            ResultClass::Pending => self.wait(now),
            ResultClass::Failed => self.finish(FinalReason::Failed, outcome.code),
            // 41 (duplicate orderId) and 43 (in progress) may hide a
            // payment: query before calling it failed.
            ResultClass::Rejected if outcome.needs_query => self.query(),
            ResultClass::Rejected => self.finish(FinalReason::Rejected, outcome.code),
            ResultClass::Unknown => self.query(),
        }
    }

    /// Wait for the next query by the schedule, or expire at the deadline.
    fn wait(&mut self, now: i64) -> NextStep {
        let deadline = self.expires_at_ms.saturating_add(EXPIRY_GRACE_MS);
        if now >= deadline {
            return self.finish(FinalReason::Expired, None);
        }
        self.in_flight = InFlight::Nothing;
        NextStep::WaitUntil {
            at_ms: now.saturating_add(delay_ms(self.queries)).min(deadline),
        }
    }

    fn query(&mut self) -> NextStep {
        self.in_flight = InFlight::Query;
        NextStep::QueryNow
    }

    fn finish(&mut self, reason: FinalReason, result_code: Option<i64>) -> NextStep {
        self.in_flight = InFlight::Nothing;
        NextStep::Final {
            state: reason.state(),
            reason,
            result_code,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tracker::step::FinalState;

    const T0: i64 = 1_765_000_000_000;
    const EXPIRES: i64 = T0 + 600_000;
    const DEADLINE: i64 = EXPIRES + EXPIRY_GRACE_MS;

    fn code(c: i64) -> Outcome {
        Outcome::of_payment(c)
    }

    fn tracker(op: TrackedOperation) -> PaymentTracker {
        PaymentTracker::new(op, EXPIRES)
    }

    fn step(t: &mut PaymentTracker, e: TrackerEvent) -> NextStep {
        t.handle(e).unwrap().next
    }

    fn wait(at_ms: i64) -> NextStep {
        NextStep::WaitUntil { at_ms }
    }

    fn fin(reason: FinalReason, result_code: Option<i64>) -> NextStep {
        NextStep::Final {
            state: reason.state(),
            reason,
            result_code,
        }
    }

    fn notified(trans_id: i64, c: i64, now_ms: i64) -> TrackerEvent {
        TrackerEvent::Notified {
            trans_id: Some(trans_id),
            outcome: code(c),
            now_ms,
        }
    }

    #[test]
    fn starts_waiting_for_the_answer() {
        let t = tracker(TrackedOperation::Create);
        assert_eq!(t.next(), &wait(DEADLINE));
    }

    #[test]
    fn create_success_waits_then_queries_by_the_schedule() {
        let mut t = tracker(TrackedOperation::Create);
        let created = TrackerEvent::CreateAnswered {
            outcome: code(0),
            now_ms: T0,
        };
        assert_eq!(step(&mut t, created), wait(T0 + 10_000));
        assert_eq!(
            step(&mut t, TrackerEvent::Tick { now_ms: T0 + 9_999 }),
            wait(T0 + 10_000)
        );
        let mut now = T0 + 10_000;
        for delay in [10_000, 20_000, 30_000, 60_000, 60_000] {
            assert_eq!(
                step(&mut t, TrackerEvent::Tick { now_ms: now }),
                NextStep::QueryNow
            );
            let pending = TrackerEvent::QueryAnswered {
                outcome: code(1000),
                now_ms: now + 1_000,
            };
            assert_eq!(step(&mut t, pending), wait(now + 1_000 + delay));
            now += 1_000 + delay;
        }
        assert_eq!(t.queries(), 5);
    }

    #[test]
    fn the_last_query_is_at_the_deadline_then_expired() {
        let mut t = tracker(TrackedOperation::Create);
        let late = DEADLINE - 5_000;
        let pending = TrackerEvent::QueryAnswered {
            outcome: code(7000),
            now_ms: late,
        };
        t.handle(TrackerEvent::CreateAnswered {
            outcome: code(0),
            now_ms: T0,
        })
        .unwrap();
        assert_eq!(step(&mut t, pending), wait(DEADLINE));
        assert_eq!(
            step(&mut t, TrackerEvent::Tick { now_ms: DEADLINE }),
            NextStep::QueryNow
        );
        let still = TrackerEvent::QueryAnswered {
            outcome: code(1000),
            now_ms: DEADLINE + 2_000,
        };
        assert_eq!(step(&mut t, still), fin(FinalReason::Expired, None));
        assert!(matches!(
            t.next(),
            NextStep::Final {
                state: FinalState::Expired,
                ..
            }
        ));
    }

    #[test]
    fn create_refusals_fail_or_query() {
        let mut t = tracker(TrackedOperation::Create);
        let rejected = TrackerEvent::CreateAnswered {
            outcome: code(22),
            now_ms: T0,
        };
        assert_eq!(step(&mut t, rejected), fin(FinalReason::Rejected, Some(22)));
        let mut t = tracker(TrackedOperation::Create);
        let dup = TrackerEvent::CreateAnswered {
            outcome: code(41),
            now_ms: T0,
        };
        assert_eq!(step(&mut t, dup), NextStep::QueryNow);
        let mut t = tracker(TrackedOperation::Create);
        let failed = TrackerEvent::CreateAnswered {
            outcome: code(98),
            now_ms: T0,
        };
        assert_eq!(step(&mut t, failed), fin(FinalReason::Failed, Some(98)));
        let mut t = tracker(TrackedOperation::Create);
        let server = TrackerEvent::CreateAnswered {
            outcome: code(0).for_http_status(503),
            now_ms: T0,
        };
        assert_eq!(step(&mut t, server), NextStep::QueryNow);
    }

    #[test]
    fn pay_and_refund_answers() {
        for (op, c, want) in [
            (
                TrackedOperation::Pay,
                0,
                fin(FinalReason::Succeeded, Some(0)),
            ),
            (
                TrackedOperation::Pay,
                1001,
                fin(FinalReason::Failed, Some(1001)),
            ),
            (TrackedOperation::Pay, 9000, NextStep::Confirm),
            (TrackedOperation::Pay, 7000, wait(T0 + 10_000)),
            (TrackedOperation::Pay, 43, NextStep::QueryNow),
            (TrackedOperation::Pay, 123_456, NextStep::QueryNow),
            (
                TrackedOperation::Refund,
                0,
                fin(FinalReason::Succeeded, Some(0)),
            ),
            (
                TrackedOperation::Refund,
                1081,
                fin(FinalReason::Failed, Some(1081)),
            ),
        ] {
            let mut t = tracker(op);
            let e = match op {
                TrackedOperation::Refund => TrackerEvent::RefundAnswered {
                    outcome: code(c),
                    now_ms: T0,
                },
                _ => TrackerEvent::PayAnswered {
                    outcome: code(c),
                    now_ms: T0,
                },
            };
            assert_eq!(step(&mut t, e), want, "{op:?} {c}");
        }
    }

    #[test]
    fn timeouts_query_at_once_then_back_off() {
        let mut t = tracker(TrackedOperation::Pay);
        assert_eq!(
            step(&mut t, TrackerEvent::TransportTimeout { now_ms: T0 }),
            NextStep::QueryNow
        );
        // The query timed out too: wait by the schedule, do not hammer.
        assert_eq!(
            step(
                &mut t,
                TrackerEvent::TransportTimeout {
                    now_ms: T0 + 30_000
                }
            ),
            wait(T0 + 40_000)
        );
        // Nothing in flight: a stray timeout changes nothing.
        assert_eq!(
            step(
                &mut t,
                TrackerEvent::TransportTimeout {
                    now_ms: T0 + 31_000
                }
            ),
            wait(T0 + 40_000)
        );
        assert_eq!(
            step(
                &mut t,
                TrackerEvent::Tick {
                    now_ms: T0 + 40_000
                }
            ),
            NextStep::QueryNow
        );
        let paid = TrackerEvent::QueryAnswered {
            outcome: code(0),
            now_ms: T0 + 41_000,
        };
        assert_eq!(step(&mut t, paid), fin(FinalReason::Succeeded, Some(0)));
    }

    #[test]
    fn a_refused_query_says_nothing_about_the_payment() {
        let mut t = tracker(TrackedOperation::Pay);
        t.handle(TrackerEvent::TransportTimeout { now_ms: T0 })
            .unwrap();
        for (i, c) in [(1, 42), (2, 10), (3, 123_456)] {
            let e = TrackerEvent::QueryAnswered {
                outcome: code(c),
                now_ms: T0,
            };
            assert!(matches!(step(&mut t, e), NextStep::WaitUntil { .. }), "{c}");
            assert_eq!(t.queries(), i);
            t.handle(TrackerEvent::Tick {
                now_ms: DEADLINE - 1,
            })
            .unwrap();
        }
        let failed = TrackerEvent::QueryAnswered {
            outcome: code(1006),
            now_ms: T0,
        };
        assert_eq!(step(&mut t, failed), fin(FinalReason::Failed, Some(1006)));
    }

    #[test]
    fn notifications_decide_once() {
        let mut t = tracker(TrackedOperation::Create);
        t.handle(TrackerEvent::CreateAnswered {
            outcome: code(0),
            now_ms: T0,
        })
        .unwrap();
        let pending = t.handle(notified(7, 1000, T0 + 1_000)).unwrap();
        assert_eq!(
            (pending.next, pending.duplicate),
            (wait(T0 + 11_000), false)
        );
        let again = t.handle(notified(7, 1000, T0 + 2_000)).unwrap();
        assert_eq!((again.next, again.duplicate), (wait(T0 + 11_000), true));
        let paid = t.handle(notified(7, 0, T0 + 3_000)).unwrap();
        assert_eq!(
            (paid.next, paid.duplicate),
            (fin(FinalReason::Succeeded, Some(0)), false)
        );
        // After a final state: recognised, no new action, whatever it says.
        let late = t.handle(notified(8, 1006, T0 + 4_000)).unwrap();
        assert_eq!(
            (late.next, late.duplicate),
            (fin(FinalReason::Succeeded, Some(0)), true)
        );
        let tick = t
            .handle(TrackerEvent::Tick {
                now_ms: DEADLINE + 1,
            })
            .unwrap();
        assert_eq!(
            (tick.next, tick.duplicate),
            (fin(FinalReason::Succeeded, Some(0)), false)
        );
    }

    #[test]
    fn authorized_then_capture_or_cancel() {
        let mut t = tracker(TrackedOperation::Pay);
        assert_eq!(
            step(
                &mut t,
                TrackerEvent::PayAnswered {
                    outcome: code(9000),
                    now_ms: T0
                }
            ),
            NextStep::Confirm
        );
        // The authorization's own notification changes nothing new.
        assert_eq!(step(&mut t, notified(5, 9000, T0 + 1)), NextStep::Confirm);
        assert!(t.handle(notified(5, 9000, T0 + 2)).unwrap().duplicate);
        let lost = TrackerEvent::ConfirmAnswered {
            request_type: ConfirmRequestType::Capture,
            outcome: Outcome::transport_timeout(),
            now_ms: T0 + 3,
        };
        assert_eq!(step(&mut t, lost), NextStep::QueryNow);
        let still = TrackerEvent::QueryAnswered {
            outcome: code(9000),
            now_ms: T0 + 4,
        };
        assert_eq!(step(&mut t, still), NextStep::Confirm);
        let captured = TrackerEvent::ConfirmAnswered {
            request_type: ConfirmRequestType::Capture,
            outcome: code(0),
            now_ms: T0 + 5,
        };
        assert_eq!(step(&mut t, captured), fin(FinalReason::Succeeded, Some(0)));

        let mut t = tracker(TrackedOperation::Create);
        t.handle(notified(6, 9000, T0)).unwrap();
        assert_eq!(
            step(&mut t, TrackerEvent::TransportTimeout { now_ms: T0 + 1 }),
            NextStep::QueryNow,
            "a confirm that timed out: query"
        );
        let mut t = tracker(TrackedOperation::Create);
        t.handle(notified(6, 9000, T0)).unwrap();
        let cancelled = TrackerEvent::ConfirmAnswered {
            request_type: ConfirmRequestType::Cancel,
            outcome: code(0),
            now_ms: T0 + 1,
        };
        assert_eq!(
            step(&mut t, cancelled),
            fin(FinalReason::Cancelled, Some(0))
        );
        assert!(matches!(
            t.next(),
            NextStep::Final {
                state: FinalState::Failed,
                ..
            }
        ));
    }

    #[test]
    fn a_pending_answer_past_the_deadline_expires() {
        let mut t = tracker(TrackedOperation::Pay);
        let e = TrackerEvent::PayAnswered {
            outcome: code(1000),
            now_ms: DEADLINE,
        };
        assert_eq!(step(&mut t, e), fin(FinalReason::Expired, None));
    }

    #[test]
    fn negative_clock_is_refused_and_changes_nothing() {
        let mut t = tracker(TrackedOperation::Pay);
        let err = t.handle(TrackerEvent::Tick { now_ms: -1 }).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (crate::ErrorCode::InvalidInput, "nowMs")
        );
        assert_eq!(t, tracker(TrackedOperation::Pay));
    }

    #[test]
    fn persists_through_serde() {
        let mut t = tracker(TrackedOperation::Create);
        t.handle(notified(9, 1000, T0)).unwrap();
        let text = serde_json::to_string(&t).unwrap();
        let back: PaymentTracker = serde_json::from_str(&text).unwrap();
        assert_eq!(back, t);
        assert_eq!(
            serde_json::to_value(fin(FinalReason::Expired, None)).unwrap(),
            serde_json::json!({"step": "final", "state": "expired", "reason": "expired", "resultCode": null})
        );
        assert_eq!(
            serde_json::to_value(wait(5)).unwrap(),
            serde_json::json!({"step": "waitUntil", "atMs": 5})
        );
    }
}

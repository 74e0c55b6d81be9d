//! What the host tells the tracker.

use serde::{Deserialize, Serialize};

use crate::gateway::ConfirmRequestType;
use crate::result_code::Outcome;

/// Which call started the tracked payment (the same machine serves each).
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TrackedOperation {
    /// create (one-time payment): resultCode 0 means the QR code or link
    /// exists, and the customer has yet to pay.
    Create,
    /// tokenization/pay: resultCode 0 means paid.
    Pay,
    /// refund: resultCode 0 means refunded ("paid" back).
    Refund,
}

/// Something that happened to the tracked payment, at the host's `now_ms`
/// (epoch milliseconds, never negative).
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrackerEvent {
    /// The create answer (`parse_create_payment(..).outcome`).
    CreateAnswered {
        /// Its outcome.
        outcome: Outcome,
        /// The host's clock.
        now_ms: i64,
    },
    /// The tokenization/pay answer.
    PayAnswered {
        /// Its outcome.
        outcome: Outcome,
        /// The host's clock.
        now_ms: i64,
    },
    /// The refund answer.
    RefundAnswered {
        /// Its outcome.
        outcome: Outcome,
        /// The host's clock.
        now_ms: i64,
    },
    /// The call in flight (the operation, a query or a confirm) got no
    /// answer: the state is unknown.
    TransportTimeout {
        /// The host's clock.
        now_ms: i64,
    },
    /// A query answer (`parse_query(..).outcome`).
    QueryAnswered {
        /// Its outcome.
        outcome: Outcome,
        /// The host's clock.
        now_ms: i64,
    },
    /// A verified notification (`verify_ipn` or `verify_redirect`).
    Notified {
        /// Its transId.
        trans_id: Option<i64>,
        /// Its outcome.
        outcome: Outcome,
        /// The host's clock.
        now_ms: i64,
    },
    /// The answer of the confirm the host sent after [`NextStep::Confirm`](crate::NextStep::Confirm).
    ConfirmAnswered {
        /// What the host asked: capture or cancel.
        request_type: ConfirmRequestType,
        /// Its outcome.
        outcome: Outcome,
        /// The host's clock.
        now_ms: i64,
    },
    /// Only the time passed.
    Tick {
        /// The host's clock.
        now_ms: i64,
    },
}

impl TrackerEvent {
    /// The host's clock at this event.
    pub fn now_ms(&self) -> i64 {
        match self {
            Self::CreateAnswered { now_ms, .. }
            | Self::PayAnswered { now_ms, .. }
            | Self::RefundAnswered { now_ms, .. }
            | Self::TransportTimeout { now_ms }
            | Self::QueryAnswered { now_ms, .. }
            | Self::Notified { now_ms, .. }
            | Self::ConfirmAnswered { now_ms, .. }
            | Self::Tick { now_ms } => *now_ms,
        }
    }
}

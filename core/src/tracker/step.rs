//! What the tracker answers.

use serde::{Deserialize, Serialize};

/// What the host does next.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "camelCase")]
pub enum NextStep {
    /// Nothing until `at_ms` (or a notification): then tell the tracker
    /// (a [`Tick`](crate::TrackerEvent::Tick)) and it says query.
    WaitUntil {
        /// Epoch milliseconds on the host's clock.
        #[serde(rename = "atMs")]
        at_ms: i64,
    },
    /// Send a query (`MomoClient::query`) and feed its answer or timeout.
    QueryNow,
    /// Authorized: capture or cancel (`MomoClient::confirm`, autoCapture=false),
    /// then feed the confirm answer. The decision is the caller's.
    Confirm,
    /// Done: nothing more to do for this payment.
    Final {
        /// Paid, failed or expired.
        state: FinalState,
        /// Why.
        reason: FinalReason,
        /// The resultCode that decided it (`None` for an expiry).
        #[serde(rename = "resultCode")]
        result_code: Option<i64>,
    },
}

/// How a tracked payment ended.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FinalState {
    /// The money moved (for a refund: it went back).
    Paid,
    /// It did not, and will not for this order.
    Failed,
    /// The order expired while its outcome was still pending or unknown.
    Expired,
}

/// Why a tracked payment ended.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FinalReason {
    /// MoMo reported success (class SUCCESS).
    Succeeded,
    /// MoMo reported a final failure (class FAILED).
    Failed,
    /// MoMo refused the request before processing it (class REJECTED):
    /// fix it and start again with a new requestId.
    Rejected,
    /// The merchant cancelled the authorization (confirm `cancel`).
    Cancelled,
    /// The order's expiry passed with no final answer.
    Expired,
}

impl FinalReason {
    /// The final state this reason leads to.
    pub fn state(self) -> FinalState {
        match self {
            Self::Succeeded => FinalState::Paid,
            Self::Failed | Self::Rejected | Self::Cancelled => FinalState::Failed,
            Self::Expired => FinalState::Expired,
        }
    }
}

/// The tracker's answer to one event.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// What to do next.
    pub next: NextStep,
    /// True when the event was a notification already acted on (same
    /// transId and resultCode) or one that came after a final state: it
    /// was recognised and changed nothing.
    pub duplicate: bool,
}

//! The payment lifecycle, sans-I/O: a small state machine per order that is
//! told what happened and answers what to do next.
//!
//! Every integrator otherwise writes the same fragile loop by hand: wait for
//! the notification, query when it does not come, stop at a final state.
//! [`PaymentTracker`] is that loop without the I/O and without a clock: the
//! host feeds it [`TrackerEvent`]s (the create, pay or refund answer, a
//! transport timeout, a query answer, a verified notification, a confirm
//! answer, or just the time), each with the host's `now_ms`, and reads the
//! [`NextStep`]: wait until a time, query now, confirm (capture or cancel),
//! or final (paid, failed or expired) with the reason. The meaning of each
//! resultCode is the core's [`Outcome`](crate::Outcome); the tracker never
//! restates the code table.
//!
//! The tracker is plain data (serde `Serialize`/`Deserialize`), so a host
//! can store it with the order and resume after a restart.
//!
//! The query schedule and where it comes from: [`schedule`].

mod event;
mod machine;
pub mod schedule;
mod step;

pub use event::{TrackedOperation, TrackerEvent};
pub use machine::PaymentTracker;
pub use step::{FinalReason, FinalState, NextStep, Step};

//! Result-code outcomes, error-code strings and protocol constants.

use momo_core as mc;
use momo_core::gift::{GIFT_RESULT_CODES, GIFT_STATUS_CODES};
use momo_core::result_code::PAYMENT_CODES;
use momo_core::{ErrorCode, Outcome};

/// What a payment gateway resultCode means and what to do next.
#[uniffi::export]
pub fn outcome_of_payment(code: i64) -> Outcome {
    Outcome::of_payment(code)
}

/// What a per-gift status (0, 801-814) means.
#[uniffi::export]
pub fn outcome_of_gift_status(code: i64) -> Outcome {
    Outcome::of_gift_status(code)
}

/// What a Gift API resultCode means.
#[uniffi::export]
pub fn outcome_of_gift_result(code: i64) -> Outcome {
    Outcome::of_gift_result(code)
}

/// The outcome of a call whose response never came (timeout, dropped
/// connection): unknown, so query, and retry with the SAME requestId.
#[uniffi::export]
pub fn outcome_transport_timeout() -> Outcome {
    Outcome::transport_timeout()
}

/// Every documented payment resultCode, as its outcome (code, class,
/// messages).
#[uniffi::export]
pub fn payment_codes() -> Vec<Outcome> {
    PAYMENT_CODES
        .iter()
        .map(|c| Outcome::of_payment(c.code))
        .collect()
}

/// Every documented per-gift status, as its outcome.
#[uniffi::export]
pub fn gift_status_codes() -> Vec<Outcome> {
    GIFT_STATUS_CODES
        .iter()
        .map(|c| Outcome::of_gift_status(c.code))
        .collect()
}

/// Every documented Gift API resultCode, as its outcome.
#[uniffi::export]
pub fn gift_result_codes() -> Vec<Outcome> {
    GIFT_RESULT_CODES
        .iter()
        .map(|c| Outcome::of_gift_result(c.code))
        .collect()
}

/// The stable string of an error code, e.g. `"INVALID_AMOUNT"`.
#[uniffi::export]
pub fn error_code_string(code: ErrorCode) -> String {
    code.as_str().to_owned()
}

/// Every stable error code, in declaration order.
#[uniffi::export]
pub fn all_error_codes() -> Vec<ErrorCode> {
    ErrorCode::ALL.to_vec()
}

/// The HTTP status to answer MoMo after a verified notification (204).
#[uniffi::export]
pub fn ipn_ack_status() -> u16 {
    mc::gateway::IPN_ACK_STATUS
}

/// How long before expiry an access token should be refreshed (5 min).
#[uniffi::export]
pub fn default_refresh_margin_ms() -> i64 {
    mc::business::DEFAULT_REFRESH_MARGIN_MS
}

//! Gift API (seed 003): create vouchers in a user's wallet, check a
//! request's status, list a day's transactions.
//!
//! MoMo wraps these calls in a signed/encrypted transport envelope defined by
//! a non-public onboarding document. momo-core builds and validates the
//! plaintext body and parses the plaintext answer; the caller seals the body
//! (see [`crate::PreparedRequest::with_body`]) and opens the answer with the
//! scheme from their onboarding pack. No envelope is invented here.

mod codes;
mod create;
mod get_trans;
mod results;
mod status;

pub use codes::{
    gift_result_code, gift_status_code, GiftStatusCode, GIFT_RESULT_CODES, GIFT_STATUS_CODES,
};
pub use create::{Gift, GiftCreateRequest, MAX_VOUCHERS_PER_REQUEST};
pub use get_trans::{parse_gift_get_trans, GiftGetTransRequest, GiftGetTransResponse};
pub use results::{parse_gift_create, GiftBatch, GiftResult};
pub use status::{parse_gift_status, GiftStatusRequest, GiftStatusResponse};

/// Timeout for Gift API calls (MoMo prescribes none; gateway's 30 s).
pub const GIFT_TIMEOUT_MS: u64 = 30_000;

//! Quick Pay POS Scanner with vouchers (seed 002): tokenization/create turns
//! the code the cashier scanned into a one-time token; tokenization/pay
//! charges it (the token RSA-encrypted, then signed).

mod create;
mod items;

pub(crate) use items::each;
mod pay;
mod token;

pub use create::{
    parse_tokenization_create, PromotionInfo, TokenizationCreateRequest,
    TokenizationCreateResponse, UserInfo,
};
pub use items::{Fee, Item, PromotionEntry};
pub use pay::{
    parse_tokenization_pay, PaymentPromotion, TokenizationPayRequest, TokenizationPayResponse,
};
pub use token::TokenEnvelope;

/// Path of tokenization/create.
pub const CREATE_PATH: &str = "/v2/gateway/api/tokenization/create";
/// Path of tokenization/pay.
pub const PAY_PATH: &str = "/v2/gateway/api/tokenization/pay";
/// Seed 002: "Minimum timeout when call this API must be 30s".
pub const CREATE_TIMEOUT_MS: u64 = 30_000;
/// Seed 002: "Minimum timeout when call this API must be 10s".
pub const PAY_TIMEOUT_MS: u64 = 10_000;

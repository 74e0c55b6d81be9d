//! Response parsers: HTTP status + body text into typed results.

use std::sync::Arc;

use momo_core as mc;
use momo_core::{
    ConfirmResponse, CreatePaymentResponse, GiftBatch, GiftGetTransResponse, GiftStatusResponse,
    QueryResponse, RedeemStatusResponse, RefundResponse, TokenizationCreateResponse,
    TokenizationPayResponse,
};

use crate::{guard, AccessToken, Result};

/// An HTTP status as Kotlin and Swift hold it (`Int` / `Int32`, what their
/// HTTP clients return); outside 0..=65535 it is `INVALID_INPUT` on `status`.
fn http_status(status: i32) -> mc::Result<u16> {
    u16::try_from(status).map_err(|_| {
        mc::MomoError::new(
            mc::ErrorCode::InvalidInput,
            "status",
            format!("{status} is not an HTTP status"),
        )
    })
}

/// Parses the answer of tokenization/create (HTTP status + body text).
#[uniffi::export]
pub fn parse_tokenization_create(status: i32, body: String) -> Result<TokenizationCreateResponse> {
    guard(|| mc::parse_tokenization_create(http_status(status)?, &body))
}

/// Parses the answer of tokenization/pay.
#[uniffi::export]
pub fn parse_tokenization_pay(status: i32, body: String) -> Result<TokenizationPayResponse> {
    guard(|| mc::parse_tokenization_pay(http_status(status)?, &body))
}

/// Parses the answer of create (the one-time payment): the links may each
/// be absent; `outcome` says what the resultCode means.
#[uniffi::export]
pub fn parse_create_payment(status: i32, body: String) -> Result<CreatePaymentResponse> {
    guard(|| mc::parse_create_payment(http_status(status)?, &body))
}

/// Parses the answer of query.
#[uniffi::export]
pub fn parse_query(status: i32, body: String) -> Result<QueryResponse> {
    guard(|| mc::parse_query(http_status(status)?, &body))
}

/// Parses the answer of confirm.
#[uniffi::export]
pub fn parse_confirm(status: i32, body: String) -> Result<ConfirmResponse> {
    guard(|| mc::parse_confirm(http_status(status)?, &body))
}

/// Parses the answer of refund.
#[uniffi::export]
pub fn parse_refund(status: i32, body: String) -> Result<RefundResponse> {
    guard(|| mc::parse_refund(http_status(status)?, &body))
}

/// Parses the login answer into a token that expires `expiresIn` after
/// `now_ms` (your clock, epoch milliseconds).
#[uniffi::export]
pub fn parse_login(status: i32, body: String, now_ms: i64) -> Result<Arc<AccessToken>> {
    guard(|| mc::parse_login(http_status(status)?, &body, now_ms))
        .map(|inner| Arc::new(AccessToken { inner }))
}

/// Parses the answer of redeem-status (HTTP 2xx or 400).
#[uniffi::export]
pub fn parse_redeem_status(status: i32, body: String) -> Result<RedeemStatusResponse> {
    guard(|| mc::parse_redeem_status(http_status(status)?, &body))
}

/// Parses the (plaintext) answer of Create Gift.
#[uniffi::export]
pub fn parse_gift_create(status: i32, body: String) -> Result<GiftBatch> {
    guard(|| mc::parse_gift_create(http_status(status)?, &body))
}

/// Parses the (plaintext) answer of Gift CheckStatus.
#[uniffi::export]
pub fn parse_gift_status(status: i32, body: String) -> Result<GiftStatusResponse> {
    guard(|| mc::parse_gift_status(http_status(status)?, &body))
}

/// Parses the (plaintext) answer of Gift Get Trans.
#[uniffi::export]
pub fn parse_gift_get_trans(status: i32, body: String) -> Result<GiftGetTransResponse> {
    guard(|| mc::parse_gift_get_trans(http_status(status)?, &body))
}

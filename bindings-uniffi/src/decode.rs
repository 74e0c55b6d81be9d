//! Input models decoded from JSON text with the core's typed errors.

use momo_core as mc;
use momo_core::{
    ClientConfig, ConfirmRequest, CreatePaymentRequest, GiftCreateRequest, GiftGetTransRequest,
    GiftStatusRequest, QueryRequest, RedeemStatusRequest, RefundRequest, SaleInfo,
    TokenizationCreateRequest, TokenizationPayRequest,
};

use crate::{guard, Result};

fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    guard(|| mc::input::from_json(json))
}

/// Decodes a `ClientConfig` from JSON text (camelCase keys), with the
/// core's typed errors (code + field path).
#[uniffi::export]
pub fn client_config_from_json(json: String) -> Result<ClientConfig> {
    from_json(&json)
}

/// Decodes a tokenization/create input from JSON text.
#[uniffi::export]
pub fn tokenization_create_request_from_json(json: String) -> Result<TokenizationCreateRequest> {
    from_json(&json)
}

/// Decodes a tokenization/pay input from JSON text (amounts may be numbers
/// or digit strings, as MoMo's own examples send them).
#[uniffi::export]
pub fn tokenization_pay_request_from_json(json: String) -> Result<TokenizationPayRequest> {
    from_json(&json)
}

/// Decodes a create (one-time payment) input from JSON text (requestType
/// as sent: `"captureWallet"`, `"payWithATM"`, ...).
#[uniffi::export]
pub fn create_payment_request_from_json(json: String) -> Result<CreatePaymentRequest> {
    from_json(&json)
}

/// Decodes a query input from JSON text.
#[uniffi::export]
pub fn query_request_from_json(json: String) -> Result<QueryRequest> {
    from_json(&json)
}

/// Decodes a confirm input from JSON text.
#[uniffi::export]
pub fn confirm_request_from_json(json: String) -> Result<ConfirmRequest> {
    from_json(&json)
}

/// Decodes a refund input from JSON text.
#[uniffi::export]
pub fn refund_request_from_json(json: String) -> Result<RefundRequest> {
    from_json(&json)
}

/// Decodes a redeem-status input from JSON text.
#[uniffi::export]
pub fn redeem_status_request_from_json(json: String) -> Result<RedeemStatusRequest> {
    from_json(&json)
}

/// Decodes a Create Gift input from JSON text.
#[uniffi::export]
pub fn gift_create_request_from_json(json: String) -> Result<GiftCreateRequest> {
    from_json(&json)
}

/// Decodes a Gift CheckStatus input from JSON text.
#[uniffi::export]
pub fn gift_status_request_from_json(json: String) -> Result<GiftStatusRequest> {
    from_json(&json)
}

/// Decodes a Gift Get Trans input from JSON text.
#[uniffi::export]
pub fn gift_get_trans_request_from_json(json: String) -> Result<GiftGetTransRequest> {
    from_json(&json)
}

/// Decodes a saleInfo from JSON text (serviceCharge as a number or a
/// decimal string).
#[uniffi::export]
pub fn sale_info_from_json(json: String) -> Result<SaleInfo> {
    from_json(&json)
}

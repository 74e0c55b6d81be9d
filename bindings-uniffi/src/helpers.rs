//! Amount math, pagination, extraData, identifiers and config defaults.

use momo_core as mc;
use momo_core::{ClientConfig, GiftGetTransRequest, GiftGetTransResponse, SaleInfo};

use crate::{guard, Result};

/// Checks a sale and returns it with serviceChargeAmount, billAmount and
/// totalAmount filled in (given ones must agree with the formulas).
#[uniffi::export]
pub fn compute_sale_info(sale: SaleInfo) -> Result<SaleInfo> {
    guard(|| sale.computed())
}

/// The request for the next page of Get Trans, or null after the last one.
#[uniffi::export]
pub fn gift_get_trans_next_page(
    request: GiftGetTransRequest,
    response: GiftGetTransResponse,
) -> Option<GiftGetTransRequest> {
    request.next_page(&response)
}

/// Encodes JSON object text as extraData (base64, text kept byte for byte).
#[uniffi::export]
pub fn extra_data_encode(json_object: String) -> Result<String> {
    guard(|| mc::extra_data::encode(&json_object))
}

/// Decodes extraData to its JSON object text; empty gives `{}`.
#[uniffi::export]
pub fn extra_data_decode(extra_data: String) -> Result<String> {
    guard(|| mc::extra_data::decode(&extra_data))
}

/// A new requestId (UUID v4).
#[uniffi::export]
pub fn new_request_id() -> Result<String> {
    guard(mc::ids::new_request_id)
}

/// A new orderId (UUID v4; refunds need a new one too).
#[uniffi::export]
pub fn new_order_id() -> Result<String> {
    guard(mc::ids::new_order_id)
}

/// A new `X-Request-Id` value for the Business Page APIs (UUID v4).
#[uniffi::export]
pub fn new_x_request_id() -> Result<String> {
    guard(mc::ids::new_x_request_id)
}

/// The configuration with every default (sandbox, Vietnamese, default gift
/// paths, no credentials): start from it with Kotlin's `copy(...)`.
#[uniffi::export]
pub fn default_client_config() -> ClientConfig {
    ClientConfig::default()
}

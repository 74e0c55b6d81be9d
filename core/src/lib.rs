//! # momo-core
//!
//! A sans-I/O protocol core for MoMo's partner APIs. It turns typed input
//! into a ready HTTP request ([`PreparedRequest`]: method, URL, headers, the
//! exact JSON body, the minimum timeout) and an HTTP status plus body into a
//! typed result. It never opens a socket and never reads a clock: the host
//! sends the request with its own HTTP stack and passes `now_ms` where time
//! matters.
//!
//! What is hard to get right lives here once: HMAC-SHA256 signing over the
//! exact text sent, RSA PKCS#1 v1.5 token encryption (encrypt, then sign),
//! validation with stable error codes, result-code meaning and amount math in
//! checked `i64`.
//!
//! ```
//! use momo_core::{ClientConfig, MomoClient, TokenizationCreateRequest};
//!
//! let client = MomoClient::new(ClientConfig {
//!     partner_code: Some("MOMO".into()),
//!     access_key: Some("F8BBA842ECF85".into()),
//!     secret_key: Some("K951B6PE1waDMi640xX08PD3vg6EkVlz".into()),
//!     ..ClientConfig::default()
//! })?;
//! let request = client.tokenization_create(&TokenizationCreateRequest {
//!     request_id: Some("1666756278085id".into()),
//!     order_id: "6d0a1b10-b382-11e9-8fda-91fa25841420".into(),
//!     reference_code: "1023984137834985578".into(),
//!     sub_partner_code: "MOMO".into(),
//!     store_id: None,
//!     request_time: 1692783998394,
//!     lang: None,
//! })?;
//! assert_eq!(request.url, "https://test-payment.momo.vn/v2/gateway/api/tokenization/create");
//! assert_eq!(request.timeout_ms, 30_000);
//! assert!(request.body.contains(
//!     r#""signature":"38d62cb13c33742bec6a4aaddbeb6460b33c735bdc8aa7cd01dfa3f250a57af6""#
//! ));
//! # Ok::<(), momo_core::MomoError>(())
//! ```
// uniffi's generated FFI scaffolding (feature `uniffi`) is unsafe by nature;
// without the feature the crate forbids unsafe code.
#![cfg_attr(not(feature = "uniffi"), forbid(unsafe_code))]
#![warn(missing_docs)]

// The Deserialize derive names `::momo_core::...`, in this crate too.
extern crate self as momo_core;

pub mod amount;
pub mod business;
mod client;
pub mod config;
pub mod error;
pub mod error_kind;
pub mod extra_data;
pub mod gateway;
pub mod gift;
pub mod hmac_sha256;
pub mod host_value;
pub mod ids;
pub mod input;
mod json_text;
pub mod lenient;
mod refusal;
pub mod request;
mod response;
pub mod result_code;
pub mod rsa_encryptor;
pub mod rsa_key;
pub mod secret;
mod signed_message;
pub mod signing;
pub mod tokenization;
pub mod tracker;
pub mod validate;
pub mod voucher;

// The Kotlin/Swift bindings' type namespace (see bindings-uniffi).
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("momo_core");

pub use business::{parse_login, AccessToken};
pub use client::MomoClient;
pub use config::{ClientConfig, Environment, GiftPaths, Lang};
pub use error::{ErrorCode, MomoError, Result};
pub use error_kind::ErrorKind;
pub use gateway::{
    parse_confirm, parse_create_payment, parse_query, parse_refund, ConfirmRequest,
    ConfirmRequestType, ConfirmResponse, CreatePaymentRequest, CreatePaymentResponse,
    CreateRequestType, DeliveryInfo, PaymentNotification, PaymentUserInfo, QueryRequest,
    QueryResponse, RefundRequest, RefundResponse,
};
pub use gift::{
    parse_gift_create, parse_gift_get_trans, parse_gift_status, Gift, GiftBatch, GiftCreateRequest,
    GiftGetTransRequest, GiftGetTransResponse, GiftResult, GiftStatusCode, GiftStatusRequest,
    GiftStatusResponse,
};
pub use request::{Header, PreparedRequest};
pub use result_code::{Outcome, ResultClass};
#[cfg(feature = "builtin-rsa")]
pub use rsa_encryptor::BuiltinRsa;
pub use rsa_encryptor::RsaEncryptor;
pub use rsa_key::MomoPublicKey;
pub use secret::Secret;
pub use tokenization::{
    parse_tokenization_create, parse_tokenization_pay, TokenizationCreateRequest,
    TokenizationCreateResponse, TokenizationPayRequest, TokenizationPayResponse,
};
pub use tracker::{
    FinalReason, FinalState, NextStep, PaymentTracker, Step, TrackedOperation, TrackerEvent,
};
/// The README's Rust code blocks, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

pub use voucher::{parse_redeem_status, RedeemStatusRequest, RedeemStatusResponse, SaleInfo};

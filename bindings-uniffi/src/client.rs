//! [`MomoClient`](crate::MomoClient): the object Kotlin/Swift callers prepare requests with.

use std::sync::Arc;

use momo_core as mc;
use momo_core::{
    ClientConfig, ConfirmRequest, CreatePaymentRequest, GiftCreateRequest, GiftGetTransRequest,
    GiftStatusRequest, PaymentNotification, PreparedRequest, QueryRequest, RedeemStatusRequest,
    RefundRequest, TokenizationCreateRequest, TokenizationPayRequest,
};

use crate::{guard, AccessToken, Result};

/// One query parameter of the redirect, as the host's web framework decoded
/// it (for [`MomoClient::verify_redirect_params`]). uniffi has no tuples:
/// this is the core's `(name, value)` pair.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RedirectParam {
    /// The parameter's name, e.g. `orderId`.
    pub name: String,
    /// Its value, already percent-decoded.
    pub value: String,
}

/// A MoMo client: credentials, MoMo's public key and base URLs, validated
/// once. Immutable and safe to share between threads. `toString` /
/// `description` never show secrets.
#[derive(Debug, uniffi::Object)]
#[uniffi::export(Debug)]
pub struct MomoClient {
    inner: mc::MomoClient,
}

#[uniffi::export]
impl MomoClient {
    /// Validates the configuration and parses MoMo's public key.
    #[uniffi::constructor]
    pub fn new(config: ClientConfig) -> Result<Arc<Self>> {
        guard(|| mc::MomoClient::new(config)).map(|inner| Arc::new(Self { inner }))
    }

    /// Prepares tokenization/create (30 s timeout).
    pub fn tokenization_create(
        &self,
        request: TokenizationCreateRequest,
    ) -> Result<PreparedRequest> {
        guard(|| self.inner.tokenization_create(&request))
    }

    /// Prepares tokenization/pay (10 s timeout): encrypts the token with
    /// MoMo's public key, then signs.
    pub fn tokenization_pay(&self, request: TokenizationPayRequest) -> Result<PreparedRequest> {
        guard(|| self.inner.tokenization_pay(&request))
    }

    /// Prepares create, the one-time payment (30 s timeout): the answer
    /// ([`parse_create_payment`](crate::parse_create_payment)) holds the QR
    /// code data, payUrl, deeplink and applink. Every rule is checked first.
    pub fn create_payment(&self, request: CreatePaymentRequest) -> Result<PreparedRequest> {
        guard(|| self.inner.create_payment(&request))
    }

    /// Prepares query (30 s timeout).
    pub fn query(&self, request: QueryRequest) -> Result<PreparedRequest> {
        guard(|| self.inner.query(&request))
    }

    /// Prepares confirm: capture or cancel an authorized payment (30 s).
    pub fn confirm(&self, request: ConfirmRequest) -> Result<PreparedRequest> {
        guard(|| self.inner.confirm(&request))
    }

    /// Prepares refund (30 s timeout). A refund needs a NEW orderId.
    pub fn refund(&self, request: RefundRequest) -> Result<PreparedRequest> {
        guard(|| self.inner.refund(&request))
    }

    /// Prepares the Business Page login (the body holds the clientSecret,
    /// which the request's `toString` hides).
    pub fn login(&self) -> Result<PreparedRequest> {
        guard(|| self.inner.login())
    }

    /// Prepares voucher redeem-status with `Authorization: Bearer` from
    /// `token`, checked against `now_ms` (epoch milliseconds, your clock).
    pub fn redeem_status(
        &self,
        request: RedeemStatusRequest,
        token: Arc<AccessToken>,
        now_ms: i64,
    ) -> Result<PreparedRequest> {
        guard(|| self.inner.redeem_status(&request, &token.inner, now_ms))
    }

    /// Prepares Create Gift (plaintext body; seal it with your onboarding
    /// envelope, e.g. `request.copy(body = sealed)`).
    pub fn gift_create(&self, request: GiftCreateRequest) -> Result<PreparedRequest> {
        guard(|| self.inner.gift_create(&request))
    }

    /// Prepares Gift CheckStatus (plaintext body).
    pub fn gift_status(&self, request: GiftStatusRequest) -> Result<PreparedRequest> {
        guard(|| self.inner.gift_status(&request))
    }

    /// Prepares Gift Get Trans (plaintext body).
    pub fn gift_get_trans(&self, request: GiftGetTransRequest) -> Result<PreparedRequest> {
        guard(|| self.inner.gift_get_trans(&request))
    }

    /// Verifies a payment notification (IPN) body in constant time and
    /// returns it typed; answer MoMo HTTP [`ipn_ack_status`](crate::ipn_ack_status) (204).
    pub fn verify_ipn(&self, body: String) -> Result<PaymentNotification> {
        guard(|| self.inner.verify_ipn(&body))
    }

    /// [`verify_ipn`](Self::verify_ipn), then refuses a notification whose
    /// `responseTime` is more than `tolerance_ms` away from `now_ms` (your
    /// clock, epoch ms) with `STALE_NOTIFICATION`.
    pub fn verify_ipn_fresh(
        &self,
        body: String,
        now_ms: i64,
        tolerance_ms: i64,
    ) -> Result<PaymentNotification> {
        guard(|| self.inner.verify_ipn_fresh(&body, now_ms, tolerance_ms))
    }

    /// Verifies the query string MoMo appended to the redirectUrl (with or
    /// without its leading `?`; percent-decoded by the core) against the
    /// notification's fixed list of signed fields. The redirect only tells
    /// the customer what happened; the IPN or a query is the record.
    pub fn verify_redirect(&self, query: String) -> Result<PaymentNotification> {
        guard(|| self.inner.verify_redirect(&query))
    }

    /// [`verify_redirect`](Self::verify_redirect) for parameters the host's
    /// framework already decoded: every pair, duplicates kept (a name given
    /// twice is `DUPLICATE_FIELD`).
    pub fn verify_redirect_params(
        &self,
        params: Vec<RedirectParam>,
    ) -> Result<PaymentNotification> {
        let pairs = params.into_iter().map(|p| (p.name, p.value)).collect();
        guard(|| self.inner.verify_redirect_params(pairs))
    }
}

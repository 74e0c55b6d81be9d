//! Payment gateway calls a POS cannot live without: the one-time payment
//! (create: the QR code the customer scans), query, confirm (capture/cancel
//! an authorized payment), refund, the payment notification (IPN) MoMo
//! POSTs to the partner and the redirect back to the partner.

mod confirm;
mod create;
pub(crate) mod ipn;
mod query;
mod redirect;
mod refund;

pub use confirm::{parse_confirm, ConfirmRequest, ConfirmRequestType, ConfirmResponse};
pub use create::{
    parse_create_payment, CreatePaymentRequest, CreatePaymentResponse, CreateRequestType,
    DeliveryInfo, PaymentUserInfo, CREATE_ITEMS_MAX, CREATE_PAYMENT_PATH,
};
pub use ipn::{PaymentNotification, IPN_ACK_STATUS};
pub use query::{parse_query, QueryRequest, QueryResponse, RefundTransaction};
pub use refund::{parse_refund, RefundRequest, RefundResponse};

/// MoMo: gateway calls other than tokenization need at least 30 s.
pub const GATEWAY_TIMEOUT_MS: u64 = 30_000;
/// Path of query.
pub const QUERY_PATH: &str = "/v2/gateway/api/query";
/// Path of confirm.
pub const CONFIRM_PATH: &str = "/v2/gateway/api/confirm";
/// Path of refund.
pub const REFUND_PATH: &str = "/v2/gateway/api/refund";

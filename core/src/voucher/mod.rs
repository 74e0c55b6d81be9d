//! Voucher redeem-status (seed 002): the partner tells MoMo whether a
//! voucher was redeemed, with the sale's amounts. A Business Page API:
//! `Authorization: Bearer` and `X-Request-Id` are required.

mod redeem_status;
mod sale_info;

pub use redeem_status::{
    parse_redeem_status, FormError, RedeemStatus, RedeemStatusRequest, RedeemStatusResponse,
};
pub use sale_info::{PaymentMethod, SaleInfo};

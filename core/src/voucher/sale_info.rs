//! saleInfo and its amount math (seed 002):
//!
//! - serviceChargeAmount = originalAmount x serviceCharge (a rate <= 1)
//! - billAmount = originalAmount + serviceChargeAmount + shipFeeAmount + vatAmount
//! - totalAmount = billAmount - discountAmount
//!
//! Amounts left out are computed; amounts given must agree with the
//! formulas. The seed's own example (totalAmount 103000 where the formula
//! gives 120840) is rejected: the formula is the contract (PROTOCOL.md 4).

use serde::{Deserialize, Serialize};

use crate::amount::{self, Rate};
use crate::error::{ErrorCode, MomoError, Result};
use crate::{lenient, validate};

/// How the order was paid.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PaymentMethod {
    /// Quick Pay - POS Scanner.
    Momoscanner,
    /// The user scanned a dynamic QR code.
    Momoqr,
    /// Cash.
    Cash,
    /// Credit card.
    CreditCard,
    /// VietQR.
    Vietqr,
}

/// The order a voucher was applied to. As input, the computed amounts may be
/// left out; [`SaleInfo::computed`] fills them in and checks given ones.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SaleInfo {
    /// The partner's POS id.
    pub pos_id: String,
    /// The partner's POS name.
    pub pos_name: String,
    /// The partner's transaction id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub tran_id: Option<String>,
    /// Transaction date (MoMo's example sends epoch seconds).
    #[serde(deserialize_with = "lenient::integer")]
    #[cfg_attr(feature = "tsify", tsify(type = "IntegerInput"))]
    pub tran_date: i64,
    /// Bill amount before discount, VND.
    #[serde(deserialize_with = "lenient::amount")]
    #[cfg_attr(feature = "tsify", tsify(type = "AmountInput"))]
    pub original_amount: i64,
    /// Service charge rate, 0..=1 (default 0).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(type = "RateInput"))]
    pub service_charge: Rate,
    /// originalAmount x serviceCharge, VND (computed when absent).
    #[serde(
        default,
        deserialize_with = "lenient::opt_amount",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "AmountInput | null"))]
    pub service_charge_amount: Option<i64>,
    /// Shipping fee, VND.
    #[serde(default, deserialize_with = "lenient::amount")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    #[cfg_attr(feature = "tsify", tsify(type = "AmountInput"))]
    pub ship_fee_amount: i64,
    /// VAT, VND.
    #[serde(default, deserialize_with = "lenient::amount")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    #[cfg_attr(feature = "tsify", tsify(type = "AmountInput"))]
    pub vat_amount: i64,
    /// Total before discount, VND (computed when absent).
    #[serde(
        default,
        deserialize_with = "lenient::opt_amount",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "AmountInput | null"))]
    pub bill_amount: Option<i64>,
    /// Voucher discount, VND.
    #[serde(default, deserialize_with = "lenient::amount")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    #[cfg_attr(feature = "tsify", tsify(type = "AmountInput"))]
    pub discount_amount: i64,
    /// What the user pays, VND (computed when absent).
    #[serde(
        default,
        deserialize_with = "lenient::opt_amount",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "AmountInput | null"))]
    pub total_amount: Option<i64>,
    /// Payment method of the order.
    pub payment_method: PaymentMethod,
}

impl SaleInfo {
    /// Checks the sale and returns it with every amount filled in.
    ///
    /// A given serviceChargeAmount may be rounded either way (the exact
    /// product's floor or ceiling); a computed one is rounded half up.
    pub fn computed(&self) -> Result<SaleInfo> {
        validate::required_max("posId", &self.pos_id, 50)?;
        validate::required_max("posName", &self.pos_name, 200)?;
        validate::optional_max("tranId", self.tran_id.as_deref(), 50)?;
        for (field, value) in [
            ("originalAmount", self.original_amount),
            ("shipFeeAmount", self.ship_fee_amount),
            ("vatAmount", self.vat_amount),
            ("discountAmount", self.discount_amount),
        ] {
            validate::non_negative(field, value)?;
        }
        let exact = self
            .service_charge
            .apply("serviceChargeAmount", self.original_amount)?;
        let service_charge_amount = match self.service_charge_amount {
            Some(given) if given == exact.floor || given == exact.ceil => given,
            Some(given) => {
                return Err(inconsistent(
                    "serviceChargeAmount",
                    "originalAmount x serviceCharge",
                    exact.rounded,
                    given,
                ))
            }
            None => exact.rounded,
        };
        let mut bill = amount::add("billAmount", self.original_amount, service_charge_amount)?;
        bill = amount::add("billAmount", bill, self.ship_fee_amount)?;
        bill = amount::add("billAmount", bill, self.vat_amount)?;
        check_given(
            "billAmount",
            "originalAmount + serviceChargeAmount + shipFeeAmount + vatAmount",
            bill,
            self.bill_amount,
        )?;
        if self.discount_amount > bill {
            return Err(MomoError::new(
                ErrorCode::InvalidAmount,
                "discountAmount",
                format!(
                    "must not exceed billAmount {bill}, got {}",
                    self.discount_amount
                ),
            ));
        }
        let total = amount::sub("totalAmount", bill, self.discount_amount)?;
        check_given(
            "totalAmount",
            "billAmount - discountAmount",
            total,
            self.total_amount,
        )?;
        Ok(SaleInfo {
            service_charge_amount: Some(service_charge_amount),
            bill_amount: Some(bill),
            total_amount: Some(total),
            ..self.clone()
        })
    }
}

fn check_given(field: &str, formula: &str, computed: i64, given: Option<i64>) -> Result<()> {
    match given {
        Some(g) if g != computed => Err(inconsistent(field, formula, computed, g)),
        _ => Ok(()),
    }
}

fn inconsistent(field: &str, formula: &str, computed: i64, given: i64) -> MomoError {
    MomoError::new(
        ErrorCode::InconsistentAmount,
        field,
        format!("must equal {formula} = {computed}, got {given}"),
    )
}

//! The lists tokenization/pay carries: items, promotionList and feeList.

use serde::Serialize;

use crate::error::{ErrorCode, MomoError, Result};
use crate::{amount, lenient, validate};
use serde::Deserialize;

/// One product line (seed 002 "Details of an items").
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Item {
    /// SKU number.
    pub id: String,
    /// Name of the product.
    pub name: String,
    /// Description of the product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub description: Option<String>,
    /// Product category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub category: Option<String>,
    /// Link to an image of the product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub image_url: Option<String>,
    /// Name of the manufacturer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub manufacturer: Option<String>,
    /// Unit price, VND.
    #[serde(deserialize_with = "lenient::amount")]
    #[cfg_attr(feature = "tsify", tsify(type = "AmountInput"))]
    pub price: i64,
    /// Currency; MoMo only knows `VND`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub currency: Option<String>,
    /// Quantity; must be greater than 0.
    #[serde(deserialize_with = "lenient::integer")]
    #[cfg_attr(feature = "tsify", tsify(type = "IntegerInput"))]
    pub quantity: i64,
    /// Unit of measurement (`hộp`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub unit: Option<String>,
    /// price x quantity; computed when absent, checked when given.
    #[serde(
        default,
        deserialize_with = "lenient::opt_amount",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "AmountInput | null"))]
    pub total_price: Option<i64>,
    /// Tax amount, VND.
    #[serde(
        default,
        deserialize_with = "lenient::opt_amount",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "AmountInput | null"))]
    pub tax_amount: Option<i64>,
}

impl Item {
    /// Checks the item and returns it with `totalPrice` filled in.
    pub(crate) fn checked(&self) -> Result<Item> {
        validate::required_max("id", &self.id, 50)?;
        validate::required_max("name", &self.name, 200)?;
        validate::non_negative("price", self.price)?;
        if self.quantity <= 0 {
            return Err(MomoError::new(
                ErrorCode::InvalidQuantity,
                "quantity",
                format!("must be greater than 0, got {}", self.quantity),
            ));
        }
        if let Some(currency) = &self.currency {
            if currency != "VND" {
                return Err(MomoError::new(
                    ErrorCode::InvalidEnum,
                    "currency",
                    "must be VND",
                ));
            }
        }
        let total = amount::mul("totalPrice", self.price, self.quantity)?;
        if let Some(given) = self.total_price {
            if given != total {
                return Err(MomoError::new(
                    ErrorCode::InconsistentAmount,
                    "totalPrice",
                    format!("must equal price x quantity = {total}, got {given}"),
                ));
            }
        }
        if let Some(tax) = self.tax_amount {
            validate::non_negative("taxAmount", tax)?;
        }
        Ok(Item {
            total_price: Some(total),
            ..self.clone()
        })
    }
}

/// One voucher applied to the payment (seed 002 "promotionList").
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PromotionEntry {
    /// Voucher code generated by the partner.
    pub id: String,
    /// Campaign id at MoMo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub campaign_id: Option<String>,
    /// Name of the promotion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub name: Option<String>,
    /// Discount amount of the voucher, VND.
    #[serde(deserialize_with = "lenient::amount")]
    #[cfg_attr(feature = "tsify", tsify(type = "AmountInput"))]
    pub amount: i64,
    /// Kind of promotion (`voucher`, `membership`).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub kind: Option<String>,
    /// Rate as MoMo's example sends it (`"0.5"`), passed through as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub rate: Option<String>,
}

impl PromotionEntry {
    pub(crate) fn check(&self) -> Result<()> {
        validate::required_max("id", &self.id, 50)?;
        validate::non_negative("amount", self.amount)
    }
}

/// One fee line (seed 002 "Details of fee info").
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fee {
    /// Amount charged by this fee, VND.
    #[serde(deserialize_with = "lenient::amount")]
    #[cfg_attr(feature = "tsify", tsify(type = "AmountInput"))]
    pub amount: i64,
    /// Type of fee (`fee`, `tax`).
    #[serde(rename = "type")]
    pub kind: String,
}

impl Fee {
    pub(crate) fn check(&self) -> Result<()> {
        validate::non_negative("amount", self.amount)?;
        validate::required_max("type", &self.kind, 50)
    }
}

/// Runs `check` on each element, prefixing errors with `list[i]`.
pub(crate) fn each<T, U>(
    list: &str,
    items: &[T],
    check: impl Fn(&T) -> Result<U>,
) -> Result<Vec<U>> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| check(item).map_err(|e| e.within(&format!("{list}[{i}]"))))
        .collect()
}

//! `POST /v2/gateway/api/create`: MoMo's one-time payment. The POS shows
//! the QR code (or opens the payment page) MoMo answers with; the customer
//! pays in the MoMo app or on MoMo's card page; MoMo notifies the ipnUrl and
//! redirects the browser to redirectUrl.
//!
//! Sources (developers.momo.vn, "One-Time Payments"):
//! - e-wallet, <https://developers.momo.vn/v3/docs/payment/api/wallet/onetime>:
//!   amount 1,000..=50,000,000 VND, requestId String(50), orderId
//!   String(200) with MoMo's pattern, orderInfo String(255), storeId and
//!   subPartnerCode String(50), items at most 50, 30 s minimum timeout;
//! - domestic ATM card, <https://developers.momo.vn/v3/docs/payment/api/atm/onetime>:
//!   amount 10,000..=50,000,000 VND;
//! - credit card, <https://developers.momo.vn/v3/docs/payment/api/credit/onetime>:
//!   amount 1,000..=10,000,000 VND.
//!
//! `payWithMethod` (MoMo's page lets the customer choose the method) has no
//! range of its own on those pages; the e-wallet range applies.
//!
//! Signed fields (PROTOCOL.md 1b, MoMo's v2 sample `nodejs/MoMo.js`):
//! accessKey, amount, extraData, ipnUrl, orderId, orderInfo, partnerCode,
//! redirectUrl, requestId, requestType. accessKey is signed, never sent.

use serde::{Deserialize, Serialize};

use super::GATEWAY_TIMEOUT_MS;
use crate::client::{resolve_request_id, MomoClient};
use crate::config::Lang;
use crate::error::{ErrorCode, MomoError, Result};
use crate::json_text::to_json;
use crate::request::PreparedRequest;
use crate::response::parse_json;
use crate::result_code::Outcome;
use crate::signing::blank_as_empty;
use crate::tokenization::{each, Item};
use crate::{extra_data, lenient, validate};

/// Path of create.
pub const CREATE_PAYMENT_PATH: &str = "/v2/gateway/api/create";
/// Most product lines MoMo shows on its payment page ("Maximum: 50 items").
pub const CREATE_ITEMS_MAX: usize = 50;

/// Which payment page MoMo opens for the one-time payment.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CreateRequestType {
    /// The MoMo e-wallet: QR code, deeplink or app link
    /// (1,000..=50,000,000 VND).
    CaptureWallet,
    /// MoMo's page where the customer picks the method
    /// (1,000..=50,000,000 VND: the e-wallet range, none other published).
    PayWithMethod,
    /// A domestic ATM card (10,000..=50,000,000 VND).
    #[serde(rename = "payWithATM")]
    PayWithAtm,
    /// A credit card (1,000..=10,000,000 VND).
    #[serde(rename = "payWithCC")]
    PayWithCc,
}

impl CreateRequestType {
    /// The requestType as sent and signed, e.g. `"payWithATM"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CaptureWallet => "captureWallet",
            Self::PayWithMethod => "payWithMethod",
            Self::PayWithAtm => "payWithATM",
            Self::PayWithCc => "payWithCC",
        }
    }

    /// The amount range MoMo documents for this method, whole VND
    /// (see the module documentation for the pages).
    pub fn amount_range(self) -> (i64, i64) {
        match self {
            Self::CaptureWallet | Self::PayWithMethod => (1_000, 50_000_000),
            Self::PayWithAtm => (10_000, 50_000_000),
            Self::PayWithCc => (1_000, 10_000_000),
        }
    }
}

/// The customer, shown on MoMo's page (and used for card receipts).
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaymentUserInfo {
    /// Name of the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub name: Option<String>,
    /// Phone number of the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub phone_number: Option<String>,
    /// Email of the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub email: Option<String>,
}

/// Where the order is delivered.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeliveryInfo {
    /// Delivery address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub delivery_address: Option<String>,
    /// Delivery fee, VND.
    #[serde(
        default,
        deserialize_with = "lenient::opt_amount",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "AmountInput | null"))]
    pub delivery_fee: Option<i64>,
    /// Quantity of products delivered.
    #[serde(
        default,
        deserialize_with = "lenient::opt_integer",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "IntegerInput | null"))]
    pub quantity: Option<i64>,
}

/// Input of create (the one-time payment).
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreatePaymentRequest {
    /// Idempotency key; generated when absent.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub request_id: Option<String>,
    /// The partner's orderId (MoMo's pattern, at most 200 characters).
    pub order_id: String,
    /// Which MoMo page pays the order.
    pub request_type: CreateRequestType,
    /// Amount, VND, within the range of `request_type`.
    #[serde(deserialize_with = "lenient::amount")]
    #[cfg_attr(feature = "tsify", tsify(type = "AmountInput"))]
    pub amount: i64,
    /// Order description shown to the customer (signed; at most 255).
    pub order_info: String,
    /// Where MoMo sends the customer's browser or app afterwards (signed;
    /// a web link or an app link). May be empty for `captureWallet` only.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub redirect_url: String,
    /// The partner's https/http endpoint MoMo POSTs the result to (signed).
    pub ipn_url: String,
    /// Base64 JSON (see [`crate::extra_data`]); signed; default empty.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub extra_data: String,
    /// Product lines shown on MoMo's page (at most 50).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub items: Vec<Item>,
    /// The customer.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub user_info: Option<PaymentUserInfo>,
    /// Delivery details.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub delivery_info: Option<DeliveryInfo>,
    /// `false` to authorize only (resultCode 9000; then confirm capture or
    /// cancel).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub auto_capture: Option<bool>,
    /// Group of orders (given by MoMo on request).
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "IntegerInput | null"))]
    pub order_group_id: Option<i64>,
    /// Store ID (at most 50).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub store_id: Option<String>,
    /// Partner name shown on MoMo's page.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub partner_name: Option<String>,
    /// Minutes the payment stays payable (at least 1); MoMo's default
    /// when absent.
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "IntegerInput | null"))]
    pub order_expire_time: Option<i64>,
    /// Language of MoMo's page and message; the client's default when absent.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub lang: Option<Lang>,
}

/// create's body, in the field order of MoMo's request table; optional
/// fields and an empty item list are left out.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreateBody<'a> {
    partner_code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    partner_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    store_id: Option<&'a str>,
    request_id: &'a str,
    amount: i64,
    order_id: &'a str,
    order_info: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    order_group_id: Option<i64>,
    redirect_url: &'a str,
    ipn_url: &'a str,
    request_type: &'a str,
    extra_data: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    items: &'a [Item],
    #[serde(skip_serializing_if = "Option::is_none")]
    delivery_info: Option<&'a DeliveryInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_info: Option<&'a PaymentUserInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    auto_capture: Option<bool>,
    lang: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    order_expire_time: Option<i64>,
    signature: &'a str,
}

impl MomoClient {
    /// Prepares create, the one-time payment (30 s minimum timeout): every
    /// rule is checked before the request exists.
    pub fn create_payment(&self, req: &CreatePaymentRequest) -> Result<PreparedRequest> {
        validate::order_id("orderId", &req.order_id)?;
        let (min, max) = req.request_type.amount_range();
        validate::amount_in("amount", req.amount, min, max)?;
        validate::required_max("orderInfo", &req.order_info, 255)?;
        if req.request_type == CreateRequestType::CaptureWallet
            && req.redirect_url.trim().is_empty()
        {
            // MoMo: "Default value is empty" for the e-wallet.
        } else {
            app_or_web_url("redirectUrl", &req.redirect_url)?;
        }
        web_url("ipnUrl", &req.ipn_url)?;
        extra_data::check(&req.extra_data)?;
        if req.items.len() > CREATE_ITEMS_MAX {
            return Err(MomoError::new(
                ErrorCode::TooLong,
                "items",
                format!(
                    "must hold at most {CREATE_ITEMS_MAX} items, got {}",
                    req.items.len()
                ),
            ));
        }
        let items = each("items", &req.items, Item::checked)?;
        if let Some(delivery) = &req.delivery_info {
            if let Some(fee) = delivery.delivery_fee {
                validate::non_negative("deliveryInfo.deliveryFee", fee)?;
            }
        }
        validate::optional_max("storeId", req.store_id.as_deref(), 50)?;
        if let Some(minutes) = req.order_expire_time {
            if minutes < 1 {
                return Err(MomoError::new(
                    ErrorCode::InvalidInput,
                    "orderExpireTime",
                    format!("is in minutes and must be at least 1, got {minutes}"),
                ));
            }
        }
        let request_id = resolve_request_id(req.request_id.as_deref())?;
        let partner = self.partner()?;
        let amount_text = req.amount.to_string();
        let extra_data = blank_as_empty(&req.extra_data);
        let redirect_url = blank_as_empty(&req.redirect_url);
        let request_type = req.request_type.as_str();
        let fields = [
            ("accessKey", partner.access_key),
            ("amount", amount_text.as_str()),
            ("extraData", extra_data),
            ("ipnUrl", req.ipn_url.as_str()),
            ("orderId", req.order_id.as_str()),
            ("orderInfo", req.order_info.as_str()),
            ("partnerCode", partner.partner_code),
            ("redirectUrl", redirect_url),
            ("requestId", request_id.as_str()),
            ("requestType", request_type),
        ];
        let lang = self.lang(req.lang).as_str();
        self.signed_gateway_post(
            CREATE_PAYMENT_PATH,
            GATEWAY_TIMEOUT_MS,
            request_id.clone(),
            &fields,
            |signature| {
                to_json(
                    "body",
                    &CreateBody {
                        partner_code: partner.partner_code,
                        partner_name: req.partner_name.as_deref(),
                        store_id: req.store_id.as_deref(),
                        request_id: &request_id,
                        amount: req.amount,
                        order_id: &req.order_id,
                        order_info: &req.order_info,
                        order_group_id: req.order_group_id,
                        redirect_url,
                        ipn_url: &req.ipn_url,
                        request_type,
                        extra_data,
                        items: &items,
                        delivery_info: req.delivery_info.as_ref(),
                        user_info: req.user_info.as_ref(),
                        auto_capture: req.auto_capture,
                        lang,
                        order_expire_time: req.order_expire_time,
                        signature,
                    },
                )
            },
        )
    }
}

/// An absolute URL: a scheme (a letter, then letters, digits, `+-.`),
/// `://`, a non-empty rest, no whitespace or control character.
fn scheme_of(value: &str) -> Option<&str> {
    let (scheme, rest) = value.split_once("://")?;
    let mut chars = scheme.chars();
    let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    let rest_ok = !rest.is_empty() && !value.chars().any(|c| c.is_whitespace() || c.is_control());
    (scheme_ok && rest_ok).then_some(scheme)
}

/// redirectUrl: MoMo supports "AppLink and WebLink", so any absolute URL.
fn app_or_web_url(field: &str, value: &str) -> Result<()> {
    validate::required(field, value)?;
    scheme_of(value).map(|_| ()).ok_or_else(|| {
        MomoError::new(
            ErrorCode::InvalidFormat,
            field,
            "must be an absolute URL (https://... or an app link such as myapp://...), without spaces",
        )
    })
}

/// ipnUrl: MoMo's server POSTs to it, so http:// or https:// only.
fn web_url(field: &str, value: &str) -> Result<()> {
    validate::required(field, value)?;
    match scheme_of(value) {
        Some(s) if s.eq_ignore_ascii_case("https") || s.eq_ignore_ascii_case("http") => Ok(()),
        _ => Err(MomoError::new(
            ErrorCode::InvalidFormat,
            field,
            "must be an absolute http:// or https:// URL, without spaces",
        )),
    }
}

/// Answer of create. Each link may be absent (which ones MoMo sends depends
/// on the requestType and the partner's setup). Unknown extra fields are
/// ignored.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatePaymentResponse {
    /// MoMo's resultCode: 0 means the payment was created (not paid).
    #[serde(deserialize_with = "lenient::integer")]
    pub result_code: i64,
    /// MoMo's message.
    #[serde(default)]
    pub message: String,
    /// Echo of the partnerCode.
    #[serde(default)]
    pub partner_code: String,
    /// Echo of the orderId.
    #[serde(default)]
    pub order_id: String,
    /// Echo of the requestId.
    #[serde(default)]
    pub request_id: String,
    /// Amount, VND.
    #[serde(default, deserialize_with = "lenient::opt_amount")]
    pub amount: Option<i64>,
    /// Response time, epoch milliseconds.
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    pub response_time: Option<i64>,
    /// MoMo's payment page (web).
    #[serde(default)]
    pub pay_url: Option<String>,
    /// Opens the MoMo app on a phone (`momo://...`).
    #[serde(default)]
    pub deeplink: Option<String>,
    /// The data of the QR code the POS shows (render it as a QR code).
    #[serde(default)]
    pub qr_code_url: Option<String>,
    /// App link (Android App Links / iOS universal links) to the MoMo app.
    #[serde(default)]
    pub applink: Option<String>,
    /// What the resultCode means (computed by momo-core).
    #[serde(default, skip_deserializing)]
    pub outcome: Outcome,
}

/// Parses the answer of create.
pub fn parse_create_payment(status: u16, body: &str) -> Result<CreatePaymentResponse> {
    let mut res: CreatePaymentResponse = parse_json(status, body)?;
    res.outcome = Outcome::of_payment(res.result_code).for_http_status(status);
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        for ok in ["https://a.vn/x?y=1&z=2", "http://127.0.0.1:8080/ipn"] {
            assert!(web_url("f", ok).is_ok(), "{ok}");
            assert!(app_or_web_url("f", ok).is_ok(), "{ok}");
        }
        assert!(app_or_web_url("f", "myapp://paid").is_ok());
        for bad in [
            "myapp://paid",
            "ftp://a",
            "https://",
            "https://a b",
            "/ipn",
            "a.vn",
        ] {
            assert_eq!(
                web_url("f", bad).unwrap_err().code(),
                ErrorCode::InvalidFormat,
                "{bad}"
            );
        }
        for bad in ["1x://a", "://a", "https://a\nb"] {
            assert!(app_or_web_url("f", bad).is_err(), "{bad}");
        }
        assert_eq!(web_url("f", " ").unwrap_err().code(), ErrorCode::Required);
    }

    #[test]
    fn ranges_per_method() {
        assert_eq!(
            CreateRequestType::PayWithAtm.amount_range(),
            (10_000, 50_000_000)
        );
        assert_eq!(
            CreateRequestType::PayWithCc.amount_range(),
            (1_000, 10_000_000)
        );
        assert_eq!(CreateRequestType::PayWithAtm.as_str(), "payWithATM");
    }
}

//! `POST /v2/gateway/api/tokenization/pay`: encrypt the token, then sign.

use serde::Serialize;

use super::items::each;
use super::{Fee, Item, PromotionEntry, TokenEnvelope, PAY_PATH, PAY_TIMEOUT_MS};
use crate::client::{resolve_request_id, MomoClient};
use crate::config::Lang;
use crate::error::Result;
use crate::json_text::to_json;
use crate::request::PreparedRequest;
use crate::response::parse_json;
use crate::result_code::Outcome;
use crate::rsa_encryptor::RsaEncryptor;
use crate::signing::blank_as_empty;
use crate::{amount, extra_data, lenient, validate};
use serde::Deserialize;

/// Input of tokenization/pay.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TokenizationPayRequest {
    /// Idempotency key; generated when absent.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub request_id: Option<String>,
    /// The same orderId as tokenization/create.
    pub order_id: String,
    /// The token tokenization/create returned (plaintext; momo-core
    /// encrypts it with MoMo's public key).
    pub token: String,
    /// Plaintext shape to encrypt (default `{"value":"<token>"}`).
    #[serde(default)]
    pub token_envelope: TokenEnvelope,
    /// Payment amount, 1,000..=30,000,000 VND.
    #[serde(deserialize_with = "lenient::amount")]
    #[cfg_attr(feature = "tsify", tsify(type = "AmountInput"))]
    pub amount: i64,
    /// Amount before discount.
    #[serde(default, deserialize_with = "lenient::opt_amount")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "AmountInput | null"))]
    pub original_amount: Option<i64>,
    /// Short description of the order (signed).
    pub order_info: String,
    /// Identifier of the user at the partner (signed; default empty).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub partner_client_id: String,
    /// Sub partner id.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub sub_partner_code: Option<String>,
    /// Store ID.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub store_id: Option<String>,
    /// Group of orders (given by MoMo on request).
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "IntegerInput | null"))]
    pub order_group_id: Option<i64>,
    /// `false` to authorize only (then confirm capture or cancel).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub auto_capture: Option<bool>,
    /// Product lines.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub items: Vec<Item>,
    /// Vouchers applied.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub promotion_list: Vec<PromotionEntry>,
    /// Fees.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub fee_list: Vec<Fee>,
    /// Request time, epoch milliseconds (the caller's clock).
    #[serde(deserialize_with = "lenient::integer")]
    #[cfg_attr(feature = "tsify", tsify(type = "IntegerInput"))]
    pub request_time: i64,
    /// Base64 JSON (see [`crate::extra_data`]); default empty.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub extra_data: String,
    /// Language of MoMo's message; the client's default when absent.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub lang: Option<Lang>,
}

/// tokenization/pay's body, in MoMo's field order; optional fields and
/// empty lists are left out.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PayBody<'a> {
    token: &'a str,
    partner_code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub_partner_code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    store_id: Option<&'a str>,
    partner_client_id: &'a str,
    order_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    original_amount: Option<i64>,
    amount: i64,
    lang: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    auto_capture: Option<bool>,
    order_info: &'a str,
    request_id: &'a str,
    token_type: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    items: &'a [Item],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    promotion_list: &'a [PromotionEntry],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    fee_list: &'a [Fee],
    request_time: i64,
    extra_data: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    order_group_id: Option<i64>,
    signature: &'a str,
}

impl MomoClient {
    /// Prepares tokenization/pay (10 s minimum timeout): validates, encrypts
    /// the token with MoMo's public key, then signs over the ciphertext.
    #[cfg(feature = "builtin-rsa")]
    pub fn tokenization_pay(&self, req: &TokenizationPayRequest) -> Result<PreparedRequest> {
        self.tokenization_pay_with(req, &crate::rsa_encryptor::BuiltinRsa)
    }

    /// Prepares tokenization/pay like `tokenization_pay`, with the RSA
    /// operation done by `encryptor` (e.g. the host's crypto library); every
    /// rule still applies here.
    pub fn tokenization_pay_with(
        &self,
        req: &TokenizationPayRequest,
        encryptor: &dyn RsaEncryptor,
    ) -> Result<PreparedRequest> {
        validate::order_id("orderId", &req.order_id)?;
        validate::amount_in("amount", req.amount, amount::PAY_MIN, amount::PAY_MAX)?;
        if let Some(original) = req.original_amount {
            validate::non_negative("originalAmount", original)?;
        }
        validate::required("token", &req.token)?;
        validate::epoch_ms("requestTime", req.request_time)?;
        validate::required_max("orderInfo", &req.order_info, 255)?;
        validate::max_len("partnerClientId", &req.partner_client_id, 50)?;
        validate::optional_max("subPartnerCode", req.sub_partner_code.as_deref(), 50)?;
        validate::optional_max("storeId", req.store_id.as_deref(), 50)?;
        extra_data::check(&req.extra_data)?;
        let items = each("items", &req.items, Item::checked)?;
        each("promotionList", &req.promotion_list, PromotionEntry::check)?;
        each("feeList", &req.fee_list, Fee::check)?;
        let request_id = resolve_request_id(req.request_id.as_deref())?;

        let plaintext = req.token_envelope.plaintext(&req.token)?;
        let token =
            self.required_public_key()?
                .encrypt_base64(encryptor, plaintext.as_bytes(), "token")?;

        let partner = self.partner()?;
        let amount_text = req.amount.to_string();
        let extra_data = blank_as_empty(&req.extra_data);
        let partner_client_id = blank_as_empty(&req.partner_client_id);
        let fields = [
            ("accessKey", partner.access_key),
            ("amount", amount_text.as_str()),
            ("extraData", extra_data),
            ("orderId", req.order_id.as_str()),
            ("orderInfo", req.order_info.as_str()),
            ("partnerClientId", partner_client_id),
            ("partnerCode", partner.partner_code),
            ("requestId", request_id.as_str()),
            ("token", token.as_str()),
        ];
        let lang = self.lang(req.lang).as_str();
        self.signed_gateway_post(
            PAY_PATH,
            PAY_TIMEOUT_MS,
            request_id.clone(),
            &fields,
            |signature| {
                to_json(
                    "body",
                    &PayBody {
                        token: &token,
                        partner_code: partner.partner_code,
                        sub_partner_code: req.sub_partner_code.as_deref(),
                        store_id: req.store_id.as_deref(),
                        partner_client_id,
                        order_id: &req.order_id,
                        original_amount: req.original_amount,
                        amount: req.amount,
                        lang,
                        auto_capture: req.auto_capture,
                        order_info: &req.order_info,
                        request_id: &request_id,
                        token_type: "oneTime",
                        items: &items,
                        promotion_list: &req.promotion_list,
                        fee_list: &req.fee_list,
                        request_time: req.request_time,
                        extra_data,
                        order_group_id: req.order_group_id,
                        signature,
                    },
                )
            },
        )
    }
}

/// A voucher applied to a payment, as tokenization/pay reports it.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentPromotion {
    /// Discount amount of the payment, VND.
    #[serde(default, deserialize_with = "lenient::amount")]
    pub amount: i64,
    /// Part of the discount sponsored by the merchant, VND.
    #[serde(default, deserialize_with = "lenient::amount")]
    pub amount_sponsor: i64,
    /// ID of the voucher or campaign.
    #[serde(default)]
    pub voucher_id: String,
    /// Voucher type (`percent`).
    #[serde(default)]
    pub voucher_type: String,
    /// Name of the voucher or campaign.
    #[serde(default)]
    pub voucher_name: String,
    /// Merchant rate, as MoMo sends it (`"60"`).
    #[serde(default)]
    pub merchant_rate: String,
}

/// Answer of tokenization/pay. Unknown extra fields are ignored.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenizationPayResponse {
    /// MoMo's resultCode.
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
    /// Amount paid, VND.
    #[serde(default, deserialize_with = "lenient::opt_amount")]
    pub amount: Option<i64>,
    /// MoMo's transaction id (64-bit).
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    pub trans_id: Option<i64>,
    /// Response time, epoch milliseconds.
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    pub response_time: Option<i64>,
    /// Echo of the partnerClientId.
    #[serde(default)]
    pub partner_client_id: Option<String>,
    /// Vouchers applied (null when none).
    #[serde(default, deserialize_with = "lenient::null_as_empty")]
    pub promotion_info: Vec<PaymentPromotion>,
    /// What the resultCode means (computed by momo-core).
    #[serde(default, skip_deserializing)]
    pub outcome: Outcome,
}

/// Parses the answer of tokenization/pay.
pub fn parse_tokenization_pay(status: u16, body: &str) -> Result<TokenizationPayResponse> {
    let mut res: TokenizationPayResponse = parse_json(status, body)?;
    res.outcome = Outcome::of_payment(res.result_code).for_http_status(status);
    Ok(res)
}

//! What MoMo's payment resultCodes mean and what the partner must do next.
//!
//! Source: PROTOCOL.md section 3 (MoMo's result-code page). A transport
//! timeout is an unknown state, never a failure: see
//! [`Outcome::transport_timeout`].

use serde::{Deserialize, Serialize};

use crate::config::Lang;

/// What a result means for the partner.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ResultClass {
    /// Paid / done.
    Success,
    /// Authorized, not captured (autoCapture=false): confirm capture or cancel.
    Authorized,
    /// In progress: wait for the IPN or query; never treat as failure.
    Pending,
    /// Rejected before processing: fix the request and retry with a NEW requestId.
    Rejected,
    /// Final failure.
    Failed,
    /// The outcome is not known (a timeout, an unlisted code): query.
    Unknown,
}

impl ResultClass {
    /// The stable string form, e.g. `"PENDING"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Success => "SUCCESS",
            Self::Authorized => "AUTHORIZED",
            Self::Pending => "PENDING",
            Self::Rejected => "REJECTED",
            Self::Failed => "FAILED",
            Self::Unknown => "UNKNOWN",
        }
    }
}

/// One documented code with its meaning.
// The hosts serialize it camelCase (the wasm binding's code tables).
#[cfg_attr(
    feature = "tsify",
    derive(tsify::Tsify),
    tsify(missing_as_null),
    serde(rename_all = "camelCase")
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    /// The numeric code.
    pub code: i64,
    /// Its class.
    pub class: ResultClass,
    /// MoMo's Vietnamese message.
    pub message_vi: &'static str,
    /// MoMo's English message.
    pub message_en: &'static str,
}

impl CodeInfo {
    /// The message in the requested language.
    pub fn message(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.message_vi,
            Lang::En => self.message_en,
        }
    }
}

/// The meaning of one result, as every binding exposes it. Hosts can also
/// hand one back (what a parser returned, to a payment tracker): it reads
/// from the same camelCase form, nothing recomputed.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    /// The code, or `None` for a transport timeout.
    #[serde(default, deserialize_with = "crate::lenient::opt_integer")]
    pub code: Option<i64>,
    /// Its class.
    #[cfg_attr(feature = "uniffi", uniffi(name = "result_class"))]
    pub class: ResultClass,
    /// True when the partner must query before deciding anything.
    pub needs_query: bool,
    /// True when a retry must use a NEW requestId (the request was rejected).
    #[serde(default)]
    pub retry_with_new_request_id: bool,
    /// Vietnamese message ("" when the code is not documented).
    #[serde(default)]
    pub message_vi: String,
    /// English message ("" when the code is not documented).
    #[serde(default)]
    pub message_en: String,
}

impl Outcome {
    /// The outcome of a payment gateway resultCode. Besides pending and
    /// unknown codes, 41 (duplicate orderId: it may be paid) and 43 (a
    /// similar transaction is in progress) also call for a query first.
    pub fn of_payment(code: i64) -> Self {
        Self::from_table(code, payment_code(code), code == 41 || code == 43)
    }

    /// The outcome of `code` given its table entry; `also_query` marks
    /// codes that are not pending yet still call for a query first.
    pub(crate) fn from_table(code: i64, info: Option<&CodeInfo>, also_query: bool) -> Self {
        let class = info.map_or(ResultClass::Unknown, |i| i.class);
        Self {
            code: Some(code),
            class,
            needs_query: also_query || matches!(class, ResultClass::Pending | ResultClass::Unknown),
            retry_with_new_request_id: class == ResultClass::Rejected,
            message_vi: info.map_or("", |i| i.message_vi).to_owned(),
            message_en: info.map_or("", |i| i.message_en).to_owned(),
        }
    }

    /// This outcome, unless the HTTP status is 5xx: a server error leaves
    /// the state unknown whatever the body says (a proxy or a failing MoMo
    /// node may answer 500 with a stale or foreign body), so query.
    pub fn for_http_status(self, status: u16) -> Self {
        if status < 500 {
            return self;
        }
        Self {
            code: None,
            class: ResultClass::Unknown,
            needs_query: true,
            retry_with_new_request_id: false,
            message_vi: format!(
                "MoMo trả về HTTP {status}; trạng thái chưa xác định, hãy truy vấn giao dịch."
            ),
            message_en: format!(
                "MoMo answered HTTP {status}; the state is unknown, query the transaction."
            ),
        }
    }

    /// The outcome of a call whose response never came (timeout, dropped
    /// connection): unknown, so query, and retry with the SAME requestId.
    pub fn transport_timeout() -> Self {
        Self {
            code: None,
            class: ResultClass::Unknown,
            needs_query: true,
            retry_with_new_request_id: false,
            message_vi:
                "Không nhận được phản hồi; trạng thái chưa xác định, hãy truy vấn giao dịch."
                    .to_owned(),
            message_en: "No response; the state is unknown, query the transaction.".to_owned(),
        }
    }
}

impl Default for Outcome {
    /// An unknown outcome: query before deciding anything.
    fn default() -> Self {
        Self {
            code: None,
            class: ResultClass::Unknown,
            needs_query: true,
            retry_with_new_request_id: false,
            message_vi: String::new(),
            message_en: String::new(),
        }
    }
}

use ResultClass::{Authorized, Failed, Pending, Rejected, Success};

/// Every documented payment gateway resultCode.
pub const PAYMENT_CODES: &[CodeInfo] = &[
    c(0, Success, "Thành công.", "Successful."),
    c(9000, Authorized, "Giao dịch đã được xác nhận thành công.", "Transaction is authorized successfully."),
    c(1000, Pending, "Giao dịch đã được khởi tạo, chờ người dùng xác nhận thanh toán.", "Transaction is initiated, waiting for user confirmation."),
    c(7000, Pending, "Giao dịch đang được xử lý.", "Transaction is being processed."),
    c(7002, Pending, "Giao dịch đang được xử lý bởi nhà cung cấp loại hình thanh toán.", "Transaction is being processed by the provider of the payment instrument selected."),
    c(8000, Pending, "Giao dịch đang ở trạng thái cần được người dùng xác nhận thanh toán lại.", "The transaction is being processed, waiting for the user to confirm again."),
    c(10, Rejected, "Hệ thống đang được bảo trì.", "System is under maintenance."),
    c(11, Rejected, "Truy cập bị từ chối.", "Access denied."),
    c(12, Rejected, "Phiên bản API không được hỗ trợ cho yêu cầu này.", "Unsupported API version for this request."),
    c(13, Rejected, "Xác thực doanh nghiệp thất bại.", "Merchant authentication failed."),
    c(20, Rejected, "Yêu cầu sai định dạng.", "Bad format request."),
    c(21, Rejected, "Yêu cầu bị từ chối vì số tiền giao dịch không hợp lệ.", "Request is rejected due to invalid transaction amount."),
    c(22, Rejected, "Số tiền giao dịch không hợp lệ.", "The transaction amount is out of range."),
    c(40, Rejected, "RequestId bị trùng.", "Duplicated requestId."),
    c(41, Rejected, "OrderId bị trùng.", "Duplicated orderId."),
    c(42, Rejected, "OrderId không hợp lệ hoặc không được tìm thấy.", "Invalid orderId or orderId is not found."),
    c(43, Rejected, "Yêu cầu bị từ chối vì xung đột trong quá trình xử lý giao dịch.", "Request is rejected because a similar transaction is being processed."),
    c(45, Rejected, "Trùng ItemId.", "Duplicated ItemId."),
    c(47, Rejected, "Yêu cầu bị từ chối vì thông tin không hợp lệ trong danh sách dữ liệu khả dụng.", "Request is rejected due to inapplicable information in the given set of valuable data."),
    c(98, Failed, "QR Code tạo không thành công. Vui lòng thử lại sau.", "QR Code failed to generate. Please try again later."),
    c(99, Failed, "Lỗi không xác định.", "Unknown error."),
    c(1001, Failed, "Giao dịch thanh toán thất bại do tài khoản người dùng không đủ tiền.", "Transaction failed due to insufficient funds."),
    c(1002, Failed, "Giao dịch bị từ chối do nhà phát hành tài khoản thanh toán.", "Transaction rejected by the issuer of the payment method."),
    c(1003, Failed, "Giao dịch bị hủy.", "Transaction cancelled."),
    c(1004, Failed, "Giao dịch thất bại do số tiền thanh toán vượt quá hạn mức thanh toán của người dùng.", "Transaction failed because the amount exceeds the user's payment limit."),
    c(1005, Failed, "Giao dịch thất bại do url hoặc QR code đã hết hạn.", "Transaction failed because the URL or QR code has expired."),
    c(1006, Failed, "Giao dịch thất bại do người dùng đã từ chối xác nhận thanh toán.", "Transaction failed because the user declined to confirm the payment."),
    c(1007, Failed, "Giao dịch bị từ chối vì tài khoản không tồn tại hoặc đang ở trạng thái ngưng hoạt động.", "Transaction rejected because the account does not exist or is inactive."),
    c(1017, Failed, "Giao dịch bị hủy bởi đối tác.", "Transaction cancelled by the merchant."),
    c(1026, Failed, "Giao dịch bị hạn chế theo thể lệ chương trình khuyến mãi.", "Transaction restricted by the promotion rules."),
    c(1080, Failed, "Giao dịch hoàn tiền thất bại trong quá trình xử lý. Vui lòng thử lại trong khoảng thời gian ngắn, tốt hơn là sau một giờ.", "Refund attempt failed during processing. Please retry later, preferably after an hour."),
    c(1081, Failed, "Giao dịch hoàn tiền bị từ chối. Giao dịch thanh toán ban đầu có thể đã được hoàn.", "Refund rejected. The original transaction may have been refunded."),
    c(1088, Failed, "Giao dịch hoàn tiền bị từ chối. Giao dịch thanh toán ban đầu không được hỗ trợ hoàn tiền.", "Refund rejected. The original transaction cannot be refunded."),
    c(2019, Failed, "Yêu cầu bị từ chối vì orderGroupId không hợp lệ.", "Request rejected because the orderGroupId is invalid."),
    c(4001, Failed, "Giao dịch bị hạn chế do người dùng chưa hoàn tất xác thực tài khoản.", "Transaction restricted because the user has not completed account verification."),
    c(4002, Failed, "Giao dịch bị hạn chế do người dùng chưa hoàn tất xác thực thông tin theo quy định.", "Transaction restricted because the user's identity is not verified as regulations require."),
    c(4100, Failed, "Giao dịch thất bại do người dùng không đăng nhập thành công.", "Transaction failed because the user failed to log in."),
];

pub(crate) const fn c(
    code: i64,
    class: ResultClass,
    message_vi: &'static str,
    message_en: &'static str,
) -> CodeInfo {
    CodeInfo {
        code,
        class,
        message_vi,
        message_en,
    }
}

/// The documented meaning of a payment resultCode, if any.
pub fn payment_code(code: i64) -> Option<&'static CodeInfo> {
    PAYMENT_CODES.iter().find(|info| info.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outcome_reads_back_from_its_own_form() {
        for outcome in [
            Outcome::of_payment(0),
            Outcome::of_payment(1006),
            Outcome::of_payment(7000).for_http_status(503),
            Outcome::transport_timeout(),
        ] {
            let text = serde_json::to_string(&outcome).unwrap();
            let back: Outcome = crate::input::from_json(&text).unwrap();
            assert_eq!(back, outcome, "{text}");
        }
        let err = crate::input::from_json::<Outcome>(r#"{"class":"PAID","needsQuery":false}"#)
            .unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (crate::ErrorCode::InvalidEnum, "class")
        );
    }

    #[test]
    fn pending_codes_are_never_failures() {
        for code in [1000, 7000, 7002, 8000] {
            let o = Outcome::of_payment(code);
            assert_eq!(o.class, ResultClass::Pending);
            assert!(o.needs_query);
        }
        let o = Outcome::of_payment(9000);
        assert_eq!(o.class, ResultClass::Authorized);
        assert!(!o.needs_query);
    }

    #[test]
    fn duplicate_order_id_means_query_first() {
        let o = Outcome::of_payment(41);
        assert_eq!(o.class, ResultClass::Rejected);
        assert!(o.needs_query && o.retry_with_new_request_id);
    }

    #[test]
    fn undocumented_codes_and_timeouts_are_unknown() {
        let o = Outcome::of_payment(123456);
        assert_eq!((o.class, o.needs_query), (ResultClass::Unknown, true));
        let t = Outcome::transport_timeout();
        assert_eq!(
            (t.code, t.class, t.needs_query),
            (None, ResultClass::Unknown, true)
        );
        assert!(!t.retry_with_new_request_id);
    }

    #[test]
    fn codes_are_unique_and_have_both_languages() {
        for (i, a) in PAYMENT_CODES.iter().enumerate() {
            assert!(!a.message_vi.is_empty() && !a.message_en.is_empty());
            assert!(
                PAYMENT_CODES[i + 1..].iter().all(|b| b.code != a.code),
                "{}",
                a.code
            );
        }
        assert_eq!(payment_code(0).unwrap().message(Lang::En), "Successful.");
    }
}

//! Gift API codes (seed 003 glossary): per-gift `status` (0, 801-814) and
//! per-request `resultCode` (0-15), with messages and classes.

use serde::Serialize;

use crate::result_code::{c, CodeInfo, Outcome, ResultClass};
use ResultClass::{Failed, Rejected, Success, Unknown};

/// Per-gift status, typed.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum GiftStatusCode {
    /// 0: the gift was created.
    Success,
    /// 801: gift is empty.
    GiftEmpty,
    /// 802: no MoMo wallet matches the phone number.
    NoWallet,
    /// 803: over 20 vouchers per transaction.
    TooManyVouchers,
    /// 804: vouchers total more than 10,000,000 per transaction.
    TotalExceeded,
    /// 805: error when creating the voucher.
    CreateError,
    /// 806: the request id to check is empty.
    CheckRequestIdEmpty,
    /// 807: no transaction found for the check request id.
    TransactionNotFound,
    /// 808: invalid date format.
    InvalidDateFormat,
    /// 809: invalid gift type.
    InvalidGiftType,
    /// 810: invalid start/end date.
    InvalidTimeRange,
    /// 811: no gift type information exists.
    GiftTypeNotFound,
    /// 812: invalid or duplicate giftId.
    DuplicateGiftId,
    /// 813: invalid gift amount.
    InvalidGiftAmount,
    /// 814: timeout when creating the gift (outcome unknown: check status).
    Timeout,
    /// A code the seed does not list.
    #[default]
    Unknown,
}

impl GiftStatusCode {
    /// The typed status of a numeric code.
    pub fn from_code(code: i64) -> Self {
        match code {
            0 => Self::Success,
            801 => Self::GiftEmpty,
            802 => Self::NoWallet,
            803 => Self::TooManyVouchers,
            804 => Self::TotalExceeded,
            805 => Self::CreateError,
            806 => Self::CheckRequestIdEmpty,
            807 => Self::TransactionNotFound,
            808 => Self::InvalidDateFormat,
            809 => Self::InvalidGiftType,
            810 => Self::InvalidTimeRange,
            811 => Self::GiftTypeNotFound,
            812 => Self::DuplicateGiftId,
            813 => Self::InvalidGiftAmount,
            814 => Self::Timeout,
            _ => Self::Unknown,
        }
    }
}

/// Per-gift status codes.
pub const GIFT_STATUS_CODES: &[CodeInfo] = &[
    c(0, Success, "Thành công", "Success"),
    c(801, Rejected, "Quà tặng trống", "Gift is empty"),
    c(
        802,
        Failed,
        "Không có ví MoMo nào khớp với số điện thoại này",
        "No Momo wallet matches with this phone number",
    ),
    c(
        803,
        Rejected,
        "Vượt quá 20 voucher mỗi giao dịch",
        "Over 20 vouchers per transaction",
    ),
    c(
        804,
        Rejected,
        "Tổng giá trị voucher vượt quá 10.000.000 mỗi giao dịch",
        "The total amount of vouchers is more than 10.000.000 per transaction",
    ),
    c(
        805,
        Failed,
        "Lỗi khi tạo voucher",
        "Error when create voucher",
    ),
    c(
        806,
        Rejected,
        "Request Id của giao dịch cần kiểm tra bị trống",
        "Request Id of transaction needed to be checked is empty",
    ),
    c(
        807,
        Failed,
        "Không tìm thấy giao dịch với check request id này",
        "No transaction found with this check request id",
    ),
    c(
        808,
        Rejected,
        "Định dạng ngày không hợp lệ",
        "Invalid date format",
    ),
    c(
        809,
        Rejected,
        "Loại quà tặng không hợp lệ",
        "Invalid gift type",
    ),
    c(
        810,
        Rejected,
        "Ngày bắt đầu/kết thúc không hợp lệ",
        "Invalid start/ end date",
    ),
    c(
        811,
        Failed,
        "Không tồn tại thông tin loại quà tặng",
        "There is no gift type information exists",
    ),
    c(
        812,
        Rejected,
        "Gift Id không hợp lệ hoặc bị trùng",
        "Invalid/ Duplicate Gift Id",
    ),
    c(
        813,
        Rejected,
        "Giá trị quà tặng không hợp lệ",
        "Invalid Gift amount",
    ),
    c(
        814,
        Unknown,
        "Hết thời gian chờ khi tạo quà tặng",
        "Timeout when creating gift",
    ),
];

/// Per-request result codes.
pub const GIFT_RESULT_CODES: &[CodeInfo] = &[
    c(0, Success, "Thành công", "Success"),
    c(1, Rejected, "Chữ ký không hợp lệ", "Invalid signature"),
    c(
        2,
        Rejected,
        "Không thể giải mã thông điệp",
        "Cannot decrypt message",
    ),
    c(
        3,
        Rejected,
        "Tên đăng nhập không hợp lệ",
        "Invalid username",
    ),
    c(4, Failed, "Mã ví không hợp lệ", "Invalid wallet Id"),
    c(5, Rejected, "Mật khẩu không hợp lệ", "Invalid password"),
    c(
        6,
        Rejected,
        "Chuỗi JSON không hợp lệ",
        "Invalid Json String",
    ),
    c(7, Failed, "Không đủ số dư", "Insufficient funds"),
    c(8, Rejected, "Request Id bị trùng", "Duplicate request Id"),
    c(
        9,
        Rejected,
        "Mã đối tác không hợp lệ",
        "Invalid partner code",
    ),
    c(
        10,
        Unknown,
        "Kết quả chưa xác định. Vui lòng kiểm tra để có kết quả cuối cùng",
        "Unknown result. Please check manual to get final result",
    ),
    c(11, Failed, "Lỗi khác", "Other Error"),
    c(
        13,
        Rejected,
        "Chức năng này chưa được kích hoạt. Vui lòng liên hệ quản trị viên",
        "This function is not active. please contact the administrator",
    ),
    c(
        15,
        Rejected,
        "Hệ thống đang bảo trì, vui lòng thử lại sau!",
        "Mainternance system, please try later !",
    ),
];

/// The documented meaning of a per-gift status.
pub fn gift_status_code(code: i64) -> Option<&'static CodeInfo> {
    GIFT_STATUS_CODES.iter().find(|i| i.code == code)
}

/// The documented meaning of a Gift API resultCode.
pub fn gift_result_code(code: i64) -> Option<&'static CodeInfo> {
    GIFT_RESULT_CODES.iter().find(|i| i.code == code)
}

impl Outcome {
    /// The outcome of a per-gift status (814, a timeout, means check status).
    pub fn of_gift_status(code: i64) -> Self {
        Self::from_table(code, gift_status_code(code), false)
    }

    /// The outcome of a Gift API resultCode. 8 (duplicate requestId) means an
    /// earlier request exists: check its status before anything else.
    pub fn of_gift_result(code: i64) -> Self {
        Self::from_table(code, gift_result_code(code), code == 8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_status_has_a_typed_code() {
        for info in GIFT_STATUS_CODES {
            assert_ne!(
                GiftStatusCode::from_code(info.code),
                GiftStatusCode::Unknown,
                "{}",
                info.code
            );
        }
        assert_eq!(GiftStatusCode::from_code(999), GiftStatusCode::Unknown);
    }

    #[test]
    fn timeouts_and_unknown_results_need_a_status_check() {
        assert!(Outcome::of_gift_status(814).needs_query);
        assert!(Outcome::of_gift_result(10).needs_query);
        assert!(Outcome::of_gift_result(8).needs_query);
        assert!(!Outcome::of_gift_result(7).needs_query);
        assert_eq!(Outcome::of_gift_result(7).class, ResultClass::Failed);
    }
}

//! The family of an error code: what the caller does about it.
//!
//! Each [`ErrorCode`] belongs to one [`ErrorKind`]. Hosts turn kinds into
//! their own error classes (Python's `MomoValidationError`, JavaScript's
//! `MomoValidationError`, ...), so that a caller can catch "bad input" apart
//! from "the answer was forged" without listing codes. The table lives
//! here, once: a binding only names a class per kind.

use serde::Serialize;

use crate::error::ErrorCode;

/// What kind of failure a code is, seen from the caller.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorKind {
    /// The input breaks one of MoMo's rules (missing field, bad amount, ...):
    /// fix the input; sending it would fail.
    Validation,
    /// The client configuration is unusable (missing credential, bad URL or
    /// key): fix the configuration.
    Config,
    /// A signature did not verify: the message was forged or corrupted.
    Signature,
    /// MoMo's answer is not what the API returns, or the login was refused.
    Response,
    /// The Business Page access token is expired: log in again.
    TokenExpired,
    /// A bug inside momo-core: please report it.
    Internal,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: [ErrorKind; 6] = [
        Self::Validation,
        Self::Config,
        Self::Signature,
        Self::Response,
        Self::TokenExpired,
        Self::Internal,
    ];

    /// The stable string form, e.g. `"VALIDATION"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Validation => "VALIDATION",
            Self::Config => "CONFIG",
            Self::Signature => "SIGNATURE",
            Self::Response => "RESPONSE",
            Self::TokenExpired => "TOKEN_EXPIRED",
            Self::Internal => "INTERNAL",
        }
    }
}

impl ErrorCode {
    /// The kind of failure this code is.
    pub fn kind(self) -> ErrorKind {
        use ErrorCode as C;
        match self {
            C::Required
            | C::TooLong
            | C::InvalidFormat
            | C::InvalidEnum
            | C::InvalidAmount
            | C::AmountOverflow
            | C::InvalidQuantity
            | C::InconsistentAmount
            | C::InvalidRate
            | C::InvalidInput
            | C::PlaintextTooLong
            | C::InvalidBase64
            | C::GiftEmpty
            | C::TooManyVouchers
            | C::GiftTotalExceeded
            | C::CheckRequestIdEmpty
            | C::InvalidDate
            | C::InvalidTimeRange
            | C::DuplicateGiftId
            | C::InvalidGiftAmount
            | C::InvalidWalletId => ErrorKind::Validation,
            C::InvalidConfig | C::InvalidKey => ErrorKind::Config,
            C::SignatureMismatch | C::DuplicateField | C::StaleNotification => ErrorKind::Signature,
            C::UnexpectedResponse | C::LoginFailed => ErrorKind::Response,
            C::TokenExpired => ErrorKind::TokenExpired,
            C::Internal => ErrorKind::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_form_is_the_string_form() {
        for kind in ErrorKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
    }

    #[test]
    fn every_kind_has_a_code_and_the_gift_preflight_codes_are_validation() {
        for kind in ErrorKind::ALL {
            assert!(
                ErrorCode::ALL.iter().any(|c| c.kind() == kind),
                "{kind:?} has no code"
            );
        }
        // A code that mirrors a MoMo Gift status is a pre-flight input check.
        for code in ErrorCode::ALL
            .into_iter()
            .filter(|c| c.momo_code().is_some())
        {
            assert_eq!(code.kind(), ErrorKind::Validation, "{code}");
        }
        assert_eq!(ErrorCode::TokenExpired.kind(), ErrorKind::TokenExpired);
        assert_eq!(ErrorCode::InvalidKey.kind(), ErrorKind::Config);
    }
}

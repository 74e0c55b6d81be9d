//! The one error type of momo-core.
//!
//! Every failure carries a stable [`ErrorCode`] (the same string in Rust,
//! JavaScript, Python and Kotlin), the name of the field it concerns and a
//! readable message. Codes are part of the public contract: they are never
//! renamed, only added. Each code belongs to one
//! [`ErrorKind`](crate::ErrorKind), which hosts turn into error classes.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Calls the macro `$callback` with every stable error code, in order, as
/// `/// doc` lines then `Variant => "STRING",`. The one list of the codes:
/// [`ErrorCode`] is generated from it here, and bindings that need one
/// foreign type per code (uniffi's exception variants) generate theirs from
/// it too, so a code is written down once.
#[macro_export]
macro_rules! for_each_error_code {
    ($callback:ident) => {
        $callback! {
            /// A required field is missing, empty or blank.
            Required => "REQUIRED",
            /// A text field is longer than MoMo allows.
            TooLong => "TOO_LONG",
            /// A text field does not match MoMo's pattern (orderId regex, digits, ...).
            InvalidFormat => "INVALID_FORMAT",
            /// A value is not one of the allowed choices (lang, requestType, ...).
            InvalidEnum => "INVALID_ENUM",
            /// An amount is negative, not a whole number or out of MoMo's range.
            InvalidAmount => "INVALID_AMOUNT",
            /// Checked arithmetic on amounts overflowed `i64`.
            AmountOverflow => "AMOUNT_OVERFLOW",
            /// An item quantity is not greater than zero.
            InvalidQuantity => "INVALID_QUANTITY",
            /// A total does not equal the formula it must follow.
            InconsistentAmount => "INCONSISTENT_AMOUNT",
            /// A rate (serviceCharge) is negative, above 1 or too precise.
            InvalidRate => "INVALID_RATE",
            /// Input of the wrong JSON type or shape.
            InvalidInput => "INVALID_INPUT",
            /// The configuration is unusable (missing credentials, bad base URL).
            InvalidConfig => "INVALID_CONFIG",
            /// MoMo's RSA public key could not be parsed or is too small.
            InvalidKey => "INVALID_KEY",
            /// The RSA plaintext does not fit in one PKCS#1 v1.5 block.
            PlaintextTooLong => "PLAINTEXT_TOO_LONG",
            /// A base64 value could not be decoded.
            InvalidBase64 => "INVALID_BASE64",
            /// The HTTP response is not what the API returns.
            UnexpectedResponse => "UNEXPECTED_RESPONSE",
            /// A signature did not verify.
            SignatureMismatch => "SIGNATURE_MISMATCH",
            /// The Business Page login was refused.
            LoginFailed => "LOGIN_FAILED",
            /// The access token is expired at the given clock.
            TokenExpired => "TOKEN_EXPIRED",
            /// Gift API 801: the gift list is empty.
            GiftEmpty => "GIFT_EMPTY",
            /// Gift API 803: more than 20 vouchers in one request.
            TooManyVouchers => "TOO_MANY_VOUCHERS",
            /// Gift API 804: more than 10,000,000 VND of vouchers in one request.
            GiftTotalExceeded => "GIFT_TOTAL_EXCEEDED",
            /// Gift API 806: the request id to check is empty.
            CheckRequestIdEmpty => "CHECK_REQUEST_ID_EMPTY",
            /// Gift API 808: a date is not `yyyy-MM-dd`.
            InvalidDate => "INVALID_DATE",
            /// Gift API 810: start/end time are not a valid window.
            InvalidTimeRange => "INVALID_TIME_RANGE",
            /// Gift API 812: a giftId is empty or repeated.
            DuplicateGiftId => "DUPLICATE_GIFT_ID",
            /// Gift API 813: a gift amount is out of 10,000..=10,000,000.
            InvalidGiftAmount => "INVALID_GIFT_AMOUNT",
            /// A walletId is not a Vietnamese mobile number.
            InvalidWalletId => "INVALID_WALLET_ID",
            /// A bug inside momo-core (a caught panic); please report it.
            Internal => "INTERNAL",
            /// A message MoMo signs (a payment notification, a redirect) names
            /// one of its keys twice: it is refused whatever the order,
            /// since the two readings would disagree about what was signed.
            DuplicateField => "DUPLICATE_FIELD",
            /// A verified notification's `responseTime` lies outside the
            /// tolerance the caller asked for, on the caller's clock (a
            /// replay, or a clock that is off).
            StaleNotification => "STALE_NOTIFICATION",
        }
    };
}

macro_rules! error_code_enum {
    ($($(#[doc = $doc:literal])* $code:ident => $text:literal,)*) => {
        /// Stable, host-independent error codes.
        ///
        /// The string form (`as_str`) is what every binding exposes as `code`.
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        #[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum ErrorCode {
            $(
                $(#[doc = $doc])*
                #[serde(rename = $text)]
                $code,
            )*
        }

        impl ErrorCode {
            /// Every code, in declaration order (for documentation and tests).
            pub const ALL: [ErrorCode; [$($text),*].len()] = [$(Self::$code),*];

            /// The stable string form, e.g. `"INVALID_AMOUNT"`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$code => $text,)*
                }
            }
        }
    };
}

for_each_error_code!(error_code_enum);

impl ErrorCode {
    /// Parses the stable string form back into a code.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|code| code.as_str() == text)
    }

    /// The Gift API status code MoMo would answer for the same mistake, when
    /// this check mirrors one (801, 803, 804, 806, 808, 810, 812, 813).
    pub fn momo_code(self) -> Option<i64> {
        match self {
            Self::GiftEmpty => Some(801),
            Self::TooManyVouchers => Some(803),
            Self::GiftTotalExceeded => Some(804),
            Self::CheckRequestIdEmpty => Some(806),
            Self::InvalidDate => Some(808),
            Self::InvalidTimeRange => Some(810),
            Self::DuplicateGiftId => Some(812),
            Self::InvalidGiftAmount => Some(813),
            _ => None,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failure of momo-core: stable code, field path and readable message.
///
/// The field is a path into the input (`items[0].quantity`) or, for errors
/// that are not about one input field, the thing concerned (`response`,
/// `publicKey`, `config.partner`).
///
/// One pointer wide (its parts are boxed, as `serde_json::Error`'s are), so
/// every `Result` of the core stays as small as its success value.
#[derive(Clone, PartialEq, Eq)]
pub struct MomoError(Box<Parts>);

#[derive(Clone, PartialEq, Eq)]
struct Parts {
    code: ErrorCode,
    field: String,
    message: String,
}

impl MomoError {
    /// Builds an error from its parts.
    pub fn new(code: ErrorCode, field: impl Into<String>, message: impl Into<String>) -> Self {
        Self(Box::new(Parts {
            code,
            field: field.into(),
            message: message.into(),
        }))
    }

    /// The stable error code.
    pub fn code(&self) -> ErrorCode {
        self.0.code
    }

    /// The field path (or subject) the error is about.
    pub fn field(&self) -> &str {
        &self.0.field
    }

    /// A readable sentence naming the rule that was broken.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// Returns the same error with `prefix.` put before the field path.
    pub fn within(mut self, prefix: &str) -> Self {
        let field = &mut self.0.field;
        *field = if field.is_empty() {
            prefix.to_owned()
        } else if field.starts_with('[') {
            format!("{prefix}{field}")
        } else {
            format!("{prefix}.{field}")
        };
        self
    }
}

impl fmt::Debug for MomoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MomoError")
            .field("code", &self.0.code)
            .field("field", &self.0.field)
            .field("message", &self.0.message)
            .finish()
    }
}

impl fmt::Display for MomoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.0.code, self.0.field, self.0.message)
    }
}

impl std::error::Error for MomoError {}

/// Shorthand for results of momo-core.
pub type Result<T> = std::result::Result<T, MomoError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_through_its_string() {
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(code.as_str()), Some(code));
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
        assert_eq!(ErrorCode::parse("NOPE"), None);
    }

    #[test]
    fn within_prefixes_field_paths() {
        let e = MomoError::new(ErrorCode::InvalidQuantity, "quantity", "x").within("items[0]");
        assert_eq!(e.field(), "items[0].quantity");
        let e = MomoError::new(ErrorCode::Required, "[2]", "x").within("gifts");
        assert_eq!(e.field(), "gifts[2]");
        assert_eq!(e.to_string(), "REQUIRED (gifts[2]): x");
    }
}

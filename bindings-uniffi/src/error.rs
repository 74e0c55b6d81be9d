//! [`MomoError`]: the stable error codes as a foreign error type, and
//! [`guard`], which keeps panics from crossing the FFI boundary.

use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

use momo_core as mc;
use momo_core::ErrorCode;

/// Generates [`MomoError`], one variant per stable code of the core (from
/// the core's one list, `momo_core::for_each_error_code!`), and the two
/// exhaustive conversions between them.
macro_rules! momo_error {
    ($($(#[doc = $doc:literal])* $code:ident => $text:literal,)*) => {
        /// A failure of momo-core: one variant per stable code, each with the
        /// field path and the readable reason.
        ///
        /// Kotlin: `sealed class MomoException` (`e.code()`, `e.field()`,
        /// `e.detail()`, `e.kind()`; `toString()` is `"CODE (field): detail"`). Swift:
        /// `enum MomoError: Error` with the same methods.
        #[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
        #[uniffi::export(Display)]
        pub enum MomoError {
            $(
                $(#[doc = $doc])*
                $code {
                    /// Path of the offending input field (`items[0].quantity`)
                    /// or the thing concerned (`response`, `publicKey`).
                    field: String,
                    /// A readable sentence naming the rule that was broken.
                    detail: String,
                },
            )*
        }

        impl MomoError {
            fn new(code: ErrorCode, field: String, detail: String) -> Self {
                match code {
                    $(ErrorCode::$code => Self::$code { field, detail },)*
                }
            }

            fn parts(&self) -> (ErrorCode, &str, &str) {
                match self {
                    $(Self::$code { field, detail } => (ErrorCode::$code, field, detail),)*
                }
            }
        }
    };
}

mc::for_each_error_code!(momo_error);

#[uniffi::export]
impl MomoError {
    /// The stable code, e.g. `"INVALID_AMOUNT"` (the same string in every host).
    pub fn code(&self) -> String {
        self.parts().0.as_str().to_owned()
    }

    /// The stable code as the typed enum.
    pub fn error_code(&self) -> ErrorCode {
        self.parts().0
    }

    /// The field path (or subject) the error is about.
    pub fn field(&self) -> String {
        self.parts().1.to_owned()
    }

    /// The readable reason (momo-core's message).
    pub fn detail(&self) -> String {
        self.parts().2.to_owned()
    }

    /// The Gift API status MoMo would answer for the same mistake (801...).
    pub fn momo_code(&self) -> Option<i64> {
        self.parts().0.momo_code()
    }

    /// The kind of failure the code is (`VALIDATION`, `CONFIG`, ...), the
    /// core's table: `when (e.kind())` handles a family without listing codes.
    pub fn kind(&self) -> momo_core::ErrorKind {
        self.parts().0.kind()
    }
}

impl fmt::Display for MomoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (code, field, detail) = self.parts();
        write!(f, "{code} ({field}): {detail}")
    }
}

impl std::error::Error for MomoError {}

impl From<mc::MomoError> for MomoError {
    fn from(e: mc::MomoError) -> Self {
        Self::new(e.code(), e.field().to_owned(), e.message().to_owned())
    }
}

/// Result of a binding call.
pub type Result<T> = std::result::Result<T, MomoError>;

/// Runs a core call, mapping its error and turning a panic into `INTERNAL`,
/// so no panic crosses the FFI boundary.
pub fn guard<T>(call: impl FnOnce() -> mc::Result<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(call)) {
        Ok(result) => result.map_err(MomoError::from),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(MomoError::Internal {
                field: String::new(),
                detail: format!("momo-core panicked ({what}); please report it"),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_code_has_its_variant_and_round_trips() {
        for code in ErrorCode::ALL {
            let e = MomoError::from(mc::MomoError::new(code, "f", "m"));
            assert_eq!(e.error_code(), code);
            assert_eq!(e.code(), code.as_str());
            assert_eq!((e.field(), e.detail()), ("f".to_owned(), "m".to_owned()));
            assert_eq!(e.to_string(), format!("{} (f): m", code.as_str()));
        }
    }

    #[test]
    fn a_panic_becomes_internal() {
        let e = guard(|| -> mc::Result<()> { panic!("boom") }).unwrap_err();
        assert_eq!(e.code(), "INTERNAL");
        assert!(e.detail().contains("boom"), "{e}");
        let e = guard(|| -> mc::Result<()> { std::panic::panic_any(7u8) }).unwrap_err();
        assert_eq!(e.error_code(), ErrorCode::Internal);
    }
}

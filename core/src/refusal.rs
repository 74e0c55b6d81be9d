//! [`Refusal`]: why decoding refused a value, recorded typed at the moment
//! it happened, so [`crate::input`] never reads a code out of error text.
//!
//! A deserializer's error type belongs to the deserializer (serde_json's,
//! serde-wasm-bindgen's, pythonize's) and carries only text. So whoever
//! refuses a value also records the refusal here, in a per-thread slot:
//!
//! - the core's own readers ([`crate::lenient`], rates) with their code;
//! - serde's own rules, through [`Tagged`], the error type that
//!   [`crate::host_value`] gives serde's derived code where a struct's
//!   fields and an enum's names are read: a field absent with no default,
//!   an unknown key, an unknown name.
//!
//! The decoder uses the record only when the error it finally got is that
//! very refusal (its text begins with the recorded text), so a refusal serde
//! later discarded cannot colour another error.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, Expected, Unexpected};

use crate::error::ErrorCode;

/// A recorded refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    /// The stable code.
    pub code: ErrorCode,
    /// What the field path gets below the path where it happened: the
    /// absent field's name, the unknown key (empty: nothing).
    pub below: String,
    /// The message of the typed error.
    pub message: String,
    /// The deserializer's error text as the refusal made it.
    pub text: String,
}

thread_local! {
    /// The last refusal on this thread.
    static LAST: RefCell<Option<Refusal>> = const { RefCell::new(None) };
}

/// Records `refusal` as the last one on this thread.
fn record(refusal: Refusal) {
    LAST.with(|slot| *slot.borrow_mut() = Some(refusal));
}

/// Takes the last refusal on this thread (and clears the slot).
pub(crate) fn take() -> Option<Refusal> {
    LAST.with(|slot| slot.borrow_mut().take())
}

/// A deserializer error for a value the core refuses with `code`, recorded.
pub(crate) fn refuse<E: de::Error>(code: ErrorCode, message: String) -> E {
    let err = E::custom(&message);
    record(Refusal {
        code,
        below: String::new(),
        text: message.clone(),
        message,
    });
    err
}

/// `E`, with serde's field and name rules recorded when serde's derived
/// code raises them (`missing_field`, `unknown_field`, `unknown_variant`).
/// Every error is `E`'s own, built by `E`'s own method, so its text is the
/// deserializer's.
#[derive(Debug)]
pub(crate) struct Tagged<E>(pub E);

impl<E: de::Error> Tagged<E> {
    /// Records `err` with `code`, `below` and `message`, and keeps it.
    fn recorded(err: E, code: ErrorCode, below: &str, message: String) -> Self {
        record(Refusal {
            code,
            below: below.to_owned(),
            message,
            text: err.to_string(),
        });
        Tagged(err)
    }
}

impl<E: de::Error> de::Error for Tagged<E> {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Tagged(E::custom(msg))
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        Tagged(E::invalid_type(unexp, exp))
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        Tagged(E::invalid_value(unexp, exp))
    }

    fn invalid_length(len: usize, exp: &dyn Expected) -> Self {
        Tagged(E::invalid_length(len, exp))
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let err = E::unknown_variant(variant, expected);
        let message = err.to_string();
        Self::recorded(err, ErrorCode::InvalidEnum, "", message)
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let err = E::unknown_field(field, expected);
        let message = "is not a known field".to_owned();
        Self::recorded(err, ErrorCode::InvalidInput, field, message)
    }

    fn missing_field(field: &'static str) -> Self {
        let err = E::missing_field(field);
        Self::recorded(err, ErrorCode::Required, field, "is required".to_owned())
    }

    fn duplicate_field(field: &'static str) -> Self {
        Tagged(E::duplicate_field(field))
    }
}

impl<E: fmt::Display> fmt::Display for Tagged<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<E: std::error::Error> std::error::Error for Tagged<E> {}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::Error as _;

    #[test]
    fn serde_rules_are_recorded_typed_with_the_deserializers_own_error() {
        let _ = take();
        let err = Tagged::<serde_json::Error>::missing_field("orderId");
        let got = take().unwrap();
        assert_eq!(
            (got.code, got.below.as_str(), got.text.as_str()),
            (ErrorCode::Required, "orderId", err.0.to_string().as_str())
        );
        let _ = Tagged::<serde_json::Error>::unknown_field("amout", &["amount"]);
        let got = take().unwrap();
        assert_eq!(
            (got.code, got.below.as_str()),
            (ErrorCode::InvalidInput, "amout")
        );
        let _ = Tagged::<serde_json::Error>::unknown_variant("toy", &["food"]);
        assert_eq!(take().unwrap().code, ErrorCode::InvalidEnum);
        // Any other error is the deserializer's, unrecorded.
        let _ = Tagged::<serde_json::Error>::custom("missing field `orderId`");
        assert_eq!(take(), None);
    }
}

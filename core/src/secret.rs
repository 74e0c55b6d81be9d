//! A string that must never be printed: secretKey, clientSecret, access tokens.

use std::fmt;

use serde::{Deserialize, Deserializer};
use zeroize::Zeroizing;

/// A secret text value.
///
/// `Debug` and `Display` print `***`; the memory is zeroized on drop. The
/// value is only reachable through [`Secret::expose`], so every place that
/// reads it is easy to find. It deliberately does not implement `Serialize`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(Zeroizing::new(value.into()))
    }

    /// The secret text, for signing or for sending to MoMo.
    pub fn expose(&self) -> &str {
        self.0.as_str()
    }

    /// True when the secret is empty or only whitespace.
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

// Kotlin/Swift see a plain string; the records holding a Secret export
// Rust's redacting Debug as their toString/debugDescription.
#[cfg(feature = "uniffi")]
uniffi::custom_type!(Secret, String, {
    lower: |secret| secret.expose().to_owned(),
    try_lift: |text| Ok(Secret::new(text)),
});

impl<'de> Deserialize<'de> for Secret {
    /// A string. Anything else is refused with a message that never shows
    /// the value (serde's own "invalid type: integer `12345`" would echo a
    /// numeric secret into logs).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match crate::value::Value::deserialize(deserializer)? {
            crate::value::Value::Str(text) => Ok(Self::new(text)),
            _ => Err(serde::de::Error::custom(crate::lenient::marked(
                crate::ErrorCode::InvalidInput,
                "must be a string (the value is a secret and is not shown)",
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_of_the_wrong_type_is_refused_without_showing_it() {
        #[derive(Debug, crate::FromValue)]
        #[allow(dead_code)] // only deserialized
        struct C {
            secret: Secret,
        }
        for json in [
            r#"{"secret":9517306248}"#,
            r#"{"secret":["9517306248"]}"#,
            r#"{"secret":{"k":"9517306248"}}"#,
        ] {
            let err = crate::input::from_json::<C>(json).unwrap_err();
            assert_eq!(
                (err.code(), err.field()),
                (crate::ErrorCode::InvalidInput, "secret")
            );
            assert!(!err.to_string().contains("9517306248"), "{err}");
        }
    }

    #[test]
    fn debug_and_display_hide_the_value() {
        let s = Secret::new("K951B6PE1waDMi640xX08PD3vg6EkVlz");
        assert!(!format!("{s:?}").contains("K951"));
        assert!(!format!("{s}").contains("K951"));
        assert_eq!(s.expose(), "K951B6PE1waDMi640xX08PD3vg6EkVlz");
    }
}

//! A string that must never be printed: secretKey, clientSecret, access tokens.

use std::fmt;

use serde::de;
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
        // `deserialize_any`: with `deserialize_string`, serde_json words the
        // refusal itself, value included.
        deserializer.deserialize_any(SecretVisitor)
    }
}

/// Reads a string; refuses every other kind of value without naming it.
struct SecretVisitor;

impl SecretVisitor {
    fn refuse<E: de::Error>() -> E {
        E::custom("must be a string (the value is a secret and is not shown)")
    }
}

/// The refusals of every non-string kind of value.
macro_rules! refuse_kinds {
    ($($method:ident($($ty:ty)?)),* $(,)?) => {$(
        fn $method<E: de::Error>(self $(, _: $ty)?) -> Result<Secret, E> {
            Err(Self::refuse())
        }
    )*};
}

impl<'de> de::Visitor<'de> for SecretVisitor {
    type Value = Secret;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Secret, E> {
        Ok(Secret::new(v))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Secret, E> {
        Ok(Secret::new(v))
    }

    refuse_kinds!(
        visit_bool(bool),
        visit_i64(i64),
        visit_u64(u64),
        visit_i128(i128),
        visit_u128(u128),
        visit_f64(f64),
        visit_bytes(&[u8]),
        visit_unit(),
        visit_none(),
    );

    fn visit_some<D: Deserializer<'de>>(self, _: D) -> Result<Secret, D::Error> {
        Err(Self::refuse())
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Secret, A::Error> {
        Err(Self::refuse())
    }

    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<Secret, A::Error> {
        Err(Self::refuse())
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<Secret, A::Error> {
        Err(Self::refuse())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_of_the_wrong_type_is_refused_without_showing_it() {
        #[derive(Debug, serde::Deserialize)]
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

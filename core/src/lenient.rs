//! Lenient number reading: MoMo sends numbers as JSON numbers or as strings
//! (`"taxAmount":"200"`), and hosts hand us floats (JavaScript `number`),
//! BigInts and Python ints of any size.
//!
//! These are serde `deserialize_with` functions, used by the models'
//! `#[derive(Deserialize)]`. Deserialization never guesses: a value is
//! accepted only when it is an exact whole number. A number or a string that
//! is not one is refused with a stable code, [`ErrorCode::InvalidAmount`]
//! for money and [`ErrorCode::InvalidInput`] for other integers; any other
//! kind of value (a boolean, a list) is serde's own "invalid type".
//!
//! The code reaches [`crate::input`] typed, through [`crate::refusal`].
//!
//! [`ErrorCode::InvalidAmount`]: crate::ErrorCode::InvalidAmount
//! [`ErrorCode::InvalidInput`]: crate::ErrorCode::InvalidInput

use std::fmt;

use serde::de::{self, Deserialize as _, Deserializer, Visitor};

use crate::error::ErrorCode;

/// Largest integer a JavaScript `number` (IEEE double) holds exactly.
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// A whole number reader whose refusals carry `code`.
struct WholeNumber {
    code: ErrorCode,
}

impl WholeNumber {
    fn refuse<E: de::Error>(&self, message: String) -> E {
        crate::refusal::refuse(self.code, message)
    }

    fn not_whole<E: de::Error>(&self, what: &str) -> E {
        self.refuse(format!("must be a whole number, got {what}"))
    }
}

impl<'de> Visitor<'de> for WholeNumber {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a whole number or a string of digits")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| self.not_whole(&v.to_string()))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| self.not_whole(&v.to_string()))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| self.not_whole(&v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        if !v.is_finite() || v.fract() != 0.0 {
            return Err(self.not_whole(&format!("{v}")));
        }
        if v.abs() > MAX_SAFE_INTEGER as f64 {
            return Err(self.refuse(format!("{v} is past 2^53-1 and cannot be exact")));
        }
        // The value is integral and within +-2^53, so the cast is exact.
        Ok(v as i64)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        parse_integer_text(v).ok_or_else(|| self.not_whole(&format!("{v:?}")))
    }
}

/// Parses `-?[0-9]+` exactly (no whitespace, no `+`) into an `i64`: the
/// digit strings MoMo writes. `" 20000"` is refused in every host alike.
pub fn parse_integer_text(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Deserializes an amount (whole VND) from a number or a string of digits.
pub fn amount<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    d.deserialize_any(WholeNumber {
        code: ErrorCode::InvalidAmount,
    })
}

/// Deserializes an optional amount; `null` is `None`.
pub fn opt_amount<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    d.deserialize_option(OptionOf(ErrorCode::InvalidAmount))
}

/// Deserializes a whole number (not money) from a number or string.
pub fn integer<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    d.deserialize_any(WholeNumber {
        code: ErrorCode::InvalidInput,
    })
}

/// Deserializes an optional whole number; `null` is `None`.
pub fn opt_integer<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    d.deserialize_option(OptionOf(ErrorCode::InvalidInput))
}

/// `null` (MoMo's "Default value is null") reads as an empty list.
pub fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// `null` or a whole number with the given refusal code.
struct OptionOf(ErrorCode);

impl<'de> Visitor<'de> for OptionOf {
    type Value = Option<i64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("null, a whole number or a string of digits")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(WholeNumber { code: self.0 }).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::from_json;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)] // c is only deserialized
    struct T {
        #[serde(deserialize_with = "amount")]
        a: i64,
        #[serde(default, deserialize_with = "opt_amount")]
        b: Option<i64>,
        #[serde(default, deserialize_with = "opt_integer")]
        c: Option<i64>,
    }

    fn a(json: &str) -> crate::Result<i64> {
        from_json::<T>(json).map(|t| t.a)
    }

    #[test]
    fn accepts_numbers_strings_and_integral_floats() {
        assert_eq!(a(r#"{"a":20000}"#).ok(), Some(20000));
        assert_eq!(a(r#"{"a":"20000"}"#).ok(), Some(20000));
        assert_eq!(a(r#"{"a":20000.0}"#).ok(), Some(20000));
        assert_eq!(a(r#"{"a":-5}"#).ok(), Some(-5));
        let t: T = from_json(r#"{"a":1,"b":"7"}"#).unwrap();
        assert_eq!(t.b, Some(7));
        let t: T = from_json(r#"{"a":1,"b":null}"#).unwrap();
        assert_eq!(t.b, None);
    }

    #[test]
    fn rejects_fractions_text_and_huge_numbers_as_invalid_amount() {
        for bad in [
            r#"{"a":1.5}"#,
            r#"{"a":"1.5"}"#,
            r#"{"a":"abc"}"#,
            r#"{"a":""}"#,
            r#"{"a":" 20000"}"#,
            r#"{"a":"20000\n"}"#,
            r#"{"a":"+20000"}"#,
            r#"{"a":1e300}"#,
            r#"{"a":18446744073709551615}"#,
        ] {
            let err = a(bad).unwrap_err();
            assert_eq!(
                (err.code(), err.field()),
                (ErrorCode::InvalidAmount, "a"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn other_kinds_of_value_are_invalid_input_and_integers_keep_their_code() {
        let err = a(r#"{"a":true}"#).unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::InvalidInput, "a"));
        let err = from_json::<T>(r#"{"a":1,"c":"x"}"#).unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::InvalidInput, "c"));
        let err = from_json::<T>(r#"{"a":1,"b":"x"}"#).unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::InvalidAmount, "b"));
    }

    #[test]
    fn wide_integers_from_hosts_are_refused_with_the_field_code() {
        use serde::de::value::{Error, I128Deserializer, U128Deserializer};
        let big = U128Deserializer::<Error>::new(u128::from(u64::MAX) + 1);
        assert!(amount(big).is_err());
        assert_eq!(
            crate::refusal::take().map(|r| r.code),
            Some(ErrorCode::InvalidAmount)
        );
        let small = I128Deserializer::<Error>::new(-5);
        assert_eq!(integer(small).ok(), Some(-5));
    }
}

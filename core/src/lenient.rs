//! Lenient number reading: MoMo sends numbers as JSON numbers or as strings
//! (`"taxAmount":"200"`), and hosts hand us floats (JavaScript `number`).
//!
//! Deserialization never guesses: a value is accepted only when it is an
//! exact whole number. Amount fields report [`ErrorCode::InvalidAmount`],
//! other integers [`ErrorCode::InvalidInput`], through the error-message
//! marker that [`crate::input`] turns back into a typed error.
//!
//! [`ErrorCode::InvalidAmount`]: crate::ErrorCode::InvalidAmount
//! [`ErrorCode::InvalidInput`]: crate::ErrorCode::InvalidInput

use std::fmt;

use serde::de::{self, Deserialize as _, Deserializer, Visitor};

use crate::error::ErrorCode;

/// Largest integer a JavaScript `number` (IEEE double) holds exactly.
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// Separates the stable code from the message inside a serde error text.
pub(crate) const MARKER: char = '\u{1f}';

/// Builds a serde error text that [`crate::input`] maps back to `code`.
pub(crate) fn marked(code: ErrorCode, message: &str) -> String {
    format!("{MARKER}{}{MARKER}{message}", code.as_str())
}

/// Splits a marked serde error text into its code and message.
pub(crate) fn unmark(text: &str) -> Option<(ErrorCode, &str)> {
    let rest = text.strip_prefix(MARKER)?;
    let (code, message) = rest.split_once(MARKER)?;
    Some((ErrorCode::parse(code)?, message))
}

struct WholeNumber {
    code: ErrorCode,
}

impl WholeNumber {
    fn reject<E: de::Error>(&self, what: &str) -> E {
        E::custom(marked(
            self.code,
            &format!("must be a whole number, got {what}"),
        ))
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
        i64::try_from(v).map_err(|_| self.reject(&v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        if !v.is_finite() || v.fract() != 0.0 {
            return Err(self.reject(&format!("{v}")));
        }
        if v.abs() > MAX_SAFE_INTEGER as f64 {
            return Err(E::custom(marked(
                self.code,
                &format!("{} is past 2^53-1 and cannot be exact", v),
            )));
        }
        // The value is integral and within +-2^53, so the cast is exact.
        Ok(v as i64)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        parse_integer_text(v).ok_or_else(|| self.reject(&format!("{v:?}")))
    }
}

/// Parses `-?[0-9]+` exactly (no whitespace, no `+`) into an `i64`: the
/// digit strings MoMo writes. `" 20000"` is refused in every host alike.
pub fn parse_integer_text(text: &str) -> Option<i64> {
    let t = text;
    let digits = t.strip_prefix('-').unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
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
    use crate::FromValue;

    #[derive(FromValue)]
    struct T {
        #[serde(deserialize_with = "amount")]
        a: i64,
        #[serde(default, deserialize_with = "opt_amount")]
        b: Option<i64>,
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
    fn rejects_fractions_text_and_huge_floats_with_the_amount_marker() {
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
    fn unmark_reads_back_the_code() {
        let text = marked(ErrorCode::InvalidAmount, "nope");
        assert_eq!(unmark(&text), Some((ErrorCode::InvalidAmount, "nope")));
        assert_eq!(unmark("plain"), None);
    }
}

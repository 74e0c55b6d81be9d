//! Money: whole VND in `i64`, MoMo's ranges, checked arithmetic and exact
//! decimal rates. No floating point takes part in any computation.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::error::{ErrorCode, MomoError, Result};
use crate::refusal::refuse;

/// tokenization/pay: smallest amount (seed 002).
pub const PAY_MIN: i64 = 1_000;
/// tokenization/pay: largest amount (seed 002).
pub const PAY_MAX: i64 = 30_000_000;
/// Refund: smallest amount.
pub const REFUND_MIN: i64 = 1_000;
/// Refund: largest amount.
pub const REFUND_MAX: i64 = 50_000_000;
/// Gift: smallest voucher (seed 003).
pub const GIFT_MIN: i64 = 10_000;
/// Gift: largest voucher, and largest total per request (seed 003, 804).
pub const GIFT_MAX: i64 = 10_000_000;

/// `a + b`, or [`ErrorCode::AmountOverflow`] naming `field`.
pub fn add(field: &str, a: i64, b: i64) -> Result<i64> {
    a.checked_add(b).ok_or_else(|| overflow(field))
}

/// `a - b`, or [`ErrorCode::AmountOverflow`] naming `field`.
pub fn sub(field: &str, a: i64, b: i64) -> Result<i64> {
    a.checked_sub(b).ok_or_else(|| overflow(field))
}

/// `a * b`, or [`ErrorCode::AmountOverflow`] naming `field`.
pub fn mul(field: &str, a: i64, b: i64) -> Result<i64> {
    a.checked_mul(b).ok_or_else(|| overflow(field))
}

fn overflow(field: &str) -> MomoError {
    MomoError::new(
        ErrorCode::AmountOverflow,
        field,
        "amount arithmetic overflows i64",
    )
}

/// Parts per million in one whole.
const MICROS: i64 = 1_000_000;

/// A rate between 0 and 1 with at most six decimals, held exactly as parts
/// per million (`0.08` is 80,000). Reads from a JSON number or a decimal
/// string; writes as a JSON number.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Rate {
    micros: i64,
}

impl Rate {
    /// The zero rate.
    pub const ZERO: Rate = Rate { micros: 0 };

    /// Builds a rate from parts per million (`80_000` is 0.08).
    pub fn from_micros(micros: i64) -> Result<Self> {
        if !(0..=MICROS).contains(&micros) {
            return Err(MomoError::new(
                ErrorCode::InvalidRate,
                "",
                "must be between 0 and 1",
            ));
        }
        Ok(Self { micros })
    }

    /// Parses a decimal text such as `0.08`, `1`, `.5` (at most six decimals).
    pub fn parse(text: &str) -> Result<Self> {
        let bad = |why: &str| MomoError::new(ErrorCode::InvalidRate, "", why.to_owned());
        let t = text.trim();
        let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && frac.is_empty()) || !digits(whole) || !digits(frac) {
            return Err(bad("must be a decimal number between 0 and 1"));
        }
        if frac.len() > 6 {
            return Err(bad("must have at most 6 decimals"));
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| bad("must be between 0 and 1"))?
        };
        let frac_micros: i64 = format!("{frac:0<6}").parse().unwrap_or(0);
        let micros = whole
            .checked_mul(MICROS)
            .and_then(|w| w.checked_add(frac_micros))
            .ok_or_else(|| bad("must be between 0 and 1"))?;
        Self::from_micros(micros)
    }

    /// Parts per million.
    pub fn micros(self) -> i64 {
        self.micros
    }

    /// `amount x rate` as the exact fraction `numerator / 1_000_000`, with
    /// its floor and ceiling in whole VND.
    pub fn apply(self, field: &str, amount: i64) -> Result<Applied> {
        let numerator = i128::from(amount) * i128::from(self.micros);
        let floor = numerator.div_euclid(i128::from(MICROS));
        let exact = numerator.rem_euclid(i128::from(MICROS)) == 0;
        let ceil = if exact { floor } else { floor + 1 };
        let half_up = if numerator.rem_euclid(i128::from(MICROS)) * 2 >= i128::from(MICROS) {
            ceil
        } else {
            floor
        };
        let to_i64 = |v: i128| i64::try_from(v).map_err(|_| overflow(field));
        Ok(Applied {
            floor: to_i64(floor)?,
            ceil: to_i64(ceil)?,
            rounded: to_i64(half_up)?,
        })
    }
}

/// The result of applying a [`Rate`] to an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    /// Rounded down to whole VND.
    pub floor: i64,
    /// Rounded up to whole VND.
    pub ceil: i64,
    /// Rounded half up to whole VND (what momo-core computes by default).
    pub rounded: i64,
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.micros / MICROS;
        let frac = self.micros % MICROS;
        if frac == 0 {
            return write!(f, "{whole}");
        }
        let frac = format!("{frac:06}");
        write!(f, "{whole}.{}", frac.trim_end_matches('0'))
    }
}

impl fmt::Debug for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rate({self})")
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        // Formatting only: the double nearest this decimal, so it prints as
        // the decimal. micros and 10^6 are exact doubles and IEEE division
        // rounds correctly, so this is what parsing the text would give.
        s.serialize_f64(self.micros as f64 / 1_000_000.0)
    }
}

// Kotlin/Swift see the decimal text (`"0.08"`), parsed exactly as JSON input is.
#[cfg(feature = "uniffi")]
uniffi::custom_type!(Rate, String, {
    lower: |rate| rate.to_string(),
    try_lift: |text| Rate::parse(&text).map_err(Into::into),
});

struct RateVisitor;

impl<'de> Visitor<'de> for RateVisitor {
    type Value = Rate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a rate between 0 and 1 as a number or decimal string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Rate, E> {
        Rate::parse(v).map_err(|e| refuse(e.code(), e.message().to_owned()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Rate, E> {
        // Shortest round-trip text of the double, then exact decimal parsing.
        self.visit_str(&format!("{v}"))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Rate, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Rate, E> {
        self.visit_str(&v.to_string())
    }
}

impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(RateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_parse_exactly() {
        assert_eq!(Rate::parse("0.08").unwrap().micros(), 80_000);
        assert_eq!(Rate::parse("1").unwrap().micros(), 1_000_000);
        assert_eq!(Rate::parse(".5").unwrap().micros(), 500_000);
        assert_eq!(Rate::parse("0.000001").unwrap().micros(), 1);
        for bad in ["1.01", "-0.1", "0.0000001", "abc", "", ".", "2"] {
            assert_eq!(
                Rate::parse(bad).unwrap_err().code(),
                ErrorCode::InvalidRate,
                "{bad}"
            );
        }
    }

    #[test]
    fn rates_round_trip_through_json_numbers() {
        let r: Rate = serde_json::from_str("0.08").unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), "0.08");
        let r: Rate = serde_json::from_str("\"0.125\"").unwrap();
        assert_eq!(r.to_string(), "0.125");
        assert_eq!(serde_json::to_string(&Rate::ZERO).unwrap(), "0.0");
    }

    #[test]
    fn every_rate_serializes_as_the_double_its_text_reads_as() {
        for micros in 0..=1_000_000 {
            let rate = Rate { micros };
            let text = rate.to_string();
            let want: f64 = text.parse().unwrap();
            assert_eq!(micros as f64 / 1_000_000.0, want, "{text}");
            if micros % 9_973 == 0 {
                assert_eq!(serde_json::to_value(rate).unwrap(), serde_json::json!(want));
            }
        }
    }

    #[test]
    fn apply_rounds_three_ways() {
        let r = Rate::parse("0.08").unwrap();
        let a = r.apply("x", 123_000).unwrap();
        assert_eq!((a.floor, a.ceil, a.rounded), (9_840, 9_840, 9_840));
        let a = Rate::parse("0.333333").unwrap().apply("x", 10).unwrap();
        assert_eq!((a.floor, a.ceil, a.rounded), (3, 4, 3));
        let a = Rate::parse("0.5").unwrap().apply("x", 3).unwrap();
        assert_eq!((a.floor, a.ceil, a.rounded), (1, 2, 2));
    }

    #[test]
    fn checked_math_reports_overflow() {
        assert_eq!(
            add("f", i64::MAX, 1).unwrap_err().code(),
            ErrorCode::AmountOverflow
        );
        assert_eq!(mul("f", i64::MAX, 2).unwrap_err().field(), "f");
        assert_eq!(sub("f", 5, 7).unwrap(), -2);
    }
}

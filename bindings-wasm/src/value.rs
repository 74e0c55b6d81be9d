//! JS value -> core model, keeping the core's own decoding rules.
//!
//! `serde_wasm_bindgen::Deserializer` is not handed to
//! [`momo_core::input::decode`] directly, for two reasons:
//!
//! - its `deserialize_struct` only looks up the fields the struct names, so
//!   an unknown (misspelled) key would be silently ignored and the core's
//!   `deny_unknown_fields` would never fire;
//! - its errors print as `Error: <message>` (a JS `Error` turned to text),
//!   which hides the typed-error marker and the `unknown variant` prefix the
//!   core reads back.
//!
//! So a JS value is first read by serde-wasm-bindgen into [`Value`], a
//! plain serde data tree: every own key of every object, numbers as JS gave
//! them (a safe integer as `i64`, anything else, NaN and +-Infinity
//! included, as `f64`; a BigInt as `i64`/`u64`), `null`/`undefined` object
//! entries dropped (absent, as JS optional fields mean). The core model is
//! then decoded from that tree with the core's
//! [`momo_core::input::decode`], so the core itself refuses a fraction,
//! NaN or an unsafe integer with its own error code and the field's path.
//! Only host-value conversion happens here.

use serde::de::value::{Error as PlainError, MapDeserializer, SeqDeserializer};
use serde::de::{self, Deserialize, Deserializer, IntoDeserializer, Visitor};
use std::fmt;

/// Largest integer a JS number holds exactly (2^53 - 1).
const MAX_SAFE_INTEGER: f64 = momo_core::lenient::MAX_SAFE_INTEGER as f64;

/// A JS number as serde-wasm-bindgen presents it: safe integers as `i64`,
/// every other number (fractions, NaN, infinities, integers past 2^53-1)
/// as `f64`.
pub fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
        Value::I64(n as i64)
    } else {
        Value::F64(n)
    }
}

/// A host value as a serde data tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null` or `undefined`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A safe integer (`Number.isSafeInteger`) or a BigInt within `i64`.
    I64(i64),
    /// A BigInt above `i64::MAX` within `u64`.
    U64(u64),
    /// Any other number: fractions, NaN, infinities, integers past 2^53-1.
    F64(f64),
    /// A string.
    Str(String),
    /// An array.
    Seq(Vec<Value>),
    /// An object's own entries, in order, without null/undefined entries.
    Map(Vec<(String, Value)>),
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON-like value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::I64(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(match i64::try_from(v) {
            Ok(v) => Value::I64(v),
            Err(_) => Value::U64(v),
        })
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::F64(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1024));
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            if value != Value::Null {
                entries.push((key, value));
            }
        }
        Ok(Value::Map(entries))
    }
}

impl<'de> IntoDeserializer<'de, PlainError> for Value {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> Deserializer<'de> for Value {
    type Error = PlainError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PlainError> {
        match self {
            Value::Null => visitor.visit_unit(),
            Value::Bool(v) => visitor.visit_bool(v),
            Value::I64(v) => visitor.visit_i64(v),
            Value::U64(v) => visitor.visit_u64(v),
            Value::F64(v) => visitor.visit_f64(v),
            Value::Str(v) => visitor.visit_string(v),
            Value::Seq(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter());
                let out = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(out)
            }
            Value::Map(entries) => {
                let mut map = MapDeserializer::new(entries.into_iter());
                let out = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(out)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PlainError> {
        match self {
            Value::Null => visitor.visit_none(),
            other => visitor.visit_some(other),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, PlainError> {
        match self {
            Value::Str(tag) => visitor.visit_enum(tag.into_deserializer()),
            Value::Map(entries) if entries.len() == 1 => {
                let map = MapDeserializer::new(entries.into_iter());
                de::value::MapAccessDeserializer::new(map).deserialize_enum(name, variants, visitor)
            }
            other => other.deserialize_any(visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, PlainError> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use momo_core::input::decode;
    use momo_core::{ErrorCode, QueryRequest, SaleInfo, TokenizationPayRequest};

    fn map(entries: &[(&str, Value)]) -> Value {
        Value::Map(
            entries
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        )
    }

    fn s(text: &str) -> Value {
        Value::Str(text.to_owned())
    }

    fn pay(amount: Value) -> Value {
        map(&[
            ("orderId", s("O1")),
            ("token", s("t")),
            ("amount", amount),
            ("orderInfo", s("x")),
            ("requestTime", Value::I64(1)),
        ])
    }

    #[test]
    fn unknown_keys_reach_deny_unknown_fields() {
        let err = decode::<QueryRequest, _>(map(&[("orderId", s("O1")), ("amout", Value::I64(1))]))
            .unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (ErrorCode::InvalidInput, "amout")
        );
    }

    #[test]
    fn core_markers_and_enum_errors_survive() {
        for bad in [
            Value::F64(1.5),
            Value::F64(f64::NAN),
            Value::F64(9.007_199_254_740_992e15),
        ] {
            let err = decode::<TokenizationPayRequest, _>(pay(bad.clone())).unwrap_err();
            assert_eq!(
                (err.code(), err.field()),
                (ErrorCode::InvalidAmount, "amount"),
                "{bad:?}"
            );
        }
        let err =
            decode::<QueryRequest, _>(map(&[("orderId", s("O1")), ("lang", s("fr"))])).unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::InvalidEnum, "lang"));
        let err = decode::<QueryRequest, _>(map(&[])).unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::Required, "orderId"));
    }

    #[test]
    fn js_numbers_keep_their_kind() {
        assert_eq!(number(20_000.0), Value::I64(20_000));
        assert_eq!(
            number(-9_007_199_254_740_991.0),
            Value::I64(-9_007_199_254_740_991)
        );
        assert_eq!(
            number(9_007_199_254_740_992.0),
            Value::F64(9_007_199_254_740_992.0)
        );
        assert_eq!(number(1.5), Value::F64(1.5));
        assert_eq!(number(f64::NEG_INFINITY), Value::F64(f64::NEG_INFINITY));
        assert!(matches!(number(f64::NAN), Value::F64(n) if n.is_nan()));
    }

    #[test]
    fn the_visitor_drops_null_entries_and_keeps_u64() {
        let v: Value =
            serde_json::from_str(r#"{"a":null,"b":[1,null],"c":18446744073709551615,"d":-2}"#)
                .unwrap();
        assert_eq!(
            v,
            map(&[
                ("b", Value::Seq(vec![Value::I64(1), Value::Null])),
                ("c", Value::U64(u64::MAX)),
                ("d", Value::I64(-2)),
            ])
        );
    }

    #[test]
    fn nested_paths_and_integral_numbers() {
        let req = decode::<TokenizationPayRequest, _>(pay(Value::I64(20_000))).unwrap();
        assert_eq!(req.amount, 20_000);
        let sale = map(&[
            ("posId", s("1")),
            ("posName", s("p")),
            ("tranDate", Value::I64(1)),
            ("originalAmount", Value::I64(1000)),
            ("serviceCharge", Value::F64(0.08)),
            ("paymentMethod", s("CASH")),
        ]);
        let sale: SaleInfo = decode(sale).unwrap();
        assert_eq!(sale.computed().unwrap().service_charge_amount, Some(80));
    }
}

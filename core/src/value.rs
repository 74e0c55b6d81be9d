//! [`Value`]: host input as a plain data tree, the one form every model is
//! decoded from.
//!
//! JSON text, a JS object and a Python dict all become a `Value` first;
//! [`crate::input`] then decodes the model from it, tracking the field path
//! itself. One decoder per model serves every host, which keeps the npm
//! package's .wasm small and the error fields identical everywhere.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// The deepest nesting a host value may have: every binding stops reading
/// a host value (a JS object, a Python dict or list) at this depth and
/// passes [`Value::Unsupported`] in its place, so a deeply nested or
/// self-containing value is refused with `INVALID_INPUT` at its path instead
/// of exhausting the stack. The same bound as `serde_json`'s own recursion
/// limit for JSON text.
pub const MAX_DEPTH: usize = 128;

/// A host value as a serde data tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// JSON `null`, Python `None` (JS `null`/`undefined`).
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer within `i64`.
    I64(i64),
    /// An integer above `i64::MAX` within `u64`.
    U64(u64),
    /// Any other number. Hosts pass fractions, NaN, infinities and
    /// integers past 2^53-1 through as they are, so the core refuses them
    /// with its own error code and the field's path.
    F64(f64),
    /// A string.
    Str(String),
    /// An array, list or tuple.
    Seq(Vec<Value>),
    /// An object's or dict's entries, in order.
    Map(Vec<(String, Value)>),
    /// A host value with no JSON-like form (a Python `bytes` or `datetime`,
    /// say). Decoding one fails with `INVALID_INPUT` at its path, with this
    /// text as the message.
    Unsupported(String),
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

/// Builds a [`Value`] from whatever a deserializer reports.
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
        while let Some(entry) = map.next_entry::<String, Value>()? {
            entries.push(entry);
        }
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_text_keeps_kinds_order_and_nulls() {
        let v: Value = serde_json::from_str(
            r#"{"b":[1,null,1.5],"a":"x","c":18446744073709551615,"d":-2,"e":true,"f":null}"#,
        )
        .unwrap();
        let want = Value::Map(vec![
            (
                "b".into(),
                Value::Seq(vec![Value::I64(1), Value::Null, Value::F64(1.5)]),
            ),
            ("a".into(), Value::Str("x".into())),
            ("c".into(), Value::U64(u64::MAX)),
            ("d".into(), Value::I64(-2)),
            ("e".into(), Value::Bool(true)),
            ("f".into(), Value::Null),
        ]);
        assert_eq!(v, want);
    }
}

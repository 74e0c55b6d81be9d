//! A serde `Deserializer` over a [`Value`] that knows where it is: an error
//! raised anywhere below a field or an array item comes back carrying the
//! path to it (`items[0].price`), the way [`crate::input`] reports it.
//!
//! The path is built on the way out, one segment per level the error
//! crosses, so decoding that succeeds pays nothing for it.

use std::fmt;

use serde::de::value::StrDeserializer;
use serde::de::{
    self, DeserializeSeed, Deserializer, Expected, IntoDeserializer, Unexpected, Visitor,
};

use crate::value::Value;

/// A decoding failure and the path to where it happened. Boxed, so the
/// result of reading every field stays as small as the field.
#[derive(Debug)]
pub struct DecodeError(Box<Failure>);

#[derive(Debug)]
struct Failure {
    message: String,
    /// Innermost segment first: segments are added as the error climbs.
    reversed_path: Vec<Segment>,
}

/// One step of a path: a map key or an array index.
#[derive(Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

impl DecodeError {
    /// The message, as serde's own errors word it.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The path from the root, written `items[0].price`; empty at the root.
    pub fn path(&self) -> String {
        let mut out = String::new();
        for segment in self.0.reversed_path.iter().rev() {
            match segment {
                Segment::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Segment::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    fn under(mut self, segment: Segment) -> Self {
        self.0.reversed_path.push(segment);
        self
    }

    /// The same error, one map key further down.
    pub(crate) fn under_key(self, key: String) -> Self {
        self.under(Segment::Key(key))
    }

    /// The same error, one array item further down.
    pub(crate) fn under_index(self, index: usize) -> Self {
        self.under(Segment::Index(index))
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for DecodeError {}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DecodeError(Box::new(Failure {
            message: msg.to_string(),
            reversed_path: Vec::new(),
        }))
    }
}

/// Deserializer over one owned [`Value`]. It reads the core's leaf types
/// (strings, numbers, enums, free-form JSON); models are read by
/// [`crate::from_value`], which also renames their keys for hosts that need
/// it.
pub struct ValueDeserializer {
    value: Value,
}

impl ValueDeserializer {
    /// Reads `value`.
    pub fn new(value: Value) -> Self {
        Self { value }
    }

    fn visit_map<'de, V: Visitor<'de>>(
        entries: Vec<(String, Value)>,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        let mut access = MapAccess {
            entries: entries.into_iter(),
            pending: None,
        };
        let out = visitor.visit_map(&mut access)?;
        match access.entries.len() {
            0 => Ok(out),
            left => Err(de::Error::custom(format!(
                "{left} map entries were left unread"
            ))),
        }
    }
}

impl<'de> Deserializer<'de> for ValueDeserializer {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(v) => visitor.visit_bool(v),
            Value::I64(v) => visitor.visit_i64(v),
            Value::U64(v) => visitor.visit_u64(v),
            Value::F64(v) => visitor.visit_f64(v),
            Value::Str(v) => visitor.visit_string(v),
            Value::Seq(items) => {
                let mut access = SeqAccess {
                    items: items.into_iter(),
                    index: 0,
                };
                let out = visitor.visit_seq(&mut access)?;
                match access.items.len() {
                    0 => Ok(out),
                    left => Err(de::Error::custom(format!(
                        "invalid length {}, expected {} elements in sequence",
                        access.index + left,
                        access.index
                    ))),
                }
            }
            Value::Map(entries) => Self::visit_map(entries, visitor),
            Value::Unsupported(message) => Err(DecodeError(Box::new(Failure {
                message,
                reversed_path: Vec::new(),
            }))),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::Map(entries) => Self::visit_map(entries, visitor),
            // Not through the visitor: serde's derived structs also accept
            // an array of fields in order, which no MoMo model is, and
            // leaving visit_seq unreached keeps it out of the .wasm.
            other => Err(wrong_type(&other, &visitor)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::Str(tag) => visitor.visit_enum(tag.into_deserializer()),
            // Every MoMo enum is a plain string; no `{"Variant": ...}` form.
            other => Err(wrong_type(&other, &visitor)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
    }
}

/// serde's "invalid type" error for `value`, or an unsupported host
/// value's own message.
pub(crate) fn wrong_type(value: &Value, expected: &dyn Expected) -> DecodeError {
    let unexpected = match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(v) => Unexpected::Bool(*v),
        Value::I64(v) => Unexpected::Signed(*v),
        Value::U64(v) => Unexpected::Unsigned(*v),
        Value::F64(v) => Unexpected::Float(*v),
        Value::Str(v) => Unexpected::Str(v),
        Value::Seq(_) => Unexpected::Seq,
        Value::Map(_) => Unexpected::Map,
        Value::Unsupported(message) => return de::Error::custom(message),
    };
    de::Error::invalid_type(unexpected, expected)
}

/// Walks a map's entries, putting the key on the path of any error below.
struct MapAccess {
    entries: std::vec::IntoIter<(String, Value)>,
    pending: Option<(String, Value)>,
}

impl<'de> de::MapAccess<'de> for MapAccess {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        let read = seed.deserialize(StrDeserializer::<DecodeError>::new(&key));
        match read {
            Ok(read) => {
                self.pending = Some((key, value));
                Ok(Some(read))
            }
            // An unknown field: the path names it.
            Err(err) => Err(err.under(Segment::Key(key))),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DecodeError> {
        let (key, value) = self
            .pending
            .take()
            .ok_or_else(|| de::Error::custom("a value was asked for before its key"))?;
        seed.deserialize(ValueDeserializer::new(value))
            .map_err(|err| err.under(Segment::Key(key)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// Walks an array's items, putting the index on the path of any error below.
struct SeqAccess {
    items: std::vec::IntoIter<Value>,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for SeqAccess {
    type Error = DecodeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DecodeError> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        seed.deserialize(ValueDeserializer::new(item))
            .map(Some)
            .map_err(|err| err.under(Segment::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Line {
        unit_price: i64,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Order {
        order_id: String,
        #[serde(default)]
        lines: Vec<Line>,
        #[serde(default)]
        extra: BTreeMap<String, serde_json::Value>,
        #[serde(default)]
        pair: Option<(i64, i64)>,
    }

    fn s(text: &str) -> Value {
        Value::Str(text.to_owned())
    }

    fn map(entries: Vec<(&str, Value)>) -> Value {
        Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    }

    fn read(value: Value) -> Result<Order, DecodeError> {
        Order::deserialize(ValueDeserializer::new(value))
    }

    #[test]
    fn errors_carry_the_path_of_keys_and_indexes() {
        let bad_line = map(vec![
            ("orderId", s("O1")),
            (
                "lines",
                Value::Seq(vec![
                    map(vec![("unitPrice", Value::I64(1))]),
                    map(vec![("unitPrice", s("x"))]),
                ]),
            ),
        ]);
        let err = read(bad_line).unwrap_err();
        assert_eq!(err.path(), "lines[1].unitPrice");
        assert!(
            err.message().starts_with("invalid type: string \"x\""),
            "{err}"
        );

        let unknown = map(vec![
            ("orderId", s("O1")),
            (
                "lines",
                Value::Seq(vec![map(vec![("unitPrise", Value::I64(1))])]),
            ),
        ]);
        let err = read(unknown).unwrap_err();
        assert_eq!(err.path(), "lines[0].unitPrise");
        assert!(
            err.message().starts_with("unknown field `unitPrise`"),
            "{err}"
        );

        let missing = map(vec![("lines", Value::Seq(vec![]))]);
        let err = read(missing).unwrap_err();
        assert_eq!(
            (err.path().as_str(), err.message()),
            ("", "missing field `orderId`")
        );
    }

    #[test]
    fn unsupported_host_values_fail_where_they_sit() {
        let value = map(vec![
            ("orderId", s("O1")),
            (
                "extra",
                map(vec![("at", Value::Unsupported("a datetime".into()))]),
            ),
        ]);
        let err = read(value).unwrap_err();
        assert_eq!(
            (err.path().as_str(), err.message()),
            ("extra.at", "a datetime")
        );
    }

    #[test]
    fn a_float_for_a_string_is_worded_as_serde_words_it() {
        let err = read(map(vec![("orderId", Value::F64(1e21))])).unwrap_err();
        assert_eq!(
            err.message(),
            "invalid type: floating point `1000000000000000000000.0`, expected a string"
        );
    }

    #[test]
    fn structs_and_enums_take_only_maps_and_strings() {
        let err = read(Value::Seq(vec![s("O1")])).unwrap_err();
        assert_eq!(err.path(), "");
        assert_eq!(
            err.message(),
            "invalid type: sequence, expected struct Order"
        );
        let err = crate::Lang::deserialize(ValueDeserializer::new(map(vec![("vi", Value::Null)])))
            .unwrap_err();
        assert_eq!(err.message(), "invalid type: map, expected enum Lang");
    }

    #[test]
    fn leftover_items_and_nulls() {
        let value = map(vec![
            ("orderId", s("O1")),
            (
                "pair",
                Value::Seq(vec![Value::I64(1), Value::I64(2), Value::I64(3)]),
            ),
        ]);
        let err = read(value).unwrap_err();
        assert_eq!(err.path(), "pair");
        assert!(
            err.message().contains("invalid length 3, expected 2"),
            "{err}"
        );

        let value = map(vec![("orderId", s("O1")), ("pair", Value::Null)]);
        assert_eq!(read(value).unwrap().pair, None);
    }
}

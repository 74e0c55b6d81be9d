//! [`FromValue`]: how a model is read from the core's [`Value`] tree.
//!
//! Models derive it (`#[derive(FromValue)]`, see the `momo-core-derive`
//! crate) from their own `#[serde(...)]` attributes; the derive writes one
//! call per field into the helpers below. Leaf types (strings, numbers,
//! enums, secrets, rates, free-form JSON) are read by their serde
//! `Deserialize` over [`ValueDeserializer`]. Errors carry the field path.

use serde::de::{self, Deserialize, Deserializer};

/// serde, for the `Deserialize` the derive writes in crates that do not
/// depend on serde themselves.
#[doc(hidden)]
pub use serde;

use crate::value::Value;
use crate::value_de::wrong_type;
pub use crate::value_de::{DecodeError, ValueDeserializer};

/// How the keys of a map that fills a struct are read: as given, or
/// through a host's renaming (Python's `order_id` -> `orderId`). Keys of a
/// free-form map (an extraData object) are always kept as given.
pub type StructKeys = Option<fn(&str) -> String>;

/// A type read from a [`Value`] tree.
pub trait FromValue: Sized {
    /// Reads `Self` from `value`; maps that fill a struct have their keys
    /// renamed by `keys` first.
    fn from_value(value: Value, keys: StructKeys) -> Result<Self, DecodeError>;

    /// What a field of this type becomes when its key is absent and it has
    /// no default: "missing field", or `None` for an `Option`.
    fn missing(key: &'static str) -> Result<Self, DecodeError> {
        Err(de::Error::missing_field(key))
    }
}

/// Leaf types: read by their serde `Deserialize` (no struct inside, so no
/// key renaming).
macro_rules! via_serde {
    ($($ty:ty),* $(,)?) => {$(
        impl FromValue for $ty {
            fn from_value(value: Value, _keys: StructKeys) -> Result<Self, DecodeError> {
                <$ty as Deserialize>::deserialize(ValueDeserializer::new(value))
            }
        }
    )*};
}

/// Strings and booleans, the most common fields, read directly: the same
/// values and the same errors as their serde `Deserialize` (tested below
/// against it), without serde's visitor layers.
impl FromValue for String {
    fn from_value(value: Value, _keys: StructKeys) -> Result<Self, DecodeError> {
        match value {
            Value::Str(text) => Ok(text),
            other => Err(wrong_type(&other, &"a string")),
        }
    }
}

impl FromValue for bool {
    fn from_value(value: Value, _keys: StructKeys) -> Result<Self, DecodeError> {
        match value {
            Value::Bool(b) => Ok(b),
            other => Err(wrong_type(&other, &"a boolean")),
        }
    }
}

via_serde!(
    i64,
    u16,
    serde_json::Value,
    serde_json::Map<String, serde_json::Value>,
    crate::Secret,
    crate::amount::Rate,
    crate::Environment,
    crate::Lang,
    crate::tokenization::TokenEnvelope,
    crate::gateway::ConfirmRequestType,
    crate::voucher::RedeemStatus,
    crate::voucher::PaymentMethod,
    crate::ResultClass,
    crate::tracker::TrackedOperation,
    crate::tracker::PaymentTracker,
);

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: Value, keys: StructKeys) -> Result<Self, DecodeError> {
        match value {
            Value::Null => Ok(None),
            value => T::from_value(value, keys).map(Some),
        }
    }

    fn missing(_key: &'static str) -> Result<Self, DecodeError> {
        Ok(None)
    }
}

impl<T: FromValue> FromValue for Vec<T> {
    fn from_value(value: Value, keys: StructKeys) -> Result<Self, DecodeError> {
        match value {
            Value::Seq(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| T::from_value(item, keys).map_err(|e| e.under_index(i)))
                .collect(),
            other => Err(wrong_type(&other, &"a sequence")),
        }
    }
}

/// A struct's field names (after `rename_all`/`rename`), its aliases and
/// whether unknown keys are refused; written by the derive.
pub struct Shape {
    /// The struct's Rust name, for "expected struct X".
    pub name: &'static str,
    /// Field keys, in declaration order (skipped fields left out).
    pub fields: &'static [&'static str],
    /// `(alias, index into fields)`.
    pub aliases: &'static [(&'static str, usize)],
    /// `deny_unknown_fields`.
    pub deny_unknown: bool,
}

/// Sorts a map's values into one slot per field of `shape`. Refuses a
/// non-map, a field given twice and (with `deny_unknown`) an unknown key,
/// which the error's path names.
pub fn slots(
    value: Value,
    keys: StructKeys,
    shape: &Shape,
) -> Result<Vec<Option<Value>>, DecodeError> {
    let entries = match value {
        Value::Map(entries) => entries,
        other => return Err(wrong_type(&other, &StructNamed(shape.name))),
    };
    let mut slots: Vec<Option<Value>> = shape.fields.iter().map(|_| None).collect();
    for (key, value) in entries {
        let key = match keys {
            Some(rename) => rename(&key),
            None => key,
        };
        let index = shape.fields.iter().position(|f| *f == key).or_else(|| {
            shape
                .aliases
                .iter()
                .find(|(alias, _)| *alias == key)
                .map(|(_, i)| *i)
        });
        match index {
            Some(i) if slots[i].is_some() => {
                return Err(de::Error::duplicate_field(shape.fields[i]))
            }
            Some(i) => slots[i] = Some(value),
            None if shape.deny_unknown => {
                let err: DecodeError = de::Error::unknown_field(&key, shape.fields);
                return Err(err.under_key(key));
            }
            None => {}
        }
    }
    Ok(slots)
}

/// Reads one field: its value if given, else `missing()` if the field has a
/// default, else what its type does when absent.
pub fn field<T: FromValue, F: FnOnce() -> T>(
    slot: Option<Value>,
    key: &'static str,
    keys: StructKeys,
    missing: Option<F>,
) -> Result<T, DecodeError> {
    match (slot, missing) {
        (Some(value), _) => T::from_value(value, keys).map_err(|e| e.under_key(key.to_owned())),
        (None, Some(default)) => Ok(default()),
        (None, None) => T::missing(key),
    }
}

/// Reads one field with a serde `deserialize_with` function (the core's
/// are all leaf readers: numbers, lists of leaves).
pub fn field_with<T, W, F>(
    slot: Option<Value>,
    key: &'static str,
    with: W,
    missing: Option<F>,
) -> Result<T, DecodeError>
where
    W: FnOnce(ValueDeserializer) -> Result<T, DecodeError>,
    F: FnOnce() -> T,
{
    match (slot, missing) {
        (Some(value), _) => {
            with(ValueDeserializer::new(value)).map_err(|e| e.under_key(key.to_owned()))
        }
        (None, Some(default)) => Ok(default()),
        (None, None) => Err(de::Error::missing_field(key)),
    }
}

/// A list where MoMo may send `null` (`lenient::null_as_empty`): `null` or
/// absent reads as empty.
pub fn field_null_as_empty<T: FromValue, F: FnOnce() -> Vec<T>>(
    slot: Option<Value>,
    key: &'static str,
    keys: StructKeys,
    missing: Option<F>,
) -> Result<Vec<T>, DecodeError> {
    let missing = missing.map(|default| move || Some(default()));
    field::<Option<Vec<T>>, _>(slot, key, keys, missing).map(Option::unwrap_or_default)
}

/// serde's `Deserialize` for a derived model, for Rust users who read
/// models with serde directly: any serde data, read into a [`Value`], then
/// decoded here. The error is the core's typed error as text.
pub fn deserialize<'de, T: FromValue, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let value = Value::deserialize(deserializer)?;
    crate::input::decode(value).map_err(de::Error::custom)
}

/// "struct X", as serde words what a struct expects.
struct StructNamed(&'static str);

impl de::Expected for StructNamed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "struct {}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FromValue;

    #[derive(Debug, PartialEq, FromValue)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Line {
        unit_price: i64,
    }

    #[derive(Debug, FromValue)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Order {
        order_id: String,
        #[serde(default)]
        lines: Vec<Line>,
        #[serde(default)]
        extra: serde_json::Map<String, serde_json::Value>,
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

    fn camel(key: &str) -> String {
        key.replace("_i", "I").replace("_p", "P")
    }

    #[test]
    fn strings_and_booleans_read_as_serde_reads_them() {
        let kinds = [
            Value::Null,
            Value::Bool(true),
            Value::I64(-5),
            Value::U64(u64::MAX),
            Value::F64(1.5),
            s("x"),
            Value::Seq(vec![s("x")]),
            map(vec![("k", s("v"))]),
            Value::Unsupported("JS function".into()),
        ];
        fn serde_of<T: for<'de> Deserialize<'de>>(v: Value) -> Result<T, String> {
            T::deserialize(ValueDeserializer::new(v)).map_err(|e| e.message().to_owned())
        }
        for v in kinds {
            let ours = String::from_value(v.clone(), None).map_err(|e| e.message().to_owned());
            assert_eq!(ours, serde_of::<String>(v.clone()), "{v:?}");
            let ours = bool::from_value(v.clone(), None).map_err(|e| e.message().to_owned());
            assert_eq!(ours, serde_of::<bool>(v.clone()), "{v:?}");
        }
    }

    #[test]
    fn only_struct_keys_are_renamed_and_paths_use_the_new_names() {
        let value = map(vec![
            ("order_id", s("O1")),
            (
                "lines",
                Value::Seq(vec![map(vec![("unit_price", Value::I64(5))])]),
            ),
            ("extra", map(vec![("store_id", Value::Bool(true))])),
        ]);
        let order = Order::from_value(value, Some(camel)).unwrap();
        assert_eq!(order.order_id, "O1");
        assert_eq!(order.lines, vec![Line { unit_price: 5 }]);
        assert_eq!(order.extra.keys().collect::<Vec<_>>(), ["store_id"]);

        let value = map(vec![
            ("order_id", s("O1")),
            (
                "lines",
                Value::Seq(vec![map(vec![("unit_price", Value::F64(0.5))])]),
            ),
        ]);
        let err = Order::from_value(value, Some(camel)).unwrap_err();
        assert_eq!(err.path(), "lines[0].unitPrice");
    }
}

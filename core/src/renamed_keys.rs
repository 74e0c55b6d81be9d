//! [`Renamed`]: a deserializer that renames the keys of the maps that fill
//! a struct, and only those (Python's `order_id` read as `orderId`).
//!
//! Why it exists: the models are `#[derive(Deserialize)]` with MoMo's
//! camelCase names, and a Python caller writes snake_case keys. Renaming
//! every key of the input would also rename the keys of a free-form map (an
//! extraData object is signed as given), and serde has no rename rule for
//! input. Only the deserializer learns, from `deserialize_struct`, that a
//! map fills a struct, so the renaming sits here: a pass-through wrapper in
//! the pattern of `serde_path_to_error`'s, which renames a struct's keys
//! and hands everything else to the wrapped deserializer untouched. The
//! core's enums are unit variants (names as strings), so an enum's content
//! is passed through as it is.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, Visitor};
use serde::Deserialize;

/// How a key is renamed.
pub type Rename = fn(&str) -> String;

/// `D`, with the keys of every map that fills a struct renamed by `rename`.
pub struct Renamed<D> {
    inner: D,
    rename: Rename,
}

impl<D> Renamed<D> {
    /// Wraps `inner`.
    pub fn new(inner: D, rename: Rename) -> Self {
        Self { inner, rename }
    }
}

/// Forwards a `deserialize_*` method, with the visitor wrapped.
macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.inner.$method($($arg,)* Wrap::new(visitor, self.rename, false))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Renamed<D> {
    type Error = D::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner
            .deserialize_struct(name, fields, Wrap::new(visitor, self.rename, true))
    }

    forward!(
        deserialize_any(),
        deserialize_bool(),
        deserialize_i8(),
        deserialize_i16(),
        deserialize_i32(),
        deserialize_i64(),
        deserialize_i128(),
        deserialize_u8(),
        deserialize_u16(),
        deserialize_u32(),
        deserialize_u64(),
        deserialize_u128(),
        deserialize_f32(),
        deserialize_f64(),
        deserialize_char(),
        deserialize_str(),
        deserialize_string(),
        deserialize_bytes(),
        deserialize_byte_buf(),
        deserialize_option(),
        deserialize_unit(),
        deserialize_unit_struct(name: &'static str),
        deserialize_newtype_struct(name: &'static str),
        deserialize_seq(),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
        deserialize_map(),
        deserialize_enum(name: &'static str, variants: &'static [&'static str]),
        deserialize_identifier(),
        deserialize_ignored_any(),
    );

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// A visitor whose nested values stay [`Renamed`]; `struct_keys` when the
/// map it visits fills a struct.
struct Wrap<V> {
    visitor: V,
    rename: Rename,
    struct_keys: bool,
}

impl<V> Wrap<V> {
    fn new(visitor: V, rename: Rename, struct_keys: bool) -> Self {
        Self {
            visitor,
            rename,
            struct_keys,
        }
    }
}

/// Forwards a scalar `visit_*` method as it is.
macro_rules! scalars {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.visitor.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    scalars!(
        visit_bool(bool),
        visit_i64(i64),
        visit_i128(i128),
        visit_u64(u64),
        visit_u128(u128),
        visit_f64(f64),
        visit_char(char),
        visit_str(&str),
        visit_borrowed_str(&'de str),
        visit_string(String),
        visit_bytes(&[u8]),
        visit_borrowed_bytes(&'de [u8]),
        visit_byte_buf(Vec<u8>),
    );

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_some(Renamed::new(d, self.rename))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.visitor
            .visit_newtype_struct(Renamed::new(d, self.rename))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_seq(Items {
            seq,
            rename: self.rename,
        })
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(Entries {
            map,
            rename: self.rename,
            struct_keys: self.struct_keys,
        })
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(data)
    }
}

/// A sequence whose items stay [`Renamed`].
struct Items<A> {
    seq: A,
    rename: Rename,
}

impl<'de, A: de::SeqAccess<'de>> de::SeqAccess<'de> for Items<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.seq.next_element_seed(Nested {
            seed,
            rename: self.rename,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

/// A map whose values stay [`Renamed`] and whose keys are renamed when it
/// fills a struct.
struct Entries<A> {
    map: A,
    rename: Rename,
    struct_keys: bool,
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for Entries<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if self.struct_keys {
            self.map.next_key_seed(Key {
                seed,
                rename: self.rename,
            })
        } else {
            self.map.next_key_seed(seed)
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.map.next_value_seed(Nested {
            seed,
            rename: self.rename,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// A value below a map or sequence, kept [`Renamed`].
struct Nested<S> {
    seed: S,
    rename: Rename,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Nested<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Renamed::new(d, self.rename))
    }
}

/// A struct's key: read as a string, renamed, then given to the field
/// reader.
struct Key<S> {
    seed: S,
    rename: Rename,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Key<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        let key = String::deserialize(d)?;
        let renamed: String = (self.rename)(&key);
        self.seed.deserialize(renamed.into_deserializer())
    }
}

#[cfg(test)]
mod tests {
    use crate::error::ErrorCode;
    use crate::input::decode_renaming;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Line {
        unit_price: i64,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Order {
        order_id: String,
        #[serde(default)]
        lines: Vec<Line>,
        #[serde(default)]
        extra: serde_json::Map<String, serde_json::Value>,
        #[serde(default)]
        note: Option<Line>,
    }

    fn camel(key: &str) -> String {
        key.replace("_i", "I").replace("_p", "P")
    }

    fn decode(json: &str) -> crate::Result<Order> {
        decode_renaming(&mut serde_json::Deserializer::from_str(json), camel)
    }

    #[test]
    fn only_struct_keys_are_renamed_at_every_depth() {
        let order = decode(
            r#"{"order_id":"O1","lines":[{"unit_price":5}],"extra":{"store_id":true},"note":{"unit_price":1}}"#,
        )
        .unwrap();
        assert_eq!(order.order_id, "O1");
        assert_eq!(order.lines, vec![Line { unit_price: 5 }]);
        assert_eq!(order.extra.keys().collect::<Vec<_>>(), ["store_id"]);
        assert_eq!(order.note, Some(Line { unit_price: 1 }));
    }

    #[test]
    fn paths_use_the_renamed_keys() {
        let err = decode(r#"{"order_id":"O1","lines":[{"unit_price":0.5}]}"#).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (ErrorCode::InvalidInput, "lines[0].unitPrice")
        );
        let err = decode(r#"{"lines":[]}"#).unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::Required, "orderId"));
        let err = decode(r#"{"order_id":"O1","order_idd":1}"#).unwrap_err();
        assert_eq!(err.field(), "orderIdd");
    }
}

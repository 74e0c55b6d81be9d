//! [`HostValue`]: a host's deserializer (serde-wasm-bindgen for a JS value,
//! pythonize for a Python value) read by the rules of JSON text.
//!
//! Why it exists: the models are `#[derive(Deserialize)]`, and the hosts'
//! serde crates each bend serde's data model in one place that matters to a
//! payments core:
//!
//! - serde-wasm-bindgen (=0.6.5) fills a struct by asking the object for
//!   each of the struct's own fields, so a key the struct does not know is
//!   never seen and `#[serde(deny_unknown_fields)]` cannot refuse it
//!   (RReverser/serde-wasm-bindgen#39);
//! - pythonize converts where the model asks for a type instead of checking
//!   it: a `bool` field reads `"false"` as `True` (truthiness), an integer
//!   field reads `True` as `1`, a list field reads a `str` as its
//!   characters, an enum reads a one-key dict;
//! - a Python caller writes snake_case keys (`order_id`), and only the
//!   deserializer learns, from `deserialize_struct`, that a map fills a
//!   struct; renaming every key would also rename a free-form map's (an
//!   extraData object is signed as given).
//!
//! So every value is asked for as what it is (`deserialize_any`) and
//! serde's own visitor refuses a wrong type, as for JSON text; a struct is
//! read from a map only, from all of its entries, its keys renamed when the
//! host asks; an enum from its name only. Options and tuples are the host
//! crate's own. Nested values stay wrapped: the pass-through pattern of
//! `serde_path_to_error`, which wraps this in turn for the field path.

use std::fmt;

use serde::de::value::{StrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, Visitor};

use crate::refusal::Tagged;

/// How a host names a struct's keys, turned into the models' names
/// (Python's `order_id` -> `orderId`).
pub type Rename = fn(&str) -> String;

/// A host's deserializer `D`, read by the rules of JSON text; struct keys
/// renamed by `rename` when there is one.
pub struct HostValue<D> {
    inner: D,
    rename: Option<Rename>,
}

impl<D> HostValue<D> {
    /// Wraps `inner`; `rename` maps each key of a map that fills a struct.
    pub fn new(inner: D, rename: Option<Rename>) -> Self {
        Self { inner, rename }
    }
}

/// `deserialize_*` methods answered by `deserialize_any`.
macro_rules! as_any {
    ($($method:ident),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.inner.deserialize_any(Wrap { visitor, rename: self.rename })
        }
    )*};
}

/// `deserialize_*` methods forwarded with the visitor wrapped.
macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.inner.$method($($arg,)* Wrap { visitor, rename: self.rename })
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for HostValue<D> {
    type Error = D::Error;

    as_any!(
        deserialize_any,
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
    );

    forward!(
        deserialize_option(),
        deserialize_unit_struct(name: &'static str),
        deserialize_newtype_struct(name: &'static str),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
        deserialize_ignored_any(),
    );

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(StructFromMap {
            visitor,
            rename: self.rename,
        })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(Identifier(visitor))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(EnumName(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// A visitor whose nested values stay [`HostValue`].
struct Wrap<V> {
    visitor: V,
    rename: Option<Rename>,
}

/// Forwards scalar `visit_*` methods as they are.
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
        visit_i8(i8),
        visit_i16(i16),
        visit_i32(i32),
        visit_i64(i64),
        visit_i128(i128),
        visit_u8(u8),
        visit_u16(u16),
        visit_u32(u32),
        visit_u64(u64),
        visit_u128(u128),
        visit_f32(f32),
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
        self.visitor.visit_some(HostValue::new(d, self.rename))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.visitor
            .visit_newtype_struct(HostValue::new(d, self.rename))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_seq(Items {
            seq,
            rename: self.rename,
        })
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        // A free-form map (an extraData object): keys as given.
        self.visitor.visit_map(Entries {
            map,
            rename: self.rename,
        })
    }

    // The core's enums are read by name (`EnumName`): no host reaches this.
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(data)
    }
}

/// A struct from a map only (all of its entries, keys renamed); any other
/// value is serde's "invalid type: ..., expected struct X", as for JSON
/// text (serde's derived struct would also take a list of its fields in
/// order, which no MoMo model is).
struct StructFromMap<V> {
    visitor: V,
    rename: Option<Rename>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for StructFromMap<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor
            .visit_map(Fields {
                map,
                rename: self.rename,
            })
            .map_err(|tagged| tagged.0)
    }
}

/// An enum from its name only; any other value is serde's "invalid type".
struct EnumName<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for EnumName<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<V::Value, E> {
        let name: StrDeserializer<'_, Tagged<E>> = name.into_deserializer();
        self.0.visit_enum(name).map_err(|tagged| tagged.0)
    }
}

/// A name read where serde's derived code expects one (an internally tagged
/// enum's tag, `{"step": "final"}`): given with a [`Tagged`] error, so an
/// unknown name is recorded as `INVALID_ENUM` as for a plain enum.
struct Identifier<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for Identifier<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<V::Value, E> {
        self.0
            .visit_str::<Tagged<E>>(name)
            .map_err(|tagged| tagged.0)
    }
}

/// A sequence whose items stay [`HostValue`].
struct Items<A> {
    seq: A,
    rename: Option<Rename>,
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

/// A free-form map (an extraData object): keys as given, values kept
/// [`HostValue`].
struct Entries<A> {
    map: A,
    rename: Option<Rename>,
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for Entries<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.map.next_key_seed(seed)
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

/// The entries of a map that fills a struct: every key read as a string
/// and renamed when the host renames, values kept [`HostValue`]. Its error
/// type is [`Tagged`], so serde's derived code records an absent field or
/// an unknown key typed ([`crate::refusal`]).
struct Fields<A> {
    map: A,
    rename: Option<Rename>,
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for Fields<A> {
    type Error = Tagged<A::Error>;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        self.map
            .next_key_seed(Key {
                seed,
                rename: self.rename,
            })
            .map_err(Tagged)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<T::Value, Self::Error> {
        self.map
            .next_value_seed(Nested {
                seed,
                rename: self.rename,
            })
            .map_err(Tagged)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// A value below a map or sequence, kept [`HostValue`].
struct Nested<S> {
    seed: S,
    rename: Option<Rename>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Nested<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(HostValue::new(d, self.rename))
    }
}

/// A struct's key: read as a string, renamed when the host renames, then
/// given to the field reader with a [`Tagged`] error (an unknown key is
/// recorded typed).
struct Key<S> {
    seed: S,
    rename: Option<Rename>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Key<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        d.deserialize_str(self)
    }
}

/// The key as the host gives it (borrowed: no copy unless renamed).
impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Key<S> {
    type Value = S::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<S::Value, E> {
        let read = match self.rename {
            Some(rename) => {
                let key: StringDeserializer<Tagged<E>> = rename(key).into_deserializer();
                self.seed.deserialize(key)
            }
            None => {
                let key: StrDeserializer<'_, Tagged<E>> = key.into_deserializer();
                self.seed.deserialize(key)
            }
        };
        read.map_err(|tagged| tagged.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::input::decode_host;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Line {
        unit_price: i64,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    enum Kind {
        Capture,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Order {
        order_id: String,
        #[serde(default)]
        lines: Vec<Line>,
        #[serde(default)]
        extra: serde_json::Map<String, serde_json::Value>,
        #[serde(default)]
        note: Option<Line>,
        #[serde(default)]
        paid: bool,
        #[serde(default)]
        kind: Option<Kind>,
    }

    fn camel(key: &str) -> String {
        key.replace("_i", "I").replace("_p", "P")
    }

    fn decode(json: &str, rename: Option<Rename>) -> crate::Result<Order> {
        decode_host(&mut serde_json::Deserializer::from_str(json), rename)
    }

    #[test]
    fn only_struct_keys_are_renamed_at_every_depth() {
        let order = decode(
            r#"{"order_id":"O1","lines":[{"unit_price":5}],"extra":{"store_id":true},"note":{"unit_price":1},"kind":"capture","paid":true}"#,
            Some(camel),
        )
        .unwrap();
        assert_eq!(order.order_id, "O1");
        assert_eq!(order.lines, vec![Line { unit_price: 5 }]);
        assert_eq!(order.extra.keys().collect::<Vec<_>>(), ["store_id"]);
        assert_eq!(order.note, Some(Line { unit_price: 1 }));
        assert_eq!(order.kind, Some(Kind::Capture));
        assert!(order.paid);
    }

    #[test]
    fn a_wrong_type_is_refused_never_converted() {
        for json in [
            r#"{"orderId":"O1","paid":"false"}"#,
            r#"{"orderId":"O1","paid":0}"#,
            r#"{"orderId":"O1","lines":"ab"}"#,
        ] {
            let err = decode(json, None).unwrap_err();
            assert_eq!(err.code(), ErrorCode::InvalidInput, "{json}");
            assert!(err.message().starts_with("invalid type"), "{json}: {err}");
        }
    }

    #[test]
    fn paths_use_the_renamed_keys() {
        let err = decode(
            r#"{"order_id":"O1","lines":[{"unit_price":0.5}]}"#,
            Some(camel),
        )
        .unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (ErrorCode::InvalidInput, "lines[0].unitPrice")
        );
        let err = decode(r#"{"lines":[]}"#, Some(camel)).unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::Required, "orderId"));
        let err = decode(r#"{"order_id":"O1","order_idd":1}"#, Some(camel)).unwrap_err();
        assert_eq!(err.field(), "orderIdd");
    }

    #[test]
    fn without_renaming_keys_are_as_given() {
        let err = decode(r#"{"order_id":"O1"}"#, None).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (ErrorCode::InvalidInput, "order_id")
        );
    }

    #[test]
    fn structs_come_from_maps_and_enums_from_names_only() {
        // serde_json alone reads a struct from an array of its fields and a
        // unit variant from a one-key object; a host value may do neither.
        let bare: Result<Line, _> = serde_json::from_str("[5]");
        assert!(bare.is_ok());
        let err = decode_host::<Line, _>(&mut serde_json::Deserializer::from_str("[5]"), None)
            .unwrap_err();
        assert!(err.message().starts_with("invalid type: sequence"), "{err}");
        let bare: Result<Kind, _> = serde_json::from_str(r#"{"capture":null}"#);
        assert!(bare.is_ok());
        let err = decode(r#"{"orderId":"O1","kind":{"capture":null}}"#, None).unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::InvalidInput, "kind"));
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(tag = "step", rename_all = "camelCase")]
    enum Step {
        QueryNow,
    }

    #[test]
    fn a_tag_is_a_name_refused_as_an_enum_is() {
        let step = |json: &str| {
            decode_host::<Step, _>(&mut serde_json::Deserializer::from_str(json), None)
        };
        assert_eq!(step(r#"{"step":"queryNow"}"#).unwrap(), Step::QueryNow);
        let err = step(r#"{"step":"pray"}"#).unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::InvalidEnum, "step"));
        // A name, never a variant's index.
        let err = step(r#"{"step":0}"#).unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::InvalidInput, "step"));
    }
}

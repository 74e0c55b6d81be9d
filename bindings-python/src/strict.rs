//! [`Strict`]: pythonize's deserializer with serde's strict typing of
//! leaves, at every depth.
//!
//! Why it exists: pythonize converts where the model asks for a type
//! instead of checking it. It reads a `bool` field by truthiness (so
//! `auto_capture="false"` would be `True`), an integer field through `int`
//! conversion (`True` would be `1`), a sequence from any sequence (a `str`
//! is a list of characters) and an enum from a one-key dict as well as
//! from its name. The core's rules are those of JSON text, where a value
//! of the wrong type is refused. So every leaf, sequence and enum is asked
//! for as what it is (`deserialize_any`), and serde's own visitor refuses a
//! wrong type (`invalid type: string "false", expected a boolean`), as for
//! JSON text. A struct is read from a dict only (serde's derived struct
//! would also take a list of its fields in order, which no MoMo model is).
//! Options and tuples are pythonize's own (a tuple of exactly its length).
//!
//! Nested values stay `Strict`: the visitor, sequence and map accesses are
//! wrapped, the pattern of `serde_path_to_error` and of the core's
//! `renamed_keys`. Every core enum is a unit enum read from its name.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, Visitor};

/// `D` with strict leaf types.
pub struct Strict<D>(pub D);

/// `deserialize_*` methods answered by `deserialize_any`.
macro_rules! as_any {
    ($($method:ident),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.0.deserialize_any(Wrap(visitor))
        }
    )*};
}

/// `deserialize_*` methods forwarded with the visitor wrapped.
macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.0.$method($($arg,)* Wrap(visitor))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Strict<D> {
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
        deserialize_identifier,
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
        self.0.deserialize_any(StructFromMap(visitor))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(EnumName(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// A visitor whose nested values stay [`Strict`].
struct Wrap<V>(V);

/// Forwards scalar `visit_*` methods as they are.
macro_rules! scalars {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.0.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
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
        self.0.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(Strict(d))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(Strict(d))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(Access(seq))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Access(map))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(data)
    }
}

/// A sequence or map whose items (values; keys are `str`s) stay [`Strict`].
struct Access<A>(A);

impl<'de, A: de::SeqAccess<'de>> de::SeqAccess<'de> for Access<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Nested(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for Access<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(seed)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Nested(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

/// A value below a sequence or map, kept [`Strict`].
struct Nested<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Nested<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Strict(d))
    }
}

/// A struct from a map only; any other value is serde's "invalid type".
struct StructFromMap<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for StructFromMap<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Access(map))
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
        self.0.visit_enum(name.into_deserializer())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyo3::prelude::*;
    use pythonize::Depythonizer;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    enum Kind {
        Capture,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Model {
        flag: bool,
        count: u32,
        kind: Kind,
        names: Vec<String>,
        pair: Option<(i64, i64)>,
    }

    /// `{base, field: value}` read by pythonize, bare and behind `Strict`.
    fn read(field: &str, value: &str) -> (Option<Model>, Result<Model, String>) {
        let code = format!(
            "{{'flag': True, 'count': 1, 'kind': 'capture', 'names': [], 'pair': None, '{field}': {value}}}"
        );
        Python::attach(|py| {
            let obj = py
                .eval(&std::ffi::CString::new(code).unwrap(), None, None)
                .unwrap();
            let bare = Model::deserialize(&mut Depythonizer::from_object(&obj)).ok();
            let strict = Model::deserialize(Strict(&mut Depythonizer::from_object(&obj)));
            (bare, strict.map_err(|e| e.to_string()))
        })
    }

    #[test]
    fn right_types_pass_at_every_depth() {
        Python::initialize();
        let (_, m) = read("pair", "[1, 2]");
        assert_eq!(
            m.unwrap(),
            Model {
                flag: true,
                count: 1,
                kind: Kind::Capture,
                names: vec![],
                pair: Some((1, 2)),
            }
        );
        assert_eq!(read("names", "['a']").1.unwrap().names, ["a"]);
    }

    #[test]
    fn what_pythonize_converts_is_refused_as_a_wrong_type() {
        Python::initialize();
        for (field, value) in [
            ("flag", "'false'"),
            ("flag", "[]"),
            ("count", "True"),
            ("kind", "{'capture': None}"),
            ("names", "'ab'"),
            ("pair", "[True, 1]"),
        ] {
            let (bare, strict) = read(field, value);
            assert!(bare.is_some(), "pythonize alone accepts {field}={value}");
            let err = strict.unwrap_err();
            assert!(err.starts_with("invalid type"), "{field}={value}: {err}");
        }
    }
}

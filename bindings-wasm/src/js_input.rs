//! JS values -> core models, through serde-wasm-bindgen.
//!
//! The JS wrapper hands every argument over as a plain snapshot (plain
//! objects, arrays and primitives only; `js/index.js`, `snapshot`, says
//! why), and the core's `input::decode` reads it with
//! [`serde_wasm_bindgen::Deserializer`], wrapped in [`Input`].
//!
//! Why the wrapper: serde-wasm-bindgen (=0.6.5) fills a struct by asking
//! the object for each of the struct's own fields, so a key the struct does
//! not know is never seen and `#[serde(deny_unknown_fields)]` cannot refuse
//! it (RReverser/serde-wasm-bindgen#39: "unlike `flatten`,
//! `deny_unknown_fields` doesn't switch deserialization from structs to
//! maps"). [`Input`] makes that switch: it reads every struct as a map (all
//! of the object's entries, `Object.entries`), at every depth, and passes
//! everything else to serde-wasm-bindgen untouched. It is the pass-through
//! pattern of the core's `renamed_keys::Renamed`. A struct is read with
//! `deserialize_any`, so a value that is no object is refused as the
//! struct's own visitor words it (`invalid type: sequence, expected struct
//! QueryRequest`), as serde_json does, rather than read as a list of pairs.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, Visitor};
use wasm_bindgen::JsValue;

/// `D`, with every struct read from all of the map's entries.
pub struct Input<D>(D);

impl Input<serde_wasm_bindgen::Deserializer> {
    /// A JS value as a deserializer for the core's `input::decode`.
    pub fn new(value: JsValue) -> Self {
        Input(serde_wasm_bindgen::Deserializer::from(value))
    }
}

/// Forwards a `deserialize_*` method, with the visitor wrapped.
macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.0.$method($($arg,)* Wrap::<V, false>(visitor))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Input<D> {
    type Error = D::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(Wrap::<V, true>(visitor))
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
        self.0.is_human_readable()
    }
}

/// A visitor whose nested values stay [`Input`]; `STRUCT` when it fills a
/// struct, which only a map may do (a constant, so that serde's code for a
/// struct read from a sequence is never built into the .wasm).
struct Wrap<V, const STRUCT: bool>(V);

/// Forwards a scalar `visit_*` method as it is.
macro_rules! scalars {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.0.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>, const STRUCT: bool> Visitor<'de> for Wrap<V, STRUCT> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
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
        self.0.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(Input(d))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(Input(d))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        if STRUCT {
            // serde's struct visitors would take the items as the fields,
            // in order: a struct is a map here, as in every host.
            return Err(de::Error::invalid_type(de::Unexpected::Seq, &self.0));
        }
        self.0.visit_seq(Items(seq))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Entries(map))
    }

    // The core's enums are unit variants (names as strings): nothing below.
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(data)
    }
}

/// A sequence whose items stay [`Input`].
struct Items<A>(A);

impl<'de, A: de::SeqAccess<'de>> de::SeqAccess<'de> for Items<A> {
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

/// A map whose values stay [`Input`].
struct Entries<A>(A);

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for Entries<A> {
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

/// A value below a map or sequence, kept [`Input`].
struct Nested<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Nested<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Input(d))
    }
}

// ------------------------------------------------------------ probe

/// How a value reads through serde-wasm-bindgen, as a compact, exact text
/// (`null`, `true`, `i64:5`, `u64:5`, `f64:<bits in hex>`,
/// `str(<bytes>:<text>)`, `[a,b]`, `{<bytes>:<key>=value,...}`): the Node
/// tests check the wrapper's snapshot and the JS-to-Rust mapping against
/// it. (No float or string `Debug`: their formatting code would grow the
/// .wasm.)
pub fn describe(value: JsValue) -> Result<String, serde_wasm_bindgen::Error> {
    Describe.deserialize(Input::new(value))
}

/// The [`describe`] text of one value, read with `deserialize_any`.
#[derive(Clone, Copy)]
struct Describe;

impl<'de> DeserializeSeed<'de> for Describe {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(self)
    }
}

fn text(s: &str) -> String {
    format!("{}:{s}", s.len())
}

impl<'de> Visitor<'de> for Describe {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok("null".to_owned())
    }

    fn visit_none<E: de::Error>(self) -> Result<String, E> {
        self.visit_unit()
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(if v { "true" } else { "false" }.to_owned())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(format!("i64:{v}"))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(format!("u64:{v}"))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(format!("f64:{:016x}", v.to_bits()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(format!("str({})", text(v)))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<String, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(format!("[{}]", items.join(",")))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(self)?;
            entries.push(format!("{}={value}", text(&key)));
        }
        Ok(format!("{{{}}}", entries.join(",")))
    }
}

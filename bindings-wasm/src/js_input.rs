//! JS values -> core models, through serde-wasm-bindgen.
//!
//! The JS wrapper hands every argument over as a plain snapshot (plain
//! objects, arrays and primitives only; `js/index.js`, `snapshot`, says
//! why), and the core's `input::decode_host` reads it with
//! [`serde_wasm_bindgen::Deserializer`], wrapped in the core's
//! [`HostValue`] so that it is read by the rules of JSON text: every
//! struct from all of the object's entries (serde-wasm-bindgen alone asks
//! only for the struct's own fields, so `deny_unknown_fields` could not
//! refuse an unknown key: RReverser/serde-wasm-bindgen#39), from an object
//! only, and every enum from its name.

use std::fmt;

use momo_core::host_value::HostValue;
use momo_core::MomoError;
use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, Visitor};
use wasm_bindgen::JsValue;

/// A JS value as a deserializer read by the rules of JSON text.
fn host(value: JsValue) -> HostValue<serde_wasm_bindgen::Deserializer> {
    HostValue::new(serde_wasm_bindgen::Deserializer::from(value), None)
}

/// A core model from a JS value, with the core's typed errors.
pub fn decode<T: DeserializeOwned>(value: JsValue) -> Result<T, MomoError> {
    momo_core::input::decode_host(serde_wasm_bindgen::Deserializer::from(value), None)
}

/// A whole number from a JS value by the core's lenient integer rules.
pub fn decode_integer(value: JsValue) -> Result<i64, MomoError> {
    momo_core::input::decode_integer(serde_wasm_bindgen::Deserializer::from(value))
}

// ------------------------------------------------------------ probe

/// How a value reads through serde-wasm-bindgen, as a compact, exact text
/// (`null`, `true`, `i64:5`, `u64:5`, `f64:<bits in hex>`,
/// `str(<bytes>:<text>)`, `[a,b]`, `{<bytes>:<key>=value,...}`): the Node
/// tests check the wrapper's snapshot and the JS-to-Rust mapping against
/// it. (No float or string `Debug`: their formatting code would grow the
/// .wasm.)
pub fn describe(value: JsValue) -> Result<String, serde_wasm_bindgen::Error> {
    Describe.deserialize(host(value))
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

//! A serde `Deserializer` over Python values (dict, list, str, int, float,
//! bool, None), so the core's own models and lenient number readers decode
//! Python input directly, with no JSON text in between.
//!
//! Keys of a dict that fills a Rust *struct* are converted from snake_case to
//! the core's camelCase (`order_id` -> `orderId`; camelCase passes
//! through); keys of a free-form map (e.g. an extraData object) are kept.
//! A [`Record`] (a parsed result) is read like the dict it wraps.

use std::fmt;

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::value::StringDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use crate::naming::snake_to_camel;
use crate::record::Record;

/// A decoding failure; its text is what `momo_core::input::decode` maps to
/// a typed error (it keeps the core's error-code markers intact).
#[derive(Debug)]
pub struct DeError(String);

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError(msg.to_string())
    }
}

impl From<PyErr> for DeError {
    fn from(err: PyErr) -> Self {
        DeError(err.to_string())
    }
}

/// Deserializer over one Python value.
pub struct PyDe<'a, 'py> {
    obj: &'a Bound<'py, PyAny>,
}

impl<'a, 'py> PyDe<'a, 'py> {
    /// Reads `obj`.
    pub fn new(obj: &'a Bound<'py, PyAny>) -> Self {
        Self { obj }
    }

    /// The dict behind a dict or a [`Record`].
    fn as_dict(&self) -> Option<Bound<'py, PyDict>> {
        if let Ok(d) = self.obj.cast::<PyDict>() {
            return Some(d.clone());
        }
        self.obj
            .cast::<Record>()
            .ok()
            .map(|r| r.get().fields(self.obj.py()).clone())
    }

    fn type_name(&self) -> String {
        self.obj
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "object".to_owned())
    }

    fn unsupported(&self) -> DeError {
        DeError(format!(
            "invalid type: Python {}, expected a str, int, float, bool, None, dict or list",
            self.type_name()
        ))
    }

    fn visit_map<'de, V: Visitor<'de>>(
        self,
        visitor: V,
        rename: bool,
    ) -> Result<V::Value, DeError> {
        match self.as_dict() {
            Some(dict) => visitor.visit_map(DictAccess {
                iter: dict.iter(),
                value: None,
                rename,
            }),
            None => self.deserialize_scalar_or_seq(visitor),
        }
    }

    fn deserialize_scalar_or_seq<'de, V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let o = self.obj;
        if o.is_none() {
            return visitor.visit_unit();
        }
        if let Ok(b) = o.cast::<PyBool>() {
            return visitor.visit_bool(b.is_true());
        }
        if let Ok(i) = o.cast::<PyInt>() {
            if let Ok(v) = i.extract::<i64>() {
                return visitor.visit_i64(v);
            }
            if let Ok(v) = i.extract::<u64>() {
                return visitor.visit_u64(v);
            }
            // Past 64 bits: a float, as JSON text of the same number reads.
            let v: f64 = i.extract()?;
            return visitor.visit_f64(v);
        }
        if let Ok(f) = o.cast::<PyFloat>() {
            return visitor.visit_f64(f.value());
        }
        if let Ok(s) = o.cast::<PyString>() {
            return visitor.visit_str(&s.to_cow()?);
        }
        if let Ok(l) = o.cast::<PyList>() {
            let items: Vec<Bound<'py, PyAny>> = l.iter().collect();
            return visitor.visit_seq(SeqAccess {
                items: items.into_iter(),
            });
        }
        if let Ok(t) = o.cast::<PyTuple>() {
            let items: Vec<Bound<'py, PyAny>> = t.iter().collect();
            return visitor.visit_seq(SeqAccess {
                items: items.into_iter(),
            });
        }
        Err(self.unsupported())
    }
}

impl<'de> de::Deserializer<'de> for PyDe<'_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.visit_map(visitor, false)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.obj.is_none() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.visit_map(visitor, true)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.obj.cast::<PyString>() {
            Ok(s) => {
                let text: StringDeserializer<DeError> =
                    s.to_cow()?.into_owned().into_deserializer();
                visitor.visit_enum(text)
            }
            Err(_) => self.deserialize_scalar_or_seq(visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// Walks a dict's items; keys are renamed to camelCase for structs.
struct DictAccess<'py> {
    iter: pyo3::types::dict::BoundDictIterator<'py>,
    value: Option<Bound<'py, PyAny>>,
    rename: bool,
}

impl<'de> de::MapAccess<'de> for DictAccess<'_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self.iter.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        let key = key
            .cast::<PyString>()
            .map_err(|_| DeError("invalid type: dict keys must be str".to_owned()))?
            .to_cow()?;
        let key = if self.rename {
            snake_to_camel(&key)
        } else {
            key.into_owned()
        };
        let key: StringDeserializer<DeError> = key.into_deserializer();
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let value = self
            .value
            .take()
            .ok_or_else(|| DeError("a value was asked for before its key".to_owned()))?;
        seed.deserialize(PyDe::new(&value))
    }
}

/// Walks a list's or tuple's items.
struct SeqAccess<'py> {
    items: std::vec::IntoIter<Bound<'py, PyAny>>,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            Some(item) => seed.deserialize(PyDe::new(&item)).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

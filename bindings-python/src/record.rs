//! [`Record`]: the one generic result type. Every core result (a parsed
//! response, an outcome, a computed saleInfo, a verified notification) is
//! serialized by the core's own `Serialize` straight into Python objects:
//! a Rust struct becomes a `Record` named after the core type whose fields
//! are snake_case attributes; lists become lists; maps become dicts. No
//! model is declared here: the field set is whatever the core serializes.

use std::fmt;

use pyo3::exceptions::PyAttributeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString};
use serde::ser::{self, Serialize};

use crate::naming::camel_to_snake;

/// A read-only result object: `record.result_code`, `record.outcome.class_`.
#[pyclass(frozen, module = "momo_core", name = "Record")]
pub struct Record {
    name: &'static str,
    fields: Py<PyDict>,
}

impl Record {
    /// The snake_case field dict.
    pub fn fields<'py>(&self, py: Python<'py>) -> &Bound<'py, PyDict> {
        self.fields.bind(py)
    }

    /// The field named `name`, if `name` is a `str` naming one. Looked up
    /// by the Python string itself: no UTF-8 conversion that a lone
    /// surrogate could fail, no hashing of a caller's object.
    fn field<'py>(&self, name: &Bound<'py, PyAny>) -> Option<Bound<'py, PyAny>> {
        let name = name.cast::<PyString>().ok()?;
        self.fields.bind(name.py()).get_item(name).ok().flatten()
    }
}

#[pymethods]
impl Record {
    fn __getattr__(&self, name: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        match self.field(name) {
            Some(v) => Ok(v.unbind()),
            None => Err(PyAttributeError::new_err(format!(
                "'{}' record has no attribute '{}'",
                self.name,
                name.str()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ))),
        }
    }

    /// The field's value, or `default` when the core left it out (or
    /// `name` is not a field name at all: any object may be asked for).
    #[pyo3(signature = (name, default=None))]
    fn get(
        &self,
        py: Python<'_>,
        name: &Bound<'_, PyAny>,
        default: Option<Py<PyAny>>,
    ) -> Py<PyAny> {
        match self.field(name) {
            Some(v) => v.unbind(),
            None => default.unwrap_or_else(|| py.None()),
        }
    }

    /// The name of the core type this record was serialized from.
    #[getter]
    fn type_name(&self) -> &'static str {
        self.name
    }

    /// A plain dict (snake_case keys), nested records and lists included.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for (k, v) in self.fields.bind(py).iter() {
            out.set_item(k, plain(&v)?)?;
        }
        Ok(out)
    }

    fn __dir__(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        let mut names: Vec<String> = self
            .fields
            .bind(py)
            .keys()
            .iter()
            .map(|k| k.extract::<String>())
            .collect::<PyResult<_>>()?;
        names.extend(["get", "to_dict", "type_name"].map(str::to_owned));
        Ok(names)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut out = format!("{}(", self.name);
        for (i, (k, v)) in self.fields.bind(py).iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&k.str()?.to_cow()?);
            out.push('=');
            out.push_str(&v.repr()?.to_cow()?);
        }
        out.push(')');
        Ok(out)
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        match other.cast::<Record>() {
            Ok(o) => {
                let same = self.name == o.get().name
                    && self.fields.bind(py).eq(o.get().fields.bind(py))?;
                Ok(PyBool::new(py, same).to_owned().into_any().unbind())
            }
            Err(_) => Ok(py.NotImplemented()),
        }
    }
}

/// `v` with every record replaced by its dict, recursively.
fn plain<'py>(v: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    if let Ok(r) = v.cast::<Record>() {
        return Ok(r.get().to_dict(v.py())?.into_any());
    }
    if let Ok(l) = v.cast::<PyList>() {
        let items = l.iter().map(|i| plain(&i)).collect::<PyResult<Vec<_>>>()?;
        return Ok(PyList::new(v.py(), items)?.into_any());
    }
    Ok(v.clone())
}

/// Serializes any core value into Python objects.
pub fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    value.serialize(PySer { py }).map_err(|e| e.0)
}

/// A serialization failure (a Python error while building objects).
#[derive(Debug)]
pub struct SerError(PyErr);

impl fmt::Display for SerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for SerError {}

impl ser::Error for SerError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        SerError(pyo3::exceptions::PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for SerError {
    fn from(e: PyErr) -> Self {
        SerError(e)
    }
}

type Out<'py> = Result<Bound<'py, PyAny>, SerError>;

/// serde `Serializer` that builds Python objects.
#[derive(Clone, Copy)]
struct PySer<'py> {
    py: Python<'py>,
}

impl<'py> ser::Serializer for PySer<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    type SerializeSeq = SeqOut<'py>;
    type SerializeTuple = SeqOut<'py>;
    type SerializeTupleStruct = SeqOut<'py>;
    type SerializeTupleVariant = ser::Impossible<Self::Ok, SerError>;
    type SerializeMap = MapOut<'py>;
    type SerializeStruct = StructOut<'py>;
    type SerializeStructVariant = ser::Impossible<Self::Ok, SerError>;

    fn serialize_bool(self, v: bool) -> Out<'py> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Out<'py> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Out<'py> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Out<'py> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Out<'py> {
        Ok(PyInt::new(self.py, v).into_any())
    }
    fn serialize_u8(self, v: u8) -> Out<'py> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Out<'py> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Out<'py> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Out<'py> {
        Ok(PyInt::new(self.py, v).into_any())
    }
    fn serialize_f32(self, v: f32) -> Out<'py> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Out<'py> {
        Ok(PyFloat::new(self.py, v).into_any())
    }
    fn serialize_char(self, v: char) -> Out<'py> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Out<'py> {
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Out<'py> {
        Ok(pyo3::types::PyBytes::new(self.py, v).into_any())
    }
    fn serialize_none(self) -> Out<'py> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Out<'py> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Out<'py> {
        let dict = PyDict::new(self.py);
        dict.set_item(variant, value.serialize(self)?)?;
        Ok(dict.into_any())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqOut<'py>, SerError> {
        Ok(SeqOut {
            ser: self,
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqOut<'py>, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<SeqOut<'py>, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, SerError> {
        Err(ser::Error::custom(format!(
            "{name}: tuple variants are not supported"
        )))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<MapOut<'py>, SerError> {
        Ok(MapOut {
            ser: self,
            dict: PyDict::new(self.py),
            key: None,
        })
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<StructOut<'py>, SerError> {
        Ok(StructOut {
            ser: self,
            name,
            dict: PyDict::new(self.py),
        })
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, SerError> {
        Err(ser::Error::custom(format!(
            "{name}: struct variants are not supported"
        )))
    }
}

struct SeqOut<'py> {
    ser: PySer<'py>,
    items: Vec<Bound<'py, PyAny>>,
}

impl<'py> SeqOut<'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.items.push(value.serialize(self.ser)?);
        Ok(())
    }
    fn finish(self) -> Out<'py> {
        Ok(PyList::new(self.ser.py, self.items)?.into_any())
    }
}

impl<'py> ser::SerializeSeq for SeqOut<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for SeqOut<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for SeqOut<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

/// A map keeps its keys as they are (e.g. header names).
struct MapOut<'py> {
    ser: PySer<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
}

impl<'py> ser::SerializeMap for MapOut<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), SerError> {
        self.key = Some(key.serialize(self.ser)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <SerError as ser::Error>::custom("map value without a key"))?;
        self.dict.set_item(key, value.serialize(self.ser)?)?;
        Ok(())
    }
    fn end(self) -> Out<'py> {
        Ok(self.dict.into_any())
    }
}

/// A struct becomes a [`Record`] with snake_case field names.
struct StructOut<'py> {
    ser: PySer<'py>,
    name: &'static str,
    dict: Bound<'py, PyDict>,
}

impl<'py> ser::SerializeStruct for StructOut<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        let key = PyString::intern(self.ser.py, &camel_to_snake(key));
        self.dict.set_item(key, value.serialize(self.ser)?)?;
        Ok(())
    }
    fn end(self) -> Out<'py> {
        let record = Record {
            name: self.name,
            fields: self.dict.unbind(),
        };
        Ok(Bound::new(self.ser.py, record)?.into_any())
    }
}

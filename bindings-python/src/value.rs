//! Python value -> [`Value`] tree, the form the core decodes every model
//! from, with no JSON text in between.
//!
//! `None`, `bool`, `int`, `float`, `str`, `list`/`tuple` and `dict` (or a
//! [`Record`], read like the dict it wraps) map one to one. Anything else
//! becomes [`Value::Unsupported`], which the core refuses with
//! `INVALID_INPUT` at that value's path. Key renaming (`order_id` ->
//! `orderId`) is left to the core's decoder, which knows which dicts fill a
//! struct and which are free-form (an extraData object keeps its keys).

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

use momo_core::value::Value;

use crate::record::Record;

/// Reads a Python value into a [`Value`] tree. Never fails: what has no
/// JSON-like form is kept as [`Value::Unsupported`] for the core to refuse
/// with its path.
pub fn to_value(obj: &Bound<'_, PyAny>) -> Value {
    if obj.is_none() {
        return Value::Null;
    }
    // bool before int: Python's bool is an int subclass.
    if let Ok(b) = obj.cast::<PyBool>() {
        return Value::Bool(b.is_true());
    }
    if let Ok(i) = obj.cast::<PyInt>() {
        return integer(i);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Value::F64(f.value());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return match s.to_cow() {
            Ok(text) => Value::Str(text.into_owned()),
            Err(err) => Value::Unsupported(err.to_string()),
        };
    }
    if let Ok(l) = obj.cast::<PyList>() {
        return Value::Seq(l.iter().map(|item| to_value(&item)).collect());
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return Value::Seq(t.iter().map(|item| to_value(&item)).collect());
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        return dict(d);
    }
    if let Ok(r) = obj.cast::<Record>() {
        return dict(r.get().fields(obj.py()));
    }
    Value::Unsupported(format!(
        "invalid type: Python {}, expected a str, int, float, bool, None, dict or list",
        type_name(obj)
    ))
}

/// An int within 64 bits as itself; past that a float, as JSON text of the
/// same number reads (the core then refuses it as past 2^53-1).
fn integer(i: &Bound<'_, PyInt>) -> Value {
    if let Ok(v) = i.extract::<i64>() {
        return Value::I64(v);
    }
    if let Ok(v) = i.extract::<u64>() {
        return Value::U64(v);
    }
    match i.extract::<f64>() {
        Ok(v) => Value::F64(v),
        Err(err) => Value::Unsupported(err.to_string()),
    }
}

/// A dict's items in order. A key that is not a `str` is kept under its
/// `str()` text with an unsupported value, so the error names it.
fn dict(d: &Bound<'_, PyDict>) -> Value {
    let entries = d
        .iter()
        .map(|(key, value)| match key.cast::<PyString>() {
            Ok(k) => match k.to_cow() {
                Ok(k) => (k.into_owned(), to_value(&value)),
                Err(err) => (String::new(), Value::Unsupported(err.to_string())),
            },
            Err(_) => (
                key.str().map(|s| s.to_string()).unwrap_or_default(),
                Value::Unsupported(format!(
                    "invalid type: dict keys must be str, got {}",
                    type_name(&key)
                )),
            ),
        })
        .collect();
    Value::Map(entries)
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

//! Python value -> [`Value`] tree, the form the core decodes every model
//! from, with no JSON text in between.
//!
//! `None`, `bool`, `int`, `float`, `str`, `list`/`tuple` and `dict` (or a
//! [`Record`], read like the dict it wraps) map one to one. Anything else
//! becomes [`Value::Unsupported`], which the core refuses with
//! `INVALID_INPUT` at that value's path. Key renaming (`order_id` ->
//! `orderId`) is left to the core's decoder, which knows which dicts fill a
//! struct and which are free-form (an extraData object keeps its keys).
//!
//! No host value can crash the reader: containers nested deeper than
//! [`MAX_DEPTH`] and containers that hold themselves become
//! [`Value::Unsupported`] too, so Rust never recurses deeper than
//! `MAX_DEPTH`; a `str` with a lone surrogate (no UTF-8 form) and an `int`
//! past 64 bits are passed on as what they are for the core to judge. The
//! reader runs no Python code of the caller's (no `__str__`, `__index__` or
//! `__iter__`), so a value cannot change while it is read.

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

use momo_core::value::{Value, MAX_DEPTH};

use crate::record::Record;

/// Why a `str` was refused: it holds a lone surrogate (e.g. from
/// `surrogateescape`), which has no UTF-8 form. The text itself is never
/// quoted (it may be a secret).
pub const NOT_UNICODE: &str =
    "is not valid Unicode text: it holds a lone surrogate (U+D800..U+DFFF), which has no UTF-8 form";

/// Why a container that holds itself was refused.
const CYCLE: &str = "contains itself (a cycle)";

/// Reads a Python value into a [`Value`] tree. Never fails: what has no
/// JSON-like form is kept as [`Value::Unsupported`] for the core to refuse
/// with its path.
pub fn to_value(obj: &Bound<'_, PyAny>) -> Value {
    Reader::default().read(obj, 0)
}

/// The text of a `str`, or [`NOT_UNICODE`] when it has no UTF-8 form.
pub fn str_text<'a>(s: &'a Bound<'_, PyString>) -> Result<Cow<'a, str>, &'static str> {
    s.to_cow().map_err(|_| NOT_UNICODE)
}

/// One read of a value tree: the containers from the root to the current
/// value, to refuse one that holds itself.
#[derive(Default)]
struct Reader {
    /// Addresses of the open containers (at most [`MAX_DEPTH`]).
    open: Vec<usize>,
}

impl Reader {
    /// `obj` at nesting level `depth` (the argument itself is level 0).
    fn read(&mut self, obj: &Bound<'_, PyAny>, depth: usize) -> Value {
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
            return match str_text(s) {
                Ok(text) => Value::Str(text.into_owned()),
                Err(why) => Value::Unsupported(why.to_owned()),
            };
        }
        let is_container = obj.cast::<PyList>().is_ok()
            || obj.cast::<PyTuple>().is_ok()
            || obj.cast::<PyDict>().is_ok()
            || obj.cast::<Record>().is_ok();
        if !is_container {
            return Value::Unsupported(format!(
                "invalid type: Python {}, expected a str, int, float, bool, None, dict or list",
                type_name(obj)
            ));
        }
        let id = obj.as_ptr() as usize;
        if self.open.contains(&id) {
            return Value::Unsupported(CYCLE.to_owned());
        }
        if depth >= MAX_DEPTH {
            // The npm package's codec refuses at the same level, in the same words.
            return Value::Unsupported(format!(
                "nested more than {MAX_DEPTH} levels deep (a cycle?)"
            ));
        }
        self.open.push(id);
        let value = self.container(obj, depth + 1);
        self.open.pop();
        value
    }

    /// A list, tuple, dict or record whose items are at level `depth`.
    fn container(&mut self, obj: &Bound<'_, PyAny>, depth: usize) -> Value {
        if let Ok(l) = obj.cast::<PyList>() {
            return Value::Seq(l.iter().map(|item| self.read(&item, depth)).collect());
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            return Value::Seq(t.iter().map(|item| self.read(&item, depth)).collect());
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            return self.dict(d, depth);
        }
        match obj.cast::<Record>() {
            Ok(r) => self.dict(r.get().fields(obj.py()), depth),
            Err(_) => Value::Unsupported("not a container".to_owned()),
        }
    }

    /// A dict's items in order. A key that is not a `str` (or has no UTF-8
    /// form) is kept under a printable name with an unsupported value, so
    /// the error names it.
    fn dict(&mut self, d: &Bound<'_, PyDict>, depth: usize) -> Value {
        let entries = d
            .iter()
            .map(|(key, value)| match key.cast::<PyString>() {
                Ok(k) => match str_text(k) {
                    Ok(k) => (k.into_owned(), self.read(&value, depth)),
                    Err(why) => (
                        k.to_string_lossy().into_owned(),
                        Value::Unsupported(format!("the key {why}")),
                    ),
                },
                Err(_) => (
                    key_name(&key),
                    Value::Unsupported(format!(
                        "invalid type: dict keys must be str, got {}",
                        type_name(&key)
                    )),
                ),
            })
            .collect();
        Value::Map(entries)
    }
}

/// An int within 64 bits as itself; past that a float, as JSON text of the
/// same number reads (the core then refuses it as past 2^53-1); past the
/// float range an infinity of its sign. So a too-big amount is
/// `INVALID_AMOUNT`, like any other bad amount, never an `OverflowError`.
fn integer(i: &Bound<'_, PyInt>) -> Value {
    if let Ok(v) = i.extract::<i64>() {
        return Value::I64(v);
    }
    if let Ok(v) = i.extract::<u64>() {
        return Value::U64(v);
    }
    match i.extract::<f64>() {
        Ok(v) => Value::F64(v),
        Err(_) if i.lt(0).unwrap_or(false) => Value::F64(f64::NEG_INFINITY),
        Err(_) => Value::F64(f64::INFINITY),
    }
}

/// The path name of a dict key that is not a `str`: the text of a plain
/// number or bool (`{7: ...}` -> `7`), else `<type>`, without calling the
/// key's own `__str__`.
fn key_name(key: &Bound<'_, PyAny>) -> String {
    let plain = key.is_exact_instance_of::<PyInt>()
        || key.is_exact_instance_of::<PyBool>()
        || key.is_exact_instance_of::<PyFloat>()
        || key.is_none();
    match key.str() {
        Ok(text) if plain => text.to_string_lossy().into_owned(),
        _ => format!("<{}>", type_name(key)),
    }
}

/// The name of a value's Python type, for messages.
pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(py: Python<'_>, levels: usize) -> Bound<'_, PyAny> {
        let mut v = PyList::empty(py);
        for _ in 1..levels {
            v = PyList::new(py, [v]).unwrap();
        }
        v.into_any()
    }

    fn depth_of(v: &Value) -> usize {
        match v {
            Value::Seq(items) => 1 + items.iter().map(depth_of).max().unwrap_or(0),
            _ => 0,
        }
    }

    #[test]
    fn stops_at_max_depth_and_refuses_cycles() {
        Python::initialize();
        Python::attach(|py| {
            let ok = to_value(&nested(py, MAX_DEPTH));
            assert_eq!(depth_of(&ok), MAX_DEPTH);
            let deep = to_value(&nested(py, 100_000));
            assert_eq!(depth_of(&deep), MAX_DEPTH);
            let cyclic = PyList::empty(py);
            cyclic.append(&cyclic).unwrap();
            match to_value(cyclic.as_any()) {
                Value::Seq(items) => {
                    assert_eq!(items, vec![Value::Unsupported(CYCLE.to_owned())])
                }
                other => panic!("{other:?}"),
            }
            // the same list twice side by side is no cycle
            let shared = PyList::new(py, [1]).unwrap();
            let twice = PyList::new(py, [&shared, &shared]).unwrap();
            assert_eq!(
                to_value(twice.as_any()),
                Value::Seq(vec![Value::Seq(vec![Value::I64(1)]); 2])
            );
        });
    }

    #[test]
    fn big_ints_and_lone_surrogates_are_passed_to_the_core_to_judge() {
        Python::initialize();
        Python::attach(|py| {
            let eval = |code: &str| py.eval(&std::ffi::CString::new(code).unwrap(), None, None);
            assert_eq!(to_value(&eval("2**64").unwrap()), Value::F64(2f64.powi(64)));
            assert_eq!(
                to_value(&eval("10**400").unwrap()),
                Value::F64(f64::INFINITY)
            );
            assert_eq!(
                to_value(&eval("-10**400").unwrap()),
                Value::F64(f64::NEG_INFINITY)
            );
            assert_eq!(
                to_value(&eval("'a\\ud800'").unwrap()),
                Value::Unsupported(NOT_UNICODE.to_owned())
            );
        });
    }
}

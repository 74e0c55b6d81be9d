//! Python values -> core models: a guard pass, then pythonize.
//!
//! The core decodes its models from any serde deserializer; pythonize is
//! the PyO3 project's. pythonize alone is not safe on a caller's value: it
//! reads objects through Python's protocols (`len()`, `keys()`, `__iter__`,
//! `__getitem__`, `__bool__`, `__index__`, a dataclass's fields), so a
//! caller's subclass or object runs its own code while it is read (and may
//! change the value under it), a cycle or a deep nesting exhausts the stack,
//! and a lone surrogate fails inside it. So [`snapshot`] makes one pass over
//! the value first that runs none of the caller's code (containers are read
//! from their storage, `str`s and numbers from their value) and builds a
//! fresh copy of exact built-in objects only: `dict` with `str` keys,
//! `list` (a tuple too), `str`, `int` (within 64 bits), `float`, `bool`,
//! `None`; a [`Record`] becomes its dict. It refuses, with `INVALID_INPUT`
//! at the value's path:
//!
//! - a container nested deeper than [`MAX_DEPTH`], or one that holds itself;
//! - a `str` (value or key) with a lone surrogate, which has no UTF-8 form;
//! - a dict key that is not a `str`;
//! - any other kind of value (bytes, a set, an object).
//!
//! An `int` past 64 bits becomes a float (an infinity of its sign past the
//! float range), as JSON text of the same number reads: a too-big amount is
//! then `INVALID_AMOUNT` by the core's rules, never an `OverflowError`.
//!
//! pythonize reads only the snapshot, through the core's `decode_host`
//! (which reads it by JSON text's rules: pythonize alone would read
//! `"false"` as `True` in a bool field). Path keys of the
//! guard's own errors are named as the decoder names them (`rename`).

use std::borrow::Cow;

use momo_core::host_value::Rename;
use momo_core::input::MAX_DEPTH;
use momo_core::{ErrorCode, MomoError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use pythonize::Depythonizer;
use serde::de::DeserializeOwned;

use crate::naming::snake_to_camel;
use crate::record::Record;

/// Why a `str` was refused: it holds a lone surrogate (e.g. from
/// `surrogateescape`), which has no UTF-8 form. The text itself is never
/// quoted (it may be a secret).
pub const NOT_UNICODE: &str =
    "is not valid Unicode text: it holds a lone surrogate (U+D800..U+DFFF), which has no UTF-8 form";

/// Why a container that holds itself was refused.
const CYCLE: &str = "contains itself (a cycle)";

/// A model from a Python value with snake_case (or camelCase) keys.
pub fn decode<T: DeserializeOwned>(obj: &Bound<'_, PyAny>) -> Result<T, MomoError> {
    read(&snapshot(obj, snake_to_camel)?)
}

/// A model from a [`snapshot`] taken with `snake_to_camel`.
pub fn read<T: DeserializeOwned>(snapshot: &Bound<'_, PyAny>) -> Result<T, MomoError> {
    let mut de = Depythonizer::from_object(snapshot);
    momo_core::input::decode_host(&mut de, Some(snake_to_camel))
}

/// A core type from a Python value in its stored (serde) form: keys as
/// they are.
pub fn decode_stored<T: DeserializeOwned>(obj: &Bound<'_, PyAny>) -> Result<T, MomoError> {
    let snapshot = snapshot(obj, keep)?;
    momo_core::input::decode_host(&mut Depythonizer::from_object(&snapshot), None)
}

/// A whole number by the core's lenient integer rules.
pub fn decode_integer(obj: &Bound<'_, PyAny>) -> Result<i64, MomoError> {
    let snapshot = snapshot(obj, keep)?;
    momo_core::input::decode_integer(&mut Depythonizer::from_object(&snapshot))
}

/// Names a key as it is.
pub fn keep(key: &str) -> String {
    key.to_owned()
}

/// The guard pass (see the module documentation): a copy of `obj` made of
/// exact built-in objects, or `INVALID_INPUT` at the path of what it
/// refused, its keys named by `rename`.
pub fn snapshot<'py>(
    obj: &Bound<'py, PyAny>,
    rename: Rename,
) -> Result<Bound<'py, PyAny>, MomoError> {
    let mut walk = Walk {
        rename,
        open: Vec::new(),
    };
    walk.copy(obj, 0).map_err(|r| r.into_error())
}

/// The text of a `str`, or [`NOT_UNICODE`] when it has no UTF-8 form.
pub fn str_text<'a>(s: &'a Bound<'_, PyString>) -> Result<Cow<'a, str>, &'static str> {
    s.to_cow().map_err(|_| NOT_UNICODE)
}

/// One guard pass.
struct Walk {
    rename: Rename,
    /// Addresses of the open containers, root first (at most `MAX_DEPTH`).
    open: Vec<usize>,
}

/// What the guard refused, and where: the path is built on the way out, so
/// a pass that succeeds pays nothing for it.
struct Refusal {
    code: ErrorCode,
    why: String,
    /// Innermost segment first.
    reversed_path: Vec<String>,
}

impl Refusal {
    fn new(why: impl Into<String>) -> Self {
        Self {
            code: ErrorCode::InvalidInput,
            why: why.into(),
            reversed_path: Vec::new(),
        }
    }

    /// A Python error while copying (out of memory): not the caller's.
    fn internal(err: PyErr) -> Self {
        Self {
            code: ErrorCode::Internal,
            ..Self::new(format!("copying the value failed: {err}"))
        }
    }

    fn under(mut self, segment: String) -> Self {
        self.reversed_path.push(segment);
        self
    }

    fn into_error(self) -> MomoError {
        let mut path = String::new();
        for segment in self.reversed_path.iter().rev() {
            if !path.is_empty() && !segment.starts_with('[') {
                path.push('.');
            }
            path.push_str(segment);
        }
        MomoError::new(self.code, path, self.why)
    }
}

impl Walk {
    /// A copy of `obj`, at nesting level `depth` (the argument is level 0).
    fn copy<'py>(
        &mut self,
        obj: &Bound<'py, PyAny>,
        depth: usize,
    ) -> Result<Bound<'py, PyAny>, Refusal> {
        let py = obj.py();
        if obj.is_none() {
            return Ok(obj.clone());
        }
        // bool before int: Python's bool is an int subclass (and has none).
        if obj.cast::<PyBool>().is_ok() {
            return Ok(obj.clone());
        }
        if let Ok(i) = obj.cast::<PyInt>() {
            return Ok(integer(i));
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            return Ok(if obj.is_exact_instance_of::<PyFloat>() {
                obj.clone()
            } else {
                PyFloat::new(py, f.value()).into_any()
            });
        }
        if let Ok(s) = obj.cast::<PyString>() {
            let text = str_text(s).map_err(Refusal::new)?;
            return Ok(if obj.is_exact_instance_of::<PyString>() {
                obj.clone()
            } else {
                PyString::new(py, &text).into_any()
            });
        }
        let record = obj.cast::<Record>().ok();
        let dict = match &record {
            Some(r) => Some(r.get().fields(py).clone()),
            None => obj.cast::<PyDict>().ok().cloned(),
        };
        if dict.is_none() && obj.cast::<PyList>().is_err() && obj.cast::<PyTuple>().is_err() {
            return Err(Refusal::new(format!(
                "invalid type: Python {}, expected a str, int, float, bool, None, dict or list",
                type_name(obj)
            )));
        }
        let id = obj.as_ptr() as usize;
        if self.open.contains(&id) {
            return Err(Refusal::new(CYCLE));
        }
        if depth >= MAX_DEPTH {
            // The npm package's codec refuses at the same level, in the same words.
            return Err(Refusal::new(format!(
                "nested more than {MAX_DEPTH} levels deep (a cycle?)"
            )));
        }
        self.open.push(id);
        let copy = match dict {
            Some(d) => self.dict(&d, depth + 1),
            None => self.list(obj, depth + 1),
        };
        self.open.pop();
        copy
    }

    /// A list or tuple (read from its storage) as a new list.
    fn list<'py>(
        &mut self,
        obj: &Bound<'py, PyAny>,
        depth: usize,
    ) -> Result<Bound<'py, PyAny>, Refusal> {
        let out = PyList::empty(obj.py());
        let mut add = |i: usize, item: Bound<'py, PyAny>| -> Result<(), Refusal> {
            let item = self
                .copy(&item, depth)
                .map_err(|r| r.under(format!("[{i}]")))?;
            out.append(item).map_err(Refusal::internal)
        };
        if let Ok(l) = obj.cast::<PyList>() {
            for (i, item) in l.iter().enumerate() {
                add(i, item)?;
            }
        } else if let Ok(t) = obj.cast::<PyTuple>() {
            for (i, item) in t.iter().enumerate() {
                add(i, item)?;
            }
        }
        Ok(out.into_any())
    }

    /// A dict (read from its storage, in order) as a new dict with exact
    /// `str` keys.
    fn dict<'py>(
        &mut self,
        d: &Bound<'py, PyDict>,
        depth: usize,
    ) -> Result<Bound<'py, PyAny>, Refusal> {
        let py = d.py();
        let out = PyDict::new(py);
        for (key, value) in d.iter() {
            let Ok(k) = key.cast::<PyString>() else {
                return Err(Refusal::new(format!(
                    "invalid type: dict keys must be str, got {}",
                    type_name(&key)
                ))
                .under((self.rename)(&key_name(&key))));
            };
            let text = match str_text(k) {
                Ok(text) => text,
                Err(why) => {
                    let shown = k.to_string_lossy();
                    return Err(Refusal::new(format!("the key {why}")).under((self.rename)(&shown)));
                }
            };
            let value = self
                .copy(&value, depth)
                .map_err(|r| r.under((self.rename)(&text)))?;
            let result = if key.is_exact_instance_of::<PyString>() {
                out.set_item(&key, value)
            } else {
                out.set_item(PyString::new(py, &text), value)
            };
            result.map_err(Refusal::internal)?;
        }
        Ok(out.into_any())
    }
}

/// An `int` (or a subclass: its value, none of its methods) as an exact
/// `int` within 64 bits; past that a float, as JSON text of the same number
/// reads (the core then refuses it as past 2^53-1); past the float range an
/// infinity of its sign.
fn integer<'py>(i: &Bound<'py, PyInt>) -> Bound<'py, PyAny> {
    let py = i.py();
    let exact = i.is_exact_instance_of::<PyInt>();
    // pyo3 reads an int subclass's value directly (PyLong_AsLongLong).
    if let Ok(v) = i.extract::<i64>() {
        return if exact {
            i.clone().into_any()
        } else {
            v.into_pyobject(py).unwrap().into_any()
        };
    }
    if let Ok(v) = i.extract::<u64>() {
        return if exact {
            i.clone().into_any()
        } else {
            v.into_pyobject(py).unwrap().into_any()
        };
    }
    let mut overflow = 0;
    // SAFETY: `i` is an int object; both calls read its digits, not its
    // methods (pyo3's f64 extraction would call a subclass's `__float__`).
    let (value, failed) = unsafe {
        ffi::PyLong_AsLongAndOverflow(i.as_ptr(), &mut overflow);
        let value = ffi::PyLong_AsDouble(i.as_ptr());
        (value, value == -1.0 && PyErr::take(py).is_some())
    };
    let value = match (failed, overflow < 0) {
        (false, _) => value,
        (true, true) => f64::NEG_INFINITY,
        (true, false) => f64::INFINITY,
    };
    PyFloat::new(py, value).into_any()
}

/// The path name of a dict key that is not a `str`: the text of a plain
/// number, bool or None (`{7: ...}` -> `7`), else `<type>`, without calling
/// the key's own `__str__`.
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

/// The name of a value's Python type, for messages. Read only when the
/// type's metaclass is `type` itself: `__name__` is then `type`'s own
/// descriptor, while a custom metaclass could run code to answer it.
pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    let ty = obj.get_type();
    if !ty.get_type().is(obj.py().get_type::<PyType>()) {
        return "object".to_owned();
    }
    ty.name()
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

    fn eval<'py>(py: Python<'py>, code: &str) -> Bound<'py, PyAny> {
        let code = std::ffi::CString::new(code).unwrap();
        py.eval(&code, None, None).unwrap()
    }

    fn refusal(obj: &Bound<'_, PyAny>) -> (ErrorCode, String, String) {
        let err = snapshot(obj, snake_to_camel).unwrap_err();
        (err.code(), err.field().to_owned(), err.message().to_owned())
    }

    #[test]
    fn stops_at_max_depth_and_refuses_cycles() {
        Python::initialize();
        Python::attach(|py| {
            assert!(snapshot(&nested(py, MAX_DEPTH), keep).is_ok());
            let (code, field, message) = refusal(&nested(py, 100_000));
            assert_eq!(code, ErrorCode::InvalidInput);
            assert_eq!(field, "[0]".repeat(MAX_DEPTH));
            assert!(message.starts_with("nested more than 128 levels deep"));
            let cyclic = PyList::empty(py);
            cyclic.append(&cyclic).unwrap();
            let (_, field, message) = refusal(cyclic.as_any());
            assert_eq!((field.as_str(), message.as_str()), ("[0]", CYCLE));
            // the same list twice side by side is no cycle
            let shared = PyList::new(py, [1]).unwrap();
            let twice = PyList::new(py, [&shared, &shared]).unwrap();
            let copy = snapshot(twice.as_any(), keep).unwrap();
            assert!(copy.eq(&twice).unwrap() && !copy.is(&twice));
        });
    }

    /// Subclasses whose every protocol method records its call.
    const SPIES: &str = r#"
calls = []
def spy(name, base):
    def method(self, *args):
        calls.append(name)
        return base(self, *args)
    return method
def spying(base, *names):
    return type('Spy' + base.__name__, (base,), {n: spy(n, getattr(base, n)) for n in names})
S = spying(str, '__str__', '__hash__', '__eq__', '__len__', '__iter__', '__getitem__')
I = spying(int, '__index__', '__int__', '__float__', '__lt__', '__bool__', '__str__')
F = spying(float, '__float__', '__str__', '__lt__')
D = spying(dict, 'keys', 'items', 'values', '__iter__', '__len__', '__getitem__')
L = spying(list, '__iter__', '__len__', '__getitem__')
T = spying(tuple, '__iter__', '__len__', '__getitem__')
value = D({S('order_id'): L([I(5), I(2**70), I(-10**400), T((F(1.5), None, True))])})
calls.clear()
"#;

    #[test]
    fn copies_only_exact_builtins_and_runs_no_code_of_the_caller() {
        Python::initialize();
        Python::attach(|py| {
            let scope = PyDict::new(py);
            let code = std::ffi::CString::new(SPIES).unwrap();
            py.run(&code, Some(&scope), None).unwrap();
            let hostile = scope.get_item("value").unwrap().unwrap();
            let copy = snapshot(&hostile, snake_to_camel).unwrap();
            let want = eval(
                py,
                "{'order_id': [5, float(2**70), float('-inf'), [1.5, None, True]]}",
            );
            assert!(copy.eq(&want).unwrap());
            assert!(copy.is_exact_instance_of::<PyDict>());
            let key = copy.cast::<PyDict>().unwrap().keys().get_item(0).unwrap();
            assert!(key.is_exact_instance_of::<PyString>());
            let items = copy.get_item("order_id").unwrap();
            assert!(items.is_exact_instance_of::<PyList>());
            for i in 0..3 {
                let item = items.get_item(i).unwrap();
                assert!(
                    item.is_exact_instance_of::<PyInt>() || item.is_exact_instance_of::<PyFloat>()
                );
            }
            let inner = items.get_item(3).unwrap();
            assert!(inner.is_exact_instance_of::<PyList>());
            assert!(inner.get_item(0).unwrap().is_exact_instance_of::<PyFloat>());
            let calls = scope.get_item("calls").unwrap().unwrap();
            assert_eq!(calls.len().unwrap(), 0, "{calls}");
            // Why the guard exists: pythonize alone calls them.
            let _: Result<serde_json::Value, _> = pythonize::depythonize(&hostile);
            assert!(calls.len().unwrap() > 0);
        });
    }

    #[test]
    fn refuses_surrogates_keys_and_other_types_at_their_renamed_path() {
        Python::initialize();
        Python::attach(|py| {
            let cases = [
                (
                    "{'sale_info': {'pos_id': 'a\\ud800'}}",
                    "saleInfo.posId",
                    "lone surrogate",
                ),
                (
                    "{'items': [{'image_url': b'x'}]}",
                    "items[0].imageUrl",
                    "Python bytes",
                ),
                (
                    "{'items': [{7: 'x'}]}",
                    "items[0].7",
                    "dict keys must be str, got int",
                ),
                ("[{1, 2}]", "[0]", "Python set"),
                ("type('M', (type,), {})('C', (), {})()", "", "Python object"),
            ];
            for (code, field, message) in cases {
                let (c, f, m) = refusal(&eval(py, code));
                assert_eq!((c, f.as_str()), (ErrorCode::InvalidInput, field), "{code}");
                assert!(m.contains(message), "{code}: {m}");
            }
            let (_, f, m) = refusal(&eval(py, "{'x': {'a\\ud800': 1}}"));
            assert!(f.starts_with("x.a") && m.starts_with("the key is not valid Unicode"));
        });
    }
}

#[cfg(test)]
mod host_value_tests {
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

    /// `{base, field: value}` read by pythonize, bare and through the core's
    /// `decode_host`.
    fn read(field: &str, value: &str) -> (Option<Model>, Result<Model, String>) {
        let code = format!(
            "{{'flag': True, 'count': 1, 'kind': 'capture', 'names': [], 'pair': None, '{field}': {value}}}"
        );
        Python::attach(|py| {
            let obj = py
                .eval(&std::ffi::CString::new(code).unwrap(), None, None)
                .unwrap();
            let bare = Model::deserialize(&mut Depythonizer::from_object(&obj)).ok();
            let strict: Result<Model, _> =
                momo_core::input::decode_host(&mut Depythonizer::from_object(&obj), None);
            (bare, strict.map_err(|e| e.message().to_owned()))
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

//! Core errors become Python exceptions; panics never cross the boundary.
//!
//! The exception classes live in `momo_core/_errors.py` (a validation error
//! is both a `MomoError` and a `ValueError`, which needs Python's multiple
//! inheritance); `_errors._error_for` picks the class from the code's kind,
//! which is the core's (`ErrorCode::kind`).

use std::panic::{catch_unwind, AssertUnwindSafe};

use momo_core::{ErrorCode, MomoError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyAny;

/// Why an entry point failed: a core error or a Python-side error.
pub enum Failure {
    /// A typed core error, raised as a `MomoError` subclass.
    Momo(MomoError),
    /// A Python error (raised while reading arguments or building results).
    Py(PyErr),
}

impl From<MomoError> for Failure {
    fn from(e: MomoError) -> Self {
        Failure::Momo(e)
    }
}

impl From<PyErr> for Failure {
    fn from(e: PyErr) -> Self {
        Failure::Py(e)
    }
}

/// Result of the binding's inner functions.
pub type Res<T> = Result<T, Failure>;

static ERROR_FACTORY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The Python exception for a core error.
pub fn to_py_err(py: Python<'_>, err: &MomoError) -> PyErr {
    let make = || -> PyResult<PyErr> {
        let factory = ERROR_FACTORY.get_or_try_init(py, || {
            py.import("momo_core._errors")?
                .getattr("_error_for")
                .map(Bound::unbind)
        })?;
        let exc = factory.bind(py).call1((
            err.code().kind().as_str(),
            err.code().as_str(),
            err.field(),
            err.message(),
            err.code().momo_code(),
        ))?;
        Ok(PyErr::from_value(exc))
    };
    make().unwrap_or_else(|e| e)
}

/// Runs one entry point: core errors become `MomoError`s and a panic
/// becomes a `MomoError` with code `INTERNAL` (never a crash or a
/// `PanicException`).
pub fn guard<T>(py: Python<'_>, f: impl FnOnce() -> Res<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(Failure::Momo(e))) => Err(to_py_err(py, &e)),
        Ok(Err(Failure::Py(e))) => Err(e),
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            let err = MomoError::new(
                ErrorCode::Internal,
                "",
                format!("a bug inside momo-core (please report it): {what}"),
            );
            Err(to_py_err(py, &err))
        }
    }
}

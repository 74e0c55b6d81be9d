//! Direct arguments (an HTTP status, epoch milliseconds, a code, a body, a
//! name) arrive as any Python object and are converted here, inside the
//! entry point's [`guard`](crate::error::guard). Letting pyo3 extract `u16`,
//! `i64` or `&str` itself would raise `TypeError`, `OverflowError` or
//! `UnicodeEncodeError` before the binding runs; here every bad argument is
//! a `MomoError` (`INVALID_INPUT` naming the argument) instead.
//!
//! Numbers go through the same guard and pythonize reader as mappings
//! ([`crate::value`]) and are judged by the core: what a whole number is (an
//! int or a string of digits) and what a status is (an integer in
//! `0..=65535`) are its rules, the same for the npm package.

use std::borrow::Cow;

use momo_core::{ErrorCode, MomoError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::value::{self, str_text, type_name};

/// An HTTP status: an `int` in `0..=65535`, else `INVALID_INPUT` at `status`.
pub fn status(obj: &Bound<'_, PyAny>) -> Result<u16, MomoError> {
    value::decode_stored::<u16>(obj).map_err(|e| e.within("status"))
}

/// A whole number (epoch ms, a result code) by the core's rules, else
/// `INVALID_INPUT` at `field`.
pub fn integer(obj: &Bound<'_, PyAny>, field: &str) -> Result<i64, MomoError> {
    value::decode_integer(obj).map_err(|e| e.within(field))
}

/// A `str` with a UTF-8 form, else `INVALID_INPUT` at `field`. The text is
/// never quoted in the error (it may be a secret).
pub fn text<'a>(obj: &'a Bound<'_, PyAny>, field: &str) -> Result<Cow<'a, str>, MomoError> {
    match obj.cast::<PyString>() {
        Ok(s) => str_text(s).map_err(|why| invalid(field, why.to_owned())),
        Err(_) => Err(invalid(
            field,
            format!("must be a str, got Python {}", type_name(obj)),
        )),
    }
}

/// Text from a `str` or UTF-8 `bytes` (what HTTP libraries hand over), else
/// `INVALID_INPUT` at `field`. Bytes that are not UTF-8 are refused with
/// `not_utf8` (code and field): a parser files them under the response.
pub fn body<'a>(
    obj: &'a Bound<'_, PyAny>,
    field: &str,
    not_utf8: (ErrorCode, &str),
) -> Result<Cow<'a, str>, MomoError> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return match std::str::from_utf8(b.as_bytes()) {
            Ok(s) => Ok(Cow::Borrowed(s)),
            Err(_) => Err(MomoError::new(not_utf8.0, not_utf8.1, "is not UTF-8 text")),
        };
    }
    match obj.cast::<PyString>() {
        Ok(s) => str_text(s).map_err(|why| invalid(field, why.to_owned())),
        Err(_) => Err(invalid(
            field,
            format!("must be a str or bytes, got Python {}", type_name(obj)),
        )),
    }
}

/// `INVALID_INPUT` at `field`.
pub fn invalid(field: &str, message: String) -> MomoError {
    MomoError::new(ErrorCode::InvalidInput, field, message)
}

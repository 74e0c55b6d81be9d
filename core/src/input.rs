//! Turning host input (JSON text, JS objects, Python dicts) into core models
//! with typed errors that name the field.
//!
//! Every model is a plain `#[derive(Deserialize)]` type, so any serde
//! deserializer feeds it: serde_json for JSON text ([`from_json`]),
//! serde-wasm-bindgen for JS values, pythonize for Python values
//! ([`decode_host`]). Each is read through
//! [`HostValue`](crate::host_value::HostValue), by the same rules in every
//! host. `serde_path_to_error` tracks where an error happened
//! (`items[0].price`); the stable code is what refused the value recorded
//! typed ([`crate::refusal`]):
//!
//! - a number refused by the core's lenient readers ([`crate::lenient`]):
//!   their code (`INVALID_AMOUNT` for money);
//! - a field absent with no default: `REQUIRED`, at the field's path;
//! - a value outside an enum's names: `INVALID_ENUM`;
//! - anything else (a wrong type, an unknown key, a field given twice, a
//!   value a host cannot hand over): `INVALID_INPUT`.
//!
//! No code is read out of error text.

use std::marker::PhantomData;

use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer};
use serde::Deserialize;

use crate::error::{ErrorCode, MomoError, Result};

/// The deepest nesting a host value may have. Every binding refuses a host
/// value (a JS object, a Python dict or list) nested deeper, with
/// `INVALID_INPUT` at its path, instead of exhausting the stack; the same
/// bound as `serde_json`'s own recursion limit for JSON text.
pub const MAX_DEPTH: usize = 128;

/// Decodes a model from any serde deserializer (a JS value through
/// serde-wasm-bindgen, a Python value through pythonize), with the core's
/// typed errors and field paths: [`decode_host`] without renaming.
pub fn decode<'de, T, D>(deserializer: D) -> Result<T>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    decode_host(deserializer, None)
}

/// Decodes a model from a host's value (serde-wasm-bindgen's, pythonize's,
/// serde_json's), read by the rules of JSON text
/// ([`HostValue`](crate::host_value::HostValue)): a wrong type is refused,
/// never converted; a struct comes from a map only, unknown keys included.
/// With `rename`, each key of a map that fills a struct is renamed first
/// (Python's `order_id` to `orderId`); keys of free-form maps, such as an
/// extraData object, are kept as given. Error paths use the renamed keys.
pub fn decode_host<'de, T, D>(
    deserializer: D,
    rename: Option<crate::host_value::Rename>,
) -> Result<T>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    read(
        crate::host_value::HostValue::new(deserializer, rename),
        PhantomData::<T>,
    )
}

/// Decodes a model from JSON text.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value: T = decode(&mut deserializer)?;
    deserializer
        .end()
        .map_err(|e| MomoError::new(ErrorCode::InvalidInput, "", json_error_text(&e)))?;
    Ok(value)
}

/// Decodes a bare whole number (epoch milliseconds, codes) by the core's
/// lenient integer rules: a number or a string of digits, exactly.
pub fn decode_integer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64> {
    read(deserializer, WholeNumber::Integer)
}

/// Decodes a bare whole VND amount by the core's lenient amount rules
/// (`INVALID_AMOUNT` when it is not one).
pub fn decode_amount<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64> {
    read(deserializer, WholeNumber::Amount)
}

/// A lenient whole-number reader as a serde seed (see [`crate::lenient`]).
#[derive(Clone, Copy)]
enum WholeNumber {
    Integer,
    Amount,
}

impl<'de> DeserializeSeed<'de> for WholeNumber {
    type Value = i64;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<i64, D::Error> {
        match self {
            Self::Integer => crate::lenient::integer(d),
            Self::Amount => crate::lenient::amount(d),
        }
    }
}

/// Runs `seed` over `deserializer` with the path tracked, and types its
/// error.
fn read<'de, S, D>(deserializer: D, seed: S) -> Result<S::Value>
where
    S: DeserializeSeed<'de>,
    D: Deserializer<'de>,
{
    // A record left by an earlier, successful decode must not count here.
    let _ = crate::refusal::take();
    let mut track = serde_path_to_error::Track::new();
    let result = seed.deserialize(serde_path_to_error::Deserializer::new(
        deserializer,
        &mut track,
    ));
    result.map_err(|err| to_momo_error(path_text(&track.path()), &err.to_string()))
}

/// Writes a tracked path as the core does: `items[0].price`, empty at the
/// root.
fn path_text(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => {}
        }
    }
    out
}

/// Maps one decoding error (its text as the deserializer wrote it, at
/// `path`) to a typed error: the recorded refusal when the error is that
/// refusal, else `INVALID_INPUT` with the deserializer's words.
fn to_momo_error(path: String, raw: &str) -> MomoError {
    if let Some(refusal) = crate::refusal::take() {
        if own_text(raw).starts_with(own_text(&refusal.text)) {
            let at = if refusal.below.is_empty() || path.ends_with(&refusal.below) {
                path
            } else {
                join(&path, &refusal.below)
            };
            return MomoError::new(refusal.code, at, refusal.message);
        }
    }
    MomoError::new(ErrorCode::InvalidInput, path, error_text(raw))
}

/// An error's text without serde-wasm-bindgen's "Error: " (a JS `Error`'s
/// own text).
fn own_text(text: &str) -> &str {
    text.strip_prefix("Error: ").unwrap_or(text)
}

/// A deserializer's error text without what it adds that the field path
/// already says: serde_json's " at line L column C", serde-wasm-bindgen's
/// "Error: " (a JS `Error`'s own text).
fn error_text(text: &str) -> String {
    let text = own_text(text);
    match text.rfind(" at line ") {
        Some(i) if text[i..].contains(" column ") => text[..i].to_owned(),
        _ => text.to_owned(),
    }
}

/// A JSON syntax error's text without serde_json's " at line L column C":
/// the field path says more.
pub(crate) fn json_error_text(err: &serde_json::Error) -> String {
    error_text(&err.to_string())
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[allow(dead_code)] // only deserialized
    struct Item {
        #[serde(deserialize_with = "crate::lenient::amount")]
        price: i64,
        #[serde(default)]
        kind: Option<Kind>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    enum Kind {
        Food,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[allow(dead_code)] // only deserialized
    struct Order {
        order_id: String,
        #[serde(default)]
        items: Vec<Item>,
    }

    #[test]
    fn names_the_nested_field_of_a_bad_amount() {
        let err = from_json::<Order>(r#"{"orderId":"a","items":[{"price":1.5}]}"#).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidAmount);
        assert_eq!(err.field(), "items[0].price");
    }

    #[test]
    fn missing_unknown_and_mistyped_fields_are_typed_at_their_path() {
        let err = from_json::<Order>(r#"{}"#).unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::Required, "orderId"));
        let err = from_json::<Order>(r#"{"orderId":"a","items":[{}]}"#).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (ErrorCode::Required, "items[0].price")
        );
        let err = from_json::<Order>(r#"{"orderId":"a","amout":1}"#).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (ErrorCode::InvalidInput, "amout")
        );
        let err = from_json::<Order>(r#"{"orderId":"a","items":[{"price":1,"x":2}]}"#).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (ErrorCode::InvalidInput, "items[0].x")
        );
        let err = from_json::<Order>(r#"{"orderId":5}"#).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (ErrorCode::InvalidInput, "orderId")
        );
        let err = from_json::<Order>(r#"{"orderId":"a","items":[{"price":1,"kind":"toy"}]}"#)
            .unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (ErrorCode::InvalidEnum, "items[0].kind")
        );
    }

    #[test]
    fn a_refusal_serde_discarded_does_not_colour_a_later_error() {
        // A refused amount whose error never reaches the decoder.
        let _ = crate::lenient::amount(&mut serde_json::Deserializer::from_str("1.5"));
        let err = from_json::<Order>(r#"{"orderId":5}"#).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput);
    }

    #[test]
    fn only_json_syntax_errors_lose_their_position_text() {
        let err = from_json::<Order>(r#"{"orderId":"#).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput);
        assert!(!err.message().contains(" at line "), "{err}");
        let err = from_json::<Order>(r#"{"orderId":"a"} x"#).unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::InvalidInput, ""));
        // A value's own text is quoted whole, whatever it says.
        let err =
            from_json::<Order>(r#"{"orderId":"a","items":[{"price":"1 at line 2"}]}"#).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidAmount);
        assert!(err.message().ends_with(r#""1 at line 2""#), "{err}");
    }

    /// A field whose own reader fails with serde's words for an absent
    /// field.
    #[derive(Debug)]
    struct Impostor;

    impl<'de> Deserialize<'de> for Impostor {
        fn deserialize<D: Deserializer<'de>>(_: D) -> std::result::Result<Self, D::Error> {
            Err(serde::de::Error::custom("missing field `orderId`"))
        }
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)] // only deserialized
    struct Holder {
        x: Impostor,
    }

    #[test]
    fn codes_come_from_what_refused_not_from_the_words() {
        let err = from_json::<Holder>(r#"{"x":1}"#).unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::InvalidInput, "x"));
        assert_eq!(err.message(), "missing field `orderId`");
    }
}

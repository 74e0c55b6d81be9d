//! Turning host input (JSON text, JS objects, Python dicts) into core models
//! with typed errors that name the field.
//!
//! Every host first turns its input into a [`Value`] tree (bindings with
//! their host's reader, Rust users who hold JSON through [`from_json`]);
//! [`decode`] then reads the model from it. Wrong types, missing fields and
//! bad numbers all come back as a [`MomoError`] with a stable code and the
//! field's path (`items[0].price`).

use crate::error::{ErrorCode, MomoError, Result};
use crate::lenient::unmark;
use crate::value::Value;
use crate::FromValue;

/// Decodes a model from a host value tree.
pub fn decode<T: FromValue>(value: Value) -> Result<T> {
    read(value, None)
}

/// Decodes a model from a host value tree whose struct keys follow the
/// host's naming: `rename` maps each key of a map that fills a struct
/// (Python's `order_id` to `orderId`). Keys of free-form maps, such as an
/// extraData object, are kept as given. Error paths use the renamed keys.
pub fn decode_renaming<T: FromValue>(value: Value, rename: fn(&str) -> String) -> Result<T> {
    read(value, Some(rename))
}

/// Decodes a model from JSON text.
pub fn from_json<T: FromValue>(text: &str) -> Result<T> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| MomoError::new(ErrorCode::InvalidInput, "", json_error_text(&e)))?;
    decode(value)
}

/// Decodes a bare whole number (epoch milliseconds, codes) by the core's
/// lenient integer rules: a number or a string of digits, exactly.
pub fn decode_integer(value: Value) -> Result<i64> {
    crate::lenient::integer(crate::from_value::ValueDeserializer::new(value))
        .map_err(|err| to_momo_error(err.path(), err.message()))
}

/// Decodes a bare whole VND amount by the core's lenient amount rules
/// (`INVALID_AMOUNT` when it is not one).
pub fn decode_amount(value: Value) -> Result<i64> {
    crate::lenient::amount(crate::from_value::ValueDeserializer::new(value))
        .map_err(|err| to_momo_error(err.path(), err.message()))
}

fn read<T: FromValue>(value: Value, keys: Option<fn(&str) -> String>) -> Result<T> {
    T::from_value(value, keys).map_err(|err| to_momo_error(err.path(), err.message()))
}

/// Maps one decoding error text (at `path`) to a typed error.
fn to_momo_error(path: String, text: &str) -> MomoError {
    if let Some((code, message)) = unmark(text) {
        return MomoError::new(code, path, message);
    }
    if let Some(field) = between(text, "missing field `", "`") {
        let field = join(&path, field);
        return MomoError::new(ErrorCode::Required, field, "is required");
    }
    if text.starts_with("unknown field `") {
        // The decoder already put the unknown field on the path.
        return MomoError::new(ErrorCode::InvalidInput, path, "is not a known field");
    }
    if text.starts_with("unknown variant") {
        return MomoError::new(ErrorCode::InvalidEnum, path, text);
    }
    MomoError::new(ErrorCode::InvalidInput, path, text)
}

/// A JSON syntax error's text without serde_json's " at line L column C":
/// the field path says more. (Decoding errors come from the Value tree: no
/// position.)
pub(crate) fn json_error_text(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
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

    #[derive(Debug, FromValue)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[allow(dead_code)] // only deserialized
    struct Item {
        #[serde(deserialize_with = "crate::lenient::amount")]
        price: i64,
    }

    #[derive(Debug, FromValue)]
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
    fn missing_and_unknown_fields_are_typed() {
        let err = from_json::<Order>(r#"{}"#).unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::Required, "orderId"));
        let err = from_json::<Order>(r#"{"orderId":"a","amout":1}"#).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (ErrorCode::InvalidInput, "amout")
        );
        let err = from_json::<Order>(r#"{"orderId":5}"#).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (ErrorCode::InvalidInput, "orderId")
        );
    }

    #[test]
    fn only_json_syntax_errors_lose_their_position_text() {
        let err = from_json::<Order>(r#"{"orderId":"#).unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::InvalidInput, ""));
        assert!(!err.message().contains(" at line "), "{err}");
        // A value's own text is quoted whole, whatever it says.
        let err =
            from_json::<Order>(r#"{"orderId":"a","items":[{"price":"1 at line 2"}]}"#).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidAmount);
        assert!(err.message().ends_with(r#""1 at line 2""#), "{err}");
    }
}

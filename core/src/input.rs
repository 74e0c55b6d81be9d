//! Turning host input (JSON text, JS objects, Python dicts) into core models
//! with typed errors that name the field.
//!
//! Bindings hand their host's deserializer to [`decode`]; Rust users who hold
//! JSON use [`from_json`]. Wrong types, missing fields and bad numbers all
//! come back as a [`MomoError`] with a stable code and a field path.

use serde::de::{Deserialize, DeserializeOwned, Deserializer};

use crate::error::{ErrorCode, MomoError, Result};
use crate::lenient::unmark;

/// Decodes a model from any serde deserializer, mapping failures to
/// [`MomoError`] with the path of the offending field.
pub fn decode<'de, T, D>(deserializer: D) -> Result<T>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
    D::Error: std::fmt::Display,
{
    serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let path = clean_path(&err.path().to_string());
        to_momo_error(path, &err.inner().to_string())
    })
}

/// Decodes a model from JSON text.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = decode(&mut de)?;
    de.end()
        .map_err(|e| MomoError::new(ErrorCode::InvalidInput, "", strip_position(&e.to_string())))?;
    Ok(value)
}

/// serde_path_to_error writes `.` for the root; we want an empty path.
fn clean_path(path: &str) -> String {
    if path == "." {
        String::new()
    } else {
        path.to_owned()
    }
}

/// Maps one serde error text (at `path`) to a typed error.
fn to_momo_error(path: String, text: &str) -> MomoError {
    let text = strip_position(text);
    if let Some((code, message)) = unmark(&text) {
        return MomoError::new(code, path, message);
    }
    if let Some(field) = between(&text, "missing field `", "`") {
        let field = join(&path, field);
        return MomoError::new(ErrorCode::Required, field, "is required");
    }
    if text.starts_with("unknown field `") {
        // serde_path_to_error already put the unknown field on the path.
        return MomoError::new(ErrorCode::InvalidInput, path, "is not a known field");
    }
    if text.starts_with("unknown variant") {
        return MomoError::new(ErrorCode::InvalidEnum, path, text);
    }
    MomoError::new(ErrorCode::InvalidInput, path, text)
}

/// serde_json appends " at line L column C"; the field path says more.
fn strip_position(text: &str) -> String {
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text.to_owned(),
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
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[allow(dead_code)] // only deserialized
    struct Item {
        #[serde(deserialize_with = "crate::lenient::amount")]
        price: i64,
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
}

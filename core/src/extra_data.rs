//! `extraData`: base64 of a JSON object (seed 002: `{"username": "momo"}`
//! is sent as `eyJ1c2VybmFtZSI6ICJtb21vIn0=`), or empty.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::Value;

use crate::error::{ErrorCode, MomoError, Result};

/// Encodes JSON object text as extraData (standard, padded base64). The
/// text is kept byte for byte, so the caller controls spacing and order.
pub fn encode(json_object: &str) -> Result<String> {
    parse_object("extraData", json_object)?;
    Ok(STANDARD.encode(json_object.as_bytes()))
}

/// Encodes a JSON value (must be an object) as compact JSON in base64.
pub fn encode_value(value: &Value) -> Result<String> {
    if !value.is_object() {
        return Err(not_object("extraData"));
    }
    Ok(STANDARD.encode(value.to_string().as_bytes()))
}

/// Decodes extraData to its JSON object text; empty gives `{}`.
pub fn decode(extra_data: &str) -> Result<String> {
    if extra_data.trim().is_empty() {
        return Ok("{}".to_owned());
    }
    // Standard alphabet, canonical `=` padding, no stray trailing bits.
    let bytes = STANDARD.decode(extra_data.trim()).map_err(|e| {
        MomoError::new(
            ErrorCode::InvalidBase64,
            "extraData",
            format!("is not standard base64: {e}"),
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        MomoError::new(
            ErrorCode::InvalidBase64,
            "extraData",
            "does not decode to UTF-8 text",
        )
    })?;
    parse_object("extraData", &text)?;
    Ok(text)
}

/// Checks that a value about to be sent as extraData is empty or decodes.
pub(crate) fn check(extra_data: &str) -> Result<()> {
    decode(extra_data).map(|_| ())
}

fn parse_object(field: &str, text: &str) -> Result<Value> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| MomoError::new(ErrorCode::InvalidInput, field, format!("is not JSON: {e}")))?;
    if !value.is_object() {
        return Err(not_object(field));
    }
    Ok(value)
}

fn not_object(field: &str) -> MomoError {
    MomoError::new(ErrorCode::InvalidInput, field, "must be a JSON object")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_example_round_trips() {
        assert_eq!(
            encode(r#"{"username": "momo"}"#).unwrap(),
            "eyJ1c2VybmFtZSI6ICJtb21vIn0="
        );
        assert_eq!(
            decode("eyJ1c2VybmFtZSI6ICJtb21vIn0=").unwrap(),
            r#"{"username": "momo"}"#
        );
        assert_eq!(decode("").unwrap(), "{}");
    }

    #[test]
    fn bad_extra_data_is_typed() {
        assert_eq!(decode("***").unwrap_err().code(), ErrorCode::InvalidBase64);
        assert_eq!(decode("WzFd").unwrap_err().code(), ErrorCode::InvalidInput); // "[1]"
        assert_eq!(encode("[1]").unwrap_err().code(), ErrorCode::InvalidInput);
    }
}

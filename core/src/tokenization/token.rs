//! What plaintext is RSA-encrypted into tokenization/pay's `token`.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::json_text::to_json;

/// Plaintext shape of the encrypted token.
///
/// Seed 002 documents `{"value":"<token>"}` ("Data of token before
/// encrypted: value"); other MoMo flows encrypt the raw value, so the shape
/// is selectable (PROTOCOL.md section 2).
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TokenEnvelope {
    /// `{"value":"<token>"}` (the seed's shape, the default).
    #[default]
    ValueJson,
    /// The token text itself.
    Raw,
}

impl TokenEnvelope {
    /// The plaintext to encrypt for `token`.
    pub fn plaintext(self, token: &str) -> Result<String> {
        match self {
            Self::ValueJson => to_json("token", &serde_json::json!({ "value": token })),
            Self::Raw => Ok(token.to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_json_escapes() {
        assert_eq!(
            TokenEnvelope::ValueJson.plaintext("a\"b").unwrap(),
            r#"{"value":"a\"b"}"#
        );
        assert_eq!(TokenEnvelope::Raw.plaintext("abc").unwrap(), "abc");
    }
}

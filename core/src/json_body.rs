//! Request bodies written as compact JSON, field by field.
//!
//! What is signed is what is sent, so a body is written once, in the
//! field order MoMo's examples use, and then never touched. The output is
//! byte for byte what `serde_json::to_string` gives for the same fields
//! (tested against it): strings are kept as UTF-8, with `"`, `\` and
//! control characters escaped the way serde_json escapes them.
//!
//! Writing the fields directly, rather than through a derived `Serialize`
//! for each body, keeps the npm package's signing path short: there every
//! layer of serde's generic code is a function call (the .wasm is built for
//! size).

use serde::Serialize;

use crate::error::{ErrorCode, MomoError, Result};

/// A JSON object being written.
pub(crate) struct JsonBody {
    out: String,
}

impl JsonBody {
    /// An empty object with room for `capacity` bytes.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        let mut out = String::with_capacity(capacity);
        out.push('{');
        Self { out }
    }

    /// `"key":` after a comma when needed. Keys are MoMo's field names:
    /// ASCII letters only, so they need no escaping.
    fn key(&mut self, key: &str) {
        debug_assert!(key.bytes().all(|b| b.is_ascii_alphanumeric()), "{key}");
        if self.out.len() > 1 {
            self.out.push(',');
        }
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\":");
    }

    /// A string field.
    pub(crate) fn str(&mut self, key: &str, value: &str) -> &mut Self {
        self.key(key);
        escaped(&mut self.out, value);
        self
    }

    /// A string field, left out when `None`.
    pub(crate) fn opt_str(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        if let Some(value) = value {
            self.str(key, value);
        }
        self
    }

    /// An integer field.
    pub(crate) fn int(&mut self, key: &str, value: i64) -> &mut Self {
        self.key(key);
        self.out.push_str(itoa::Buffer::new().format(value));
        self
    }

    /// An integer field, left out when `None`.
    pub(crate) fn opt_int(&mut self, key: &str, value: Option<i64>) -> &mut Self {
        if let Some(value) = value {
            self.int(key, value);
        }
        self
    }

    /// A boolean field, left out when `None`.
    pub(crate) fn opt_bool(&mut self, key: &str, value: Option<bool>) -> &mut Self {
        if let Some(value) = value {
            self.key(key);
            self.out.push_str(if value { "true" } else { "false" });
        }
        self
    }

    /// A nested model (an item list, a sale info), by its serde form.
    pub(crate) fn model<T: Serialize + ?Sized>(
        &mut self,
        key: &str,
        value: &T,
    ) -> Result<&mut Self> {
        let text = model_text(key, value)?;
        self.key(key);
        self.out.push_str(&text);
        Ok(self)
    }

    /// A list field, left out when empty.
    pub(crate) fn non_empty<T: Serialize>(&mut self, key: &str, items: &[T]) -> Result<&mut Self> {
        if !items.is_empty() {
            self.model(key, items)?;
        }
        Ok(self)
    }

    /// The finished JSON text.
    pub(crate) fn finish(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

/// A model's compact JSON text by its serde form (escaping as above, UTF-8
/// kept); an error names `field`.
pub(crate) fn model_text<T: Serialize + ?Sized>(field: &str, value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| MomoError::new(ErrorCode::Internal, field, e.to_string()))
}

/// The most bytes [`JsonBody::str`] can write for `value`, quotes
/// included: every byte may become six (`\u00xx`). Bodies that hold a
/// secret reserve this, so they never grow and free a partial copy.
pub(crate) fn max_quoted_len(value: &str) -> usize {
    2 + 6 * value.len()
}

/// `value` as a JSON string: quoted, with `"`, `\` and control characters
/// escaped as serde_json does (`\b \t \n \f \r`, others `\u00xx`); runs of
/// other characters are copied whole.
fn escaped(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let bytes = value.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x09 => "\\t",
            0x0a => "\\n",
            0x0c => "\\f",
            0x0d => "\\r",
            0x00..=0x1f => "",
            _ => continue,
        };
        // `i` is an ASCII byte, so both cuts fall on character boundaries.
        if run < i {
            out.push_str(&value[run..i]);
        }
        run = i + 1;
        if short.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(short);
        }
    }
    out.push_str(&value[run..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_in_order_with_absent_ones_left_out() {
        let mut body = JsonBody::with_capacity(8);
        body.str("a", "x")
            .opt_str("b", None)
            .int("c", -9_007_199_254_740_991)
            .opt_int("d", Some(0))
            .opt_bool("e", Some(false))
            .opt_bool("f", None);
        body.non_empty::<i64>("g", &[]).unwrap();
        body.non_empty("h", &[1, 2]).unwrap();
        assert_eq!(
            body.finish(),
            r#"{"a":"x","c":-9007199254740991,"d":0,"e":false,"h":[1,2]}"#
        );
        assert_eq!(JsonBody::with_capacity(0).finish(), "{}");
    }

    #[test]
    fn every_byte_escapes_as_serde_json_does() {
        let all: String = (0u8..0x80)
            .map(char::from)
            .chain("Cửa hàng ☕🧾".chars())
            .collect();
        for text in [all.as_str(), "", "\"", "\\\\", "end\u{1f}", "Quận 1"] {
            let mut body = JsonBody::with_capacity(0);
            body.str("k", text);
            let written = body.finish();
            // `{"k":` and `}` around the quoted value.
            assert!(written.len() - 6 <= max_quoted_len(text), "{text:?}");
            assert_eq!(
                written,
                serde_json::json!({ "k": text }).to_string(),
                "{text:?}"
            );
        }
        let controls = "\u{1}".repeat(9);
        assert_eq!(
            max_quoted_len(&controls),
            quoted_len_of(&controls),
            "the bound is reached"
        );
    }

    fn quoted_len_of(text: &str) -> usize {
        let mut body = JsonBody::with_capacity(0);
        body.str("k", text);
        body.finish().len() - 6
    }
}

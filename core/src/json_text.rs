//! Request bodies as JSON text. Each operation declares its body as a
//! `#[derive(Serialize)]` struct whose fields are in the order MoMo's own
//! samples send them (optional ones skipped when absent); `serde_json`
//! writes it, UTF-8 kept and escaped as JSON requires. The body is written
//! once, after signing, so what is signed is what is sent.

use serde::Serialize;

use crate::error::{ErrorCode, MomoError, Result};

/// The compact JSON text of `body`; a serializer error (none is expected
/// for these plain structs) is `INTERNAL` on `field`.
pub(crate) fn to_json<T: Serialize + ?Sized>(field: &str, body: &T) -> Result<String> {
    to_json_in(Vec::new(), field, body)
}

/// [`to_json`] written into `buffer`: a body that holds a secret passes a
/// buffer with room for the longest escaping of it, so no reallocation
/// frees a partial copy of the secret unzeroed.
pub(crate) fn to_json_in<T: Serialize + ?Sized>(
    mut buffer: Vec<u8>,
    field: &str,
    body: &T,
) -> Result<String> {
    serde_json::to_writer(&mut buffer, body)
        .map_err(|e| MomoError::new(ErrorCode::Internal, field, e.to_string()))?;
    String::from_utf8(buffer)
        .map_err(|_| MomoError::new(ErrorCode::Internal, field, "serde_json wrote non-UTF-8"))
}

/// The most bytes `serde_json` can write for the string `value`, quotes
/// included: every byte may become six (`\u00xx`).
pub(crate) fn max_quoted_len(value: &str) -> usize {
    2 + 6 * value.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Body<'a> {
        order_id: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        store_id: Option<&'a str>,
        amount: i64,
    }

    #[test]
    fn fields_in_declared_order_absent_ones_left_out() {
        let text = to_json(
            "body",
            &Body {
                order_id: "a\"\\\u{1}é\u{2028}",
                store_id: None,
                amount: -5,
            },
        )
        .unwrap();
        assert_eq!(
            text,
            "{\"orderId\":\"a\\\"\\\\\\u0001é\u{2028}\",\"amount\":-5}"
        );
    }

    #[test]
    fn the_longest_escaping_fits_the_reserved_room() {
        let secret = "\u{1}\u{1f}\"\\";
        let room = 2 + max_quoted_len(secret);
        let text = to_json_in(Vec::with_capacity(room), "s", &[secret]).unwrap();
        assert!(text.len() <= room, "{text}");
    }
}

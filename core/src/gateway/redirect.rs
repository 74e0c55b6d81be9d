//! The redirect: after the payment, MoMo sends the customer's browser (or
//! app) to the redirectUrl with the payment notification's fields in the
//! query string, URL-encoded, plus their signature (PROTOCOL.md 1b; MoMo's
//! "Payment Notification" page,
//! <https://developers.momo.vn/v3/docs/payment/api/result-handling/notification>).
//!
//! It is verified exactly as the IPN is (PROTOCOL.md 1a): the values are
//! URL-decoded first, then the IPN's fixed list of signed fields, and only
//! it, is rebuilt into the raw string (accessKey from the configuration).
//! The redirect only tells the customer what happened: the IPN (or a
//! query) remains the partner's record of the payment.

use crate::client::MomoClient;
use crate::error::{ErrorCode, MomoError, Result};
use crate::gateway::PaymentNotification;
use serde_json::Value;

impl MomoClient {
    /// Verifies the query string MoMo appended to the redirectUrl (with or
    /// without its leading `?`): `k=v` pairs split on `&`, keys and values
    /// percent-decoded as UTF-8 with `+` read as a space. A pair without
    /// `=`, a malformed `%` escape or an escape that is not UTF-8 is
    /// `INVALID_INPUT`; a key named twice is `DUPLICATE_FIELD`. Then as
    /// [`verify_redirect_params`](Self::verify_redirect_params).
    pub fn verify_redirect(&self, query: &str) -> Result<PaymentNotification> {
        self.verify_redirect_params(parse_query_string(query)?)
    }

    /// Verifies the redirect's parameters as a host's web framework already
    /// decoded them (name, value; every pair, duplicates kept) against the
    /// payment notification's fixed list of signed fields, in constant time.
    /// Check orderId, amount and partnerCode against your own order, as for
    /// [`verify_ipn`](Self::verify_ipn).
    pub fn verify_redirect_params(
        &self,
        params: Vec<(String, String)>,
    ) -> Result<PaymentNotification> {
        self.verify_notification(
            params
                .into_iter()
                .map(|(k, v)| (k, Value::String(v)))
                .collect(),
        )
    }
}

/// The pairs of a URL query string, percent-decoded (`+` is a space).
/// Empty segments (`a=1&&b=2`, a trailing `&`) are skipped, as browsers and
/// URL parsers do.
pub(crate) fn parse_query_string(query: &str) -> Result<Vec<(String, String)>> {
    let query = query.strip_prefix('?').unwrap_or(query);
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let Some((key, value)) = pair.split_once('=') else {
                return Err(MomoError::new(
                    ErrorCode::InvalidInput,
                    "query",
                    format!("a parameter has no '=': {:?}", cut(pair)),
                ));
            };
            let key = decode(key, "query")?;
            let value = decode(value, &key)?;
            Ok((key, value))
        })
        .collect()
}

/// One percent-encoded component, `+` as a space. Every `%` must start a
/// two-hex-digit escape, and the bytes must be UTF-8.
fn decode(text: &str, field: &str) -> Result<String> {
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices('%') {
        let ok = bytes.len() > i + 2
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit();
        if !ok {
            return Err(MomoError::new(
                ErrorCode::InvalidInput,
                field,
                "has a '%' that is not followed by two hex digits",
            ));
        }
    }
    let spaced = text.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8()
        .map(|decoded| decoded.into_owned())
        .map_err(|_| {
            MomoError::new(
                ErrorCode::InvalidInput,
                field,
                "is not UTF-8 once percent-decoded",
            )
        })
}

/// A short, quoted piece of attacker-controlled text for an error message.
fn cut(text: &str) -> String {
    text.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_pairs_plus_and_utf8() {
        let pairs = parse_query_string("?a=x+y%26z&b=&c=%C4%91%C6%A1n&&").unwrap();
        assert_eq!(
            pairs,
            [
                ("a".to_owned(), "x y&z".to_owned()),
                ("b".to_owned(), String::new()),
                ("c".to_owned(), "đơn".to_owned()),
            ]
        );
        assert_eq!(
            parse_query_string("a=%2B1").unwrap()[0].1,
            "+1",
            "an encoded plus stays a plus"
        );
        assert!(parse_query_string("").unwrap().is_empty());
    }

    #[test]
    fn refuses_malformed_input() {
        for (query, field) in [
            ("a=1&b", "query"),
            ("a=%zz", "a"),
            ("a=%4", "a"),
            ("a=%", "a"),
            ("a=%C4", "a"),
            ("a=%FF", "a"),
            ("%FF=1", "query"),
        ] {
            let err = parse_query_string(query).unwrap_err();
            assert_eq!(
                (err.code(), err.field()),
                (ErrorCode::InvalidInput, field),
                "{query}"
            );
        }
    }
}

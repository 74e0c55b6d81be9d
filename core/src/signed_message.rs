//! Verifying a message MoMo signed (a payment notification; the redirect's
//! query string uses the same list) by a fixed field list, never by the
//! message's own keys (PROTOCOL.md section 1a).
//!
//! MoMo's raw string `k=v&k=v` has no escaping, so a verifier that takes
//! field names from the message lets the message choose where the `&` and
//! `=` boundaries fall: a signed FAILED notification whose `orderInfo` holds
//! `x&resultCode=0&z` could be re-cut into a SUCCESS one with the same
//! signature. Here the raw string is rebuilt from the typed values of
//! exactly the fields of a [`SignedFields`] list:
//!
//! - every listed field must be present once (absent: `REQUIRED`); a key
//!   named twice anywhere in the message is `DUPLICATE_FIELD`, whatever
//!   the order of the two;
//! - text fields must be strings (`null` reads as empty), number fields
//!   whole numbers by the core's lenient rules, written back as decimal
//!   digits, so the signature covers the value the caller acts on;
//! - keys outside the list are ignored: they enter neither the signature
//!   nor the verified values;
//! - accessKey comes from the caller's configuration, never the message;
//! - the signature must be exactly 64 lowercase hex digits (what MoMo
//!   sends) and is compared in constant time.

use crate::error::{ErrorCode, MomoError, Result};
use crate::hmac_sha256::HmacKey;
use crate::signing::{raw_string, verify};
use serde_json::Value;

/// How a signed field's value is read and written into the raw string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldKind {
    /// A JSON string (`null` is empty); a whitespace-only value is empty.
    Text,
    /// A whole number that is not money (codes, ids, epoch milliseconds).
    Integer,
    /// A whole VND amount.
    Amount,
}

/// One message kind's signed fields (accessKey aside), sorted by name.
pub(crate) type SignedFields = [(&'static str, FieldKind)];

/// A signed field's typed value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Typed {
    /// A text value, whitespace-only read as empty.
    Text(String),
    /// A whole number.
    Integer(i64),
}

/// The typed values of a verified message, in the list's order, and the
/// signature that covered them.
#[derive(Debug)]
pub(crate) struct Verified {
    values: Vec<(&'static str, Typed)>,
    /// The signature that matched (lowercase hex).
    pub signature: String,
}

impl Verified {
    /// The text value of `name` (empty if it is not a text field of the list).
    pub fn text(&mut self, name: &str) -> String {
        match self.values.iter_mut().find(|(n, _)| *n == name) {
            Some((_, Typed::Text(text))) => std::mem::take(text),
            _ => String::new(),
        }
    }

    /// The number value of `name` (0 if it is not a number field of the list).
    pub fn integer(&self, name: &str) -> i64 {
        match self.values.iter().find(|(n, _)| *n == name) {
            Some((_, Typed::Integer(v))) => *v,
            _ => 0,
        }
    }
}

/// Verifies the entries of a signed message (an object's keys and values,
/// in order, duplicates kept) against `fields`, with the partner's
/// accessKey and HMAC key.
pub(crate) fn verify_entries(
    entries: Vec<(String, Value)>,
    fields: &'static SignedFields,
    access_key: &str,
    key: &HmacKey,
) -> Result<Verified> {
    refuse_duplicates(&entries)?;
    let mut entries = entries;
    let signature = take_signature(&mut entries)?;
    let mut values = Vec::with_capacity(fields.len());
    for &(name, kind) in fields {
        let value = match entries.iter().position(|(k, _)| k == name) {
            Some(at) => entries.swap_remove(at).1,
            None => {
                return Err(MomoError::new(
                    ErrorCode::Required,
                    name,
                    "is a signed field and is missing from the message",
                ))
            }
        };
        values.push((name, typed(name, kind, value)?));
    }
    let texts: Vec<(&str, String)> = values
        .iter()
        .map(|(name, value)| {
            let text = match value {
                Typed::Text(t) => t.clone(),
                Typed::Integer(v) => v.to_string(),
            };
            (*name, text)
        })
        .collect();
    let mut raw_fields: Vec<(&str, &str)> = texts.iter().map(|(n, v)| (*n, v.as_str())).collect();
    raw_fields.push(("accessKey", access_key));
    let raw = raw_string(&raw_fields);
    if !verify(key, &raw, &signature) {
        return Err(MomoError::new(
            ErrorCode::SignatureMismatch,
            "signature",
            format!("does not match the message; signed raw string: {raw}"),
        ));
    }
    Ok(Verified { values, signature })
}

/// Any key named twice is refused: two readings of one message (first
/// wins, last wins) would disagree about what was signed.
fn refuse_duplicates(entries: &[(String, Value)]) -> Result<()> {
    let mut names: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
    names.sort_unstable();
    match names.windows(2).find(|w| w[0] == w[1]) {
        Some(w) => Err(MomoError::new(
            ErrorCode::DuplicateField,
            w[0],
            "appears more than once in a signed message",
        )),
        None => Ok(()),
    }
}

/// The message's signature: present, a string of exactly 64 lowercase hex
/// digits. Anything else (upper case, padding, another length) is refused
/// as not matching, without computing anything.
fn take_signature(entries: &mut Vec<(String, Value)>) -> Result<String> {
    let at = entries.iter().position(|(k, _)| k == "signature");
    let Some(at) = at else {
        return Err(MomoError::new(
            ErrorCode::Required,
            "signature",
            "the message has no signature",
        ));
    };
    match entries.swap_remove(at).1 {
        Value::String(s) if is_lower_hex_64(&s) => Ok(s),
        Value::String(s) if s.trim().is_empty() => Err(MomoError::new(
            ErrorCode::Required,
            "signature",
            "the message has no signature",
        )),
        _ => Err(MomoError::new(
            ErrorCode::SignatureMismatch,
            "signature",
            "is not 64 lowercase hex digits (an HMAC-SHA256 as MoMo writes it)",
        )),
    }
}

fn is_lower_hex_64(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Reads one signed field's value by its kind.
fn typed(name: &str, kind: FieldKind, value: Value) -> Result<Typed> {
    match kind {
        FieldKind::Text => match value {
            Value::Null => Ok(Typed::Text(String::new())),
            Value::String(s) if s.trim().is_empty() => Ok(Typed::Text(String::new())),
            Value::String(s) => Ok(Typed::Text(s)),
            _ => Err(MomoError::new(
                ErrorCode::InvalidInput,
                name,
                "must be a string in a signed message",
            )),
        },
        FieldKind::Integer | FieldKind::Amount => {
            if value == Value::Null {
                return Err(MomoError::new(
                    ErrorCode::Required,
                    name,
                    "is a signed field and is null",
                ));
            }
            let read = if kind == FieldKind::Amount {
                crate::input::decode_amount(value)
            } else {
                crate::input::decode_integer(value)
            };
            read.map(Typed::Integer).map_err(|e| e.within(name))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::hmac_sha256_hex;

    const FIELDS: &SignedFields = &[
        ("amount", FieldKind::Amount),
        ("orderInfo", FieldKind::Text),
        ("resultCode", FieldKind::Integer),
    ];

    fn key() -> HmacKey {
        HmacKey::new(b"secret")
    }

    fn entries(json: &str) -> Vec<(String, Value)> {
        crate::gateway::ipn::object_entries(json).unwrap()
    }

    fn sign(raw: &str) -> String {
        hmac_sha256_hex(b"secret", raw)
    }

    #[test]
    fn rebuilds_the_raw_string_from_typed_values() {
        let sig = sign("accessKey=AK&amount=5000&orderInfo=a & b&resultCode=0");
        let body = format!(
            r#"{{"resultCode":"0","amount":5000,"orderInfo":"a & b","extra":"x","signature":"{sig}"}}"#
        );
        let mut v = verify_entries(entries(&body), FIELDS, "AK", &key()).unwrap();
        assert_eq!(v.integer("amount"), 5000);
        assert_eq!(v.integer("resultCode"), 0);
        assert_eq!(v.text("orderInfo"), "a & b");
        assert_eq!(v.text("extra"), "", "keys outside the list are not kept");
    }

    #[test]
    fn a_recut_message_does_not_verify() {
        // Signed: orderInfo "hi&resultCode=0&z", resultCode 1006.
        let sig = sign("accessKey=AK&amount=5000&orderInfo=hi&resultCode=0&z&resultCode=1006");
        let body = format!(
            r#"{{"amount":5000,"orderInfo":"hi","resultCode":0,"z&resultCode":"1006","signature":"{sig}"}}"#
        );
        let err = verify_entries(entries(&body), FIELDS, "AK", &key()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::SignatureMismatch);
    }

    #[test]
    fn duplicates_missing_fields_and_odd_signatures_are_refused() {
        let sig = sign("accessKey=AK&amount=5000&orderInfo=&resultCode=0");
        for (body, code, field) in [
            (
                format!(
                    r#"{{"amount":5000,"orderInfo":"","resultCode":0,"resultCode":1,"signature":"{sig}"}}"#
                ),
                ErrorCode::DuplicateField,
                "resultCode",
            ),
            (
                format!(
                    r#"{{"resultCode":1,"amount":5000,"orderInfo":"","resultCode":0,"signature":"{sig}"}}"#
                ),
                ErrorCode::DuplicateField,
                "resultCode",
            ),
            (
                format!(r#"{{"amount":5000,"resultCode":0,"signature":"{sig}"}}"#),
                ErrorCode::Required,
                "orderInfo",
            ),
            (
                format!(r#"{{"amount":null,"orderInfo":"","resultCode":0,"signature":"{sig}"}}"#),
                ErrorCode::Required,
                "amount",
            ),
            (
                format!(
                    r#"{{"amount":5000,"orderInfo":"","resultCode":0,"signature":"{}"}}"#,
                    sig.to_uppercase()
                ),
                ErrorCode::SignatureMismatch,
                "signature",
            ),
            (
                format!(r#"{{"amount":5000,"orderInfo":"","resultCode":0,"signature":" {sig}"}}"#),
                ErrorCode::SignatureMismatch,
                "signature",
            ),
            (
                r#"{"amount":5000,"orderInfo":"","resultCode":0}"#.to_owned(),
                ErrorCode::Required,
                "signature",
            ),
            (
                format!(r#"{{"amount":5000,"orderInfo":7,"resultCode":0,"signature":"{sig}"}}"#),
                ErrorCode::InvalidInput,
                "orderInfo",
            ),
            (
                format!(
                    r#"{{"amount":" 5000","orderInfo":"","resultCode":0,"signature":"{sig}"}}"#
                ),
                ErrorCode::InvalidAmount,
                "amount",
            ),
        ] {
            let err = verify_entries(entries(&body), FIELDS, "AK", &key()).unwrap_err();
            assert_eq!((err.code(), err.field()), (code, field), "{body}: {err}");
        }
    }

    #[test]
    fn whitespace_only_text_is_signed_and_kept_empty() {
        let sig = sign("accessKey=AK&amount=5000&orderInfo=&resultCode=0");
        let body =
            format!(r#"{{"amount":5000,"orderInfo":" \t","resultCode":0,"signature":"{sig}"}}"#);
        let mut v = verify_entries(entries(&body), FIELDS, "AK", &key()).unwrap();
        assert_eq!(v.text("orderInfo"), "");
    }
}

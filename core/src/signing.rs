//! MoMo's HMAC-SHA256 request signature.
//!
//! The raw string is `k1=v1&k2=v2&...` over the endpoint's signed fields,
//! sorted by name, every field written even when empty, values neither
//! trimmed nor URL-encoded (a whitespace-only value counts as empty). The
//! signature is the lowercase hex HMAC-SHA256 of that UTF-8 text keyed with
//! the partner's secretKey.

use subtle::ConstantTimeEq;

use crate::hmac_sha256::HmacKey;
use crate::secret::Secret;

/// The raw string and its signature, kept together so users can compare our
/// raw string with the one MoMo echoes on resultCode 20.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// The exact text that was signed.
    pub raw: String,
    /// Lowercase hex HMAC-SHA256 of `raw`.
    pub signature: String,
}

/// Builds the raw signature string from `(name, value)` pairs: sorted by
/// name (byte order, which is a-z for MoMo's ASCII names), joined with `&`.
pub fn raw_string(fields: &[(&str, &str)]) -> String {
    let len = fields.iter().map(|(n, v)| n.len() + v.len() + 2).sum();
    let mut raw = String::with_capacity(len);
    // Operations list their fields already sorted; only others are sorted.
    if fields.windows(2).all(|w| w[0].0 <= w[1].0) {
        write_pairs(&mut raw, fields.iter());
    } else {
        let mut sorted: Vec<&(&str, &str)> = fields.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        write_pairs(&mut raw, sorted.into_iter());
    }
    raw
}

/// `name=value` pairs joined with `&`; a blank value is written empty.
fn write_pairs<'a>(raw: &mut String, pairs: impl Iterator<Item = &'a (&'a str, &'a str)>) {
    for (i, (name, value)) in pairs.enumerate() {
        if i > 0 {
            raw.push('&');
        }
        raw.push_str(name);
        raw.push('=');
        if !value.trim().is_empty() {
            raw.push_str(value);
        }
    }
}

/// The value of an optional free-text signed field as it is both signed and
/// sent: a whitespace-only value (spaces, tabs, U+2028, U+3000: any Unicode
/// `White_Space`) is `""`. MoMo signs such a value as empty, so sending it
/// as given would send `" "` signed as `""`.
pub fn blank_as_empty(value: &str) -> &str {
    if value.trim().is_empty() {
        ""
    } else {
        value
    }
}

/// Lowercase hex HMAC-SHA256 of `message` keyed with `key`.
pub fn hmac_sha256_hex(key: &[u8], message: &str) -> String {
    hex(&HmacKey::new(key).mac(message.as_bytes()))
}

/// The HMAC key of a partner's secretKey, prepared once and kept (by the
/// client) for every request it signs.
pub fn key_of(secret_key: &Secret) -> HmacKey {
    HmacKey::new(secret_key.expose().as_bytes())
}

/// Signs the given fields with the (prepared) secret key.
pub fn sign(key: &HmacKey, fields: &[(&str, &str)]) -> Signed {
    let raw = raw_string(fields);
    let signature = hex(&key.mac(raw.as_bytes()));
    Signed { raw, signature }
}

/// Checks a hex signature against `raw` in constant time (case-insensitive
/// hex; any malformed signature simply does not match).
pub fn verify(key: &HmacKey, raw: &str, signature_hex: &str) -> bool {
    let expected = key.mac(raw.as_bytes());
    match unhex(signature_hex.trim()) {
        Some(given) if given.len() == expected.len() => given.ct_eq(&expected).into(),
        _ => false,
    }
}

fn hex(bytes: &[u8; 32]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut digits = [0u8; 64];
    for (pair, b) in digits.chunks_exact_mut(2).zip(bytes) {
        pair[0] = DIGITS[usize::from(b >> 4)];
        pair[1] = DIGITS[usize::from(b & 0x0f)];
    }
    // Written into an array, then copied once: a push per digit is a call
    // each in the size-tuned .wasm.
    std::str::from_utf8(&digits)
        .expect("hex digits are ASCII")
        .to_owned()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    let nibble = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    text.as_bytes()
        .chunks(2)
        .map(|pair| Some(nibble(pair[0])? << 4 | nibble(pair[1])?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_string_sorts_and_keeps_empty_fields() {
        let raw = raw_string(&[("b", "2"), ("a", "x y&z"), ("c", ""), ("d", "  ")]);
        assert_eq!(raw, "a=x y&z&b=2&c=&d=");
    }

    #[test]
    fn blank_values_are_empty_and_others_kept_whole() {
        for blank in ["", " ", "\t", "\u{2028}", " \u{3000}\n"] {
            assert_eq!(blank_as_empty(blank), "", "{blank:?}");
        }
        assert_eq!(blank_as_empty(" a "), " a ");
    }

    #[test]
    fn rfc4231_case_2() {
        // RFC 4231 test case 2: key "Jefe".
        let sig = hmac_sha256_hex(b"Jefe", "what do ya want for nothing?");
        assert_eq!(
            sig,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn raw_string_of_unsorted_fields_equals_sorted() {
        let sorted = raw_string(&[("a", "1"), ("b", ""), ("c", "3")]);
        assert_eq!(sorted, "a=1&b=&c=3");
        assert_eq!(raw_string(&[("c", "3"), ("a", "1"), ("b", " ")]), sorted);
        assert_eq!(raw_string(&[]), "");
    }

    #[test]
    fn verify_accepts_upper_case_and_rejects_garbage() {
        let key = key_of(&Secret::new("k"));
        let good = hmac_sha256_hex(b"k", "m");
        assert!(verify(&key, "m", &good));
        assert!(verify(&key, "m", &good.to_uppercase()));
        assert!(!verify(&key, "m2", &good));
        assert!(!verify(&key, "m", "zz"));
        assert!(!verify(&key, "m", &good[..62]));
    }
}

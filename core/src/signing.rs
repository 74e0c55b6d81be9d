//! MoMo's HMAC-SHA256 request signature.
//!
//! The raw string is `k1=v1&k2=v2&...` over the endpoint's signed fields,
//! sorted by name, every field written even when empty, values neither
//! trimmed nor URL-encoded (a whitespace-only value counts as empty). The
//! signature is the lowercase hex HMAC-SHA256 of that UTF-8 text keyed with
//! the partner's secretKey.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::secret::Secret;

type HmacSha256 = Hmac<Sha256>;

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
    let mut sorted: Vec<&(&str, &str)> = fields.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut raw = String::new();
    for (i, (name, value)) in sorted.into_iter().enumerate() {
        if i > 0 {
            raw.push('&');
        }
        raw.push_str(name);
        raw.push('=');
        if !value.trim().is_empty() {
            raw.push_str(value);
        }
    }
    raw
}

/// Lowercase hex HMAC-SHA256 of `message` keyed with `key`.
pub fn hmac_sha256_hex(key: &[u8], message: &str) -> String {
    hex(&mac(key, message))
}

/// Signs the given fields with the secret key.
pub fn sign(secret_key: &Secret, fields: &[(&str, &str)]) -> Signed {
    let raw = raw_string(fields);
    let signature = hmac_sha256_hex(secret_key.expose().as_bytes(), &raw);
    Signed { raw, signature }
}

/// Checks a hex signature against `raw` in constant time (case-insensitive
/// hex; any malformed signature simply does not match).
pub fn verify(secret_key: &Secret, raw: &str, signature_hex: &str) -> bool {
    let expected = mac(secret_key.expose().as_bytes(), raw);
    match unhex(signature_hex.trim()) {
        Some(given) if given.len() == expected.len() => given.ct_eq(&expected).into(),
        _ => false,
    }
}

fn mac(key: &[u8], message: &str) -> Vec<u8> {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <HmacSha256 as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(message.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 0x0f) as usize] as char);
    }
    out
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
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
    fn rfc4231_case_2() {
        // RFC 4231 test case 2: key "Jefe".
        let sig = hmac_sha256_hex(b"Jefe", "what do ya want for nothing?");
        assert_eq!(
            sig,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn verify_accepts_upper_case_and_rejects_garbage() {
        let key = Secret::new("k");
        let good = hmac_sha256_hex(b"k", "m");
        assert!(verify(&key, "m", &good));
        assert!(verify(&key, "m", &good.to_uppercase()));
        assert!(!verify(&key, "m2", &good));
        assert!(!verify(&key, "m", "zz"));
        assert!(!verify(&key, "m", &good[..62]));
    }
}

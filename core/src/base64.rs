//! Standard base64 (RFC 4648, section 4): extraData, the RSA token and
//! MoMo's key material.
//!
//! As strict as the `base64` crate's `STANDARD` engine, which the tests
//! check it against: padding canonical where required, no stray bits after
//! the last byte. A table and two loops, instead of that crate's general
//! engine in the npm package's .wasm.

use std::fmt;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with `=` padding.
pub(crate) fn encode(bytes: &[u8]) -> String {
    // Filled by index into a buffer of the final size: a `String::push`
    // per symbol is an out-of-line call each in the size-tuned .wasm, and
    // the 256-byte RSA token of every tokenization/pay goes through here.
    let mut out = vec![b'='; bytes.len().div_ceil(3) * 4];
    let symbol = |n: u32, shift: u32| ALPHABET[((n >> shift) & 63) as usize];
    let full = bytes.chunks_exact(3);
    let tail = full.remainder();
    let mut symbols = out.chunks_exact_mut(4);
    for (chunk, to) in full.zip(&mut symbols) {
        let n = u32::from(chunk[0]) << 16 | u32::from(chunk[1]) << 8 | u32::from(chunk[2]);
        to[0] = symbol(n, 18);
        to[1] = symbol(n, 12);
        to[2] = symbol(n, 6);
        to[3] = symbol(n, 0);
    }
    if let (Some(to), Some(&first)) = (symbols.next(), tail.first()) {
        // One or two bytes left: two or three symbols, then `=`.
        let n = u32::from(first) << 16 | tail.get(1).map_or(0, |&b| u32::from(b) << 8);
        to[0] = symbol(n, 18);
        to[1] = symbol(n, 12);
        if tail.len() == 2 {
            to[2] = symbol(n, 6);
        }
    }
    String::from_utf8(out).expect("base64 symbols are ASCII")
}

/// Why a text is not base64.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InvalidBase64(&'static str, Option<usize>);

impl fmt::Display for InvalidBase64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            Some(offset) => write!(f, "{} at offset {offset}", self.0),
            None => f.write_str(self.0),
        }
    }
}

/// Decodes standard base64: padded (length a multiple of 4, one or two
/// `=` only where needed) when `padded`, else with no `=` at all.
pub(crate) fn decode(text: &str, padded: bool) -> Result<Vec<u8>, InvalidBase64> {
    let mut body = text.as_bytes();
    if padded {
        if body.len() % 4 != 0 {
            return Err(InvalidBase64("invalid length", None));
        }
        let pad = body.iter().rev().take_while(|&&b| b == b'=').count();
        if pad > 2 {
            return Err(InvalidBase64("invalid padding", None));
        }
        body = &body[..body.len() - pad];
    }
    if body.len() % 4 == 1 {
        return Err(InvalidBase64("invalid length", None));
    }
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for (offset, &symbol) in body.iter().enumerate() {
        let value = sextet(symbol).ok_or(InvalidBase64("invalid symbol", Some(offset)))?;
        acc = (acc << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if acc != 0 {
        let last = body.len().saturating_sub(1);
        return Err(InvalidBase64("bits past the last byte are set", Some(last)));
    }
    Ok(out)
}

fn sextet(symbol: u8) -> Option<u32> {
    let value = match symbol {
        b'A'..=b'Z' => symbol - b'A',
        b'a'..=b'z' => symbol - b'a' + 26,
        b'0'..=b'9' => symbol - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    };
    Some(u32::from(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
    use ::base64::Engine;
    use proptest::prelude::*;

    #[test]
    fn known_texts() {
        assert_eq!(encode(b""), "");
        assert_eq!(encode(b"f"), "Zg==");
        assert_eq!(encode(b"fo"), "Zm8=");
        assert_eq!(encode(b"foo"), "Zm9v");
        assert_eq!(
            encode(br#"{"username": "momo"}"#),
            "eyJ1c2VybmFtZSI6ICJtb21vIn0="
        );
        assert_eq!(decode("Zm8=", true).unwrap(), b"fo");
        assert_eq!(decode("Zm8", false).unwrap(), b"fo");
        for bad in ["Zm8", "Zm9=", "Zg=", "Z===", "Zm8=Zm8=", "Zm 8=", "Zm-8"] {
            assert!(decode(bad, true).is_err(), "{bad}");
        }
        assert!(decode("Zm8=", false).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn encodes_as_the_base64_crate(bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
            prop_assert_eq!(encode(&bytes), STANDARD.encode(&bytes));
            prop_assert_eq!(decode(&STANDARD.encode(&bytes), true).unwrap(), bytes.clone());
            prop_assert_eq!(decode(&STANDARD_NO_PAD.encode(&bytes), false).unwrap(), bytes);
        }

        #[test]
        fn accepts_and_refuses_what_the_base64_crate_does(text in "[A-Za-z0-9+/=_ -]{0,14}") {
            prop_assert_eq!(decode(&text, true).ok(), STANDARD.decode(&text).ok(), "{}", text);
            prop_assert_eq!(decode(&text, false).ok(), STANDARD_NO_PAD.decode(&text).ok(), "{}", text);
        }

        #[test]
        fn near_misses_of_real_texts_agree_too(
            bytes in proptest::collection::vec(any::<u8>(), 1..20),
            at in any::<prop::sample::Index>(),
            symbol in "[A-Za-z0-9+/=]",
        ) {
            let mut text = STANDARD.encode(&bytes).into_bytes();
            let i = at.index(text.len());
            text[i] = symbol.as_bytes()[0];
            let text = String::from_utf8(text).unwrap();
            prop_assert_eq!(decode(&text, true).ok(), STANDARD.decode(&text).ok(), "{}", text);
        }
    }
}

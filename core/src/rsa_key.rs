//! MoMo's RSA public key and PKCS#1 v1.5 token encryption.
//!
//! MoMo hands partners its key in four shapes: PEM SPKI (`BEGIN PUBLIC
//! KEY`), PEM PKCS#1 (`BEGIN RSA PUBLIC KEY`), bare base64 DER (either
//! structure) and .NET XML (`<RSAKeyValue>`). All of them parse here.
//! Only public-key encryption is offered: private-key RSA never ships.

use std::fmt;

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine;
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::pkcs8::DecodePublicKey;
use rsa::traits::PublicKeyParts;
use rsa::{BigUint, Pkcs1v15Encrypt, RsaPublicKey};

use crate::error::{ErrorCode, MomoError, Result};

/// The smallest modulus accepted; MoMo issues 2048- and 4096-bit keys.
pub const MIN_KEY_BITS: usize = 2048;

/// MoMo's RSA public key, parsed.
#[derive(Clone, PartialEq, Eq)]
pub struct MomoPublicKey {
    key: RsaPublicKey,
}

impl MomoPublicKey {
    /// Parses a key in any of MoMo's shapes (see the module docs).
    pub fn parse(text: &str) -> Result<Self> {
        let text = text.trim();
        let key = if text.contains("BEGIN PUBLIC KEY") {
            RsaPublicKey::from_public_key_pem(text).map_err(|e| bad_key(&e.to_string()))?
        } else if text.contains("BEGIN RSA PUBLIC KEY") {
            RsaPublicKey::from_pkcs1_pem(text).map_err(|e| bad_key(&e.to_string()))?
        } else if text.starts_with('<') {
            parse_xml(text)?
        } else {
            let der = decode_base64(text).ok_or_else(|| bad_key("not PEM, XML or base64 DER"))?;
            RsaPublicKey::from_public_key_der(&der)
                .or_else(|_| RsaPublicKey::from_pkcs1_der(&der))
                .map_err(|_| bad_key("base64 decodes but is neither SPKI nor PKCS#1 DER"))?
        };
        let bits = key.size() * 8;
        if bits < MIN_KEY_BITS {
            return Err(bad_key(&format!(
                "{bits}-bit key is too small; MoMo keys are at least {MIN_KEY_BITS} bits"
            )));
        }
        Ok(Self { key })
    }

    /// Modulus size in bits (2048, 4096, ...).
    pub fn bits(&self) -> usize {
        self.key.size() * 8
    }

    /// Largest plaintext one PKCS#1 v1.5 block holds: key bytes - 11.
    pub fn max_plaintext_len(&self) -> usize {
        self.key.size() - 11
    }

    /// Encrypts `plaintext` with PKCS#1 v1.5 and returns standard, padded
    /// base64. The output is randomized: two calls never match.
    pub fn encrypt_base64(&self, plaintext: &[u8], field: &str) -> Result<String> {
        if plaintext.len() > self.max_plaintext_len() {
            return Err(MomoError::new(
                ErrorCode::PlaintextTooLong,
                field,
                format!(
                    "{} bytes do not fit one RSA-{} block (at most {})",
                    plaintext.len(),
                    self.bits(),
                    self.max_plaintext_len()
                ),
            ));
        }
        let mut rng = rand_core::OsRng;
        let ciphertext = self
            .key
            .encrypt(&mut rng, Pkcs1v15Encrypt, plaintext)
            .map_err(|e| MomoError::new(ErrorCode::Internal, field, e.to_string()))?;
        Ok(STANDARD.encode(ciphertext))
    }
}

impl fmt::Debug for MomoPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MomoPublicKey(RSA-{})", self.bits())
    }
}

fn bad_key(why: &str) -> MomoError {
    MomoError::new(ErrorCode::InvalidKey, "publicKey", why.to_owned())
}

/// Decodes standard base64 with or without padding, ignoring whitespace.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let unpadded = compact.trim_end_matches('=');
    STANDARD_NO_PAD
        .decode(unpadded)
        .ok()
        .filter(|b| !b.is_empty())
}

/// Parses `<RSAKeyValue><Modulus>..</Modulus><Exponent>..</Exponent></RSAKeyValue>`.
fn parse_xml(text: &str) -> Result<RsaPublicKey> {
    if !text.contains("<RSAKeyValue") {
        return Err(bad_key("XML key must be an <RSAKeyValue> element"));
    }
    let element = |name: &str| -> Result<BigUint> {
        let open = format!("<{name}>");
        let close = format!("</{name}>");
        let start = text
            .find(&open)
            .ok_or_else(|| bad_key(&format!("XML key has no <{name}>")))?
            + open.len();
        let end = text[start..]
            .find(&close)
            .ok_or_else(|| bad_key(&format!("XML key has no </{name}>")))?
            + start;
        let bytes = decode_base64(&text[start..end])
            .ok_or_else(|| bad_key(&format!("<{name}> is not base64")))?;
        Ok(BigUint::from_bytes_be(&bytes))
    };
    RsaPublicKey::new(element("Modulus")?, element("Exponent")?)
        .map_err(|e| bad_key(&e.to_string()))
}

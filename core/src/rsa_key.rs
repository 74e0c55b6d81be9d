//! MoMo's RSA public key and PKCS#1 v1.5 token encryption.
//!
//! MoMo hands partners its key in four shapes: PEM SPKI (`BEGIN PUBLIC
//! KEY`), PEM PKCS#1 (`BEGIN RSA PUBLIC KEY`), bare base64 DER (either
//! structure) and .NET XML (`<RSAKeyValue>`). All of them parse here, to a
//! modulus and an exponent; the RSA operation itself is an
//! [`RsaEncryptor`]'s. Only public-key encryption is offered: private-key
//! RSA never ships.
//!
//! The DER structures are read and written by RustCrypto's `spki` and
//! `pkcs1`, base64 by the `base64` crate. Two small pieces stay here, as no
//! crate does them: the PEM unwrapping is lenient (keys pasted into
//! environment variables lose their line breaks, which strict RFC 7468
//! parsers refuse; tested against `rsa`'s strict PEM reader on what both
//! accept), and .NET's `<RSAKeyValue>` XML.

use std::fmt;

use base64::alphabet::STANDARD;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use pkcs1::der::asn1::{AnyRef, BitStringRef, UintRef};
use pkcs1::der::{Decode, Encode};
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};

use crate::error::{ErrorCode, MomoError, Result};
use crate::rsa_encryptor::RsaEncryptor;

/// A modulus and a public exponent: big-endian, no leading zero bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RsaParts {
    /// The modulus `n`.
    pub modulus: Vec<u8>,
    /// The public exponent `e`.
    pub exponent: Vec<u8>,
}

/// Standard base64 with or without `=` padding (key text as MoMo's pages
/// and samples hand it out).
const LENIENT_BASE64: GeneralPurpose = GeneralPurpose::new(
    &STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The smallest modulus accepted; MoMo issues 2048- and 4096-bit keys.
pub const MIN_KEY_BITS: usize = 2048;

/// The largest modulus accepted (what common RSA libraries encrypt with by
/// default).
pub const MAX_KEY_BITS: usize = 4096;

/// Exponents above this are refused (as the `rsa` crate and OpenSSL's
/// checks of public keys do).
const MAX_EXPONENT: u64 = (1 << 33) - 1;

/// MoMo's RSA public key, parsed and checked.
#[derive(Clone, PartialEq, Eq)]
pub struct MomoPublicKey {
    parts: RsaParts,
    spki_der: Vec<u8>,
}

impl MomoPublicKey {
    /// Parses a key in any of MoMo's shapes (see the module docs).
    pub fn parse(text: &str) -> Result<Self> {
        let text = text.trim();
        let parts = if let Some(der) = pem(text, "PUBLIC KEY")? {
            parse_spki(&der).ok_or_else(|| bad_key("PEM PUBLIC KEY is not RSA SPKI DER"))?
        } else if let Some(der) = pem(text, "RSA PUBLIC KEY")? {
            parse_pkcs1(&der).ok_or_else(|| bad_key("PEM RSA PUBLIC KEY is not PKCS#1 DER"))?
        } else if text.starts_with('<') {
            parse_xml(text)?
        } else {
            let der = decode_base64(text).ok_or_else(|| bad_key("not PEM, XML or base64 DER"))?;
            parse_spki(&der)
                .or_else(|| parse_pkcs1(&der))
                .ok_or_else(|| bad_key("base64 decodes but is neither SPKI nor PKCS#1 DER"))?
        };
        Self::from_parts(parts)
    }

    /// Checks the numbers and keeps the SPKI form hosts import.
    fn from_parts(parts: RsaParts) -> Result<Self> {
        let bits = bit_length(&parts.modulus);
        if bits < MIN_KEY_BITS {
            return Err(bad_key(&format!(
                "{bits}-bit key is too small; MoMo keys are at least {MIN_KEY_BITS} bits"
            )));
        }
        if bits > MAX_KEY_BITS {
            return Err(bad_key(&format!(
                "{bits}-bit key is too large; at most {MAX_KEY_BITS} bits"
            )));
        }
        if parts.modulus.last().is_some_and(|b| b & 1 == 0) {
            return Err(bad_key("the modulus is even"));
        }
        let exponent = (parts.exponent.len() <= 8).then(|| {
            parts
                .exponent
                .iter()
                .fold(0u64, |acc, &d| (acc << 8) | u64::from(d))
        });
        match exponent {
            Some(e) if (3..=MAX_EXPONENT).contains(&e) && e % 2 == 1 => {}
            _ => return Err(bad_key("the public exponent must be odd, 3..2^33-1")),
        }
        let spki_der = spki_der(&parts).ok_or_else(|| bad_key("cannot be written as SPKI DER"))?;
        Ok(Self { parts, spki_der })
    }

    /// Modulus size in bits, rounded up to whole bytes (2048, 4096, ...).
    pub fn bits(&self) -> usize {
        self.size() * 8
    }

    /// Modulus size in bytes: the length of every ciphertext.
    pub fn size(&self) -> usize {
        self.parts.modulus.len()
    }

    /// Largest plaintext one PKCS#1 v1.5 block holds: key bytes - 11.
    pub fn max_plaintext_len(&self) -> usize {
        self.size() - 11
    }

    /// The modulus and exponent.
    pub fn parts(&self) -> &RsaParts {
        &self.parts
    }

    /// The key as X.509 SubjectPublicKeyInfo DER, whatever shape it came in.
    pub fn spki_der(&self) -> &[u8] {
        &self.spki_der
    }

    /// Encrypts `plaintext` with PKCS#1 v1.5 through `encryptor` and returns
    /// standard, padded base64. The output is randomized: two calls never
    /// match. Errors name `field`.
    pub fn encrypt_base64(
        &self,
        encryptor: &dyn RsaEncryptor,
        plaintext: &[u8],
        field: &str,
    ) -> Result<String> {
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
        let ciphertext = encryptor
            .encrypt_pkcs1v15(self, plaintext)
            .map_err(|e| MomoError::new(ErrorCode::Internal, field, e))?;
        if ciphertext.len() != self.size() {
            return Err(MomoError::new(
                ErrorCode::Internal,
                field,
                format!(
                    "the RSA encryptor returned {} bytes, not {}",
                    ciphertext.len(),
                    self.size()
                ),
            ));
        }
        Ok(base64::engine::general_purpose::STANDARD.encode(&ciphertext))
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

/// Number of significant bits of a big-endian number without leading zeros.
fn bit_length(n: &[u8]) -> usize {
    match n.first() {
        Some(&top) => n.len() * 8 - top.leading_zeros() as usize,
        None => 0,
    }
}

/// The DER inside a PEM block labelled `label`, `None` when the text is not
/// such a block.
fn pem(text: &str, label: &str) -> Result<Option<Vec<u8>>> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let Some(start) = text.find(&begin) else {
        return Ok(None);
    };
    let body = &text[start + begin.len()..];
    let stop = body
        .find(&end)
        .ok_or_else(|| bad_key(&format!("PEM has no {end} line")))?;
    decode_base64(&body[..stop])
        .map(Some)
        .ok_or_else(|| bad_key(&format!("the body of {begin} is not base64")))
}

/// Decodes standard base64 with or without padding, ignoring whitespace.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    LENIENT_BASE64
        .decode(compact)
        .ok()
        .filter(|b| !b.is_empty())
}

/// The rsaEncryption algorithm of an SPKI (RFC 8017 A.1, with NULL
/// parameters).
fn rsa_algorithm() -> AlgorithmIdentifierRef<'static> {
    AlgorithmIdentifierRef {
        oid: pkcs1::ALGORITHM_OID,
        parameters: Some(AnyRef::NULL),
    }
}

/// The RSA key inside X.509 SubjectPublicKeyInfo DER (`spki`), `None` when
/// it is not exactly one such structure with the rsaEncryption algorithm.
fn parse_spki(der: &[u8]) -> Option<RsaParts> {
    let info = SubjectPublicKeyInfoRef::from_der(der).ok()?;
    if info.algorithm.oid != pkcs1::ALGORITHM_OID {
        return None;
    }
    parse_pkcs1(info.subject_public_key.as_bytes()?)
}

/// A PKCS#1 `RSAPublicKey` DER (`pkcs1`), `None` when it is not exactly one.
fn parse_pkcs1(der: &[u8]) -> Option<RsaParts> {
    let key = pkcs1::RsaPublicKey::<UintRef<'_>>::from_der(der).ok()?;
    Some(RsaParts {
        modulus: key.modulus.as_bytes().to_vec(),
        exponent: key.public_exponent.as_bytes().to_vec(),
    })
}

/// The key as SubjectPublicKeyInfo DER, the form every host imports
/// (Node's `createPublicKey`, the JVM's `X509EncodedKeySpec`).
fn spki_der(parts: &RsaParts) -> Option<Vec<u8>> {
    let pkcs1 = pkcs1::RsaPublicKey {
        modulus: UintRef::new(&parts.modulus).ok()?,
        public_exponent: UintRef::new(&parts.exponent).ok()?,
    }
    .to_der()
    .ok()?;
    SubjectPublicKeyInfoRef {
        algorithm: rsa_algorithm(),
        subject_public_key: BitStringRef::from_bytes(&pkcs1).ok()?,
    }
    .to_der()
    .ok()
}

/// Parses `<RSAKeyValue><Modulus>..</Modulus><Exponent>..</Exponent></RSAKeyValue>`.
fn parse_xml(text: &str) -> Result<RsaParts> {
    if !text.contains("<RSAKeyValue") {
        return Err(bad_key("XML key must be an <RSAKeyValue> element"));
    }
    let element = |name: &str| -> Result<Vec<u8>> {
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
        // Unsigned big-endian; drop leading zero bytes.
        let first = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
        Ok(bytes[first..].to_vec())
    };
    Ok(RsaParts {
        modulus: element("Modulus")?,
        exponent: element("Exponent")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A 2048-bit key: modulus 0xc5.. (256 bytes, odd), exponent 65537.
    fn key() -> MomoPublicKey {
        let mut modulus = vec![0xc5; 256];
        modulus[255] = 0x01;
        MomoPublicKey::from_parts(RsaParts {
            modulus,
            exponent: vec![1, 0, 1],
        })
        .unwrap()
    }

    /// Answers with `len` bytes (or an error) and counts its calls.
    struct Fake {
        answer: std::result::Result<usize, &'static str>,
        calls: Cell<usize>,
    }

    impl RsaEncryptor for Fake {
        fn encrypt_pkcs1v15(
            &self,
            key: &MomoPublicKey,
            _plaintext: &[u8],
        ) -> std::result::Result<Vec<u8>, String> {
            assert_eq!(Some(key.spki_der().to_vec()), spki_der(key.parts()));
            self.calls.set(self.calls.get() + 1);
            self.answer.map(|n| vec![7; n]).map_err(str::to_owned)
        }
    }

    fn fake(answer: std::result::Result<usize, &'static str>) -> Fake {
        Fake {
            answer,
            calls: Cell::new(0),
        }
    }

    #[test]
    fn the_encryptor_answer_is_base64_of_one_block() {
        let f = fake(Ok(256));
        let out = key()
            .encrypt_base64(&f, b"{\"value\":\"t\"}", "token")
            .unwrap();
        assert_eq!(
            out,
            ::base64::Engine::encode(&::base64::engine::general_purpose::STANDARD, [7u8; 256])
        );
        assert_eq!(f.calls.get(), 1);
    }

    #[test]
    fn a_wrong_length_or_a_host_error_is_internal_on_the_field() {
        for f in [fake(Ok(255)), fake(Err("no padding support"))] {
            let err = key().encrypt_base64(&f, b"x", "token").unwrap_err();
            assert_eq!((err.code(), err.field()), (ErrorCode::Internal, "token"));
        }
        let err = key()
            .encrypt_base64(&fake(Err("no padding support")), b"x", "token")
            .unwrap_err();
        assert!(err.message().contains("no padding support"), "{err}");
    }

    #[test]
    fn too_long_plaintext_never_reaches_the_encryptor() {
        let f = fake(Ok(256));
        let err = key().encrypt_base64(&f, &[b'a'; 246], "token").unwrap_err();
        assert_eq!(err.code(), ErrorCode::PlaintextTooLong);
        assert_eq!(f.calls.get(), 0);
        assert!(key().encrypt_base64(&f, &[b'a'; 245], "token").is_ok());
    }

    #[test]
    fn bad_numbers_are_invalid_keys() {
        let odd = |n: usize| {
            let mut m = vec![0xc5; n];
            m[n - 1] |= 1;
            m
        };
        let cases = [
            (odd(255), vec![1, 0, 1]),       // 2040 bits
            (odd(513), vec![1, 0, 1]),       // 4104 bits
            (vec![0xc4; 256], vec![3]),      // even modulus
            (odd(256), vec![1]),             // e = 1
            (odd(256), vec![4]),             // even e
            (odd(256), vec![2, 0, 0, 0, 1]), // e > 2^33-1
        ];
        for (modulus, exponent) in cases {
            let err = MomoPublicKey::from_parts(RsaParts { modulus, exponent }).unwrap_err();
            assert_eq!(err.code(), ErrorCode::InvalidKey);
        }
    }
}

//! Who performs the RSA operation of tokenization/pay's token.
//!
//! The rules stay in the core: the key's shapes and checks, which plaintext
//! is encrypted, that it fits one block, the ciphertext's length, standard
//! base64, encrypt then sign. Only the PKCS#1 v1.5 operation itself (random
//! padding and the modular exponentiation) is pluggable, so a host with its own
//! crypto library (Node's `crypto`, backed by OpenSSL) can do it where a
//! pure-Rust big-integer implementation compiled to WebAssembly is slow and
//! large. Native builds use `BuiltinRsa` (feature `builtin-rsa`, on by
//! default).

use crate::rsa_key::MomoPublicKey;

/// Encrypts one block with RSA PKCS#1 v1.5 (type 2) padding.
///
/// Implementations must use fresh randomness for the padding on every call.
/// The core checks the plaintext length before calling and the ciphertext
/// length after.
pub trait RsaEncryptor {
    /// Encrypts `plaintext` with `key` (its SPKI DER is
    /// [`MomoPublicKey::spki_der`]). An error is the host library's message.
    fn encrypt_pkcs1v15(
        &self,
        key: &MomoPublicKey,
        plaintext: &[u8],
    ) -> std::result::Result<Vec<u8>, String>;
}

/// The pure-Rust `rsa` crate with the operating system's randomness.
#[cfg(feature = "builtin-rsa")]
#[derive(Debug, Clone, Copy, Default)]
pub struct BuiltinRsa;

#[cfg(feature = "builtin-rsa")]
impl RsaEncryptor for BuiltinRsa {
    fn encrypt_pkcs1v15(
        &self,
        key: &MomoPublicKey,
        plaintext: &[u8],
    ) -> std::result::Result<Vec<u8>, String> {
        use rsa::pkcs8::DecodePublicKey as _;
        let key = rsa::PublicKey::from_public_key_der(key.spki_der()).map_err(|e| e.to_string())?;
        // rsa 0.10 warns that PKCS#1 v1.5 *decryption* is hard to do safely
        // (the Marvin attack); MoMo prescribes v1.5 encryption, and only the
        // public-key operation ships here.
        key.pkcs1v15_encrypt(plaintext).map_err(|e| e.to_string())
    }
}

//! HMAC-SHA256 keys, from RustCrypto's `hmac` and `sha2`.
//!
//! A client signs many messages with one secretKey, so [`HmacKey`] keeps
//! one keyed `Hmac<Sha256>`: keying hashes the two pad blocks once, and each
//! MAC clones that state and hashes only the message. The keyed state is as
//! secret as the key: `hmac`'s `zeroize` feature wipes it on drop, and
//! `Debug` prints `***`.

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// An HMAC-SHA256 key, ready to MAC many messages.
#[derive(Clone)]
pub struct HmacKey(Hmac<Sha256>);

impl HmacKey {
    /// Keys HMAC-SHA256 with `key` (any length: a key longer than a block
    /// is hashed first, as RFC 2104 says).
    pub fn new(key: &[u8]) -> Self {
        // HMAC accepts keys of every length: `new_from_slice` has no error
        // case for it.
        Self(Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length"))
    }

    /// HMAC-SHA256 of `message` under this key.
    pub fn mac(&self, message: &[u8]) -> [u8; 32] {
        let mut mac = self.0.clone();
        mac.update(message);
        mac.finalize().into_bytes().into()
    }
}

impl fmt::Debug for HmacKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HmacKey(***)")
    }
}

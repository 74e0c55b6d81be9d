//! HMAC-SHA256 (RFC 2104) with the key's two pad blocks hashed once.
//!
//! `HMAC(K, m) = H((K0 ^ opad) || H((K0 ^ ipad) || m))`, where `K0` is the
//! key padded to one 64-byte SHA-256 block. Each pad is exactly one block,
//! so [`HmacKey::new`] runs those two blocks once and keeps the SHA-256
//! chaining state after each. A MAC then hashes only the message and one
//! outer block.
//!
//! A MoMo raw string of ~150 bytes costs 6 blocks with a fresh key and 4
//! with a kept one. Where SHA-256 has no CPU support (the npm package's
//! WebAssembly), the blocks are the signing cost.
//!
//! The two states are as secret as the key itself. They are zeroized on
//! drop and `Debug` prints `***`.

use std::fmt;

use sha2::digest::generic_array::GenericArray;
use sha2::{Digest, Sha256};
use zeroize::Zeroize;

/// SHA-256's block size, which is also the HMAC pad size.
const BLOCK: usize = 64;

/// SHA-256's initial chaining state (FIPS 180-4, 5.3.3).
const IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// An HMAC-SHA256 key, ready to MAC many messages.
#[derive(Clone, PartialEq, Eq)]
pub struct HmacKey {
    /// State after the block `K0 ^ ipad`.
    inner: [u32; 8],
    /// State after the block `K0 ^ opad`.
    outer: [u32; 8],
}

impl HmacKey {
    /// Prepares `key` (any length; a key longer than a block is hashed
    /// first, as RFC 2104 says).
    pub fn new(key: &[u8]) -> Self {
        let mut k0 = [0u8; BLOCK];
        if key.len() > BLOCK {
            k0[..32].copy_from_slice(&Sha256::digest(key));
        } else {
            k0[..key.len()].copy_from_slice(key);
        }
        let inner = pad_state(&k0, 0x36);
        let outer = pad_state(&k0, 0x5c);
        k0.zeroize();
        Self { inner, outer }
    }

    /// The HMAC-SHA256 of `message`.
    pub fn mac(&self, message: &[u8]) -> [u8; 32] {
        let inner = finish(self.inner, message);
        finish(self.outer, &inner)
    }
}

impl Drop for HmacKey {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

impl fmt::Debug for HmacKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HmacKey(***)")
    }
}

/// The state after hashing the one block `k0 ^ pad`.
fn pad_state(k0: &[u8; BLOCK], pad: u8) -> [u32; 8] {
    let mut block = [0u8; BLOCK];
    for (b, k) in block.iter_mut().zip(k0) {
        *b = k ^ pad;
    }
    let mut state = IV;
    compress(&mut state, &block);
    block.zeroize();
    state
}

/// Finishes a SHA-256 whose first block (a pad) is already in `state`:
/// hashes `message`, then the padding for a total of 64 + its length bytes.
fn finish(mut state: [u32; 8], message: &[u8]) -> [u8; 32] {
    let mut blocks = message.chunks_exact(BLOCK);
    for block in blocks.by_ref() {
        compress(&mut state, block);
    }
    let rest = blocks.remainder();
    let mut tail = [0u8; 2 * BLOCK];
    tail[..rest.len()].copy_from_slice(rest);
    tail[rest.len()] = 0x80;
    let end = if rest.len() + 9 <= BLOCK {
        BLOCK
    } else {
        2 * BLOCK
    };
    let bits = (BLOCK as u64 + message.len() as u64) * 8;
    let length: &mut [u8; 8] = (&mut tail[end - 8..end]).try_into().expect("8 bytes");
    *length = bits.to_be_bytes();
    for block in tail[..end].chunks_exact(BLOCK) {
        compress(&mut state, block);
    }
    let mut out = [0u8; 32];
    for (bytes, word) in out.chunks_exact_mut(4).zip(state) {
        let bytes: &mut [u8; 4] = bytes.try_into().expect("4 bytes");
        *bytes = word.to_be_bytes();
    }
    out
}

/// One SHA-256 compression of a 64-byte block (the sha2 crate's).
fn compress(state: &mut [u32; 8], block: &[u8]) {
    sha2::compress256(state, std::slice::from_ref(GenericArray::from_slice(block)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    /// RFC 4231 section 4: every test case of HMAC-SHA-256 (case 5's
    /// output is truncated to 128 bits there).
    #[test]
    fn rfc4231_test_cases() {
        let cases: [(Vec<u8>, Vec<u8>, &str); 7] = [
            (
                vec![0x0b; 20],
                b"Hi There".to_vec(),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            ),
            (
                b"Jefe".to_vec(),
                b"what do ya want for nothing?".to_vec(),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (
                vec![0xaa; 20],
                vec![0xdd; 50],
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
            ),
            (
                (1..=25).collect(),
                vec![0xcd; 50],
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
            ),
            (
                vec![0x0c; 20],
                b"Test With Truncation".to_vec(),
                "a3b6167473100ee06e0c796c2955552b",
            ),
            (
                vec![0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
            (
                vec![0xaa; 131],
                b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".to_vec(),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
            ),
        ];
        for (i, (key, data, want)) in cases.iter().enumerate() {
            let want = unhex(want);
            let got = HmacKey::new(key).mac(data);
            assert_eq!(&got[..want.len()], &want[..], "RFC 4231 case {}", i + 1);
        }
    }

    #[test]
    fn debug_hides_the_states() {
        assert_eq!(format!("{:?}", HmacKey::new(b"k")), "HmacKey(***)");
    }
}

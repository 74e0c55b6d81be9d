//! `HmacKey` (pads hashed once) against the `hmac` crate's HMAC-SHA256,
//! an implementation that is not ours: every message length across the
//! padding boundaries of one to four blocks, keys shorter than, equal to
//! and longer than a block, then random keys and messages.

use hmac::{Hmac, Mac};
use momo_core::hmac_sha256::HmacKey;
use proptest::prelude::*;

fn reference(key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

#[test]
fn every_length_up_to_four_blocks() {
    let message: Vec<u8> = (0..=260u32).map(|i| (i * 7 + 3) as u8).collect();
    for key_len in [0usize, 1, 32, 63, 64, 65, 131] {
        let key: Vec<u8> = (0..key_len).map(|i| (i * 13 + 1) as u8).collect();
        let prepared = HmacKey::new(&key);
        for len in 0..=message.len() {
            assert_eq!(
                prepared.mac(&message[..len]).to_vec(),
                reference(&key, &message[..len]),
                "key {key_len} bytes, message {len} bytes"
            );
        }
    }
}

#[test]
fn one_key_gives_the_same_mac_every_time() {
    let key = HmacKey::new(b"K951B6PE1waDMi640xX08PD3vg6EkVlz");
    let first = key.mac(b"accessKey=F8BBA842ECF85&orderId=1");
    assert_eq!(key.mac(b"other"), key.clone().mac(b"other"));
    assert_eq!(first, key.mac(b"accessKey=F8BBA842ECF85&orderId=1"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn equals_the_hmac_crate(key in prop::collection::vec(any::<u8>(), 0..200), message in prop::collection::vec(any::<u8>(), 0..700)) {
        prop_assert_eq!(HmacKey::new(&key).mac(&message).to_vec(), reference(&key, &message));
    }
}

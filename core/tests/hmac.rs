//! `HmacKey` against RFC 4231's published HMAC-SHA-256 test cases (values
//! also confirmed with Python's `hmac`), including keys longer than a
//! block; and one key reused for many messages gives what a fresh key does.

use momo_core::hmac_sha256::HmacKey;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn rfc4231_test_cases() {
    let long_key = [0xaau8; 131];
    let cases: [(&[u8], &[u8], &str); 6] = [
        (&[0x0b; 20], b"Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (b"Jefe", b"what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        (&[0xaa; 20], &[0xdd; 50], "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (
            &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25],
            &[0xcd; 50],
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
        ),
        (
            &long_key,
            b"Test Using Larger Than Block-Size Key - Hash Key First",
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        ),
        (
            &long_key,
            b"This is a test using a larger than block-size key and a larger than block-size data. \
              The key needs to be hashed before being used by the HMAC algorithm.",
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
        ),
    ];
    for (i, (key, message, want)) in cases.iter().enumerate() {
        assert_eq!(hex(&HmacKey::new(key).mac(message)), *want, "case {i}");
    }
}

#[test]
fn a_kept_key_gives_what_a_fresh_key_gives() {
    let key = HmacKey::new(b"K951B6PE1waDMi640xX08PD3vg6EkVlz");
    for message in [&b"accessKey=F8BBA842ECF85&orderId=1"[..], b"", b"other"] {
        let kept = key.mac(message);
        assert_eq!(kept, key.mac(message), "the key's state must not change");
        assert_eq!(
            kept,
            HmacKey::new(b"K951B6PE1waDMi640xX08PD3vg6EkVlz").mac(message)
        );
    }
}

#[test]
fn debug_hides_the_key() {
    assert_eq!(format!("{:?}", HmacKey::new(b"secret")), "HmacKey(***)");
}

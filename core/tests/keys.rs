//! MoMo's public key in every shape parses to the SubjectPublicKeyInfo DER
//! that RustCrypto's strict RFC 7468 readers (`spki`, `pkcs1` with `pem`)
//! give for the same key: the core's PEM unwrapping is its own (lenient
//! about line breaks), so it is checked against them here.

use std::path::PathBuf;

use momo_core::MomoPublicKey;
use pkcs1::der::Decode;
use serde_json::Value;
use spki::DecodePublicKey as _;

fn keys() -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/rsa.json");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    file["keys"].as_array().unwrap().clone()
}

/// The SPKI DER of a PEM `PUBLIC KEY`, read by `spki` alone.
fn strict_spki(pem: &str) -> Vec<u8> {
    spki::Document::from_public_key_pem(pem)
        .unwrap()
        .as_bytes()
        .to_vec()
}

#[test]
fn every_shape_gives_the_spki_the_strict_readers_give() {
    for key in keys() {
        let shapes = &key["publicKeys"];
        let want = strict_spki(shapes["spkiPem"].as_str().unwrap());
        // PKCS#1 PEM read by `der`'s strict reader is the key inside our SPKI.
        let (label, pkcs1) =
            pkcs1::der::Document::from_pem(shapes["pkcs1Pem"].as_str().unwrap()).unwrap();
        assert_eq!(label, "RSA PUBLIC KEY");
        let ours = MomoPublicKey::parse(shapes["pkcs1Pem"].as_str().unwrap()).unwrap();
        let info = spki::SubjectPublicKeyInfoRef::from_der(ours.spki_der()).unwrap();
        assert_eq!(info.subject_public_key.raw_bytes(), pkcs1.as_bytes());
        for (shape, text) in shapes.as_object().unwrap() {
            let ours = MomoPublicKey::parse(text.as_str().unwrap()).unwrap();
            assert_eq!(
                ours.spki_der(),
                want.as_slice(),
                "{} bits, {shape}",
                key["bits"]
            );
        }
    }
}

#[test]
fn pem_without_line_breaks_is_read_where_strict_readers_refuse_it() {
    for key in keys() {
        let pem = key["publicKeys"]["spkiPem"].as_str().unwrap();
        let want = strict_spki(pem);
        let one_line = pem.replace('\n', "");
        assert!(
            spki::Document::from_public_key_pem(&one_line).is_err(),
            "the strict reader now accepts one-line PEM: the lenient unwrapping can go"
        );
        let ours = MomoPublicKey::parse(&one_line).unwrap();
        assert_eq!(ours.spki_der(), want.as_slice(), "{} bits", key["bits"]);
        let crlf = pem.replace('\n', "\r\n");
        assert_eq!(
            MomoPublicKey::parse(&crlf).unwrap().spki_der(),
            want.as_slice()
        );
    }
}

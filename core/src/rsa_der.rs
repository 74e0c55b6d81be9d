//! The two DER structures an RSA public key comes in, read and written
//! without a big-integer library.
//!
//! - PKCS#1 `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent
//!   INTEGER }` (PEM `BEGIN RSA PUBLIC KEY`);
//! - X.509 `SubjectPublicKeyInfo ::= SEQUENCE { algorithm SEQUENCE {
//!   rsaEncryption OID, NULL }, subjectPublicKey BIT STRING }` whose bits
//!   are the PKCS#1 structure (PEM `BEGIN PUBLIC KEY`).
//!
//! [`crate::rsa_key`] parses every shape MoMo hands out to a modulus and an
//! exponent, then hands hosts the SPKI form, which every crypto library
//! imports (Node `crypto.createPublicKey`, Python `cryptography`, the
//! JVM's `X509EncodedKeySpec`).

/// A modulus and a public exponent: big-endian, no leading zero bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RsaParts {
    /// The modulus `n`.
    pub modulus: Vec<u8>,
    /// The public exponent `e`.
    pub exponent: Vec<u8>,
}

/// DER tags used here.
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const NULL: u8 = 0x05;
const OID: u8 = 0x06;
const SEQUENCE: u8 = 0x30;

/// The body of OID 1.2.840.113549.1.1.1 (rsaEncryption).
const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// Reads PKCS#1 `RSAPublicKey` DER (the whole input, nothing after it).
pub fn parse_pkcs1(der: &[u8]) -> Option<RsaParts> {
    let mut outer = Reader(der);
    let mut seq = Reader(outer.take(SEQUENCE)?);
    outer.finish()?;
    let modulus = positive_integer(seq.take(INTEGER)?)?;
    let exponent = positive_integer(seq.take(INTEGER)?)?;
    seq.finish()?;
    Some(RsaParts { modulus, exponent })
}

/// Reads X.509 `SubjectPublicKeyInfo` DER of an rsaEncryption key.
pub fn parse_spki(der: &[u8]) -> Option<RsaParts> {
    let mut outer = Reader(der);
    let mut spki = Reader(outer.take(SEQUENCE)?);
    outer.finish()?;
    let mut algorithm = Reader(spki.take(SEQUENCE)?);
    if algorithm.take(OID)? != RSA_ENCRYPTION {
        return None;
    }
    // The parameters are NULL; some encoders leave them out.
    if !algorithm.0.is_empty() {
        if !algorithm.take(NULL)?.is_empty() {
            return None;
        }
        algorithm.finish()?;
    }
    let bits = spki.take(BIT_STRING)?;
    spki.finish()?;
    // The first byte counts unused bits of the last byte: none here.
    match bits.split_first() {
        Some((0, pkcs1)) => parse_pkcs1(pkcs1),
        _ => None,
    }
}

/// Writes `parts` as X.509 `SubjectPublicKeyInfo` DER.
pub fn spki(parts: &RsaParts) -> Vec<u8> {
    let mut pkcs1 = Vec::new();
    write_integer(&mut pkcs1, &parts.modulus);
    write_integer(&mut pkcs1, &parts.exponent);
    let pkcs1 = wrap(SEQUENCE, &pkcs1);

    let mut algorithm = wrap(OID, RSA_ENCRYPTION);
    algorithm.extend_from_slice(&[NULL, 0]);
    let mut bits = vec![0];
    bits.extend_from_slice(&pkcs1);

    let mut body = wrap(SEQUENCE, &algorithm);
    body.extend_from_slice(&wrap(BIT_STRING, &bits));
    wrap(SEQUENCE, &body)
}

/// A cursor over DER bytes.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    /// The contents of the next element, which must carry `tag`.
    fn take(&mut self, tag: u8) -> Option<&'a [u8]> {
        let (&found, rest) = self.0.split_first()?;
        if found != tag {
            return None;
        }
        let (&first, mut rest) = rest.split_first()?;
        let len = if first < 0x80 {
            usize::from(first)
        } else {
            // Long form: 1..=4 length bytes, minimal (DER), at least 128.
            let count = usize::from(first & 0x7f);
            if count == 0 || count > 4 || rest.len() < count || rest[0] == 0 {
                return None;
            }
            let (digits, after) = rest.split_at(count);
            rest = after;
            let len = digits
                .iter()
                .fold(0usize, |acc, &d| (acc << 8) | usize::from(d));
            if len < 0x80 {
                return None;
            }
            len
        };
        if rest.len() < len {
            return None;
        }
        let (contents, after) = rest.split_at(len);
        self.0 = after;
        Some(contents)
    }

    /// Succeeds only when every byte was read.
    fn finish(&self) -> Option<()> {
        self.0.is_empty().then_some(())
    }
}

/// A DER INTEGER that must be positive, without its sign byte.
fn positive_integer(contents: &[u8]) -> Option<Vec<u8>> {
    match contents {
        [] => None,
        // Negative.
        [first, ..] if first & 0x80 != 0 => None,
        // Not minimal: a zero byte only precedes a byte with the top bit set.
        [0, next, ..] if next & 0x80 == 0 => None,
        [0] => None,
        [0, rest @ ..] => Some(rest.to_vec()),
        all => Some(all.to_vec()),
    }
}

/// Appends an unsigned big-endian number as a DER INTEGER.
fn write_integer(out: &mut Vec<u8>, magnitude: &[u8]) {
    let mut contents = Vec::with_capacity(magnitude.len() + 1);
    if magnitude.first().map_or(true, |b| b & 0x80 != 0) {
        contents.push(0);
    }
    contents.extend_from_slice(magnitude);
    out.extend_from_slice(&wrap(INTEGER, &contents));
}

/// `tag`, DER length, `contents`.
fn wrap(tag: u8, contents: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(contents.len() + 6);
    out.push(tag);
    let len = contents.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let digits: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|&d| d == 0)
            .collect();
        out.push(0x80 | digits.len() as u8);
        out.extend_from_slice(&digits);
    }
    out.extend_from_slice(contents);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(modulus: &[u8], exponent: &[u8]) -> RsaParts {
        RsaParts {
            modulus: modulus.to_vec(),
            exponent: exponent.to_vec(),
        }
    }

    #[test]
    fn spki_round_trips_through_its_own_reader() {
        for m in [vec![0x81; 256], vec![0x7f; 200], vec![0xc5; 512]] {
            let p = parts(&m, &[1, 0, 1]);
            assert_eq!(parse_spki(&spki(&p)), Some(p));
        }
    }

    #[test]
    fn pkcs1_by_hand() {
        // SEQUENCE { INTEGER 0x00c5, INTEGER 3 }
        let der = [0x30, 0x07, 0x02, 0x02, 0x00, 0xc5, 0x02, 0x01, 0x03];
        assert_eq!(parse_pkcs1(&der), Some(parts(&[0xc5], &[3])));
    }

    #[test]
    fn refuses_malformed_der() {
        let good = [0x30, 0x07, 0x02, 0x02, 0x00, 0xc5, 0x02, 0x01, 0x03];
        // Trailing byte, truncated, negative, non-minimal, wrong tag.
        let mut trailing = good.to_vec();
        trailing.push(0);
        assert_eq!(parse_pkcs1(&trailing), None);
        assert_eq!(parse_pkcs1(&good[..8]), None);
        assert_eq!(
            parse_pkcs1(&[0x30, 0x06, 0x02, 0x01, 0xc5, 0x02, 0x01, 0x03]),
            None
        );
        assert_eq!(
            parse_pkcs1(&[0x30, 0x07, 0x02, 0x02, 0x00, 0x45, 0x02, 0x01, 0x03]),
            None
        );
        assert_eq!(
            parse_pkcs1(&[0x31, 0x07, 0x02, 0x02, 0x00, 0xc5, 0x02, 0x01, 0x03]),
            None
        );
        // Long-form length below 128.
        assert_eq!(
            parse_pkcs1(&[0x30, 0x81, 0x07, 0x02, 0x02, 0x00, 0xc5, 0x02, 0x01, 0x03]),
            None
        );
    }

    #[test]
    fn spki_of_another_algorithm_is_refused() {
        let mut der = spki(&parts(&[0x81; 256], &[1, 0, 1]));
        // Last OID byte: rsaEncryption (1) -> 5.
        let at = der
            .windows(RSA_ENCRYPTION.len())
            .position(|w| w == RSA_ENCRYPTION)
            .unwrap();
        der[at + RSA_ENCRYPTION.len() - 1] = 5;
        assert_eq!(parse_spki(&der), None);
    }
}

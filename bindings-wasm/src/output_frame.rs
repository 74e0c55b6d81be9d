//! A prepared request -> one byte frame that the JS wrapper reads in place.
//!
//! Every request-building call returns a [`PreparedRequest`]. Building it as
//! a JS object from Rust took one wasm-to-JS call per property and one
//! UTF-8 decode per string. Instead the request is written into a buffer in
//! wasm memory, and the wrapper (`js/codec.js`) reads it with at most two
//! string decodes, cutting the strings out with `substring`.
//!
//! Layout (integers little-endian):
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 1 | flags: 1 = sensitiveBody, 2 = signatureRaw present, 4 = holds a secret |
//! | 1 | 1 | header count `n` |
//! | 2 | 1 | secret headers: bit `i` set when header `i`'s value is a secret |
//! | 3 | 1 | zero |
//! | 4 | 4 | timeoutMs |
//! | 8 | 4 | string count `k` = 5 + 2n |
//! | 12 | 4 | ASCII text length `a`, bytes |
//! | 16 | 4 | UTF-16 text length `w`, code units |
//! | 20 | 4k | where each string ends (see below) |
//! | 20 + 4k | a | the ASCII text |
//! | then, at an even offset | 2w | the UTF-16LE text |
//!
//! The strings are, in order: method, url, each header's name and value,
//! body, requestId, signatureRaw (empty when absent). An ASCII string goes
//! into the ASCII text, which JS reads as Latin-1 (the same as ASCII);
//! any other into the UTF-16 text, which JS reads as the code units of a JS
//! string. A string's end is its end offset within its text, in code
//! units, with bit 31 set when it is in the UTF-16 text. Usually only the
//! body holds non-ASCII text (a Vietnamese store name or order info).
//!
//! The buffer is reused by the next call. The wrapper reads it before it
//! calls into wasm again.

use std::cell::RefCell;

use momo_core::{ErrorCode, MomoError, PreparedRequest};
use zeroize::Zeroize;

/// Flag: the body holds a secret (the login call).
pub const SENSITIVE_BODY: u8 = 1;
/// Flag: the request is signed; the last string is its raw string.
pub const HAS_SIGNATURE_RAW: u8 = 2;
/// Flag: the frame holds a secret (a sensitive body or an `Authorization`
/// header); the wrapper wipes it once read.
pub const HOLDS_SECRET: u8 = 4;
/// Bit 31 of a string's end: the string is in the UTF-16 text.
pub const IN_UTF16: u32 = 1 << 31;

/// Bytes before the string ends.
const HEAD: usize = 20;

thread_local! {
    /// The last frame written (wasm is single-threaded: one buffer).
    static FRAME: RefCell<Vec<u8>> = RefCell::new(Vec::with_capacity(4096));
}

/// Writes `req` into the shared buffer and returns where it starts in wasm
/// memory.
pub fn write(req: &PreparedRequest) -> Result<u32, MomoError> {
    FRAME.with(|frame| {
        let mut frame = frame.borrow_mut();
        encode(req, &mut frame)?;
        // wasm32 addresses are 32 bits; on a 64-bit host (unit tests) only
        // the bytes matter.
        Ok(frame.as_ptr() as usize as u32)
    })
}

/// Most headers a request may carry (MoMo's calls have at most three).
const MAX_HEADERS: usize = 8;

/// Zeroes the shared buffer, spare capacity included (after a frame whose
/// body held a secret).
pub fn wipe() {
    FRAME.with(|frame| frame.borrow_mut().zeroize());
}

/// Writes the frame of `req` into `out` (emptied first).
pub fn encode(req: &PreparedRequest, out: &mut Vec<u8>) -> Result<(), MomoError> {
    let too_big = |what: &str| {
        MomoError::new(
            ErrorCode::Internal,
            "",
            format!("{what} does not fit the request frame"),
        )
    };
    if req.headers.len() > MAX_HEADERS {
        return Err(too_big("the header count"));
    }
    let timeout = u32::try_from(req.timeout_ms).map_err(|_| too_big("timeoutMs"))?;
    // The strings in frame order, on the stack (no allocation per call).
    let mut strings = [""; 5 + 2 * MAX_HEADERS];
    strings[0] = &req.method;
    strings[1] = &req.url;
    for (i, h) in req.headers.iter().enumerate() {
        strings[2 + 2 * i] = &h.name;
        strings[3 + 2 * i] = &h.value;
    }
    let rest = 2 + 2 * req.headers.len();
    strings[rest] = &req.body;
    strings[rest + 1] = &req.request_id;
    strings[rest + 2] = req.signature_raw.as_deref().unwrap_or("");
    let strings = &strings[..rest + 3];

    let mut ascii = [false; 5 + 2 * MAX_HEADERS];
    let (mut ascii_len, mut wide_bytes) = (0usize, 0usize);
    for (s, is_ascii) in strings.iter().zip(ascii.iter_mut()) {
        *is_ascii = s.is_ascii();
        if *is_ascii {
            ascii_len += s.len();
        } else {
            // At most one UTF-16 unit (two bytes) per UTF-8 byte.
            wide_bytes += 2 * s.len();
        }
    }
    let ascii_at = HEAD + 4 * strings.len();
    let wide_at = (ascii_at + ascii_len + 1) & !1;
    out.clear();
    out.resize(wide_at + wide_bytes, 0);

    let (mut ascii_end, mut wide_end) = (ascii_at, wide_at);
    for (i, (s, is_ascii)) in strings.iter().zip(ascii).enumerate() {
        let end = if is_ascii {
            out[ascii_end..ascii_end + s.len()].copy_from_slice(s.as_bytes());
            ascii_end += s.len();
            ascii_end - ascii_at
        } else {
            wide_end = utf16_into(s, out, wide_end);
            (wide_end - wide_at) / 2
        };
        let end = u32::try_from(end)
            .ok()
            .filter(|e| *e < IN_UTF16)
            .ok_or_else(|| too_big("the text"))?;
        put_u32(
            out,
            HEAD + 4 * i,
            if is_ascii { end } else { end | IN_UTF16 },
        );
    }
    out.truncate(wide_end);
    out[0] = flags(req);
    out[1] = req.headers.len() as u8;
    out[2] = secret_headers(req);
    put_u32(out, 4, timeout);
    put_u32(out, 8, strings.len() as u32);
    put_u32(out, 12, ascii_len as u32);
    put_u32(out, 16, ((wide_end - wide_at) / 2) as u32);
    Ok(())
}

fn flags(req: &PreparedRequest) -> u8 {
    let mut flags = 0;
    if req.sensitive_body {
        flags |= SENSITIVE_BODY;
    }
    if req.signature_raw.is_some() {
        flags |= HAS_SIGNATURE_RAW;
    }
    if req.holds_secret() {
        flags |= HOLDS_SECRET;
    }
    flags
}

/// Bit `i` set when header `i` holds a secret ([`momo_core::Header::is_secret`]):
/// the wrapper hides those values when a request is inspected.
fn secret_headers(req: &PreparedRequest) -> u8 {
    req.headers
        .iter()
        .enumerate()
        .filter(|(_, h)| h.is_secret())
        .fold(0, |mask, (i, _)| mask | 1 << i)
}

/// Stores `value` little-endian at `at`. (Fixed-size array stores: the
/// size-tuned .wasm calls out for every `copy_from_slice`.)
fn put_u32(out: &mut [u8], at: usize, value: u32) {
    put(out, at, value.to_le_bytes());
}

fn put<const N: usize>(out: &mut [u8], at: usize, bytes: [u8; N]) {
    if let Some(slot) = out
        .get_mut(at..at + N)
        .and_then(|s| <&mut [u8; N]>::try_from(s).ok())
    {
        *slot = bytes;
    }
}

/// Writes `s` as UTF-16LE into `out` from `at`; returns where it ended.
/// Runs of 8 ASCII bytes are widened at once (a JSON body is mostly
/// ASCII); other characters go through `char::encode_utf16`.
fn utf16_into(s: &str, out: &mut [u8], mut at: usize) -> usize {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let eight = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0x80; 8]));
            if eight & HIGH_BITS == 0 {
                put(out, at, widen(eight).to_le_bytes());
                put(out, at + 8, widen(eight >> 32).to_le_bytes());
                i += 8;
                at += 16;
                continue;
            }
        }
        // `i` is on a character boundary: it only ever moves past whole
        // characters or runs of ASCII.
        let c = s[i..].chars().next().unwrap_or_default();
        i += c.len_utf8();
        for unit in c.encode_utf16(&mut [0; 2]) {
            put(out, at, unit.to_le_bytes());
            at += 2;
        }
    }
    at
}

/// The low 4 bytes of `x` as four 16-bit lanes (ASCII bytes to UTF-16
/// units, little-endian).
fn widen(x: u64) -> u64 {
    let x = x & 0xffff_ffff;
    let x = (x | (x << 16)) & 0x0000_ffff_0000_ffff;
    (x | (x << 8)) & 0x00ff_00ff_00ff_00ff
}

#[cfg(test)]
mod tests {
    use super::*;
    use momo_core::Header;

    fn request(body: &str, signature_raw: Option<&str>) -> PreparedRequest {
        PreparedRequest {
            method: "POST".into(),
            url: "https://h/p".into(),
            headers: vec![
                Header {
                    name: "Content-Type".into(),
                    value: "application/json; charset=UTF-8".into(),
                },
                Header {
                    name: "X-Request-Id".into(),
                    value: "x1".into(),
                },
            ],
            body: body.into(),
            timeout_ms: 30_000,
            request_id: "r1".into(),
            signature_raw: signature_raw.map(str::to_owned),
            sensitive_body: false,
        }
    }

    /// Reads a frame back the way js/codec.js does.
    fn decode(frame: &[u8]) -> (u8, u8, u32, Vec<String>) {
        let u32_at = |i: usize| u32::from_le_bytes(frame[i..i + 4].try_into().unwrap());
        let count = u32_at(8) as usize;
        let ascii_at = HEAD + 4 * count;
        let ascii_len = u32_at(12) as usize;
        let wide_at = (ascii_at + ascii_len + 1) & !1;
        let wide_units = u32_at(16) as usize;
        assert_eq!(
            frame.len(),
            wide_at.max(ascii_at + ascii_len) + 2 * wide_units
        );
        let ascii = std::str::from_utf8(&frame[ascii_at..ascii_at + ascii_len]).unwrap();
        let wide: Vec<u16> = frame[wide_at..wide_at + 2 * wide_units]
            .chunks(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        let (mut a, mut w) = (0, 0);
        let strings = (0..count)
            .map(|i| {
                let end = u32_at(HEAD + 4 * i);
                if end & IN_UTF16 != 0 {
                    let end = (end & !IN_UTF16) as usize;
                    let s = String::from_utf16(&wide[w..end]).unwrap();
                    w = end;
                    s
                } else {
                    let s = ascii[a..end as usize].to_owned();
                    a = end as usize;
                    s
                }
            })
            .collect();
        assert_eq!((a, w), (ascii_len, wide_units), "the texts are used up");
        (frame[0], frame[1], u32_at(4), strings)
    }

    #[test]
    fn ascii_requests_are_bytes() {
        let mut out = vec![9; 3];
        encode(&request("{\"a\":1}", Some("a=1")), &mut out).unwrap();
        let (flags, headers, timeout, strings) = decode(&out);
        assert_eq!((flags, headers, timeout), (HAS_SIGNATURE_RAW, 2, 30_000));
        assert_eq!(
            strings,
            [
                "POST",
                "https://h/p",
                "Content-Type",
                "application/json; charset=UTF-8",
                "X-Request-Id",
                "x1",
                "{\"a\":1}",
                "r1",
                "a=1"
            ]
        );
        assert_eq!(out.len(), HEAD + 4 * 9 + strings.concat().len());
    }

    #[test]
    fn secret_headers_are_marked_by_position() {
        let mut out = Vec::new();
        encode(&request("{}", None), &mut out).unwrap();
        assert_eq!((out[0] & HOLDS_SECRET, out[2]), (0, 0));
        let mut req = request("{}", None);
        req.headers.push(Header {
            name: "authorization".into(),
            value: "Bearer t".into(),
        });
        encode(&req, &mut out).unwrap();
        assert_eq!((out[0] & HOLDS_SECRET, out[2]), (HOLDS_SECRET, 0b100));
    }

    #[test]
    fn non_ascii_strings_are_utf16_the_rest_stays_ascii() {
        let body =
            "{\"storeId\":\"Cửa hàng Quận 1\",\"emoji\":\"☕🧾\",\"x\":\"abcdefghijklmnop\"}";
        let mut req = request(body, None);
        req.sensitive_body = true;
        req.request_id = "Mã-1".into();
        let mut out = Vec::new();
        encode(&req, &mut out).unwrap();
        let (flags, _, _, strings) = decode(&out);
        assert_eq!(flags, SENSITIVE_BODY | HOLDS_SECRET);
        assert_eq!(strings[6], body);
        assert_eq!(strings[7], "Mã-1");
        assert_eq!(strings[8], "");
        assert_eq!(strings[1], "https://h/p");
        let ascii_len: usize = strings
            .iter()
            .filter(|s| s.is_ascii())
            .map(|s| s.len())
            .sum();
        assert_eq!(
            u32::from_le_bytes(out[12..16].try_into().unwrap()) as usize,
            ascii_len
        );
    }

    #[test]
    fn utf16_equals_the_standard_library() {
        let every_width: String = [
            'a',
            '\u{7f}',
            '\u{80}',
            '\u{7ff}',
            '\u{800}',
            'ử',
            '\u{ffff}',
            '\u{10000}',
            '🧾',
            '\u{10ffff}',
        ]
        .iter()
        .collect();
        let runs = "01234567ü89abcdefgh🧾ijklmnopq";
        for s in [
            "",
            "abc",
            "Cửa hàng Quận 1",
            "☕🧾x",
            runs,
            every_width.as_str(),
        ] {
            let mut out = vec![0xaa; 2 * s.len() + 3];
            let end = utf16_into(s, &mut out, 3);
            let want: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
            assert_eq!(&out[3..end], &want[..], "{s}");
        }
    }

    #[test]
    fn write_returns_the_shared_buffer_and_wipe_zeroes_it() {
        let at = write(&request("{\"clientSecret\":\"s3cr3t\"}", None)).unwrap();
        let again = write(&request("{}", None)).unwrap();
        assert_eq!(at, again, "the buffer is reused");
        write(&request("{\"clientSecret\":\"s3cr3t\"}", None)).unwrap();
        wipe();
        FRAME.with(|frame| {
            let frame = frame.borrow();
            assert!(frame.is_empty());
            // zeroize cleared the spare capacity too
            assert!(frame.capacity() >= 64);
        });
    }
}

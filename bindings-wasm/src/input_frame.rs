//! Encoded JS arguments -> the core's [`Value`] tree.
//!
//! The JS wrapper (`js/codec.js`) walks each argument of a call once and
//! writes them all, one after the other, into one byte string. This module
//! reads them back. Reading JS objects from Rust one property at a time
//! (js-sys) cost a wasm-to-JS call per key and value; one byte string
//! crosses in a single copy.
//!
//! Each value is a tag byte, then its payload (integers little-endian):
//!
//! | tag | value | payload |
//! |---|---|---|
//! | 0 | `null`, `undefined` | none |
//! | 1, 2 | `false`, `true` | none |
//! | 3 | number | f64 |
//! | 4 | string | u32 byte length, then UTF-8 |
//! | 5 | array | u32 count, then the items |
//! | 6 | object | u32 count, then (key as a string payload, value) pairs |
//! | 7 | BigInt within 64 bits | a string payload: its decimal digits |
//! | 8 | no JSON-like form | a string payload: why |
//!
//! The encoder has already left out object entries whose value is `null` or
//! `undefined` (a JS optional field is "not given" either way) and put a
//! function, symbol, Set, Map or typed array as tag 8 with its kind, and a
//! string (or key) holding a lone surrogate, which has no UTF-8 form, as
//! tag 8 with that reason. Here a number becomes `I64` when it is a safe
//! integer and `F64` otherwise (NaN and infinities included), and a BigInt
//! becomes `I64`/`U64`, as serde_json reads JSON integer text; past 64 bits
//! the encoder sends it as a number (the nearest double), as serde_json
//! reads such text too, which is an unsafe integer to the core. The core then refuses a fraction, NaN or an
//! unsafe integer with its own error code and the field's path.
//!
//! The wrapper is the only writer, so a malformed frame is a bug: INTERNAL.

use momo_core::{ErrorCode, MomoError};

pub use momo_core::value::Value;

/// Largest integer a JS number holds exactly (2^53 - 1).
const MAX_SAFE_INTEGER: f64 = momo_core::lenient::MAX_SAFE_INTEGER as f64;

/// Deepest nesting read; the encoder stops at the core's
/// [`momo_core::value::MAX_DEPTH`] levels (and puts an unsupported value
/// there), so a frame nested deeper is malformed.
const MAX_DEPTH: usize = momo_core::value::MAX_DEPTH + 2;

/// The tags of the table above.
mod tag {
    pub const NULL: u8 = 0;
    pub const FALSE: u8 = 1;
    pub const TRUE: u8 = 2;
    pub const NUMBER: u8 = 3;
    pub const STRING: u8 = 4;
    pub const ARRAY: u8 = 5;
    pub const OBJECT: u8 = 6;
    pub const BIGINT: u8 = 7;
    pub const UNSUPPORTED: u8 = 8;
}

/// Why a frame could not be read. Kept to one word so the reader's
/// results stay small (they are moved at every step); it becomes a
/// `MomoError` only at the edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Malformed(&'static str);

impl From<Malformed> for MomoError {
    fn from(why: Malformed) -> Self {
        malformed(why.0)
    }
}

type Read<T> = Result<T, Malformed>;

/// A reader over the encoded arguments of one call.
pub struct Frame<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Frame<'a> {
    /// Starts reading `bytes` from the first argument.
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, at: 0 }
    }

    /// The next argument.
    pub fn value(&mut self) -> Result<Value, MomoError> {
        Ok(self.read(0)?)
    }

    /// Bytes not read yet.
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.at
    }

    /// Checks that every byte was read (the wrapper sent as many arguments
    /// as the function takes).
    pub fn end(self) -> Result<(), MomoError> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err(Malformed("bytes after the last argument").into())
        }
    }

    fn read(&mut self, depth: usize) -> Read<Value> {
        if depth > MAX_DEPTH {
            return Err(Malformed("nested too deep"));
        }
        Ok(match self.take(1)?[0] {
            tag::NULL => Value::Null,
            tag::FALSE => Value::Bool(false),
            tag::TRUE => Value::Bool(true),
            tag::NUMBER => number(f64::from_le_bytes(self.array()?)),
            tag::STRING => Value::Str(self.string()?),
            tag::ARRAY => {
                let count = self.count()?;
                let mut items = Vec::with_capacity(count);
                for _ in 0..count {
                    items.push(self.read(depth + 1)?);
                }
                Value::Seq(items)
            }
            tag::OBJECT => {
                let count = self.count()?;
                let mut entries = Vec::with_capacity(count);
                for _ in 0..count {
                    let key = self.string()?;
                    entries.push((key, self.read(depth + 1)?));
                }
                Value::Map(entries)
            }
            tag::BIGINT => bigint(&self.string()?)?,
            tag::UNSUPPORTED => Value::Unsupported(self.string()?),
            _ => return Err(Malformed("an unknown tag")),
        })
    }

    /// A u32 length prefix, then that many bytes of UTF-8.
    fn string(&mut self) -> Read<String> {
        let len = self.u32()? as usize;
        let bytes = self.take(len)?;
        std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|_| Malformed("a string that is not UTF-8"))
    }

    /// A u32 item count, checked against the bytes left (every item takes
    /// at least one byte), so a bad count cannot reserve huge memory.
    fn count(&mut self) -> Read<usize> {
        let count = self.u32()? as usize;
        if count > self.bytes.len() - self.at {
            return Err(Malformed("a count past the end"));
        }
        Ok(count)
    }

    fn u32(&mut self) -> Read<u32> {
        self.array().map(u32::from_le_bytes)
    }

    fn array<const N: usize>(&mut self) -> Read<[u8; N]> {
        // A fixed-size read (not copy_from_slice, which the size-tuned
        // .wasm calls out for).
        <[u8; N]>::try_from(self.take(N)?).map_err(|_| Malformed("cut short"))
    }

    fn take(&mut self, len: usize) -> Read<&'a [u8]> {
        let end = self
            .at
            .checked_add(len)
            .filter(|end| *end <= self.bytes.len())
            .ok_or(Malformed("cut short"))?;
        let bytes = &self.bytes[self.at..end];
        self.at = end;
        Ok(bytes)
    }
}

/// Reads the one argument of a call.
pub fn single(bytes: &[u8]) -> Result<Value, MomoError> {
    let mut frame = Frame::new(bytes);
    let value = frame.value()?;
    frame.end()?;
    Ok(value)
}

/// A JS number: safe integers as `i64`, every other number (fractions,
/// NaN, infinities, integers past 2^53-1) as `f64`.
pub fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
        Value::I64(n as i64)
    } else {
        Value::F64(n)
    }
}

/// A BigInt within `i64`/`u64`, as its decimal digits. (The encoder sends
/// one past 64 bits as the nearest double, `Number(big)`, tag 3.)
fn bigint(digits: &str) -> Read<Value> {
    if let Ok(v) = digits.parse::<i64>() {
        return Ok(Value::I64(v));
    }
    digits
        .parse::<u64>()
        .map(Value::U64)
        .map_err(|_| Malformed("a BigInt that is not a 64-bit integer"))
}

/// A compact, exact text of a value, for tests of the encoder: `null`,
/// `true`, `i64:5`, `u64:5`, `f64:<bits in hex>`, `str(<bytes>):<text>`,
/// `[a,b]`, `{<bytes>:<key>=value,...}` and `unsupported:<why>`. (No float
/// or string `Debug`: their formatting code would grow the .wasm.)
pub fn describe(value: &Value) -> String {
    let mut out = String::new();
    describe_into(value, &mut out);
    out
}

fn describe_into(value: &Value, out: &mut String) {
    let text = |out: &mut String, s: &str| {
        out.push_str(&s.len().to_string());
        out.push(':');
        out.push_str(s);
    };
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::I64(n) => out.push_str(&format!("i64:{n}")),
        Value::U64(n) => out.push_str(&format!("u64:{n}")),
        Value::F64(n) => out.push_str(&format!("f64:{:016x}", n.to_bits())),
        Value::Str(s) => {
            out.push_str("str(");
            text(out, s);
            out.push(')');
        }
        Value::Seq(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                describe_into(item, out);
            }
            out.push(']');
        }
        Value::Map(entries) => {
            out.push('{');
            for (i, (key, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                text(out, key);
                out.push('=');
                describe_into(item, out);
            }
            out.push('}');
        }
        Value::Unsupported(why) => {
            out.push_str("unsupported:");
            out.push_str(why);
        }
    }
}

fn malformed(why: &str) -> MomoError {
    MomoError::new(
        ErrorCode::Internal,
        "",
        format!("the JS wrapper sent a malformed argument frame ({why}); please report it"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use momo_core::input::decode;
    use momo_core::{QueryRequest, SaleInfo, TokenizationPayRequest};

    /// Writes frames the way js/codec.js does (the Node tests check the
    /// real encoder against these readings).
    #[derive(Default)]
    struct Writer(Vec<u8>);

    impl Writer {
        fn tag(mut self, t: u8) -> Self {
            self.0.push(t);
            self
        }
        fn str_payload(mut self, s: &str) -> Self {
            self.0.extend_from_slice(&(s.len() as u32).to_le_bytes());
            self.0.extend_from_slice(s.as_bytes());
            self
        }
        fn string(self, s: &str) -> Self {
            self.tag(tag::STRING).str_payload(s)
        }
        fn number(mut self, n: f64) -> Self {
            self.0.push(tag::NUMBER);
            self.0.extend_from_slice(&n.to_le_bytes());
            self
        }
        fn head(mut self, t: u8, count: u32) -> Self {
            self.0.push(t);
            self.0.extend_from_slice(&count.to_le_bytes());
            self
        }
    }

    fn pay(amount: f64) -> Vec<u8> {
        Writer::default()
            .head(tag::OBJECT, 5)
            .str_payload("orderId")
            .string("O1")
            .str_payload("token")
            .string("t")
            .str_payload("amount")
            .number(amount)
            .str_payload("orderInfo")
            .string("x")
            .str_payload("requestTime")
            .number(1.0)
            .0
    }

    #[test]
    fn every_tag_reads_back() {
        let bytes = Writer::default()
            .head(tag::ARRAY, 8)
            .tag(tag::NULL)
            .tag(tag::FALSE)
            .tag(tag::TRUE)
            .number(-0.0)
            .string("Cửa hàng")
            .head(tag::OBJECT, 1)
            .str_payload("k")
            .head(tag::ARRAY, 0)
            .tag(tag::BIGINT)
            .str_payload("-9223372036854775808")
            .tag(tag::UNSUPPORTED)
            .str_payload("a JS function")
            .0;
        let want = Value::Seq(vec![
            Value::Null,
            Value::Bool(false),
            Value::Bool(true),
            Value::I64(0),
            Value::Str("Cửa hàng".into()),
            Value::Map(vec![("k".into(), Value::Seq(vec![]))]),
            Value::I64(i64::MIN),
            Value::Unsupported("a JS function".into()),
        ]);
        assert_eq!(single(&bytes).unwrap(), want);
    }

    #[test]
    fn bigints_keep_their_exact_value() {
        let read = |digits: &str| single(&Writer::default().tag(tag::BIGINT).str_payload(digits).0);
        assert_eq!(read("20000").unwrap(), Value::I64(20_000));
        assert_eq!(read("-9223372036854775808").unwrap(), Value::I64(i64::MIN));
        assert_eq!(read("18446744073709551615").unwrap(), Value::U64(u64::MAX));
        for bad in ["18446744073709551616", "1e3", ""] {
            assert_eq!(read(bad).unwrap_err().code(), ErrorCode::Internal, "{bad}");
        }
    }

    #[test]
    fn malformed_frames_are_internal_errors_not_panics() {
        let good = pay(20_000.0);
        for cut in 0..good.len() {
            let err = single(&good[..cut]).unwrap_err();
            assert_eq!(err.code(), ErrorCode::Internal, "cut at {cut}");
        }
        let mut extra = good.clone();
        extra.push(tag::NULL);
        assert_eq!(single(&extra).unwrap_err().code(), ErrorCode::Internal);
        let huge = Writer::default().head(tag::ARRAY, u32::MAX).0;
        assert_eq!(single(&huge).unwrap_err().code(), ErrorCode::Internal);
        let bad_utf8 = [tag::STRING, 1, 0, 0, 0, 0xff];
        assert_eq!(single(&bad_utf8).unwrap_err().code(), ErrorCode::Internal);
        assert_eq!(single(&[42]).unwrap_err().code(), ErrorCode::Internal);
        let deep = [tag::ARRAY, 1, 0, 0, 0].repeat(200);
        assert_eq!(single(&deep).unwrap_err().code(), ErrorCode::Internal);
    }

    #[test]
    fn describe_is_exact() {
        let v = Value::Seq(vec![
            Value::Map(vec![("a".into(), Value::Str("Cửa".into()))]),
            Value::F64(1.5),
            Value::I64(-1),
            Value::U64(u64::MAX),
            Value::Null,
            Value::Bool(true),
            Value::Unsupported("why".into()),
        ]);
        assert_eq!(
            describe(&v),
            "[{1:a=str(5:Cửa)},f64:3ff8000000000000,i64:-1,u64:18446744073709551615,null,true,unsupported:why]"
        );
    }

    #[test]
    fn several_arguments_read_in_order() {
        let bytes = Writer::default().number(200.0).string("{}").0;
        let mut frame = Frame::new(&bytes);
        assert_eq!(frame.value().unwrap(), Value::I64(200));
        assert_eq!(frame.value().unwrap(), Value::Str("{}".into()));
        frame.end().unwrap();
    }

    #[test]
    fn core_markers_and_enum_errors_survive() {
        for bad in [1.5, f64::NAN, 9_007_199_254_740_992.0] {
            let err = decode::<TokenizationPayRequest>(single(&pay(bad)).unwrap()).unwrap_err();
            assert_eq!(
                (err.code(), err.field()),
                (ErrorCode::InvalidAmount, "amount"),
                "{bad:?}"
            );
        }
        let query = Writer::default()
            .head(tag::OBJECT, 2)
            .str_payload("orderId")
            .string("O1")
            .str_payload("lang")
            .string("fr")
            .0;
        let err = decode::<QueryRequest>(single(&query).unwrap()).unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::InvalidEnum, "lang"));
    }

    #[test]
    fn js_numbers_keep_their_kind() {
        assert_eq!(number(20_000.0), Value::I64(20_000));
        assert_eq!(
            number(-9_007_199_254_740_991.0),
            Value::I64(-9_007_199_254_740_991)
        );
        assert_eq!(
            number(9_007_199_254_740_992.0),
            Value::F64(9_007_199_254_740_992.0)
        );
        assert_eq!(number(1.5), Value::F64(1.5));
        assert_eq!(number(f64::NEG_INFINITY), Value::F64(f64::NEG_INFINITY));
        assert!(matches!(number(f64::NAN), Value::F64(n) if n.is_nan()));
    }

    #[test]
    fn nested_paths_and_integral_numbers() {
        let req = decode::<TokenizationPayRequest>(single(&pay(20_000.0)).unwrap()).unwrap();
        assert_eq!(req.amount, 20_000);
        let sale = Writer::default()
            .head(tag::OBJECT, 6)
            .str_payload("posId")
            .string("1")
            .str_payload("posName")
            .string("p")
            .str_payload("tranDate")
            .number(1.0)
            .str_payload("originalAmount")
            .number(1000.0)
            .str_payload("serviceCharge")
            .number(0.08)
            .str_payload("paymentMethod")
            .string("CASH")
            .0;
        let sale: SaleInfo = decode(single(&sale).unwrap()).unwrap();
        assert_eq!(sale.computed().unwrap().service_charge_amount, Some(80));
    }
}

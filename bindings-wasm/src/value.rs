//! JS value -> [`Value`] tree, the form the core decodes every model from.
//!
//! A JS value is walked once: numbers as JS gave them (a safe integer as
//! `i64`, anything else, NaN and +-Infinity included, as `f64`), a BigInt as
//! `i64`/`u64` (past 64 bits, the nearest `f64`, which the core refuses as
//! an unsafe amount), arrays, and the own enumerable entries of plain
//! objects and class instances. Object entries whose value is `null` or
//! `undefined` are left out, since a JS optional field means "not given" by
//! either. What has no JSON-like form (a function, a symbol, a Set, Map or
//! typed array) becomes [`Value::Unsupported`], which the core refuses with
//! INVALID_INPUT at that value's path. The core's
//! [`momo_core::input::decode`] does the rest, so the core itself refuses a
//! fraction, NaN or an unsafe integer with its own error code and the
//! field's path. Only host-value conversion happens here.

use js_sys::{Array, Object, Reflect, Symbol};
use wasm_bindgen::{JsCast, JsValue};

pub use momo_core::value::Value;

/// Largest integer a JS number holds exactly (2^53 - 1).
const MAX_SAFE_INTEGER: f64 = momo_core::lenient::MAX_SAFE_INTEGER as f64;

/// A JS number: safe integers as `i64`, every other number (fractions,
/// NaN, infinities, integers past 2^53-1) as `f64`.
pub fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
        Value::I64(n as i64)
    } else {
        Value::F64(n)
    }
}

/// Reads a JS value into a [`Value`] tree (see the module docs).
pub fn from_js(js: &JsValue) -> Value {
    if let Some(n) = js.as_f64() {
        return number(n);
    }
    if let Some(s) = js.as_string() {
        return Value::Str(s);
    }
    if let Some(b) = js.as_bool() {
        return Value::Bool(b);
    }
    if js.is_null() || js.is_undefined() {
        return Value::Null;
    }
    if js.is_bigint() {
        return bigint(js);
    }
    if Array::is_array(js) {
        let items: &Array = js.unchecked_ref();
        return Value::Seq(items.iter().map(|item| from_js(&item)).collect());
    }
    if js.is_object() && !js.is_function() && !is_iterable(js) {
        return object(js.unchecked_ref());
    }
    Value::Unsupported(format!(
        "invalid type: JS {}, expected a string, number, boolean, BigInt, null, array or plain object",
        kind(js)
    ))
}

/// A BigInt within `i64`/`u64` as itself, else the nearest double.
fn bigint(js: &JsValue) -> Value {
    if let Ok(v) = i64::try_from(js.clone()) {
        return Value::I64(v);
    }
    if let Ok(v) = u64::try_from(js.clone()) {
        return Value::U64(v);
    }
    Value::F64(nearest_double(js))
}

/// `Number(bigint)`: js-sys's `Number::new` is that constructor (its
/// suggested `Number::from` takes Rust numbers, not a JS value).
#[allow(deprecated)]
fn nearest_double(bigint: &JsValue) -> f64 {
    js_sys::Number::new(bigint).value_of()
}

/// An object's own enumerable entries, in order, without null/undefined.
fn object(obj: &Object) -> Value {
    let entries = Object::entries(obj);
    let mut out = Vec::with_capacity(entries.length() as usize);
    for pair in entries.iter() {
        let pair: Array = pair.unchecked_into();
        let value = pair.get(1);
        if value.is_null() || value.is_undefined() {
            continue;
        }
        let key = pair.get(0).as_string().unwrap_or_default();
        out.push((key, from_js(&value)));
    }
    Value::Map(out)
}

/// Sets, Maps, typed arrays and other iterables: not a record of fields.
fn is_iterable(js: &JsValue) -> bool {
    Reflect::has(js, &Symbol::iterator()).unwrap_or(false)
}

/// What to call an unsupported value in the error text.
fn kind(js: &JsValue) -> String {
    let typeof_ = js.js_typeof().as_string().unwrap_or_default();
    if typeof_ != "object" {
        return typeof_;
    }
    Reflect::get(js, &JsValue::from_str("constructor"))
        .and_then(|c| Reflect::get(&c, &JsValue::from_str("name")))
        .ok()
        .and_then(|name| name.as_string())
        .filter(|name| !name.is_empty())
        .map(|name| format!("{name} object"))
        .unwrap_or_else(|| "iterable object".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use momo_core::input::decode;
    use momo_core::{ErrorCode, QueryRequest, SaleInfo, TokenizationPayRequest};

    fn map(entries: &[(&str, Value)]) -> Value {
        Value::Map(
            entries
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        )
    }

    fn s(text: &str) -> Value {
        Value::Str(text.to_owned())
    }

    fn pay(amount: Value) -> Value {
        map(&[
            ("orderId", s("O1")),
            ("token", s("t")),
            ("amount", amount),
            ("orderInfo", s("x")),
            ("requestTime", Value::I64(1)),
        ])
    }

    #[test]
    fn unknown_keys_reach_deny_unknown_fields() {
        let err = decode::<QueryRequest>(map(&[("orderId", s("O1")), ("amout", Value::I64(1))]))
            .unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (ErrorCode::InvalidInput, "amout")
        );
    }

    #[test]
    fn core_markers_and_enum_errors_survive() {
        for bad in [
            Value::F64(1.5),
            Value::F64(f64::NAN),
            Value::F64(9.007_199_254_740_992e15),
        ] {
            let err = decode::<TokenizationPayRequest>(pay(bad.clone())).unwrap_err();
            assert_eq!(
                (err.code(), err.field()),
                (ErrorCode::InvalidAmount, "amount"),
                "{bad:?}"
            );
        }
        let err =
            decode::<QueryRequest>(map(&[("orderId", s("O1")), ("lang", s("fr"))])).unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::InvalidEnum, "lang"));
        let err = decode::<QueryRequest>(map(&[])).unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::Required, "orderId"));
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
        let req = decode::<TokenizationPayRequest>(pay(Value::I64(20_000))).unwrap();
        assert_eq!(req.amount, 20_000);
        let sale = map(&[
            ("posId", s("1")),
            ("posName", s("p")),
            ("tranDate", Value::I64(1)),
            ("originalAmount", Value::I64(1000)),
            ("serviceCharge", Value::F64(0.08)),
            ("paymentMethod", s("CASH")),
        ]);
        let sale: SaleInfo = decode(sale).unwrap();
        assert_eq!(sale.computed().unwrap().service_charge_amount, Some(80));
    }
}

//! JS value -> [`Value`] tree, the form the core decodes every model from.
//!
//! serde-wasm-bindgen reads the JS value into the core's [`Value`]: every
//! own key of every object, numbers as JS gave them (a safe integer as
//! `i64`, anything else, NaN and +-Infinity included, as `f64`; a BigInt as
//! `i64`/`u64`). Entries whose value is `null` or `undefined` are then
//! dropped, since a JS optional field means absent by either. The core's
//! [`momo_core::input::decode`] does the rest, so the core itself refuses a
//! fraction, NaN or an unsafe integer with its own error code and the
//! field's path. Only host-value conversion happens here.

pub use momo_core::value::Value;

/// Largest integer a JS number holds exactly (2^53 - 1).
const MAX_SAFE_INTEGER: f64 = momo_core::lenient::MAX_SAFE_INTEGER as f64;

/// A JS number as serde-wasm-bindgen presents it: safe integers as `i64`,
/// every other number (fractions, NaN, infinities, integers past 2^53-1)
/// as `f64`.
pub fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
        Value::I64(n as i64)
    } else {
        Value::F64(n)
    }
}

/// Drops object entries that are `null` or `undefined`, at every depth:
/// in JS both mean "not given". Array items are kept as they are.
pub fn drop_null_entries(value: &mut Value) {
    match value {
        Value::Map(entries) => {
            entries.retain(|(_, v)| *v != Value::Null);
            entries.iter_mut().for_each(|(_, v)| drop_null_entries(v));
        }
        Value::Seq(items) => items.iter_mut().for_each(drop_null_entries),
        _ => {}
    }
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
    fn null_entries_are_dropped_at_every_depth_but_array_items_stay() {
        let mut v: Value = serde_json::from_str(
            r#"{"a":null,"b":[1,null,{"x":null}],"c":18446744073709551615,"d":-2}"#,
        )
        .unwrap();
        drop_null_entries(&mut v);
        assert_eq!(
            v,
            map(&[
                (
                    "b",
                    Value::Seq(vec![Value::I64(1), Value::Null, Value::Map(vec![])])
                ),
                ("c", Value::U64(u64::MAX)),
                ("d", Value::I64(-2)),
            ])
        );
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

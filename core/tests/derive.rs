//! `#[derive(FromValue)]` against serde's own `#[derive(Deserialize)]`:
//! the same struct, the same `#[serde]` attributes, the same JSON. Both must
//! accept the same inputs with the same result, and refuse the same ones.

use momo_core::input::from_json;
use momo_core::{lenient, ErrorCode, FromValue};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Declares `$name` twice, in module `ours` (FromValue) and `serdes`
/// (serde's Deserialize), from one body.
macro_rules! twins {
    ($($(#[$meta:meta])* struct $name:ident { $($body:tt)* })*) => {
        mod ours {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[derive(Debug, PartialEq, FromValue)]
                $(#[$meta])*
                pub struct $name { $($body)* }
            )*
        }
        mod serdes {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[derive(Debug, PartialEq, serde::Deserialize)]
                $(#[$meta])*
                pub struct $name { $($body)* }
            )*
        }
    };
}

fn gift_path() -> String {
    "/api/gift/create".to_owned()
}

twins! {
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Order {
        pub order_id: String,
        #[serde(default)]
        pub store_id: Option<String>,
        pub note: Option<String>,
        #[serde(deserialize_with = "lenient::amount")]
        pub amount: i64,
        #[serde(default, deserialize_with = "lenient::opt_integer")]
        pub request_time: Option<i64>,
        #[serde(default = "gift_path")]
        pub path: String,
        #[serde(default, alias = "referenceId ")]
        pub reference_id: String,
        #[serde(rename = "type", default)]
        pub kind: Option<String>,
        #[serde(default)]
        pub tags: Vec<String>,
        #[serde(default)]
        pub paid: bool,
        #[serde(skip_deserializing)]
        pub computed: i64,
    }
    #[serde(rename_all = "camelCase", default)]
    struct Defaults {
        pub first_name: String,
        pub count: i64,
    }
}

/// The same JSON through both; equal results or both refused.
fn same(json: &Value) -> Result<(), TestCaseError> {
    let text = json.to_string();
    let theirs = serde_json::from_str::<serdes::Order>(&text);
    let mine = from_json::<ours::Order>(&text);
    match (theirs, mine) {
        (Ok(t), Ok(m)) => {
            let t = format!("{t:?}");
            let m = format!("{m:?}");
            prop_assert_eq!(t, m, "{}", text);
        }
        (Err(_), Err(_)) => {}
        (t, m) => prop_assert!(false, "{text}: serde {t:?}, FromValue {m:?}"),
    }
    Ok(())
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        "[a-z0-9 ]{0,6}".prop_map(Value::from),
        Just(json!([])),
        Just(json!(["a", "b"])),
        Just(json!({})),
    ]
}

const KEYS: &[&str] = &[
    "orderId",
    "storeId",
    "note",
    "amount",
    "requestTime",
    "path",
    "referenceId",
    "referenceId ",
    "type",
    "tags",
    "paid",
    "computed",
    "kind",
    "order_id",
    "extra",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn accepts_and_refuses_what_serde_does(
        entries in proptest::collection::vec((0..KEYS.len(), scalar()), 0..9),
        base in any::<bool>(),
    ) {
        let mut object = serde_json::Map::new();
        if base {
            // Mostly valid inputs, so acceptance is exercised too.
            object.insert("orderId".into(), json!("O-1"));
            object.insert("amount".into(), json!(20000));
        }
        for (k, v) in entries {
            object.insert(KEYS[k].to_owned(), v);
        }
        same(&Value::Object(object))?;
    }
}

#[test]
fn the_documented_cases_agree() {
    for json in [
        json!({"orderId": "O", "amount": "20000"}),
        json!({"orderId": "O", "amount": 1, "referenceId ": "r", "type": "x", "tags": ["a"]}),
        json!({"orderId": "O", "amount": 1, "path": "/p", "note": null, "storeId": null}),
        json!({"orderId": "O", "amount": 1.5}),
        json!({"orderId": "O"}),
        json!({"amount": 1}),
        json!({"orderId": "O", "amount": 1, "computed": 5}),
        json!({"orderId": "O", "amount": 1, "kind": "x"}),
        json!(["O", 1]),
        json!("O"),
        json!(null),
    ] {
        same(&json).unwrap();
    }
}

#[test]
fn errors_name_the_field_and_the_rule() {
    let err = from_json::<ours::Order>(r#"{"orderId":"O","amount":1.5}"#).unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        (ErrorCode::InvalidAmount, "amount")
    );
    let err = from_json::<ours::Order>(r#"{"amount":1}"#).unwrap_err();
    assert_eq!((err.code(), err.field()), (ErrorCode::Required, "orderId"));
    let err = from_json::<ours::Order>(r#"{"orderId":"O","amount":1,"amout":1}"#).unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        (ErrorCode::InvalidInput, "amout")
    );
    let err = from_json::<ours::Order>(r#"{"orderId":"O","amount":1,"tags":["a",5]}"#).unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        (ErrorCode::InvalidInput, "tags[1]")
    );
    let err = from_json::<ours::Order>(
        r#"{"orderId":"O","amount":1,"referenceId":"a","referenceId ":"b"}"#,
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(
        err.message().contains("duplicate field `referenceId`"),
        "{err}"
    );
    let ok = from_json::<ours::Order>(r#"{"orderId":"O","amount":1}"#).unwrap();
    assert_eq!(
        (ok.path.as_str(), ok.note, ok.computed),
        ("/api/gift/create", None, 0)
    );
}

impl Default for ours::Defaults {
    fn default() -> Self {
        Self {
            first_name: "n/a".into(),
            count: 7,
        }
    }
}

impl Default for serdes::Defaults {
    fn default() -> Self {
        Self {
            first_name: "n/a".into(),
            count: 7,
        }
    }
}

#[test]
fn container_default_fills_what_is_missing_and_unknown_keys_pass() {
    for json in [
        json!({}),
        json!({"count": 3}),
        json!({"firstName": "a", "other": 1}),
    ] {
        let text = json.to_string();
        let theirs = serde_json::from_str::<serdes::Defaults>(&text).unwrap();
        let mine = from_json::<ours::Defaults>(&text).unwrap();
        assert_eq!(format!("{theirs:?}"), format!("{mine:?}"), "{text}");
    }
}

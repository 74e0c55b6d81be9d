//! Prints the model declarations of the npm package's `index.d.ts`, from
//! the core's `#[derive(tsify::Tsify)]` (feature `tsify`): build.sh appends
//! them to the hand-written API part (`js/api.d.ts`). Native, no wasm:
//! `cargo run -p momo-core-wasm --features gen-types --bin gen-types`.
//!
//! tsify declares what serde *reads* (a `#[serde(default)]` field is
//! optional, a `skip_deserializing` one absent), which is right for the
//! inputs. The outputs are what serde *writes* (through serde-wasm-bindgen's
//! json_compatible: every field, `null` for `None`, computed fields
//! included), so [`output`] rewrites their declaration against a value of
//! the type serialized: a field it writes is required, one it leaves out
//! (`skip_serializing_if`) optional, a lenient input type a plain `number`.
//! A field the declaration and the value disagree on fails the build.

use std::collections::BTreeMap;

use momo_core::gateway::RefundTransaction;
use momo_core::gift::GiftGetTransRequest;
use momo_core::result_code::CodeInfo;
use momo_core::tokenization::{
    Fee, Item, PaymentPromotion, PromotionEntry, PromotionInfo, TokenEnvelope, UserInfo,
};
use momo_core::voucher::{FormError, PaymentMethod, RedeemStatus};
use momo_core::*;
use serde::Serialize;
use tsify::Tsify;

/// The inputs' lenient scalar types (`js/api.d.ts`); an output holds numbers.
const LENIENT: [&str; 3] = ["AmountInput", "IntegerInput", "RateInput"];

/// Fields serde writes but never reads (`skip_deserializing`, computed by
/// the core), which tsify leaves out: (name, TypeScript type, doc).
const COMPUTED: [(&str, &str, &str); 3] = [
    (
        "statusCode",
        "GiftStatusCode",
        "Typed status (computed by momo-core).",
    ),
    (
        "outcome",
        "Outcome",
        "What the resultCode means (computed by momo-core).",
    ),
    (
        "success",
        "boolean",
        "True when status is SUCCESS (computed by momo-core).",
    ),
];

struct Out(String);

impl Out {
    fn section(&mut self, title: &str) {
        let rule = "-".repeat(60);
        self.0.push_str(&format!("// {rule} {title}\n\n"));
    }

    /// The declaration as tsify writes it: inputs, enums, outputs that no
    /// serde default makes optional.
    fn decl<T: Tsify>(&mut self) {
        self.push(T::DECL.to_owned());
    }

    /// An input declared under another name.
    fn decl_as<T: Tsify>(&mut self, name: &str) {
        self.push(renamed(T::DECL, name));
    }

    /// An output, named `name`, checked against `sample` serialized.
    fn output<T: Tsify + Serialize>(&mut self, name: &str, sample: &T) {
        self.push(output(&renamed(T::DECL, name), sample));
    }

    fn push(&mut self, decl: String) {
        self.0.push_str(&decl);
        self.0.push_str("\n\n");
    }
}

/// `decl` with its declared name replaced.
fn renamed(decl: &str, name: &str) -> String {
    let mut lines: Vec<String> = decl.lines().map(str::to_owned).collect();
    let head = lines
        .iter_mut()
        .find(|l| l.starts_with("export "))
        .expect("a declaration line");
    let mut words: Vec<&str> = head.splitn(4, ' ').collect();
    assert!(words.len() >= 3, "unexpected declaration line {head}");
    words[2] = name;
    *head = words.join(" ");
    lines.join("\n")
}

/// A member line of a tsify interface: `    name?: type;`.
fn member(line: &str) -> Option<(&str, bool, &str)> {
    let body = line.strip_prefix("    ")?.strip_suffix(';')?;
    if body.starts_with(' ') || body.starts_with('*') || body.starts_with('/') {
        return None;
    }
    let (key, ty) = body.split_once(": ")?;
    let (key, optional) = match key.strip_suffix('?') {
        Some(key) => (key, true),
        None => (key, false),
    };
    Some((key, optional, ty))
}

fn output<T: Serialize>(decl: &str, sample: &T) -> String {
    let value = serde_json::to_value(sample).expect("a sample serializes");
    let written: BTreeMap<String, serde_json::Value> = match value {
        serde_json::Value::Object(map) => map.into_iter().collect(),
        other => panic!("an output model serializes to an object, not {other}"),
    };
    let name = decl
        .lines()
        .find(|l| l.starts_with("export interface "))
        .unwrap_or_else(|| panic!("not an interface: {decl}"))
        .to_owned();
    let mut declared = Vec::new();
    let mut lines = Vec::new();
    for line in decl.lines() {
        let Some((key, optional, ty)) = member(line) else {
            if line == "}" {
                for (key, ty, doc) in COMPUTED {
                    if written.contains_key(key) && !declared.contains(&key.to_owned()) {
                        declared.push(key.to_owned());
                        lines.push(format!("    /**\n     * {doc}\n     */\n    {key}: {ty};"));
                    }
                }
            }
            lines.push(line.to_owned());
            continue;
        };
        declared.push(key.to_owned());
        let mut ty = ty.to_owned();
        for lenient in LENIENT {
            ty = ty.replace(lenient, "number");
        }
        if written.contains_key(key) {
            lines.push(format!("    {key}: {ty};"));
        } else {
            // Left out when None (skip_serializing_if): never null.
            assert!(optional, "{name}: {key} is required but not written");
            let ty = ty.strip_suffix(" | null").unwrap_or(&ty);
            lines.push(format!("    {key}?: {ty};"));
        }
    }
    for key in written.keys() {
        assert!(
            declared.contains(key),
            "{name}: serde writes {key}, which neither tsify nor COMPUTED declares"
        );
    }
    lines.join("\n")
}

/// A value read from JSON (a model without Default), its Options None.
fn sample<T: serde::de::DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).expect("the sample parses")
}

fn main() {
    let mut out = Out(String::from(
        "// ============================================================ models\n\
         // Generated from the Rust models (bindings-wasm/types/gen_types.rs,\n\
         // tsify); do not edit. Inputs accept what the core accepts; outputs\n\
         // are what it returns (absent = null).\n\n",
    ));

    out.section("errors");
    out.decl::<ErrorCode>();
    out.decl::<ErrorKind>();

    out.section("configuration");
    out.decl::<Lang>();
    out.decl::<Environment>();
    out.decl::<GiftPaths>();
    out.decl::<ClientConfig>();
    let prepared = PreparedRequest {
        method: String::new(),
        url: String::new(),
        headers: Vec::new(),
        body: String::new(),
        timeout_ms: 0,
        request_id: String::new(),
        signature_raw: None,
        sensitive_body: false,
    };
    out.output("PreparedRequestJson", &prepared);

    out.section("outcomes");
    out.decl::<ResultClass>();
    out.output("Outcome", &Outcome::default());
    out.decl::<CodeInfo>();

    out.section("tokenization");
    out.decl::<TokenizationCreateRequest>();
    out.output("PromotionInfo", &PromotionInfo::default());
    out.output("UserInfo", &UserInfo::default());
    out.output(
        "TokenizationCreateResponse",
        &TokenizationCreateResponse::default(),
    );
    out.decl::<TokenEnvelope>();
    out.decl::<Item>();
    out.decl::<PromotionEntry>();
    out.decl::<Fee>();
    out.decl::<TokenizationPayRequest>();
    out.output("PaymentPromotion", &PaymentPromotion::default());
    out.output(
        "TokenizationPayResponse",
        &TokenizationPayResponse::default(),
    );

    out.section("gateway");
    out.decl::<QueryRequest>();
    out.output("RefundTransaction", &RefundTransaction::default());
    out.output("QueryResponse", &QueryResponse::default());
    out.decl::<ConfirmRequestType>();
    out.decl::<ConfirmRequest>();
    out.output("ConfirmResponse", &ConfirmResponse::default());
    out.decl::<RefundRequest>();
    out.output("RefundResponse", &RefundResponse::default());
    out.output("PaymentNotification", &PaymentNotification::default());

    out.section("one-time payment (create)");
    out.decl::<CreateRequestType>();
    out.decl::<PaymentUserInfo>();
    out.decl::<DeliveryInfo>();
    out.decl::<CreatePaymentRequest>();
    out.output("CreatePaymentResponse", &CreatePaymentResponse::default());

    out.section("payment tracker");
    out.decl::<TrackedOperation>();
    out.decl::<FinalState>();
    out.decl::<FinalReason>();
    out.decl::<NextStep>();
    out.decl::<Step>();
    out.output(
        "PaymentTrackerJson",
        &PaymentTracker::new(TrackedOperation::Create, 0),
    );

    out.section("Business Page vouchers");
    out.decl::<PaymentMethod>();
    out.decl_as::<SaleInfo>("SaleInfoInput");
    let sale: SaleInfo = sample(
        r#"{"posId":"","posName":"","tranDate":0,"originalAmount":0,"paymentMethod":"CASH"}"#,
    );
    out.output("SaleInfo", &sale);
    out.decl::<RedeemStatus>();
    out.decl::<RedeemStatusRequest>();
    out.output("FormError", &FormError::default());
    out.output("RedeemStatusResponse", &RedeemStatusResponse::default());

    out.section("Gift API");
    out.decl::<Gift>();
    out.decl::<GiftCreateRequest>();
    out.decl::<GiftStatusRequest>();
    out.decl::<GiftGetTransRequest>();
    let page: GiftGetTransRequest = sample(r#"{"date":"","offset":0}"#);
    out.output("GiftGetTransPage", &page);
    out.decl::<GiftStatusCode>();
    out.output("GiftResult", &GiftResult::default());
    out.output("GiftBatch", &GiftBatch::default());
    out.output("GiftStatusResponse", &GiftStatusResponse::default());
    out.output("GiftGetTransResponse", &GiftGetTransResponse::default());

    print!("{}", out.0.trim_end());
    println!();
}

//! Criterion benchmarks: preparing tokenization/create, tokenization/pay with
//! RSA-2048, and parsing a 1,000-row get-trans page.
//!
//! Run: `cargo bench -p momo-core --bench prepare`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use momo_core::input::from_json;
use momo_core::*;
use serde_json::{json, Value};

fn vectors(name: &str) -> Value {
    let path = format!("{}/../tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn client() -> MomoClient {
    let rsa = vectors("rsa.json");
    MomoClient::new(ClientConfig {
        partner_code: Some("MOMO".into()),
        access_key: Some("F8BBA842ECF85".into()),
        secret_key: Some("K951B6PE1waDMi640xX08PD3vg6EkVlz".into()),
        public_key: Some(
            rsa["keys"][0]["publicKeys"]["spkiPem"]
                .as_str()
                .unwrap()
                .to_owned(),
        ),
        ..ClientConfig::default()
    })
    .unwrap()
}

fn get_trans_page(rows: usize) -> String {
    let datas: Vec<Value> = (0..rows)
        .map(|i| {
            json!({
                "requestId": format!("1492906483{i:05}"), "referenceId ": "", "resultCode": 0, "message": "Success",
                "gifts": [
                    {"giftId": format!("g{i}-0"), "status": 0, "statusDesc": "Success", "voucherId": "1234567ABCD", "paymentRef": "1234567"},
                    {"giftId": format!("g{i}-1"), "status": 801, "statusDesc": "Invalid Gift Type", "voucherId": "1234567ABCDE", "paymentRef": "12345678"}
                ]
            })
        })
        .collect();
    json!({"requestId": "r", "referenceId ": "x", "resultCode": 0, "message": "Success", "datas": datas}).to_string()
}

fn benches(c: &mut Criterion) {
    let client = client();
    let signing = vectors("signing.json");
    let create: TokenizationCreateRequest =
        from_json(&signing["vectors"][0]["input"].to_string()).unwrap();
    c.bench_function("prepare tokenization/create", |b| {
        b.iter(|| client.tokenization_create(black_box(&create)).unwrap())
    });

    let rsa = vectors("rsa.json");
    let pay: TokenizationPayRequest = from_json(&rsa["vectors"][0]["input"].to_string()).unwrap();
    c.bench_function("prepare tokenization/pay (RSA-2048)", |b| {
        b.iter(|| client.tokenization_pay(black_box(&pay)).unwrap())
    });

    let page = get_trans_page(1_000);
    c.bench_function("parse get-trans page (1,000 rows)", |b| {
        b.iter(|| parse_gift_get_trans(200, black_box(&page)).unwrap())
    });
}

criterion_group!(prepare, benches);
criterion_main!(prepare);

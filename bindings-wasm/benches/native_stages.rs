//! The same stages as `bench/stages.mjs`, compiled for this machine rather
//! than for wasm: what decoding, checking and writing a tokenization/create
//! costs as native code, for comparing with the time the per-call target
//! leaves them in Node. Run by `bench/stages.sh`, which first writes the
//! encoded argument (the JS wrapper's own encoding) to a file:
//!   cargo bench -p momo-core-wasm --bench native_stages -- FRAME_FILE

use std::hint::black_box;
use std::time::Instant;

use momo_core::input::decode;
use momo_core::{signing, ClientConfig, MomoClient, Secret, TokenizationCreateRequest};
use momo_core_wasm::input_frame::single;
use momo_core_wasm::output_frame;

const CALLS: u32 = 200_000;
const ROUNDS: usize = 9;

fn main() {
    let path = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .expect("usage: native_stages FRAME_FILE");
    let frame = std::fs::read(&path).expect("the encoded argument");
    let secret = "K951B6PE1waDMi640xX08PD3vg6EkVlz";
    let client = MomoClient::new(ClientConfig {
        partner_code: Some("MOMO".into()),
        access_key: Some("F8BBA842ECF85".into()),
        secret_key: Some(Secret::from(secret.to_owned())),
        ..ClientConfig::default()
    })
    .expect("client");
    let model = || -> TokenizationCreateRequest {
        decode(single(black_box(&frame)).expect("frame")).expect("model")
    };
    let typed = model();
    let prepared = client.tokenization_create(&typed).expect("create");
    let raw = prepared.signature_raw.clone().expect("signed");
    let key = signing::key_of(&Secret::from(secret.to_owned()));
    let mut out = Vec::with_capacity(4096);

    let decode_ns = time(|| drop(black_box(model())));
    let prepare_ns = time(|| {
        drop(black_box(
            client
                .tokenization_create(black_box(&typed))
                .expect("create"),
        ))
    });
    let frame_ns = time(|| output_frame::encode(black_box(&prepared), &mut out).expect("frame"));
    let mac_ns = time(|| {
        black_box(key.mac(black_box(raw.as_bytes())));
    });
    let all_ns = time(|| {
        let req = client.tokenization_create(&model()).expect("create");
        output_frame::encode(&req, &mut out).expect("frame");
    });
    println!(
        "native tokenization/create stages (median of {ROUNDS} rounds of {CALLS} calls), ns/call:"
    );
    println!("  decode {decode_ns:.0}, prepare {prepare_ns:.0} (of which HMAC {mac_ns:.0}), frame {frame_ns:.0}");
    println!(
        "  decode + prepare + frame {all_ns:.0}; without the HMAC {:.0}",
        all_ns - mac_ns
    );
}

/// Median ns per call of `f`.
fn time(mut f: impl FnMut()) -> f64 {
    let mut rounds: Vec<f64> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..CALLS {
                f();
            }
            start.elapsed().as_nanos() as f64 / f64::from(CALLS)
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    rounds[ROUNDS / 2]
}

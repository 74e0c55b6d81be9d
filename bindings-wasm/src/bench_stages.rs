//! The stages of one tokenization/create, timed apart by
//! `bench/stages.mjs` (built only with the `bench-stages` feature, never
//! into the package).
//!
//! The per-call target of issue 3 compares the package with hand-written
//! `node:crypto`. [`WasmClient::bench_create_stages`] runs only the parts
//! of a create that no design of this package can skip, so the bench can
//! show how much of the hand-written cost they take on their own:
//!
//! - always: wasm-bindgen's copy of the encoded argument in, and one
//!   prepared-request frame out (a copy of the first call's frame), which
//!   the script reads with the package's own `readPrepared`;
//! - bit 1 ([`DECODE`]): decoding the typed model (field types and
//!   names; the length and format checks are the create's own);
//! - bit 2 ([`MAC`]): the HMAC-SHA256 of a raw string as long as the real
//!   one, with the client's key (the core keeps its pads hashed).
//!
//! Whatever a create does beyond these (the checks of its fields, the raw
//! string, the body, the frame) is left out, so the stages are a lower
//! bound of any create that goes through the core.

use std::cell::RefCell;

use momo_core::hmac_sha256::HmacKey;
use momo_core::{signing, ErrorCode, MomoError, TokenizationCreateRequest};
use wasm_bindgen::prelude::*;

use crate::{input, output_frame, throw, JsResult, WasmClient};

/// Stage bit: decode the model from the argument.
pub const DECODE: u32 = 1;
/// Stage bit: MAC a raw string of the real one's length.
pub const MAC: u32 = 2;

/// What the first call kept for the later ones.
struct Kept {
    frame: Vec<u8>,
    key: HmacKey,
    raw: String,
}

thread_local! {
    static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
}

#[wasm_bindgen]
impl WasmClient {
    /// The first call prepares the create for real and keeps its frame,
    /// raw string and the client's key; every call then runs the stages in
    /// `stages` and returns where the kept frame starts in wasm memory.
    #[wasm_bindgen(js_name = benchCreateStages)]
    pub fn bench_create_stages(&self, req: &[u8], stages: u32) -> JsResult<u32> {
        KEPT.with(|slot| {
            let mut slot = slot.borrow_mut();
            let kept = match &mut *slot {
                Some(kept) => kept,
                None => slot.insert(self.keep(req).map_err(throw)?),
            };
            if stages & DECODE != 0 {
                let model: TokenizationCreateRequest = input(req).map_err(throw)?;
                std::hint::black_box(model);
            }
            if stages & MAC != 0 {
                std::hint::black_box(kept.key.mac(std::hint::black_box(kept.raw.as_bytes())));
            }
            Ok(kept.frame.as_ptr() as usize as u32)
        })
    }

    fn keep(&self, req: &[u8]) -> Result<Kept, MomoError> {
        let model: TokenizationCreateRequest = input(req)?;
        let prepared = self.inner.tokenization_create(&model)?;
        let mut frame = Vec::new();
        output_frame::encode(&prepared, &mut frame)?;
        let secret = self.inner.config().secret_key.as_ref().ok_or_else(|| {
            MomoError::new(
                ErrorCode::Internal,
                "",
                "bench stages: the client has no secretKey",
            )
        })?;
        Ok(Kept {
            frame,
            key: signing::key_of(secret),
            raw: prepared.signature_raw.clone().unwrap_or_default(),
        })
    }
}

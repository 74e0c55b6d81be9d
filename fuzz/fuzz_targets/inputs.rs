//! `inputs`: see `inputs` in core/tests/support/fuzz_entries.rs.
#![no_main]

#[path = "../../core/tests/support/fuzz_entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::inputs(data, &mut Vec::new()));

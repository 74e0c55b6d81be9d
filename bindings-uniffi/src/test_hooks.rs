//! Test builds only (feature `test-hooks`).

use momo_core as mc;

use crate::{guard, Result};

/// Test builds only (feature `test-hooks`): panics inside the guard, to
/// show that a panic surfaces as `INTERNAL` and never crosses the FFI.
#[cfg(feature = "test-hooks")]
#[uniffi::export]
pub fn debug_panic(message: String) -> Result<()> {
    guard(|| -> mc::Result<()> { panic!("{message}") })
}

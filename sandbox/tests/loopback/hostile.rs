//! Hostile clients over real HTTP on loopback, in a test binary of their
//! own: cargo runs test binaries one after another, so the 1 s health-check
//! bound is measured without the rest of the loopback suite (RSA in debug
//! builds) competing for the CPU in the same process.

#[allow(dead_code)]
mod common;
mod limits;

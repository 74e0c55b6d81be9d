//! Integration tests of momo-sandbox over real HTTP on loopback: a sandbox
//! on 127.0.0.1:0 in this process, driven with momo-core's
//! `PreparedRequest`s and parsers through `momo_sandbox::HttpClient`.

mod business;
mod common;
mod gateway;
mod gift;
mod ipn;
mod load;
mod onetime;
mod robustness;

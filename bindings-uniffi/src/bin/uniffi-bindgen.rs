//! `uniffi-bindgen` at exactly the uniffi version the library is built with
//! (a mismatch breaks the generated bindings' checksums).

fn main() {
    uniffi::uniffi_bindgen_main()
}

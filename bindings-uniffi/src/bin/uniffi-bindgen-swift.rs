//! `uniffi-bindgen-swift` at exactly the uniffi version the library is built
//! with: writes the Swift sources, the C headers and ONE modulemap for both
//! components (momo_core and momo_core_uniffi) so they form one Swift module.

fn main() {
    uniffi::uniffi_bindgen_swift()
}

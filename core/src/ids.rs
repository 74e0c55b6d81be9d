//! Identifier generators: requestId, orderId and X-Request-Id.
//!
//! Each is a random UUID v4 (lowercase, hyphenated, 36 characters) from the
//! operating system's generator, which satisfies MoMo's orderId pattern
//! `^[0-9a-zA-Z]([-_.]*[0-9a-zA-Z]+)*$` and the 50-character limits.

use crate::error::{ErrorCode, MomoError, Result};

/// A random UUID v4, e.g. `3f0e1c2a-9b7d-4c1e-8a2f-0d5b6c7e8f90`.
pub fn uuid_v4() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).map_err(|e| {
        MomoError::new(
            ErrorCode::Internal,
            "random",
            format!("no system randomness: {e}"),
        )
    })?;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    ))
}

/// A new requestId (MoMo's idempotency key; String(50)).
pub fn new_request_id() -> Result<String> {
    uuid_v4()
}

/// A new orderId (unique per payment; refunds need a new one too).
pub fn new_order_id() -> Result<String> {
    uuid_v4()
}

/// A new `X-Request-Id` header value for the Business Page APIs.
pub fn new_x_request_id() -> Result<String> {
    uuid_v4()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::is_order_id;

    #[test]
    fn ids_are_uuid_v4_and_fit_momo_rules() {
        let a = new_order_id().unwrap();
        let b = new_order_id().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert!(is_order_id(&a));
        assert_eq!(&a[14..15], "4");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"));
    }
}

//! Identifier generators: requestId, orderId and X-Request-Id.
//!
//! Each is a random UUID v4 (lowercase, hyphenated, 36 characters) from the
//! operating system's generator, which satisfies MoMo's orderId pattern
//! `^[0-9a-zA-Z]([-_.]*[0-9a-zA-Z]+)*$` and the 50-character limits.

use crate::error::{ErrorCode, MomoError, Result};

/// A random UUID v4, e.g. `3f0e1c2a-9b7d-4c1e-8a2f-0d5b6c7e8f90`.
pub fn uuid_v4() -> Result<String> {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut bytes = random16()?;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    Ok(out)
}

fn no_randomness(e: getrandom::Error) -> MomoError {
    MomoError::new(
        ErrorCode::Internal,
        "random",
        format!("no system randomness: {e}"),
    )
}

/// 16 bytes from the operating system, one request each time: a forked
/// process must never replay bytes its parent had buffered.
#[cfg(not(target_arch = "wasm32"))]
fn random16() -> Result<[u8; 16]> {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).map_err(no_randomness)?;
    Ok(bytes)
}

/// 16 bytes of the host's randomness (`crypto.getRandomValues`). Each
/// request is a trip into JavaScript (about 4 us per id, measured in the npm
/// package), so bytes are drawn 1 KiB at a time. A wasm instance cannot
/// fork, and each Node worker has its own.
#[cfg(target_arch = "wasm32")]
fn random16() -> Result<[u8; 16]> {
    use std::cell::RefCell;

    const POOL: usize = 1024;
    thread_local! {
        static BYTES: RefCell<([u8; POOL], usize)> = const { RefCell::new(([0; POOL], POOL)) };
    }
    BYTES.with(|cell| {
        let (pool, used) = &mut *cell.borrow_mut();
        if *used == POOL {
            getrandom::getrandom(pool).map_err(no_randomness)?;
            *used = 0;
        }
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&pool[*used..*used + 16]);
        // Spent bytes are not kept around.
        pool[*used..*used + 16].fill(0);
        *used += 16;
        Ok(bytes)
    })
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
        let dashes: Vec<usize> = a.match_indices('-').map(|(i, _)| i).collect();
        assert_eq!(dashes, [8, 13, 18, 23]);
    }

    #[test]
    fn a_thousand_ids_are_distinct() {
        let ids: std::collections::HashSet<String> =
            (0..1000).map(|_| uuid_v4().unwrap()).collect();
        assert_eq!(ids.len(), 1000);
    }
}

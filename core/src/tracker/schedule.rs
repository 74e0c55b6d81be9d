//! When to query a payment whose outcome is pending or unknown.
//!
//! MoMo publishes no polling interval. What its developer pages do say, and
//! what the schedule is built from:
//!
//! - pending codes (1000, 7000, 7002, 8000) mean "wait for the IPN or
//!   query"; a timeout is unknown, never a failure (result codes,
//!   PROTOCOL.md section 3);
//! - MoMo expects the partner to answer an IPN within 15 s
//!   (<https://developers.momo.vn/v3/docs/payment/api/result-handling/notification>),
//!   so a payment's notification normally arrives within seconds: the first
//!   query waits [`QUERY_DELAYS_MS`]`[0]` to let it come first;
//! - a query may take up to 30 s (its minimum timeout,
//!   <https://developers.momo.vn/v3/docs/payment/api/payment-api/query>), so
//!   queries never overlap: the next one is scheduled from the previous
//!   answer (or timeout), never from a fixed clock;
//! - a payment link or QR code expires (resultCode 1005); MoMo's payment
//!   URLs default to 15 minutes
//!   (<https://developers.momo.vn/v3/docs/payment/api/wallet/pay-with-token>:
//!   "URL's default expire time is 15 minutes"), or the create request's
//!   `orderExpireTime` (minutes).
//!
//! The delays themselves are momo-core's choice within those facts: 10 s,
//! 10 s, 20 s, 30 s, then every 60 s, never past the order's expiry plus
//! [`EXPIRY_GRACE_MS`]. The last query is made at that deadline; a payment
//! still pending or unknown then is reported expired.

/// Waits before the 1st, 2nd, ... query after a pending or unknown answer;
/// the last one repeats.
pub const QUERY_DELAYS_MS: [i64; 5] = [10_000, 10_000, 20_000, 30_000, 60_000];

/// After the order's expiry, how long MoMo is given to settle it (its clock
/// and ours differ; a payment made in the last second needs its answer)
/// before the last query.
pub const EXPIRY_GRACE_MS: i64 = 60_000;

/// MoMo's default lifetime of a payment URL or QR code: 15 minutes.
pub const DEFAULT_ORDER_EXPIRY_MS: i64 = 15 * 60_000;

/// The wait before the next query, after `queries` query answers (or query
/// timeouts) so far.
pub fn delay_ms(queries: u32) -> i64 {
    let at = usize::try_from(queries).unwrap_or(usize::MAX);
    QUERY_DELAYS_MS[at.min(QUERY_DELAYS_MS.len() - 1)]
}

/// When an order created at `created_at_ms` with `orderExpireTime` in
/// minutes (MoMo's default when `None`) stops being payable, epoch ms.
/// Saturates rather than overflowing.
pub fn order_expires_at_ms(created_at_ms: i64, order_expire_minutes: Option<i64>) -> i64 {
    let lifetime =
        order_expire_minutes.map_or(DEFAULT_ORDER_EXPIRY_MS, |m| m.saturating_mul(60_000));
    created_at_ms.saturating_add(lifetime)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_back_off_then_repeat() {
        let got: Vec<i64> = (0..7).map(delay_ms).collect();
        assert_eq!(
            got,
            [10_000, 10_000, 20_000, 30_000, 60_000, 60_000, 60_000]
        );
        assert_eq!(delay_ms(u32::MAX), 60_000);
    }

    #[test]
    fn expiry_in_minutes_or_fifteen() {
        assert_eq!(order_expires_at_ms(1_000, Some(5)), 301_000);
        assert_eq!(order_expires_at_ms(1_000, None), 901_000);
        assert_eq!(order_expires_at_ms(i64::MAX, Some(i64::MAX)), i64::MAX);
    }
}

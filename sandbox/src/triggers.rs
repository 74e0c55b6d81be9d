//! Deterministic test triggers: what tokenization/pay does for an amount.
//!
//! | amount (VND)            | tokenization/pay answers                                   |
//! |-------------------------|------------------------------------------------------------|
//! | 1,001,000 .. 1,007,000  | 1001 .. 1007 (final failure: 1001 = insufficient funds)    |
//! | 7,000,000               | 7000 pending; the first query answers 7000 and settles it, |
//! |                         | later queries answer 0 (the IPN is POSTed when it settles) |
//! | 9,000,000               | 9000 authorized; confirm capture -> 0, cancel -> 1003       |
//! | 4,040,000               | 0, but the answer comes only after `--slow-ms`             |
//! | anything else valid     | 0 (or 9000 when `autoCapture` is false)                    |

/// 1001: insufficient funds.
pub const INSUFFICIENT_FUNDS: i64 = 1_001_000;
/// 7000: pending until the first query.
pub const PENDING: i64 = 7_000_000;
/// 9000: authorized, waiting for confirm.
pub const AUTHORIZED: i64 = 9_000_000;
/// Succeeds, but the answer is delayed by `--slow-ms`.
pub const SLOW: i64 = 4_040_000;

/// What a payment of some amount does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PayTrigger {
    /// The resultCode tokenization/pay answers.
    pub code: i64,
    /// The state a pending payment settles to at its first query.
    pub settles_to: i64,
    /// True when the answer waits `--slow-ms`.
    pub slow: bool,
}

/// The trigger for `amount` (already within 1,000..=30,000,000) and the
/// request's `autoCapture`.
pub fn pay(amount: i64, auto_capture: Option<bool>) -> PayTrigger {
    let ok = if auto_capture == Some(false) { 9000 } else { 0 };
    let plain = |code| PayTrigger {
        code,
        settles_to: code,
        slow: false,
    };
    match amount {
        PENDING => PayTrigger {
            code: 7000,
            settles_to: ok,
            slow: false,
        },
        AUTHORIZED => plain(9000),
        SLOW => PayTrigger {
            code: ok,
            settles_to: ok,
            slow: true,
        },
        a if (1_001_000..=1_007_000).contains(&a) && a % 1_000 == 0 => {
            plain(1_000 + (a - 1_000_000) / 1_000)
        }
        _ => plain(ok),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_map_to_the_documented_codes() {
        assert_eq!(pay(1_001_000, None).code, 1001);
        assert_eq!(pay(1_007_000, None).code, 1007);
        assert_eq!(pay(1_001_500, None).code, 0);
        assert_eq!(pay(1_008_000, None).code, 0);
        assert_eq!(
            pay(7_000_000, None),
            PayTrigger {
                code: 7000,
                settles_to: 0,
                slow: false
            }
        );
        assert_eq!(pay(7_000_000, Some(false)).settles_to, 9000);
        assert_eq!(pay(9_000_000, Some(true)).code, 9000);
        assert_eq!(
            pay(4_040_000, None),
            PayTrigger {
                code: 0,
                settles_to: 0,
                slow: true
            }
        );
        assert_eq!(pay(50_000, Some(false)).code, 9000);
        assert_eq!(pay(50_000, Some(true)).code, 0);
    }
}

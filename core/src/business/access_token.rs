//! The Business Page access token, with its expiry on the caller's clock.

use std::fmt;

use crate::error::{ErrorCode, MomoError, Result};
use crate::secret::Secret;

/// Refresh this long before expiry unless the caller picks a margin.
pub const DEFAULT_REFRESH_MARGIN_MS: i64 = 5 * 60 * 1000;

/// A Business Page access token and when it expires.
///
/// There is no hidden clock: every time-dependent question takes `now_ms`
/// (epoch milliseconds) from the caller. `Debug` never shows the token.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    token: Secret,
    expires_at_ms: i64,
}

impl AccessToken {
    /// A token that expires at `expires_at_ms` (e.g. restored from a cache).
    pub fn new(token: impl Into<String>, expires_at_ms: i64) -> Self {
        Self {
            token: Secret::new(token),
            expires_at_ms,
        }
    }

    /// When the token expires, epoch milliseconds.
    pub fn expires_at_ms(&self) -> i64 {
        self.expires_at_ms
    }

    /// The token text, for storing in a cache.
    pub fn expose(&self) -> &str {
        self.token.expose()
    }

    /// True when the token is expired at `now_ms`.
    pub fn is_expired(&self, now_ms: i64) -> bool {
        now_ms >= self.expires_at_ms
    }

    /// True when the token expires within `margin_ms` of `now_ms`: log in
    /// again before using it.
    pub fn needs_refresh(&self, now_ms: i64, margin_ms: i64) -> bool {
        now_ms.saturating_add(margin_ms.max(0)) >= self.expires_at_ms
    }

    /// The `Authorization` header value, `Bearer <token>`, or
    /// [`ErrorCode::TokenExpired`] when expired at `now_ms`.
    pub fn authorization(&self, now_ms: i64) -> Result<String> {
        crate::validate::epoch_ms("nowMs", now_ms)?;
        if self.is_expired(now_ms) {
            return Err(MomoError::new(
                ErrorCode::TokenExpired,
                "accessToken",
                format!(
                    "expired at {} (now {now_ms}); log in again",
                    self.expires_at_ms
                ),
            ));
        }
        Ok(format!("Bearer {}", self.token.expose()))
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("token", &self.token)
            .field("expires_at_ms", &self.expires_at_ms)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_and_refresh_follow_the_given_clock() {
        let t = AccessToken::new("eyJ.secret", 1_000_000);
        assert!(!t.needs_refresh(600_000, DEFAULT_REFRESH_MARGIN_MS));
        assert!(t.needs_refresh(700_000, DEFAULT_REFRESH_MARGIN_MS));
        assert!(!t.is_expired(999_999));
        assert_eq!(t.authorization(999_999).unwrap(), "Bearer eyJ.secret");
        let err = t.authorization(1_000_000).unwrap_err();
        assert_eq!(err.code(), ErrorCode::TokenExpired);
        assert!(!format!("{t:?}").contains("secret"));
        assert!(!err.to_string().contains("secret"));
    }
}

//! [`AccessToken`]: the Business Page token as a foreign object.

use std::sync::Arc;

use momo_core as mc;

use crate::{guard, Result};

/// A Business Page access token and its expiry on the caller's clock.
/// `toString` / `description` show `Secret(***)`, never the token.
#[derive(Debug, uniffi::Object)]
#[uniffi::export(Debug)]
pub struct AccessToken {
    pub(crate) inner: mc::AccessToken,
}

#[uniffi::export]
impl AccessToken {
    /// A token that expires at `expires_at_ms` (e.g. restored from a cache).
    #[uniffi::constructor]
    pub fn new(token: String, expires_at_ms: i64) -> Arc<Self> {
        Arc::new(Self {
            inner: mc::AccessToken::new(token, expires_at_ms),
        })
    }

    /// When the token expires, epoch milliseconds.
    pub fn expires_at_ms(&self) -> i64 {
        self.inner.expires_at_ms()
    }

    /// The token text, for storing in a cache.
    pub fn expose(&self) -> String {
        self.inner.expose().to_owned()
    }

    /// True when the token is expired at `now_ms`.
    pub fn is_expired(&self, now_ms: i64) -> bool {
        self.inner.is_expired(now_ms)
    }

    /// True when the token expires within `margin_ms` of `now_ms` (default
    /// [`default_refresh_margin_ms`](crate::default_refresh_margin_ms), five minutes): log in again first.
    #[uniffi::method(default(margin_ms = None))]
    pub fn needs_refresh(&self, now_ms: i64, margin_ms: Option<i64>) -> bool {
        let margin = margin_ms.unwrap_or(mc::business::DEFAULT_REFRESH_MARGIN_MS);
        self.inner.needs_refresh(now_ms, margin)
    }

    /// The `Authorization` header value (`Bearer ...`), or `TOKEN_EXPIRED`.
    pub fn authorization(&self, now_ms: i64) -> Result<String> {
        guard(|| self.inner.authorization(now_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_token_debug_hides_the_token() {
        let t = AccessToken::new("eyJ.very-secret".into(), 10);
        assert!(!format!("{t:?}").contains("very-secret"));
        assert_eq!(t.authorization(9).unwrap(), "Bearer eyJ.very-secret");
        assert_eq!(t.authorization(10).unwrap_err().code(), "TOKEN_EXPIRED");
        assert!(t.needs_refresh(10 - 1, None));
    }
}

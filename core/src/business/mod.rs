//! Business Page OpenAPI (seed 000): log in with clientId/clientSecret and
//! hold the access token that the voucher APIs need.

mod access_token;
mod login;

pub use access_token::{AccessToken, DEFAULT_REFRESH_MARGIN_MS};
pub use login::{parse_login, DEFAULT_EXPIRES_IN_MS, LOGIN_PATH};

/// Timeout for Business Page calls (MoMo prescribes none; gateway's 30 s).
pub const BUSINESS_TIMEOUT_MS: u64 = 30_000;

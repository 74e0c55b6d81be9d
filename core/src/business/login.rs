//! `POST {base}/authentication/login` (seed 000).

use serde::Serialize;

use super::{AccessToken, BUSINESS_TIMEOUT_MS};
use crate::client::MomoClient;
use crate::error::{ErrorCode, MomoError, Result};
use crate::json_text::{max_quoted_len, to_json_in};
use crate::request::PreparedRequest;
use crate::response::parse_json_quietly;
use crate::{ids, lenient};
use serde::Deserialize;

/// Path of the login call, under the Business Page base URL.
pub const LOGIN_PATH: &str = "/authentication/login";
/// Seed 000: "Mặc định 86400000 (24 tiếng)".
pub const DEFAULT_EXPIRES_IN_MS: i64 = 86_400_000;

/// The login body; it holds the clientSecret.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoginBody<'a> {
    client_id: &'a str,
    client_secret: &'a str,
}

impl MomoClient {
    /// Prepares the Business Page login. The body holds the clientSecret, so
    /// the request's `Debug` hides it.
    pub fn login(&self) -> Result<PreparedRequest> {
        let business = self.business()?;
        let secret = business.client_secret.expose();
        // `{"clientId":,"clientSecret":}` is 29 bytes; reserving the
        // longest escaping means no reallocation frees a partial copy of
        // the secret unzeroed.
        let room = 29 + max_quoted_len(business.client_id) + max_quoted_len(secret);
        let body = to_json_in(
            Vec::with_capacity(room),
            "body",
            &LoginBody {
                client_id: business.client_id,
                client_secret: secret,
            },
        )?;
        let mut req = PreparedRequest::post_json(
            self.business_url(LOGIN_PATH),
            body,
            BUSINESS_TIMEOUT_MS,
            ids::new_x_request_id()?,
        );
        req.sensitive_body = true;
        Ok(req)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LoginResponse {
    #[serde(deserialize_with = "lenient::integer")]
    status: i64,
    #[serde(default)]
    message: String,
    #[serde(default)]
    data: Option<LoginData>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LoginData {
    #[serde(default)]
    access_token: String,
    #[serde(default, deserialize_with = "lenient::opt_integer")]
    expires_in: Option<i64>,
}

/// Parses the login answer into an [`AccessToken`] that expires
/// `expiresIn` ms after `now_ms` (the caller's clock, epoch milliseconds).
/// A refusal is [`ErrorCode::LoginFailed`] with MoMo's status and message.
pub fn parse_login(status: u16, body: &str, now_ms: i64) -> Result<AccessToken> {
    crate::validate::epoch_ms("nowMs", now_ms)?;
    let res: LoginResponse = parse_json_quietly(status, body)?;
    let failed = |why: String| MomoError::new(ErrorCode::LoginFailed, "response", why);
    if res.status != 0 || !(200..300).contains(&status) {
        // MoMo's message helps ("Invalid client credentials"), unless the
        // same body hands out a token that the message repeats.
        let token = res.data.as_ref().map_or("", |d| d.access_token.trim());
        let message = if !token.is_empty() && res.message.contains(token) {
            "(not shown: it contains the access token)"
        } else {
            res.message.as_str()
        };
        return Err(failed(format!(
            "HTTP {status}, status {}: {message}",
            res.status
        )));
    }
    let data = res
        .data
        .ok_or_else(|| failed("status 0 but no data".to_owned()))?;
    if data.access_token.trim().is_empty() {
        return Err(failed("status 0 but no accessToken".to_owned()));
    }
    let expires_in = data.expires_in.unwrap_or(DEFAULT_EXPIRES_IN_MS);
    if expires_in <= 0 {
        return Err(MomoError::new(
            ErrorCode::UnexpectedResponse,
            "response.data.expiresIn",
            format!("must be positive, got {expires_in}"),
        ));
    }
    let expires_at = now_ms.checked_add(expires_in).ok_or_else(|| {
        MomoError::new(
            ErrorCode::InvalidInput,
            "nowMs",
            "nowMs + expiresIn overflows",
        )
    })?;
    Ok(AccessToken::new(data.access_token, expires_at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ClientConfig;

    #[test]
    fn the_login_body_is_written_without_reallocating() {
        // Every byte of this secret escapes to six (`\u0001`), the worst
        // case: a body that outgrew its buffer would leave the old buffer,
        // holding part of the secret, freed as it was.
        let secret = "\u{1}".repeat(40);
        let client = MomoClient::new(ClientConfig {
            partner_id: Some("P1".into()),
            client_id: Some("bp-client-123".into()),
            client_secret: Some(secret.as_str().into()),
            ..ClientConfig::default()
        })
        .unwrap();
        let req = client.login().unwrap();
        let reserved = 33 + 6 * ("bp-client-123".len() + secret.len());
        assert_eq!(
            req.body.len(),
            33 + "bp-client-123".len() + 6 * secret.len()
        );
        assert_eq!(
            req.body.capacity(),
            reserved,
            "the body grew past what was reserved"
        );
        assert!(req.sensitive_body && req.holds_secret());
    }
}

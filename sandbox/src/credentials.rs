//! The sandbox's fixed test credentials and its RSA key pair.
//!
//! The values are constants so users can hard-code them; they are not MoMo's
//! and work nowhere but here. The RSA key is the repository's test-only key
//! (`tests/vectors/keys/rsa2048.pem`): the sandbox decrypts tokenization/pay
//! tokens with its private half and publishes the public half.

use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey, LineEnding};
use rsa::{PrivateKey, PublicKey};
use serde::Serialize;

/// Payment gateway partnerCode.
pub const PARTNER_CODE: &str = "MOMOSBX20261122";
/// Payment gateway accessKey (signed, never sent).
pub const ACCESS_KEY: &str = "SBXaccessKey2026";
/// Payment gateway secretKey (the HMAC key).
pub const SECRET_KEY: &str = "SBXsecretKey2026sandboxOnlyNotReal";
/// Business Page partnerId (path segment of redeem-status).
pub const PARTNER_ID: &str = "sbx-partner-0001";
/// Business Page clientId.
pub const CLIENT_ID: &str = "sbx-client-0001";
/// Business Page clientSecret.
pub const CLIENT_SECRET: &str = "SBXclientSecret2026sandboxOnly";

/// The test-only RSA-2048 private key (PKCS#8 PEM), shared with the test
/// vectors. It is public; never use it for anything real.
pub const PRIVATE_KEY_PEM: &str = include_str!("../../tests/vectors/keys/rsa2048.pem");

/// The credentials a client needs, as `/sandbox/credentials` returns them
/// and the `MOMO_SANDBOX_READY` line prints them (field order included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Credentials {
    /// Base URL of the sandbox, `http://127.0.0.1:PORT`.
    pub url: String,
    /// Payment gateway partnerCode.
    pub partner_code: String,
    /// Payment gateway accessKey.
    pub access_key: String,
    /// Payment gateway secretKey.
    pub secret_key: String,
    /// The sandbox's RSA public key, PEM SPKI (`BEGIN PUBLIC KEY`).
    pub public_key_pem: String,
    /// Business Page partnerId.
    pub partner_id: String,
    /// Business Page clientId.
    pub client_id: String,
    /// Business Page clientSecret.
    pub client_secret: String,
}

impl Credentials {
    /// The fixed credentials for a sandbox listening at `url`.
    pub fn for_url(url: &str, public_key_pem: &str) -> Self {
        Self {
            url: url.to_owned(),
            partner_code: PARTNER_CODE.to_owned(),
            access_key: ACCESS_KEY.to_owned(),
            secret_key: SECRET_KEY.to_owned(),
            public_key_pem: public_key_pem.to_owned(),
            partner_id: PARTNER_ID.to_owned(),
            client_id: CLIENT_ID.to_owned(),
            client_secret: CLIENT_SECRET.to_owned(),
        }
    }

    /// A momo-core client configuration (JSON, camelCase) pointing every
    /// base URL at this sandbox, ready for `momo_core::input::from_json`.
    pub fn client_config_json(&self) -> serde_json::Value {
        serde_json::json!({
            "partnerCode": self.partner_code,
            "accessKey": self.access_key,
            "secretKey": self.secret_key,
            "publicKey": self.public_key_pem,
            "partnerId": self.partner_id,
            "clientId": self.client_id,
            "clientSecret": self.client_secret,
            "gatewayBaseUrl": self.url,
            "businessBaseUrl": format!("{}/api", self.url),
            "giftBaseUrl": self.url,
        })
    }
}

/// The private key parsed, and its public half as PEM SPKI.
pub(crate) fn key_pair() -> Result<(PrivateKey, String), String> {
    let key = PrivateKey::from_pkcs8_pem(PRIVATE_KEY_PEM)
        .map_err(|e| format!("embedded RSA key: {e}"))?;
    let public_pem = PublicKey::from(&key)
        .to_public_key_pem(LineEnding::LF)
        .map_err(|e| format!("embedded RSA key: {e}"))?;
    Ok((key, public_pem))
}

//! The client: configuration resolved once, then one method per operation.
//!
//! Every `prepare`-style method validates its input, signs it and returns a
//! [`PreparedRequest`]; nothing here performs I/O or reads a clock.

use crate::config::{base_url, join_url, ClientConfig, Lang};
use crate::error::{ErrorCode, MomoError, Result};
use crate::hmac_sha256::HmacKey;
use crate::request::PreparedRequest;
use crate::rsa_key::MomoPublicKey;
use crate::secret::Secret;
use crate::signing::{self, Signed};
use crate::validate;

/// Payment gateway credentials, borrowed from the configuration.
pub(crate) struct Partner<'a> {
    pub partner_code: &'a str,
    pub access_key: &'a str,
    /// The secretKey, prepared for HMAC once when the client was built.
    pub signing_key: &'a HmacKey,
}

/// Business Page credentials, borrowed from the configuration.
pub(crate) struct Business<'a> {
    pub partner_id: &'a str,
    pub client_id: &'a str,
    pub client_secret: &'a Secret,
}

/// A MoMo client: credentials, MoMo's public key and base URLs.
///
/// Build it once at start-up and share it; it is immutable. `Debug` never
/// shows secrets.
#[derive(Debug, Clone)]
pub struct MomoClient {
    config: ClientConfig,
    public_key: Option<MomoPublicKey>,
    /// The secretKey as an HMAC key (its pads hashed once), when set.
    signing_key: Option<HmacKey>,
    gateway_base: String,
    business_base: String,
    gift_base: Option<String>,
}

impl MomoClient {
    /// Validates the configuration and parses MoMo's public key.
    pub fn new(config: ClientConfig) -> Result<Self> {
        let env = config.environment;
        let gateway_base = match &config.gateway_base_url {
            Some(url) => base_url("gatewayBaseUrl", url)?,
            None => env.gateway_base_url().to_owned(),
        };
        let business_base = match &config.business_base_url {
            Some(url) => base_url("businessBaseUrl", url)?,
            None => env.business_base_url().to_owned(),
        };
        let gift_base = match &config.gift_base_url {
            Some(url) => Some(base_url("giftBaseUrl", url)?),
            None => None,
        };
        let public_key = match &config.public_key {
            Some(pem) => Some(MomoPublicKey::parse(pem)?),
            None => None,
        };
        // A blank secretKey is missing, as partner() reports it on use.
        let signing_key = present_secret("secretKey", config.secret_key.as_ref())
            .ok()
            .map(signing::key_of);
        Ok(Self {
            config,
            public_key,
            signing_key,
            gateway_base,
            business_base,
            gift_base,
        })
    }

    /// The configuration this client was built from.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// The language used when a request does not choose one.
    pub(crate) fn lang(&self, chosen: Option<Lang>) -> Lang {
        chosen.unwrap_or(self.config.lang)
    }

    /// The payment gateway credentials, or which one is missing.
    pub(crate) fn partner(&self) -> Result<Partner<'_>> {
        let c = &self.config;
        Ok(Partner {
            partner_code: present("partnerCode", c.partner_code.as_deref())?,
            access_key: present("accessKey", c.access_key.as_deref())?,
            signing_key: self
                .signing_key
                .as_ref()
                .ok_or_else(|| missing("secretKey"))?,
        })
    }

    /// The Business Page credentials, or which one is missing.
    pub(crate) fn business(&self) -> Result<Business<'_>> {
        let c = &self.config;
        Ok(Business {
            partner_id: present("partnerId", c.partner_id.as_deref())?,
            client_id: present("clientId", c.client_id.as_deref())?,
            client_secret: present_secret("clientSecret", c.client_secret.as_ref())?,
        })
    }

    /// MoMo's public key, parsed, when one is configured.
    pub fn public_key(&self) -> Option<&MomoPublicKey> {
        self.public_key.as_ref()
    }

    /// MoMo's public key, or an error saying it is not configured.
    pub(crate) fn required_public_key(&self) -> Result<&MomoPublicKey> {
        self.public_key.as_ref().ok_or_else(|| missing("publicKey"))
    }

    /// Full payment gateway URL of `path`.
    pub(crate) fn gateway_url(&self, path: &str) -> String {
        join_url(&self.gateway_base, path)
    }

    /// Full Business Page URL of `path`.
    pub(crate) fn business_url(&self, path: &str) -> String {
        join_url(&self.business_base, path)
    }

    /// Full Gift API URL of `path`, or an error: the host is not public.
    pub(crate) fn gift_url(&self, path: &str) -> Result<String> {
        let base = self.gift_base.as_deref().ok_or_else(|| {
            MomoError::new(
                ErrorCode::InvalidConfig,
                "giftBaseUrl",
                "is required for the Gift API: MoMo gives the host at onboarding",
            )
        })?;
        Ok(join_url(base, path))
    }

    /// Signs `fields` with the secretKey and builds a gateway `POST`.
    ///
    /// `body` receives the signature and returns the serialized body; the
    /// body is serialized once, so what is signed is what is sent.
    pub(crate) fn signed_gateway_post(
        &self,
        path: &str,
        timeout_ms: u64,
        request_id: String,
        fields: &[(&str, &str)],
        body: impl FnOnce(&str) -> Result<String>,
    ) -> Result<PreparedRequest> {
        let partner = self.partner()?;
        let Signed { raw, signature } = signing::sign(partner.signing_key, fields);
        let body = body(&signature)?;
        let mut req =
            PreparedRequest::post_json(self.gateway_url(path), body, timeout_ms, request_id);
        req.signature_raw = Some(raw);
        Ok(req)
    }
}

/// The given requestId (validated) or a fresh one.
pub(crate) fn resolve_request_id(given: Option<&str>) -> Result<String> {
    match given {
        Some(id) => {
            validate::request_id("requestId", id)?;
            Ok(id.to_owned())
        }
        None => crate::ids::new_request_id(),
    }
}

fn present<'a>(field: &str, value: Option<&'a str>) -> Result<&'a str> {
    match value {
        Some(v) if !v.trim().is_empty() => Ok(v),
        _ => Err(missing(field)),
    }
}

fn present_secret<'a>(field: &str, value: Option<&'a Secret>) -> Result<&'a Secret> {
    match value {
        Some(v) if !v.is_blank() => Ok(v),
        _ => Err(missing(field)),
    }
}

fn missing(field: &str) -> MomoError {
    MomoError::new(
        ErrorCode::InvalidConfig,
        field,
        "is required for this operation but not configured",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::from_json;
    use crate::tokenization::TokenizationCreateRequest;

    #[test]
    fn a_blank_or_absent_secret_key_is_missing_when_signing() {
        let req: TokenizationCreateRequest =
            from_json(r#"{"requestId":"r1","orderId":"O1","referenceCode":"1","requestTime":1}"#)
                .unwrap();
        for secret in [r#","secretKey":" \t ""#, ""] {
            let config: ClientConfig = from_json(&format!(
                r#"{{"partnerCode":"MOMO","accessKey":"A"{secret}}}"#
            ))
            .unwrap();
            let err = MomoClient::new(config)
                .unwrap()
                .tokenization_create(&req)
                .unwrap_err();
            assert_eq!(
                (err.code(), err.field()),
                (ErrorCode::InvalidConfig, "secretKey"),
                "{secret:?}"
            );
        }
    }
}

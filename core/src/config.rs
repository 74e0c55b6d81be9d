//! Client configuration: credentials, MoMo's public key, environments and
//! base URLs.
//!
//! One flat [`ClientConfig`] serves every host (a JS object, Python keyword
//! arguments, a Kotlin data class). Credentials are optional so that a POS
//! using only the Business Page APIs need not hold payment keys; an
//! operation that needs a missing one fails with [`ErrorCode::InvalidConfig`]
//! naming it.

use serde::Deserialize;

use crate::error::{ErrorCode, MomoError, Result};
use crate::secret::Secret;

/// MoMo environment: selects the default base URLs.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// MoMo's test environment (the default).
    #[default]
    Sandbox,
    /// MoMo's production environment.
    Production,
}

impl Environment {
    /// Payment gateway base URL.
    pub fn gateway_base_url(self) -> &'static str {
        match self {
            Self::Sandbox => "https://test-payment.momo.vn",
            Self::Production => "https://payment.momo.vn",
        }
    }

    /// Business Page OpenAPI base URL (seed 000).
    pub fn business_base_url(self) -> &'static str {
        match self {
            Self::Sandbox => "https://test-business.momo.vn/api",
            Self::Production => "https://business.momo.vn/api",
        }
    }
}

/// Language of MoMo's returned messages.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Vietnamese (MoMo's default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// `"vi"` or `"en"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Vi => "vi",
            Self::En => "en",
        }
    }
}

/// Gift API paths. The seed writes both `api/gift/...` and `api/voucher/...`,
/// so they are configurable; the defaults are the `api/gift/...` forms.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GiftPaths {
    /// Path of Create Gift.
    #[serde(default = "GiftPaths::default_create")]
    #[cfg_attr(feature = "uniffi", uniffi(default = "/api/gift/create"))]
    pub create: String,
    /// Path of CheckStatus.
    #[serde(default = "GiftPaths::default_status")]
    #[cfg_attr(feature = "uniffi", uniffi(default = "/api/gift/status"))]
    pub status: String,
    /// Path of Get Trans.
    #[serde(default = "GiftPaths::default_get_trans")]
    #[cfg_attr(feature = "uniffi", uniffi(default = "/api/gift/get-trans"))]
    pub get_trans: String,
}

impl GiftPaths {
    fn default_create() -> String {
        "/api/gift/create".to_owned()
    }
    fn default_status() -> String {
        "/api/gift/status".to_owned()
    }
    fn default_get_trans() -> String {
        "/api/gift/get-trans".to_owned()
    }
}

impl Default for GiftPaths {
    fn default() -> Self {
        Self {
            create: Self::default_create(),
            status: Self::default_status(),
            get_trans: Self::default_get_trans(),
        }
    }
}

/// Everything a [`crate::MomoClient`] needs. `Debug` never shows secrets.
#[cfg_attr(feature = "uniffi", uniffi::export(Debug))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClientConfig {
    /// Sandbox (default) or production.
    #[serde(default)]
    pub environment: Environment,
    /// Payment gateway partnerCode.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub partner_code: Option<String>,
    /// Payment gateway accessKey (signed, never sent).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub access_key: Option<String>,
    /// Payment gateway secretKey (HMAC key).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub secret_key: Option<Secret>,
    /// MoMo's RSA public key: PEM SPKI, PEM PKCS#1, base64 DER or .NET XML.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub public_key: Option<String>,
    /// Business Page partnerId (path segment of the voucher APIs).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub partner_id: Option<String>,
    /// Business Page clientId.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub client_id: Option<String>,
    /// Business Page clientSecret.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
    pub client_secret: Option<Secret>,
    /// Overrides the payment gateway base URL (tests, offline sandbox).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub gateway_base_url: Option<String>,
    /// Overrides the Business Page base URL.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub business_base_url: Option<String>,
    /// Gift API base URL: MoMo gives it at onboarding, so it has no default.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub gift_base_url: Option<String>,
    /// Gift API paths.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub gift_paths: GiftPaths,
    /// Default language of MoMo's messages.
    #[serde(default)]
    pub lang: Lang,
}

/// Checks a base URL and strips its trailing slash.
pub(crate) fn base_url(field: &str, url: &str) -> Result<String> {
    let trimmed = url.trim().trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => {
            Ok(trimmed.to_owned())
        }
        _ => Err(MomoError::new(
            ErrorCode::InvalidConfig,
            field,
            "must be an absolute http:// or https:// URL",
        )),
    }
}

/// Joins a base URL and a path with exactly one slash.
pub(crate) fn join_url(base: &str, path: &str) -> String {
    let (base, path) = (base.trim_end_matches('/'), path.trim_start_matches('/'));
    let mut url = String::with_capacity(base.len() + 1 + path.len());
    url.push_str(base);
    url.push('/');
    url.push_str(path);
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_debug_hides_secrets() {
        let cfg: ClientConfig = crate::input::from_json(
            r#"{"partnerCode":"MOMO","accessKey":"F8BBA842ECF85","secretKey":"K951B6PE1waDMi640xX08PD3vg6EkVlz","clientSecret":"cs-123"}"#,
        )
        .unwrap();
        let text = format!("{cfg:?}");
        assert!(
            !text.contains("K951B6") && !text.contains("cs-123"),
            "{text}"
        );
        assert!(text.contains("F8BBA842ECF85"));
    }

    #[test]
    fn base_urls_are_checked_and_joined() {
        assert_eq!(
            base_url("f", "http://127.0.0.1:9/").unwrap(),
            "http://127.0.0.1:9"
        );
        assert_eq!(
            base_url("f", "ftp://x").unwrap_err().code(),
            ErrorCode::InvalidConfig
        );
        assert_eq!(base_url("f", "https://").unwrap_err().field(), "f");
        assert_eq!(
            join_url("http://a/api", "/authentication/login"),
            "http://a/api/authentication/login"
        );
        assert_eq!(
            join_url("http://a/", "api/gift/create"),
            "http://a/api/gift/create"
        );
    }
}

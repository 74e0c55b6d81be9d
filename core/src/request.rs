//! The prepared HTTP request every operation returns.

use std::fmt;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use zeroize::Zeroize;

/// One HTTP header.
#[cfg_attr(feature = "uniffi", uniffi::export(Debug))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct Header {
    /// Header name, e.g. `Content-Type`.
    pub name: String,
    /// Header value.
    pub value: String,
}

impl Header {
    /// True for `Authorization`, whose value (`Bearer <access token>`) is a
    /// secret.
    pub fn is_secret(&self) -> bool {
        self.name.eq_ignore_ascii_case("authorization")
    }
}

/// A ready HTTP request: the host sends it with its own HTTP stack.
///
/// `Debug` hides the `Authorization` header and, for the login call, the
/// body (it holds the clientSecret). Serialized (for hosts), headers become a
/// `{name: value}` object ready for `fetch`.
#[cfg_attr(feature = "uniffi", uniffi::export(Debug))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreparedRequest {
    /// HTTP method; every MoMo partner call is `POST`.
    pub method: String,
    /// Full URL.
    pub url: String,
    /// Headers in the order they should be sent.
    #[serde(serialize_with = "headers_as_object")]
    #[cfg_attr(feature = "tsify", tsify(type = "Record<string, string>"))]
    pub headers: Vec<Header>,
    /// The exact JSON body text (what was signed is what is sent).
    pub body: String,
    /// The minimum timeout MoMo prescribes for this call, in milliseconds.
    pub timeout_ms: u64,
    /// The idempotency key: retry an unknown outcome with the SAME value.
    pub request_id: String,
    /// The raw string behind the signature, for comparing with MoMo's on
    /// resultCode 20; `None` for unsigned calls.
    pub signature_raw: Option<String>,
    /// True when the body carries a secret (the login call).
    #[serde(skip)]
    pub sensitive_body: bool,
}

impl PreparedRequest {
    /// A JSON `POST` with `Content-Type: application/json`.
    pub(crate) fn post_json(
        url: String,
        body: String,
        timeout_ms: u64,
        request_id: String,
    ) -> Self {
        Self {
            method: "POST".to_owned(),
            url,
            headers: vec![Header {
                name: "Content-Type".to_owned(),
                value: "application/json; charset=UTF-8".to_owned(),
            }],
            body,
            timeout_ms,
            request_id,
            signature_raw: None,
            sensitive_body: false,
        }
    }

    /// Adds a header.
    pub(crate) fn with_header(mut self, name: &str, value: String) -> Self {
        self.headers.push(Header {
            name: name.to_owned(),
            value,
        });
        self
    }

    /// The value of the first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }

    /// True when the request carries a secret: a body marked sensitive (the
    /// login call's clientSecret) or an `Authorization` header (an access
    /// token).
    pub fn holds_secret(&self) -> bool {
        self.sensitive_body || self.headers.iter().any(Header::is_secret)
    }

    /// Zeroes the bytes of every secret-bearing string (a sensitive body,
    /// `Authorization` values) and leaves them empty. For a host that has
    /// copied the request into its own strings: dropping it without this
    /// frees those bytes as they are.
    pub fn zeroize_secrets(&mut self) {
        if self.sensitive_body {
            self.body.zeroize();
        }
        for header in self.headers.iter_mut().filter(|h| h.is_secret()) {
            header.value.zeroize();
        }
    }

    /// Replaces the body, e.g. with the Gift API's transport envelope that
    /// the partner's onboarding document defines.
    pub fn with_body(mut self, body: String) -> Self {
        self.body = body;
        self
    }
}

fn headers_as_object<S: Serializer>(headers: &[Header], s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(headers.len()))?;
    for h in headers {
        map.serialize_entry(&h.name, &h.value)?;
    }
    map.end()
}

impl fmt::Debug for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_secret() {
            write!(f, "{}: ***", self.name)
        } else {
            write!(f, "{}: {}", self.name, self.value)
        }
    }
}

impl fmt::Debug for PreparedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body: &dyn fmt::Debug = if self.sensitive_body {
            &"*** (holds a secret)"
        } else {
            &self.body
        };
        f.debug_struct("PreparedRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &self.headers)
            .field("body", body)
            .field("timeout_ms", &self.timeout_ms)
            .field("request_id", &self.request_id)
            .field("signature_raw", &self.signature_raw)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_bearer_tokens_and_secret_bodies() {
        let mut req = PreparedRequest::post_json(
            "u".into(),
            "{\"clientSecret\":\"s3cr3t\"}".into(),
            1,
            "r".into(),
        )
        .with_header("Authorization", "Bearer tok3n".into());
        req.sensitive_body = true;
        let text = format!("{req:?}");
        assert!(
            !text.contains("tok3n") && !text.contains("s3cr3t"),
            "{text}"
        );
        assert_eq!(req.header("authorization"), Some("Bearer tok3n"));
        let json = serde_json::to_value(&req).unwrap();
        assert_eq!(
            json["headers"]["Content-Type"],
            "application/json; charset=UTF-8"
        );
        assert_eq!(json["timeoutMs"], 1);
    }

    #[test]
    fn zeroize_secrets_empties_only_the_secret_bearing_strings() {
        let plain = || {
            PreparedRequest::post_json("u".into(), "{\"a\":1}".into(), 1, "r".into())
                .with_header("X-Trace", "t".into())
        };
        let mut req = plain();
        assert!(!req.holds_secret());
        req.zeroize_secrets();
        assert_eq!(req, plain(), "a request without a secret is left as it is");

        let mut req = plain().with_header("authorization", "Bearer tok3n".into());
        assert!(req.holds_secret());
        req.zeroize_secrets();
        assert_eq!(req.header("Authorization"), Some(""));
        assert_eq!(
            (req.body.as_str(), req.header("X-Trace")),
            ("{\"a\":1}", Some("t"))
        );

        let mut req = plain();
        req.sensitive_body = true;
        assert!(req.holds_secret());
        req.zeroize_secrets();
        assert_eq!((req.body.as_str(), req.url.as_str()), ("", "u"));
    }
}

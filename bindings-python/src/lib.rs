//! Python bindings of momo-core: the native module `momo_core._native`.
//!
//! Thin by design: keyword arguments (snake_case) are copied by a guard
//! pass and read by pythonize into the core's models ([`value`]). The core
//! does all validation, signing, encryption and parsing, and results are serialized by the core's own
//! `Serialize` into generic [`record::Record`] objects. Every entry point
//! runs under [`error::guard`]: core errors become `momo_core.MomoError`
//! subclasses and a panic becomes `MomoError` code `INTERNAL`. Every
//! argument is taken as a Python object and converted inside the guard
//! ([`value`], [`args`]), so no host value escapes as a `TypeError`,
//! `OverflowError` or `UnicodeEncodeError`, or crashes the process.

mod args;
mod checkout;
mod error;
mod naming;
mod record;
mod value;

use std::borrow::Cow;

use momo_core::{AccessToken, ErrorCode, MomoError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use serde::de::DeserializeOwned;

use crate::error::{guard, Res};
use crate::naming::snake_to_camel;
use crate::record::{to_py, Record};
use crate::value::decode;

/// One input mapping from an optional positional mapping and **kwargs
/// (keywords win over the mapping's equal keys), as a [`value::snapshot`]
/// for [`value::read`]. With keywords, the positional argument must be a
/// dict or a record. Both are copied before they are merged, so merging
/// runs none of the caller's code (a dict subclass's `keys()`, a key's
/// `__hash__`).
fn merged<'py>(
    py: Python<'py>,
    request: Option<&Bound<'py, PyAny>>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> Res<Bound<'py, PyAny>> {
    let kwargs = kwargs.filter(|k| !k.is_empty());
    let copy = |obj: &Bound<'py, PyAny>| value::snapshot(obj, snake_to_camel);
    match (request, kwargs) {
        (Some(r), None) => Ok(copy(r)?),
        (None, Some(k)) => Ok(copy(k.as_any())?),
        (None, None) => Ok(PyDict::new(py).into_any()),
        (Some(r), Some(k)) => {
            if r.cast::<Record>().is_err() && r.cast::<PyDict>().is_err() {
                return Err(args::invalid(
                    "",
                    format!(
                        "invalid type: Python {}, expected a dict before keyword arguments",
                        value::type_name(r)
                    ),
                )
                .into());
            }
            // Both copies are exact dicts with exact str keys.
            let out = copy(r)?.cast_into::<PyDict>().map_err(PyErr::from)?;
            let keywords = copy(k.as_any())?
                .cast_into::<PyDict>()
                .map_err(PyErr::from)?;
            out.update(keywords.as_mapping())?;
            Ok(out.into_any())
        }
    }
}

/// `REQUIRED` at `field`: one of two arguments that go together is missing.
fn required(field: &str) -> MomoError {
    MomoError::new(ErrorCode::Required, field, "is required")
}

/// A response body argument of a parser: `INVALID_INPUT` at `body` for a
/// wrong type; bytes that are not UTF-8 are MoMo's answer, not the
/// caller's mistake (`UNEXPECTED_RESPONSE` at `response`).
fn response_body<'a>(obj: &'a Bound<'_, PyAny>) -> Result<Cow<'a, str>, MomoError> {
    args::body(obj, "body", (ErrorCode::UnexpectedResponse, "response"))
}

/// What a redacted body or header value reads (as in `repr()` and the npm
/// package's inspection).
const REDACTED_BODY: &str = "*** (holds a secret)";
const REDACTED: &str = "***";

/// A ready HTTP request: send `body` to `url` with `headers` and a timeout
/// of at least `timeout` seconds. `repr()`, `str()` and `to_dict()` hide the
/// `Authorization` header and a body that holds a secret (the login call);
/// `to_dict_with_secrets()` is the raw form.
#[pyclass(frozen, module = "momo_core", name = "PreparedRequest")]
pub struct PreparedRequest {
    inner: momo_core::PreparedRequest,
}

#[pymethods]
impl PreparedRequest {
    /// HTTP method (`POST`).
    #[getter]
    fn method(&self) -> &str {
        &self.inner.method
    }
    /// Full URL.
    #[getter]
    fn url(&self) -> &str {
        &self.inner.url
    }
    /// Headers as a dict, in sending order.
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for h in &self.inner.headers {
            out.set_item(&h.name, &h.value)?;
        }
        Ok(out)
    }
    /// The exact JSON body text (what was signed is what is sent).
    #[getter]
    fn body(&self) -> &str {
        &self.inner.body
    }
    /// The body as UTF-8 bytes (for `requests`' `data=` and raw sockets).
    #[getter]
    fn body_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.inner.body.as_bytes())
    }
    /// The minimum timeout MoMo prescribes, in milliseconds.
    #[getter]
    fn timeout_ms(&self) -> u64 {
        self.inner.timeout_ms
    }
    /// The same timeout in seconds, as httpx/requests/aiohttp take it.
    #[getter]
    fn timeout(&self) -> f64 {
        self.inner.timeout_ms as f64 / 1000.0
    }
    /// The idempotency key: retry an unknown outcome with the SAME value.
    #[getter]
    fn request_id(&self) -> &str {
        &self.inner.request_id
    }
    /// The raw string behind the signature (None for unsigned calls).
    #[getter]
    fn signature_raw(&self) -> Option<&str> {
        self.inner.signature_raw.as_deref()
    }
    /// True when the body carries a secret (the login call): never log it.
    #[getter]
    fn sensitive_body(&self) -> bool {
        self.inner.sensitive_body
    }
    /// True when the request carries a secret: a sensitive body or an
    /// `Authorization` header.
    #[getter]
    fn holds_secret(&self) -> bool {
        self.inner.holds_secret()
    }
    /// The value of a header (case-insensitive), or None.
    fn header(&self, py: Python<'_>, name: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
        guard(py, || {
            let name = args::text(name, "name")?;
            Ok(self.inner.header(&name).map(str::to_owned))
        })
    }
    /// A plain dict of the request, safe to log: a secret body and the
    /// `Authorization` value read `*** (holds a secret)` and `***`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Py<PyAny>> {
        dict_of(py, &self.redacted())
    }
    /// A plain dict of the request as it is sent, secrets included: never
    /// log it.
    fn to_dict_with_secrets<'py>(&self, py: Python<'py>) -> PyResult<Py<PyAny>> {
        dict_of(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!("{:?}", self.inner)
    }
}

impl PreparedRequest {
    /// A copy whose secrets are zeroed, then replaced by placeholders.
    fn redacted(&self) -> momo_core::PreparedRequest {
        let mut copy = self.inner.clone();
        copy.zeroize_secrets();
        if copy.sensitive_body {
            copy.body = REDACTED_BODY.to_owned();
        }
        for header in copy.headers.iter_mut().filter(|h| h.is_secret()) {
            header.value = REDACTED.to_owned();
        }
        copy
    }
}

/// A request as a plain dict (snake_case keys).
fn dict_of(py: Python<'_>, request: &momo_core::PreparedRequest) -> PyResult<Py<PyAny>> {
    let rec = to_py(py, request)?;
    rec.call_method0("to_dict").map(Bound::unbind)
}

/// Python frees a request: the Rust copy of a login body or a bearer token
/// is zeroed first (the `str`s Python made of them are Python's).
impl Drop for PreparedRequest {
    fn drop(&mut self) {
        self.inner.zeroize_secrets();
    }
}

impl From<momo_core::PreparedRequest> for PreparedRequest {
    fn from(inner: momo_core::PreparedRequest) -> Self {
        Self { inner }
    }
}

/// A Business Page access token and its expiry (epoch ms). `repr()` never
/// shows the token; `expose()` returns it for a cache.
#[pyclass(frozen, module = "momo_core", name = "AccessToken")]
pub struct PyAccessToken {
    inner: AccessToken,
}

#[pymethods]
impl PyAccessToken {
    /// A token that expires at `expires_at_ms` (e.g. restored from a cache).
    #[new]
    fn new(
        py: Python<'_>,
        token: &Bound<'_, PyAny>,
        expires_at_ms: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        guard(py, || {
            let token = args::text(token, "token")?.into_owned();
            let expires_at_ms = args::integer(expires_at_ms, "expiresAtMs")?;
            Ok(Self {
                inner: AccessToken::new(token, expires_at_ms),
            })
        })
    }
    /// When the token expires, epoch milliseconds.
    #[getter]
    fn expires_at_ms(&self) -> i64 {
        self.inner.expires_at_ms()
    }
    /// The token text, for storing in a cache.
    fn expose(&self) -> &str {
        self.inner.expose()
    }
    /// True when the token is expired at `now_ms`.
    fn is_expired(&self, py: Python<'_>, now_ms: &Bound<'_, PyAny>) -> PyResult<bool> {
        guard(py, || {
            Ok(self.inner.is_expired(args::integer(now_ms, "nowMs")?))
        })
    }
    /// True when the token expires within `margin_ms` of `now_ms` (None:
    /// `DEFAULT_REFRESH_MARGIN_MS`).
    #[pyo3(signature = (now_ms, margin_ms = None))]
    fn needs_refresh(
        &self,
        py: Python<'_>,
        now_ms: &Bound<'_, PyAny>,
        margin_ms: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        guard(py, || {
            let now_ms = args::integer(now_ms, "nowMs")?;
            let margin_ms = match margin_ms.filter(|m| !m.is_none()) {
                Some(m) => args::integer(m, "marginMs")?,
                None => momo_core::business::DEFAULT_REFRESH_MARGIN_MS,
            };
            Ok(self.inner.needs_refresh(now_ms, margin_ms))
        })
    }
    /// `Bearer <token>`; raises `MomoTokenExpiredError` when expired at `now_ms`.
    fn authorization(&self, py: Python<'_>, now_ms: &Bound<'_, PyAny>) -> PyResult<String> {
        guard(py, || {
            Ok(self.inner.authorization(args::integer(now_ms, "nowMs")?)?)
        })
    }
    fn __repr__(&self) -> String {
        format!(
            "AccessToken(token='***', expires_at_ms={})",
            self.inner.expires_at_ms()
        )
    }
}

/// A MoMo client: credentials, MoMo's public key and base URLs, validated
/// once. Build it at start-up and share it (it is immutable and thread-safe).
/// `repr()` never shows secret_key or client_secret.
#[pyclass(frozen, module = "momo_core", name = "MomoClient")]
pub struct PyMomoClient {
    inner: momo_core::MomoClient,
}

impl PyMomoClient {
    fn prepare<T: DeserializeOwned>(
        &self,
        py: Python<'_>,
        request: Option<&Bound<'_, PyAny>>,
        kwargs: Option<&Bound<'_, PyDict>>,
        op: impl FnOnce(&momo_core::MomoClient, &T) -> momo_core::Result<momo_core::PreparedRequest>,
    ) -> PyResult<PreparedRequest> {
        guard(py, || {
            let req: T = value::read(&merged(py, request, kwargs)?)?;
            Ok(op(&self.inner, &req)?.into())
        })
    }
}

#[pymethods]
impl PyMomoClient {
    /// Validates the configuration (snake_case keywords or one mapping).
    #[new]
    #[pyo3(signature = (config=None, /, **kwargs))]
    fn new(
        py: Python<'_>,
        config: Option<&Bound<'_, PyAny>>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        guard(py, || {
            let config: momo_core::ClientConfig = value::read(&merged(py, config, kwargs)?)?;
            Ok(Self {
                inner: momo_core::MomoClient::new(config)?,
            })
        })
    }

    /// Prepares tokenization/create (30 s minimum timeout).
    #[pyo3(signature = (request=None, /, **kwargs))]
    fn tokenization_create(
        &self,
        py: Python<'_>,
        request: Option<&Bound<'_, PyAny>>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PreparedRequest> {
        self.prepare(
            py,
            request,
            kwargs,
            momo_core::MomoClient::tokenization_create,
        )
    }

    /// Prepares tokenization/pay (10 s): encrypts the token with MoMo's
    /// public key (the GIL is released meanwhile), then signs.
    #[pyo3(signature = (request=None, /, **kwargs))]
    fn tokenization_pay(
        &self,
        py: Python<'_>,
        request: Option<&Bound<'_, PyAny>>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PreparedRequest> {
        self.prepare(py, request, kwargs, |c, r| {
            py.detach(|| c.tokenization_pay(r))
        })
    }

    /// Prepares query (30 s).
    #[pyo3(signature = (request=None, /, **kwargs))]
    fn query(
        &self,
        py: Python<'_>,
        request: Option<&Bound<'_, PyAny>>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PreparedRequest> {
        self.prepare(py, request, kwargs, momo_core::MomoClient::query)
    }

    /// Prepares confirm: capture or cancel an authorized payment (30 s).
    #[pyo3(signature = (request=None, /, **kwargs))]
    fn confirm(
        &self,
        py: Python<'_>,
        request: Option<&Bound<'_, PyAny>>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PreparedRequest> {
        self.prepare(py, request, kwargs, momo_core::MomoClient::confirm)
    }

    /// Prepares refund (30 s); a refund needs a NEW order_id.
    #[pyo3(signature = (request=None, /, **kwargs))]
    fn refund(
        &self,
        py: Python<'_>,
        request: Option<&Bound<'_, PyAny>>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PreparedRequest> {
        self.prepare(py, request, kwargs, momo_core::MomoClient::refund)
    }

    /// Prepares create, the one-time payment (30 s): MoMo answers the
    /// payUrl, deeplink and qrCodeUrl (`parse_create_payment`).
    #[pyo3(signature = (request=None, /, **kwargs))]
    fn create_payment(
        &self,
        py: Python<'_>,
        request: Option<&Bound<'_, PyAny>>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PreparedRequest> {
        self.prepare(py, request, kwargs, momo_core::MomoClient::create_payment)
    }

    /// Prepares the Business Page login (the body holds the client secret).
    fn login(&self, py: Python<'_>) -> PyResult<PreparedRequest> {
        guard(py, || Ok(self.inner.login()?.into()))
    }

    /// Prepares voucher redeem-status with `Authorization: Bearer` from
    /// `access_token`, checked against `now_ms` (epoch ms).
    #[pyo3(signature = (request=None, /, *, access_token, now_ms, **kwargs))]
    fn redeem_status(
        &self,
        py: Python<'_>,
        request: Option<&Bound<'_, PyAny>>,
        access_token: &Bound<'_, PyAny>,
        now_ms: &Bound<'_, PyAny>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PreparedRequest> {
        guard(py, || {
            let token = access_token.cast::<PyAccessToken>().map_err(|_| {
                args::invalid(
                    "accessToken",
                    format!(
                        "must be an AccessToken, got Python {}",
                        value::type_name(access_token)
                    ),
                )
            })?;
            let now_ms = args::integer(now_ms, "nowMs")?;
            let req: momo_core::RedeemStatusRequest = value::read(&merged(py, request, kwargs)?)?;
            Ok(self
                .inner
                .redeem_status(&req, &token.get().inner, now_ms)?
                .into())
        })
    }

    /// Prepares Create Gift (plaintext body; seal it per your onboarding).
    #[pyo3(signature = (request=None, /, **kwargs))]
    fn gift_create(
        &self,
        py: Python<'_>,
        request: Option<&Bound<'_, PyAny>>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PreparedRequest> {
        self.prepare(py, request, kwargs, momo_core::MomoClient::gift_create)
    }

    /// Prepares Gift CheckStatus.
    #[pyo3(signature = (request=None, /, **kwargs))]
    fn gift_status(
        &self,
        py: Python<'_>,
        request: Option<&Bound<'_, PyAny>>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PreparedRequest> {
        self.prepare(py, request, kwargs, momo_core::MomoClient::gift_status)
    }

    /// Prepares Gift Get Trans (one page of a day's transactions).
    #[pyo3(signature = (request=None, /, **kwargs))]
    fn gift_get_trans(
        &self,
        py: Python<'_>,
        request: Option<&Bound<'_, PyAny>>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PreparedRequest> {
        self.prepare(py, request, kwargs, momo_core::MomoClient::gift_get_trans)
    }

    /// Verifies a payment notification body (str or bytes) in constant
    /// time and returns it; then answer MoMo `IPN_ACK_STATUS` (204). With
    /// `now_ms` and `tolerance_ms` (both or neither), also refuses one whose
    /// `responseTime` is further than `tolerance_ms` from `now_ms`
    /// (`STALE_NOTIFICATION`).
    #[pyo3(signature = (body, *, now_ms=None, tolerance_ms=None))]
    fn verify_ipn<'py>(
        &self,
        py: Python<'py>,
        body: &Bound<'py, PyAny>,
        now_ms: Option<&Bound<'py, PyAny>>,
        tolerance_ms: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let body = args::body(body, "body", (ErrorCode::InvalidInput, "body"))?;
            let now_ms = now_ms.filter(|v| !v.is_none());
            let tolerance_ms = tolerance_ms.filter(|v| !v.is_none());
            let ipn = match (now_ms, tolerance_ms) {
                (None, None) => self.inner.verify_ipn(&body)?,
                (Some(now), Some(tolerance)) => self.inner.verify_ipn_fresh(
                    &body,
                    args::integer(now, "nowMs")?,
                    args::integer(tolerance, "toleranceMs")?,
                )?,
                (None, Some(_)) => return Err(required("nowMs").into()),
                (Some(_), None) => return Err(required("toleranceMs").into()),
            };
            Ok(to_py(py, &ipn)?)
        })
    }

    /// Verifies the redirect MoMo sent the customer to: the raw query
    /// string (`str` or `bytes`, with or without `?`, still URL-encoded), or
    /// the pairs your web framework decoded (a dict of names to a `str` or
    /// a list of `str`, or a list of `(name, value)` pairs). Checked like
    /// `verify_ipn`, by the notification's fixed list of signed fields.
    fn verify_redirect<'py>(
        &self,
        py: Python<'py>,
        query: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let verified = match checkout::redirect_input(query)? {
                checkout::RedirectInput::Query(q) => self.inner.verify_redirect(&q)?,
                checkout::RedirectInput::Params(p) => self.inner.verify_redirect_params(p)?,
            };
            Ok(to_py(py, &verified)?)
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let c = self.inner.config();
        let mut parts = vec![format!("environment='{}'", env_name(c.environment))];
        let mut text = |name: &str, v: &Option<String>| -> PyResult<()> {
            if let Some(v) = v {
                let quoted = PyString::new(py, v).repr()?;
                parts.push(format!("{name}={}", quoted.to_cow()?));
            }
            Ok(())
        };
        text("partner_code", &c.partner_code)?;
        text("access_key", &c.access_key)?;
        text("partner_id", &c.partner_id)?;
        text("client_id", &c.client_id)?;
        text("gateway_base_url", &c.gateway_base_url)?;
        text("business_base_url", &c.business_base_url)?;
        text("gift_base_url", &c.gift_base_url)?;
        for (name, set) in [
            ("secret_key", c.secret_key.is_some()),
            ("client_secret", c.client_secret.is_some()),
            ("public_key", c.public_key.is_some()),
        ] {
            if set {
                parts.push(format!("{name}=***"));
            }
        }
        Ok(format!("MomoClient({})", parts.join(", ")))
    }
}

fn env_name(env: momo_core::Environment) -> &'static str {
    match env {
        momo_core::Environment::Sandbox => "sandbox",
        momo_core::Environment::Production => "production",
    }
}

/// Defines a module-level parser `name(status, body)` over a core parser.
macro_rules! parser {
    ($name:ident, $core:path, $doc:literal) => {
        #[doc = $doc]
        #[pyfunction]
        fn $name<'py>(
            py: Python<'py>,
            status: &Bound<'py, PyAny>,
            body: &Bound<'py, PyAny>,
        ) -> PyResult<Bound<'py, PyAny>> {
            guard(py, || {
                let status = args::status(status)?;
                let body = response_body(body)?;
                Ok(to_py(py, &$core(status, &body)?)?)
            })
        }
    };
}

parser!(
    parse_tokenization_create,
    momo_core::parse_tokenization_create,
    "Parses tokenization/create's answer."
);
parser!(
    parse_tokenization_pay,
    momo_core::parse_tokenization_pay,
    "Parses tokenization/pay's answer."
);
parser!(
    parse_create_payment,
    momo_core::parse_create_payment,
    "Parses create's answer (payUrl, deeplink, qrCodeUrl, applink)."
);
parser!(
    parse_query,
    momo_core::parse_query,
    "Parses query's answer."
);
parser!(
    parse_confirm,
    momo_core::parse_confirm,
    "Parses confirm's answer."
);
parser!(
    parse_refund,
    momo_core::parse_refund,
    "Parses refund's answer."
);
parser!(
    parse_redeem_status,
    momo_core::parse_redeem_status,
    "Parses redeem-status's answer (HTTP 2xx or 400)."
);
parser!(
    parse_gift_create,
    momo_core::parse_gift_create,
    "Parses Create Gift's (plaintext) answer."
);
parser!(
    parse_gift_status,
    momo_core::parse_gift_status,
    "Parses Gift CheckStatus's (plaintext) answer."
);
parser!(
    parse_gift_get_trans,
    momo_core::parse_gift_get_trans,
    "Parses Gift Get Trans's (plaintext) answer."
);

/// Parses the Business Page login answer into an AccessToken that expires
/// `expiresIn` ms after `now_ms` (your clock, epoch ms).
#[pyfunction]
fn parse_login(
    py: Python<'_>,
    status: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
    now_ms: &Bound<'_, PyAny>,
) -> PyResult<PyAccessToken> {
    guard(py, || {
        let status = args::status(status)?;
        let body = response_body(body)?;
        let now_ms = args::integer(now_ms, "nowMs")?;
        Ok(PyAccessToken {
            inner: momo_core::parse_login(status, &body, now_ms)?,
        })
    })
}

/// Checks a saleInfo and returns it with every amount computed.
#[pyfunction]
#[pyo3(signature = (sale_info=None, /, **kwargs))]
fn compute_sale_info<'py>(
    py: Python<'py>,
    sale_info: Option<&Bound<'py, PyAny>>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let sale: momo_core::SaleInfo = value::read(&merged(py, sale_info, kwargs)?)?;
        Ok(to_py(py, &sale.computed()?)?)
    })
}

/// extraData from JSON object text (kept byte for byte) or from a dict
/// (compact JSON); standard base64.
#[pyfunction]
fn encode_extra_data(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<String> {
    guard(py, || {
        if value.cast::<PyString>().is_ok() {
            let text = args::text(value, "extraData")?;
            return Ok(momo_core::extra_data::encode(&text)?);
        }
        // A free-form object: its keys are kept, in the path too.
        let json: serde_json::Value =
            value::decode_stored(value).map_err(|e| e.within("extraData"))?;
        Ok(momo_core::extra_data::encode_value(&json)?)
    })
}

/// The JSON object text inside extraData (`"{}"` when empty).
#[pyfunction]
fn decode_extra_data(py: Python<'_>, extra_data: &Bound<'_, PyAny>) -> PyResult<String> {
    guard(py, || {
        let text = args::text(extra_data, "extraData")?;
        Ok(momo_core::extra_data::decode(&text)?)
    })
}

/// A new requestId (UUID v4).
#[pyfunction]
fn new_request_id(py: Python<'_>) -> PyResult<String> {
    guard(py, || Ok(momo_core::ids::new_request_id()?))
}

/// A new orderId (UUID v4).
#[pyfunction]
fn new_order_id(py: Python<'_>) -> PyResult<String> {
    guard(py, || Ok(momo_core::ids::new_order_id()?))
}

/// A new X-Request-Id (UUID v4).
#[pyfunction]
fn new_x_request_id(py: Python<'_>) -> PyResult<String> {
    guard(py, || Ok(momo_core::ids::new_x_request_id()?))
}

/// What a payment resultCode means and what to do next.
#[pyfunction]
fn outcome_of_payment<'py>(
    py: Python<'py>,
    code: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let code = args::integer(code, "code")?;
        Ok(to_py(py, &momo_core::Outcome::of_payment(code))?)
    })
}

/// What a per-gift status means.
#[pyfunction]
fn outcome_of_gift_status<'py>(
    py: Python<'py>,
    code: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let code = args::integer(code, "code")?;
        Ok(to_py(py, &momo_core::Outcome::of_gift_status(code))?)
    })
}

/// What a Gift API resultCode means.
#[pyfunction]
fn outcome_of_gift_result<'py>(
    py: Python<'py>,
    code: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let code = args::integer(code, "code")?;
        Ok(to_py(py, &momo_core::Outcome::of_gift_result(code))?)
    })
}

/// The outcome of a call whose answer never came (timeout, dropped
/// connection): unknown, so query, and retry with the SAME request id.
#[pyfunction]
fn transport_timeout_outcome(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    guard(py, || {
        Ok(to_py(py, &momo_core::Outcome::transport_timeout())?)
    })
}

/// The Get Trans input for the page after `response`, or None when it was
/// the last page.
#[pyfunction]
fn gift_get_trans_next_page<'py>(
    py: Python<'py>,
    request: &Bound<'py, PyAny>,
    response: &Bound<'py, PyAny>,
) -> PyResult<Option<Py<PyAny>>> {
    guard(py, || {
        let req: momo_core::GiftGetTransRequest =
            decode(request).map_err(|e| e.within("request"))?;
        let res: momo_core::GiftGetTransResponse =
            decode(response).map_err(|e| e.within("response"))?;
        match req.next_page(&res) {
            Some(next) => Ok(Some(to_py(py, &next)?.call_method0("to_dict")?.unbind())),
            None => Ok(None),
        }
    })
}

/// Panics inside the guard: proves a panic surfaces as MomoError INTERNAL.
#[pyfunction]
fn _panic_probe(py: Python<'_>) -> PyResult<()> {
    guard(py, || -> Res<()> { panic!("panic probe") })
}

/// The native part of `momo_core` (import `momo_core`, not this module).
#[pymodule]
mod _native {
    use pyo3::prelude::*;
    use pyo3::types::PyTuple;

    #[pymodule_export]
    use super::checkout::{order_expires_at_ms, PyPaymentTracker};
    #[pymodule_export]
    use super::{
        _panic_probe, compute_sale_info, decode_extra_data, encode_extra_data,
        gift_get_trans_next_page, new_order_id, new_request_id, new_x_request_id,
        outcome_of_gift_result, outcome_of_gift_status, outcome_of_payment, parse_confirm,
        parse_create_payment, parse_gift_create, parse_gift_get_trans, parse_gift_status,
        parse_login, parse_query, parse_redeem_status, parse_refund, parse_tokenization_create,
        parse_tokenization_pay, transport_timeout_outcome, PreparedRequest, PyAccessToken,
        PyMomoClient, Record,
    };

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        let py = m.py();
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        m.add(
            "DEFAULT_REFRESH_MARGIN_MS",
            momo_core::business::DEFAULT_REFRESH_MARGIN_MS,
        )?;
        m.add("IPN_ACK_STATUS", momo_core::gateway::IPN_ACK_STATUS)?;
        let codes = momo_core::ErrorCode::ALL.map(|c| c.as_str());
        m.add("ERROR_CODES", PyTuple::new(py, codes)?)?;
        let table = |infos: &[momo_core::result_code::CodeInfo],
                     of: fn(i64) -> momo_core::Outcome|
         -> PyResult<Bound<'_, PyTuple>> {
            let items = infos
                .iter()
                .map(|i| super::to_py(py, &of(i.code)))
                .collect::<PyResult<Vec<_>>>()?;
            PyTuple::new(py, items)
        };
        m.add(
            "PAYMENT_CODES",
            table(
                momo_core::result_code::PAYMENT_CODES,
                momo_core::Outcome::of_payment,
            )?,
        )?;
        m.add(
            "GIFT_STATUS_CODES",
            table(
                momo_core::gift::GIFT_STATUS_CODES,
                momo_core::Outcome::of_gift_status,
            )?,
        )?;
        m.add(
            "GIFT_RESULT_CODES",
            table(
                momo_core::gift::GIFT_RESULT_CODES,
                momo_core::Outcome::of_gift_result,
            )?,
        )?;
        Ok(())
    }
}

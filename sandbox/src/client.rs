//! A small plain-HTTP/1.1 client (hyper-util's pooled client): the sandbox
//! POSTs notifications with it, and the tests and the load tool send
//! momo-core's [`PreparedRequest`]s with it. `http://` only.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::header::{HeaderName, HeaderValue};
use hyper::{Method, Request};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use momo_core::PreparedRequest;

/// An HTTP answer: status and body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// HTTP status code.
    pub status: u16,
    /// Body as text (lossy UTF-8).
    pub body: String,
    /// The `Location` header of a redirect (redirects are not followed).
    pub location: Option<String>,
}

/// Why no answer came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpError {
    /// No complete answer within the timeout: the outcome is unknown.
    Timeout,
    /// The URL, method or a header is not usable.
    InvalidRequest(String),
    /// Connecting, sending or reading failed.
    Transport(String),
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Timeout => f.write_str("no answer before the timeout"),
            Self::InvalidRequest(why) => write!(f, "invalid request: {why}"),
            Self::Transport(why) => write!(f, "transport error: {why}"),
        }
    }
}

impl std::error::Error for HttpError {}

/// A pooled HTTP/1.1 client for `http://` URLs. Cheap to clone.
#[derive(Clone)]
pub struct HttpClient {
    inner: Client<HttpConnector, Full<Bytes>>,
}

impl Default for HttpClient {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HttpClient")
    }
}

impl HttpClient {
    /// A new client with its own connection pool (needs a tokio runtime
    /// when used).
    pub fn new() -> Self {
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        connector.set_connect_timeout(Some(Duration::from_secs(5)));
        let inner = Client::builder(TokioExecutor::new())
            // Below the sandbox's default idle timeout (30 s), so the client
            // drops an idle connection before the server closes it.
            .pool_idle_timeout(Duration::from_secs(20))
            .pool_max_idle_per_host(256)
            .build(connector);
        Self { inner }
    }

    /// Sends one request; the whole exchange (connect, send, read the body)
    /// must finish within `timeout`.
    pub async fn request(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: Option<String>,
        timeout: Duration,
    ) -> Result<HttpResponse, HttpError> {
        let method = Method::from_bytes(method.as_bytes())
            .map_err(|e| HttpError::InvalidRequest(format!("method: {e}")))?;
        let mut builder = Request::builder().method(method).uri(url);
        for (name, value) in headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|e| HttpError::InvalidRequest(format!("header {name}: {e}")))?;
            let value = HeaderValue::from_str(value)
                .map_err(|e| HttpError::InvalidRequest(format!("header {name}: {e}")))?;
            builder = builder.header(name, value);
        }
        let req = builder
            .body(Full::new(Bytes::from(body.unwrap_or_default())))
            .map_err(|e| HttpError::InvalidRequest(e.to_string()))?;
        let exchange = async {
            let res = self
                .inner
                .request(req)
                .await
                .map_err(|e| HttpError::Transport(error_chain(&e)))?;
            let status = res.status().as_u16();
            let location = res
                .headers()
                .get(hyper::header::LOCATION)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
            let bytes = res
                .into_body()
                .collect()
                .await
                .map_err(|e| HttpError::Transport(error_chain(&e)))?
                .to_bytes();
            Ok(HttpResponse {
                status,
                body: String::from_utf8_lossy(&bytes).into_owned(),
                location,
            })
        };
        tokio::time::timeout(timeout, exchange)
            .await
            .unwrap_or(Err(HttpError::Timeout))
    }

    /// Sends a momo-core [`PreparedRequest`] with its own timeout.
    pub async fn send(&self, req: &PreparedRequest) -> Result<HttpResponse, HttpError> {
        let headers: Vec<(&str, &str)> = req
            .headers
            .iter()
            .map(|h| (h.name.as_str(), h.value.as_str()))
            .collect();
        self.request(
            &req.method,
            &req.url,
            &headers,
            Some(req.body.clone()),
            Duration::from_millis(req.timeout_ms),
        )
        .await
    }

    /// `POST` a JSON body.
    pub async fn post_json(
        &self,
        url: &str,
        body: String,
        timeout: Duration,
    ) -> Result<HttpResponse, HttpError> {
        self.request(
            "POST",
            url,
            &[("Content-Type", "application/json; charset=UTF-8")],
            Some(body),
            timeout,
        )
        .await
    }

    /// `GET` a URL.
    pub async fn get(&self, url: &str, timeout: Duration) -> Result<HttpResponse, HttpError> {
        self.request("GET", url, &[], None, timeout).await
    }
}

fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(e) = source {
        text.push_str(": ");
        text.push_str(&e.to_string());
        source = e.source();
    }
    text
}

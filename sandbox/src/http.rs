//! HTTP plumbing shared by every endpoint: bounded JSON body reading, the
//! JSON reply type, request logging and the JSON 404/405 fallbacks.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::state::Shared;

/// A JSON answer with its HTTP status and a short note for the request log.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub status: StatusCode,
    pub body: String,
    pub note: String,
}

impl Reply {
    /// A JSON reply from a serializable value.
    pub fn json(status: StatusCode, body: &serde_json::Value, note: impl Into<String>) -> Self {
        Self {
            status,
            body: body.to_string(),
            note: note.into(),
        }
    }

    /// An empty `204 No Content`.
    pub fn no_content(note: impl Into<String>) -> Self {
        Self {
            status: StatusCode::NO_CONTENT,
            body: String::new(),
            note: note.into(),
        }
    }
}

/// What the request log prints after the status.
#[derive(Debug, Clone)]
struct LogNote(String);

/// Attaches the request log's note to a response that is not a [`Reply`]
/// (the HTML payment page).
pub(crate) fn with_note(mut res: Response, note: impl Into<String>) -> Response {
    res.extensions_mut().insert(LogNote(note.into()));
    res
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut res = if self.body.is_empty() {
            (self.status, Body::empty()).into_response()
        } else {
            let mut res = (self.status, self.body).into_response();
            res.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=UTF-8"),
            );
            res
        };
        res.extensions_mut().insert(LogNote(self.note));
        res
    }
}

/// Why a request body was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BodyError {
    /// Content-Type is missing or not `application/json`.
    NotJson(String),
    /// The body is larger than the limit.
    TooLarge(usize),
    /// The body could not be read.
    Unreadable(String),
    /// The body is not UTF-8 text.
    NotUtf8,
}

impl BodyError {
    /// The HTTP status for this error: 415, 413 or 400.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::NotJson(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Unreadable(_) | Self::NotUtf8 => StatusCode::BAD_REQUEST,
        }
    }

    /// A readable sentence for the JSON error body.
    pub fn detail(&self) -> String {
        match self {
            Self::NotJson(got) => {
                format!("Content-Type must be application/json, got {got:?}")
            }
            Self::TooLarge(limit) => format!("body is larger than {limit} bytes"),
            Self::Unreadable(why) => format!("body could not be read: {why}"),
            Self::NotUtf8 => "body is not UTF-8 text".to_owned(),
        }
    }
}

/// Reads a JSON request body of at most `limit` bytes as text.
pub(crate) async fn read_json(
    limit: usize,
    headers: &HeaderMap,
    body: Body,
) -> Result<String, BodyError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .unwrap_or_default();
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if mime != "application/json" {
        return Err(BodyError::NotJson(content_type));
    }
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit as u64) {
        return Err(BodyError::TooLarge(limit));
    }
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|e| {
        let inner = e.into_inner();
        if is_length_limit(inner.as_ref()) {
            BodyError::TooLarge(limit)
        } else {
            BodyError::Unreadable(inner.to_string())
        }
    })?;
    String::from_utf8(bytes.to_vec()).map_err(|_| BodyError::NotUtf8)
}

fn is_length_limit(mut err: &(dyn std::error::Error + 'static)) -> bool {
    loop {
        if err.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        match err.source() {
            Some(next) => err = next,
            None => return false,
        }
    }
}

/// Logs one line per request on stderr (never headers or bodies) and
/// counts requests.
pub(crate) async fn log_requests(
    State(shared): State<Arc<Shared>>,
    req: Request,
    next: Next,
) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let started = Instant::now();
    // Each request runs in its own task: a panic in a handler becomes a JSON
    // 500 for that request instead of a dropped connection, and the server
    // keeps serving.
    let res = match tokio::spawn(next.run(req)).await {
        Ok(res) => res,
        Err(e) => Reply::json(
            StatusCode::INTERNAL_SERVER_ERROR,
            &json!({
                "error": "INTERNAL",
                "message": format!("the sandbox failed on this request ({e}); it is still running"),
            }),
            "handler panicked",
        )
        .into_response(),
    };
    shared.counters.request();
    if shared.options.log {
        let note = res
            .extensions()
            .get::<LogNote>()
            .map(|n| n.0.as_str())
            .unwrap_or("");
        eprintln!(
            "[momo-sandbox] {method} {path} -> {} {note} ({} ms)",
            res.status().as_u16(),
            started.elapsed().as_millis()
        );
    }
    res
}

/// JSON 404 for unknown paths.
pub(crate) async fn not_found(method: Method, uri: Uri) -> Reply {
    Reply::json(
        StatusCode::NOT_FOUND,
        &json!({
            "error": "NOT_FOUND",
            "message": format!("no endpoint {method} {}; GET / lists them", uri.path()),
        }),
        "unknown path",
    )
}

/// JSON 405 for known paths called with the wrong method.
pub(crate) async fn method_not_allowed(method: Method, uri: Uri) -> Reply {
    Reply::json(
        StatusCode::METHOD_NOT_ALLOWED,
        &json!({
            "error": "METHOD_NOT_ALLOWED",
            "message": format!("{} does not accept {method}; GET / lists the endpoints", uri.path()),
        }),
        "wrong method",
    )
}

//! Reading MoMo's HTTP answers: status + body text in, typed model out.

use crate::error::{ErrorCode, MomoError, Result};
use serde::de::DeserializeOwned;

/// How much of an unexpected body goes into the error message.
const SNIPPET: usize = 200;

/// Parses a JSON answer whatever the HTTP status: MoMo puts a resultCode in
/// 4xx bodies too. A body that is not the expected JSON is an
/// [`ErrorCode::UnexpectedResponse`]; its outcome is unknown (query).
pub(crate) fn parse_json<T: DeserializeOwned>(status: u16, body: &str) -> Result<T> {
    crate::input::from_json(body).map_err(|e| unexpected(status, body, &e))
}

/// Parses a JSON answer only when the HTTP status is 2xx (or `also_ok`).
pub(crate) fn parse_json_if<T: DeserializeOwned>(
    status: u16,
    body: &str,
    also_ok: &[u16],
) -> Result<T> {
    if !(200..300).contains(&status) && !also_ok.contains(&status) {
        return Err(MomoError::new(
            ErrorCode::UnexpectedResponse,
            "response",
            format!("HTTP {status}: {}", snippet(body)),
        ));
    }
    parse_json(status, body)
}

/// [`parse_json`] for an answer that may carry a secret (the login's access
/// token): the error names the field and the rule but never quotes the body
/// nor any value in it.
pub(crate) fn parse_json_quietly<T: DeserializeOwned>(status: u16, body: &str) -> Result<T> {
    crate::input::from_json(body).map_err(|cause| {
        let what = format!("{}{}", cause.code().as_str(), at(&cause));
        MomoError::new(
            ErrorCode::UnexpectedResponse,
            "response",
            format!("HTTP {status}, {what} (the body is not shown: it may hold a secret)"),
        )
    })
}

fn unexpected(status: u16, body: &str, cause: &MomoError) -> MomoError {
    MomoError::new(
        ErrorCode::UnexpectedResponse,
        "response",
        format!(
            "HTTP {status}, {}{}: {}",
            cause.message(),
            at(cause),
            snippet(body)
        ),
    )
}

/// ` at <field>` for a decoding error that names a field, else nothing.
fn at(cause: &MomoError) -> String {
    if cause.field().is_empty() {
        String::new()
    } else {
        format!(" at {}", cause.field())
    }
}

fn snippet(body: &str) -> String {
    let mut s: String = body.chars().take(SNIPPET).collect();
    if body.chars().count() > SNIPPET {
        s.push('…');
    }
    s
}

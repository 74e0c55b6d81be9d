//! The one-time payment's Python side: the redirect's input forms and the
//! payment tracker as a Python class.
//!
//! Nothing here decides anything: the redirect's pairs go to the core's
//! `verify_redirect` / `verify_redirect_params`, and every transition,
//! wait and final state is `momo_core::PaymentTracker`'s. This module only
//! reads Python arguments into the core's types and the core's answers back
//! into Python objects.

use std::borrow::Cow;

use serde::de::DeserializeOwned;

use momo_core::{
    ConfirmRequestType, ErrorCode, MomoError, Outcome as CoreOutcome, PaymentTracker,
    TrackedOperation, TrackerEvent,
};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyList, PyString, PyTuple, PyType};

use crate::args;
use crate::error::guard;
use crate::record::{to_py, Record};
use crate::value::{self, type_name};

/// What `verify_redirect` was given: the raw query string, or pairs a web
/// framework already decoded.
pub enum RedirectInput<'a> {
    /// `a=1&b=2` (with or without `?`), still percent-encoded.
    Query(Cow<'a, str>),
    /// (name, value) pairs, decoded, every repeat kept.
    Params(Vec<(String, String)>),
}

/// Reads `verify_redirect`'s argument: a `str` or UTF-8 `bytes` query
/// string; a `dict` of names to a `str` or a list of `str` (a list is one
/// pair per value, so a repeated name stays repeated, as in Werkzeug's
/// `MultiDict` and Django's `QueryDict`, which store lists); or a list or
/// tuple of `(name, value)` pairs. It is read from a [`value::snapshot`]
/// (the dict's storage, not its methods: no method of a subclass runs).
pub fn redirect_input<'a>(obj: &'a Bound<'_, PyAny>) -> Result<RedirectInput<'a>, MomoError> {
    if obj.cast::<PyString>().is_ok() || obj.cast::<PyBytes>().is_ok() {
        let query = args::body(obj, "query", (ErrorCode::InvalidInput, "query"))?;
        return Ok(RedirectInput::Query(query));
    }
    let is_map = obj.cast::<PyDict>().is_ok() || obj.cast::<Record>().is_ok();
    if !is_map && obj.cast::<PyList>().is_err() && obj.cast::<PyTuple>().is_err() {
        return Err(args::invalid(
            "query",
            format!(
                "must be a str or bytes (the query string), a dict or a list of (name, value) pairs, got Python {}",
                type_name(obj)
            ),
        ));
    }
    // Paths: a dict's names as they are; a list's items as `query[i]`.
    let snapshot =
        value::snapshot(obj, value::keep)
            .map_err(|e| if is_map { e } else { e.within("query") })?;
    let mut pairs = Vec::new();
    if let Ok(map) = snapshot.cast::<PyDict>() {
        for (name, v) in map.iter() {
            let name = text_of(&name).unwrap_or_default();
            if let Ok(values) = v.cast::<PyList>() {
                for (i, v) in values.iter().enumerate() {
                    let v = text_of(&v).ok_or_else(|| {
                        args::invalid(&format!("{name}[{i}]"), "must be a str".to_owned())
                    })?;
                    pairs.push((name.clone(), v));
                }
            } else {
                let v = text_of(&v).ok_or_else(|| {
                    args::invalid(&name, "must be a str or a list of str".to_owned())
                })?;
                pairs.push((name, v));
            }
        }
    } else if let Ok(items) = snapshot.cast::<PyList>() {
        for (i, item) in items.iter().enumerate() {
            let pair = item
                .cast::<PyList>()
                .ok()
                .filter(|p| p.len() == 2)
                .and_then(|p| {
                    Some((
                        text_of(&p.get_item(0).ok()?)?,
                        text_of(&p.get_item(1).ok()?)?,
                    ))
                });
            pairs.push(pair.ok_or_else(|| {
                args::invalid(
                    &format!("query[{i}]"),
                    "must be a (name, value) pair of str".to_owned(),
                )
            })?);
        }
    }
    Ok(RedirectInput::Params(pairs))
}

/// The text of a `str` of a snapshot (which has a UTF-8 form).
fn text_of(v: &Bound<'_, PyAny>) -> Option<String> {
    v.cast::<PyString>()
        .ok()?
        .to_cow()
        .ok()
        .map(Cow::into_owned)
}

/// An outcome as Python holds it (an `Outcome` record, or a dict with its
/// keys): the core's own `Outcome`, read back as it was written.
fn outcome_arg(obj: &Bound<'_, PyAny>) -> Result<CoreOutcome, MomoError> {
    value::decode(obj).map_err(|e| e.within("outcome"))
}

/// What a notification event needs from a verified notification (the
/// record `verify_ipn` / `verify_redirect` returns, or a dict).
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct PaymentNotification {
    #[serde(default)]
    trans_id: Option<i64>,
    outcome: CoreOutcome,
}

/// A core type read from a Python value by its stored (serde) form; errors
/// name `field`.
fn serde_arg<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, field: &str) -> Result<T, MomoError> {
    value::decode_stored(obj).map_err(|e| e.within(field))
}

/// One payment's lifecycle: feed it what happened (one method per event,
/// each with your clock `now_ms`) and act on the `Step` it answers. Every
/// decision is momo-core's `PaymentTracker`. `to_dict()` / `to_json()` are
/// its stored form (the same in every host); `from_dict()` / `from_json()`
/// resume it.
#[pyclass(module = "momo_core", name = "PaymentTracker")]
pub struct PyPaymentTracker {
    inner: PaymentTracker,
}

impl PyPaymentTracker {
    fn feed<'py>(
        &mut self,
        py: Python<'py>,
        event: impl FnOnce() -> Result<TrackerEvent, MomoError>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let step = self.inner.handle(event()?)?;
            Ok(to_py(py, &step)?)
        })
    }
}

fn now(obj: &Bound<'_, PyAny>) -> Result<i64, MomoError> {
    args::integer(obj, "nowMs")
}

#[pymethods]
impl PyPaymentTracker {
    /// A tracker for a payment whose `operation` call (`"create"`, `"pay"`
    /// or `"refund"`) is being sent now; `expires_at_ms` is when the order
    /// stops being payable (`order_expires_at_ms` for create).
    #[new]
    fn new(
        py: Python<'_>,
        operation: &Bound<'_, PyAny>,
        expires_at_ms: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        guard(py, || {
            let operation: TrackedOperation = serde_arg(operation, "operation")?;
            let expires_at_ms = args::integer(expires_at_ms, "expiresAtMs")?;
            Ok(Self {
                inner: PaymentTracker::new(operation, expires_at_ms),
            })
        })
    }

    /// `"create"`, `"pay"` or `"refund"`.
    #[getter]
    fn operation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.operation())
    }
    /// When the order stops being payable, epoch ms.
    #[getter]
    fn expires_at_ms(&self) -> i64 {
        self.inner.expires_at_ms()
    }
    /// Query answers (and query timeouts) so far.
    #[getter]
    fn queries(&self) -> u32 {
        self.inner.queries()
    }
    /// What to do now (the answer to the last event).
    #[getter]
    fn next<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.next())
    }

    /// The create answer (`parse_create_payment(..).outcome`).
    fn create_answered<'py>(
        &mut self,
        py: Python<'py>,
        outcome: &Bound<'py, PyAny>,
        now_ms: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.feed(py, || {
            Ok(TrackerEvent::CreateAnswered {
                outcome: outcome_arg(outcome)?,
                now_ms: now(now_ms)?,
            })
        })
    }
    /// The tokenization/pay answer's outcome.
    fn pay_answered<'py>(
        &mut self,
        py: Python<'py>,
        outcome: &Bound<'py, PyAny>,
        now_ms: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.feed(py, || {
            Ok(TrackerEvent::PayAnswered {
                outcome: outcome_arg(outcome)?,
                now_ms: now(now_ms)?,
            })
        })
    }
    /// The refund answer's outcome.
    fn refund_answered<'py>(
        &mut self,
        py: Python<'py>,
        outcome: &Bound<'py, PyAny>,
        now_ms: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.feed(py, || {
            Ok(TrackerEvent::RefundAnswered {
                outcome: outcome_arg(outcome)?,
                now_ms: now(now_ms)?,
            })
        })
    }
    /// A query answer's outcome (`parse_query(..).outcome`).
    fn query_answered<'py>(
        &mut self,
        py: Python<'py>,
        outcome: &Bound<'py, PyAny>,
        now_ms: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.feed(py, || {
            Ok(TrackerEvent::QueryAnswered {
                outcome: outcome_arg(outcome)?,
                now_ms: now(now_ms)?,
            })
        })
    }
    /// A verified notification (what `verify_ipn` or `verify_redirect`
    /// returned): its `trans_id` and `outcome`.
    fn notified<'py>(
        &mut self,
        py: Python<'py>,
        notification: &Bound<'py, PyAny>,
        now_ms: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.feed(py, || {
            let arg: PaymentNotification =
                value::decode(notification).map_err(|e| e.within("notification"))?;
            Ok(TrackerEvent::Notified {
                trans_id: arg.trans_id,
                outcome: arg.outcome,
                now_ms: now(now_ms)?,
            })
        })
    }
    /// The answer of the confirm you sent after a `confirm` step:
    /// `request_type` is what you asked (`"capture"` or `"cancel"`).
    fn confirm_answered<'py>(
        &mut self,
        py: Python<'py>,
        request_type: &Bound<'py, PyAny>,
        outcome: &Bound<'py, PyAny>,
        now_ms: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.feed(py, || {
            Ok(TrackerEvent::ConfirmAnswered {
                request_type: serde_arg::<ConfirmRequestType>(request_type, "requestType")?,
                outcome: outcome_arg(outcome)?,
                now_ms: now(now_ms)?,
            })
        })
    }
    /// The call in flight (the operation, a query or a confirm) got no answer.
    fn transport_timeout<'py>(
        &mut self,
        py: Python<'py>,
        now_ms: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.feed(py, || {
            Ok(TrackerEvent::TransportTimeout {
                now_ms: now(now_ms)?,
            })
        })
    }
    /// Only the time passed (e.g. the `wait_until` time came).
    fn tick<'py>(
        &mut self,
        py: Python<'py>,
        now_ms: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.feed(py, || {
            Ok(TrackerEvent::Tick {
                now_ms: now(now_ms)?,
            })
        })
    }

    /// The stored form: the core's serialization as a plain dict (camelCase
    /// keys, JSON-compatible values), the same in every host.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || Ok(to_py(py, &stored(&self.inner)?)?))
    }
    /// The stored form as JSON text.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            serde_json::to_string(&self.inner).map_err(|e| bug(&e).into())
        })
    }
    /// A tracker from its stored form (`to_dict()`).
    #[classmethod]
    fn from_dict(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        state: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        guard(py, || {
            Ok(Self {
                inner: serde_arg(state, "tracker")?,
            })
        })
    }
    /// A tracker from its stored JSON text (`to_json()`).
    #[classmethod]
    fn from_json(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        guard(py, || {
            let text = args::body(text, "tracker", (ErrorCode::InvalidInput, "tracker"))?;
            let inner = momo_core::input::from_json::<PaymentTracker>(&text)
                .map_err(|e| e.within("tracker"))?;
            Ok(Self { inner })
        })
    }
    /// pickle and copy: through the stored form.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        let py = slf.py();
        let from_dict = slf.get_type().getattr("from_dict")?;
        Ok((from_dict, (slf.borrow().to_dict(py)?,)))
    }
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> Py<PyAny> {
        match other.cast::<Self>() {
            Ok(o) => PyBool::new(py, self.inner == o.borrow().inner)
                .to_owned()
                .into_any()
                .unbind(),
            Err(_) => py.NotImplemented(),
        }
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let next = to_py(py, self.inner.next())?.repr()?.to_cow()?.into_owned();
        let op = to_py(py, &self.inner.operation())?
            .repr()?
            .to_cow()?
            .into_owned();
        Ok(format!(
            "PaymentTracker(operation={op}, expires_at_ms={}, queries={}, next={next})",
            self.inner.expires_at_ms(),
            self.inner.queries()
        ))
    }
}

fn stored(tracker: &PaymentTracker) -> Result<serde_json::Value, MomoError> {
    serde_json::to_value(tracker).map_err(|e| bug(&e))
}

/// The core's own model failed to serialize: a bug, not the caller's.
fn bug(e: &serde_json::Error) -> MomoError {
    MomoError::new(
        ErrorCode::Internal,
        "",
        format!("a bug inside momo-core (please report it): {e}"),
    )
}

/// When an order created at `created_at_ms` with `order_expire_time`
/// minutes (MoMo's default of 15 when None) stops being payable, epoch ms.
#[pyfunction]
#[pyo3(signature = (created_at_ms, order_expire_time=None))]
pub fn order_expires_at_ms(
    py: Python<'_>,
    created_at_ms: &Bound<'_, PyAny>,
    order_expire_time: Option<&Bound<'_, PyAny>>,
) -> PyResult<i64> {
    guard(py, || {
        let created = args::integer(created_at_ms, "createdAtMs")?;
        let minutes = match order_expire_time.filter(|m| !m.is_none()) {
            Some(m) => Some(args::integer(m, "orderExpireTime")?),
            None => None,
        };
        Ok(momo_core::tracker::schedule::order_expires_at_ms(
            created, minutes,
        ))
    })
}

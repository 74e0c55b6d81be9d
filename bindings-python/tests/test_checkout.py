"""The one-time payment, its redirect and the payment tracker through the
Python API: every vector of tests/vectors/checkout.json (a port of its part
of core/tests/vectors.rs), then the Python idioms around them. Expected
values come from the Python reference (tests/vectors/generate.py) or from
Python's own hmac and urllib, never from the code under test."""

import copy
import hashlib
import hmac
import json
import pickle
from typing import Any, Callable, Dict, List
from urllib.parse import parse_qsl, urlencode

import pytest

import momo_core
from conftest import CLASS_OF_KIND, KIND_OF, assert_subset, camel_json, load, snake_keys
from momo_core import MomoClient, MomoError, MomoSignatureError, MomoValidationError, PaymentTracker

CHECKOUT = load("checkout.json")
CONFIG = CHECKOUT["config"]
SECRET = CONFIG["secretKey"]


def ids(vectors: List[Dict[str, Any]]) -> List[str]:
    return [v["id"] for v in vectors]


def new_client() -> MomoClient:
    return MomoClient(**snake_keys(CONFIG))


CLIENT = new_client()


def assert_error(vid: str, expected: Dict[str, Any], err: MomoError) -> None:
    assert (err.code, err.field) == (expected["code"], expected["field"]), f"{vid}: {err!r}"
    assert type(err) is CLASS_OF_KIND[KIND_OF[err.code]], f"{vid}: {err.code} raised {type(err).__name__}"


def hmac_hex(raw: str, key: str = SECRET) -> str:
    return hmac.new(key.encode(), raw.encode(), hashlib.sha256).hexdigest()


# ---------------------------------------------------------------- create


@pytest.mark.parametrize("v", CHECKOUT["create"], ids=ids(CHECKOUT["create"]))
def test_create_vectors_match_byte_for_byte(v: Dict[str, Any]) -> None:
    req = CLIENT.create_payment(**snake_keys(v["input"]))
    exp = v["expected"]
    assert req.body == exp["body"]
    assert req.signature_raw == exp["signatureRaw"]
    assert (req.method, req.url, req.headers) == (exp["method"], exp["url"], exp["headers"])
    assert (req.timeout_ms, req.timeout, req.request_id) == (exp["timeoutMs"], exp["timeoutMs"] / 1000, exp["requestId"])
    assert req.holds_secret is False


@pytest.mark.parametrize("v", CHECKOUT["create"], ids=ids(CHECKOUT["create"]))
def test_create_signature_rechecked_with_python_hmac(v: Dict[str, Any]) -> None:
    req = CLIENT.create_payment(snake_keys(v["input"]))  # the mapping form
    body = json.loads(req.body)
    assert body["signature"] == v["expected"]["signature"] == hmac_hex(v["expected"]["signatureRaw"])
    assert "accessKey" not in body, "accessKey is signed, never sent"


@pytest.mark.parametrize("v", CHECKOUT["create"], ids=ids(CHECKOUT["create"]))
def test_create_mapping_kwargs_and_camel_case_forms_agree(v: Dict[str, Any]) -> None:
    inp = snake_keys(v["input"])
    first, rest = dict(list(inp.items())[:2]), dict(list(inp.items())[2:])
    bodies = {
        CLIENT.create_payment(inp).body,
        CLIENT.create_payment(**inp).body,
        CLIENT.create_payment(first, **rest).body,
        CLIENT.create_payment(v["input"]).body,
    }
    assert bodies == {v["expected"]["body"]}


@pytest.mark.parametrize("v", CHECKOUT["createErrors"], ids=ids(CHECKOUT["createErrors"]))
def test_create_error_vectors_name_code_and_field(v: Dict[str, Any]) -> None:
    with pytest.raises(MomoError) as info:
        CLIENT.create_payment(**snake_keys(v["input"]))
    assert_error(v["id"], v["error"], info.value)
    assert isinstance(info.value, ValueError), "a validation error is a ValueError"


# ---------------------------------------------------------------- parse


@pytest.mark.parametrize("v", CHECKOUT["parse"], ids=ids(CHECKOUT["parse"]))
def test_parse_create_payment_vectors(v: Dict[str, Any]) -> None:
    for body in (v["body"], v["body"].encode()):
        if "error" in v:
            with pytest.raises(MomoError) as info:
                momo_core.parse_create_payment(v["status"], body)
            assert_error(v["id"], v["error"], info.value)
            continue
        res = momo_core.parse_create_payment(v["status"], body)
        assert res.type_name == "CreatePaymentResponse"
        assert_subset(v["id"], v["expected"], camel_json(res))


# ---------------------------------------------------------------- redirect


def check_redirect(vid: str, v: Dict[str, Any], run: Callable[[], Any]) -> None:
    if "error" in v:
        with pytest.raises(MomoError) as info:
            run()
        assert_error(vid, v["error"], info.value)
        assert SECRET not in str(info.value) + repr(info.value)
    else:
        got = run()
        assert got.type_name == "PaymentNotification"
        assert_subset(vid, v["expected"], camel_json(got))


@pytest.mark.parametrize("v", CHECKOUT["redirect"], ids=ids(CHECKOUT["redirect"]))
def test_redirect_vectors_as_a_query_string(v: Dict[str, Any]) -> None:
    check_redirect(v["id"], v, lambda: CLIENT.verify_redirect(v["query"]))
    check_redirect(v["id"] + " (bytes)", v, lambda: CLIENT.verify_redirect(v["query"].encode()))


# What a web framework hands over after decoding the query string with
# urllib (Flask/Werkzeug and Django decode the same way): the same verdict.
# The decoding vectors (pair-without-equals, malformed or non-UTF-8 escapes)
# are about the raw string only; urllib is lenient there.
FRAMEWORK_DECODED = [v for v in CHECKOUT["redirect"]
                     if not (v.get("error", {}).get("code") == "INVALID_INPUT")]


@pytest.mark.parametrize("v", FRAMEWORK_DECODED, ids=ids(FRAMEWORK_DECODED))
def test_redirect_vectors_decoded_by_urllib_give_the_same_verdict(v: Dict[str, Any]) -> None:
    pairs = parse_qsl(v["query"].lstrip("?"), keep_blank_values=True, errors="strict")
    check_redirect(v["id"] + " (pairs)", v, lambda: CLIENT.verify_redirect(pairs))
    multi: Dict[str, List[str]] = {}
    for k, val in pairs:
        multi.setdefault(k, []).append(val)
    check_redirect(v["id"] + " (dict of lists)", v, lambda: CLIENT.verify_redirect(multi))


@pytest.mark.parametrize("v", CHECKOUT["redirectParams"], ids=ids(CHECKOUT["redirectParams"]))
def test_redirect_params_vectors(v: Dict[str, Any]) -> None:
    params: List[List[str]] = v["params"]
    as_tuples = [(k, val) for k, val in params]
    check_redirect(v["id"], v, lambda: CLIENT.verify_redirect(as_tuples))
    check_redirect(v["id"] + " (tuple)", v, lambda: CLIENT.verify_redirect(tuple(as_tuples)))
    multi: Dict[str, List[str]] = {}
    for k, val in params:
        multi.setdefault(k, []).append(val)
    check_redirect(v["id"] + " (dict of lists)", v, lambda: CLIENT.verify_redirect(multi))
    if len(multi) == len(params):  # no repeated name: a plain dict holds it all
        check_redirect(v["id"] + " (dict)", v, lambda: CLIENT.verify_redirect(dict(as_tuples)))
    # and re-encoded by urllib into a query string
    check_redirect(v["id"] + " (urlencode)", v, lambda: CLIENT.verify_redirect(urlencode(as_tuples)))


def test_a_plain_dict_cannot_hide_a_repeated_name_given_as_a_list() -> None:
    params = dict(CHECKOUT["redirectParams"][0]["params"])
    good = CLIENT.verify_redirect(params)
    assert good.result_code == 0
    twice = {k: ([val, val] if k == "resultCode" else val) for k, val in params.items()}
    with pytest.raises(MomoSignatureError) as info:
        CLIENT.verify_redirect(twice)
    assert (info.value.code, info.value.field) == ("DUPLICATE_FIELD", "resultCode")


class ListStoringDict(dict):  # type: ignore[type-arg]
    """Stores a list per name and shows one value, as Werkzeug's MultiDict and
    Django's QueryDict do (neither is a test dependency)."""

    def __init__(self, pairs: List[Any]) -> None:
        super().__init__()
        for k, val in pairs:
            dict.setdefault(self, k, []).append(val)

    def __getitem__(self, key: Any) -> Any:
        return dict.__getitem__(self, key)[0]

    def items(self) -> Any:  # what a naive reader would see: one value per name
        return [(k, dict.__getitem__(self, k)[0]) for k in self]


def test_a_framework_multidict_is_read_from_its_storage_every_value_kept() -> None:
    params = [tuple(p) for p in CHECKOUT["redirectParams"][0]["params"]]
    assert CLIENT.verify_redirect(ListStoringDict(params)).result_code == 0
    # The IPN's signature is valid; a second resultCode rides along. A reader
    # of items() would see one resultCode; the storage holds both.
    with pytest.raises(MomoSignatureError) as info:
        CLIENT.verify_redirect(ListStoringDict(params + [("resultCode", "1006")]))
    assert (info.value.code, info.value.field) == ("DUPLICATE_FIELD", "resultCode")


@pytest.mark.parametrize(
    "query, field",
    [
        (5, "query"),
        (None, "query"),
        (1.5, "query"),
        ({"amount": 150000}, "amount"),
        ({"amount": ["1", 2]}, "amount[1]"),
        ([("amount",)], "query[0]"),
        ([("amount", 1)], "query[0]"),
        (["amount=1"], "query[0]"),
        ({"a": "\ud800"}, "a"),
        ("a=\ud800", "query"),
        (b"a=\xff", "query"),
    ],
)
def test_verify_redirect_refuses_other_shapes_as_invalid_input(query: Any, field: str) -> None:
    with pytest.raises(MomoValidationError) as info:
        CLIENT.verify_redirect(query)
    assert (info.value.code, info.value.field) == ("INVALID_INPUT", field)


# ---------------------------------------------------------------- tracker

PARSER_OF = {
    "createAnswered": momo_core.parse_create_payment,
    "payAnswered": momo_core.parse_tokenization_pay,
    "refundAnswered": momo_core.parse_refund,
    "queryAnswered": momo_core.parse_query,
    "confirmAnswered": momo_core.parse_confirm,
}


def outcome_of(event: Dict[str, Any]) -> Any:
    """The event's outcome as a host gets it: its answer parsed at its HTTP
    status, or a transport timeout when it has no resultCode."""
    if "resultCode" not in event:
        return momo_core.transport_timeout_outcome()
    if event["event"] == "notified":
        return momo_core.outcome_of_payment(event["resultCode"])
    body = json.dumps({"resultCode": event["resultCode"], "message": ""})
    return PARSER_OF[event["event"]](event.get("httpStatus", 200), body).outcome


def feed(tracker: PaymentTracker, event: Dict[str, Any]) -> Any:
    """One vector event, through the method of its name."""
    now = event["nowMs"]
    kind = event["event"]
    if kind == "tick":
        return tracker.tick(now)
    if kind == "transportTimeout":
        return tracker.transport_timeout(now)
    if kind == "notified":
        return tracker.notified({"trans_id": event.get("transId"), "outcome": outcome_of(event)}, now)
    if kind == "confirmAnswered":
        return tracker.confirm_answered(event["requestType"], outcome_of(event), now)
    method = {"createAnswered": tracker.create_answered, "payAnswered": tracker.pay_answered,
              "refundAnswered": tracker.refund_answered, "queryAnswered": tracker.query_answered}[kind]
    return method(outcome_of(event), now_ms=now)


@pytest.mark.parametrize("v", CHECKOUT["tracker"], ids=ids(CHECKOUT["tracker"]))
def test_tracker_vectors_step_by_step(v: Dict[str, Any]) -> None:
    tracker = PaymentTracker(v["operation"], v["expiresAtMs"])
    assert (tracker.operation, tracker.expires_at_ms, tracker.queries) == (v["operation"], v["expiresAtMs"], 0)
    assert len(v["events"]) == len(v["expected"])
    for i, (event, want) in enumerate(zip(v["events"], v["expected"])):
        step = feed(tracker, event)
        assert step.type_name == "Step"
        assert camel_json(step) == want, f"{v['id']}: event {i} ({event['event']})"
        assert camel_json(tracker.next) == want["next"], f"{v['id']}: tracker.next after event {i}"


@pytest.mark.parametrize("v", CHECKOUT["tracker"], ids=ids(CHECKOUT["tracker"]))
def test_tracker_vectors_resume_from_the_stored_form_between_events(v: Dict[str, Any]) -> None:
    tracker = PaymentTracker(v["operation"], v["expiresAtMs"])
    for i, (event, want) in enumerate(zip(v["events"], v["expected"])):
        how = i % 4
        if how == 0:
            stored = json.loads(json.dumps(tracker.to_dict()))  # as a JSON column holds it
            tracker = PaymentTracker.from_dict(stored)
        elif how == 1:
            tracker = PaymentTracker.from_json(tracker.to_json())
        elif how == 2:
            tracker = pickle.loads(pickle.dumps(tracker))
        else:
            tracker = copy.deepcopy(tracker)
        assert camel_json(feed(tracker, event)) == want, f"{v['id']}: event {i} after a round trip"


def test_tracker_stored_form_is_the_core_serialization_in_both_forms() -> None:
    t = PaymentTracker("create", 1765091400000)
    t.notified({"trans_id": 9, "outcome": momo_core.outcome_of_payment(1000)}, 1765090800000)
    assert json.loads(t.to_json()) == t.to_dict()
    d = t.to_dict()
    # The core's names (camelCase), the same in every host; the tracker is opaque otherwise.
    assert d["operation"] == "create" and d["expiresAtMs"] == 1765091400000
    assert d["next"] == {"step": "waitUntil", "atMs": 1765090810000}
    assert PaymentTracker.from_dict(d) == t and PaymentTracker.from_json(t.to_json().encode()) == t
    assert t != PaymentTracker("create", 1765091400000) and t != "tracker"


@pytest.mark.parametrize("v", CHECKOUT["trackerRestoreErrors"], ids=ids(CHECKOUT["trackerRestoreErrors"]))
def test_tracker_restore_errors_are_every_hosts(v: Dict[str, Any]) -> None:
    stored = v["stored"]
    calls = [lambda: PaymentTracker.from_json(stored), lambda: PaymentTracker.from_json(stored.encode())]
    try:
        calls.append(lambda d=json.loads(stored): PaymentTracker.from_dict(d))
    except ValueError:
        pass  # not JSON: only the text forms can be tried
    for call in calls:
        with pytest.raises(MomoValidationError) as info:
            call()
        assert (info.value.code, info.value.field) == (v["error"]["code"], v["error"]["field"]), v["id"]


def test_a_refused_event_changes_nothing() -> None:
    t = PaymentTracker("pay", 1765091400000)
    before = t.to_dict()
    for bad in (lambda: t.tick(-1), lambda: t.tick("soon"), lambda: t.query_answered({"class_": "PAID"}, 1),
                lambda: t.confirm_answered("capturez", momo_core.outcome_of_payment(0), 1),
                lambda: t.notified({"trans_id": 1}, 1)):
        with pytest.raises(MomoValidationError):
            bad()
    assert t.to_dict() == before


@pytest.mark.parametrize(
    "call, code, field",
    [
        (lambda t: t.tick(-1), "INVALID_INPUT", "nowMs"),
        (lambda t: t.tick(2**64), "INVALID_INPUT", "nowMs"),
        (lambda t: t.query_answered({"class_": "PAID", "needs_query": False}, 1), "INVALID_ENUM", "outcome.class"),
        (lambda t: t.query_answered({"needs_query": False}, 1), "REQUIRED", "outcome.class"),
        (lambda t: t.query_answered(5, 1), "INVALID_INPUT", "outcome"),
        (lambda t: t.notified({"trans_id": 1}, 1), "REQUIRED", "notification.outcome"),
        (lambda t: t.notified({"trans_id": "x", "outcome": momo_core.outcome_of_payment(0)}, 1),
         "INVALID_INPUT", "notification.transId"),
        (lambda t: t.confirm_answered("capturez", momo_core.outcome_of_payment(0), 1), "INVALID_ENUM", "requestType"),
    ],
)
def test_tracker_argument_errors_name_the_argument(call: Callable[[PaymentTracker], Any], code: str,
                                                   field: str) -> None:
    with pytest.raises(MomoValidationError) as info:
        call(PaymentTracker("pay", 1765091400000))
    assert (info.value.code, info.value.field) == (code, field)


@pytest.mark.parametrize(
    "make, code, field",
    [
        (lambda: PaymentTracker("paid", 1), "INVALID_ENUM", "operation"),
        (lambda: PaymentTracker("create", "soon"), "INVALID_INPUT", "expiresAtMs"),
        (lambda: PaymentTracker.from_dict({"operation": "create"}), "REQUIRED", "tracker.expiresAtMs"),
        (lambda: PaymentTracker.from_dict([]), "INVALID_INPUT", "tracker"),
        (lambda: PaymentTracker.from_json("{not json"), "INVALID_INPUT", "tracker"),
        (lambda: momo_core.order_expires_at_ms("soon"), "INVALID_INPUT", "createdAtMs"),
    ],
)
def test_tracker_construction_errors(make: Callable[[], Any], code: str, field: str) -> None:
    with pytest.raises(MomoValidationError) as info:
        make()
    assert (info.value.code, info.value.field) == (code, field)


def test_order_expiry_is_minutes_or_fifteen() -> None:
    # MoMo: orderExpireTime is in minutes; a payment URL lives 15 minutes by default.
    assert momo_core.order_expires_at_ms(1_000, 5) == 1_000 + 5 * 60_000
    assert momo_core.order_expires_at_ms(1_000) == momo_core.order_expires_at_ms(1_000, None) == 1_000 + 15 * 60_000


def test_the_whole_checkout_in_python_idiom() -> None:
    """create -> QR shown -> redirect verified -> tracker final, with the
    objects each call returns passed straight to the next."""
    v = CHECKOUT["create"][1]
    req = CLIENT.create_payment(**snake_keys(v["input"]))
    assert req.body == v["expected"]["body"]
    created = momo_core.parse_create_payment(200, CHECKOUT["parse"][0]["body"])
    now = 1765090800000
    tracker = PaymentTracker("create", momo_core.order_expires_at_ms(now, 10))
    step = tracker.create_answered(created.outcome, now)
    assert step.next.step == "waitUntil" and step.next.at_ms == now + 10_000
    paid = CLIENT.verify_redirect(CHECKOUT["redirect"][0]["query"])
    step = tracker.notified(paid, now + 4_000)
    assert (step.next.step, step.next.state, step.next.reason, step.next.result_code) == ("final", "paid",
                                                                                          "succeeded", 0)
    assert step.duplicate is False
    assert tracker.notified(paid, now + 5_000).duplicate is True  # the IPN of the same payment


# ---------------------------------------------------------------- types, repr


def test_types_and_reprs_show_no_secret() -> None:
    req = CLIENT.create_payment(**snake_keys(CHECKOUT["create"][0]["input"]))
    assert isinstance(req, momo_core.PreparedRequest)
    tracker = PaymentTracker("create", 1765091400000)
    step = tracker.create_answered(momo_core.outcome_of_payment(0), 1765090800000)
    for obj in (req, CLIENT, tracker, step, step.next, momo_core.parse_create_payment(200, CHECKOUT["parse"][0]["body"]),
                CLIENT.verify_redirect(CHECKOUT["redirect"][0]["query"])):
        text = repr(obj) + str(obj)
        assert SECRET not in text, type(obj).__name__
    assert SECRET not in json.dumps(req.to_dict()) + json.dumps(tracker.to_dict())
    assert repr(tracker) == ("PaymentTracker(operation='create', expires_at_ms=1765091400000, queries=0, "
                             "next=NextStep(step='waitUntil', at_ms=1765090810000))")
    assert isinstance(step.duplicate, bool) and isinstance(step.next.at_ms, int)
    with pytest.raises(AttributeError):
        step.next.state  # noqa: B018 - a wait has no state
    with pytest.raises(TypeError):
        class Sub(PaymentTracker):  # type: ignore[misc]
            pass


def test_every_new_name_is_exported() -> None:
    for name in ("PaymentTracker", "parse_create_payment", "order_expires_at_ms"):
        assert name in momo_core.__all__ and hasattr(momo_core, name)
    assert callable(CLIENT.create_payment) and callable(CLIENT.verify_redirect)


"""Hostile host values (issue 18, item 3): nothing a caller passes may crash
the process or escape as anything but a MomoError with a stable code, and
no error text may carry a secret. Also item 7: a PreparedRequest's
``to_dict()`` and ``repr()`` redact its secrets; ``to_dict_with_secrets()``
is the explicit raw form.

The crash cases and the fuzz run in a child interpreter, so a segfault is
a test failure that names the signal instead of killing pytest."""

import json
import random
import subprocess
import sys
import time
from decimal import Decimal
from enum import IntEnum
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest

import momo_core
from momo_core import AccessToken, MomoClient, MomoError, MomoValidationError

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from conftest import CLASS_OF_KIND, KIND_OF, load  # noqa: E402

# Test-only secrets: no error text, repr or str may ever contain them.
SECRET_KEY = "hostile-secretKey-Zq81xW3vLp"
CLIENT_SECRET = "hostile-clientSecret-Pf02Mn"
ACCESS_TOKEN = "hostile-accessToken-Kd77Rt.eyJ0eXAiOiJKV1Qi"
SECRETS = (SECRET_KEY, CLIENT_SECRET, ACCESS_TOKEN)
PUBLIC_PEM = next(k for k in load("rsa.json")["keys"] if k["bits"] == 2048)["publicKeys"]["spkiPem"]
CONFIG: Dict[str, Any] = dict(
    partner_code="MOMO", access_key="F8BBA842ECF85", secret_key=SECRET_KEY, public_key=PUBLIC_PEM,
    partner_id="MOMO_PARTNER_01", client_id="bp-client-123", client_secret=CLIENT_SECRET,
    gift_base_url="https://gift.partner.invalid",
)
DEEP = 100_000
LIMIT = 128  # momo_core::value::MAX_DEPTH


def nested_list(n: int) -> List[Any]:
    """A list nested `n` levels deep (innermost `[]`), built without recursion."""
    out: List[Any] = []
    for _ in range(n - 1):
        out = [out]
    return out


def nested_dict(n: int) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    for _ in range(n - 1):
        out = {"a": out}
    return out


def cyclic_list() -> List[Any]:
    a: List[Any] = []
    a.append(a)
    return a


def cyclic_dict() -> Dict[str, Any]:
    d: Dict[str, Any] = {}
    d["a"] = d
    return d


def run_child(code: str, timeout: float = 120) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    """Runs `code` in a fresh interpreter that imports this module."""
    prelude = f"import sys; sys.path.insert(0, {str(HERE)!r}); import faulthandler; faulthandler.enable()\n"
    return subprocess.run([sys.executable, "-c", prelude + code], capture_output=True, text=True, timeout=timeout)


def describe_death(proc: subprocess.CompletedProcess) -> str:  # type: ignore[type-arg]
    how = f"killed by signal {-proc.returncode}" if proc.returncode < 0 else f"exit {proc.returncode}"
    return f"child {how}\nstdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-3000:]}"


# ---------------------------------------------------------------- (a) crash cases


def crash_case(name: str) -> Tuple[Callable[[], Any], str]:
    """The call of one crash case and the field its error must name."""
    pay = dict(order_id="O-1", token="t", amount=1000, order_info="i", request_time=1)
    client = MomoClient(**CONFIG)
    cases: Dict[str, Tuple[Callable[[], Any], str]] = {
        "extra-deep-list": (lambda: momo_core.encode_extra_data({"k": nested_list(DEEP)}),
                            "extraData.k" + "[0]" * (LIMIT - 1)),
        "extra-deep-dict": (lambda: momo_core.encode_extra_data({"k": nested_dict(DEEP)}),
                            "extraData.k" + ".a" * (LIMIT - 1)),
        "extra-cyclic-list": (lambda: momo_core.encode_extra_data({"k": cyclic_list()}), "extraData.k[0]"),
        "extra-cyclic-dict": (lambda: momo_core.encode_extra_data({"k": cyclic_dict()}), "extraData.k.a"),
        "pay-deep-list-items": (lambda: client.tokenization_pay(**dict(pay, items=[nested_list(DEEP)])), "items[0]"),
        "pay-deep-dict-item": (lambda: client.tokenization_pay(**dict(pay, items=[nested_dict(DEEP)])), "items[0]"),
        "pay-cyclic-list": (lambda: client.tokenization_pay(**dict(pay, items=cyclic_list())), "items"),
        "pay-cyclic-dict-mapping": (lambda: client.query(cyclic_dict()), ""),
        "sale-info-cyclic": (lambda: momo_core.compute_sale_info(pos_id=cyclic_dict()), "posId"),
    }
    return cases[name]


CRASH_CASES = ["extra-deep-list", "extra-deep-dict", "extra-cyclic-list", "extra-cyclic-dict",
               "pay-deep-list-items", "pay-deep-dict-item", "pay-cyclic-list", "pay-cyclic-dict-mapping",
               "sale-info-cyclic"]


def crash_child(name: str) -> None:
    """In the child: run one crash case, print what came out as JSON."""
    run, _ = crash_case(name)
    try:
        result = run()
        print(json.dumps({"result": repr(result)[:200]}))
    except MomoError as err:
        print(json.dumps({"class": type(err).__name__, "code": err.code, "field": err.field, "message": err.message}))
    except BaseException as err:  # noqa: B036 - reported to the parent
        print(json.dumps({"escaped": type(err).__name__, "message": str(err)[:300]}))


@pytest.mark.parametrize("name", CRASH_CASES)
def test_deep_and_cyclic_values_are_invalid_input_not_a_crash(name: str) -> None:
    proc = run_child(f"import test_hostile; test_hostile.crash_child({name!r})")
    assert proc.returncode == 0, describe_death(proc)
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    _, field = crash_case(name)
    assert got.get("class") == "MomoValidationError", got
    assert got["code"] == "INVALID_INPUT", got
    if name.startswith("extra-"):
        assert got["field"] == field, got
        want = "a cycle" if "cyclic" in name else f"nested more than {LIMIT} levels deep (a cycle?)"
        assert want in got["message"], got
    else:
        assert got["field"].startswith(field), got


def test_the_depth_limit_is_the_core_bound_exactly() -> None:
    # {"k": L1}: the top dict is level 0, so 127 nested lists reach level 127.
    momo_core.encode_extra_data({"k": nested_list(LIMIT - 1)})
    with pytest.raises(MomoValidationError) as info:
        momo_core.encode_extra_data({"k": nested_list(LIMIT)})
    assert (info.value.code, info.value.field) == ("INVALID_INPUT", "extraData.k" + "[0]" * (LIMIT - 1))
    # a value seen twice but not inside itself is no cycle
    shared = {"x": 1}
    momo_core.encode_extra_data({"a": shared, "b": shared, "c": [shared, shared]})


# ---------------------------------------------------------------- direct arguments

BAD_STATUS = ["200", -1, 2**64, 70000, None, 1.5, True, float("nan"), b"200", [200], object()]


@pytest.mark.parametrize("status", BAD_STATUS, ids=[repr(s)[:20] for s in BAD_STATUS])
def test_a_bad_status_is_invalid_input_status(status: Any) -> None:
    for run in (lambda: momo_core.parse_query(status, "{}"),
                lambda: momo_core.parse_login(status, "{}", 0)):
        with pytest.raises(MomoValidationError) as info:
            run()
        assert (info.value.code, info.value.field) == ("INVALID_INPUT", "status")


def test_statuses_at_the_ends_of_the_range_are_accepted() -> None:
    for status in (0, 65535):
        with pytest.raises(MomoError) as info:
            momo_core.parse_query(status, "not json")
        assert info.value.field != "status"


@pytest.mark.parametrize("body", [5, None, ["{}"], {"resultCode": 0}, bytearray(b"{}"), "\ud800", '{"a":"\udfff"}'])
def test_a_bad_body_is_invalid_input_body(body: Any) -> None:
    client = MomoClient(**CONFIG)
    for run in (lambda: momo_core.parse_query(200, body), lambda: client.verify_ipn(body),
                lambda: momo_core.parse_login(200, body, 0)):
        with pytest.raises(MomoValidationError) as info:
            run()
        assert (info.value.code, info.value.field) == ("INVALID_INPUT", "body")


def test_big_integers_are_the_core_errors_never_overflow_error() -> None:
    client = MomoClient(**CONFIG)
    token = AccessToken(ACCESS_TOKEN, 10)
    cases: List[Tuple[Callable[[], Any], str, str]] = [
        (lambda: momo_core.parse_login(200, "{}", 2**64), "INVALID_INPUT", "nowMs"),
        (lambda: momo_core.parse_login(200, "{}", -(2**64)), "INVALID_INPUT", "nowMs"),
        (lambda: momo_core.outcome_of_payment(2**64), "INVALID_INPUT", "code"),
        (lambda: momo_core.outcome_of_gift_status(10**400), "INVALID_INPUT", "code"),
        (lambda: momo_core.outcome_of_gift_result("x"), "INVALID_INPUT", "code"),
        (lambda: AccessToken("t", 2**64), "INVALID_INPUT", "expiresAtMs"),
        (lambda: AccessToken(5, 1), "INVALID_INPUT", "token"),  # type: ignore[arg-type]
        (lambda: AccessToken("t\ud800", 1), "INVALID_INPUT", "token"),
        (lambda: token.is_expired(2**64), "INVALID_INPUT", "nowMs"),
        (lambda: token.needs_refresh(1, 2**64), "INVALID_INPUT", "marginMs"),
        (lambda: token.authorization(None), "INVALID_INPUT", "nowMs"),  # type: ignore[arg-type]
        (lambda: client.redeem_status({}, access_token=token, now_ms=2**64), "INVALID_INPUT", "nowMs"),
        (lambda: client.redeem_status({}, access_token="tok", now_ms=1), "INVALID_INPUT", "accessToken"),  # type: ignore[arg-type]
        (lambda: client.confirm(order_id="O", request_type="capture", amount=2**64), "INVALID_AMOUNT", "amount"),
        (lambda: client.confirm(order_id="O", request_type="capture", amount=10**400), "INVALID_AMOUNT", "amount"),
        (lambda: client.confirm(order_id="O", request_type="capture", amount=-(10**400)), "INVALID_AMOUNT", "amount"),
        (lambda: client.refund(order_id="O", trans_id=2**64, amount=1), "INVALID_INPUT", "transId"),
        (lambda: momo_core.decode_extra_data(5), "INVALID_INPUT", "extraData"),  # type: ignore[arg-type]
        (lambda: momo_core.decode_extra_data("e30\ud800"), "INVALID_INPUT", "extraData"),
        (lambda: momo_core.encode_extra_data('{"a":"\ud800"}'), "INVALID_INPUT", "extraData"),
        (lambda: momo_core.gift_get_trans_next_page(5, {}), "INVALID_INPUT", "request"),  # type: ignore[arg-type]
    ]
    for run, code, field in cases:
        with pytest.raises(MomoError) as info:
            run()
        assert (info.value.code, info.value.field) == (code, field), info.value


def test_lone_surrogates_anywhere_name_the_field() -> None:
    client = MomoClient(**CONFIG)
    with pytest.raises(MomoValidationError) as info:
        client.query(order_id="a\ud800b")
    assert (info.value.code, info.value.field) == ("INVALID_INPUT", "orderId")
    with pytest.raises(MomoValidationError) as info:
        momo_core.encode_extra_data({"k": ["x", "\udfff"]})
    assert (info.value.code, info.value.field) == ("INVALID_INPUT", "extraData.k[1]")
    with pytest.raises(MomoValidationError) as info:
        momo_core.encode_extra_data({"a\ud800": 1})
    assert info.value.code == "INVALID_INPUT" and info.value.field.startswith("extraData.a")
    with pytest.raises(MomoError) as info:
        MomoClient(**dict(CONFIG, secret_key=SECRET_KEY + "\ud800"))
    assert (info.value.code, info.value.field) == ("INVALID_INPUT", "secretKey")
    assert SECRET_KEY not in str(info.value)


def test_values_of_a_wrong_type_are_refused_never_converted() -> None:
    # pythonize alone would read "false" as True, True as 1, "ab" as a list
    # of characters and a one-key dict as an enum.
    client = MomoClient(**CONFIG)
    create = BASES["create_payment"]
    outcome = momo_core.outcome_of_payment(1000).to_dict()
    state = momo_core.PaymentTracker("create", 10**12).to_dict()
    cases: List[Tuple[Callable[[], Any], str]] = [
        (lambda: client.create_payment(**dict(create, auto_capture="false")), "autoCapture"),
        (lambda: client.create_payment(**dict(create, auto_capture=0)), "autoCapture"),
        (lambda: client.create_payment(**dict(create, items="ab")), "items"),
        (lambda: client.create_payment(**dict(create, items=[["a", "b", 1, 1]])), "items[0]"),
        (lambda: client.create_payment(**dict(create, request_type={"captureWallet": None})), "requestType"),
        (lambda: momo_core.parse_query(True, "{}"), "status"),
        (lambda: momo_core.PaymentTracker({"create": None}, 1), "operation"),
        (lambda: momo_core.PaymentTracker.from_dict(dict(state, queries=True)), "tracker.queries"),
        (lambda: momo_core.PaymentTracker("create", 1).create_answered(dict(outcome, needs_query="no"), 1),
         "outcome.needsQuery"),
    ]
    for run, field in cases:
        with pytest.raises(MomoValidationError) as info:
            run()
        assert (info.value.code, info.value.field) == ("INVALID_INPUT", field)
        assert info.value.message.startswith("invalid type"), info.value.message
    assert json.loads(client.create_payment(**dict(create, auto_capture=False)).body)["autoCapture"] is False


SPIES: List[str] = []


def spying(base: type, *names: str) -> type:
    """A subclass of `base` whose methods `names` record each call."""
    def spy(name: str) -> Callable[..., Any]:
        def method(self: Any, *args: Any) -> Any:
            SPIES.append(f"{base.__name__}.{name}")
            return getattr(base, name)(self, *args)
        return method
    return type("Spy" + base.__name__, (base,), {n: spy(n) for n in names})


def test_no_code_of_the_callers_value_runs_while_it_is_read() -> None:
    S = spying(str, "__str__", "__hash__", "__eq__", "__len__", "__iter__", "__getitem__")
    I = spying(int, "__index__", "__int__", "__float__", "__bool__", "__lt__", "__eq__")  # noqa: E741
    D = spying(dict, "keys", "items", "values", "__iter__", "__len__", "__getitem__", "__contains__")
    L = spying(list, "__iter__", "__len__", "__getitem__")
    T = spying(tuple, "__iter__", "__len__", "__getitem__")
    client = MomoClient(**CONFIG)
    plain = client.tokenization_pay(**PAY).body
    item = D({S("id"): S("a"), S("name"): S("b"), S("price"): I(10000), S("quantity"): I(2)})
    hostile = D({S(k): v for k, v in PAY.items()}, amount=I(20000), items=L([item]))
    extra = D({S("k"): T((I(1), S("x"), L([None])))})
    checkout = MomoClient(load("checkout.json")["config"])
    params = D({S(k): L([S(v)]) for k, v in REDIRECT_PAIRS})
    info = S("i")
    SPIES.clear()
    signed = client.tokenization_pay(hostile).body
    mixed = client.tokenization_pay(hostile, order_info=info)
    encoded = momo_core.encode_extra_data(extra)
    redirect = checkout.verify_redirect(params)
    assert SPIES == []
    strip = lambda body: {k: v for k, v in json.loads(body).items() if k not in ("token", "signature", "requestId")}  # noqa: E731
    assert strip(signed) == strip(plain) and strip(mixed.body) == strip(plain)
    assert momo_core.encode_extra_data({"k": [1, "x", [None]]}) == encoded
    assert redirect.result_code == 0


def test_freshness_arguments_go_together() -> None:
    client = MomoClient(**CONFIG)
    for kwargs, field in (({"now_ms": 1}, "toleranceMs"), ({"tolerance_ms": 1}, "nowMs")):
        with pytest.raises(MomoValidationError) as info:
            client.verify_ipn(IPN_BODY, **kwargs)
        assert (info.value.code, info.value.field) == ("REQUIRED", field)
    with pytest.raises(MomoValidationError) as info:
        client.verify_ipn(IPN_BODY, now_ms=2**64, tolerance_ms=1)
    assert (info.value.code, info.value.field) == ("INVALID_INPUT", "nowMs")


def test_records_and_headers_take_any_name() -> None:
    rec = momo_core.parse_confirm(200, '{"resultCode":0}')
    assert rec.get(5, "d") == "d" and rec.get("\ud800") is None and rec.get([1]) is None  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        getattr(rec, "\ud800")
    req = MomoClient(**CONFIG).query(order_id="O-1")
    assert req.header("no-such-header") is None
    for name in (5, "\ud800", None):
        with pytest.raises(MomoValidationError) as info:
            req.header(name)  # type: ignore[arg-type]
        assert (info.value.code, info.value.field) == ("INVALID_INPUT", "name")


# ---------------------------------------------------------------- (b) deterministic fuzz


class Color(IntEnum):
    RED = 200


class Weird:
    """Hostile object: str() and repr() raise, hash is fixed."""

    def __str__(self) -> str:
        raise RuntimeError("no str")

    def __repr__(self) -> str:
        raise RuntimeError("no repr")

    def __hash__(self) -> int:
        return 7

    def __index__(self) -> int:
        return 200


def hostile_values() -> List[Any]:
    values: List[Any] = [
        None, True, False, 0, -1, 1, 200, 65535, 65536, 1.5, -0.0, float("nan"), float("inf"), float("-inf"),
        2**53, 2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63) - 1, 2**1000, -(10**400), Color.RED,
        "", " ", "200", "abc", "20k", "\ud800", "a\udfffb", "\x00", "Nguyễn", "{}", '{"resultCode":0}',
        "x" * 5000, b"", b"\xff\xfe", b"{}", bytearray(b"{}"), memoryview(b"{}"), [], [1, "a"], (), ("a",),
        {}, {"k": "v"}, {5: "int key"}, {"\ud800": 1}, {Weird(): 1}, {(1, 2): 3}, {"a": {"b": [None, 1.5]}},
        set(), frozenset([1]), object(), Weird(), Decimal("1.5"), complex(1, 2), range(3), len, type,
        ValueError("x"), nested_list(500), nested_dict(500), nested_list(LIMIT), cyclic_list(), cyclic_dict(),
        [cyclic_list()], {"x": cyclic_dict()},
    ]
    return values


def secret_hostiles(secret: str) -> List[Any]:
    """Hostile variants of a secret, for the positions that hold one."""
    return [secret, secret + "\ud800", "\udfff" + secret, secret.encode(), [secret], {"k": secret}, (secret,),
            secret * 300, 5, None, nested_list(300), cyclic_list()]


PAY = dict(order_id="POS42-0001", token="sa5s4a54s5a4s5a4s5", amount=20000, order_info="i", request_time=1,
           items=[{"id": "a", "name": "b", "price": 10000, "quantity": 2}], extra_data="")
SALE = dict(pos_id="1", pos_name="p", tran_date=1, payment_method="MOMOSCANNER", original_amount=123000,
            service_charge=0.08, vat_amount=5000, discount_amount=20000)
BASES: Dict[str, Dict[str, Any]] = {
    "tokenization_create": dict(order_id="O-1", reference_code="123", request_time=1),
    "tokenization_pay": PAY,
    "query": dict(order_id="O-1"),
    "confirm": dict(order_id="O-1", request_type="capture", amount=1000),
    "refund": dict(order_id="R-1", trans_id=1, amount=1000),
    "gift_create": dict(time=1, wallet_id="0902890661",
                        gifts=[{"gift_id": "g", "gift_type": "t", "amount": 1000, "start_time": 1, "end_time": 2}]),
    "gift_status": dict(check_request_id="c"),
    "gift_get_trans": dict(date="2020-08-10", offset=1),
    "create_payment": dict(order_id="O-1", request_type="captureWallet", amount=10000, order_info="i",
                           ipn_url="https://pos.example.vn/ipn", items=[{"id": "a", "name": "b", "price": 10000,
                                                                         "quantity": 1}]),
    "redeem_status": dict(momo_campaign_id="C1", voucher_code="V1", momo_transaction_id="1",
                          partner_transaction_id="P1", redeem_status="SUCCESS", sale_info=SALE),
}
PARSERS = ["parse_create_payment", "parse_tokenization_create", "parse_tokenization_pay", "parse_query", "parse_confirm", "parse_refund",
           "parse_redeem_status", "parse_gift_create", "parse_gift_status", "parse_gift_get_trans"]
IPN_BODY = load("ipn.json")["vectors"][0]["body"]
REDIRECT_PAIRS = [tuple(p) for p in load("checkout.json")["redirectParams"][0]["params"]]
TRACKER_STATE = {"operation": "create", "expiresAtMs": 10**12, "inFlight": "query", "queries": 2,
                 "notified": [[1, 1000]], "next": {"step": "waitUntil", "atMs": 10**12}}
LOGIN_OK = '{"status":0,"message":"ok","data":{"accessToken":"%s","expiresIn":1000}}' % ACCESS_TOKEN


def corrupt(rng: random.Random, value: Any, hostile: Any, top: bool = False) -> Any:
    """`value` with one place (itself, a key's value, a list item) replaced by
    `hostile`; with `top`, a dict stays a dict (it is passed as **kwargs)."""
    if isinstance(value, dict) and value and (top or rng.random() < 0.8):
        out = dict(value)
        key = rng.choice(list(out))
        out[key] = corrupt(rng, out[key], hostile)
        return out
    if isinstance(value, list) and value and rng.random() < 0.7:
        out_list = list(value)
        i = rng.randrange(len(out_list))
        out_list[i] = corrupt(rng, out_list[i], hostile)
        return out_list
    return hostile


def fuzz_calls(rng: random.Random) -> List[Tuple[str, Callable[[], Any]]]:
    """One round: a call per public function/method, each with one hostile value."""
    H = hostile_values()

    def h() -> Any:
        return rng.choice(H)

    client = MomoClient(**CONFIG)
    token = AccessToken(ACCESS_TOKEN, 10**13)
    record = momo_core.parse_confirm(200, '{"resultCode":0}')
    request = client.query(order_id="O-1")
    login = client.login()
    calls: List[Tuple[str, Callable[[], Any]]] = []
    for name, base in BASES.items():
        method = getattr(client, name)
        how = rng.randrange(4)
        data = corrupt(rng, base, h(), top=True)
        if name == "redeem_status":
            tok, now = token, 0
            if how == 0:
                tok = h()
            elif how == 1:
                now = h()
            calls.append((f"{name}", lambda m=method, d=data, t=tok, n=now: m(d, access_token=t, now_ms=n)))
        elif how == 0:
            calls.append((f"{name}(positional)", lambda m=method, v=h(): m(v)))
        elif how == 1:
            calls.append((f"{name}(mapping+kw)", lambda m=method, v=h(), d=data: m(v, **d)))
        else:
            calls.append((f"{name}(**kw)", lambda m=method, d=data: m(**d)))
    for name in PARSERS:
        fn = getattr(momo_core, name)
        status, body = (h(), '{"resultCode":0}') if rng.random() < 0.5 else (200, h())
        calls.append((name, lambda f=fn, s=status, b=body: f(s, b)))
    args = [200, LOGIN_OK, 5]
    args[rng.randrange(3)] = h()
    calls.append(("parse_login", lambda a=tuple(args): momo_core.parse_login(*a)))
    calls += [
        ("MomoClient(**kw)", lambda c=corrupt(rng, CONFIG, h(), top=True): MomoClient(**c)),
        ("MomoClient(secret)", lambda v=rng.choice(secret_hostiles(SECRET_KEY)): MomoClient(**dict(CONFIG, secret_key=v))),
        ("MomoClient(client_secret)",
         lambda v=rng.choice(secret_hostiles(CLIENT_SECRET)): MomoClient(**dict(CONFIG, client_secret=v)).login()),
        ("MomoClient(positional)", lambda v=h(): MomoClient(v)),
        ("compute_sale_info", lambda d=corrupt(rng, SALE, h()): momo_core.compute_sale_info(d)),
        ("encode_extra_data", lambda v=h(): momo_core.encode_extra_data(v)),
        ("encode_extra_data(dict)", lambda v=corrupt(rng, {"a": {"b": [1, "x"]}}, h()): momo_core.encode_extra_data(v)),
        ("decode_extra_data", lambda v=h(): momo_core.decode_extra_data(v)),
        ("outcome_of_payment", lambda v=h(): momo_core.outcome_of_payment(v)),
        ("outcome_of_gift_status", lambda v=h(): momo_core.outcome_of_gift_status(v)),
        ("outcome_of_gift_result", lambda v=h(): momo_core.outcome_of_gift_result(v)),
        ("gift_get_trans_next_page", lambda v=h(): momo_core.gift_get_trans_next_page(v, record)),
        ("gift_get_trans_next_page(response)",
         lambda v=h(): momo_core.gift_get_trans_next_page({"date": "2020-08-10", "offset": 1}, v)),
        ("verify_ipn", lambda v=h(): client.verify_ipn(v)),
        ("verify_ipn(fresh)", lambda n=h(), t=h(): client.verify_ipn(IPN_BODY, now_ms=n, tolerance_ms=t)),
        ("AccessToken(token)", lambda v=rng.choice(secret_hostiles(ACCESS_TOKEN)): AccessToken(v, 1)),
        ("AccessToken(expiry)", lambda v=h(): AccessToken(ACCESS_TOKEN, v)),
        ("AccessToken.is_expired", lambda v=h(): token.is_expired(v)),
        ("AccessToken.needs_refresh", lambda v=h(): token.needs_refresh(1, v)),
        ("AccessToken.needs_refresh(now)", lambda v=h(): token.needs_refresh(v)),
        ("AccessToken.authorization", lambda v=h(): token.authorization(v)),
        ("PreparedRequest.header", lambda v=h(): request.header(v)),
        ("PreparedRequest.to_dict", lambda: (login.to_dict(), repr(login), str(login), login.holds_secret)),
        ("Record.get", lambda v=h(): record.get(v, None)),
        ("new_ids", lambda: (momo_core.new_request_id(), momo_core.new_order_id(), momo_core.new_x_request_id())),
        ("transport_timeout_outcome", lambda: momo_core.transport_timeout_outcome()),
        ("verify_redirect", lambda v=h(): client.verify_redirect(v)),
        ("verify_redirect(pairs)", lambda v=corrupt(rng, [list(p) for p in REDIRECT_PAIRS], h()):
         client.verify_redirect(v)),
        ("verify_redirect(dict)", lambda v=corrupt(rng, dict(REDIRECT_PAIRS), h(), top=True):
         client.verify_redirect(v)),
        ("order_expires_at_ms", lambda a=h(), b=h(): momo_core.order_expires_at_ms(a, b)),
        ("PaymentTracker", lambda a=h(), b=h(): momo_core.PaymentTracker(a, b)),
        ("PaymentTracker.from_dict", lambda v=corrupt(rng, TRACKER_STATE, h()): momo_core.PaymentTracker.from_dict(v)),
        ("PaymentTracker.from_json", lambda v=h(): momo_core.PaymentTracker.from_json(v)),
    ]
    tracker = momo_core.PaymentTracker.from_dict(TRACKER_STATE)
    outcome = momo_core.outcome_of_payment(1000)
    events: List[Tuple[str, Callable[[Any, Any], Any]]] = [
        ("create_answered", tracker.create_answered), ("pay_answered", tracker.pay_answered),
        ("refund_answered", tracker.refund_answered), ("query_answered", tracker.query_answered),
        ("notified", lambda o, n: tracker.notified({"trans_id": 1, "outcome": o}, n)),
        ("confirm_answered", lambda o, n: tracker.confirm_answered("capture", o, n)),
    ]
    for name, event in events:
        args2 = [outcome, 1]
        args2[rng.randrange(2)] = h()
        calls.append((f"PaymentTracker.{name}", lambda e=event, a=tuple(args2): e(*a)))
    calls += [
        ("PaymentTracker.notified(record)",
         lambda v=corrupt(rng, {"trans_id": 1, "outcome": outcome.to_dict()}, h(), top=True): tracker.notified(v, 1)),
        ("PaymentTracker.confirm_answered(type)", lambda v=h(): tracker.confirm_answered(v, outcome, 1)),
        ("PaymentTracker.tick", lambda v=h(): tracker.tick(v)),
        ("PaymentTracker.transport_timeout", lambda v=h(): tracker.transport_timeout(v)),
        ("PaymentTracker.to_dict", lambda: (tracker.to_dict(), tracker.to_json(), repr(tracker), tracker.next)),
    ]
    return calls


def leaks(text: str) -> List[str]:
    return [s for s in SECRETS if s in text]


def fuzz_main(seed: int = 18, rounds: int = 100) -> None:
    """In the child: run the fuzz, print a JSON summary (calls, escapes, leaks)."""
    rng = random.Random(seed)
    kinds = {code: CLASS_OF_KIND[kind] for code, kind in KIND_OF.items()}
    calls = escaped = 0
    problems: List[str] = []
    started = time.monotonic()
    for _ in range(rounds):
        for name, run in fuzz_calls(rng):
            calls += 1
            try:
                result = run()
                if name != "AccessToken.authorization" and leaks(repr(result) + str(result)):
                    problems.append(f"{name}: the result's repr shows a secret")
            except MomoError as err:
                texts = [str(err), repr(err), err.message, err.field, repr(err.args)]
                if any(leaks(t) for t in texts):
                    problems.append(f"{name}: error shows a secret: {err!r}"[:300])
                if err.code not in kinds or type(err) is not kinds[err.code]:
                    problems.append(f"{name}: {err.code} raised as {type(err).__name__}")
            except BaseException as err:  # noqa: B036 - this is what the fuzz looks for
                escaped += 1
                problems.append(f"{name}: {type(err).__name__}: {str(err)[:160]}")
    summary = {"calls": calls, "escaped": escaped, "seconds": round(time.monotonic() - started, 2),
               "problems": sorted(set(problems))}
    print(json.dumps(summary))


def test_fuzz_only_momo_errors_escape_and_no_message_shows_a_secret() -> None:
    proc = run_child("import test_hostile; test_hostile.fuzz_main()", timeout=300)
    assert proc.returncode == 0, describe_death(proc)
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"fuzz: {summary['calls']} calls in {summary['seconds']} s")
    assert summary["calls"] >= 2000
    assert summary["seconds"] < 30
    assert not summary["problems"], "\n".join(summary["problems"][:40])


# ---------------------------------------------------------------- (c) secrets in to_dict / repr


def test_to_dict_and_repr_redact_secrets_and_the_raw_form_is_explicit() -> None:
    client = MomoClient(**CONFIG)
    login = client.login()
    token = AccessToken(ACCESS_TOKEN, 10**13)
    redeem = client.redeem_status(BASES["redeem_status"], access_token=token, now_ms=0)
    plain = client.query(order_id="O-1")
    assert login.holds_secret and redeem.holds_secret and not plain.holds_secret
    for req in (login, redeem):
        shown = [repr(req), str(req), repr(req.to_dict()), str(req.to_dict()), json.dumps(req.to_dict())]
        for text in shown:
            assert not leaks(text), text
    assert login.to_dict()["body"] == "*** (holds a secret)"
    assert redeem.to_dict()["headers"]["Authorization"] == "***"
    assert json.loads(redeem.to_dict()["body"]) == json.loads(redeem.body)  # no secret in that body
    raw_login, raw_redeem = login.to_dict_with_secrets(), redeem.to_dict_with_secrets()
    assert json.loads(raw_login["body"])["clientSecret"] == CLIENT_SECRET
    assert raw_redeem["headers"]["Authorization"] == f"Bearer {ACCESS_TOKEN}"
    assert plain.to_dict() == plain.to_dict_with_secrets()
    assert set(login.to_dict()) == set(raw_login)
    # the attributes used for sending keep the real values
    assert CLIENT_SECRET in login.body and redeem.headers["Authorization"].endswith(ACCESS_TOKEN)


def test_error_codes_match_the_shared_table_including_the_new_ones() -> None:
    table = {c["code"]: c["kind"] for c in load("errors.json")["codes"]}
    assert list(momo_core.ERROR_CODES) == list(table)
    for code in ("DUPLICATE_FIELD", "STALE_NOTIFICATION"):
        assert table[code] == "SIGNATURE"
        err = momo_core._errors._error_for("SIGNATURE", code, "body", "m", None)
        assert type(err) is momo_core.MomoSignatureError and err.kind == "SIGNATURE"


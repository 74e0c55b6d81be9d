"""The Python surface: snake_case inputs, records, exceptions, secrets kept
out of repr/str, the helpers around the operations, and the stubs."""

import ast
import base64
import hashlib
import hmac
import json
import pickle
import re
import threading
from pathlib import Path
from typing import Any, Dict, List, Set

import pytest

import momo_core
from momo_core import (
    AccessToken,
    MomoClient,
    MomoConfigError,
    MomoError,
    MomoResponseError,
    MomoSignatureError,
    MomoTokenExpiredError,
    MomoValidationError,
)
from conftest import load

SECRET = "K951B6PE1waDMi640xX08PD3vg6EkVlz"
CLIENT_SECRET = "bp-secret-456"
TOKEN_TEXT = "eyJhbGciOiJIUzUxMiJ9.eyJ0eXBlIjoibWVyY2hhbnQifQ.sig"
RSA_KEYS = load("rsa.json")["keys"]
PUBLIC_PEM = next(k for k in RSA_KEYS if k["bits"] == 2048)["publicKeys"]["spkiPem"]


@pytest.fixture(scope="module")
def client() -> MomoClient:
    return MomoClient(
        partner_code="MOMO",
        access_key="F8BBA842ECF85",
        secret_key=SECRET,
        public_key=PUBLIC_PEM,
        partner_id="MOMO_PARTNER_01",
        client_id="bp-client-123",
        client_secret=CLIENT_SECRET,
        gift_base_url="https://gift.partner.invalid",
    )


PAY = dict(
    request_id="pay-1",
    order_id="POS42-0001",
    token="sa5s4a54s5a4s5a4s5",
    amount=20000,
    order_info="Thanh toán đơn #1",
    request_time=1692783998394,
    items=[{"id": "sku-1", "name": "Cà phê sữa", "price": 10000, "quantity": 2, "tax_amount": 200}],
)

SALE = dict(
    pos_id="17130",
    pos_name="p",
    tran_date=1702961170,
    payment_method="MOMOSCANNER",
    original_amount=123000,
    service_charge=0.08,
    ship_fee_amount=3000,
    vat_amount=5000,
    discount_amount=20000,
)


def body_without_token(body: str) -> Dict[str, Any]:
    """Pay bodies differ only in the (randomized) RSA ciphertext and its signature."""
    data: Dict[str, Any] = json.loads(body)
    data.pop("token")
    data.pop("signature")
    return data


# ---------------------------------------------------------------- inputs


def test_snake_case_keywords_and_one_mapping_give_the_same_request(client: MomoClient) -> None:
    kwargs = dict(request_id="q-1", order_id="ORDER-1", lang="en")
    a = client.query(**kwargs)
    b = client.query(kwargs)
    c = client.query({"requestId": "q-1", "orderId": "ORDER-1", "lang": "en"})
    d = client.query({"request_id": "q-1"}, order_id="ORDER-1", lang="en")
    assert a.body == b.body == c.body == d.body
    assert json.loads(a.body)["orderId"] == "ORDER-1"


def test_amounts_as_int_or_string_of_digits_give_the_same_request(client: MomoClient) -> None:
    as_int = client.tokenization_pay(**PAY)
    as_text = client.tokenization_pay(
        **dict(PAY, amount="20000", request_time="1692783998394",
               items=[dict(PAY["items"][0], price="10000", quantity="2", tax_amount="200")])  # type: ignore[arg-type]
    )
    assert body_without_token(as_int.body) == body_without_token(as_text.body)
    assert body_without_token(as_int.body)["amount"] == 20000
    assert body_without_token(as_int.body)["items"][0]["totalPrice"] == 20000
    assert as_int.signature_raw is not None and "amount=20000&" in as_int.signature_raw
    confirm = [client.confirm(request_id="c", order_id="O-1", request_type="capture", amount=a).body
               for a in (1000, "1000", 1000.0)]
    assert confirm[0] == confirm[1] == confirm[2]
    sale_int = momo_core.compute_sale_info(**SALE)
    sale_text = momo_core.compute_sale_info(**dict(SALE, original_amount="123000", vat_amount="5000",
                                                   service_charge="0.08"))
    assert sale_int.total_amount == sale_text.total_amount == 120840


@pytest.mark.parametrize(
    "amount, message",
    [(1.5, "whole number"), (float("nan"), "whole number"), (float("inf"), "whole number"),
     (2**70, "2^53-1"), ("20k", "whole number"), ("", "whole number"), (-5, "")],
)
def test_bad_amounts_are_invalid_amount(client: MomoClient, amount: Any, message: str) -> None:
    with pytest.raises(MomoValidationError) as info:
        client.tokenization_pay(**dict(PAY, amount=amount))
    assert (info.value.code, info.value.field) == ("INVALID_AMOUNT", "amount")
    assert message in info.value.message


def test_wrong_python_types_are_invalid_input_with_the_field(client: MomoClient) -> None:
    for bad in (5, b"ORDER", ["ORDER"], {"x": 1}, object()):
        with pytest.raises(MomoValidationError) as info:
            client.query(order_id=bad)
        assert (info.value.code, info.value.field) == ("INVALID_INPUT", "orderId"), bad
    with pytest.raises(MomoValidationError) as info:
        client.query(order_id="O-1", amout=1)
    assert (info.value.code, info.value.field) == ("INVALID_INPUT", "amout")
    with pytest.raises(MomoValidationError) as info:
        client.query({"orderId": "O-1"}, order_id="O-1", requestId="r", request_id="r")
    assert info.value.code == "INVALID_INPUT"
    with pytest.raises(MomoValidationError) as info:
        client.query()
    assert (info.value.code, info.value.field) == ("REQUIRED", "orderId")
    with pytest.raises(MomoValidationError) as info:
        client.tokenization_pay(**dict(PAY, items=[{"id": "a", "name": "b", "price": 1, "quantity": 0}]))
    assert (info.value.code, info.value.field) == ("INVALID_QUANTITY", "items[0].quantity")
    # Nested snake_case keys are renamed, and the path uses the core's names.
    item = {"id": "a", "name": "b", "price": 1, "quantity": 1, "image_url": b"x"}
    with pytest.raises(MomoValidationError) as info:
        client.tokenization_pay(**dict(PAY, items=[item]))
    assert (info.value.code, info.value.field) == ("INVALID_INPUT", "items[0].imageUrl")
    assert "Python bytes" in info.value.message
    with pytest.raises(MomoValidationError) as info:
        client.tokenization_pay(**dict(PAY, items=[{**item, "image_url": None, 7: "x"}]))
    assert (info.value.code, info.value.field) == ("INVALID_INPUT", "items[0].7")
    with pytest.raises(MomoValidationError) as info:
        client.query(5)  # type: ignore[call-overload]
    assert (info.value.code, info.value.field) == ("INVALID_INPUT", "")


def test_token_envelope_and_enums_use_the_core_spelling(client: MomoClient) -> None:
    client.tokenization_pay(**dict(PAY, token_envelope="raw"))
    with pytest.raises(MomoValidationError) as info:
        client.tokenization_pay(**dict(PAY, token_envelope="RAW"))
    assert (info.value.code, info.value.field) == ("INVALID_ENUM", "tokenEnvelope")


# ---------------------------------------------------------------- results


def test_records_have_snake_case_attributes_nested_and_a_readable_repr() -> None:
    v = next(v for v in load("parsing.json")["vectors"] if v["id"] == "query-refunds")
    res = momo_core.parse_query(v["status"], v["body"])
    assert isinstance(res, momo_core.Record) and res.type_name == "QueryResponse"
    assert res.trans_id == 4294967297123
    assert res.refund_trans[0].order_id == "RF1"
    assert res.refund_trans[0].type_name == "RefundTransaction"
    assert res.outcome.class_ == "SUCCESS" and res.outcome.needs_query is False
    assert repr(res).startswith("QueryResponse(result_code=0, ")
    assert "refund_trans=[RefundTransaction(order_id='RF1'" in repr(res)
    assert "outcome=Outcome(code=0, class_='SUCCESS'" in repr(res)
    with pytest.raises(AttributeError, match="no attribute 'transId'"):
        res.transId
    assert res.get("nope", 7) == 7
    d = res.to_dict()
    assert d["refund_trans"][0]["order_id"] == "RF1" and d["outcome"]["class_"] == "SUCCESS"
    assert res == momo_core.parse_query(v["status"], v["body"].encode())
    assert res != momo_core.parse_query(200, '{"resultCode":7000}')
    assert "trans_id" in dir(res)
    assert not any(re.search(r"[A-Z]", k) for k in d)


def test_parsers_accept_bytes_and_reject_non_utf8() -> None:
    assert momo_core.parse_confirm(200, b'{"resultCode":0}').result_code == 0
    with pytest.raises(MomoResponseError) as info:
        momo_core.parse_confirm(200, b"\xff\xfe")
    assert (info.value.code, info.value.field) == ("UNEXPECTED_RESPONSE", "response")


def test_outcome_lookups_and_code_tables() -> None:
    t = momo_core.transport_timeout_outcome()
    assert (t.code, t.class_, t.needs_query, t.retry_with_new_request_id) == (None, "UNKNOWN", True, False)
    assert momo_core.outcome_of_payment(7000).class_ == "PENDING"
    assert momo_core.outcome_of_gift_status(814).needs_query
    assert momo_core.outcome_of_gift_result(8).needs_query
    codes = [o.code for o in momo_core.PAYMENT_CODES]
    assert 0 in codes and 9000 in codes and 1001 in codes and len(codes) == len(set(codes))
    assert [o.code for o in momo_core.GIFT_STATUS_CODES][:2] == [0, 801]
    assert all(o.message_en for o in momo_core.GIFT_RESULT_CODES)
    assert momo_core.IPN_ACK_STATUS == 204


def test_gift_get_trans_next_page() -> None:
    v = next(v for v in load("parsing.json")["vectors"] if v["id"] == "gift-get-trans-seed")
    page = momo_core.parse_gift_get_trans(v["status"], v["body"])
    assert len(page.datas) == 2
    full = {"date": "2020-08-10", "offset": 2, "page": 1, "request_id": "r-1"}
    nxt = momo_core.gift_get_trans_next_page(full, page)
    assert nxt == {"request_id": None, "date": "2020-08-10", "offset": 2, "page": 2}
    assert momo_core.gift_get_trans_next_page(dict(full, offset=3), page) is None
    gift_client = MomoClient(gift_base_url="http://127.0.0.1:9")
    assert nxt is not None
    req = gift_client.gift_get_trans(nxt)
    assert json.loads(req.body)["page"] == 2 and req.request_id != "r-1"


def test_sale_info_computed_amounts() -> None:
    sale = momo_core.compute_sale_info(SALE)
    assert (sale.service_charge_amount, sale.bill_amount, sale.total_amount) == (9840, 140840, 120840)
    assert sale.service_charge == 0.08 and sale.payment_method == "MOMOSCANNER"
    assert sale.get("tran_id") is None
    assert momo_core.compute_sale_info(**dict(SALE, tran_id="T1")).tran_id == "T1"


def test_extra_data_encode_decode() -> None:
    assert momo_core.encode_extra_data('{"username": "momo"}') == "eyJ1c2VybmFtZSI6ICJtb21vIn0="
    assert momo_core.decode_extra_data("eyJ1c2VybmFtZSI6ICJtb21vIn0=") == '{"username": "momo"}'
    encoded = momo_core.encode_extra_data({"user_name": "Nguyễn", "n": 1, "nested": {"a": [1, True, None]}})
    assert json.loads(base64.b64decode(encoded)) == {"user_name": "Nguyễn", "n": 1, "nested": {"a": [1, True, None]}}
    assert momo_core.decode_extra_data("") == "{}"
    with pytest.raises(MomoValidationError) as info:
        momo_core.decode_extra_data("***")
    assert (info.value.code, info.value.field) == ("INVALID_BASE64", "extraData")
    with pytest.raises(MomoValidationError) as info:
        momo_core.encode_extra_data([1])
    assert (info.value.code, info.value.field) == ("INVALID_INPUT", "extraData")
    # Free-form keys are kept as given, in error paths too.
    with pytest.raises(MomoValidationError) as info:
        momo_core.encode_extra_data({"order_meta": {"paid_at": object()}})
    assert (info.value.code, info.value.field) == ("INVALID_INPUT", "extraData.order_meta.paid_at")


def test_id_generators_give_uuid_v4() -> None:
    pattern = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
    ids = [momo_core.new_request_id(), momo_core.new_order_id(), momo_core.new_x_request_id()]
    assert all(pattern.match(i) for i in ids) and len(set(ids)) == 3


def test_generated_request_id_is_returned_and_signed(client: MomoClient) -> None:
    req = client.query(order_id="ORDER-1")
    assert re.match(r"^[0-9a-f-]{36}$", req.request_id)
    assert req.signature_raw == f"accessKey=F8BBA842ECF85&orderId=ORDER-1&partnerCode=MOMO&requestId={req.request_id}"
    sig = hmac.new(SECRET.encode(), req.signature_raw.encode(), hashlib.sha256).hexdigest()
    assert json.loads(req.body)["signature"] == sig


def test_prepared_request_helpers(client: MomoClient) -> None:
    req = client.tokenization_create(order_id="O-1", reference_code="123", request_time=1)
    assert req.method == "POST" and req.timeout == 30.0 and req.timeout_ms == 30000
    assert req.header("content-type") == "application/json; charset=UTF-8"
    assert req.header("authorization") is None
    assert req.body_bytes == req.body.encode()
    assert req.to_dict()["timeout_ms"] == 30000 and not req.sensitive_body


# ---------------------------------------------------------------- tokens


def test_access_token_expiry_refresh_and_authorization() -> None:
    token = AccessToken(TOKEN_TEXT, 1_000_000)
    assert token.expires_at_ms == 1_000_000 and token.expose() == TOKEN_TEXT
    assert not token.needs_refresh(600_000) and token.needs_refresh(700_000)
    assert momo_core.DEFAULT_REFRESH_MARGIN_MS == 300_000
    assert not token.needs_refresh(900_000, 50_000) and token.needs_refresh(950_000, 50_000)
    assert not token.is_expired(999_999) and token.is_expired(1_000_000)
    assert token.authorization(999_999) == f"Bearer {TOKEN_TEXT}"
    with pytest.raises(MomoTokenExpiredError) as info:
        token.authorization(1_000_000)
    assert (info.value.code, info.value.field) == ("TOKEN_EXPIRED", "accessToken")
    assert TOKEN_TEXT not in str(info.value)


def test_login_then_redeem_status(client: MomoClient) -> None:
    login = client.login()
    assert login.sensitive_body and json.loads(login.body)["clientSecret"] == CLIENT_SECRET
    token = momo_core.parse_login(200, '{"status":0,"message":"ok","data":{"accessToken":"%s","expiresIn":1000}}' % TOKEN_TEXT, 5)
    assert token.expires_at_ms == 1005
    req = client.redeem_status(
        momo_campaign_id="C1", voucher_code="V1", momo_transaction_id="1", partner_transaction_id="P1",
        redeem_status="SUCCESS", sale_info=SALE, access_token=token, now_ms=6,
    )
    assert req.headers["Authorization"] == f"Bearer {TOKEN_TEXT}"
    assert json.loads(req.body)["saleInfo"]["totalAmount"] == 120840
    with pytest.raises(MomoTokenExpiredError):
        client.redeem_status(
            momo_campaign_id="C1", voucher_code="V1", momo_transaction_id="1", partner_transaction_id="P1",
            redeem_status="SUCCESS", sale_info=SALE, access_token=token, now_ms=1005,
        )


# ---------------------------------------------------------------- secrets


def test_secrets_never_appear_in_repr_or_str(client: MomoClient) -> None:
    secrets = [SECRET, CLIENT_SECRET, TOKEN_TEXT]
    token = AccessToken(TOKEN_TEXT, 10**13)
    login = client.login()
    redeem = client.redeem_status(
        momo_campaign_id="C1", voucher_code="V1", momo_transaction_id="1", partner_transaction_id="P1",
        redeem_status="SUCCESS", sale_info=SALE, access_token=token, now_ms=0,
    )
    shown = [repr(client), str(client), repr(token), str(token), repr(login), str(login),
             repr(redeem), str(redeem), repr([client, token, login])]
    for text in shown:
        for secret in secrets:
            assert secret not in text, text
    assert "secret_key=***" in repr(client) and "client_secret=***" in repr(client)
    assert "partner_code='MOMO'" in repr(client)
    assert repr(token) == "AccessToken(token='***', expires_at_ms=10000000000000)"
    assert "Authorization: ***" in repr(redeem)
    # the values are still there for sending
    assert redeem.headers["Authorization"] == f"Bearer {TOKEN_TEXT}"
    assert CLIENT_SECRET in login.body


def test_errors_do_not_echo_secrets() -> None:
    with pytest.raises(MomoConfigError) as info:
        MomoClient(secret_key=SECRET, gateway_base_url="ftp://x")
    assert SECRET not in str(info.value) and SECRET not in repr(info.value)


# ---------------------------------------------------------------- exceptions


def test_exception_hierarchy_and_attributes(client: MomoClient) -> None:
    with pytest.raises(ValueError) as info:
        client.query(order_id="bad id")
    err = info.value
    assert isinstance(err, MomoValidationError) and isinstance(err, MomoError)
    assert (err.code, err.field, err.momo_code) == ("INVALID_FORMAT", "orderId", None)
    assert str(err) == f"INVALID_FORMAT (orderId): {err.message}"
    with pytest.raises(MomoValidationError) as info:
        client.gift_create(time=1, wallet_id="0902890661", gifts=[])
    assert (info.value.code, info.value.momo_code) == ("GIFT_EMPTY", 801)
    with pytest.raises(MomoConfigError):
        MomoClient().query(order_id="O-1")
    with pytest.raises(MomoSignatureError):
        client.verify_ipn('{"signature":"00","amount":1,"resultCode":0}')
    assert not issubclass(MomoConfigError, ValueError)
    copy = pickle.loads(pickle.dumps(err))
    assert type(copy) is MomoValidationError and (copy.code, copy.field, copy.message) == (err.code, err.field, err.message)


def test_an_error_built_by_hand_takes_its_class_kind_and_survives_pickle() -> None:
    err = MomoConfigError("INVALID_KEY", "publicKey", "not a key")
    assert err.kind == "CONFIG" and err.momo_code is None
    assert MomoError("X", "", "m").kind == ""
    copy = pickle.loads(pickle.dumps(MomoValidationError("GIFT_EMPTY", "gifts", "empty", 801, "VALIDATION")))
    assert (type(copy), copy.kind, copy.momo_code) == (MomoValidationError, "VALIDATION", 801)


# ---------------------------------------------------------------- threads


def test_client_is_shareable_across_threads(client: MomoClient) -> None:
    bodies: List[str] = []

    def work() -> None:
        for _ in range(20):
            bodies.append(client.tokenization_pay(**PAY).body)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(bodies) == 80 and len(set(bodies)) == 80  # fresh RSA padding each time


# ---------------------------------------------------------------- stubs


def stub_result_fields() -> Dict[str, Set[str]]:
    """Attribute names each @type_check_only result class declares in the stub."""
    stub = Path(momo_core.__file__).with_name("_native.pyi")
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    out: Dict[str, Set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any(
            isinstance(b, ast.Name) and b.id == "_Result" for b in node.bases
        ):
            out[node.name] = {
                s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
            }
    return out


def records_in(value: Any) -> List[momo_core.Record]:
    found: List[momo_core.Record] = []
    if isinstance(value, momo_core.Record):
        found.append(value)
        for k in value.to_dict():
            found += records_in(getattr(value, k))
    elif isinstance(value, list):
        for v in value:
            found += records_in(v)
    return found


def test_stub_result_classes_match_what_the_core_serializes(client: MomoClient) -> None:
    """The .pyi is written by hand: check it against real records so it
    cannot drift from the core's models."""
    parsing = load("parsing.json")["vectors"]
    samples: List[Any] = [momo_core.compute_sale_info(**SALE)]
    for v in parsing:
        if "expected" in v and v["operation"] != "parseLogin":
            fn = getattr(momo_core, re.sub(r"(?<!^)([A-Z])", r"_\1", v["operation"]).lower())
            samples.append(fn(v["status"], v["body"]))
    ipn = load("ipn.json")
    samples.append(MomoClient(**{"partner_code": "MOMO", "access_key": "F8BBA842ECF85", "secret_key": SECRET})
                   .verify_ipn(ipn["vectors"][0]["body"]))
    samples.append(momo_core.parse_gift_status(200, '{"resultCode":0,"data":{"resultCode":0}}'))
    checkout = load("checkout.json")
    samples += [momo_core.parse_create_payment(200, v["body"]) for v in checkout["parse"] if "expected" in v]
    # Every kind of step the tracker answers (each vector's events, fed in order).
    for v in checkout["tracker"]:
        tracker = momo_core.PaymentTracker(v["operation"], v["expiresAtMs"])
        for e in v["events"]:
            code = e.get("resultCode")
            outcome = momo_core.outcome_of_payment(code) if code is not None else momo_core.transport_timeout_outcome()
            if e["event"] == "tick":
                samples.append(tracker.tick(e["nowMs"]))
            elif e["event"] == "transportTimeout":
                samples.append(tracker.transport_timeout(e["nowMs"]))
            elif e["event"] == "notified":
                samples.append(tracker.notified({"trans_id": e["transId"], "outcome": outcome}, e["nowMs"]))
            elif e["event"] == "confirmAnswered":
                samples.append(tracker.confirm_answered(e["requestType"], outcome, e["nowMs"]))
            else:
                samples.append(getattr(tracker, re.sub(r"([A-Z])", r"_\1", e["event"]).lower())(outcome, e["nowMs"]))
    seen: Dict[str, Set[str]] = {}
    for s in samples:
        for r in records_in(s):
            name = r.type_name
            if name == "NextStep":  # one core enum, one stub class per step (NextWaitUntil, ...)
                step = r.step
                name = "Next" + step[:1].upper() + step[1:]
            seen.setdefault(name, set()).update(r.to_dict())
    stub = stub_result_fields()
    for name, fields in seen.items():
        assert name in stub, f"stub lacks result class {name}"
        assert fields == stub[name], f"{name}: runtime {sorted(fields)} vs stub {sorted(stub[name])}"
    # every stub result class was exercised
    assert set(stub) == set(seen), sorted(set(stub) ^ set(seen))

"""The shared vectors (tests/vectors/*.json) through the Python API: a port
of core/tests/vectors.rs. Expected values come from an independent Python
reference, never from the code under test."""

import base64
import hashlib
import hmac
import json
from typing import Any, Callable, Dict, Iterator, List, Tuple

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

import momo_core
from conftest import CLASS_OF_KIND, KIND_OF, assert_subset, camel_json, client, host_value, load, prepare, request_json, snake_keys

SIGNING = load("signing.json")
REQUESTS = load("requests.json")
RSA = load("rsa.json")
VALIDATION = load("validation.json")
AMOUNTS = load("amounts.json")
RESULT_CODES = load("result_codes.json")
IPN = load("ipn.json")
PARSING = load("parsing.json")
ERRORS = load("errors.json")
HOSTILE = load("hostile.json")
PARTNER = {"partnerCode": "MOMO", "accessKey": "F8BBA842ECF85", "secretKey": "K951B6PE1waDMi640xX08PD3vg6EkVlz"}


def ids(vectors: List[Dict[str, Any]]) -> List[str]:
    return [v["id"] for v in vectors]


def hmac_hex(key: str, raw: str) -> str:
    return hmac.new(key.encode(), raw.encode(), hashlib.sha256).hexdigest()


def assert_error(vid: str, expected: Dict[str, Any], err: momo_core.MomoError) -> None:
    assert (err.code, err.field) == (expected["code"], expected["field"]), f"{vid}: {err!r}"
    kind = KIND_OF[err.code]
    assert err.kind == kind, f"{vid}: {err.code} is {err.kind}, errors.json says {kind}"
    assert type(err) is CLASS_OF_KIND[kind], f"{vid}: {err.code} raised {type(err).__name__}"


# ---------------------------------------------------------------- signing.json


@pytest.mark.parametrize("v", SIGNING["vectors"], ids=ids(SIGNING["vectors"]))
def test_signing_vectors_match_byte_for_byte(v: Dict[str, Any]) -> None:
    req = prepare(v["operation"], client(v["config"]), v["input"])
    exp = v["expected"]
    assert req.body == exp["body"]
    assert req.signature_raw == exp["signatureRaw"]
    want = {k: exp[k] for k in ("method", "url", "headers", "timeoutMs", "requestId")}
    assert_subset(v["id"], want, request_json(req))


@pytest.mark.parametrize("v", SIGNING["vectors"], ids=ids(SIGNING["vectors"]))
def test_signing_vectors_recheck_hmac_with_python_hmac(v: Dict[str, Any]) -> None:
    req = prepare(v["operation"], client(v["config"]), v["input"])
    assert req.signature_raw is not None
    body = json.loads(req.body)
    assert body["signature"] == hmac_hex(v["config"]["secretKey"], req.signature_raw)
    assert body["signature"] == hmac_hex(v["config"]["secretKey"], v["expected"]["signatureRaw"])


# ---------------------------------------------------------------- requests.json


@pytest.mark.parametrize("v", REQUESTS["vectors"], ids=ids(REQUESTS["vectors"]))
def test_unsigned_request_vectors_match_byte_for_byte(v: Dict[str, Any]) -> None:
    req = prepare(v["operation"], client(v["config"]), v["input"])
    exp = dict(v["expected"])
    assert req.body == exp.pop("body")
    assert_subset(v["id"], exp, request_json(req))
    assert len(req.headers) == len(v["expected"]["headers"])


# ---------------------------------------------------------------- rsa.json


def key_of(bits: int) -> Dict[str, Any]:
    return next(k for k in RSA["keys"] if k["bits"] == bits)


def private_key(bits: int) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(key_of(bits)["privateKeyPem"].encode(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    return key


@pytest.mark.parametrize("v", RSA["vectors"], ids=ids(RSA["vectors"]))
def test_rsa_vectors_decrypt_with_the_test_private_key(v: Dict[str, Any]) -> None:
    config = dict(PARTNER, publicKey=key_of(v["keyBits"])["publicKeys"][v["publicKeyShape"]])
    req = prepare("tokenizationPay", client(config), v["input"])
    exp = v["expected"]
    body = json.loads(req.body)
    token, signature = body["token"], body["signature"]

    ciphertext = base64.b64decode(token, validate=True)
    assert len(ciphertext) * 8 == v["keyBits"]
    plaintext = private_key(v["keyBits"]).decrypt(ciphertext, padding.PKCS1v15())
    assert plaintext.decode() == exp["tokenPlaintext"]

    raw = exp["signatureRawTemplate"].replace("{token}", token)
    assert req.signature_raw == raw
    assert signature == hmac_hex(PARTNER["secretKey"], raw), "the signature covers the ciphertext"
    assert req.body == exp["bodyTemplate"].replace("{token}", token).replace("{signature}", signature)
    assert req.timeout_ms == 10_000
    assert req.url == exp["url"]
    want = {k: exp[k] for k in ("method", "headers", "timeoutMs", "requestId")}
    assert_subset(v["id"], want, request_json(req))


@pytest.mark.parametrize("v", RSA["errors"], ids=ids(RSA["errors"]))
def test_rsa_error_vectors(v: Dict[str, Any]) -> None:
    assert_error(v["id"], v["error"], caught(lambda: rsa_error(v)))


@pytest.mark.parametrize("key", RSA["keys"], ids=[str(k["bits"]) for k in RSA["keys"]])
def test_every_key_shape_encrypts_to_the_same_key(key: Dict[str, Any]) -> None:
    """Each shape of the public key gives ciphertext that the one private key
    opens (the Rust runner compares parsed keys; Python has no such type)."""
    priv = private_key(key["bits"])
    pay = RSA["vectors"][0]["input"]
    for shape, public in key["publicKeys"].items():
        req = prepare("tokenizationPay", client(dict(PARTNER, publicKey=public)), pay)
        ciphertext = base64.b64decode(json.loads(req.body)["token"])
        assert len(ciphertext) * 8 == key["bits"], shape
        assert priv.decrypt(ciphertext, padding.PKCS1v15()) == json.dumps(
            {"value": pay["token"]}, separators=(",", ":")
        ).encode(), shape


# ---------------------------------------------------------------- validation.json


def run_validation(v: Dict[str, Any]) -> momo_core.MomoError:
    config = v.get("config", VALIDATION["defaultConfig"])
    try:
        c = client(config)
    except momo_core.MomoError as err:
        return err
    assert v["operation"] != "newClient", f"{v['id']}: client accepted a bad config"
    try:
        req = prepare(v["operation"], c, v["input"])
    except momo_core.MomoError as err:
        return err
    raise AssertionError(f"{v['id']}: expected an error, got {req!r}")


@pytest.mark.parametrize("v", VALIDATION["vectors"], ids=ids(VALIDATION["vectors"]))
def test_validation_vectors_fail_with_the_stable_code_and_field(v: Dict[str, Any]) -> None:
    assert_error(v["id"], v["error"], run_validation(v))


# ---------------------------------------------------------------- amounts.json


def compute(v: Dict[str, Any]) -> Any:
    return momo_core.compute_sale_info(**snake_keys(v["input"]))


@pytest.mark.parametrize("v", AMOUNTS["vectors"], ids=ids(AMOUNTS["vectors"]))
def test_amount_vectors(v: Dict[str, Any]) -> None:
    if "expected" in v:
        assert_subset(v["id"], v["expected"], camel_json(compute(v)))
    else:
        with pytest.raises(momo_core.MomoError) as info:
            compute(v)
        assert_error(v["id"], v["error"], info.value)


# ---------------------------------------------------------------- result_codes.json

OUTCOME_OF: Dict[str, Callable[[Any], Any]] = {
    "payment": momo_core.outcome_of_payment,
    "giftStatus": momo_core.outcome_of_gift_status,
    "giftResult": momo_core.outcome_of_gift_result,
    "timeout": lambda _code: momo_core.transport_timeout_outcome(),
}


@pytest.mark.parametrize("v", RESULT_CODES["vectors"], ids=ids(RESULT_CODES["vectors"]))
def test_result_code_vectors(v: Dict[str, Any]) -> None:
    outcome = OUTCOME_OF[v["kind"]](v.get("code"))
    want = {k: x for k, x in v.items() if k not in ("id", "kind")}
    assert_subset(v["id"], want, camel_json(outcome))
    if v.get("code") is not None and v.get("class") != "UNKNOWN":
        assert outcome.message_vi and outcome.message_en, v["id"]


# ---------------------------------------------------------------- ipn.json

IPN_CLIENT = client(IPN["config"])


def verify(v: Dict[str, Any], body: Any) -> Any:
    """verify_ipn, with the freshness check when the vector has a clock."""
    if "nowMs" in v:
        return IPN_CLIENT.verify_ipn(body, now_ms=v["nowMs"], tolerance_ms=v["toleranceMs"])
    return IPN_CLIENT.verify_ipn(body)


@pytest.mark.parametrize("v", IPN["vectors"], ids=ids(IPN["vectors"]))
def test_ipn_vectors(v: Dict[str, Any]) -> None:
    if "expected" in v:
        assert_subset(v["id"], v["expected"], camel_json(verify(v, v["body"])))
        # the same body as bytes, as http.server hands it over
        assert verify(v, v["body"].encode()) == verify(v, v["body"])
    else:
        with pytest.raises(momo_core.MomoError) as info:
            verify(v, v["body"])
        assert_error(v["id"], v["error"], info.value)
    if "signatureRaw" in v:
        sig = json.loads(v["body"])["signature"]
        assert sig == hmac_hex(IPN["config"]["secretKey"], v["signatureRaw"])


# ---------------------------------------------------------------- parsing.json


def parse(v: Dict[str, Any]) -> Any:
    op = v["operation"]
    if op == "parseLogin":
        token = momo_core.parse_login(v["status"], v["body"], v["nowMs"])
        return {"accessToken": token.expose(), "expiresAtMs": token.expires_at_ms}
    fn = getattr(momo_core, {"parseTokenizationCreate": "parse_tokenization_create",
                             "parseTokenizationPay": "parse_tokenization_pay",
                             "parseQuery": "parse_query",
                             "parseConfirm": "parse_confirm",
                             "parseRefund": "parse_refund",
                             "parseRedeemStatus": "parse_redeem_status",
                             "parseGiftCreate": "parse_gift_create",
                             "parseGiftStatus": "parse_gift_status",
                             "parseGiftGetTrans": "parse_gift_get_trans"}[op])
    return camel_json(fn(v["status"], v["body"]))


@pytest.mark.parametrize("v", PARSING["vectors"], ids=ids(PARSING["vectors"]))
def test_parsing_vectors(v: Dict[str, Any]) -> None:
    if "expected" in v:
        assert_subset(v["id"], v["expected"], parse(v))
    else:
        with pytest.raises(momo_core.MomoError) as info:
            parse(v)
        assert_error(v["id"], v["error"], info.value)


# ---------------------------------------------------------------- hostile.json


def for_python(vectors: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return [v for v in vectors if "python" in v.get("hosts", ["python"])]


def run_hostile(v: Dict[str, Any], default_config: Dict[str, Any]) -> Any:
    """One hostile vector through the Python API, markers made host values.
    Returns the result (a PreparedRequest, or extraData's text); raises
    what the call raises."""
    op, given = v["operation"], v["input"]
    if op == "encodeExtraData":
        return momo_core.encode_extra_data(host_value(given["data"]))
    config = host_value(snake_keys({**default_config, **v.get("config", {})}))
    c = momo_core.MomoClient(**config)
    if op == "redeemStatus":
        token = given["accessToken"]
        return c.redeem_status(
            host_value(snake_keys(given["request"])),
            access_token=momo_core.AccessToken(host_value(token["token"]), host_value(token["expiresAtMs"])),
            now_ms=host_value(given["nowMs"]),
        )
    method = getattr(c, {"tokenizationCreate": "tokenization_create", "tokenizationPay": "tokenization_pay",
                         "giftCreate": "gift_create", "giftStatus": "gift_status",
                         "giftGetTrans": "gift_get_trans"}.get(op, op))
    request = host_value(snake_keys(given))
    return method(**request) if isinstance(request, dict) else method(request)


def check_hostile(v: Dict[str, Any], default_config: Dict[str, Any]) -> None:
    if "error" in v:
        assert_error(v["id"], v["error"], caught(lambda: run_hostile(v, default_config)))
        return
    result = run_hostile(v, default_config)
    if v["operation"] == "encodeExtraData":
        assert base64.b64decode(result).decode() == v["expected"]["body"], v["id"]
    else:
        assert result.body == v["expected"]["body"], v["id"]


@pytest.mark.parametrize("v", for_python(HOSTILE["vectors"]), ids=ids(for_python(HOSTILE["vectors"])))
def test_hostile_vectors(v: Dict[str, Any]) -> None:
    check_hostile(v, HOSTILE["defaultConfig"])


HOSTILE_SAMPLE: Dict[str, Any] = {
    "defaultConfig": {"partnerCode": "MOMO", "accessKey": "F8BBA842ECF85", "secretKey": "K951B6PE1waDMi640xX08PD3vg6EkVlz"},
    "vectors": [
        {"id": "s-surrogate", "operation": "query", "input": {"orderId": {"$loneSurrogate": "O?1"}},
         "error": {"code": "INVALID_INPUT", "field": "orderId"}},
        {"id": "s-float", "operation": "confirm", "hosts": ["rust", "python"],
         "input": {"requestId": "r", "orderId": "O1", "requestType": "capture", "amount": {"$float": 5000}},
         "expected": {"body": None}},
        {"id": "s-bigint", "operation": "confirm",
         "input": {"requestId": "r", "orderId": "O1", "requestType": "capture", "amount": {"$bigint": str(2**64)}},
         "error": {"code": "INVALID_AMOUNT", "field": "amount"}},
        {"id": "s-nested", "operation": "encodeExtraData", "input": {"data": {"k": {"$nested": 128}}},
         "error": {"code": "INVALID_INPUT", "field": "extraData.k" + "[0]" * 127}},
        {"id": "s-nested-ok", "operation": "encodeExtraData", "input": {"data": {"k": {"$nested": 3}}},
         "expected": {"body": '{"k":[[[]]]}'}},
        {"id": "s-cycle", "operation": "encodeExtraData", "input": {"data": {"k": {"$cycle": "dict"}}},
         "error": {"code": "INVALID_INPUT", "field": "extraData.k.self"}},
        {"id": "s-not-for-python", "operation": "query", "hosts": ["node"], "input": {}, "error": {}},
    ],
}


def test_hostile_markers_and_runner_on_an_inline_sample() -> None:
    """The marker conversion and the runner, independent of hostile.json."""
    assert host_value({"$loneSurrogate": "a?b?"}) == "a\ud800b\ud800"
    assert host_value([{"$float": 5000}]) == [5000.0] and type(host_value({"$float": 5000})) is float
    assert host_value({"$bigint": "18446744073709551616"}) == 2**64
    deep = host_value({"$nested": 3})
    assert deep == [[[]]]
    cyc = host_value({"$cycle": "list"})
    assert cyc[0] is cyc
    assert host_value({"a": {"$x": 1, "$y": 2}}) == {"a": {"$x": 1, "$y": 2}}  # two keys: not a marker
    with pytest.raises(KeyError):
        host_value({"$unknown": 1})
    sample = for_python(HOSTILE_SAMPLE["vectors"])
    assert [v["id"] for v in sample][-1] == "s-cycle"
    config = HOSTILE_SAMPLE["defaultConfig"]
    want = momo_core.MomoClient(**snake_keys(config)).confirm(request_id="r", order_id="O1", request_type="capture",
                                                             amount=5000).body
    sample[1]["expected"]["body"] = want
    for v in sample:
        check_hostile(v, config)


# ---------------------------------------------------------------- coverage


def caught(run: Callable[[], Any]) -> momo_core.MomoError:
    try:
        result = run()
    except momo_core.MomoError as err:
        return err
    raise AssertionError(f"expected a MomoError, got {result!r}")


def rsa_error(v: Dict[str, Any]) -> Any:
    if "publicKey" in v:
        return client(dict(PARTNER, publicKey=v["publicKey"]))
    config = dict(PARTNER, publicKey=key_of(v["keyBits"])["publicKeys"][v["publicKeyShape"]])
    return prepare("tokenizationPay", client(config), v["input"])


def error_runs() -> Iterator[Tuple[str, Dict[str, Any], Callable[[], momo_core.MomoError]]]:
    """Every error vector of every file, as a call through the Python API."""
    for v in VALIDATION["vectors"]:
        yield v["id"], v["error"], lambda v=v: run_validation(v)
    for v in RSA["errors"]:
        yield v["id"], v["error"], lambda v=v: caught(lambda: rsa_error(v))
    for v in AMOUNTS["vectors"]:
        if "error" in v:
            yield v["id"], v["error"], lambda v=v: caught(lambda: compute(v))
    for v in IPN["vectors"]:
        if "error" in v:
            yield v["id"], v["error"], lambda v=v: caught(lambda: verify(v, v["body"]))
    for v in PARSING["vectors"]:
        if "error" in v:
            yield v["id"], v["error"], lambda v=v: caught(lambda: parse(v))
    for v in for_python(HOSTILE["vectors"]):
        if "error" in v:
            yield v["id"], v["error"], lambda v=v: caught(lambda: run_hostile(v, HOSTILE["defaultConfig"]))


def test_every_error_code_but_internal_is_raised_from_python() -> None:
    raised = set()
    for vid, expected, run in error_runs():
        err = run()
        assert_error(vid, expected, err)
        raised.add(err.code)
    missing = set(momo_core.ERROR_CODES) - {"INTERNAL"} - raised
    assert not missing, f"no vector raises {sorted(missing)}"
    assert len(momo_core.ERROR_CODES) == len(ERRORS["codes"])
    assert list(momo_core.ERROR_CODES) == [c["code"] for c in ERRORS["codes"]]
    assert ERRORS["kinds"] == list(CLASS_OF_KIND)


def test_internal_is_raised_for_a_panic() -> None:
    with pytest.raises(momo_core.MomoInternalError) as info:
        momo_core._native._panic_probe()
    assert info.value.code == "INTERNAL"
    assert info.value.kind == "INTERNAL"
    assert "panic probe" in info.value.message

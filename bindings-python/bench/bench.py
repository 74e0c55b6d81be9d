"""Preparing signed MoMo requests: the momo_core wheel vs hand-written Python.

    .venv/bin/python bindings-python/bench/bench.py [--number N]

Both sides produce what a sender needs (url, exact body text, headers,
timeout) for tokenization/create and query with the seed's credentials; the
script first checks that both produce byte-identical bodies, then times
them in the same process with timeit (best of 7 repeats, microseconds per
request). "hand-written" is the bare minimum (an f-string raw string,
hmac.new(...).hexdigest(), json.dumps); "hand-written + checks" adds the
input checks momo_core always runs (orderId pattern, required fields and
lengths), which is the fair comparison for production code.
"""

import argparse
import hashlib
import hmac
import json
import platform
import re
import sys
import timeit
from pathlib import Path
from typing import Callable, Dict, Tuple

import momo_core

PARTNER_CODE = "MOMO"
ACCESS_KEY = "F8BBA842ECF85"
SECRET_KEY = "K951B6PE1waDMi640xX08PD3vg6EkVlz"
GATEWAY = "https://test-payment.momo.vn"
HEADERS = {"Content-Type": "application/json; charset=UTF-8"}

CREATE = dict(
    request_id="1666756278085id",
    order_id="6d0a1b10-b382-11e9-8fda-91fa25841420",
    reference_code="1023984137834985578",
    sub_partner_code="MOMO",
    request_time=1692783998394,
    lang="vi",
)
QUERY = dict(request_id="1666756278085id", order_id="6d0a1b10-b382-11e9-8fda-91fa25841420", lang="vi")

Prepared = Tuple[str, str, Dict[str, str], float]

# ---------------------------------------------------------------- hand-written

_KEY = SECRET_KEY.encode()
_ORDER_ID = re.compile(r"^[0-9a-zA-Z]([-_.]*[0-9a-zA-Z]+)*$")


def _sign(raw: str) -> str:
    return hmac.new(_KEY, raw.encode(), hashlib.sha256).hexdigest()


def _dumps(body: Dict[str, object]) -> str:
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False)


def hand_create(request_id: str, order_id: str, reference_code: str, sub_partner_code: str,
                request_time: int, lang: str) -> Prepared:
    raw = (f"accessKey={ACCESS_KEY}&orderId={order_id}&partnerCode={PARTNER_CODE}"
           f"&referenceCode={reference_code}&requestId={request_id}&subPartnerCode={sub_partner_code}")
    body = _dumps({"partnerCode": PARTNER_CODE, "subPartnerCode": sub_partner_code, "requestId": request_id,
                   "orderId": order_id, "referenceCode": reference_code, "requestTime": request_time,
                   "lang": lang, "signature": _sign(raw)})
    return GATEWAY + "/v2/gateway/api/tokenization/create", body, dict(HEADERS), 30.0


def hand_query(request_id: str, order_id: str, lang: str) -> Prepared:
    raw = f"accessKey={ACCESS_KEY}&orderId={order_id}&partnerCode={PARTNER_CODE}&requestId={request_id}"
    body = _dumps({"partnerCode": PARTNER_CODE, "requestId": request_id, "orderId": order_id,
                   "lang": lang, "signature": _sign(raw)})
    return GATEWAY + "/v2/gateway/api/query", body, dict(HEADERS), 30.0


def _check(field: str, value: str, max_len: int, required: bool = True) -> None:
    if required and not value.strip():
        raise ValueError(f"{field} is required")
    if len(value) > max_len:
        raise ValueError(f"{field} is too long")


def hand_create_checked(request_id: str, order_id: str, reference_code: str, sub_partner_code: str,
                        request_time: int, lang: str) -> Prepared:
    _check("orderId", order_id, 50)
    if not _ORDER_ID.match(order_id):
        raise ValueError("orderId format")
    _check("referenceCode", reference_code, 100)
    _check("subPartnerCode", sub_partner_code, 50, required=False)
    _check("requestId", request_id, 50)
    if lang not in ("vi", "en") or not isinstance(request_time, int):
        raise ValueError("lang/requestTime")
    return hand_create(request_id, order_id, reference_code, sub_partner_code, request_time, lang)


def hand_query_checked(request_id: str, order_id: str, lang: str) -> Prepared:
    _check("orderId", order_id, 50)
    if not _ORDER_ID.match(order_id):
        raise ValueError("orderId format")
    _check("requestId", request_id, 50)
    if lang not in ("vi", "en"):
        raise ValueError("lang")
    return hand_query(request_id, order_id, lang)


# ---------------------------------------------------------------- wheel

CLIENT = momo_core.MomoClient(partner_code=PARTNER_CODE, access_key=ACCESS_KEY, secret_key=SECRET_KEY)


def wheel_create(**kwargs: object) -> Prepared:
    r = CLIENT.tokenization_create(**kwargs)  # type: ignore[call-overload]
    return r.url, r.body, r.headers, r.timeout


def wheel_query(**kwargs: object) -> Prepared:
    r = CLIENT.query(**kwargs)  # type: ignore[call-overload]
    return r.url, r.body, r.headers, r.timeout


# ---------------------------------------------------------------- timing


def best_us(fn: Callable[[], object], number: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=7)) / number * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--number", type=int, default=20000, help="calls per timing repeat")
    args = parser.parse_args()

    cases = [
        ("tokenization/create", CREATE, wheel_create, hand_create, hand_create_checked),
        ("query", QUERY, wheel_query, hand_query, hand_query_checked),
    ]
    # Same output first: a benchmark of different work means nothing.
    for name, inp, wheel, hand, checked in cases:
        assert wheel(**inp) == hand(**inp) == checked(**inp), name  # type: ignore[operator]
    seed = json.loads(wheel_create(**CREATE)[1])["signature"]
    assert seed == "38d62cb13c33742bec6a4aaddbeb6460b33c735bdc8aa7cd01dfa3f250a57af6"

    so = Path(momo_core._native.__file__)  # type: ignore[attr-defined]
    print(f"python {platform.python_version()} ({sys.implementation.name}), momo_core {momo_core.__version__}, "
          f"{so.name} {so.stat().st_size / 1024:.0f} KiB")
    print(f"{'request':<22}{'wheel':>10}{'hand-written':>15}{'+ checks':>11}   wheel vs hand / vs +checks")
    for name, inp, wheel, hand, checked in cases:
        w = best_us(lambda: wheel(**inp), args.number)  # type: ignore[operator]
        h = best_us(lambda: hand(**inp), args.number)  # type: ignore[operator]
        c = best_us(lambda: checked(**inp), args.number)  # type: ignore[operator]
        print(f"{name:<22}{w:>8.2f}us{h:>13.2f}us{c:>9.2f}us   {h / w:>5.2f}x / {c / w:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Shared helpers: the vector files and the camelCase <-> snake_case
conversion that only this test harness needs (the vectors are written in
the core's camelCase; the Python API is snake_case)."""

import json
import re
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest

import momo_core

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"


def load(name: str) -> Dict[str, Any]:
    with open(VECTORS / name, encoding="utf-8") as f:
        data: Dict[str, Any] = json.load(f)
    return data


# The kind of each stable code, as tests/vectors/errors.json states it, and
# the Python class of each kind (the binding's one choice; the kinds are the
# core's). The tests' own table, never the package's, so they can disagree.
KIND_OF = {c["code"]: c["kind"] for c in load("errors.json")["codes"]}
CLASS_OF_KIND = {
    "VALIDATION": momo_core.MomoValidationError,
    "CONFIG": momo_core.MomoConfigError,
    "SIGNATURE": momo_core.MomoSignatureError,
    "RESPONSE": momo_core.MomoResponseError,
    "TOKEN_EXPIRED": momo_core.MomoTokenExpiredError,
    "INTERNAL": momo_core.MomoInternalError,
}


def snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def camel(name: str) -> str:
    name = name.rstrip("_")  # class_ -> class
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def is_marker(value: Any) -> bool:
    """A hostile-vector marker: an object with one key, starting with "$"."""
    return isinstance(value, dict) and len(value) == 1 and next(iter(value)).startswith("$")


def snake_keys(value: Any) -> Any:
    """A vector input (camelCase JSON) as snake_case Python input. Markers
    are kept as they are (see `host_value`)."""
    if is_marker(value):
        return value
    if isinstance(value, dict):
        return {snake(k): snake_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [snake_keys(v) for v in value]
    return value


def nested_list(levels: int) -> List[Any]:
    """A list nested `levels` deep, innermost `[]` (built without recursion)."""
    out: List[Any] = []
    for _ in range(levels - 1):
        out = [out]
    return out


def cycle(kind: str) -> Any:
    """A list or dict that contains itself."""
    if kind == "list":
        a: List[Any] = []
        a.append(a)
        return a
    if kind == "dict":
        d: Dict[str, Any] = {}
        d["self"] = d
        return d
    raise ValueError(f"unknown $cycle kind {kind!r}")


MARKERS: Dict[str, Callable[[Any], Any]] = {
    "$loneSurrogate": lambda text: text.replace("?", "\ud800"),
    "$float": float,
    "$bigint": int,
    "$nested": nested_list,
    "$cycle": cycle,
}


def host_value(value: Any) -> Any:
    """A hostile vector's JSON value with every marker replaced by the host
    value it stands for (tests/vectors/hostile.json): `{"$loneSurrogate":
    "a?b"}` is "a\\ud800b", `{"$float": 5000}` 5000.0, `{"$bigint": "2"}` an
    int of any size, `{"$nested": N}` a list nested N deep, `{"$cycle":
    "list"|"dict"}` a self-containing list or dict. An unknown marker fails."""
    if is_marker(value):
        (name, arg), = value.items()
        if name not in MARKERS:
            raise KeyError(f"unknown vector marker {name}")
        return MARKERS[name](arg)
    if isinstance(value, dict):
        return {k: host_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [host_value(v) for v in value]
    return value


def camel_json(value: Any) -> Any:
    """A result (records, lists) as the core's camelCase JSON value."""
    if isinstance(value, momo_core.Record):
        return {camel(k): camel_json(getattr(value, k)) for k in value.to_dict()}
    if isinstance(value, dict):
        return {camel(k): camel_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel_json(v) for v in value]
    return value


def assert_subset(vid: str, expected: Any, actual: Any, path: str = "") -> None:
    """Every key of `expected` equals the same key of `actual`, recursively."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{vid}: {path} is {actual!r}"
        for k, ev in expected.items():
            assert_subset(vid, ev, actual.get(k), f"{path}.{k}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), f"{vid}: {path} is {actual!r}"
        assert len(expected) == len(actual), f"{vid}: length of {path}"
        for i, (ev, av) in enumerate(zip(expected, actual)):
            assert_subset(vid, ev, av, f"{path}[{i}]")
    else:
        assert type(expected) is type(actual) or expected is None, f"{vid}: {path}: {expected!r} vs {actual!r}"
        assert expected == actual, f"{vid}: {path}: {expected!r} != {actual!r}"


def client(config: Dict[str, Any]) -> momo_core.MomoClient:
    return momo_core.MomoClient(**snake_keys(config))


def prepare(op: str, c: momo_core.MomoClient, vector_input: Dict[str, Any]) -> momo_core.PreparedRequest:
    """Calls one request-building operation by its vector name."""
    if op == "login":
        return c.login()
    if op == "redeemStatus":
        token = vector_input["accessToken"]
        return c.redeem_status(
            snake_keys(vector_input["request"]),
            access_token=momo_core.AccessToken(token["token"], token["expiresAtMs"]),
            now_ms=vector_input["nowMs"],
        )
    method = getattr(c, snake(op))
    return method(**snake_keys(vector_input))  # type: ignore[no-any-return]


def request_json(req: momo_core.PreparedRequest) -> Dict[str, Any]:
    return {
        "method": req.method,
        "url": req.url,
        "headers": req.headers,
        "body": req.body,
        "timeoutMs": req.timeout_ms,
        "requestId": req.request_id,
        "signatureRaw": req.signature_raw,
    }



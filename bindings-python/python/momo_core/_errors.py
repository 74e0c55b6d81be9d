"""The exception hierarchy of momo_core.

Every failure of the core carries a stable ``code`` (e.g. ``"INVALID_AMOUNT"``,
the same string in every language binding), the ``field`` path it concerns
(e.g. ``"items[0].quantity"``), a readable ``message`` and the ``kind`` of
failure the core files the code under (``"VALIDATION"``, ``"CONFIG"``, ...).
There is one class per kind, so callers can ``except`` what they handle; which
code is which kind is the core's table (``ErrorCode::kind``), not this file's.
"""

from typing import Dict, Optional, Type

__all__ = [
    "MomoError",
    "MomoValidationError",
    "MomoConfigError",
    "MomoSignatureError",
    "MomoResponseError",
    "MomoTokenExpiredError",
    "MomoInternalError",
]


class MomoError(Exception):
    """Base class of every momo_core error."""

    code: str
    """Stable error code, e.g. ``"INVALID_AMOUNT"``."""
    field: str
    """Path of the offending input field (``"items[0].quantity"``), or the
    subject of the error (``"response"``, ``"publicKey"``)."""
    message: str
    """A readable sentence naming the rule that was broken."""
    momo_code: Optional[int]
    """MoMo's Gift API status code (801...) that this pre-flight check
    mirrors, when it mirrors one."""
    kind: str
    """The kind of failure (``"VALIDATION"``, ``"CONFIG"``, ``"SIGNATURE"``,
    ``"RESPONSE"``, ``"TOKEN_EXPIRED"``, ``"INTERNAL"``); the class says the
    same."""

    _KIND = ""

    def __init__(
        self, code: str, field: str, message: str, momo_code: Optional[int] = None, kind: Optional[str] = None
    ) -> None:
        super().__init__(code, field, message, momo_code, kind)
        self.code = code
        self.field = field
        self.message = message
        self.momo_code = momo_code
        self.kind = type(self)._KIND if kind is None else kind

    def __str__(self) -> str:
        return f"{self.code} ({self.field}): {self.message}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, field={self.field!r}, message={self.message!r})"


class MomoValidationError(MomoError, ValueError):
    """The input breaks one of MoMo's rules (missing field, bad amount, ...)."""

    _KIND = "VALIDATION"


class MomoConfigError(MomoError):
    """The client configuration is unusable (missing credential, bad URL or key)."""

    _KIND = "CONFIG"


class MomoSignatureError(MomoError):
    """A signature did not verify (a forged or corrupted notification)."""

    _KIND = "SIGNATURE"


class MomoResponseError(MomoError):
    """MoMo's answer is not what the API returns, or the login was refused."""

    _KIND = "RESPONSE"


class MomoTokenExpiredError(MomoError):
    """The Business Page access token is expired: log in again."""

    _KIND = "TOKEN_EXPIRED"


class MomoInternalError(MomoError):
    """A bug inside momo-core (a caught panic); please report it."""

    _KIND = "INTERNAL"


_CLASS_OF_KIND: Dict[str, Type[MomoError]] = {
    cls._KIND: cls
    for cls in (
        MomoValidationError,
        MomoConfigError,
        MomoSignatureError,
        MomoResponseError,
        MomoTokenExpiredError,
        MomoInternalError,
    )
}


def _error_for(kind: str, code: str, field: str, message: str, momo_code: Optional[int]) -> MomoError:
    """Builds the exception for a core error (called by the native module)."""
    return _CLASS_OF_KIND.get(kind, MomoError)(code, field, message, momo_code, kind)

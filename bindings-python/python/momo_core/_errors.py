"""The exception hierarchy of momo_core.

Every failure of the core carries a stable ``code`` (e.g. ``"INVALID_AMOUNT"``,
the same string in every language binding), the ``field`` path it concerns
(e.g. ``"items[0].quantity"``) and a readable ``message``. The class only
groups codes into families so callers can ``except`` what they handle.
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

    def __init__(self, code: str, field: str, message: str, momo_code: Optional[int] = None) -> None:
        super().__init__(code, field, message, momo_code)
        self.code = code
        self.field = field
        self.message = message
        self.momo_code = momo_code

    def __str__(self) -> str:
        return f"{self.code} ({self.field}): {self.message}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, field={self.field!r}, message={self.message!r})"


class MomoValidationError(MomoError, ValueError):
    """The input breaks one of MoMo's rules (missing field, bad amount, ...)."""


class MomoConfigError(MomoError):
    """The client configuration is unusable (missing credential, bad URL or key)."""


class MomoSignatureError(MomoError):
    """A signature did not verify (a forged or corrupted notification)."""


class MomoResponseError(MomoError):
    """MoMo's answer is not what the API returns, or the login was refused."""


class MomoTokenExpiredError(MomoError):
    """The Business Page access token is expired: log in again."""


class MomoInternalError(MomoError):
    """A bug inside momo-core (a caught panic); please report it."""


_FAMILY: Dict[str, Type[MomoError]] = {
    "REQUIRED": MomoValidationError,
    "TOO_LONG": MomoValidationError,
    "INVALID_FORMAT": MomoValidationError,
    "INVALID_ENUM": MomoValidationError,
    "INVALID_AMOUNT": MomoValidationError,
    "AMOUNT_OVERFLOW": MomoValidationError,
    "INVALID_QUANTITY": MomoValidationError,
    "INCONSISTENT_AMOUNT": MomoValidationError,
    "INVALID_RATE": MomoValidationError,
    "INVALID_INPUT": MomoValidationError,
    "PLAINTEXT_TOO_LONG": MomoValidationError,
    "INVALID_BASE64": MomoValidationError,
    "GIFT_EMPTY": MomoValidationError,
    "TOO_MANY_VOUCHERS": MomoValidationError,
    "GIFT_TOTAL_EXCEEDED": MomoValidationError,
    "CHECK_REQUEST_ID_EMPTY": MomoValidationError,
    "INVALID_DATE": MomoValidationError,
    "INVALID_TIME_RANGE": MomoValidationError,
    "DUPLICATE_GIFT_ID": MomoValidationError,
    "INVALID_GIFT_AMOUNT": MomoValidationError,
    "INVALID_WALLET_ID": MomoValidationError,
    "INVALID_CONFIG": MomoConfigError,
    "INVALID_KEY": MomoConfigError,
    "SIGNATURE_MISMATCH": MomoSignatureError,
    "UNEXPECTED_RESPONSE": MomoResponseError,
    "LOGIN_FAILED": MomoResponseError,
    "TOKEN_EXPIRED": MomoTokenExpiredError,
    "INTERNAL": MomoInternalError,
}


def _error_for(code: str, field: str, message: str, momo_code: Optional[int]) -> MomoError:
    """Builds the exception for a core error (called by the native module).

    A code added to the core later falls back to the base class.
    """
    return _FAMILY.get(code, MomoError)(code, field, message, momo_code)

"""momo_core: MoMo's partner APIs, sans-I/O, for Python services.

Prepare a signed request with a :class:`MomoClient`, send it with your own
HTTP stack (httpx, requests, aiohttp), then parse the answer::

    client = MomoClient(partner_code="MOMO", access_key="...", secret_key="...")
    req = client.query(order_id="ORDER-1")
    res = httpx.post(req.url, content=req.body_bytes, headers=req.headers, timeout=req.timeout)
    result = parse_query(res.status_code, res.content)
    if result.outcome.needs_query: ...

Inputs are snake_case keyword arguments (or one mapping); results are
read-only :class:`Record` objects with snake_case attributes. Every failure
is a :class:`MomoError` with a stable ``code`` and a ``field`` path.
"""

from typing import TYPE_CHECKING, Union

from ._errors import (
    MomoConfigError,
    MomoError,
    MomoInternalError,
    MomoResponseError,
    MomoSignatureError,
    MomoTokenExpiredError,
    MomoValidationError,
)
from ._native import (
    DEFAULT_REFRESH_MARGIN_MS,
    ERROR_CODES,
    GIFT_RESULT_CODES,
    GIFT_STATUS_CODES,
    IPN_ACK_STATUS,
    PAYMENT_CODES,
    AccessToken,
    MomoClient,
    PaymentTracker,
    PreparedRequest,
    Record,
    __version__,
    compute_sale_info,
    decode_extra_data,
    encode_extra_data,
    gift_get_trans_next_page,
    new_order_id,
    new_request_id,
    new_x_request_id,
    order_expires_at_ms,
    outcome_of_gift_result,
    outcome_of_gift_status,
    outcome_of_payment,
    parse_confirm,
    parse_create_payment,
    parse_gift_create,
    parse_gift_get_trans,
    parse_gift_status,
    parse_login,
    parse_query,
    parse_redeem_status,
    parse_refund,
    parse_tokenization_create,
    parse_tokenization_pay,
    transport_timeout_outcome,
)

if TYPE_CHECKING:  # type-only names (inputs and results); they do not exist at runtime
    from ._native import ClientConfig as ClientConfig
    from ._native import ConfirmRequest as ConfirmRequest
    from ._native import ConfirmResponse as ConfirmResponse
    from ._native import CreatePaymentRequest as CreatePaymentRequest
    from ._native import CreatePaymentResponse as CreatePaymentResponse
    from ._native import DeliveryInfo as DeliveryInfo
    from ._native import Fee as Fee
    from ._native import FormError as FormError
    from ._native import Gift as Gift
    from ._native import GiftBatch as GiftBatch
    from ._native import GiftCreateRequest as GiftCreateRequest
    from ._native import GiftGetTransRequest as GiftGetTransRequest
    from ._native import GiftGetTransResponse as GiftGetTransResponse
    from ._native import GiftPaths as GiftPaths
    from ._native import GiftResult as GiftResult
    from ._native import GiftStatusRequest as GiftStatusRequest
    from ._native import GiftStatusResponse as GiftStatusResponse
    from ._native import Item as Item
    from ._native import NextConfirm as NextConfirm
    from ._native import NextFinal as NextFinal
    from ._native import NextQueryNow as NextQueryNow
    from ._native import NextWaitUntil as NextWaitUntil
    from ._native import Outcome as Outcome
    from ._native import PaymentNotification as PaymentNotification
    from ._native import PaymentPromotion as PaymentPromotion
    from ._native import PaymentUserInfo as PaymentUserInfo
    from ._native import PromotionEntry as PromotionEntry
    from ._native import PromotionInfo as PromotionInfo
    from ._native import QueryRequest as QueryRequest
    from ._native import QueryResponse as QueryResponse
    from ._native import RedeemStatusRequest as RedeemStatusRequest
    from ._native import RedeemStatusResponse as RedeemStatusResponse
    from ._native import RefundRequest as RefundRequest
    from ._native import RefundResponse as RefundResponse
    from ._native import RefundTransaction as RefundTransaction
    from ._native import SaleInfo as SaleInfo
    from ._native import SaleInfoInput as SaleInfoInput
    from ._native import Step as Step
    from ._native import TokenizationCreateRequest as TokenizationCreateRequest
    from ._native import TokenizationCreateResponse as TokenizationCreateResponse
    from ._native import TokenizationPayRequest as TokenizationPayRequest
    from ._native import TokenizationPayResponse as TokenizationPayResponse
    from ._native import UserInfo as UserInfo

NextStep = Union["NextWaitUntil", "NextQueryNow", "NextConfirm", "NextFinal"]
"""What a PaymentTracker says to do next; narrow it on ``.step`` (the records
are ``Record`` objects at runtime, so this alias is for annotations)."""

__all__ = [
    "AccessToken",
    "DEFAULT_REFRESH_MARGIN_MS",
    "ERROR_CODES",
    "GIFT_RESULT_CODES",
    "GIFT_STATUS_CODES",
    "IPN_ACK_STATUS",
    "MomoClient",
    "MomoConfigError",
    "MomoError",
    "MomoInternalError",
    "MomoResponseError",
    "MomoSignatureError",
    "MomoTokenExpiredError",
    "MomoValidationError",
    "NextStep",
    "PAYMENT_CODES",
    "PaymentTracker",
    "PreparedRequest",
    "Record",
    "__version__",
    "compute_sale_info",
    "decode_extra_data",
    "encode_extra_data",
    "gift_get_trans_next_page",
    "new_order_id",
    "new_request_id",
    "new_x_request_id",
    "order_expires_at_ms",
    "outcome_of_gift_result",
    "outcome_of_gift_status",
    "outcome_of_payment",
    "parse_confirm",
    "parse_create_payment",
    "parse_gift_create",
    "parse_gift_get_trans",
    "parse_gift_status",
    "parse_login",
    "parse_query",
    "parse_redeem_status",
    "parse_refund",
    "parse_tokenization_create",
    "parse_tokenization_pay",
    "transport_timeout_outcome",
]

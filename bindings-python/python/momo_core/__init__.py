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

from typing import TYPE_CHECKING

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
    outcome_of_gift_result,
    outcome_of_gift_status,
    outcome_of_payment,
    parse_confirm,
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

if TYPE_CHECKING:  # type-only names: the shapes of inputs and results
    from ._native import (  # noqa: F401
        ClientConfig,
        ConfirmRequest,
        ConfirmResponse,
        Fee,
        Gift,
        GiftBatch,
        GiftCreateRequest,
        GiftGetTransRequest,
        GiftGetTransResponse,
        GiftResult,
        GiftStatusRequest,
        GiftStatusResponse,
        Item,
        Outcome,
        PaymentNotification,
        PromotionEntry,
        QueryRequest,
        QueryResponse,
        RedeemStatusRequest,
        RedeemStatusResponse,
        RefundRequest,
        RefundResponse,
        SaleInfo,
        SaleInfoInput,
        TokenizationCreateRequest,
        TokenizationCreateResponse,
        TokenizationPayRequest,
        TokenizationPayResponse,
    )

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
    "PAYMENT_CODES",
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
    "outcome_of_gift_result",
    "outcome_of_gift_status",
    "outcome_of_payment",
    "parse_confirm",
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

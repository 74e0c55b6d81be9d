"""Type stubs of the native module (the Rust core, via pyo3).

The TypedDicts describe the snake_case inputs and the ``@type_check_only``
classes describe the attributes of the :class:`Record` objects the core's
serializers produce; neither exists at runtime (import them under
``typing.TYPE_CHECKING``). Amounts are whole VND: ``int`` or a ``str`` of
digits.
"""

from typing import Any, Literal, Mapping, Optional, Union, final, overload, type_check_only

from typing_extensions import Required, TypedDict, Unpack

__all__ = [
    "AccessToken",
    "DEFAULT_REFRESH_MARGIN_MS",
    "ERROR_CODES",
    "GIFT_RESULT_CODES",
    "GIFT_STATUS_CODES",
    "IPN_ACK_STATUS",
    "MomoClient",
    "PAYMENT_CODES",
    "PaymentTracker",
    "PreparedRequest",
    "Record",
    "__version__",
    "_panic_probe",
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

__version__: str
DEFAULT_REFRESH_MARGIN_MS: int
IPN_ACK_STATUS: int
ERROR_CODES: tuple[str, ...]
PAYMENT_CODES: tuple[Outcome, ...]
GIFT_STATUS_CODES: tuple[Outcome, ...]
GIFT_RESULT_CODES: tuple[Outcome, ...]

_Amount = Union[int, str]
"""Whole VND: an int or a string of digits (``"20000"``)."""
_Integer = Union[int, str]
"""A whole number (epoch ms, ids): an int or a string of digits."""
_Lang = Literal["vi", "en"]
_ResultClass = Literal["SUCCESS", "AUTHORIZED", "PENDING", "REJECTED", "FAILED", "UNKNOWN"]
_PaymentMethod = Literal["MOMOSCANNER", "MOMOQR", "CASH", "CREDIT_CARD", "VIETQR"]
_GiftStatusCode = Literal[
    "SUCCESS",
    "GIFT_EMPTY",
    "NO_WALLET",
    "TOO_MANY_VOUCHERS",
    "TOTAL_EXCEEDED",
    "CREATE_ERROR",
    "CHECK_REQUEST_ID_EMPTY",
    "TRANSACTION_NOT_FOUND",
    "INVALID_DATE_FORMAT",
    "INVALID_GIFT_TYPE",
    "INVALID_TIME_RANGE",
    "GIFT_TYPE_NOT_FOUND",
    "DUPLICATE_GIFT_ID",
    "INVALID_GIFT_AMOUNT",
    "TIMEOUT",
    "UNKNOWN",
]

# ---------------------------------------------------------------- inputs

@type_check_only
class GiftPaths(TypedDict, total=False):
    create: str
    status: str
    get_trans: str

@type_check_only
class ClientConfig(TypedDict, total=False):
    environment: Literal["sandbox", "production"]
    partner_code: Optional[str]
    access_key: Optional[str]
    secret_key: Optional[str]
    public_key: Optional[str]
    partner_id: Optional[str]
    client_id: Optional[str]
    client_secret: Optional[str]
    gateway_base_url: Optional[str]
    business_base_url: Optional[str]
    gift_base_url: Optional[str]
    gift_paths: GiftPaths
    lang: _Lang

@type_check_only
class TokenizationCreateRequest(TypedDict, total=False):
    request_id: Optional[str]
    order_id: Required[str]
    reference_code: Required[str]
    sub_partner_code: str
    store_id: Optional[str]
    request_time: Required[_Integer]
    lang: Optional[_Lang]

@type_check_only
class Item(TypedDict, total=False):
    id: Required[str]
    name: Required[str]
    description: Optional[str]
    category: Optional[str]
    image_url: Optional[str]
    manufacturer: Optional[str]
    price: Required[_Amount]
    currency: Optional[str]
    quantity: Required[_Integer]
    unit: Optional[str]
    total_price: Optional[_Amount]
    tax_amount: Optional[_Amount]

@type_check_only
class PromotionEntry(TypedDict, total=False):
    id: Required[str]
    campaign_id: Optional[str]
    name: Optional[str]
    amount: Required[_Amount]
    type: Optional[str]
    rate: Optional[str]

@type_check_only
class Fee(TypedDict):
    amount: _Amount
    type: str

@type_check_only
class TokenizationPayRequest(TypedDict, total=False):
    request_id: Optional[str]
    order_id: Required[str]
    token: Required[str]
    token_envelope: Literal["valueJson", "raw"]
    amount: Required[_Amount]
    original_amount: Optional[_Amount]
    order_info: Required[str]
    partner_client_id: str
    sub_partner_code: Optional[str]
    store_id: Optional[str]
    order_group_id: Optional[_Integer]
    auto_capture: Optional[bool]
    items: list[Item]
    promotion_list: list[PromotionEntry]
    fee_list: list[Fee]
    request_time: Required[_Integer]
    extra_data: str
    lang: Optional[_Lang]

@type_check_only
class QueryRequest(TypedDict, total=False):
    request_id: Optional[str]
    order_id: Required[str]
    lang: Optional[_Lang]

@type_check_only
class ConfirmRequest(TypedDict, total=False):
    request_id: Optional[str]
    order_id: Required[str]
    request_type: Required[Literal["capture", "cancel"]]
    amount: Required[_Amount]
    description: str
    lang: Optional[_Lang]

@type_check_only
class RefundRequest(TypedDict, total=False):
    request_id: Optional[str]
    order_id: Required[str]
    trans_id: Required[_Integer]
    amount: Required[_Amount]
    description: str
    original_order_id: Optional[str]
    lang: Optional[_Lang]

@type_check_only
class SaleInfoInput(TypedDict, total=False):
    pos_id: Required[str]
    pos_name: Required[str]
    tran_id: Optional[str]
    tran_date: Required[_Integer]
    original_amount: Required[_Amount]
    service_charge: Union[float, str, int]
    service_charge_amount: Optional[_Amount]
    ship_fee_amount: _Amount
    vat_amount: _Amount
    bill_amount: Optional[_Amount]
    discount_amount: _Amount
    total_amount: Optional[_Amount]
    payment_method: Required[_PaymentMethod]

@type_check_only
class RedeemStatusRequest(TypedDict, total=False):
    momo_campaign_id: Required[str]
    x_request_id: Optional[str]
    voucher_code: Required[str]
    user_phone_number: str
    momo_transaction_id: Required[str]
    partner_transaction_id: Required[str]
    redeem_status: Required[Literal["SUCCESS", "FAIL"]]
    sale_info: Required[SaleInfoInput]

@type_check_only
class Gift(TypedDict, total=False):
    gift_id: Required[str]
    gift_type: Required[str]
    amount: Required[_Amount]
    start_time: Required[_Integer]
    end_time: Required[_Integer]
    reference: Optional[str]
    description: Optional[str]
    quantity: Optional[_Integer]

@type_check_only
class GiftCreateRequest(TypedDict, total=False):
    request_id: Optional[str]
    time: Required[_Integer]
    wallet_id: Required[str]
    gifts: Required[list[Gift]]

@type_check_only
class GiftStatusRequest(TypedDict, total=False):
    request_id: Optional[str]
    check_request_id: Required[str]

@type_check_only
class GiftGetTransRequest(TypedDict, total=False):
    request_id: Optional[str]
    date: Required[str]
    offset: Required[_Integer]
    page: _Integer

_CreateRequestType = Literal["captureWallet", "payWithMethod", "payWithATM", "payWithCC"]

@type_check_only
class PaymentUserInfo(TypedDict, total=False):
    name: Optional[str]
    phone_number: Optional[str]
    email: Optional[str]

@type_check_only
class DeliveryInfo(TypedDict, total=False):
    delivery_address: Optional[str]
    delivery_fee: Optional[_Amount]
    quantity: Optional[_Integer]

@type_check_only
class CreatePaymentRequest(TypedDict, total=False):
    request_id: Optional[str]
    order_id: Required[str]
    request_type: Required[_CreateRequestType]
    amount: Required[_Amount]
    order_info: Required[str]
    redirect_url: str
    ipn_url: Required[str]
    extra_data: str
    items: list[Item]
    user_info: Optional[PaymentUserInfo]
    delivery_info: Optional[DeliveryInfo]
    auto_capture: Optional[bool]
    order_group_id: Optional[_Integer]
    store_id: Optional[str]
    partner_name: Optional[str]
    order_expire_time: Optional[_Integer]
    lang: Optional[_Lang]

# ---------------------------------------------------------------- results

@final
class Record:
    """A read-only result: the core's serialized output with snake_case
    attributes (nested records and lists included)."""

    @property
    def type_name(self) -> str:
        """The core type this record was serialized from (``"QueryResponse"``)."""

    def get(self, name: str, default: Any = None) -> Any:
        """The field's value, or ``default`` when the core left it out."""

    def to_dict(self) -> dict[str, Any]:
        """A plain dict (snake_case keys), nested records and lists included."""

    def __getattribute__(self, name: str, /) -> Any: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __dir__(self) -> list[str]: ...

@type_check_only
class _Result:
    @property
    def type_name(self) -> str: ...
    def get(self, name: str, default: Any = None) -> Any: ...
    def to_dict(self) -> dict[str, Any]: ...

@type_check_only
class Outcome(_Result):
    code: Optional[int]
    class_: _ResultClass
    needs_query: bool
    retry_with_new_request_id: bool
    message_vi: str
    message_en: str

@type_check_only
class PromotionInfo(_Result):
    id: str
    campaign_id: str
    name: str

@type_check_only
class UserInfo(_Result):
    name: str

@type_check_only
class TokenizationCreateResponse(_Result):
    result_code: int
    message: str
    partner_code: str
    order_id: str
    request_id: str
    response_time: Optional[int]
    token: Optional[str]
    promotion_info: list[PromotionInfo]
    user_info: Optional[UserInfo]
    partner_user_id: Optional[str]
    outcome: Outcome

@type_check_only
class PaymentPromotion(_Result):
    amount: int
    amount_sponsor: int
    voucher_id: str
    voucher_type: str
    voucher_name: str
    merchant_rate: str

@type_check_only
class TokenizationPayResponse(_Result):
    result_code: int
    message: str
    partner_code: str
    order_id: str
    request_id: str
    amount: Optional[int]
    trans_id: Optional[int]
    response_time: Optional[int]
    partner_client_id: Optional[str]
    promotion_info: list[PaymentPromotion]
    outcome: Outcome

@type_check_only
class RefundTransaction(_Result):
    order_id: str
    amount: int
    result_code: int
    trans_id: Optional[int]
    created_time: Optional[int]

@type_check_only
class QueryResponse(_Result):
    result_code: int
    message: str
    partner_code: str
    order_id: str
    request_id: str
    amount: Optional[int]
    trans_id: Optional[int]
    pay_type: Optional[str]
    extra_data: Optional[str]
    refund_trans: list[RefundTransaction]
    promotion_info: list[PaymentPromotion]
    response_time: Optional[int]
    last_updated: Optional[int]
    outcome: Outcome

@type_check_only
class ConfirmResponse(_Result):
    result_code: int
    message: str
    partner_code: str
    order_id: str
    request_id: str
    request_type: Optional[str]
    amount: Optional[int]
    trans_id: Optional[int]
    response_time: Optional[int]
    outcome: Outcome

@type_check_only
class RefundResponse(_Result):
    result_code: int
    message: str
    partner_code: str
    order_id: str
    request_id: str
    amount: Optional[int]
    trans_id: Optional[int]
    response_time: Optional[int]
    outcome: Outcome

@type_check_only
class PaymentNotification(_Result):
    result_code: int
    message: str
    partner_code: str
    order_id: str
    request_id: str
    amount: int
    trans_id: Optional[int]
    order_info: str
    order_type: str
    pay_type: str
    extra_data: str
    response_time: Optional[int]
    signature: str
    outcome: Outcome

@type_check_only
class CreatePaymentResponse(_Result):
    result_code: int
    message: str
    partner_code: str
    order_id: str
    request_id: str
    amount: Optional[int]
    response_time: Optional[int]
    pay_url: Optional[str]
    deeplink: Optional[str]
    qr_code_url: Optional[str]
    applink: Optional[str]
    outcome: Outcome

@type_check_only
class NextWaitUntil(_Result):
    """Nothing to do until ``at_ms`` (or a notification): then ``tick``."""

    step: Literal["waitUntil"]
    at_ms: int

@type_check_only
class NextQueryNow(_Result):
    """Send a query and feed its answer (or its timeout)."""

    step: Literal["queryNow"]

@type_check_only
class NextConfirm(_Result):
    """Authorized: capture or cancel (your decision), then feed the answer."""

    step: Literal["confirm"]

@type_check_only
class NextFinal(_Result):
    """Done: nothing more to do for this payment."""

    step: Literal["final"]
    state: Literal["paid", "failed", "expired"]
    reason: Literal["succeeded", "failed", "rejected", "cancelled", "expired"]
    result_code: Optional[int]

_NextStep = Union[NextWaitUntil, NextQueryNow, NextConfirm, NextFinal]

@type_check_only
class Step(_Result):
    """The tracker's answer to one event; narrow ``next`` on ``next.step``."""

    next: _NextStep
    duplicate: bool

@type_check_only
class FormError(_Result):
    field: str
    message: str

@type_check_only
class RedeemStatusResponse(_Result):
    status: str
    message: str
    form_errors: list[FormError]
    success: bool

@type_check_only
class GiftResult(_Result):
    gift_id: str
    status: int
    status_desc: str
    voucher_id: Optional[str]
    payment_ref: Optional[str]
    quantity: Optional[int]
    status_code: _GiftStatusCode
    outcome: Outcome

@type_check_only
class GiftBatch(_Result):
    request_id: str
    reference_id: str
    result_code: int
    message: str
    total_amount: Optional[int]
    gifts: list[GiftResult]
    outcome: Outcome

@type_check_only
class GiftStatusResponse(_Result):
    request_id: str
    reference_id: str
    result_code: int
    message: str
    data: Optional[GiftBatch]
    outcome: Outcome

@type_check_only
class GiftGetTransResponse(_Result):
    request_id: str
    reference_id: str
    result_code: int
    message: str
    datas: list[GiftBatch]
    outcome: Outcome

@type_check_only
class SaleInfo(_Result):
    """A computed saleInfo. ``tran_id`` is present only when it was given:
    read it with ``sale.get("tran_id")``."""

    pos_id: str
    pos_name: str
    tran_date: int
    original_amount: int
    service_charge: float
    service_charge_amount: int
    ship_fee_amount: int
    vat_amount: int
    bill_amount: int
    discount_amount: int
    total_amount: int
    payment_method: _PaymentMethod

# ---------------------------------------------------------------- classes

@final
class PreparedRequest:
    """A ready HTTP request; ``repr()``, ``str()`` and ``to_dict()`` hide the
    Authorization value and a body that holds a secret."""

    @property
    def method(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def headers(self) -> dict[str, str]: ...
    @property
    def body(self) -> str: ...
    @property
    def body_bytes(self) -> bytes: ...
    @property
    def timeout_ms(self) -> int: ...
    @property
    def timeout(self) -> float: ...
    @property
    def request_id(self) -> str: ...
    @property
    def signature_raw(self) -> Optional[str]: ...
    @property
    def sensitive_body(self) -> bool: ...
    @property
    def holds_secret(self) -> bool: ...
    def header(self, name: str) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Any]:
        """The request as a dict, safe to log (secrets read ``***``)."""
    def to_dict_with_secrets(self) -> dict[str, Any]:
        """The request as a dict as it is sent, secrets included: never log it."""

@final
class AccessToken:
    """A Business Page access token; ``repr()`` never shows the token."""

    def __new__(cls, token: str, expires_at_ms: int) -> AccessToken: ...
    @property
    def expires_at_ms(self) -> int: ...
    def expose(self) -> str: ...
    def is_expired(self, now_ms: int) -> bool: ...
    def needs_refresh(self, now_ms: int, margin_ms: Optional[int] = None) -> bool: ...
    def authorization(self, now_ms: int) -> str: ...

@final
class MomoClient:
    """A MoMo client; ``repr()`` never shows secret_key or client_secret."""

    def __new__(cls, config: Optional[ClientConfig] = None, /, **kwargs: Unpack[ClientConfig]) -> MomoClient: ...
    @overload
    def tokenization_create(self, request: TokenizationCreateRequest, /) -> PreparedRequest: ...
    @overload
    def tokenization_create(self, request: None = None, /, **kwargs: Unpack[TokenizationCreateRequest]) -> PreparedRequest: ...
    @overload
    def tokenization_pay(self, request: TokenizationPayRequest, /) -> PreparedRequest: ...
    @overload
    def tokenization_pay(self, request: None = None, /, **kwargs: Unpack[TokenizationPayRequest]) -> PreparedRequest: ...
    @overload
    def query(self, request: QueryRequest, /) -> PreparedRequest: ...
    @overload
    def query(self, request: None = None, /, **kwargs: Unpack[QueryRequest]) -> PreparedRequest: ...
    @overload
    def confirm(self, request: ConfirmRequest, /) -> PreparedRequest: ...
    @overload
    def confirm(self, request: None = None, /, **kwargs: Unpack[ConfirmRequest]) -> PreparedRequest: ...
    @overload
    def refund(self, request: RefundRequest, /) -> PreparedRequest: ...
    @overload
    def refund(self, request: None = None, /, **kwargs: Unpack[RefundRequest]) -> PreparedRequest: ...
    def login(self) -> PreparedRequest: ...
    @overload
    def redeem_status(
        self, request: RedeemStatusRequest, /, *, access_token: AccessToken, now_ms: int
    ) -> PreparedRequest: ...
    @overload
    def redeem_status(
        self, request: None = None, /, *, access_token: AccessToken, now_ms: int, **kwargs: Unpack[RedeemStatusRequest]
    ) -> PreparedRequest: ...
    @overload
    def gift_create(self, request: GiftCreateRequest, /) -> PreparedRequest: ...
    @overload
    def gift_create(self, request: None = None, /, **kwargs: Unpack[GiftCreateRequest]) -> PreparedRequest: ...
    @overload
    def gift_status(self, request: GiftStatusRequest, /) -> PreparedRequest: ...
    @overload
    def gift_status(self, request: None = None, /, **kwargs: Unpack[GiftStatusRequest]) -> PreparedRequest: ...
    @overload
    def gift_get_trans(self, request: GiftGetTransRequest, /) -> PreparedRequest: ...
    @overload
    def gift_get_trans(self, request: None = None, /, **kwargs: Unpack[GiftGetTransRequest]) -> PreparedRequest: ...
    def verify_ipn(
        self, body: Union[str, bytes], *, now_ms: Optional[int] = None, tolerance_ms: Optional[int] = None
    ) -> PaymentNotification: ...
    @overload
    def create_payment(self, request: CreatePaymentRequest, /) -> PreparedRequest: ...
    @overload
    def create_payment(self, request: None = None, /, **kwargs: Unpack[CreatePaymentRequest]) -> PreparedRequest: ...
    def verify_redirect(self, query: _RedirectQuery) -> PaymentNotification:
        """The redirect's query string (``str``/``bytes``, still URL-encoded),
        or your framework's decoded pairs (a dict, values a ``str`` or a list
        of ``str``; or a list of ``(name, value)``)."""

_RedirectQuery = Union[
    str,
    bytes,
    dict[str, str],
    dict[str, list[str]],
    list[tuple[str, str]],
    tuple[tuple[str, str], ...],
]

_TrackedOperation = Literal["create", "pay", "refund"]
_OutcomeArg = Union[Outcome, Mapping[str, Any]]

@final
class PaymentTracker:
    """One payment's lifecycle, decided by momo-core: feed it each event
    with your clock and act on the :class:`Step` it answers."""

    def __new__(cls, operation: _TrackedOperation, expires_at_ms: int) -> PaymentTracker: ...
    @property
    def operation(self) -> _TrackedOperation: ...
    @property
    def expires_at_ms(self) -> int: ...
    @property
    def queries(self) -> int: ...
    @property
    def next(self) -> _NextStep: ...
    def create_answered(self, outcome: _OutcomeArg, now_ms: int) -> Step: ...
    def pay_answered(self, outcome: _OutcomeArg, now_ms: int) -> Step: ...
    def refund_answered(self, outcome: _OutcomeArg, now_ms: int) -> Step: ...
    def query_answered(self, outcome: _OutcomeArg, now_ms: int) -> Step: ...
    def notified(self, notification: Union[PaymentNotification, Mapping[str, Any]], now_ms: int) -> Step: ...
    def confirm_answered(
        self, request_type: Literal["capture", "cancel"], outcome: _OutcomeArg, now_ms: int
    ) -> Step: ...
    def transport_timeout(self, now_ms: int) -> Step: ...
    def tick(self, now_ms: int) -> Step: ...
    def to_dict(self) -> dict[str, Any]:
        """The stored form (the core's, camelCase keys, the same in every host)."""
    def to_json(self) -> str: ...
    @classmethod
    def from_dict(cls, state: Mapping[str, Any]) -> PaymentTracker: ...
    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> PaymentTracker: ...
    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]: ...
    def __eq__(self, other: object, /) -> bool: ...

# ---------------------------------------------------------------- functions

_Body = Union[str, bytes]

def parse_tokenization_create(status: int, body: _Body) -> TokenizationCreateResponse: ...
def parse_tokenization_pay(status: int, body: _Body) -> TokenizationPayResponse: ...
def parse_create_payment(status: int, body: _Body) -> CreatePaymentResponse: ...
def parse_query(status: int, body: _Body) -> QueryResponse: ...
def parse_confirm(status: int, body: _Body) -> ConfirmResponse: ...
def parse_refund(status: int, body: _Body) -> RefundResponse: ...
def parse_redeem_status(status: int, body: _Body) -> RedeemStatusResponse: ...
def parse_gift_create(status: int, body: _Body) -> GiftBatch: ...
def parse_gift_status(status: int, body: _Body) -> GiftStatusResponse: ...
def parse_gift_get_trans(status: int, body: _Body) -> GiftGetTransResponse: ...
def parse_login(status: int, body: _Body, now_ms: int) -> AccessToken: ...
@overload
def compute_sale_info(sale_info: SaleInfoInput, /) -> SaleInfo: ...
@overload
def compute_sale_info(sale_info: None = None, /, **kwargs: Unpack[SaleInfoInput]) -> SaleInfo: ...
def encode_extra_data(value: Union[str, Mapping[str, Any]]) -> str: ...
def decode_extra_data(extra_data: str) -> str: ...
def new_request_id() -> str: ...
def new_order_id() -> str: ...
def new_x_request_id() -> str: ...
def outcome_of_payment(code: int) -> Outcome: ...
def outcome_of_gift_status(code: int) -> Outcome: ...
def outcome_of_gift_result(code: int) -> Outcome: ...
def transport_timeout_outcome() -> Outcome: ...
def order_expires_at_ms(created_at_ms: int, order_expire_time: Optional[int] = None) -> int: ...
def gift_get_trans_next_page(
    request: Union[GiftGetTransRequest, Mapping[str, Any]], response: GiftGetTransResponse
) -> Optional[GiftGetTransRequest]: ...
def _panic_probe() -> None: ...

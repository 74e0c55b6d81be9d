"""A small typed program over momo_core: `mypy --strict` must accept it
(test.sh), and test_typing.py runs it."""

from typing import TYPE_CHECKING, List, Optional

import momo_core
from momo_core import AccessToken, MomoClient, MomoError, MomoValidationError, PaymentTracker, PreparedRequest

if TYPE_CHECKING:
    from momo_core import CreatePaymentRequest, Item, NextStep, Outcome, PaymentNotification, QueryResponse


def checkout(client: MomoClient, order_id: str) -> PreparedRequest:
    items: "List[Item]" = [{"id": "sku-1", "name": "Cà phê", "price": 25000, "quantity": 2}]
    return client.tokenization_pay(
        order_id=order_id,
        token="tok",
        amount="50000",
        order_info="Đơn hàng",
        request_time=1_700_000_000_000,
        items=items,
    )


def settled(status: int, body: bytes) -> bool:
    res: "QueryResponse" = momo_core.parse_query(status, body)
    outcome: "Outcome" = res.outcome
    amount: Optional[int] = res.amount
    return outcome.class_ == "SUCCESS" and amount is not None and not outcome.needs_query


def bearer(token: AccessToken, now_ms: int) -> Optional[str]:
    if token.needs_refresh(now_ms):
        return None
    return token.authorization(now_ms)


def qr_checkout(client: MomoClient, now_ms: int) -> str:
    """create -> the QR code's data -> a tracker waiting for the customer."""
    order: "CreatePaymentRequest" = {
        "order_id": "POS42-QR-0001",
        "request_type": "captureWallet",
        "amount": 150_000,
        "order_info": "Cà phê sữa đá x3",
        "ipn_url": "https://pos.example.vn/momo/ipn",
        "order_expire_time": 10,
    }
    request = client.create_payment(order)
    assert request.url.endswith("/v2/gateway/api/create")
    created = momo_core.parse_create_payment(
        200, '{"resultCode":0,"qrCodeUrl":"momo://app?sid=x","payUrl":"https://pay.example/x"}'
    )
    qr: Optional[str] = created.qr_code_url
    tracker = PaymentTracker("create", momo_core.order_expires_at_ms(now_ms, 10))
    step = tracker.create_answered(created.outcome, now_ms)
    return describe(step.next) + " " + (qr or "")


def describe(next_step: "NextStep") -> str:
    """The step, narrowed on its `step` tag."""
    if next_step.step == "waitUntil":
        at: int = next_step.at_ms
        return f"wait until {at}"
    if next_step.step == "final":
        code: Optional[int] = next_step.result_code
        return f"{next_step.state} ({next_step.reason}, {code})"
    return next_step.step


def on_redirect(client: MomoClient, tracker: PaymentTracker, query: str, now_ms: int) -> bool:
    paid: "PaymentNotification" = client.verify_redirect(query)
    step = tracker.notified(paid, now_ms)
    stored: str = tracker.to_json()
    resumed = PaymentTracker.from_dict(tracker.to_dict())
    return step.next.step == "final" and not step.duplicate and resumed == PaymentTracker.from_json(stored)


def main() -> int:
    client = MomoClient(partner_code="MOMO", access_key="F8BBA842ECF85", secret_key="K951B6PE1waDMi640xX08PD3vg6EkVlz")
    query = client.query(order_id="ORDER-1", lang="en")
    timeout: float = query.timeout
    headers: dict[str, str] = query.headers
    assert timeout == 30.0 and headers["Content-Type"].startswith("application/json")
    assert settled(200, b'{"resultCode":0,"amount":1000}')
    assert bearer(AccessToken("t", 10**13), 0) == "Bearer t"
    try:
        client.query({"order_id": "bad id"})
    except MomoValidationError as err:
        code: str = err.code
        field: str = err.field
        assert (code, field) == ("INVALID_FORMAT", "orderId")
    except MomoError:
        raise
    sale = momo_core.compute_sale_info(
        pos_id="1", pos_name="p", tran_date=1, original_amount=1000, payment_method="CASH"
    )
    total: int = sale.total_amount
    gifts = momo_core.parse_gift_create(200, '{"resultCode":0,"gifts":[{"giftId":"g","status":0}]}')
    status_codes: List[str] = [g.status_code for g in gifts.gifts]
    assert total == 1000 and status_codes == ["SUCCESS"]
    now = 1_765_090_800_000
    assert qr_checkout(client, now) == f"wait until {now + 10_000} momo://app?sid=x"
    tracker = PaymentTracker("create", momo_core.order_expires_at_ms(now))
    tracker.create_answered(momo_core.outcome_of_payment(0), now)
    fields = [("partnerCode", "MOMO"), ("orderId", "POS42-QR-0001"), ("requestId", "req-create-1"),
              ("amount", "150000"), ("orderInfo", "x"), ("orderType", "momo_wallet"), ("transId", "1"),
              ("resultCode", "0"), ("message", "ok"), ("payType", "qr"), ("responseTime", "1"), ("extraData", "")]
    try:
        on_redirect(client, tracker, "&".join(f"{k}={v}" for k, v in fields) + "&signature=" + "0" * 64, now)
    except momo_core.MomoSignatureError as err:
        assert err.code == "SIGNATURE_MISMATCH"
    assert describe(tracker.next).startswith("wait until")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

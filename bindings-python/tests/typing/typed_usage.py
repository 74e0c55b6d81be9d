"""A small typed program over momo_core: `mypy --strict` must accept it
(test.sh), and test_typing.py runs it."""

from typing import TYPE_CHECKING, List, Optional

import momo_core
from momo_core import AccessToken, MomoClient, MomoError, MomoValidationError, PreparedRequest

if TYPE_CHECKING:
    from momo_core import Item, Outcome, QueryResponse


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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Mistakes the stubs must catch: `mypy` must report exactly the errors
marked `# E` below (test.sh counts them)."""

import momo_core
from momo_core import MomoClient

client = MomoClient(partner_code="MOMO", secret_key="s")
client.query(order_idd="ORDER-1")  # E: unknown keyword
client.query(order_id=12345)  # E: order_id is a str
client.query(lang="vi")  # E: order_id is required
client.tokenization_pay(order_id="O", token="t", amount=1.5, order_info="i", request_time=1)  # E: amount is int|str
res = momo_core.parse_query(200, "{}")
res.result_cod  # E: no such attribute
code: str = res.outcome.code  # E: Optional[int]
MomoClient(environment="staging")  # E: not a known environment
momo_core.AccessToken("t", 1).authorization()  # E: now_ms is required
client.create_payment(order_id="O", amount=1000, order_info="i", ipn_url="https://a.vn")  # E: request_type is required
client.create_payment(order_id="O", request_type="payWithVTS", amount=1, order_info="i", ipn_url="u")  # E: not a requestType
momo_core.PaymentTracker("paid", 1)  # E: not an operation
at_ms: int = momo_core.PaymentTracker("pay", 1).tick(1).next.step  # E: step is the tag, a str
client.verify_redirect({"amount": 1})  # E: values are str

"""A Python service on MoMo, end to end against the offline sandbox.

    MOMO_SANDBOX_URL=http://127.0.0.1:8080 .venv/bin/python examples/python-service/service.py

The service:
1. listens for MoMo's payment notifications (IPN) on 127.0.0.1, verifies each
   with ``MomoClient.verify_ipn`` and answers 204 (400 to a forged one);
2. takes a 7,000,000 VND payment that MoMo leaves pending (7000), resolves it
   with a query, and waits for the verified notification of the final result;
3. sends a gift to the customer (Gift API create) and reads its status.

All HTTP goes through the standard library (urllib, http.server); momo_core
only prepares requests and reads answers. Every step prints one line; the exit
status is 0 only if every step ended as expected.
"""

from __future__ import annotations

import json
import os
import queue
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Optional, Tuple

import momo_core
from momo_core import MomoClient, MomoError, PreparedRequest

PENDING_AMOUNT = 7_000_000  # the sandbox answers 7000 (pending) to this amount
CUSTOMER_WALLET = "0912345678"


def now_ms() -> int:
    return int(time.time() * 1000)


def send(request: PreparedRequest) -> Tuple[int, bytes]:
    """Sends a prepared request with urllib; MoMo's 4xx answers carry a body too."""
    http = urllib.request.Request(
        request.url, data=request.body_bytes, headers=request.headers, method=request.method
    )
    try:
        with urllib.request.urlopen(http, timeout=request.timeout) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.read()


def get_json(url: str) -> Dict[str, Any]:
    with urllib.request.urlopen(url, timeout=10) as answer:
        loaded: Dict[str, Any] = json.load(answer)
        return loaded


def post_json(url: str, value: Dict[str, Any]) -> int:
    data = json.dumps(value).encode()
    http = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(http, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as answer:
        return int(answer.code)


class Steps:
    """Prints each step and counts the ones that did not end as expected."""

    def __init__(self) -> None:
        self.failures = 0

    def check(self, step: str, ok: bool, detail: str) -> bool:
        print(f"[python] {'ok  ' if ok else 'FAIL'} {step}: {detail}", flush=True)
        if not ok:
            self.failures += 1
        return ok


class IpnListener:
    """MoMo's notifications: verified with momo_core, answered 204 (or 400)."""

    def __init__(self, client: MomoClient) -> None:
        self.verified: "queue.Queue[Any]" = queue.Queue()
        self.rejected: "queue.Queue[str]" = queue.Queue()
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                try:
                    notification = client.verify_ipn(body)
                except MomoError as error:
                    listener.rejected.put(f"{error.code} ({error.field})")
                    self.send_response(400)
                    self.end_headers()
                    return
                listener.verified.put(notification)
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass  # the steps print what matters

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/momo/ipn"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, order_id: str, seconds: float) -> Optional[Any]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                notification = self.verified.get(timeout=max(0.05, deadline - time.monotonic()))
            except queue.Empty:
                return None
            if notification.order_id == order_id:
                return notification
        return None


def pending_payment(client: MomoClient, ipn: IpnListener, steps: Steps) -> None:
    order_id = momo_core.new_order_id()
    created = momo_core.parse_tokenization_create(
        *send(
            client.tokenization_create(
                order_id=order_id, reference_code="1023984137834985578", request_time=now_ms()
            )
        )
    )
    token = created.token or ""
    steps.check(f"scan for {order_id}", created.result_code == 0 and bool(token), created.message)

    paid = momo_core.parse_tokenization_pay(
        *send(
            client.tokenization_pay(
                order_id=order_id,
                token=token,
                amount=PENDING_AMOUNT,
                order_info="Dinner for 12",
                request_time=now_ms(),
            )
        )
    )
    steps.check(
        "pay 7,000,000 VND is pending",
        paid.outcome.class_ == "PENDING" and paid.outcome.needs_query,
        f"resultCode {paid.result_code}, class {paid.outcome.class_}, needs query {paid.outcome.needs_query}",
    )

    final = None
    for attempt in range(1, 6):
        answer = momo_core.parse_query(*send(client.query(order_id=order_id)))
        print(f"[python]      query #{attempt}: resultCode {answer.result_code} ({answer.outcome.class_})")
        if not answer.outcome.needs_query:
            final = answer
            break
        time.sleep(0.2)
    steps.check(
        "query resolves the pending payment",
        final is not None and final.outcome.class_ == "SUCCESS",
        f"resultCode {final.result_code if final else None}",
    )

    notification = ipn.wait_for(order_id, seconds=10)
    steps.check(
        "MoMo's notification is verified and answered 204",
        notification is not None and notification.result_code == 0 and notification.amount == PENDING_AMOUNT,
        f"resultCode {notification.result_code}, amount {notification.amount:,} VND, transId {notification.trans_id}"
        if notification
        else "no verified notification within 10 s",
    )


def forged_notification(ipn: IpnListener, steps: Steps) -> None:
    """A notification whose amount was changed after signing must be refused."""
    body = {
        "partnerCode": "MOMO",
        "orderId": "forged-1",
        "requestId": "forged-1",
        "amount": 1000,
        "orderInfo": "",
        "orderType": "momo_wallet",
        "transId": 1,
        "resultCode": 0,
        "message": "Successful.",
        "payType": "qr",
        "responseTime": now_ms(),
        "extraData": "",
        "signature": "0" * 64,
    }
    status = post_json(ipn.url, body)
    try:
        reason = ipn.rejected.get(timeout=2)
    except queue.Empty:
        reason = "not rejected"
    steps.check("a forged notification is refused", status == 400, f"HTTP {status}, {reason}")


def gift(client: MomoClient, steps: Steps) -> None:
    start = now_ms()
    request = client.gift_create(
        time=start,
        wallet_id=CUSTOMER_WALLET,
        gifts=[
            {
                "gift_id": "thank-you-1",
                "gift_type": "CASHBACK",
                "amount": 50_000,
                "start_time": start,
                "end_time": start + 30 * 24 * 3600 * 1000,
                "description": "Cảm ơn quý khách",
            }
        ],
    )
    batch = momo_core.parse_gift_create(*send(request))
    steps.check(
        "gift of 50,000 VND created",
        batch.result_code == 0 and len(batch.gifts) == 1 and batch.gifts[0].status == 0,
        f"resultCode {batch.result_code}, gift status {[g.status for g in batch.gifts]}, referenceId {batch.reference_id}",
    )
    status = momo_core.parse_gift_status(*send(client.gift_status(check_request_id=request.request_id)))
    data = status.data
    steps.check(
        "gift status is read back",
        status.result_code == 0 and data is not None and [g.gift_id for g in data.gifts] == ["thank-you-1"],
        f"resultCode {status.result_code}, {data.gifts[0].status_desc if data and data.gifts else 'no gifts'}",
    )


def main() -> int:
    base = os.environ.get("MOMO_SANDBOX_URL", "http://127.0.0.1:8080").rstrip("/")
    credentials = get_json(f"{base}/sandbox/credentials")
    client = MomoClient(
        partner_code=credentials["partnerCode"],
        access_key=credentials["accessKey"],
        secret_key=credentials["secretKey"],
        public_key=credentials["publicKeyPem"],
        partner_id=credentials["partnerId"],
        client_id=credentials["clientId"],
        client_secret=credentials["clientSecret"],
        gateway_base_url=base,
        business_base_url=f"{base}/api",
        gift_base_url=base,
        lang="en",
    )
    print(f"[python] client: {client!r}")
    steps = Steps()

    ipn = IpnListener(client)
    registered = post_json(f"{base}/sandbox/ipn-url", {"url": ipn.url})
    steps.check("IPN listener registered", registered in (200, 204), f"{ipn.url} (HTTP {registered})")

    try:
        pending_payment(client, ipn, steps)
        forged_notification(ipn, steps)
        gift(client, steps)
    except MomoError as error:
        steps.check("unexpected error", False, f"{type(error).__name__} {error.code} at {error.field}: {error.message}")
    finally:
        ipn.server.shutdown()

    if steps.failures:
        print(f"[python] {steps.failures} step(s) did not end as expected")
        return 1
    print("[python] every step ended as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())

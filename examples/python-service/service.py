"""A Python service on MoMo, end to end against the offline sandbox.

    MOMO_SANDBOX_URL=http://127.0.0.1:8080 .venv/bin/python examples/python-service/service.py

The service:
1. listens for MoMo's payment notifications (IPN) on 127.0.0.1, verifies each
   with ``MomoClient.verify_ipn`` and answers 204 (400 to a forged one);
2. takes a 7,000,000 VND payment that MoMo leaves pending (7000), resolves it
   with a query, and waits for the verified notification of the final result;
3. sells a coffee order by QR code (one-time payment, create): shows the
   payUrl/qrCodeUrl, acts as the customer by approving on the sandbox's
   payment page, follows its 303 redirect back to the service, which verifies
   the query string with ``MomoClient.verify_redirect`` (and refuses a forged
   one), and drives a ``PaymentTracker`` to final(paid); MoMo's notification
   of the same payment is then recognised as a duplicate;
4. sends a gift to the customer (Gift API create) and reads its status.

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
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, Dict, Optional, Tuple

import momo_core
from momo_core import MomoClient, MomoError, NextStep, PaymentTracker, PreparedRequest

if TYPE_CHECKING:
    from momo_core import Step

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
    """MoMo's notifications: verified with momo_core, answered 204 (or 400).
    Also the redirectUrl (GET /momo/return) the customer's browser comes back
    to: its query string is verified with verify_redirect (200, or 400)."""

    def __init__(self, client: MomoClient) -> None:
        self.verified: "queue.Queue[Any]" = queue.Queue()
        self.rejected: "queue.Queue[str]" = queue.Queue()
        self.redirects: "queue.Queue[Any]" = queue.Queue()
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                url = urllib.parse.urlsplit(self.path)
                if url.path != "/momo/return":
                    self.send_error(404)
                    return
                try:
                    paid = client.verify_redirect(url.query)
                except MomoError as error:
                    listener.redirects.put(error)
                    self.answer(400, f"This link was not signed by MoMo ({error.code}).")
                    return
                listener.redirects.put(paid)
                self.answer(200, f"Order {paid.order_id}: {paid.outcome.message_en}")

            def answer(self, status: int, text: str) -> None:
                body = text.encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

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
        self.return_url = f"http://127.0.0.1:{self.server.server_address[1]}/momo/return"
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


QR_AMOUNT = 150_000


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Lets the caller see a 303 (and its Location) instead of following it."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def browser_post(url: str) -> Tuple[int, str]:
    """The customer's browser submitting a form: the status and Location."""
    opener = urllib.request.build_opener(NoRedirect())
    request = urllib.request.Request(url, data=b"", method="POST")
    try:
        with opener.open(request, timeout=10) as answer:
            return int(answer.status), answer.headers.get("Location") or ""
    except urllib.error.HTTPError as answer:
        return int(answer.code), answer.headers.get("Location") or ""


def browser_get(url: str) -> Tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return int(answer.status), answer.read().decode()
    except urllib.error.HTTPError as answer:
        return int(answer.code), answer.read().decode()


def qr_checkout(client: MomoClient, ipn: IpnListener, steps: Steps) -> None:
    """A one-time payment by QR code, from create to the tracker's final step."""
    order_id = momo_core.new_order_id()
    created_at = now_ms()
    tracker = PaymentTracker("create", momo_core.order_expires_at_ms(created_at, 10))
    request = client.create_payment(
        order_id=order_id,
        request_type="captureWallet",
        amount=QR_AMOUNT,
        order_info="Cà phê sữa đá x3 & bánh mì",
        redirect_url=ipn.return_url,
        ipn_url=ipn.url,
        order_expire_time=10,
    )
    created = momo_core.parse_create_payment(*send(request))
    step = tracker.create_answered(created.outcome, now_ms())
    steps.check(
        f"QR checkout {order_id} created",
        created.result_code == 0 and bool(created.qr_code_url) and step.next.step == "waitUntil",
        f"resultCode {created.result_code}; tracker: {describe(step.next)}",
    )
    print(f"[python]      payUrl    {created.pay_url}")
    print(f"[python]      qrCodeUrl {created.qr_code_url}  (render it as the QR code)")
    if not created.pay_url:
        return

    # The customer scans and pays: here, the sandbox's payment page's Approve.
    page, _ = browser_get(created.pay_url)
    status, location = browser_post(created.pay_url + "/approve")
    steps.check(
        "the customer approves on the payment page",
        page == 200 and status == 303 and location.startswith(ipn.return_url + "?"),
        f"page HTTP {page}; approve HTTP {status} to {location[:70]}...",
    )
    if not location:
        return

    # A forged redirect (the amount changed) is refused by the return page...
    forged = location.replace(f"amount={QR_AMOUNT}", "amount=1500", 1)
    forged_status, forged_text = browser_get(forged)
    refused = ipn.redirects.get(timeout=5)
    steps.check(
        "a forged redirect is refused",
        forged != location and forged_status == 400 and isinstance(refused, MomoError),
        f"HTTP {forged_status}: {forged_text}",
    )
    # ...and MoMo's real one is verified (the browser follows the 303).
    return_status, return_text = browser_get(location)
    paid = ipn.redirects.get(timeout=5)
    verified = not isinstance(paid, MomoError)
    steps.check(
        "the redirect's query string is verified (verify_redirect)",
        return_status == 200 and verified and paid.order_id == order_id and paid.amount == QR_AMOUNT,
        f"HTTP {return_status}: {return_text}; transId {paid.trans_id if verified else None}",
    )
    if not verified:
        return

    # The tracker decides: the verified redirect says paid; MoMo's IPN of the
    # same payment (same transId and resultCode) is then a duplicate. Any
    # wait or query it asks for on the way is done here too.
    step = tracker.notified(paid, now_ms())
    print(f"[python]      tracker after the redirect: {describe(step.next)}")
    step = drive(client, ipn, tracker, order_id, step)
    final = step.next
    steps.check(
        "the tracker ends final(paid)",
        final.step == "final" and final.state == "paid",
        describe(final),
    )
    notification = ipn.wait_for(order_id, seconds=10)
    if notification is None:
        steps.check("MoMo's notification of the QR payment is verified", False, "none within 10 s")
        return
    again = tracker.notified(notification, now_ms())
    steps.check(
        "MoMo's notification of the same payment is verified and is a duplicate",
        notification.trans_id == paid.trans_id and again.duplicate and again.next == final,
        f"transId {notification.trans_id}, duplicate {again.duplicate}, still {describe(again.next)}",
    )


def drive(client: MomoClient, ipn: IpnListener, tracker: PaymentTracker, order_id: str, step: "Step") -> "Step":
    """Does what the tracker says until it is final: wait for a verified
    notification (or the time), query, ... The decisions are the tracker's."""
    for _ in range(20):
        next_step = step.next
        if next_step.step == "final" or next_step.step == "confirm":
            return step  # a confirm would be the merchant's capture-or-cancel decision (autoCapture=false)
        if next_step.step == "waitUntil":
            notification = ipn.wait_for(order_id, seconds=max(0.0, (next_step.at_ms - now_ms()) / 1000))
            step = (tracker.notified(notification, now_ms()) if notification is not None
                    else tracker.tick(now_ms()))
        else:  # queryNow
            answer = momo_core.parse_query(*send(client.query(order_id=order_id)))
            step = tracker.query_answered(answer.outcome, now_ms())
        print(f"[python]      tracker: {describe(step.next)}")
    return step


def describe(next_step: NextStep) -> str:
    if next_step.step == "waitUntil":
        return f"wait until {next_step.at_ms} (in {(next_step.at_ms - now_ms()) / 1000:.0f} s)"
    if next_step.step == "final":
        return f"final({next_step.state}, {next_step.reason}, resultCode {next_step.result_code})"
    return next_step.step


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
        qr_checkout(client, ipn, steps)
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

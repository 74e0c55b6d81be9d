#!/usr/bin/env python3
"""Writes the shared test vectors, tests/vectors/*.json.

This is an independent reference implementation of MoMo's request rules in
Python's standard library (hmac, hashlib, json, fractions) plus the openssl
CLI for keys. It does not call momo-core: the expected outputs here are what
the Rust core and every binding must reproduce byte for byte.

  python3 tests/vectors/generate.py           # (re)write the JSON files
  python3 tests/vectors/generate.py --check   # verify the committed files:
      regenerate in memory and compare, recompute every HMAC with Python's
      hmac AND with `openssl dgst -sha256 -hmac`, and check every raw string
      against the signed-field table of PROTOCOL.md.

RSA test keys in keys/ are test-only private keys; they exist so that tests
can decrypt the token ciphertext the library produces.
"""

import base64
import hashlib
import hmac
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEYS = HERE / "keys"

# MoMo's published sandbox keys (PROTOCOL.md section 1).
PARTNER = {
    "partnerCode": "MOMO",
    "accessKey": "F8BBA842ECF85",
    "secretKey": "K951B6PE1waDMi640xX08PD3vg6EkVlz",
}
BUSINESS = {
    "partnerId": "MOMO_PARTNER_01",
    "clientId": "bp-client-123",
    "clientSecret": "bp-secret-456",
}
GIFT_BASE = "https://gift.partner.invalid"
GATEWAY = "https://test-payment.momo.vn"
BUSINESS_BASE = "https://test-business.momo.vn/api"
CONTENT_TYPE = {"Content-Type": "application/json; charset=UTF-8"}

# PROTOCOL.md section 1: signed fields per endpoint (accessKey from config).
SIGNED_FIELDS = {
    "tokenizationCreate": ["accessKey", "orderId", "partnerCode", "referenceCode", "requestId", "subPartnerCode"],
    "tokenizationPay": ["accessKey", "amount", "extraData", "orderId", "orderInfo", "partnerClientId",
                        "partnerCode", "requestId", "token"],
    "confirm": ["accessKey", "amount", "description", "orderId", "partnerCode", "requestId", "requestType"],
    "query": ["accessKey", "orderId", "partnerCode", "requestId"],
    "refund": ["accessKey", "amount", "description", "orderId", "partnerCode", "requestId", "transId"],
}
IPN_FIELDS = ["accessKey", "amount", "extraData", "message", "orderId", "orderInfo", "orderType",
              "partnerCode", "payType", "requestId", "responseTime", "resultCode", "transId"]


# ---------------------------------------------------------------- primitives

def dumps(obj):
    """Compact JSON, UTF-8 kept, as MoMo's samples send it."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def text(value):
    """A value as written in the raw string: blank is empty, numbers as sent."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    s = str(value)
    return "" if s.strip() == "" else s


def sent(value):
    """An optional free-text signed value as sent: whitespace-only is "",
    so the body says what the raw string signs (PROTOCOL.md section 1)."""
    return "" if value.strip() == "" else value


def raw_string(fields):
    return "&".join(f"{k}={text(fields[k])}" for k in sorted(fields))


def hmac_hex(key, msg):
    return hmac.new(key.encode(), msg.encode("utf-8"), hashlib.sha256).hexdigest()


def config(**extra):
    cfg = dict(PARTNER)
    cfg.update(extra)
    return cfg


def signed_request(op, path, timeout, body_wo_sig, signed_values, cfg=None):
    cfg = cfg or config()
    fields = {"accessKey": cfg["accessKey"], **signed_values}
    assert sorted(fields) == SIGNED_FIELDS[op], (op, sorted(fields))
    raw = raw_string(fields)
    sig = hmac_hex(cfg["secretKey"], raw)
    body = dict(body_wo_sig)
    body["signature"] = sig
    return {
        "method": "POST",
        "url": GATEWAY + path,
        "headers": dict(CONTENT_TYPE),
        "body": dumps(body),
        "timeoutMs": timeout,
        "requestId": body["requestId"],
        "signatureRaw": raw,
        "signature": sig,
    }


# ------------------------------------------------------------------- signing

def tokenization_create(inp, cfg=None):
    cfg = cfg or config()
    body = {"partnerCode": cfg["partnerCode"], "subPartnerCode": sent(inp.get("subPartnerCode", ""))}
    if "storeId" in inp:
        body["storeId"] = inp["storeId"]
    body.update({"requestId": inp["requestId"], "orderId": inp["orderId"],
                 "referenceCode": inp["referenceCode"], "requestTime": inp["requestTime"],
                 "lang": inp.get("lang", "vi")})
    signed = {k: body[k] for k in ["orderId", "partnerCode", "referenceCode", "requestId", "subPartnerCode"]}
    return signed_request("tokenizationCreate", "/v2/gateway/api/tokenization/create", 30000, body, signed, cfg)


def query(inp):
    cfg = config()
    body = {"partnerCode": cfg["partnerCode"], "requestId": inp["requestId"], "orderId": inp["orderId"],
            "lang": inp.get("lang", "vi")}
    signed = {k: body[k] for k in ["orderId", "partnerCode", "requestId"]}
    return signed_request("query", "/v2/gateway/api/query", 30000, body, signed)


def confirm(inp):
    cfg = config()
    body = {"partnerCode": cfg["partnerCode"], "requestId": inp["requestId"], "orderId": inp["orderId"],
            "requestType": inp["requestType"], "amount": inp["amount"], "lang": inp.get("lang", "vi"),
            "description": sent(inp.get("description", ""))}
    signed = {k: body[k] for k in ["amount", "description", "orderId", "partnerCode", "requestId", "requestType"]}
    return signed_request("confirm", "/v2/gateway/api/confirm", 30000, body, signed)


def refund(inp):
    cfg = config()
    body = {"partnerCode": cfg["partnerCode"], "orderId": inp["orderId"], "requestId": inp["requestId"],
            "amount": inp["amount"], "transId": inp["transId"], "lang": inp.get("lang", "vi"),
            "description": sent(inp.get("description", ""))}
    signed = {k: body[k] for k in ["amount", "description", "orderId", "partnerCode", "requestId", "transId"]}
    return signed_request("refund", "/v2/gateway/api/refund", 30000, body, signed)


def signing_vectors():
    seed_create = {"requestId": "1666756278085id", "orderId": "6d0a1b10-b382-11e9-8fda-91fa25841420",
                   "referenceCode": "1023984137834985578", "subPartnerCode": "MOMO",
                   "requestTime": 1692783998394, "lang": "vi"}
    vectors = [
        ("tokenization-create-seed", "seed 002's example; signature from PROTOCOL.md", "tokenizationCreate",
         seed_create, tokenization_create),
        ("tokenization-create-store-en-empty-sub", "empty subPartnerCode is still signed; storeId is not",
         "tokenizationCreate",
         {"requestId": "req-0002", "orderId": "POS42.2026-11-22_0001", "referenceCode": "9876543210123456789",
          "storeId": "Cửa hàng Quận 1", "requestTime": 1763798400000, "lang": "en"}, tokenization_create),
        ("query-basic", "query signs accessKey, orderId, partnerCode, requestId", "query",
         {"requestId": "req-q-1", "orderId": "6d0a1b10-b382-11e9-8fda-91fa25841420", "lang": "en"}, query),
        ("confirm-capture-utf8-ampersand", "description with & and Vietnamese is signed raw, not URL-encoded",
         "confirm",
         {"requestId": "req-c-1", "orderId": "ORDER_9000", "requestType": "capture", "amount": 150000,
          "description": "Xác nhận đơn & giao hàng"}, confirm),
        ("confirm-cancel-empty-description", "empty description is written as description=", "confirm",
         {"requestId": "req-c-2", "orderId": "ORDER_9001", "requestType": "cancel", "amount": 1000}, confirm),
        ("tokenization-create-blank-sub-partner-code", "a whitespace-only value is sent as \"\", as it is signed",
         "tokenizationCreate",
         {"requestId": "req-0003", "orderId": "POS42-blank", "referenceCode": "9876543210123456789",
          "subPartnerCode": " \t", "requestTime": 1763798400000}, tokenization_create),
        ("confirm-blank-description-tab", "description of a tab is sent and signed as empty", "confirm",
         {"requestId": "req-c-3", "orderId": "ORDER_9002", "requestType": "capture", "amount": 1000,
          "description": "\t"}, confirm),
        ("refund-blank-description-u2028", "description of U+2028 and U+3000 is sent and signed as empty",
         "refund",
         {"requestId": "req-r-2", "orderId": "REFUND-ORDER_9000-2", "transId": 4294967297123, "amount": 1000,
          "description": "\u2028\u3000"}, refund),
        ("refund-new-order-big-transid", "refund with a new orderId and a transId past 32 bits", "refund",
         {"requestId": "req-r-1", "orderId": "REFUND-ORDER_9000-1", "transId": 4294967297123, "amount": 50000,
          "description": "Hoàn tiền 50% đơn ORDER_9000"}, refund),
    ]
    out = []
    for vid, desc, op, inp, fn in vectors:
        out.append({"id": vid, "description": desc, "operation": op, "config": config(), "input": inp,
                    "expected": fn(inp)})
    return {"area": "signing", "vectors": out}


# ------------------------------------------------------------------ requests

def sale_info_computed(s):
    """saleInfo math with exact fractions (seed 002 formulas)."""
    rate = Fraction(str(s.get("serviceCharge", 0)))
    exact = Fraction(s["originalAmount"]) * rate
    floor = exact.numerator // exact.denominator
    ceil = -((-exact.numerator) // exact.denominator)
    half_up = floor + (1 if exact - floor >= Fraction(1, 2) else 0)
    sca = s.get("serviceChargeAmount")
    if sca is not None and sca not in (floor, ceil):
        return {"error": {"code": "INCONSISTENT_AMOUNT", "field": "serviceChargeAmount"}}
    sca = half_up if sca is None else sca
    bill = s["originalAmount"] + sca + s.get("shipFeeAmount", 0) + s.get("vatAmount", 0)
    if s.get("billAmount") is not None and s["billAmount"] != bill:
        return {"error": {"code": "INCONSISTENT_AMOUNT", "field": "billAmount"}}
    discount = s.get("discountAmount", 0)
    if discount > bill:
        return {"error": {"code": "INVALID_AMOUNT", "field": "discountAmount"}}
    total = bill - discount
    if s.get("totalAmount") is not None and s["totalAmount"] != total:
        return {"error": {"code": "INCONSISTENT_AMOUNT", "field": "totalAmount"}}
    return {"serviceChargeAmount": sca, "billAmount": bill, "totalAmount": total}


def sale_info_body(s):
    c = sale_info_computed(s)
    body = {"posId": s["posId"], "posName": s["posName"]}
    if "tranId" in s:
        body["tranId"] = s["tranId"]
    body.update({"tranDate": s["tranDate"], "originalAmount": s["originalAmount"],
                 "serviceCharge": float(Fraction(str(s.get("serviceCharge", 0)))),
                 "serviceChargeAmount": c["serviceChargeAmount"], "shipFeeAmount": s.get("shipFeeAmount", 0),
                 "vatAmount": s.get("vatAmount", 0), "billAmount": c["billAmount"],
                 "discountAmount": s.get("discountAmount", 0), "totalAmount": c["totalAmount"],
                 "paymentMethod": s["paymentMethod"]})
    return body


def percent(segment):
    keep = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    return "".join(chr(b) if b in keep else f"%{b:02X}" for b in segment.encode("utf-8"))


def request_vectors():
    cfg_bp = dict(BUSINESS)
    cfg_gift = config(giftBaseUrl=GIFT_BASE)
    token = "eyJhbGciOiJIUzUxMiJ9.eyJ0eXBlIjoibWVyY2hhbnQifQ.sig"
    seed_sale = {"posId": "17130", "posName": "iPOS.vn - Văn Phòng", "tranId": "KBJ6G2N4J1R2ENY7IVG7BOT0",
                 "tranDate": 1702961170, "originalAmount": 123000, "serviceCharge": 0.08,
                 "serviceChargeAmount": 9840, "shipFeeAmount": 3000, "vatAmount": 5000, "billAmount": 140840,
                 "discountAmount": 20000, "paymentMethod": "MOMOQR"}
    redeem = {"momoCampaignId": "36745763473645", "xRequestId": "7f1d2c3b-0000-4000-8000-000000000001",
              "voucherCode": "E61HE61J", "userPhoneNumber": "0915013325", "momoTransactionId": "48479590245",
              "partnerTransactionId": "KBJ6G2N4J1R2ENY7IVG7BOT0", "redeemStatus": "SUCCESS",
              "saleInfo": seed_sale}
    redeem_min = {"momoCampaignId": "chiến dịch/1", "xRequestId": "x-2", "voucherCode": "V2",
                  "momoTransactionId": "1", "partnerTransactionId": "P2", "redeemStatus": "FAIL",
                  "saleInfo": {"posId": "1", "posName": "Quầy 1", "tranDate": 1702961170, "originalAmount": 10,
                               "serviceCharge": "0.333333", "paymentMethod": "CASH"}}

    def redeem_expected(r):
        body = {"voucherCode": r["voucherCode"], "userPhoneNumber": r.get("userPhoneNumber", ""),
                "momoTransactionId": r["momoTransactionId"], "partnerTransactionId": r["partnerTransactionId"],
                "redeemStatus": r["redeemStatus"], "saleInfo": sale_info_body(r["saleInfo"])}
        url = (f"{BUSINESS_BASE}/v1/merchants/{percent(cfg_bp['partnerId'])}/campaigns/"
               f"{percent(r['momoCampaignId'])}/vouchers/redeem-status")
        return {"method": "POST", "url": url,
                "headers": {**CONTENT_TYPE, "Authorization": f"Bearer {token}", "X-Request-Id": r["xRequestId"]},
                "body": dumps(body), "timeoutMs": 30000, "requestId": r["xRequestId"], "signatureRaw": None}

    gift_create = {"requestId": "wqrwpo2343240xsad213", "time": 1587037711592, "walletId": "0902890661",
                   "gifts": [{"giftId": "giftId0", "giftType": "1234567891", "amount": 40000,
                              "startTime": 1587037711592, "endTime": 1672506000000, "reference": "1234567891",
                              "description": "Voucher test", "quantity": 1},
                             {"giftId": "giftId1", "giftType": "1234567892", "amount": 50000,
                              "startTime": 1587037711592, "endTime": 1672506000000, "reference": "1234567892",
                              "description": "Voucher test 01", "quantity": 2}]}
    gift_status = {"requestId": "wqrwpo2343240xsad213", "checkRequestId": "149290648301898"}
    gift_trans = {"requestId": "wqrwpo2343240xsad213", "date": "2020-08-10", "offset": 1000, "page": 1}

    def plain(url, body, rid):
        return {"method": "POST", "url": url, "headers": dict(CONTENT_TYPE), "body": dumps(body),
                "timeoutMs": 30000, "requestId": rid, "signatureRaw": None}

    vectors = [
        {"id": "login-seed", "description": "seed 000 login body; the body holds the clientSecret",
         "operation": "login", "config": cfg_bp, "input": {},
         "expected": {"method": "POST", "url": BUSINESS_BASE + "/authentication/login",
                      "headers": dict(CONTENT_TYPE),
                      "body": dumps({"clientId": cfg_bp["clientId"], "clientSecret": cfg_bp["clientSecret"]}),
                      "timeoutMs": 30000, "signatureRaw": None}},
        {"id": "redeem-status-seed-corrected", "description": "seed 002 example with the formula's totalAmount",
         "operation": "redeemStatus", "config": cfg_bp,
         "input": {"request": redeem, "accessToken": {"token": token, "expiresAtMs": 1700550703000},
                   "nowMs": 1700464303000},
         "expected": redeem_expected(redeem)},
        {"id": "redeem-status-computed-amounts", "description": "amounts computed; path segments percent-encoded",
         "operation": "redeemStatus", "config": cfg_bp,
         "input": {"request": redeem_min, "accessToken": {"token": token, "expiresAtMs": 1700550703000},
                   "nowMs": 1700464303000},
         "expected": redeem_expected(redeem_min)},
        {"id": "gift-create-seed", "description": "seed 003 create example, plaintext body",
         "operation": "giftCreate", "config": cfg_gift, "input": gift_create,
         "expected": plain(GIFT_BASE + "/api/gift/create", gift_create, gift_create["requestId"])},
        {"id": "gift-status-seed", "description": "seed 003 status example", "operation": "giftStatus",
         "config": cfg_gift, "input": gift_status,
         "expected": plain(GIFT_BASE + "/api/gift/status", gift_status, gift_status["requestId"])},
        {"id": "gift-get-trans-seed", "description": "seed 003 get-trans example", "operation": "giftGetTrans",
         "config": cfg_gift, "input": gift_trans,
         "expected": plain(GIFT_BASE + "/api/gift/get-trans", gift_trans, gift_trans["requestId"])},
        {"id": "gift-get-trans-voucher-path", "description": "the seed's api/voucher/... path, configured",
         "operation": "giftGetTrans",
         "config": config(giftBaseUrl=GIFT_BASE + "/", giftPaths={"getTrans": "api/voucher/get-trans"}),
         "input": gift_trans,
         "expected": plain(GIFT_BASE + "/api/voucher/get-trans", gift_trans, gift_trans["requestId"])},
    ]
    redeem_seed_wrong = dict(redeem, saleInfo=dict(seed_sale, totalAmount=103000))
    assert sale_info_computed(redeem_seed_wrong["saleInfo"])["error"]["field"] == "totalAmount"
    return {"area": "requests", "vectors": vectors}


# ----------------------------------------------------------------------- RSA

def openssl(*args, data=None):
    return subprocess.run(["openssl", *args], input=data, capture_output=True, check=True).stdout


def key_shapes(bits):
    pem_path = KEYS / f"rsa{bits}.pem"
    spki_pem = openssl("pkey", "-in", str(pem_path), "-pubout").decode()
    pkcs1_pem = openssl("rsa", "-in", str(pem_path), "-RSAPublicKey_out").decode()
    der = openssl("pkey", "-in", str(pem_path), "-pubout", "-outform", "DER")
    pkcs1_der = openssl("rsa", "-in", str(pem_path), "-RSAPublicKey_out", "-outform", "DER")
    modulus_hex = openssl("rsa", "-in", str(pem_path), "-noout", "-modulus").decode().strip().split("=", 1)[1]
    modulus = bytes.fromhex(modulus_hex)
    b64 = lambda b: base64.b64encode(b).decode()
    xml = (f"<RSAKeyValue><Modulus>{b64(modulus)}</Modulus><Exponent>{b64((65537).to_bytes(3, 'big'))}"
           f"</Exponent></RSAKeyValue>")
    return {
        "bits": bits,
        "privateKeyPem": pem_path.read_text(),
        "publicKeys": {
            "spkiPem": spki_pem,
            "pkcs1Pem": pkcs1_pem,
            "spkiDerBase64": b64(der),
            "spkiDerBase64NoPadding": b64(der).rstrip("="),
            "pkcs1DerBase64": b64(pkcs1_der),
            "dotnetXml": xml,
        },
    }


def rsa_vectors():
    keys = [key_shapes(2048), key_shapes(4096)]
    small = key_shapes(1024)["publicKeys"]["spkiPem"]
    pay_seed = {"requestId": "365656d56sd", "orderId": "12545465654656", "token": "sa5s4a54s5a4s5a4s5",
                "subPartnerCode": "MOMO_ATM_DEV", "storeId": "MoMo test store", "partnerClientId": "",
                "originalAmount": "20000", "amount": "20000", "lang": "vi", "autoCapture": True,
                "orderInfo": "Thanh toan MoMo", "requestTime": 1692783998394, "extraData": "",
                "items": [{"id": "204727", "name": "YOMOST Bac Ha&Viet Quat 170ml",
                           "description": "YOMOST Sua Chua Uong Bac Ha&Viet Quat 170ml/1 Hop",
                           "category": "beverage", "imageUrl": "https://momo.vn/uploads/product1.jpg",
                           "manufacturer": "Vinamilk", "price": 11000, "quantity": 5, "unit": "hộp",
                           "totalPrice": 55000, "taxAmount": "200"}],
                "promotionList": [{"id": "782354878793", "name": "Black Friday", "amount": 1000000,
                                   "type": "voucher"},
                                  {"id": "782354878793", "name": "Black Friday", "amount": 1000000,
                                   "type": "membership", "rate": "0.5"}],
                "feeList": [{"amount": 1000, "type": "fee"}, {"amount": 1123, "type": "tax"}]}
    pay_min = {"requestId": "pay-2", "orderId": "POS42-0002", "token": "bd9ba8e038cda3cd87887bf3e9d9e258757a0d1333cbb68babbfd0e3",
               "amount": 30000000, "orderInfo": "Đơn hàng #2 & quà", "requestTime": 1763798400000,
               "extraData": "eyJ1c2VybmFtZSI6ICJtb21vIn0=", "lang": "en",
               "items": [{"id": "sku-1", "name": "Cà phê sữa", "price": 25000, "quantity": 2}]}
    pay_raw = dict(pay_min, requestId="pay-3", tokenEnvelope="raw", amount=1000)

    def pay_expected(inp):
        cfg = config()
        envelope = inp.get("tokenEnvelope", "valueJson")
        plaintext = dumps({"value": inp["token"]}) if envelope == "valueJson" else inp["token"]
        amount = int(inp["amount"])
        body = {"token": "{token}", "partnerCode": cfg["partnerCode"]}
        for k in ["subPartnerCode", "storeId"]:
            if k in inp:
                body[k] = inp[k]
        body["partnerClientId"] = sent(inp.get("partnerClientId", ""))
        body["orderId"] = inp["orderId"]
        if "originalAmount" in inp:
            body["originalAmount"] = int(inp["originalAmount"])
        body["amount"] = amount
        body["lang"] = inp.get("lang", "vi")
        if "autoCapture" in inp:
            body["autoCapture"] = inp["autoCapture"]
        body.update({"orderInfo": inp["orderInfo"], "requestId": inp["requestId"], "tokenType": "oneTime"})
        if inp.get("items"):
            items = []
            for it in inp["items"]:
                out = {}
                for k in ["id", "name", "description", "category", "imageUrl", "manufacturer"]:
                    if k in it:
                        out[k] = it[k]
                out["price"] = int(it["price"])
                if "currency" in it:
                    out["currency"] = it["currency"]
                out["quantity"] = int(it["quantity"])
                if "unit" in it:
                    out["unit"] = it["unit"]
                out["totalPrice"] = int(it["price"]) * int(it["quantity"])
                if "taxAmount" in it:
                    out["taxAmount"] = int(it["taxAmount"])
                items.append(out)
            body["items"] = items
        if inp.get("promotionList"):
            body["promotionList"] = inp["promotionList"]
        if inp.get("feeList"):
            body["feeList"] = inp["feeList"]
        body["requestTime"] = inp["requestTime"]
        body["extraData"] = sent(inp.get("extraData", ""))
        body["signature"] = "{signature}"
        fields = {"accessKey": cfg["accessKey"], "amount": amount, "extraData": body["extraData"],
                  "orderId": inp["orderId"], "orderInfo": inp["orderInfo"],
                  "partnerClientId": body["partnerClientId"], "partnerCode": cfg["partnerCode"],
                  "requestId": inp["requestId"], "token": "{token}"}
        assert sorted(fields) == SIGNED_FIELDS["tokenizationPay"]
        return {"method": "POST", "url": GATEWAY + "/v2/gateway/api/tokenization/pay",
                "headers": dict(CONTENT_TYPE), "timeoutMs": 10000, "requestId": inp["requestId"],
                "tokenPlaintext": plaintext, "signatureRawTemplate": raw_string(fields),
                "bodyTemplate": dumps(body)}

    vectors = []
    for key in keys:
        for shape in key["publicKeys"]:
            vectors.append({"id": f"pay-seed-rsa{key['bits']}-{shape}",
                            "description": "seed 002 pay example; key given as " + shape,
                            "keyBits": key["bits"], "publicKeyShape": shape,
                            "operation": "tokenizationPay", "input": pay_seed, "expected": pay_expected(pay_seed)})
    vectors.append({"id": "pay-utf8-extra-data-rsa2048", "description": "UTF-8 orderInfo with &, extraData",
                    "keyBits": 2048, "publicKeyShape": "spkiPem", "operation": "tokenizationPay",
                    "input": pay_min, "expected": pay_expected(pay_min)})
    pay_blank = dict(pay_min, requestId="pay-4", extraData=" ", partnerClientId="\u2028\t")
    vectors.append({"id": "pay-blank-extra-data-and-client-id-rsa2048",
                    "description": "whitespace-only extraData and partnerClientId are sent as \"\", as signed",
                    "keyBits": 2048, "publicKeyShape": "spkiPem", "operation": "tokenizationPay",
                    "input": pay_blank, "expected": pay_expected(pay_blank)})
    vectors.append({"id": "pay-raw-envelope-rsa4096", "description": "the raw-token envelope",
                    "keyBits": 4096, "publicKeyShape": "pkcs1Pem", "operation": "tokenizationPay",
                    "input": pay_raw, "expected": pay_expected(pay_raw)})
    errors = [
        {"id": "key-garbage", "publicKey": "not a key", "error": {"code": "INVALID_KEY", "field": "publicKey"}},
        {"id": "key-1024-bits-too-small", "publicKey": small, "error": {"code": "INVALID_KEY", "field": "publicKey"}},
        {"id": "key-xml-without-modulus", "publicKey": "<RSAKeyValue><Exponent>AQAB</Exponent></RSAKeyValue>",
         "error": {"code": "INVALID_KEY", "field": "publicKey"}},
        {"id": "plaintext-too-long-2048", "keyBits": 2048, "publicKeyShape": "spkiPem",
         "operation": "tokenizationPay", "input": dict(pay_min, token="t" * 240),
         "error": {"code": "PLAINTEXT_TOO_LONG", "field": "token"}},
    ]
    return {"area": "rsa", "keys": keys, "vectors": vectors, "errors": errors}


# ---------------------------------------------------------------- validation

def validation_vectors():
    pk = key_shapes(2048)["publicKeys"]["spkiPem"]
    base_cfg = config(publicKey=pk, giftBaseUrl=GIFT_BASE, **BUSINESS)
    create = {"requestId": "r1", "orderId": "O1", "referenceCode": "1023984137834985578", "requestTime": 1}
    pay = {"requestId": "r1", "orderId": "O1", "token": "tok", "amount": 20000, "orderInfo": "x", "requestTime": 1}
    item = {"id": "1", "name": "n", "price": 11000, "quantity": 5}
    confirm_in = {"orderId": "O1", "requestType": "capture", "amount": 1000}
    refund_in = {"orderId": "R1", "transId": 1, "amount": 1000}
    gift = {"giftId": "g0", "giftType": "t", "amount": 10000, "startTime": 1, "endTime": 2000000000000}
    gift_req = {"requestId": "r1", "time": 1587037711592, "walletId": "0902890661", "gifts": [gift]}
    sale = {"posId": "1", "posName": "p", "tranDate": 1, "originalAmount": 123000, "serviceCharge": 0.08,
            "shipFeeAmount": 3000, "vatAmount": 5000, "discountAmount": 20000, "paymentMethod": "MOMOQR"}
    redeem = {"momoCampaignId": "c", "voucherCode": "v", "momoTransactionId": "1", "partnerTransactionId": "p",
              "redeemStatus": "SUCCESS", "saleInfo": sale}
    token = {"token": "eyJ.t", "expiresAtMs": 1000}

    def rd(**over):
        return {"request": dict(redeem, **over), "accessToken": token, "nowMs": 999}

    def gifts(n, **over):
        return dict(gift_req, gifts=[dict(gift, giftId=f"g{i}", **over) for i in range(n)])

    cases = [
        ("required-order-id", "tokenizationCreate", dict(create, orderId=""), "REQUIRED", "orderId"),
        ("required-missing-reference-code", "tokenizationCreate",
         {k: v for k, v in create.items() if k != "referenceCode"}, "REQUIRED", "referenceCode"),
        ("required-blank-order-info", "tokenizationPay", dict(pay, orderInfo="   "), "REQUIRED", "orderInfo"),
        ("too-long-request-id", "query", {"orderId": "O1", "requestId": "r" * 51}, "TOO_LONG", "requestId"),
        ("invalid-format-order-id-space", "query", {"orderId": "a b"}, "INVALID_FORMAT", "orderId"),
        ("invalid-format-order-id-colon", "tokenizationCreate", dict(create, orderId="1666756278085:0123456778"),
         "INVALID_FORMAT", "orderId"),
        ("invalid-enum-lang", "query", {"orderId": "O1", "lang": "fr"}, "INVALID_ENUM", "lang"),
        ("invalid-enum-request-type", "confirm", dict(confirm_in, requestType="void"), "INVALID_ENUM",
         "requestType"),
        ("invalid-amount-below-min", "tokenizationPay", dict(pay, amount=999), "INVALID_AMOUNT", "amount"),
        ("invalid-amount-above-max", "tokenizationPay", dict(pay, amount=30000001), "INVALID_AMOUNT", "amount"),
        ("invalid-amount-negative", "confirm", dict(confirm_in, amount=-1000), "INVALID_AMOUNT", "amount"),
        ("invalid-amount-fraction", "tokenizationPay", dict(pay, amount=20000.5), "INVALID_AMOUNT", "amount"),
        ("invalid-amount-text", "tokenizationPay", dict(pay, amount="20k"), "INVALID_AMOUNT", "amount"),
        ("invalid-amount-refund-above-50m", "refund", dict(refund_in, amount=50000001), "INVALID_AMOUNT",
         "amount"),
        ("invalid-amount-item-negative-price", "tokenizationPay", dict(pay, items=[dict(item, price=-1)]),
         "INVALID_AMOUNT", "items[0].price"),
        ("amount-overflow-item", "tokenizationPay",
         dict(pay, items=[dict(item, price=9007199254740991, quantity=2000)]), "AMOUNT_OVERFLOW",
         "items[0].totalPrice"),
        ("invalid-quantity-zero", "tokenizationPay", dict(pay, items=[dict(item, quantity=0)]),
         "INVALID_QUANTITY", "items[0].quantity"),
        ("inconsistent-item-total", "tokenizationPay", dict(pay, items=[item, dict(item, totalPrice=50000)]),
         "INCONSISTENT_AMOUNT", "items[1].totalPrice"),
        ("inconsistent-sale-total-seed-example", "redeemStatus",
         rd(saleInfo=dict(sale, serviceChargeAmount=9840, billAmount=140840, totalAmount=103000)),
         "INCONSISTENT_AMOUNT", "saleInfo.totalAmount"),
        ("invalid-rate-above-one", "redeemStatus", rd(saleInfo=dict(sale, serviceCharge=1.5)), "INVALID_RATE",
         "saleInfo.serviceCharge"),
        ("invalid-input-unknown-field", "query", {"orderId": "O1", "amout": 1}, "INVALID_INPUT", "amout"),
        ("invalid-input-wrong-type", "query", {"orderId": 5}, "INVALID_INPUT", "orderId"),
        ("invalid-input-refund-reuses-order-id", "refund", dict(refund_in, orderId="O1", originalOrderId="O1"),
         "INVALID_INPUT", "orderId"),
        ("invalid-base64-extra-data", "tokenizationPay", dict(pay, extraData="%%%"), "INVALID_BASE64",
         "extraData"),
        ("token-expired", "redeemStatus", {"request": redeem, "accessToken": token, "nowMs": 1000},
         "TOKEN_EXPIRED", "accessToken"),
        ("gift-empty-801", "giftCreate", dict(gift_req, gifts=[]), "GIFT_EMPTY", "gifts"),
        ("too-many-vouchers-803", "giftCreate", gifts(3, quantity=7), "TOO_MANY_VOUCHERS", "gifts"),
        ("gift-total-exceeded-804", "giftCreate", gifts(2, amount=5000001), "GIFT_TOTAL_EXCEEDED", "gifts"),
        ("check-request-id-empty-806", "giftStatus", {"checkRequestId": " "}, "CHECK_REQUEST_ID_EMPTY",
         "checkRequestId"),
        ("invalid-date-808", "giftGetTrans", {"date": "2020-02-30", "offset": 10}, "INVALID_DATE", "date"),
        ("invalid-time-range-810", "giftCreate", dict(gift_req, gifts=[dict(gift, startTime=5, endTime=5)]),
         "INVALID_TIME_RANGE", "gifts[0].endTime"),
        ("duplicate-gift-id-812", "giftCreate", dict(gift_req, gifts=[gift, gift]), "DUPLICATE_GIFT_ID",
         "gifts[1].giftId"),
        ("invalid-gift-amount-813", "giftCreate", dict(gift_req, gifts=[dict(gift, amount=9999)]),
         "INVALID_GIFT_AMOUNT", "gifts[0].amount"),
        ("invalid-wallet-id", "giftCreate", dict(gift_req, walletId="+84902890661"), "INVALID_WALLET_ID",
         "walletId"),
    ]
    vectors = [{"id": vid, "operation": op, "input": inp, "error": {"code": code, "field": field}}
               for vid, op, inp, code, field in cases]
    vectors.append({"id": "invalid-config-missing-secret-key", "operation": "query",
                    "config": {k: v for k, v in base_cfg.items() if k != "secretKey"},
                    "input": {"orderId": "O1"}, "error": {"code": "INVALID_CONFIG", "field": "secretKey"}})
    vectors.append({"id": "invalid-config-no-gift-base-url", "operation": "giftStatus",
                    "config": {k: v for k, v in base_cfg.items() if k != "giftBaseUrl"},
                    "input": {"checkRequestId": "x"}, "error": {"code": "INVALID_CONFIG", "field": "giftBaseUrl"}})
    vectors.append({"id": "invalid-config-base-url", "operation": "newClient",
                    "config": dict(base_cfg, gatewayBaseUrl="ftp://x"), "input": {},
                    "error": {"code": "INVALID_CONFIG", "field": "gatewayBaseUrl"}})
    vectors.append({"id": "invalid-key-in-config", "operation": "newClient",
                    "config": dict(base_cfg, publicKey="-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"),
                    "input": {}, "error": {"code": "INVALID_KEY", "field": "publicKey"}})
    return {"area": "validation", "defaultConfig": base_cfg, "vectors": vectors}


# ------------------------------------------------------------------- amounts

def amount_vectors():
    base = {"posId": "17130", "posName": "p", "tranDate": 1702961170, "paymentMethod": "MOMOSCANNER"}
    cases = [
        ("seed-formula", {"originalAmount": 123000, "serviceCharge": 0.08, "shipFeeAmount": 3000,
                          "vatAmount": 5000, "discountAmount": 20000}),
        ("seed-as-given-total-wrong", {"originalAmount": 123000, "serviceCharge": 0.08, "serviceChargeAmount": 9840,
                                       "shipFeeAmount": 3000, "vatAmount": 5000, "billAmount": 140840,
                                       "discountAmount": 20000, "totalAmount": 103000}),
        ("numbers-as-strings", {"originalAmount": "20000", "serviceCharge": "0.05", "vatAmount": "2000"}),
        ("round-half-up", {"originalAmount": 3, "serviceCharge": 0.5}),
        ("given-floor-accepted", {"originalAmount": 10, "serviceCharge": "0.333333", "serviceChargeAmount": 3}),
        ("given-ceil-accepted", {"originalAmount": 10, "serviceCharge": "0.333333", "serviceChargeAmount": 4}),
        ("given-off-by-two", {"originalAmount": 10, "serviceCharge": "0.333333", "serviceChargeAmount": 5}),
        ("bill-mismatch", {"originalAmount": 1000, "billAmount": 1001}),
        ("discount-above-bill", {"originalAmount": 1000, "discountAmount": 1001}),
        ("full-discount", {"originalAmount": 1000, "discountAmount": 1000}),
        ("no-service-charge", {"originalAmount": 99000, "shipFeeAmount": 15000}),
        ("service-charge-one", {"originalAmount": 50000, "serviceCharge": 1}),
    ]
    vectors = []
    for vid, s in cases:
        inp = dict(base, **s)
        numeric = {k: (int(v) if k != "serviceCharge" and isinstance(v, str) else v) for k, v in inp.items()
                   if k not in ("posId", "posName", "paymentMethod")}
        result = sale_info_computed(numeric)
        v = {"id": vid, "operation": "computeSaleInfo", "input": inp}
        if "error" in result:
            v["error"] = result["error"]
        else:
            v["expected"] = result
        vectors.append(v)
    vectors.append({"id": "invalid-rate-precision", "operation": "computeSaleInfo",
                    "input": dict(base, originalAmount=1, serviceCharge="0.0000001"),
                    "error": {"code": "INVALID_RATE", "field": "serviceCharge"}})
    vectors.append({"id": "negative-ship-fee", "operation": "computeSaleInfo",
                    "input": dict(base, originalAmount=1, shipFeeAmount=-1),
                    "error": {"code": "INVALID_AMOUNT", "field": "shipFeeAmount"}})
    return {"area": "amounts", "vectors": vectors}


# -------------------------------------------------------------- result codes

def result_code_vectors():
    # PROTOCOL.md section 3, transcribed.
    table = {
        "SUCCESS": [0], "AUTHORIZED": [9000], "PENDING": [1000, 7000, 7002, 8000],
        "REJECTED": [10, 11, 12, 13, 20, 21, 22, 40, 41, 42, 43, 45, 47],
        "FAILED": [98, 99, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1017, 1026, 1080, 1081, 1088, 2019,
                   4001, 4002, 4100],
    }
    vectors = []
    for cls, codes in table.items():
        for code in codes:
            vectors.append({"id": f"payment-{code}", "kind": "payment", "code": code, "class": cls,
                            "needsQuery": cls == "PENDING" or code in (41, 43),
                            "retryWithNewRequestId": cls == "REJECTED"})
    vectors.append({"id": "payment-undocumented", "kind": "payment", "code": 123456, "class": "UNKNOWN",
                    "needsQuery": True, "retryWithNewRequestId": False})
    # Seed 003 glossary, English messages verbatim.
    gift_status = {0: "Success", 801: "Gift is empty", 802: "No Momo wallet matches with this phone number",
                   803: "Over 20 vouchers per transaction",
                   804: "The total amount of vouchers is more than 10.000.000 per transaction",
                   805: "Error when create voucher", 806: "Request Id of transaction needed to be checked is empty",
                   807: "No transaction found with this check request id", 808: "Invalid date format",
                   809: "Invalid gift type", 810: "Invalid start/ end date",
                   811: "There is no gift type information exists", 812: "Invalid/ Duplicate Gift Id",
                   813: "Invalid Gift amount", 814: "Timeout when creating gift"}
    for code, msg in gift_status.items():
        vectors.append({"id": f"gift-status-{code}", "kind": "giftStatus", "code": code, "messageEn": msg,
                        "class": "SUCCESS" if code == 0 else ("UNKNOWN" if code == 814 else None),
                        "needsQuery": code == 814})
    gift_result = {0: "Success", 1: "Invalid signature", 2: "Cannot decrypt message", 3: "Invalid username",
                   4: "Invalid wallet Id", 5: "Invalid password", 6: "Invalid Json String", 7: "Insufficient funds",
                   8: "Duplicate request Id", 9: "Invalid partner code",
                   10: "Unknown result. Please check manual to get final result", 11: "Other Error",
                   13: "This function is not active. please contact the administrator",
                   15: "Mainternance system, please try later !"}
    for code, msg in gift_result.items():
        vectors.append({"id": f"gift-result-{code}", "kind": "giftResult", "code": code, "messageEn": msg,
                        "class": "SUCCESS" if code == 0 else ("UNKNOWN" if code == 10 else None),
                        "needsQuery": code in (8, 10)})
    for v in vectors:
        if v.get("class") is None:
            v.pop("class", None)
    vectors.append({"id": "transport-timeout", "kind": "timeout", "code": None, "class": "UNKNOWN",
                    "needsQuery": True, "retryWithNewRequestId": False})
    return {"area": "result_codes", "vectors": vectors}


# -------------------------------------------------------------- error codes

def error_vectors():
    # momo-core's own contract (README "Error codes"), not MoMo's: every
    # stable code in order, the kind of failure it is (which error class a
    # host raises) and the Gift API status a pre-flight check mirrors.
    kinds = {
        "VALIDATION": ["REQUIRED", "TOO_LONG", "INVALID_FORMAT", "INVALID_ENUM", "INVALID_AMOUNT",
                       "AMOUNT_OVERFLOW", "INVALID_QUANTITY", "INCONSISTENT_AMOUNT", "INVALID_RATE",
                       "INVALID_INPUT", "PLAINTEXT_TOO_LONG", "INVALID_BASE64", "GIFT_EMPTY",
                       "TOO_MANY_VOUCHERS", "GIFT_TOTAL_EXCEEDED", "CHECK_REQUEST_ID_EMPTY", "INVALID_DATE",
                       "INVALID_TIME_RANGE", "DUPLICATE_GIFT_ID", "INVALID_GIFT_AMOUNT", "INVALID_WALLET_ID"],
        "CONFIG": ["INVALID_CONFIG", "INVALID_KEY"],
        "SIGNATURE": ["SIGNATURE_MISMATCH", "DUPLICATE_FIELD", "STALE_NOTIFICATION"],
        "RESPONSE": ["UNEXPECTED_RESPONSE", "LOGIN_FAILED"],
        "TOKEN_EXPIRED": ["TOKEN_EXPIRED"],
        "INTERNAL": ["INTERNAL"],
    }
    order = ["REQUIRED", "TOO_LONG", "INVALID_FORMAT", "INVALID_ENUM", "INVALID_AMOUNT", "AMOUNT_OVERFLOW",
             "INVALID_QUANTITY", "INCONSISTENT_AMOUNT", "INVALID_RATE", "INVALID_INPUT", "INVALID_CONFIG",
             "INVALID_KEY", "PLAINTEXT_TOO_LONG", "INVALID_BASE64", "UNEXPECTED_RESPONSE", "SIGNATURE_MISMATCH",
             "LOGIN_FAILED", "TOKEN_EXPIRED", "GIFT_EMPTY", "TOO_MANY_VOUCHERS", "GIFT_TOTAL_EXCEEDED",
             "CHECK_REQUEST_ID_EMPTY", "INVALID_DATE", "INVALID_TIME_RANGE", "DUPLICATE_GIFT_ID",
             "INVALID_GIFT_AMOUNT", "INVALID_WALLET_ID", "INTERNAL", "DUPLICATE_FIELD", "STALE_NOTIFICATION"]
    kind_of = {code: kind for kind, codes in kinds.items() for code in codes}
    assert sorted(kind_of) == sorted(order) and len(order) == len(set(order)), "each code has one kind"
    momo = {"GIFT_EMPTY": 801, "TOO_MANY_VOUCHERS": 803, "GIFT_TOTAL_EXCEEDED": 804, "CHECK_REQUEST_ID_EMPTY": 806,
            "INVALID_DATE": 808, "INVALID_TIME_RANGE": 810, "DUPLICATE_GIFT_ID": 812, "INVALID_GIFT_AMOUNT": 813}
    return {"area": "errors", "kinds": list(kinds),
            "codes": [{"code": c, "kind": kind_of[c], "momoCode": momo.get(c)} for c in order]}


# ----------------------------------------------------------------------- IPN

def ipn_vectors():
    cfg = config()

    def signed(body, fields=None, key=cfg["accessKey"], secret=cfg["secretKey"]):
        names = fields or IPN_FIELDS[1:]
        raw = raw_string({"accessKey": key, **{n: body.get(n) for n in names}})
        return dict(body, signature=hmac_hex(secret, raw)), raw

    base = {"partnerCode": "MOMO", "orderId": "ORDER_1", "requestId": "REQ_1", "amount": 50000,
            "orderInfo": "Thanh toán đơn #1 & quà", "orderType": "momo_wallet", "transId": 4294967297123,
            "resultCode": 0, "message": "Thành công.", "payType": "qr", "responseTime": 1713267823260,
            "extraData": ""}
    ok, ok_raw = signed(base)
    pending, _ = signed(dict(base, resultCode=7000, message="Đang xử lý"))
    forged, _ = signed(base, key="EVIL")
    forged = dict(forged, accessKey="EVIL")
    tampered = dict(ok, amount=5000000)
    nosig = dict(base)
    mismatch = {"code": "SIGNATURE_MISMATCH", "field": "signature"}
    vectors = [
        {"id": "ipn-valid", "body": dumps(ok), "signatureRaw": ok_raw,
         "expected": {"orderId": "ORDER_1", "amount": 50000, "transId": 4294967297123, "resultCode": 0,
                      "outcome": {"class": "SUCCESS", "needsQuery": False}}},
        {"id": "ipn-pending-is-not-failure", "body": dumps(pending),
         "expected": {"resultCode": 7000, "outcome": {"class": "PENDING", "needsQuery": True}}},
        {"id": "ipn-body-access-key-ignored", "body": dumps(dict(ok, accessKey="EVIL")),
         "expected": {"orderId": "ORDER_1"}},
        {"id": "ipn-forged-with-body-access-key", "body": dumps(forged), "error": mismatch},
        {"id": "ipn-tampered-amount", "body": dumps(tampered), "error": mismatch},
        {"id": "ipn-missing-signature", "body": dumps(nosig), "error": {"code": "REQUIRED", "field": "signature"}},
        {"id": "ipn-not-json", "body": "amount=50000&signature=x", "error": {"code": "INVALID_INPUT",
                                                                           "field": "body"}},
    ]
    vectors += ipn_attack_vectors(base, signed, mismatch)
    vectors += ipn_freshness_vectors(ok)
    return {"area": "ipn", "config": cfg, "vectors": vectors}


def every_field_raw(body, access_key):
    """The UNSAFE rule PROTOCOL.md 1a forbids: every body key but signature
    and accessKey, plus the configured accessKey. Only used here to prove
    that each re-cut body below really carries a valid signature under it."""
    fields = {k: v for k, v in body.items() if k not in ("signature", "accessKey")}
    return raw_string({"accessKey": access_key, **fields})


def pairs_json(pairs):
    """A JSON object from (key, value) pairs: how a body naming one key twice
    is written (a dict cannot hold it)."""
    return "{" + ",".join(f"{dumps(k)}:{dumps(v)}" for k, v in pairs) + "}"


def ipn_attack_vectors(base, signed, mismatch):
    """Forgeries tried as an attacker would (issue 18, PROTOCOL.md 1a). Each
    is refused, or neutralised where PROTOCOL.md says to ignore a key."""
    cfg = config()
    out = []

    # 1. A genuinely signed FAILED notification whose orderInfo carries
    # customer text, re-cut into a SUCCESS one with the same signature.
    failed, failed_raw = signed(dict(base, resultCode=1006, message="Giao dịch bị từ chối.",
                                     orderInfo="Note: hi&resultCode=0&z"))
    tail = failed_raw.split("&z&orderType=", 1)[1]
    recut = {k: v for k, v in failed.items()
             if k in ("amount", "extraData", "message", "orderId", "signature")}
    recut.update({"orderInfo": "Note: hi", "resultCode": 0, "z&orderType": tail})
    assert every_field_raw(recut, cfg["accessKey"]) == failed_raw, "the re-cut must be a real forgery"
    out.append({"id": "attack-recut-failed-into-success", "body": dumps(recut),
                "error": {"code": "REQUIRED", "field": "orderType"}})
    # The same re-cut with every documented field present as well.
    recut_full = dict(failed, orderInfo="Note: hi", resultCode=0, **{"z&orderType": tail})
    out.append({"id": "attack-recut-with-every-field-present", "body": dumps(recut_full), "error": mismatch})

    # 2. No attacker text at all: orderId, partnerCode and requestId folded
    # into the values before them, so they would come back empty.
    ok, ok_raw = signed(base)
    empty = {k: v for k, v in ok.items() if k not in ("orderId", "partnerCode", "requestId")}
    empty.update({"message": f"{ok['message']}&orderId={ok['orderId']}",
                  "orderType": f"{ok['orderType']}&partnerCode={ok['partnerCode']}",
                  "payType": f"{ok['payType']}&requestId={ok['requestId']}"})
    assert every_field_raw(empty, cfg["accessKey"]) == ok_raw, "the reshaping must be a real forgery"
    out.append({"id": "attack-reshape-empties-order-id", "body": dumps(empty),
                "error": {"code": "REQUIRED", "field": "orderId"}})

    # 3. One key twice, in both orders: refused whichever reading is taken.
    dup_code = {"code": "DUPLICATE_FIELD", "field": "resultCode"}
    pairs = list(failed.items())
    out.append({"id": "attack-duplicate-key-signed-first", "body": pairs_json(pairs + [("resultCode", 0)]),
                "error": dup_code})
    out.append({"id": "attack-duplicate-key-forged-first", "body": pairs_json([("resultCode", 0)] + pairs),
                "error": dup_code})
    out.append({"id": "attack-duplicate-signature", "body": pairs_json(list(ok.items()) + [("signature", "0" * 64)]),
                "error": {"code": "DUPLICATE_FIELD", "field": "signature"}})

    # 4. A signed field missing (signed over as empty by the forger).
    no_trans = {k: v for k, v in base.items() if k != "transId"}
    no_trans_signed, _ = signed(dict(no_trans, transId=""))
    del no_trans_signed["transId"]
    out.append({"id": "attack-missing-signed-field", "body": dumps(no_trans_signed),
                "error": {"code": "REQUIRED", "field": "transId"}})
    null_amount, _ = signed(dict(base, amount=None))
    out.append({"id": "attack-null-signed-amount", "body": dumps(null_amount),
                "error": {"code": "REQUIRED", "field": "amount"}})

    # 5. Unsigned keys meant to change the meaning: ignored, never verified.
    meaning = dict(failed, outcome={"class": "SUCCESS", "needsQuery": False}, resultcode=0, status="paid")
    out.append({"id": "attack-unsigned-fields-ignored", "body": dumps(meaning),
                "expected": {"resultCode": 1006, "outcome": {"class": "FAILED", "needsQuery": False}}})
    # MoMo's old "every field" rule: a signature over an extra key is refused.
    extra = dict(base, partnerUserId="834ASDF")
    every_raw = raw_string({"accessKey": cfg["accessKey"], **extra})
    out.append({"id": "attack-signature-over-every-body-field",
                "body": dumps(dict(extra, signature=hmac_hex(cfg["secretKey"], every_raw))), "error": mismatch})

    # 6. The signature in the wrong case, padded, or cut.
    sig = ok["signature"]
    for name, bad in [("uppercase", sig.upper()), ("padded", f" {sig}"), ("newline", f"{sig}\n"),
                      ("short", sig[:63])]:
        out.append({"id": f"attack-signature-{name}", "body": dumps(dict(ok, signature=bad)), "error": mismatch})

    # 7. Typed values: a digit string is the same number; anything else is not.
    as_strings, _ = signed(dict(base, amount="50000", transId="4294967297123", resultCode="0"))
    out.append({"id": "ipn-numbers-as-digit-strings", "body": dumps(as_strings),
                "expected": {"amount": 50000, "transId": 4294967297123, "resultCode": 0}})
    spaced, _ = signed(dict(base, amount=" 50000"))
    out.append({"id": "attack-amount-with-space", "body": dumps(spaced),
                "error": {"code": "INVALID_AMOUNT", "field": "amount"}})
    numeric_text, _ = signed(dict(base, orderId=123))
    out.append({"id": "attack-number-for-text-field", "body": dumps(numeric_text),
                "error": {"code": "INVALID_INPUT", "field": "orderId"}})
    blank, _ = signed(dict(base, orderInfo=" \t"))
    out.append({"id": "ipn-whitespace-only-text-is-empty", "body": dumps(blank),
                "expected": {"orderInfo": ""}})
    return out


def ipn_freshness_vectors(ok):
    """The optional responseTime check (off unless nowMs/toleranceMs given)."""
    sent = ok["responseTime"]
    five_min = 300_000
    stale = {"code": "STALE_NOTIFICATION", "field": "responseTime"}
    return [
        {"id": "ipn-fresh-within-tolerance", "body": dumps(ok), "nowMs": sent + five_min,
         "toleranceMs": five_min, "expected": {"orderId": "ORDER_1"}},
        {"id": "ipn-stale-past-tolerance", "body": dumps(ok), "nowMs": sent + five_min + 1,
         "toleranceMs": five_min, "error": stale},
        {"id": "ipn-stale-from-the-future", "body": dumps(ok), "nowMs": sent - five_min - 1,
         "toleranceMs": five_min, "error": stale},
        {"id": "ipn-freshness-negative-tolerance", "body": dumps(ok), "nowMs": sent,
         "toleranceMs": -1, "error": {"code": "INVALID_INPUT", "field": "toleranceMs"}},
    ]


# ------------------------------------------------------------------- parsing

def parsing_vectors():
    seed_create = {"resultCode": 0, "message": "Giao dịch thành công.", "partnerCode": "MOMOIOLD20190129",
                   "orderId": "1666756278085:0123456778", "requestId": "1666756278085id",
                   "responseTime": 1666756278549, "token": "bd9ba8e038cda3cd87887bf3e9d9e258757a0d1333cbb68babbfd0e3",
                   "promotionInfo": [{"id": "782354878793", "campaignId": "36745763473645", "name": "Black Friday"}],
                   "userInfo": {"name": "*** HUY"}, "partnerUserId": "834ASDF"}
    seed_pay = {"partnerCode": "MOMORSDU20220527", "orderId": "235_1713267813811", "requestId": "1713267813811",
                "amount": 20000, "responseTime": 1713267823260, "message": "Thành công.", "resultCode": 0,
                "transId": 3212233480, "partnerClientId": "",
                "promotionInfo": [{"amount": 10000, "amountSponsor": 6000,
                                   "voucherId": "uat_100424_athena_circlek_mr60_10k", "voucherType": "percent",
                                   "voucherName": "CircleK - Giảm 10K cho đơn từ 0đ (100056,302383) MR60",
                                   "merchantRate": "60"}]}
    gifts = [{"giftId": "giftId0", "status": 0, "statusDesc": "Success", "voucherId": "1234567ABCD",
              "paymentRef": "1234567", "quantity": 1},
             {"giftId": "giftId1", "status": 801, "statusDesc": "Invalid Gift Type", "voucherId": "1234567ABCDE",
              "paymentRef": "12345678", "quantity": 2}]
    gift_create = {"requestId": "149290648301898", "referenceId ": "", "resultCode": 0, "message": "Success",
                   "totalAmount": 40000, "gifts": gifts}
    gift_status = {"requestId": " wqrwpo2343240xsad213", "referenceId ": "stasdfsf", "resultCode": 0,
                   "message": "Success", "data": gift_create}
    expected_gifts = [{"giftId": "giftId0", "status": 0, "statusCode": "SUCCESS", "outcome": {"class": "SUCCESS"}},
                      {"giftId": "giftId1", "status": 801, "statusCode": "GIFT_EMPTY",
                       "outcome": {"class": "REJECTED"}}]
    trans_row = lambda rid: {"requestId": rid, "referenceId ": "", "resultCode": 0, "message": "Success",
                             "gifts": [{k: v for k, v in g.items() if k != "quantity"} for g in gifts]}
    vectors = [
        {"id": "create-seed", "operation": "parseTokenizationCreate", "status": 200, "body": dumps(seed_create),
         "expected": {"resultCode": 0, "token": seed_create["token"], "partnerUserId": "834ASDF",
                      "promotionInfo": seed_create["promotionInfo"], "userInfo": {"name": "*** HUY"},
                      "outcome": {"class": "SUCCESS", "needsQuery": False}}},
        {"id": "create-strings-and-unknown-fields", "operation": "parseTokenizationCreate", "status": 200,
         "body": dumps({"resultCode": "1006", "message": "Từ chối", "responseTime": "1666756278549",
                        "somethingNew": {"x": 1}}),
         "expected": {"resultCode": 1006, "responseTime": 1666756278549, "token": None,
                      "outcome": {"class": "FAILED", "needsQuery": False}}},
        {"id": "pay-seed", "operation": "parseTokenizationPay", "status": 200, "body": dumps(seed_pay),
         "expected": {"amount": 20000, "transId": 3212233480, "promotionInfo": seed_pay["promotionInfo"],
                      "outcome": {"class": "SUCCESS"}}},
        {"id": "pay-pending-null-promotions", "operation": "parseTokenizationPay", "status": 200,
         "body": dumps(dict(seed_pay, resultCode=1000, promotionInfo=None, amount="20000")),
         "expected": {"amount": 20000, "promotionInfo": [], "outcome": {"class": "PENDING", "needsQuery": True}}},
        {"id": "pay-authorized", "operation": "parseTokenizationPay", "status": 200,
         "body": dumps(dict(seed_pay, resultCode=9000)), "expected": {"outcome": {"class": "AUTHORIZED"}}},
        {"id": "pay-bad-signature-400", "operation": "parseTokenizationPay", "status": 400,
         "body": dumps({"resultCode": 20, "message": "Bad format request."}),
         "expected": {"resultCode": 20, "outcome": {"class": "REJECTED", "retryWithNewRequestId": True}}},
        {"id": "pay-html-502", "operation": "parseTokenizationPay", "status": 502, "body": "<html>Bad Gateway</html>",
         "error": {"code": "UNEXPECTED_RESPONSE", "field": "response"}},
        {"id": "query-refunds", "operation": "parseQuery", "status": 200,
         "body": dumps({"partnerCode": "MOMO", "orderId": "O1", "requestId": "R1", "extraData": "", "amount": 60000,
                        "transId": 4294967297123, "payType": "qr", "resultCode": 0, "message": "Thành công.",
                        "responseTime": 1713267823260, "lastUpdated": 1713267823260,
                        "refundTrans": [{"orderId": "RF1", "amount": "10000", "resultCode": 0,
                                         "transId": 4294967297124, "createdTime": 1713267823261}]}),
         "expected": {"transId": 4294967297123, "refundTrans": [{"orderId": "RF1", "amount": 10000,
                                                               "transId": 4294967297124}]}},
        {"id": "confirm-capture", "operation": "parseConfirm", "status": 200,
         "body": dumps({"partnerCode": "MOMO", "requestId": "R", "orderId": "O", "amount": 1000, "transId": 1,
                        "resultCode": 0, "message": "ok", "requestType": "capture", "responseTime": 1}),
         "expected": {"requestType": "capture", "amount": 1000, "outcome": {"class": "SUCCESS"}}},
        {"id": "refund-duplicate-order", "operation": "parseRefund", "status": 200,
         "body": dumps({"partnerCode": "MOMO", "orderId": "O", "requestId": "R", "resultCode": 41,
                        "message": "Duplicated orderId."}),
         "expected": {"resultCode": 41, "outcome": {"class": "REJECTED", "needsQuery": True}}},
        {"id": "login-seed", "operation": "parseLogin", "status": 200, "nowMs": 1700464303000,
         "body": dumps({"status": 0, "message": "Success",
                        "data": {"accessToken": "eyJhbGciOiJIUzUxMiJ9.x.y", "expiresIn": 86400000}}),
         "expected": {"accessToken": "eyJhbGciOiJIUzUxMiJ9.x.y", "expiresAtMs": 1700550703000}},
        {"id": "login-default-expiry", "operation": "parseLogin", "status": 200, "nowMs": 1000,
         "body": dumps({"status": 0, "message": "Success", "data": {"accessToken": "t"}}),
         "expected": {"accessToken": "t", "expiresAtMs": 86401000}},
        {"id": "login-refused", "operation": "parseLogin", "status": 401, "nowMs": 1,
         "body": dumps({"status": 401, "message": "Unauthorized"}),
         "error": {"code": "LOGIN_FAILED", "field": "response"}},
        {"id": "redeem-success", "operation": "parseRedeemStatus", "status": 200,
         "body": dumps({"status": "SUCCESS", "message": "OK"}), "expected": {"status": "SUCCESS", "success": True,
                                                                            "formErrors": []}},
        {"id": "redeem-fail-400-form-errors", "operation": "parseRedeemStatus", "status": 400,
         "body": dumps({"status": "FAIL", "message": "Invalid", "formErrors": {"voucherCode": "not found"}}),
         "expected": {"success": False, "formErrors": [{"field": "voucherCode", "message": "not found"}]}},
        {"id": "redeem-401", "operation": "parseRedeemStatus", "status": 401, "body": "",
         "error": {"code": "UNEXPECTED_RESPONSE", "field": "response"}},
        {"id": "gift-create-seed", "operation": "parseGiftCreate", "status": 200, "body": dumps(gift_create),
         "expected": {"requestId": "149290648301898", "referenceId": "", "totalAmount": 40000,
                      "gifts": expected_gifts}},
        {"id": "gift-status-seed", "operation": "parseGiftStatus", "status": 200, "body": dumps(gift_status),
         "expected": {"requestId": " wqrwpo2343240xsad213", "referenceId": "stasdfsf",
                      "data": {"totalAmount": 40000, "gifts": expected_gifts}}},
        {"id": "gift-get-trans-seed", "operation": "parseGiftGetTrans", "status": 200,
         "body": dumps({"requestId": " wqrwpo2343240xsad213", "referenceId ": "stasdfsf", "resultCode": 0,
                        "message": "Success", "datas": [trans_row("149290648301898"), trans_row("149290648301899")]}),
         "expected": {"referenceId": "stasdfsf", "datas": [{"requestId": "149290648301898"},
                                                           {"requestId": "149290648301899"}]}},
        {"id": "gift-result-insufficient", "operation": "parseGiftCreate", "status": 200,
         "body": dumps({"requestId": "r", "resultCode": 7, "message": "Insufficient funds"}),
         "expected": {"gifts": [], "outcome": {"class": "FAILED", "needsQuery": False}}},
    ]
    vectors += hostile_parsing_vectors(seed_pay)
    return {"area": "parsing", "vectors": vectors}


def hostile_parsing_vectors(seed_pay):
    """Issue 18: a 5xx is an unknown outcome whatever its body says; digit
    strings are digits exactly; JSON text cannot smuggle a lone surrogate;
    a login answer's error never quotes the body (its code and field here;
    the message is checked by each host's secrets tests)."""
    unknown = {"class": "UNKNOWN", "needsQuery": True}
    paid = dumps(seed_pay)
    bad = {"code": "UNEXPECTED_RESPONSE", "field": "response"}
    return [
        {"id": "query-500-with-success-body-is-unknown", "operation": "parseQuery", "status": 500,
         "body": paid, "expected": {"resultCode": 0, "outcome": dict(unknown, code=None)}},
        {"id": "pay-503-with-success-body-is-unknown", "operation": "parseTokenizationPay", "status": 503,
         "body": paid, "expected": {"outcome": unknown}},
        {"id": "refund-502-is-unknown", "operation": "parseRefund", "status": 502,
         "body": dumps({"resultCode": 0, "message": "OK", "transId": 1}), "expected": {"outcome": unknown}},
        {"id": "gift-status-500-is-unknown", "operation": "parseGiftStatus", "status": 500,
         "body": dumps({"requestId": "r", "resultCode": 0, "message": "Success"}),
         "expected": {"outcome": unknown}},
        {"id": "query-499-keeps-the-body-outcome", "operation": "parseQuery", "status": 499,
         "body": paid, "expected": {"outcome": {"class": "SUCCESS"}}},
        {"id": "digit-string-with-space-refused", "operation": "parseQuery", "status": 200,
         "body": dumps({"resultCode": " 0", "message": "OK"}), "error": bad},
        {"id": "lone-surrogate-escape-refused", "operation": "parseQuery", "status": 200,
         "body": '{"resultCode":0,"message":"\\ud800"}', "error": bad},
        {"id": "login-bad-token-type-not-quoted", "operation": "parseLogin", "status": 200, "nowMs": 1,
         "body": dumps({"status": 0, "data": {"accessToken": 7301928374655, "expiresIn": "soon"}}),
         "error": bad},
    ]


# ------------------------------------------------------------------ checkout

CREATE_FIELDS = ["accessKey", "amount", "extraData", "ipnUrl", "orderId", "orderInfo", "partnerCode",
                 "redirectUrl", "requestId", "requestType"]
# developers.momo.vn "One-Time Payments": wallet/onetime (captureWallet; payWithMethod has no range of
# its own there), atm/onetime (payWithATM), credit/onetime (payWithCC).
CREATE_AMOUNTS = {"captureWallet": (1_000, 50_000_000), "payWithMethod": (1_000, 50_000_000),
                  "payWithATM": (10_000, 50_000_000), "payWithCC": (1_000, 10_000_000)}


def create_payment(inp, cfg=None):
    """The create body in the field order of MoMo's request table, signed over
    PROTOCOL.md 1b's ten fields; absent optional fields are left out."""
    cfg = cfg or config()
    body = {"partnerCode": cfg["partnerCode"]}
    for k in ["partnerName", "storeId"]:
        if k in inp:
            body[k] = inp[k]
    body.update({"requestId": inp["requestId"], "amount": inp["amount"], "orderId": inp["orderId"],
                 "orderInfo": inp["orderInfo"]})
    if "orderGroupId" in inp:
        body["orderGroupId"] = inp["orderGroupId"]
    body.update({"redirectUrl": sent(inp.get("redirectUrl", "")), "ipnUrl": inp["ipnUrl"],
                 "requestType": inp["requestType"], "extraData": sent(inp.get("extraData", ""))})
    if inp.get("items"):
        body["items"] = [item_with_total(i) for i in inp["items"]]
    for k in ["deliveryInfo", "userInfo", "autoCapture"]:
        if k in inp:
            body[k] = inp[k]
    body["lang"] = inp.get("lang", "vi")
    if "orderExpireTime" in inp:
        body["orderExpireTime"] = inp["orderExpireTime"]
    fields = {"accessKey": cfg["accessKey"], **{k: body[k] for k in CREATE_FIELDS[1:]}}
    assert sorted(fields) == CREATE_FIELDS
    raw = raw_string(fields)
    sig = hmac_hex(cfg["secretKey"], raw)
    body["signature"] = sig
    return {"method": "POST", "url": GATEWAY + "/v2/gateway/api/create", "headers": dict(CONTENT_TYPE),
            "body": dumps(body), "timeoutMs": 30000, "requestId": inp["requestId"], "signatureRaw": raw,
            "signature": sig}


def item_with_total(item):
    """An item as sent: its own keys in the model's order, totalPrice = price x quantity."""
    order = ["id", "name", "description", "category", "imageUrl", "manufacturer", "price", "currency",
             "quantity", "unit", "totalPrice", "taxAmount"]
    full = dict(item, totalPrice=item["price"] * item["quantity"])
    return {k: full[k] for k in order if k in full}


def redirect_query(pairs, quote=None):
    """A query string as a browser receives it: each key and value
    percent-encoded as UTF-8 (quote_plus: space as +), joined with &."""
    from urllib.parse import quote_plus
    q = quote or quote_plus
    return "&".join(f"{q(k, safe='')}={q(str(v), safe='')}" for k, v in pairs)


def err(code, field):
    """An expected error: its stable code and the field it names."""
    return {"code": code, "field": field}


def checkout_vectors():
    """tests/vectors/checkout.json: the one-time payment (create), its
    redirect, and the payment tracker. Shape (every host's runner reads it):

      config                       the client configuration for every vector
      create[]       {id, description, input, expected}: input is a
                     CreatePaymentRequest (camelCase); expected holds method, url,
                     headers, body (exact text), timeoutMs, requestId,
                     signatureRaw and signature (Python hmac)
      createErrors[] {id, input, error: {code, field}}
      parse[]        {id, status, body, expected | error}: parse_create_payment;
                     expected is a subset of the parsed answer (null = absent)
      redirect[]     {id, query, expected | error}: verify_redirect(query);
                     expected is a subset of the PaymentNotification
      redirectParams[] {id, params: [[name, value], ...], expected | error}:
                     verify_redirect_params (a host's decoded pairs)
      trackerRestoreErrors[] {id, stored (JSON text), error: {code, field}}:
                     the tracker's restore (fromJSON, from_json, fromJson)
      tracker[]      {id, operation: create|pay|refund, expiresAtMs, events[],
                     expected[]}: PaymentTracker::new(operation, expiresAtMs),
                     then one handle() per event; expected[i] is the i-th
                     answer, {next, duplicate}, next being {"step": "waitUntil",
                     "atMs"} | {"step": "queryNow"} | {"step": "confirm"} |
                     {"step": "final", "state": paid|failed|expired, "reason":
                     succeeded|failed|rejected|cancelled|expired, "resultCode"}.
                     An event is {"event": createAnswered | payAnswered |
                     refundAnswered | queryAnswered | notified | confirmAnswered
                     | transportTimeout | tick, "nowMs", "resultCode"?,
                     "httpStatus"? (default 200), "transId"? (notified),
                     "requestType"? (confirmAnswered: capture|cancel)}; the
                     outcome is Outcome::of_payment(resultCode) for that HTTP
                     status, or a transport timeout when resultCode is absent.
    """
    cfg = config()
    ipn = "https://pos.example.vn/momo/ipn"
    base = {"requestId": "req-create-1", "orderId": "POS42-QR-0001", "requestType": "captureWallet",
            "amount": 150000, "orderInfo": "Cà phê sữa đá x3 & bánh mì", "redirectUrl": "https://pos.example.vn/paid",
            "ipnUrl": ipn}
    # MoMo's own v2 sample (momo-wallet/payment nodejs/MoMo.js, PROTOCOL.md 1b), with its
    # time-based requestId fixed.
    sample = {"requestId": "MOMO1540456472575", "orderId": "MOMO1540456472575", "requestType": "captureWallet",
              "amount": 50000, "orderInfo": "pay with MoMo", "redirectUrl": "https://momo.vn/return",
              "ipnUrl": "https://callback.url/notify", "extraData": "", "lang": "en"}
    items = [{"id": "SKU-01", "name": "Cà phê sữa đá", "price": 35000, "currency": "VND", "quantity": 2,
              "unit": "ly"},
             {"id": "SKU-02", "name": "Bánh mì", "price": 20000, "quantity": 1}]
    full = dict(base, requestId="req-create-2", orderId="POS42-QR-0002", requestType="payWithMethod", amount=90000,
                extraData="eyJ1c2VybmFtZSI6ICJtb21vIn0=", items=items,
                userInfo={"name": "Nguyễn Văn A", "phoneNumber": "0901234567", "email": "a@example.vn"},
                deliveryInfo={"deliveryAddress": "12 Tân Trào, Quận 7", "deliveryFee": 15000, "quantity": 3},
                autoCapture=False, orderGroupId=1234567890, storeId="Q7-01", partnerName="Quán Cà Phê 42",
                orderExpireTime=10, lang="en")
    creates = [
        ("momo-v2-sample", "MoMo's v2 sample (nodejs/MoMo.js) recomputed with Python hmac", sample),
        ("capture-wallet-pos-qr", "the POS QR: no redirectUrl (signed as empty), & and Vietnamese signed raw",
         {k: v for k, v in dict(base, orderExpireTime=5, storeId="Q1-07").items() if k != "redirectUrl"}),
        ("pay-with-method-every-optional-field", "items (totalPrice computed), userInfo, deliveryInfo, "
         "autoCapture=false, orderGroupId, storeId, partnerName, orderExpireTime, extraData", full),
        ("pay-with-atm-minimum", "payWithATM starts at 10,000 VND",
         dict(base, requestId="req-create-3", requestType="payWithATM", amount=10000)),
        ("pay-with-cc-maximum-app-link", "payWithCC ends at 10,000,000 VND; an app link as redirectUrl",
         dict(base, requestId="req-create-4", requestType="payWithCC", amount=10000000,
              redirectUrl="myshop://momo/paid?order=POS42-QR-0001")),
        ("capture-wallet-maximum-blank-extra-data", "captureWallet ends at 50,000,000; a blank extraData is sent "
         "and signed as empty", dict(base, requestId="req-create-5", amount=50000000, extraData=" \t")),
    ]
    create_out = [{"id": i, "description": d, "input": inp, "expected": create_payment(inp)} for i, d, inp in creates]

    errors = []
    for rtype, (lo, hi) in CREATE_AMOUNTS.items():
        errors.append((f"{rtype}-below-minimum", dict(base, requestType=rtype, amount=lo - 1),
                       err("INVALID_AMOUNT", "amount")))
        errors.append((f"{rtype}-above-maximum", dict(base, requestType=rtype, amount=hi + 1),
                       err("INVALID_AMOUNT", "amount")))
    errors += [
        ("ipn-url-app-link", dict(base, ipnUrl="myshop://ipn"), err("INVALID_FORMAT", "ipnUrl")),
        ("ipn-url-relative", dict(base, ipnUrl="/momo/ipn"), err("INVALID_FORMAT", "ipnUrl")),
        ("ipn-url-with-space", dict(base, ipnUrl="https://pos.example.vn/momo ipn"), err("INVALID_FORMAT", "ipnUrl")),
        ("ipn-url-empty", dict(base, ipnUrl=""), err("REQUIRED", "ipnUrl")),
        ("redirect-url-required-for-atm", {k: v for k, v in dict(base, requestType="payWithATM").items()
                                           if k != "redirectUrl"}, err("REQUIRED", "redirectUrl")),
        ("redirect-url-not-absolute", dict(base, redirectUrl="pos.example.vn/paid"),
         err("INVALID_FORMAT", "redirectUrl")),
        ("order-info-empty", dict(base, orderInfo=" "), err("REQUIRED", "orderInfo")),
        ("order-info-256-characters", dict(base, orderInfo="đ" * 256), err("TOO_LONG", "orderInfo")),
        ("order-id-pattern", dict(base, orderId="POS 42"), err("INVALID_FORMAT", "orderId")),
        ("order-id-201-characters", dict(base, orderId="A" * 201), err("TOO_LONG", "orderId")),
        ("request-id-51-characters", dict(base, requestId="r" * 51), err("TOO_LONG", "requestId")),
        ("store-id-51-characters", dict(base, storeId="s" * 51), err("TOO_LONG", "storeId")),
        ("items-51", dict(base, items=[{"id": f"S{i}", "name": "x", "price": 1000, "quantity": 1}
                                        for i in range(51)]), err("TOO_LONG", "items")),
        ("item-quantity-zero", dict(base, items=[{"id": "S", "name": "x", "price": 1000, "quantity": 0}]),
         err("INVALID_QUANTITY", "items[0].quantity")),
        ("delivery-fee-negative", dict(base, deliveryInfo={"deliveryFee": -1}),
         err("INVALID_AMOUNT", "deliveryInfo.deliveryFee")),
        ("order-expire-time-zero", dict(base, orderExpireTime=0), err("INVALID_INPUT", "orderExpireTime")),
        ("request-type-unknown", dict(base, requestType="payWithVTS"), err("INVALID_ENUM", "requestType")),
        ("extra-data-not-base64-json", dict(base, extraData="not base64!"), err("INVALID_BASE64", "extraData")),
    ]
    create_errors = [{"id": i, "input": inp, "error": e} for i, inp, e in errors]

    answer = {"partnerCode": "MOMO", "orderId": "POS42-QR-0001", "requestId": "req-create-1", "amount": 150000,
              "responseTime": 1765090800123, "message": "Thành công.", "resultCode": 0,
              "payUrl": "https://test-payment.momo.vn/v2/gateway/pay?t=TU9NT3xQT1M0Mi1RUi0wMDAx",
              "deeplink": "momo://app?action=payWithApp&isScanQR=false&sid=TU9NT3xQT1M0Mi1RUi0wMDAx",
              "qrCodeUrl": "momo://app?action=payWithApp&isScanQR=true&sid=TU9NT3xQT1M0Mi1RUi0wMDAx",
              "applink": "https://test-applinks.momo.vn/payment/v2?sid=TU9NT3xQT1M0Mi1RUi0wMDAx"}
    links = {k: answer[k] for k in ["payUrl", "deeplink", "qrCodeUrl", "applink"]}
    no_links = {k: None for k in links}
    parse = [
        {"id": "created-with-every-link", "status": 200, "body": dumps(answer),
         "expected": dict(links, resultCode=0, amount=150000, orderId="POS42-QR-0001",
                          outcome={"class": "SUCCESS", "needsQuery": False})},
        {"id": "atm-answer-has-only-pay-url", "status": 200,
         "body": dumps({k: v for k, v in answer.items() if k not in ("deeplink", "qrCodeUrl", "applink")}),
         "expected": dict(no_links, payUrl=answer["payUrl"])},
        {"id": "rejected-amount-has-no-link", "status": 200,
         "body": dumps({"partnerCode": "MOMO", "orderId": "O1", "requestId": "r1", "resultCode": 22,
                        "message": "Số tiền giao dịch không hợp lệ.", "responseTime": 1}),
         "expected": dict(no_links, resultCode=22,
                          outcome={"class": "REJECTED", "needsQuery": False, "retryWithNewRequestId": True})},
        {"id": "duplicate-order-id-means-query", "status": 200, "body": dumps({"resultCode": 41, "message": "x"}),
         "expected": {"outcome": {"class": "REJECTED", "needsQuery": True}}},
        {"id": "result-code-as-digit-string", "status": 200, "body": dumps(dict(answer, resultCode="0")),
         "expected": {"resultCode": 0}},
        {"id": "server-error-is-unknown", "status": 502, "body": dumps(answer),
         "expected": {"outcome": {"class": "UNKNOWN", "needsQuery": True, "code": None}}},
        {"id": "not-json", "status": 200, "body": "<html>bad gateway</html>",
         "error": err("UNEXPECTED_RESPONSE", "response")},
    ]

    # The redirect: the IPN's fields in the query string, URL-encoded.
    fields = {"partnerCode": "MOMO", "orderId": "POS42-QR-0001", "requestId": "req-create-1", "amount": 150000,
              "orderInfo": "Cà phê sữa đá x3 & bánh mì", "orderType": "momo_wallet", "transId": 4294967297123,
              "resultCode": 0, "message": "Thành công.", "payType": "qr", "responseTime": 1765090860456,
              "extraData": ""}

    def signed_pairs(f, secret=cfg["secretKey"]):
        raw = raw_string({"accessKey": cfg["accessKey"], **f})
        return list(f.items()) + [("signature", hmac_hex(secret, raw))]

    good = signed_pairs(fields)
    ok = {"orderId": "POS42-QR-0001", "orderInfo": fields["orderInfo"], "amount": 150000,
          "transId": 4294967297123, "resultCode": 0, "message": "Thành công.",
          "outcome": {"class": "SUCCESS", "needsQuery": False}}
    failed = signed_pairs(dict(fields, resultCode=1006, message="Giao dịch thất bại do người dùng đã từ chối."))
    plus = signed_pairs(dict(fields, orderInfo="1+1=2 & 100%"))
    mismatch = err("SIGNATURE_MISMATCH", "signature")
    q = redirect_query
    from urllib.parse import quote
    redirect = [
        {"id": "good-with-leading-question-mark", "query": "?" + q(good), "expected": ok},
        {"id": "good-percent-20-for-space", "query": q(good, quote), "expected": ok},
        {"id": "good-extra-unsigned-parameter-ignored", "query": q(good + [("status", "paid")]), "expected": ok},
        {"id": "good-encoded-plus-and-percent", "query": q(plus), "expected": {"orderInfo": "1+1=2 & 100%"}},
        {"id": "good-failed-payment", "query": q(failed),
         "expected": {"resultCode": 1006, "outcome": {"class": "FAILED", "needsQuery": False}}},
        {"id": "forged-amount", "query": q([(k, 1500 if k == "amount" else v) for k, v in good]), "error": mismatch},
        {"id": "forged-failed-into-success",
         "query": q([(k, 0 if k == "resultCode" else v) for k, v in failed]), "error": mismatch},
        {"id": "forged-with-another-key", "query": q(signed_pairs(fields, secret="not-the-secret-key")),
         "error": mismatch},
        {"id": "raw-ampersand-in-order-info-is-a-duplicate",
         "query": q(failed).replace("orderInfo=", "orderInfo=hi&resultCode=0&z=", 1),
         "error": err("DUPLICATE_FIELD", "resultCode")},
        {"id": "duplicate-key", "query": q(good + [("amount", 150000)]), "error": err("DUPLICATE_FIELD", "amount")},
        {"id": "missing-signed-field", "query": q([(k, v) for k, v in good if k != "transId"]),
         "error": err("REQUIRED", "transId")},
        {"id": "missing-signature", "query": q([(k, v) for k, v in good if k != "signature"]),
         "error": err("REQUIRED", "signature")},
        {"id": "pair-without-equals", "query": q(good) + "&orderType", "error": err("INVALID_INPUT", "query")},
        {"id": "bad-utf8-escape", "query": q(good).replace("orderInfo=", "orderInfo=%C3%28", 1),
         "error": err("INVALID_INPUT", "orderInfo")},
        {"id": "malformed-escape", "query": q(good).replace("orderInfo=", "orderInfo=%G1", 1),
         "error": err("INVALID_INPUT", "orderInfo")},
        {"id": "amount-not-digits", "query": q([(k, "150000.0" if k == "amount" else v) for k, v in good]),
         "error": err("INVALID_AMOUNT", "amount")},
    ]
    as_text = [[k, str(v)] for k, v in good]
    redirect_params = [
        {"id": "host-map-good", "params": as_text, "expected": ok},
        {"id": "host-map-duplicate", "params": as_text + [["resultCode", "0"]],
         "error": err("DUPLICATE_FIELD", "resultCode")},
        {"id": "host-map-tampered", "params": [[k, "Cà phê" if k == "orderInfo" else v] for k, v in as_text],
         "error": mismatch},
    ]
    return {"area": "checkout", "config": cfg, "create": create_out, "createErrors": create_errors,
            "parse": parse, "redirect": redirect, "redirectParams": redirect_params,
            "tracker": tracker_vectors(), "trackerRestoreErrors": tracker_restore_errors()}


def tracker_restore_errors():
    """Stored trackers a host refuses to resume, and the error every host
    names: the stored text is the host's `tracker` argument, so fields are
    paths under it (the core's serde form, core/src/tracker/machine.rs)."""
    good = {"operation": "create", "expiresAtMs": 1765091400000, "inFlight": "operation",
            "queries": 0, "notified": [], "next": {"step": "waitUntil", "atMs": 1765090810000}}

    def stored(**changes):
        return json.dumps({**good, **changes}, separators=(",", ":"))

    return [
        {"id": "not-json", "stored": "{", "error": err("INVALID_INPUT", "tracker")},
        {"id": "trailing-text", "stored": stored() + " x", "error": err("INVALID_INPUT", "tracker")},
        {"id": "not-an-object", "stored": "7", "error": err("INVALID_INPUT", "tracker")},
        {"id": "only-the-operation", "stored": '{"operation":"create"}',
         "error": err("REQUIRED", "tracker.expiresAtMs")},
        {"id": "unknown-operation", "stored": stored(operation="gift"),
         "error": err("INVALID_ENUM", "tracker.operation")},
        {"id": "queries-not-a-count", "stored": stored(queries=True),
         "error": err("INVALID_INPUT", "tracker.queries")},
        {"id": "queries-negative", "stored": stored(queries=-1),
         "error": err("INVALID_INPUT", "tracker.queries")},
        {"id": "unknown-step", "stored": stored(next={"step": "pray"}),
         "error": err("INVALID_ENUM", "tracker.next.step")},
    ]


def tracker_vectors():
    """Tracker transitions, stated from the schedule (core/src/tracker/schedule.rs):
    waits of 10, 10, 20, 30, then 60 s after each pending or unknown answer,
    never past expiresAtMs + 60 s, where the last query is made."""
    t0 = 1765090800000
    expires = t0 + 600_000
    deadline = expires + 60_000

    def ev(kind, now, **kw):
        return {"event": kind, "nowMs": now, **kw}

    def wait(at):
        return {"next": {"step": "waitUntil", "atMs": at}, "duplicate": False}

    query = {"next": {"step": "queryNow"}, "duplicate": False}
    confirm = {"next": {"step": "confirm"}, "duplicate": False}

    def final(state, reason, code, duplicate=False):
        return {"next": {"step": "final", "state": state, "reason": reason, "resultCode": code},
                "duplicate": duplicate}

    paid = final("paid", "succeeded", 0)
    out = []

    def add(vid, operation, pairs):
        out.append({"id": vid, "operation": operation, "expiresAtMs": expires,
                    "events": [e for e, _ in pairs], "expected": [x for _, x in pairs]})

    add("create-then-notified-paid", "create", [
        (ev("createAnswered", t0, resultCode=0), wait(t0 + 10_000)),
        (ev("notified", t0 + 4_000, transId=4294967297123, resultCode=0), paid),
        (ev("notified", t0 + 5_000, transId=4294967297123, resultCode=0), final("paid", "succeeded", 0, True)),
        (ev("tick", deadline + 1), paid),
    ])
    add("create-no-notification-query-schedule", "create", [
        (ev("createAnswered", t0, resultCode=0), wait(t0 + 10_000)),
        (ev("tick", t0 + 9_999), wait(t0 + 10_000)),
        (ev("tick", t0 + 10_000), query),
        (ev("queryAnswered", t0 + 10_500, resultCode=1000), wait(t0 + 20_500)),
        (ev("tick", t0 + 20_500), query),
        (ev("queryAnswered", t0 + 21_000, resultCode=1000), wait(t0 + 41_000)),
        (ev("tick", t0 + 41_000), query),
        (ev("queryAnswered", t0 + 41_000, resultCode=7000), wait(t0 + 71_000)),
        (ev("tick", t0 + 71_000), query),
        (ev("queryAnswered", t0 + 71_000, resultCode=1000), wait(t0 + 131_000)),
        (ev("tick", t0 + 131_000), query),
        (ev("queryAnswered", t0 + 131_000, resultCode=1000), wait(t0 + 191_000)),
        (ev("tick", t0 + 191_000), query),
        (ev("queryAnswered", t0 + 191_000, resultCode=0), paid),
    ])
    add("create-expires-after-the-last-query", "create", [
        (ev("createAnswered", t0, resultCode=0), wait(t0 + 10_000)),
        (ev("notified", deadline - 3_000, transId=77, resultCode=1000), wait(deadline)),
        (ev("tick", deadline), query),
        (ev("queryAnswered", deadline + 800, resultCode=1000), final("expired", "expired", None)),
        (ev("notified", deadline + 900, transId=77, resultCode=0), final("expired", "expired", None, True)),
    ])
    add("create-qr-expired-by-momo", "create", [
        (ev("createAnswered", t0, resultCode=0), wait(t0 + 10_000)),
        (ev("tick", t0 + 10_000), query),
        (ev("queryAnswered", t0 + 10_000, resultCode=1005), final("failed", "failed", 1005)),
    ])
    add("create-rejected", "create", [(ev("createAnswered", t0, resultCode=21), final("failed", "rejected", 21))])
    add("create-duplicate-order-id-queries-first", "create", [
        (ev("createAnswered", t0, resultCode=41), query),
        (ev("queryAnswered", t0 + 300, resultCode=0), paid),
    ])
    add("create-timeout-then-server-error", "create", [
        (ev("transportTimeout", t0 + 30_000), query),
        (ev("queryAnswered", t0 + 30_100, resultCode=0, httpStatus=503), wait(t0 + 40_100)),
        (ev("tick", t0 + 40_100), query),
        (ev("transportTimeout", t0 + 70_100), wait(t0 + 90_100)),
        (ev("transportTimeout", t0 + 70_200), wait(t0 + 90_100)),
        (ev("tick", t0 + 90_100), query),
        (ev("queryAnswered", t0 + 90_200, resultCode=1006), final("failed", "failed", 1006)),
    ])
    add("pay-authorized-capture", "pay", [
        (ev("payAnswered", t0, resultCode=9000), confirm),
        (ev("notified", t0 + 100, transId=5, resultCode=9000), confirm),
        (ev("notified", t0 + 200, transId=5, resultCode=9000), dict(confirm, duplicate=True)),
        (ev("confirmAnswered", t0 + 300, requestType="capture", resultCode=0), paid),
        (ev("notified", t0 + 400, transId=5, resultCode=0), dict(paid, duplicate=True)),
    ])
    add("pay-authorized-cancel", "pay", [
        (ev("payAnswered", t0, resultCode=9000), confirm),
        (ev("confirmAnswered", t0 + 300, requestType="cancel", resultCode=0), final("failed", "cancelled", 0)),
    ])
    add("pay-confirm-timeout-queries", "pay", [
        (ev("payAnswered", t0, resultCode=9000), confirm),
        (ev("confirmAnswered", t0 + 30_000, requestType="capture"), query),
        (ev("queryAnswered", t0 + 30_100, resultCode=9000), confirm),
    ])
    add("pay-insufficient-funds", "pay", [(ev("payAnswered", t0, resultCode=1001), final("failed", "failed", 1001))])
    add("pay-pending-then-paid-by-query", "pay", [
        (ev("payAnswered", t0, resultCode=7000), wait(t0 + 10_000)),
        (ev("tick", t0 + 10_000), query),
        (ev("queryAnswered", t0 + 10_200, resultCode=0), paid),
    ])
    add("pay-query-refused-keeps-waiting", "pay", [
        (ev("transportTimeout", t0 + 10_000), query),
        (ev("queryAnswered", t0 + 10_100, resultCode=42), wait(t0 + 20_100)),
        (ev("tick", t0 + 20_100), query),
        (ev("queryAnswered", t0 + 20_200, resultCode=10), wait(t0 + 40_200)),
    ])
    add("refund-succeeded", "refund", [(ev("refundAnswered", t0, resultCode=0), paid)])
    add("refund-timeout-then-failed", "refund", [
        (ev("transportTimeout", t0 + 30_000), query),
        (ev("queryAnswered", t0 + 30_100, resultCode=1080), final("failed", "failed", 1080)),
    ])
    add("pending-answer-past-the-deadline-expires", "pay", [
        (ev("payAnswered", deadline, resultCode=1000), final("expired", "expired", None)),
    ])
    return out


# ---------------------------------------------------------------------- main

def hostile_vectors():
    """Issue 18 item 4: odd input gets one rule in every host. An input may
    hold a marker, an object with one "$" key that each host's runner turns
    into a host value before the call:
      {"$loneSurrogate": "a?b"}  the string with each ? replaced by U+D800
                                 (node, python: Rust and Kotlin strings
                                 cannot hold one; JSON text "\\ud800" is
                                 refused everywhere, see parsing.json)
      {"$float": 20000}          a float of that whole value (JSON 20000.0)
      {"$bigint": "20000"}       an arbitrary-size integer (JS BigInt,
                                 Python int, a JSON integer)
    "hosts" lists the hosts that can express the input (absent: all). A
    vector has "error" {code, field} or "expected" {"body"}: the exact body
    of the prepared request, computed here."""
    refund_in = {"requestId": "req-h-1", "orderId": "R1", "transId": 1, "amount": 20000}
    same_body = {"body": refund(refund_in)["body"]}
    big_trans = dict(refund_in, transId=9007199254740993)
    create = {"requestId": "r1", "orderId": "O1", "referenceCode": "1023984137834985578", "requestTime": 1}
    host_strings = ["node", "python"]
    sale = {"posId": "1", "posName": "p", "tranDate": 1, "originalAmount": 123000, "serviceCharge": 0.08,
            "shipFeeAmount": 3000, "vatAmount": 5000, "discountAmount": 20000, "paymentMethod": "MOMOQR"}
    redeem = {"momoCampaignId": "c", "voucherCode": "v", "momoTransactionId": "1", "partnerTransactionId": "p",
              "redeemStatus": "SUCCESS", "saleInfo": sale}
    vectors = [
        # Lone surrogates: refused with the field, never replaced by U+FFFD.
        {"id": "lone-surrogate-in-description", "operation": "refund", "hosts": host_strings,
         "input": dict(refund_in, description={"$loneSurrogate": "Ho?n tiền"}),
         "error": {"code": "INVALID_INPUT", "field": "description"}},
        {"id": "lone-surrogate-in-order-id", "operation": "query", "hosts": host_strings,
         "input": {"requestId": "req-h-2", "orderId": {"$loneSurrogate": "O?1"}},
         "error": {"code": "INVALID_INPUT", "field": "orderId"}},
        # Digit strings are digits exactly.
        {"id": "digit-string-with-leading-space", "operation": "refund",
         "input": dict(refund_in, amount=" 20000"), "error": {"code": "INVALID_AMOUNT", "field": "amount"}},
        {"id": "digit-string-with-trailing-newline", "operation": "refund",
         "input": dict(refund_in, amount="20000\n"), "error": {"code": "INVALID_AMOUNT", "field": "amount"}},
        {"id": "digit-string-exact-is-a-number", "operation": "refund",
         "input": dict(refund_in, amount="20000"), "expected": same_body},
        # A float of a whole value is that number (JavaScript cannot tell
        # 20000.0 from 20000); a fraction is refused.
        {"id": "whole-float-amount-is-the-integer", "operation": "refund",
         "input": dict(refund_in, amount={"$float": 20000}), "expected": same_body},
        {"id": "fractional-float-amount-refused", "operation": "refund",
         "input": dict(refund_in, amount=20000.5), "error": {"code": "INVALID_AMOUNT", "field": "amount"}},
        # Integers of any size: exact within i64, refused past it.
        {"id": "bigint-amount-is-the-integer", "operation": "refund",
         "input": dict(refund_in, amount={"$bigint": "20000"}), "expected": same_body},
        {"id": "bigint-trans-id-past-2-53-is-exact", "operation": "refund",
         "input": dict(big_trans, transId={"$bigint": "9007199254740993"}),
         "expected": {"body": refund(big_trans)["body"]}},
        {"id": "bigint-amount-past-64-bits-refused", "operation": "refund",
         "input": dict(refund_in, amount={"$bigint": "18446744073709551616"}),
         "error": {"code": "INVALID_AMOUNT", "field": "amount"}},
        {"id": "bigint-trans-id-past-i64-refused", "operation": "refund",
         "input": dict(refund_in, transId={"$bigint": "9223372036854775808"}),
         "error": {"code": "INVALID_INPUT", "field": "transId"}},
        # Times are epoch milliseconds: never negative.
        {"id": "negative-request-time", "operation": "tokenizationCreate",
         "input": dict(create, requestTime=-1), "error": {"code": "INVALID_INPUT", "field": "requestTime"}},
        {"id": "negative-now-ms", "operation": "redeemStatus",
         "input": {"request": redeem, "accessToken": {"token": "eyJ.t", "expiresAtMs": 1000}, "nowMs": -1},
         "error": {"code": "INVALID_INPUT", "field": "nowMs"}},
    ]
    cfg = config(**BUSINESS)
    return {"area": "hostile", "defaultConfig": cfg, "vectors": vectors}


FILES = {
    "signing.json": signing_vectors,
    "requests.json": request_vectors,
    "rsa.json": rsa_vectors,
    "validation.json": validation_vectors,
    "amounts.json": amount_vectors,
    "result_codes.json": result_code_vectors,
    "ipn.json": ipn_vectors,
    "parsing.json": parsing_vectors,
    "errors.json": error_vectors,
    "hostile.json": hostile_vectors,
    "checkout.json": checkout_vectors,
}


def render(data):
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def check_with_openssl(data):
    """Every signature in signing.json, recomputed by openssl and by hmac."""
    n = 0
    for v in data["vectors"]:
        exp = v["expected"]
        key = v["config"]["secretKey"]
        out = openssl("dgst", "-sha256", "-hmac", key, "-hex", data=exp["signatureRaw"].encode()).decode()
        assert out.strip().split()[-1] == exp["signature"], v["id"]
        assert hmac_hex(key, exp["signatureRaw"]) == exp["signature"], v["id"]
        body = json.loads(exp["body"])
        assert body["signature"] == exp["signature"], v["id"]
        names = SIGNED_FIELDS[v["operation"]]
        fields = {n_: (v["config"]["accessKey"] if n_ == "accessKey" else body[n_]) for n_ in names}
        assert raw_string(fields) == exp["signatureRaw"], v["id"]
        n += 1
    return n


def check_checkout_with_openssl(data):
    """Every create signature in checkout.json (MoMo's v2 sample among them),
    recomputed by openssl and by hmac over PROTOCOL.md 1b's fields."""
    key = data["config"]["secretKey"]
    for v in data["create"]:
        exp = v["expected"]
        out = openssl("dgst", "-sha256", "-hmac", key, "-hex", data=exp["signatureRaw"].encode()).decode()
        assert out.strip().split()[-1] == exp["signature"] == hmac_hex(key, exp["signatureRaw"]), v["id"]
        body = json.loads(exp["body"])
        fields = {f: (data["config"]["accessKey"] if f == "accessKey" else body[f]) for f in CREATE_FIELDS}
        assert raw_string(fields) == exp["signatureRaw"] and body["signature"] == exp["signature"], v["id"]
    return len(data["create"])


def main():
    check = "--check" in sys.argv
    stale = []
    for name, fn in FILES.items():
        data = fn()
        path = HERE / name
        if check:
            if not path.exists() or path.read_text() != render(data):
                stale.append(name)
        else:
            path.write_text(render(data))
    known = json.loads((HERE / "signing.json").read_text())["vectors"][0]["expected"]["signature"]
    assert known == "38d62cb13c33742bec6a4aaddbeb6460b33c735bdc8aa7cd01dfa3f250a57af6", known
    n = check_with_openssl(json.loads((HERE / "signing.json").read_text()))
    n += check_checkout_with_openssl(json.loads((HERE / "checkout.json").read_text()))
    if stale:
        print(f"vectors: stale files (run tests/vectors/generate.py): {', '.join(stale)}")
        return 1
    print(f"vectors: {len(FILES)} files {'match' if check else 'written'}; "
          f"{n} signatures agree with hmac and openssl; PROTOCOL.md's known signature reproduced")
    return 0


if __name__ == "__main__":
    sys.exit(main())

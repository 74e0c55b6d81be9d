//! Runs the shared JSON vectors in `tests/vectors/` against the Rust core.
//! The expected values were produced by an independent Python
//! implementation (`tests/vectors/generate.py`), not by this crate.

use std::path::PathBuf;

use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use momo_core::input::from_json;
use momo_core::*;
use rsa::pkcs8::DecodePrivateKey;
use serde_json::{json, Value};

fn load(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn client(config: &Value) -> std::result::Result<MomoClient, MomoError> {
    MomoClient::new(from_json(&config.to_string())?)
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct TokenInput {
    token: String,
    expires_at_ms: i64,
}

/// Calls one request-building operation by its vector name.
fn prepare(
    op: &str,
    client: &MomoClient,
    input: &Value,
) -> std::result::Result<PreparedRequest, MomoError> {
    let text = input.to_string();
    match op {
        "tokenizationCreate" => client.tokenization_create(&from_json(&text)?),
        "tokenizationPay" => client.tokenization_pay(&from_json(&text)?),
        "query" => client.query(&from_json(&text)?),
        "confirm" => client.confirm(&from_json(&text)?),
        "refund" => client.refund(&from_json(&text)?),
        "login" => client.login(),
        "redeemStatus" => {
            let req: RedeemStatusRequest = from_json(&input["request"].to_string())?;
            let token: TokenInput = from_json(&input["accessToken"].to_string())?;
            let token = AccessToken::new(token.token, token.expires_at_ms);
            client.redeem_status(&req, &token, input["nowMs"].as_i64().unwrap())
        }
        "giftCreate" => client.gift_create(&from_json(&text)?),
        "giftStatus" => client.gift_status(&from_json(&text)?),
        "giftGetTrans" => client.gift_get_trans(&from_json(&text)?),
        other => panic!("unknown operation {other}"),
    }
}

/// Calls one parser by its vector name and returns its output as JSON.
fn parse(
    op: &str,
    status: u16,
    body: &str,
    now_ms: Option<i64>,
) -> std::result::Result<Value, MomoError> {
    let v = |r: std::result::Result<Value, serde_json::Error>| r.unwrap();
    Ok(match op {
        "parseTokenizationCreate" => v(serde_json::to_value(parse_tokenization_create(
            status, body,
        )?)),
        "parseTokenizationPay" => v(serde_json::to_value(parse_tokenization_pay(status, body)?)),
        "parseQuery" => v(serde_json::to_value(parse_query(status, body)?)),
        "parseConfirm" => v(serde_json::to_value(parse_confirm(status, body)?)),
        "parseRefund" => v(serde_json::to_value(parse_refund(status, body)?)),
        "parseRedeemStatus" => v(serde_json::to_value(parse_redeem_status(status, body)?)),
        "parseGiftCreate" => v(serde_json::to_value(parse_gift_create(status, body)?)),
        "parseGiftStatus" => v(serde_json::to_value(parse_gift_status(status, body)?)),
        "parseGiftGetTrans" => v(serde_json::to_value(parse_gift_get_trans(status, body)?)),
        "parseLogin" => {
            let token = parse_login(status, body, now_ms.unwrap())?;
            json!({"accessToken": token.expose(), "expiresAtMs": token.expires_at_ms()})
        }
        other => panic!("unknown parser {other}"),
    })
}

/// Every key of `expected` equals the same key of `actual`, recursively.
fn assert_subset(id: &str, expected: &Value, actual: &Value, path: &str) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let av = a.get(k).unwrap_or(&Value::Null);
                assert_subset(id, ev, av, &format!("{path}.{k}"));
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            assert_eq!(e.len(), a.len(), "{id}: length of {path}");
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                assert_subset(id, ev, av, &format!("{path}[{i}]"));
            }
        }
        _ => assert_eq!(expected, actual, "{id}: {path}"),
    }
}

fn assert_error(id: &str, expected: &Value, err: &MomoError) {
    assert_eq!(err.code().as_str(), expected["code"], "{id}: {err}");
    assert_eq!(err.field(), expected["field"], "{id}: {err}");
}

fn request_json(req: &PreparedRequest) -> Value {
    serde_json::to_value(req).unwrap()
}

/// A prepared request against its expected form: the body and the raw
/// string byte for byte, then method, URL, headers, timeout and requestId.
fn assert_request(id: &str, exp: &Value, req: &PreparedRequest) {
    assert_eq!(req.body, exp["body"].as_str().unwrap(), "{id}: body");
    assert_eq!(
        req.signature_raw.as_deref(),
        exp["signatureRaw"].as_str(),
        "{id}: raw"
    );
    assert_subset(
        id,
        &json!({
            "method": exp["method"], "url": exp["url"], "headers": exp["headers"],
            "timeoutMs": exp["timeoutMs"], "requestId": exp["requestId"],
        }),
        &request_json(req),
        "",
    );
}

/// Lowercase hex HMAC-SHA256 of `raw` keyed with `secret`, by the `hmac`
/// crate called directly (a recomputation beside the Python reference's).
fn hmac_hex(secret: &str, raw: &str) -> String {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(raw.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn signing_vectors_match_byte_for_byte() {
    let file = load("signing.json");
    for v in file["vectors"].as_array().unwrap() {
        let id = v["id"].as_str().unwrap();
        let req = prepare(
            v["operation"].as_str().unwrap(),
            &client(&v["config"]).unwrap(),
            &v["input"],
        )
        .unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_request(id, &v["expected"], &req);
    }
}

#[test]
fn unsigned_request_vectors_match_byte_for_byte() {
    let file = load("requests.json");
    for v in file["vectors"].as_array().unwrap() {
        let id = v["id"].as_str().unwrap();
        let req = prepare(
            v["operation"].as_str().unwrap(),
            &client(&v["config"]).unwrap(),
            &v["input"],
        )
        .unwrap_or_else(|e| panic!("{id}: {e}"));
        let exp = &v["expected"];
        assert_eq!(req.body, exp["body"].as_str().unwrap(), "{id}: body");
        let mut want = exp.clone();
        want.as_object_mut().unwrap().remove("body");
        assert_subset(id, &want, &request_json(&req), "");
        assert_eq!(
            req.headers.len(),
            exp["headers"].as_object().unwrap().len(),
            "{id}: header count"
        );
    }
}

#[test]
fn rsa_vectors_decrypt_with_the_test_private_key() {
    let file = load("rsa.json");
    let keys = file["keys"].as_array().unwrap();
    let key_of = |bits: i64| keys.iter().find(|k| k["bits"] == bits).unwrap();
    for v in file["vectors"].as_array().unwrap() {
        let id = v["id"].as_str().unwrap();
        let key = key_of(v["keyBits"].as_i64().unwrap());
        let public = &key["publicKeys"][v["publicKeyShape"].as_str().unwrap()];
        let mut config = file_partner();
        config["publicKey"] = public.clone();
        let req = prepare("tokenizationPay", &client(&config).unwrap(), &v["input"])
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        let exp = &v["expected"];
        let body: Value = serde_json::from_str(&req.body).unwrap();
        let token = body["token"].as_str().unwrap();
        let signature = body["signature"].as_str().unwrap();

        let private =
            rsa::PrivateKey::from_pkcs8_pem(key["privateKeyPem"].as_str().unwrap()).unwrap();
        let ciphertext = base64::engine::general_purpose::STANDARD
            .decode(token)
            .unwrap();
        assert_eq!(
            ciphertext.len() * 8,
            key["bits"].as_u64().unwrap() as usize,
            "{id}"
        );
        let plaintext = private.decrypt(rsa::Pkcs1v15Encrypt, &ciphertext).unwrap();
        assert_eq!(
            String::from_utf8(plaintext).unwrap(),
            exp["tokenPlaintext"].as_str().unwrap(),
            "{id}"
        );

        let raw = exp["signatureRawTemplate"]
            .as_str()
            .unwrap()
            .replace("{token}", token);
        assert_eq!(
            req.signature_raw.as_deref(),
            Some(raw.as_str()),
            "{id}: raw"
        );
        assert_eq!(
            signature,
            hmac_hex(config["secretKey"].as_str().unwrap(), &raw),
            "{id}: signature covers the ciphertext"
        );
        let want_body = exp["bodyTemplate"]
            .as_str()
            .unwrap()
            .replace("{token}", token)
            .replace("{signature}", signature);
        assert_eq!(req.body, want_body, "{id}: body");
        assert_eq!(req.timeout_ms, 10_000);
        assert_eq!(req.url, exp["url"].as_str().unwrap());
    }
    for v in file["errors"].as_array().unwrap() {
        let id = v["id"].as_str().unwrap();
        let err = match v.get("publicKey") {
            Some(pk) => MomoPublicKey::parse(pk.as_str().unwrap()).unwrap_err(),
            None => {
                let mut config = file_partner();
                config["publicKey"] = key_of(v["keyBits"].as_i64().unwrap())["publicKeys"]
                    [v["publicKeyShape"].as_str().unwrap()]
                .clone();
                prepare("tokenizationPay", &client(&config).unwrap(), &v["input"]).unwrap_err()
            }
        };
        assert_error(id, &v["error"], &err);
    }
}

#[test]
fn every_key_shape_parses_to_the_same_key() {
    let file = load("rsa.json");
    for key in file["keys"].as_array().unwrap() {
        let bits = key["bits"].as_u64().unwrap() as usize;
        let shapes = key["publicKeys"].as_object().unwrap();
        let parsed: Vec<MomoPublicKey> = shapes
            .values()
            .map(|s| MomoPublicKey::parse(s.as_str().unwrap()).unwrap())
            .collect();
        // What hosts import: the SPKI DER openssl wrote for the vectors.
        let spki = base64::engine::general_purpose::STANDARD
            .decode(shapes["spkiDerBase64"].as_str().unwrap())
            .unwrap();
        for p in &parsed {
            assert_eq!(p.bits(), bits);
            assert_eq!(p, &parsed[0]);
            assert_eq!(p.spki_der(), spki.as_slice());
        }
    }
}

fn file_partner() -> Value {
    json!({"partnerCode": "MOMO", "accessKey": "F8BBA842ECF85", "secretKey": "K951B6PE1waDMi640xX08PD3vg6EkVlz"})
}

#[test]
fn validation_vectors_fail_with_the_stable_code_and_field() {
    let file = load("validation.json");
    for v in file["vectors"].as_array().unwrap() {
        let id = v["id"].as_str().unwrap();
        let config = v.get("config").unwrap_or(&file["defaultConfig"]);
        let op = v["operation"].as_str().unwrap();
        let err = match client(config) {
            Err(e) => e,
            Ok(_) if op == "newClient" => panic!("{id}: client accepted a bad config"),
            Ok(c) => match prepare(op, &c, &v["input"]) {
                Err(e) => e,
                Ok(req) => panic!("{id}: expected an error, got {req:?}"),
            },
        };
        assert_error(id, &v["error"], &err);
    }
}

/// A hostile.json input as JSON text, its markers written as a JSON reader
/// sees them: `{"$float": 20000}` is `20000.0`, `{"$bigint": "N"}` is the
/// integer N whatever its size. (Lone surrogates are not for Rust.)
fn host_text(v: &Value) -> String {
    match v {
        Value::Object(map) if map.len() == 1 && map.keys().all(|k| k.starts_with('$')) => {
            match map.iter().next().unwrap() {
                (k, n) if k == "$float" => format!("{}.0", n.as_i64().unwrap()),
                (k, digits) if k == "$bigint" => digits.as_str().unwrap().to_owned(),
                (k, _) => panic!("marker {k} is not for the Rust host"),
            }
        }
        Value::Object(map) => {
            let fields: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}:{}", Value::from(k.as_str()), host_text(v)))
                .collect();
            format!("{{{}}}", fields.join(","))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(host_text).collect();
            format!("[{}]", items.join(","))
        }
        other => other.to_string(),
    }
}

#[test]
fn hostile_vectors_get_one_rule_in_every_host() {
    let file = load("hostile.json");
    let mut ran = 0;
    for v in file["vectors"].as_array().unwrap() {
        let id = v["id"].as_str().unwrap();
        if let Some(hosts) = v["hosts"].as_array() {
            if !hosts.iter().any(|h| h == "rust") {
                continue;
            }
        }
        let client = client(v.get("config").unwrap_or(&file["defaultConfig"])).unwrap();
        let input: Value = serde_json::from_str(&host_text(&v["input"])).unwrap();
        match (
            v.get("expected"),
            prepare(v["operation"].as_str().unwrap(), &client, &input),
        ) {
            (Some(exp), Ok(req)) => assert_eq!(req.body, exp["body"], "{id}"),
            (None, Err(err)) => assert_error(id, &v["error"], &err),
            (_, other) => panic!("{id}: unexpected {other:?}"),
        }
        ran += 1;
    }
    assert!(ran >= 10, "only {ran} hostile vectors ran");
}

/// Every stable error code but INTERNAL is the expected error of at least
/// one vector, so every host that runs the vectors reaches every code.
#[test]
fn vectors_cover_every_error_code() {
    fn collect(v: &Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            Value::Object(map) => {
                if let Some(code) = map
                    .get("error")
                    .and_then(|e| e.get("code"))
                    .and_then(Value::as_str)
                {
                    out.insert(code.to_owned());
                }
                map.values().for_each(|x| collect(x, out));
            }
            Value::Array(items) => items.iter().for_each(|x| collect(x, out)),
            _ => {}
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for file in [
        "signing.json",
        "requests.json",
        "rsa.json",
        "validation.json",
        "amounts.json",
        "ipn.json",
        "parsing.json",
        "hostile.json",
    ] {
        collect(&load(file), &mut seen);
    }
    for code in ErrorCode::ALL {
        if code != ErrorCode::Internal {
            assert!(seen.contains(code.as_str()), "no vector reaches {code}");
        }
    }
}

#[test]
fn error_vectors_give_every_code_in_order_with_its_kind_and_momo_code() {
    let file = load("errors.json");
    let kinds: Vec<&str> = file["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    let ours: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(ours, kinds);
    let codes = file["codes"].as_array().unwrap();
    assert_eq!(codes.len(), ErrorCode::ALL.len());
    for (code, v) in ErrorCode::ALL.into_iter().zip(codes) {
        assert_eq!(code.as_str(), v["code"], "order");
        assert_eq!(code.kind().as_str(), v["kind"], "{code}");
        assert_eq!(json!(code.momo_code()), v["momoCode"], "{code}");
    }
}

#[test]
fn amount_vectors() {
    let file = load("amounts.json");
    for v in file["vectors"].as_array().unwrap() {
        let id = v["id"].as_str().unwrap();
        let result = from_json::<SaleInfo>(&v["input"].to_string()).and_then(|s| s.computed());
        match (v.get("expected"), result) {
            (Some(exp), Ok(sale)) => {
                assert_subset(id, exp, &serde_json::to_value(sale).unwrap(), "")
            }
            (None, Err(err)) => assert_error(id, &v["error"], &err),
            (_, other) => panic!("{id}: unexpected {other:?}"),
        }
    }
}

#[test]
fn result_code_vectors() {
    let file = load("result_codes.json");
    for v in file["vectors"].as_array().unwrap() {
        let id = v["id"].as_str().unwrap();
        let code = v["code"].as_i64();
        let outcome = match v["kind"].as_str().unwrap() {
            "payment" => Outcome::of_payment(code.unwrap()),
            "giftStatus" => Outcome::of_gift_status(code.unwrap()),
            "giftResult" => Outcome::of_gift_result(code.unwrap()),
            "timeout" => Outcome::transport_timeout(),
            other => panic!("{other}"),
        };
        let mut want = v.clone();
        let want = want.as_object_mut().unwrap();
        for k in ["id", "kind"] {
            want.remove(k);
        }
        let actual = serde_json::to_value(&outcome).unwrap();
        assert_subset(id, &Value::Object(want.clone()), &actual, "");
        if code.is_some() && v["class"] != "UNKNOWN" {
            assert!(
                !outcome.message_vi.is_empty() && !outcome.message_en.is_empty(),
                "{id}"
            );
        }
    }
}

#[test]
fn ipn_vectors() {
    let file = load("ipn.json");
    let client = client(&file["config"]).unwrap();
    for v in file["vectors"].as_array().unwrap() {
        let id = v["id"].as_str().unwrap();
        let body = v["body"].as_str().unwrap();
        let result = match (v["nowMs"].as_i64(), v["toleranceMs"].as_i64()) {
            (Some(now), Some(tolerance)) => client.verify_ipn_fresh(body, now, tolerance),
            _ => client.verify_ipn(body),
        };
        match (v.get("expected"), result) {
            (Some(exp), Ok(ipn)) => assert_subset(id, exp, &serde_json::to_value(ipn).unwrap(), ""),
            (None, Err(err)) => assert_error(id, &v["error"], &err),
            (_, other) => panic!("{id}: unexpected {other:?}"),
        }
    }
}

#[test]
fn parsing_vectors() {
    let file = load("parsing.json");
    for v in file["vectors"].as_array().unwrap() {
        let id = v["id"].as_str().unwrap();
        let result = parse(
            v["operation"].as_str().unwrap(),
            v["status"].as_u64().unwrap() as u16,
            v["body"].as_str().unwrap(),
            v["nowMs"].as_i64(),
        );
        match (v.get("expected"), result) {
            (Some(exp), Ok(out)) => assert_subset(id, exp, &out, ""),
            (None, Err(err)) => assert_error(id, &v["error"], &err),
            (_, other) => panic!("{id}: unexpected {other:?}"),
        }
    }
}

/// The host's outcome of a tracker event in checkout.json: the payment
/// outcome of its resultCode for its HTTP status, or a transport timeout.
fn tracker_outcome(e: &Value) -> Outcome {
    match e["resultCode"].as_i64() {
        Some(code) => Outcome::of_payment(code)
            .for_http_status(e["httpStatus"].as_u64().unwrap_or(200) as u16),
        None => Outcome::transport_timeout(),
    }
}

fn tracker_event(e: &Value) -> TrackerEvent {
    let now_ms = e["nowMs"].as_i64().unwrap();
    let outcome = tracker_outcome(e);
    match e["event"].as_str().unwrap() {
        "createAnswered" => TrackerEvent::CreateAnswered { outcome, now_ms },
        "payAnswered" => TrackerEvent::PayAnswered { outcome, now_ms },
        "refundAnswered" => TrackerEvent::RefundAnswered { outcome, now_ms },
        "queryAnswered" => TrackerEvent::QueryAnswered { outcome, now_ms },
        "notified" => TrackerEvent::Notified {
            trans_id: e["transId"].as_i64(),
            outcome,
            now_ms,
        },
        "confirmAnswered" => TrackerEvent::ConfirmAnswered {
            request_type: match e["requestType"].as_str().unwrap() {
                "capture" => ConfirmRequestType::Capture,
                "cancel" => ConfirmRequestType::Cancel,
                other => panic!("requestType {other}"),
            },
            outcome,
            now_ms,
        },
        "transportTimeout" => TrackerEvent::TransportTimeout { now_ms },
        "tick" => TrackerEvent::Tick { now_ms },
        other => panic!("unknown tracker event {other}"),
    }
}

#[test]
fn checkout_vectors() {
    let file = load("checkout.json");
    let client = client(&file["config"]).unwrap();
    let secret = file["config"]["secretKey"].as_str().unwrap();
    let mut ran = 0;
    for v in file["create"].as_array().unwrap() {
        let id = v["id"].as_str().unwrap();
        let req = from_json::<CreatePaymentRequest>(&v["input"].to_string())
            .and_then(|r| client.create_payment(&r))
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        let exp = &v["expected"];
        assert_request(id, exp, &req);
        // The expected signature is Python's; recompute it independently too.
        let raw = exp["signatureRaw"].as_str().unwrap();
        assert_eq!(
            hmac_hex(secret, raw),
            exp["signature"].as_str().unwrap(),
            "{id}: signature"
        );
        ran += 1;
    }
    for v in file["createErrors"].as_array().unwrap() {
        let id = v["id"].as_str().unwrap();
        let err = from_json::<CreatePaymentRequest>(&v["input"].to_string())
            .and_then(|r| client.create_payment(&r))
            .map(|req| panic!("{id}: expected an error, got {req:?}"))
            .unwrap_err();
        assert_error(id, &v["error"], &err);
        ran += 1;
    }
    for v in file["parse"].as_array().unwrap() {
        let id = v["id"].as_str().unwrap();
        let result = parse_create_payment(
            v["status"].as_u64().unwrap() as u16,
            v["body"].as_str().unwrap(),
        );
        match (v.get("expected"), result) {
            (Some(exp), Ok(res)) => assert_subset(id, exp, &serde_json::to_value(res).unwrap(), ""),
            (None, Err(err)) => assert_error(id, &v["error"], &err),
            (_, other) => panic!("{id}: unexpected {other:?}"),
        }
        ran += 1;
    }
    let redirects = file["redirect"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v, client.verify_redirect(v["query"].as_str().unwrap())));
    let params = file["redirectParams"].as_array().unwrap().iter().map(|v| {
        let pairs = v["params"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let s = |i: usize| p[i].as_str().unwrap().to_owned();
                (s(0), s(1))
            })
            .collect();
        (v, client.verify_redirect_params(pairs))
    });
    for (v, result) in redirects.chain(params) {
        let id = v["id"].as_str().unwrap();
        match (v.get("expected"), result) {
            (Some(exp), Ok(n)) => assert_subset(id, exp, &serde_json::to_value(n).unwrap(), ""),
            (None, Err(err)) => assert_error(id, &v["error"], &err),
            (_, other) => panic!("{id}: unexpected {other:?}"),
        }
        ran += 1;
    }
    for v in file["tracker"].as_array().unwrap() {
        let id = v["id"].as_str().unwrap();
        let operation = match v["operation"].as_str().unwrap() {
            "create" => TrackedOperation::Create,
            "pay" => TrackedOperation::Pay,
            "refund" => TrackedOperation::Refund,
            other => panic!("{id}: operation {other}"),
        };
        let mut tracker = PaymentTracker::new(operation, v["expiresAtMs"].as_i64().unwrap());
        let events = v["events"].as_array().unwrap();
        let expected = v["expected"].as_array().unwrap();
        assert_eq!(events.len(), expected.len(), "{id}");
        for (i, (e, exp)) in events.iter().zip(expected).enumerate() {
            let step = tracker
                .handle(tracker_event(e))
                .unwrap_or_else(|err| panic!("{id}[{i}]: {err}"));
            assert_eq!(&serde_json::to_value(&step).unwrap(), exp, "{id}[{i}]");
        }
        ran += 1;
    }
    // A host's restore reads the stored text as its `tracker` argument.
    for v in file["trackerRestoreErrors"].as_array().unwrap() {
        let id = v["id"].as_str().unwrap();
        let stored = v["stored"].as_str().unwrap();
        match from_json::<PaymentTracker>(stored) {
            Ok(t) => panic!("{id}: restored {t:?}"),
            Err(err) => assert_error(id, &v["error"], &err.within("tracker")),
        }
        ran += 1;
    }
    assert!(ran >= 68, "only {ran} checkout vectors ran");
}

//! The bodies of the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`), shared
//! with the stable regression test `core/tests/corpus.rs`, which runs every
//! committed corpus file through these very functions and checks that no
//! error message quotes a test secret.
//!
//! Each entry takes the fuzzer's bytes and pushes the `Display` text of
//! every [`MomoError`] it met into `errors`. A panic is the finding.
// Each fuzz target uses one entry; corpus.rs uses them all.
#![allow(dead_code)]

use base64::Engine;
use momo_core::input::{decode_host, from_json};
use momo_core::*;
use serde_json::{Map, Value};

/// The payment gateway secretKey of every client here (the published
/// sandbox key, as in tests/vectors, so the vectors' IPN signatures verify).
pub const SECRET_KEY: &str = "K951B6PE1waDMi640xX08PD3vg6EkVlz";
/// The accessKey: signed but not secret (the config's Debug shows it).
pub const ACCESS_KEY: &str = "F8BBA842ECF85";
/// The Business Page clientSecret (as in tests/vectors).
pub const CLIENT_SECRET: &str = "bp-secret-456";
/// The access token the redeem-status entry holds and login seeds carry.
pub const ACCESS_TOKEN: &str = "eyJhbGciOiJIUzUxMiJ9.eyJ0eXBlIjoibWVyY2hhbnQifQ.sig";
/// The access token of the login vector.
pub const VECTOR_ACCESS_TOKEN: &str = "eyJhbGciOiJIUzUxMiJ9.x.y";
/// A secretKey or clientSecret given as a JSON number in a config seed.
pub const NUMERIC_SECRET: &str = "918273645501928374";

/// No error message may contain any of these.
pub const SECRETS: [&str; 5] = [
    SECRET_KEY,
    CLIENT_SECRET,
    ACCESS_TOKEN,
    VECTOR_ACCESS_TOKEN,
    NUMERIC_SECRET,
];

/// The caller's clock of every time-dependent call, epoch ms.
pub const NOW_MS: i64 = 1_700_464_303_000;

/// MoMo's public key of the clients here (the 2048-bit test key).
pub const PUBLIC_KEY: &str = "-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAufa86bM2dZnTeMPFdvSM
lAhNO7HeXaDObAkAEGK0rQksG46kzWN6N6Stds6iHpL39/hLescdgANYSyxkNM+E
OLeQpY3Y5ESmlvBwruFYbch0BLdmxivm9ZYNcZkHOzW7VUrMhagMX1uJnxu3rG4M
tsKtJZj+AoJ4RXuCPig5C4JxNC3rSE7wG/BJcmII+f/2xn86E5UQBJMFEADD8diI
SNXC7ik52AqX3PljwUxNe2W+yoJMod0RF+Q8QI/F5Wwhw7SQEChtgbI/kkMPLSjP
9pEQ+DAMGsa59zI4SAzx/Rn/Bd/avgL/S3J2AppTpLDkGjSeXvYWN673kkdWWdWA
PQIDAQAB
-----END PUBLIC KEY-----
";

/// One fuzz target: its name (the corpus folder) and its body.
pub type Entry = fn(&[u8], &mut Vec<String>);

/// Every target, by the name of its corpus folder under fuzz/corpus.
pub const TARGETS: [(&str, Entry); 4] = [
    ("ipn", ipn),
    ("responses", responses),
    ("keys", keys),
    ("inputs", inputs),
];

/// A client holding every credential, the test public key and a Gift host.
pub fn client() -> MomoClient {
    MomoClient::new(ClientConfig {
        partner_code: Some("MOMO".into()),
        access_key: Some(ACCESS_KEY.into()),
        secret_key: Some(SECRET_KEY.into()),
        public_key: Some(PUBLIC_KEY.into()),
        partner_id: Some("MOMO_PARTNER_01".into()),
        client_id: Some("bp-client-123".into()),
        client_secret: Some(CLIENT_SECRET.into()),
        gift_base_url: Some("https://gift.partner.invalid".into()),
        ..ClientConfig::default()
    })
    .expect("the fuzz client's config is valid")
}

/// Keeps the error's text, drops the success value (after serializing it,
/// so its serializer runs too).
fn note<T: serde::Serialize>(errors: &mut Vec<String>, result: Result<T>) {
    match result {
        Ok(value) => drop(serde_json::to_string(&value).expect("a model serializes")),
        Err(err) => errors.push(err.to_string()),
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The signed fields of a payment notification, accessKey aside
/// (PROTOCOL.md 1a; the raw strings of tests/vectors/ipn.json).
pub const IPN_SIGNED_FIELDS: [&str; 12] = [
    "amount",
    "extraData",
    "message",
    "orderId",
    "orderInfo",
    "orderType",
    "partnerCode",
    "payType",
    "requestId",
    "responseTime",
    "resultCode",
    "transId",
];

/// `ipn`: the rest after the first byte is a notification body, verified
/// by `verify_ipn`; the first byte's bit 0 asks the entry to sign the body
/// itself, so the fuzzer reaches what follows a valid signature, and its
/// bit 1 to verify with the freshness check on [`NOW_MS`] (one minute
/// either side). With bit 2 the rest is a redirect's query string instead,
/// verified by `verify_redirect`.
pub fn ipn(data: &[u8], errors: &mut Vec<String>) {
    let Some((&mode, body)) = data.split_first() else {
        return;
    };
    let mut body = text(body);
    if mode & 4 == 4 {
        return note(errors, client().verify_redirect(&body));
    }
    if mode & 1 == 1 {
        if let Some(signed) = sign_documented_fields(&body) {
            body = signed;
        }
    }
    let client = client();
    if mode & 2 == 2 {
        note(errors, client.verify_ipn_fresh(&body, NOW_MS, 60_000));
    } else {
        note(errors, client.verify_ipn(&body));
    }
}

/// The body with `signature` set to the HMAC of its signed fields as
/// written (strings unquoted, absent or null empty) and the accessKey.
fn sign_documented_fields(body: &str) -> Option<String> {
    let mut object: Map<String, Value> = serde_json::from_str(body).ok()?;
    let values: Vec<(&str, String)> = IPN_SIGNED_FIELDS
        .iter()
        .map(|&name| {
            let text = match object.get(name) {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
            };
            (name, text)
        })
        .collect();
    let mut fields: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fields.push(("accessKey", ACCESS_KEY));
    let raw = signing::raw_string(&fields);
    let signature = signing::hmac_sha256_hex(SECRET_KEY.as_bytes(), &raw);
    object.insert("signature".into(), Value::String(signature));
    serde_json::to_string(&object).ok()
}

type Parser = fn(u16, &str, i64) -> Result<String>;

fn json<T: serde::Serialize>(value: T) -> String {
    serde_json::to_string(&value).expect("a model serializes")
}

/// Every response parser the crate exports, by its vector operation name.
pub const PARSERS: [(&str, Parser); 11] = [
    ("parseTokenizationCreate", |s, b, _| {
        parse_tokenization_create(s, b).map(json)
    }),
    ("parseTokenizationPay", |s, b, _| {
        parse_tokenization_pay(s, b).map(json)
    }),
    ("parseQuery", |s, b, _| parse_query(s, b).map(json)),
    ("parseConfirm", |s, b, _| parse_confirm(s, b).map(json)),
    ("parseRefund", |s, b, _| parse_refund(s, b).map(json)),
    ("parseLogin", |s, b, now| {
        let token = parse_login(s, b, now)?;
        let _ = token.needs_refresh(now, business::DEFAULT_REFRESH_MARGIN_MS);
        token.authorization(now).map(|_| format!("{token:?}"))
    }),
    ("parseRedeemStatus", |s, b, _| {
        parse_redeem_status(s, b).map(json)
    }),
    ("parseGiftCreate", |s, b, _| {
        parse_gift_create(s, b).map(json)
    }),
    ("parseGiftStatus", |s, b, _| {
        parse_gift_status(s, b).map(json)
    }),
    ("parseGiftGetTrans", |s, b, _| {
        parse_gift_get_trans(s, b).map(json)
    }),
    ("parseCreatePayment", |s, b, _| {
        parse_create_payment(s, b).map(json)
    }),
];

/// Clocks the login parser is given.
pub const CLOCKS: [i64; 3] = [NOW_MS, i64::MAX, i64::MIN];

/// `responses`: the first byte picks the parser (`% 11`) and the clock, the
/// next two are the HTTP status (little-endian); the rest is the body.
pub fn responses(data: &[u8], errors: &mut Vec<String>) {
    let [pick, lo, hi, body @ ..] = data else {
        return;
    };
    let pick = usize::from(*pick);
    let (_, parse) = PARSERS[pick % PARSERS.len()];
    let now = CLOCKS[pick / PARSERS.len() % CLOCKS.len()];
    let status = u16::from_le_bytes([*lo, *hi]);
    note(errors, parse(status, &text(body), now));
}

/// The responses input that passes `body` with `status` to parser
/// `operation` (on the first clock), if there is such a parser.
pub fn response_seed(operation: &str, status: u16, body: &str) -> Option<Vec<u8>> {
    let parser = PARSERS.iter().position(|(name, _)| *name == operation)?;
    let [lo, hi] = status.to_le_bytes();
    Some([&[u8::try_from(parser).ok()?, lo, hi], body.as_bytes()].concat())
}

/// `keys`: the first byte picks how the rest is handed to
/// `MomoPublicKey::parse`: 0 as text, 1 as base64 DER, 2 as PEM `PUBLIC
/// KEY`, 3 as PEM `RSA PUBLIC KEY`. A key that parses must encrypt and
/// parse again from its SPKI DER to the same key.
pub fn keys(data: &[u8], errors: &mut Vec<String>) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let b64 = || base64::engine::general_purpose::STANDARD.encode(rest);
    let text = match mode % 4 {
        0 => text(rest),
        1 => b64(),
        2 => format!(
            "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----",
            b64()
        ),
        _ => format!(
            "-----BEGIN RSA PUBLIC KEY-----\n{}\n-----END RSA PUBLIC KEY-----",
            b64()
        ),
    };
    let key = match MomoPublicKey::parse(&text) {
        Ok(key) => key,
        Err(err) => return errors.push(err.to_string()),
    };
    if let Err(err) = key.encrypt_base64(&BuiltinRsa, br#"{"value":"t"}"#, "token") {
        errors.push(err.to_string());
    }
    let again = base64::engine::general_purpose::STANDARD.encode(key.spki_der());
    let again = MomoPublicKey::parse(&again).expect("a parsed key's own SPKI DER parses");
    assert!(again == key, "the SPKI DER round trip changed the key");
}

/// The keys input handing `text` over as text.
pub fn key_text_seed(text: &str) -> Vec<u8> {
    [&[0], text.as_bytes()].concat()
}

/// The keys input handing DER bytes over as base64.
pub fn key_der_seed(der: &[u8]) -> Vec<u8> {
    [&[1], der].concat()
}

type Model = fn(&MomoClient, &str, bool) -> Result<()>;

/// Decodes JSON text as `T`, with Python's snake_case keys when `snake`.
fn decode<T: serde::de::DeserializeOwned>(text: &str, snake: bool) -> Result<T> {
    if !snake {
        return from_json(text);
    }
    decode_host(
        &mut serde_json::Deserializer::from_str(text),
        Some(snake_to_camel),
    )
}

fn snake_to_camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' && !out.is_empty() {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Every request model, prepared through the client, by its vector
/// operation name; `newClient` builds a client from the config given and
/// prepares a login, a query and a gift status with it.
pub const MODELS: [(&str, Model); 13] = [
    ("tokenizationCreate", |c, t, s| {
        c.tokenization_create(&decode(t, s)?).map(drop)
    }),
    ("tokenizationPay", |c, t, s| {
        c.tokenization_pay(&decode(t, s)?).map(drop)
    }),
    ("query", |c, t, s| c.query(&decode(t, s)?).map(drop)),
    ("confirm", |c, t, s| c.confirm(&decode(t, s)?).map(drop)),
    ("refund", |c, t, s| c.refund(&decode(t, s)?).map(drop)),
    ("giftCreate", |c, t, s| {
        c.gift_create(&decode(t, s)?).map(drop)
    }),
    ("giftStatus", |c, t, s| {
        c.gift_status(&decode(t, s)?).map(drop)
    }),
    ("giftGetTrans", |c, t, s| {
        c.gift_get_trans(&decode(t, s)?).map(drop)
    }),
    ("redeemStatus", |c, t, s| {
        let req: RedeemStatusRequest = decode(t, s)?;
        let expired = AccessToken::new(ACCESS_TOKEN, NOW_MS);
        let err = c.redeem_status(&req, &expired, NOW_MS).unwrap_err();
        let live = AccessToken::new(ACCESS_TOKEN, NOW_MS + 1);
        c.redeem_status(&req, &live, NOW_MS).map(drop).or(Err(err))
    }),
    ("newClient", |_, t, s| {
        let client = MomoClient::new(decode(t, s)?)?;
        let query = QueryRequest {
            request_id: Some("r1".into()),
            order_id: "O1".into(),
            lang: None,
        };
        let status = GiftStatusRequest {
            request_id: Some("r2".into()),
            check_request_id: "r1".into(),
        };
        let login = client.login().map(drop);
        let query = client.query(&query).map(drop);
        let status = client.gift_status(&status).map(drop);
        login.and(query).and(status)
    }),
    ("extraDataEncode", |_, t, _| extra_data::encode(t).map(drop)),
    ("extraDataDecode", |_, t, _| {
        extra_data::decode(t).and_then(|json| extra_data::encode(&json).map(drop))
    }),
    ("createPayment", |c, t, s| {
        c.create_payment(&decode(t, s)?).map(drop)
    }),
];

/// `inputs`: the first byte picks the model (`% 13` of its low 7 bits) and,
/// with its high bit, Python's snake_case keys; the rest is JSON text (the
/// text itself for extraData).
pub fn inputs(data: &[u8], errors: &mut Vec<String>) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let (_, prepare) = MODELS[usize::from(pick & 0x7f) % MODELS.len()];
    if let Err(err) = prepare(&client(), &text(rest), pick & 0x80 != 0) {
        errors.push(err.to_string());
    }
}

/// The inputs input that hands `text` to model `operation`.
pub fn input_seed(operation: &str, text: &str) -> Option<Vec<u8>> {
    let pick = MODELS.iter().position(|(name, _)| *name == operation)?;
    Some([&[u8::try_from(pick).ok()?], text.as_bytes()].concat())
}

/// Seeds no vector holds: secrets where a careless message would quote
/// them. (target, input)
pub fn extra_seeds() -> Vec<(&'static str, Vec<u8>)> {
    let mut seeds = Vec::new();
    let token = ACCESS_TOKEN;
    for (status, body) in [
        (
            200,
            format!(r#"{{"status":0,"data":{{"accessToken":"{token}"}}}}"#),
        ),
        (
            200,
            format!(r#"{{"status":"x","data":{{"accessToken":"{token}"}}}}"#),
        ),
        (
            200,
            format!(r#"{{"status":0,"data":{{"accessToken":"{token}","expiresIn":"soon"}}}}"#),
        ),
        (
            200,
            format!(r#"{{"status":0,"data":{{"accessToken":"{token}","expiresIn":-1}}}}"#),
        ),
        (
            502,
            format!(r#"{{"status":0,"data":{{"accessToken":"{token}"}}}}"#),
        ),
        (
            200,
            format!(r#"{{"status":0,"data":{{"accessToken":"{token}"}}"#),
        ),
    ] {
        let seed = response_seed("parseLogin", status, &body).expect("parseLogin is a parser");
        seeds.push(("responses", seed));
    }
    let n = NUMERIC_SECRET;
    for config in [
        format!(r#"{{"partnerCode":"MOMO","accessKey":"{ACCESS_KEY}","secretKey":{n}}}"#),
        format!(r#"{{"partnerId":"P","clientId":"c","clientSecret":{n}}}"#),
        format!(r#"{{"secretKey":["{SECRET_KEY}"]}}"#),
        format!(r#"{{"clientSecret":{{"value":"{CLIENT_SECRET}"}}}}"#),
        format!(r#"{{"secretKey":"{SECRET_KEY}","publicKey":"{SECRET_KEY}"}}"#),
        format!(r#"{{"secretKey":"{SECRET_KEY}","gatewayBaseUrl":"ftp://{SECRET_KEY}"}}"#),
        format!(r#"{{"secretKey":"{SECRET_KEY}","secretKey":"{SECRET_KEY}"}}"#),
        format!(r#"{{"secretKey":"{SECRET_KEY}"#),
    ] {
        let seed = input_seed("newClient", &config).expect("newClient is a model");
        seeds.push(("inputs", seed));
    }
    seeds
}

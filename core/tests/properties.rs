//! Property tests: no panic on any input, and the invariants of the amount
//! formulas and the signature scheme.

use momo_core::amount::Rate;
use momo_core::input::from_json;
use momo_core::signing::{hmac_sha256_hex, key_of, raw_string, sign, verify};
use momo_core::voucher::{PaymentMethod, SaleInfo};
use momo_core::*;
use proptest::prelude::*;

fn client() -> MomoClient {
    MomoClient::new(ClientConfig {
        partner_code: Some("MOMO".into()),
        access_key: Some("F8BBA842ECF85".into()),
        secret_key: Some("K951B6PE1waDMi640xX08PD3vg6EkVlz".into()),
        gift_base_url: Some("http://127.0.0.1:9".into()),
        ..ClientConfig::default()
    })
    .unwrap()
}

fn sale(original: i64, micros: i64, ship: i64, vat: i64, discount: i64) -> SaleInfo {
    SaleInfo {
        pos_id: "1".into(),
        pos_name: "p".into(),
        tran_id: None,
        tran_date: 1,
        original_amount: original,
        service_charge: Rate::from_micros(micros).unwrap(),
        service_charge_amount: None,
        ship_fee_amount: ship,
        vat_amount: vat,
        bill_amount: None,
        discount_amount: discount,
        total_amount: None,
        payment_method: PaymentMethod::Cash,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The raw string holds every field once, sorted, values verbatim
    /// unless blank.
    #[test]
    fn raw_string_is_sorted_and_complete(fields in prop::collection::btree_map("[a-zA-Z]{1,12}", "\\PC{0,20}", 0..10)) {
        let pairs: Vec<(&str, &str)> = fields.iter().rev().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let raw = raw_string(&pairs);
        let expected: Vec<String> = fields.iter().map(|(k, v)| {
            format!("{k}={}", if v.trim().is_empty() { "" } else { v.as_str() })
        }).collect();
        prop_assert_eq!(raw, expected.join("&"));
    }

    /// A signature verifies for its own raw string and key, and for no
    /// other message; arbitrary signature text never panics.
    #[test]
    fn signatures_verify_only_their_message(key in "\\PC{1,40}", msg in "\\PC{0,80}", other in "\\PC{0,80}", junk in "\\PC{0,80}") {
        let secret = key_of(&Secret::new(key.clone()));
        let signed = sign(&secret, &[("m", msg.as_str())]);
        prop_assert_eq!(signed.signature.len(), 64);
        prop_assert!(signed.signature.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        prop_assert!(verify(&secret, &signed.raw, &signed.signature));
        if other != signed.raw {
            prop_assert!(!verify(&secret, &other, &signed.signature));
        }
        let _ = verify(&secret, &msg, &junk);
        prop_assert_eq!(hmac_sha256_hex(key.as_bytes(), &signed.raw), signed.signature);
    }

    /// Applying a rate never panics; floor <= rounded <= ceil <= floor + 1.
    #[test]
    fn rate_application_brackets_the_exact_product(amount in any::<i64>(), micros in 0i64..=1_000_000) {
        let rate = Rate::from_micros(micros).unwrap();
        if let Ok(a) = rate.apply("x", amount) {
            prop_assert!(a.floor <= a.rounded && a.rounded <= a.ceil && a.ceil - a.floor <= 1);
            // amount x rate is exact when floor == ceil.
            let exact = i128::from(amount) * i128::from(micros);
            prop_assert!(i128::from(a.floor) * 1_000_000 <= exact);
            prop_assert!(i128::from(a.ceil) * 1_000_000 >= exact);
        }
    }

    /// Sale amount math never panics on any i64, and whenever it succeeds
    /// the seed's formulas hold exactly.
    #[test]
    fn sale_info_formulas_hold(original in any::<i64>(), micros in 0i64..=1_000_000, ship in any::<i64>(), vat in any::<i64>(), discount in any::<i64>()) {
        if let Ok(s) = sale(original, micros, ship, vat, discount).computed() {
            let sca = s.service_charge_amount.unwrap();
            let bill = s.bill_amount.unwrap();
            let total = s.total_amount.unwrap();
            prop_assert_eq!(i128::from(bill), i128::from(original) + i128::from(sca) + i128::from(ship) + i128::from(vat));
            prop_assert_eq!(total, bill - discount);
            prop_assert!(total >= 0);
        }
    }

    /// Realistic sales (under 10^12 VND each) always compute.
    #[test]
    fn realistic_sales_always_compute(original in 0i64..1_000_000_000_000, micros in 0i64..=1_000_000, ship in 0i64..1_000_000_000, vat in 0i64..1_000_000_000) {
        let bill_floor = original + ship + vat;
        let s = sale(original, micros, ship, vat, bill_floor / 2).computed();
        prop_assert!(s.is_ok(), "{:?}", s);
    }

    /// Item totals use checked multiplication: overflow is an error, not a
    /// panic or a wrapped number.
    #[test]
    fn item_totals_never_overflow_silently(price in 0i64..=9_007_199_254_740_991, quantity in 1i64..=1_000_000) {
        let input = serde_json::json!({
            "orderId": "O1", "token": "t", "amount": 20000, "orderInfo": "x", "requestTime": 1,
            "items": [{"id": "1", "name": "n", "price": price, "quantity": quantity}]
        });
        let req: TokenizationPayRequest = from_json(&input.to_string()).unwrap();
        // No public key configured: the item check runs before encryption.
        let err = client().tokenization_pay(&req).unwrap_err();
        match price.checked_mul(quantity) {
            Some(_) => prop_assert_eq!(err.code(), ErrorCode::InvalidConfig),
            None => prop_assert_eq!(err.code(), ErrorCode::AmountOverflow),
        }
    }

    /// Any JSON text given as input decodes or fails with a typed error.
    #[test]
    fn arbitrary_input_never_panics(text in "\\PC{0,200}") {
        let _ = from_json::<TokenizationPayRequest>(&text);
        let _ = from_json::<GiftCreateRequest>(&text);
        let _ = from_json::<ClientConfig>(&text);
        let _ = parse_tokenization_pay(200, &text);
        let _ = parse_gift_get_trans(200, &text);
        let _ = client().verify_ipn(&text);
    }

    /// Numbers of every JSON shape: accepted amounts are exact integers.
    #[test]
    fn amounts_accept_only_exact_integers(n in any::<f64>()) {
        let text = format!(r#"{{"orderId":"O1","requestType":"capture","amount":{}}}"#, serde_json::Number::from_f64(n).map_or("null".to_owned(), |x| x.to_string()));
        match from_json::<ConfirmRequest>(&text) {
            Ok(req) => prop_assert!(n.fract() == 0.0 && (req.amount as f64) == n),
            Err(e) => prop_assert!(matches!(e.code(), ErrorCode::InvalidAmount | ErrorCode::InvalidInput), "{e}"),
        }
    }

    /// Prepared requests sign exactly the body they send: re-deriving the
    /// raw string from the sent body reproduces the signature.
    #[test]
    fn prepared_body_matches_its_signature(order in "[a-zA-Z0-9]([-_.]?[a-zA-Z0-9]){0,20}", desc in "\\PC{0,40}", amount in 1_000i64..=30_000_000) {
        let req: ConfirmRequest = from_json(&serde_json::json!({
            "requestId": "r", "orderId": order, "requestType": "cancel", "amount": amount, "description": desc
        }).to_string()).unwrap();
        let prepared = client().confirm(&req).unwrap();
        let body: serde_json::Value = serde_json::from_str(&prepared.body).unwrap();
        let text = |k: &str| match &body[k] { serde_json::Value::String(s) => s.clone(), v => v.to_string() };
        let fields = [("accessKey", "F8BBA842ECF85".to_owned()), ("amount", text("amount")), ("description", text("description")),
            ("orderId", text("orderId")), ("partnerCode", text("partnerCode")), ("requestId", text("requestId")), ("requestType", text("requestType"))];
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let raw = raw_string(&pairs);
        prop_assert_eq!(Some(&raw), prepared.signature_raw.as_ref());
        prop_assert!(verify(&key_of(&Secret::new("K951B6PE1waDMi640xX08PD3vg6EkVlz")), &raw, body["signature"].as_str().unwrap()));
    }

    /// Gift pre-flight never panics, whatever the numbers.
    #[test]
    fn gift_checks_never_panic(amounts in prop::collection::vec((any::<i64>(), any::<i64>(), any::<i64>(), any::<i64>()), 0..25)) {
        let gifts: Vec<serde_json::Value> = amounts.iter().enumerate().map(|(i, (a, s, e, q))| serde_json::json!({
            "giftId": format!("g{i}"), "giftType": "t", "amount": a, "startTime": s, "endTime": e, "quantity": q
        })).collect();
        let input = serde_json::json!({"requestId": "r", "time": 1, "walletId": "0902890661", "gifts": gifts});
        if let Ok(req) = from_json::<GiftCreateRequest>(&input.to_string()) {
            let _ = client().gift_create(&req);
        }
    }
}

//! Gift API over HTTP (plaintext bodies): create, status, get-trans with
//! pagination, and the per-gift and request-level codes.

use momo_core::input::from_json;
use momo_core::{
    parse_gift_create, parse_gift_get_trans, parse_gift_status, GiftGetTransRequest, GiftStatusCode,
};
use momo_sandbox::NO_WALLET;
use serde_json::{json, Value};

use crate::common::{now_ms, start, Env};

/// `yyyy-MM-dd` in Asia/Ho_Chi_Minh (UTC+7), computed with days since 1970
/// independently of the sandbox's own function.
fn vietnam_date(ms: i64) -> String {
    let days = (ms + 7 * 3_600_000).div_euclid(86_400_000);
    let (mut y, mut d) = (1970i64, days);
    let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    while d >= if leap(y) { 366 } else { 365 } {
        d -= if leap(y) { 366 } else { 365 };
        y += 1;
    }
    let months = [
        31,
        if leap(y) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut m = 0;
    while d >= months[m] {
        d -= months[m];
        m += 1;
    }
    format!("{y:04}-{:02}-{:02}", m + 1, d + 1)
}

fn gifts_input(request_id: &str, wallet: &str, time: i64) -> Value {
    json!({
        "requestId": request_id, "time": time, "walletId": wallet,
        "gifts": [
            {"giftId": "g-1", "giftType": "VOUCHER_FOOD", "amount": 50_000,
             "startTime": time, "endTime": time + 86_400_000},
            {"giftId": "g-2", "giftType": "VOUCHER_FOOD", "amount": 20_000,
             "startTime": time, "endTime": time + 86_400_000, "quantity": 2}
        ]
    })
}

async fn create(env: &Env, input: &Value) -> momo_core::GiftBatch {
    let req = env
        .client
        .gift_create(&from_json(&input.to_string()).unwrap())
        .unwrap();
    let res = env.send(&req).await;
    parse_gift_create(res.status, &res.body).unwrap_or_else(|e| panic!("{e}: {}", res.body))
}

#[tokio::test]
async fn gifts_are_created_then_found_by_status_and_get_trans() {
    let env = start().await;
    let time = now_ms();
    let batch = create(&env, &gifts_input("gift-req-1", "0902890661", time)).await;
    assert_eq!(batch.result_code, 0, "{}", batch.message);
    assert_eq!(batch.request_id, "gift-req-1");
    assert!(
        !batch.reference_id.is_empty(),
        "the \"referenceId \" key is read"
    );
    assert_eq!(batch.total_amount, Some(90_000));
    assert_eq!(batch.gifts.len(), 2);
    for g in &batch.gifts {
        assert_eq!(
            (g.status, g.status_code),
            (0, GiftStatusCode::Success),
            "{g:?}"
        );
        assert!(g.voucher_id.is_some());
    }

    // The same requestId again: 8, nothing new.
    let dup = create(&env, &gifts_input("gift-req-1", "0902890661", time)).await;
    assert_eq!(dup.result_code, 8);

    let status_req = env
        .client
        .gift_status(&from_json(&json!({"checkRequestId": "gift-req-1"}).to_string()).unwrap())
        .unwrap();
    let res = env.send(&status_req).await;
    let status = parse_gift_status(res.status, &res.body).unwrap();
    assert_eq!(status.result_code, 0);
    let data = status.data.expect("the batch");
    assert_eq!(
        data.gifts
            .iter()
            .map(|g| g.voucher_id.clone())
            .collect::<Vec<_>>(),
        batch
            .gifts
            .iter()
            .map(|g| g.voucher_id.clone())
            .collect::<Vec<_>>()
    );
    let unknown = env
        .client
        .gift_status(&from_json(&json!({"checkRequestId": "never-sent"}).to_string()).unwrap())
        .unwrap();
    let res = env.send(&unknown).await;
    assert_eq!(
        parse_gift_status(res.status, &res.body)
            .unwrap()
            .result_code,
        807
    );

    // Two more batches, then page through the day two rows at a time.
    create(&env, &gifts_input("gift-req-2", "84902890661", time)).await;
    create(&env, &gifts_input("gift-req-3", "0902890662", time)).await;
    let mut page: GiftGetTransRequest =
        from_json(&json!({"date": vietnam_date(time), "offset": 2, "page": 1}).to_string())
            .unwrap();
    let mut seen = Vec::new();
    loop {
        let res = env.send(&env.client.gift_get_trans(&page).unwrap()).await;
        let got = parse_gift_get_trans(res.status, &res.body).unwrap();
        assert_eq!(got.result_code, 0, "{}", res.body);
        seen.extend(got.datas.iter().map(|b| b.request_id.clone()));
        match page.next_page(&got) {
            Some(next) => page = next,
            None => break,
        }
    }
    assert_eq!(seen, ["gift-req-1", "gift-req-2", "gift-req-3"]);
    // Another day has none.
    let other: GiftGetTransRequest =
        from_json(&json!({"date": "2001-01-01", "offset": 10}).to_string()).unwrap();
    let res = env.send(&env.client.gift_get_trans(&other).unwrap()).await;
    assert!(parse_gift_get_trans(res.status, &res.body)
        .unwrap()
        .datas
        .is_empty());
}

#[tokio::test]
async fn gift_problems_get_their_codes() {
    let env = start().await;
    let time = now_ms();
    let no_wallet = create(&env, &gifts_input("gift-nw", NO_WALLET, time)).await;
    assert!(
        no_wallet.gifts.iter().all(|g| g.status == 802),
        "{no_wallet:?}"
    );

    // Rules momo-core checks before sending are enforced by the sandbox too.
    let mut too_many = gifts_input("gift-many", "0902890661", time);
    too_many["gifts"][1]["quantity"] = json!(25);
    let res = env
        .post_json("/api/gift/create", &too_many.to_string())
        .await;
    assert_eq!(
        parse_gift_create(res.status, &res.body)
            .unwrap()
            .result_code,
        803
    );
    let res = env
        .post_json(
            "/api/gift/get-trans",
            &json!({"requestId": "r", "date": "23/11/2026", "offset": 1}).to_string(),
        )
        .await;
    assert_eq!(
        parse_gift_get_trans(res.status, &res.body)
            .unwrap()
            .result_code,
        808
    );
}

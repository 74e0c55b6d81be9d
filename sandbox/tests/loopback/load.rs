//! A small load run: 200 concurrent checkouts, each settled exactly once.
//! No timing is asserted; only counts.

use momo_sandbox::load::{run, LoadOptions};

use crate::common::start;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_checkouts_are_each_settled_once() {
    let env = start().await;
    let report = run(&LoadOptions {
        url: env.url.clone(),
        checkouts: 200,
        concurrency: 16,
        amount: 50_000,
    })
    .await
    .unwrap();
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    assert_eq!(report.paid, 200);
    assert_eq!(report.latencies.len(), 200);

    // The sandbox's own counts, read here rather than trusted from the report.
    let stats = env.stats().await;
    assert_eq!(stats["ordersCreated"], 200, "{stats}");
    assert_eq!(stats["payments"], 200, "{stats}");
    assert_eq!(stats["settled"], 200, "{stats}");
    assert_eq!(
        stats["paymentsByResultCode"].as_object().unwrap().len(),
        1,
        "{stats}"
    );
    assert_eq!(stats["replays"], 0, "{stats}");
    assert_eq!(report.distinct_trans_ids, 200);
    assert_eq!(report.confirmed_by_query, 200);
    assert!(report.consistent());
}

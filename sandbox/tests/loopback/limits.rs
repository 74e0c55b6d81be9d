//! Hostile clients (issue 18 item 8): 3,000 connections that send a request
//! head slowly never stop the sandbox from answering a health check within
//! 1 s, and the server closes them itself (header-read timeout, idle
//! timeout, connection cap with eviction of the oldest idle connection).

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::task::JoinSet;

use momo_sandbox::Options;

use crate::common::{options, start_with, Env};

/// Attacking connections.
const ATTACKERS: usize = 3_000;

/// The soft limit on open files of this process (`/proc/self/limits`).
fn open_files_limit() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = text.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

fn addr(env: &Env) -> String {
    env.url.trim_start_matches("http://").to_owned()
}

/// GET /sandbox/credentials on a fresh connection: the status line and how
/// long connect + answer took.
async fn health(addr: &str) -> (String, Duration) {
    let started = Instant::now();
    let answer = tokio::time::timeout(Duration::from_secs(5), async {
        let mut s = TcpStream::connect(addr).await.ok()?;
        s.write_all(b"GET /sandbox/credentials HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .ok()?;
        let mut out = Vec::new();
        s.read_to_end(&mut out).await.ok()?;
        Some(
            String::from_utf8_lossy(&out)
                .lines()
                .next()
                .unwrap_or("")
                .to_owned(),
        )
    })
    .await
    .ok()
    .flatten()
    .unwrap_or_default();
    (answer, started.elapsed())
}

/// One attacker: a request head, a header line every 300 ms, never the end.
/// Returns how long after connecting the server closed the connection
/// (`Ok(None)`: still open when the attacker gave up after `give_up`).
async fn slow_header(addr: String, give_up: Duration) -> Result<Option<Duration>, String> {
    let mut s = TcpStream::connect(&addr)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let started = Instant::now();
    let _ = s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").await;
    let mut buf = [0u8; 64];
    let mut i = 0u32;
    while started.elapsed() < give_up {
        match tokio::time::timeout(Duration::from_millis(300), s.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return Ok(Some(started.elapsed())),
            Ok(Ok(_)) => {}
            Err(_) => {
                i += 1;
                if s.write_all(format!("X-Slow-{i}: z\r\n").as_bytes())
                    .await
                    .is_err()
                {
                    return Ok(Some(started.elapsed()));
                }
            }
        }
    }
    Ok(None)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_thousand_slow_header_connections_leave_health_checks_under_a_second() {
    let limit = open_files_limit().unwrap_or(0);
    assert!(
        limit >= 2 * ATTACKERS as u64 + 512,
        "open files limit {limit} is too low for {ATTACKERS} connections (both ends in this process); \
         raise it (`ulimit -n 8192`; sandbox/test.sh does)"
    );
    // The default cap (1024 < 3,000), short timers so the test is quick.
    let env = start_with(Options {
        header_timeout_ms: 2_000,
        idle_timeout_ms: 3_000,
        ..options()
    })
    .await;
    assert_eq!(Options::default().max_connections, 1024);
    let addr = addr(&env);
    let give_up = Duration::from_secs(15);
    let mut attackers = JoinSet::new();
    for i in 0..ATTACKERS {
        attackers.spawn(slow_header(addr.clone(), give_up));
        if i % 100 == 99 {
            // Bounded connect rate, so the listen backlog never overflows.
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut slowest = Duration::ZERO;
    for round in 0..5 {
        let (status, took) = health(&addr).await;
        slowest = slowest.max(took);
        assert!(
            status.starts_with("HTTP/1.1 200") && took < Duration::from_secs(1),
            "health check {round} under attack: {status:?} after {took:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    println!("health check under {ATTACKERS} slow-header connections: slowest {slowest:?}");
    // The server closes the attackers itself (eviction, header-read timeout).
    let mut open = 0;
    while let Some(closed) = attackers.join_next().await {
        match closed.expect("attacker task") {
            Ok(Some(_)) => {}
            Ok(None) => open += 1,
            Err(e) => panic!("attacker: {e}"),
        }
    }
    assert_eq!(
        open, 0,
        "{open} of {ATTACKERS} slow-header connections were never closed by the server"
    );
    let (status, took) = health(&addr).await;
    assert!(
        status.starts_with("HTTP/1.1 200"),
        "{status:?} after {took:?}"
    );
    let stats = env.stats().await;
    let conns = &stats["connections"];
    let evicted = conns["evicted"].as_u64().unwrap();
    let timed_out = conns["headerTimeouts"].as_u64().unwrap();
    assert!(evicted >= (ATTACKERS - 1024) as u64, "{conns}");
    assert!(timed_out > 0, "{conns}");
    assert_eq!(conns["refused"], 0, "{conns}");
    assert!(conns["open"].as_u64().unwrap() <= 2, "{conns}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_connections_are_closed_by_the_idle_timeout_and_busy_ones_are_not_evicted() {
    let env = start_with(Options {
        max_connections: 20,
        idle_timeout_ms: 1_000,
        slow_ms: 2_500,
        ..options()
    })
    .await;
    let addr = addr(&env);
    // 50 connections that never send a byte: over the cap of 20, so 30 are
    // evicted at once, and the idle timeout closes the last 20.
    let started = Instant::now();
    let mut silent = JoinSet::new();
    for _ in 0..50 {
        let addr = addr.clone();
        silent.spawn(async move {
            let mut s = TcpStream::connect(&addr).await.ok()?;
            let mut buf = [0u8; 16];
            tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf))
                .await
                .ok()
                .map(|_| started.elapsed())
        });
    }
    while let Some(closed) = silent.join_next().await {
        let closed = closed.unwrap();
        assert!(
            closed.is_some_and(|t| t < Duration::from_secs(3)),
            "a silent connection stayed open: {closed:?}"
        );
    }
    let conns = env.stats().await["connections"].clone();
    assert!(conns["evicted"].as_u64().unwrap() >= 30, "{conns}");
    assert!(conns["idleTimeouts"].as_u64().unwrap() >= 1, "{conns}");

    // A request in flight (the slow trigger holds its answer) keeps its
    // connection past the idle timeout and through a wave of evictions.
    let order_id = crate::common::new_order_id();
    let token = env.scan(&order_id).await;
    let pay = env.pay_req(
        &order_id,
        &token,
        momo_sandbox::triggers::SLOW,
        serde_json::json!({}),
    );
    let slow = tokio::spawn({
        let http = env.http.clone();
        async move { http.send(&pay).await }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = env.stats().await["connections"]["evicted"]
        .as_u64()
        .unwrap();
    let mut held = Vec::new();
    for _ in 0..40 {
        held.push(TcpStream::connect(&addr).await.unwrap());
    }
    let (status, took) = health(&addr).await;
    assert!(
        status.starts_with("HTTP/1.1 200"),
        "{status:?} after {took:?}"
    );
    let after = env.stats().await["connections"]["evicted"]
        .as_u64()
        .unwrap();
    assert!(after >= before + 20, "evicted {before} -> {after}");
    drop(held);
    let paid = slow.await.unwrap().expect("the slow payment is answered");
    assert_eq!(paid.status, 200, "{}", paid.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stored_state_is_capped_and_the_oldest_is_forgotten() {
    const CAP: usize = 50;
    let env = start_with(Options {
        max_records: CAP,
        ..options()
    })
    .await;
    let mut first_order = String::new();
    for i in 0..(3 * CAP) {
        let order_id = crate::common::new_order_id();
        if i == 0 {
            first_order = order_id.clone();
        }
        env.scan(&order_id).await;
        let login = env.send(&env.client.login().unwrap()).await;
        assert_eq!(login.status, 200, "{}", login.body);
    }
    let stats = env.stats().await;
    assert_eq!(stats["ordersCreated"], CAP, "{stats}");
    assert_eq!(stats["accessTokens"], CAP, "{stats}");
    // 150 orders, their tokens and requestIds, 150 access tokens, each map
    // kept at 50: 4 maps x 100 forgotten.
    assert_eq!(stats["recordsEvicted"], 4 * 2 * CAP, "{stats}");
    // The oldest order is forgotten: its orderId is free again (documented).
    env.scan(&first_order).await;
    // The newest entries are still there: a duplicate orderId is still 41.
    let last = crate::common::new_order_id();
    env.scan(&last).await;
    let again = env.send(&env.create_req(&last, None)).await;
    assert_eq!(
        crate::common::json_of(&again)["resultCode"],
        41,
        "{}",
        again.body
    );
}

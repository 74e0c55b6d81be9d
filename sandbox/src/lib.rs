//! # momo-sandbox
//!
//! An offline MoMo sandbox: an HTTP server on 127.0.0.1 that speaks the same
//! HTTP as MoMo for every endpoint momo-core covers, so examples and tests
//! run real HTTP end to end without MoMo.
//!
//! - Payment gateway (`/v2/gateway/api/`): tokenization/create, tokenization/pay
//!   (the token is RSA-decrypted with the sandbox's private key), create
//!   (the one-time payment, whose payUrl opens a payment page on loopback
//!   where a tester approves or declines), query, confirm, refund; HMAC signatures checked, requestId idempotency,
//!   duplicate orderIds, amount ranges, deterministic triggers by amount
//!   (see [`triggers`]), signed payment notifications (IPN) to the ipnUrl.
//! - Business Page (`/api`): login with expiring tokens and voucher
//!   redeem-status (Bearer token and X-Request-Id required, saleInfo math
//!   checked).
//! - Gift API (`/api/gift/...`): create, status, get-trans, plaintext JSON.
//! - `/sandbox/credentials`, `/sandbox/ipn-url`, `/sandbox/stats`.
//! - [`load`]: a load run of concurrent checkouts against a running sandbox
//!   (`momo-sandbox load`).
//!
//! State lives in memory; the credentials are fixed ([`credentials`]).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let sandbox = momo_sandbox::Sandbox::start(momo_sandbox::Options {
//!     port: 0,
//!     ..Default::default()
//! })
//! .await?;
//! println!("{}", sandbox.ready_line());
//! sandbox.stop().await;
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod admin;
mod business;
pub mod client;
pub mod credentials;
mod gateway;
mod gift;
mod http;
mod ipn;
pub mod load;
mod onetime;
mod server;
mod state;
pub mod triggers;

use std::io;
use std::sync::Arc;
use std::time::Duration;

use axum::routing::{get, post};
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use client::{HttpClient, HttpError, HttpResponse};
pub use credentials::Credentials;
pub use gift::{INVALID_GIFT_TYPE_PREFIX, NO_WALLET};

/// Default port, the one examples use when `MOMO_SANDBOX_URL` is not set.
pub const DEFAULT_PORT: u16 = 8765;

/// Default of [`Options::max_records`].
pub const DEFAULT_MAX_RECORDS: usize = 50_000;

/// How the sandbox runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// TCP port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// How long the 4,040,000 VND trigger holds its answer, ms.
    pub slow_ms: u64,
    /// Lifetime of Business Page access tokens (`expiresIn`), ms.
    pub token_ttl_ms: i64,
    /// Lifetime of tokenization/create's one-time tokens, ms.
    pub pay_token_ttl_ms: i64,
    /// Lifetime of every create payment page, ms, instead of the request's
    /// orderExpireTime (or MoMo's 15 minutes): lets a test see expiry.
    pub pay_page_ttl_ms: Option<i64>,
    /// Where payment notifications go at start (also `POST /sandbox/ipn-url`).
    pub ipn_url: Option<String>,
    /// Delivery attempts per notification (at least 1).
    pub ipn_attempts: u32,
    /// Delay before the first retry, doubled each time, ms.
    pub ipn_retry_delay_ms: u64,
    /// Largest request body accepted; beyond it the answer is 413.
    pub max_body_bytes: usize,
    /// One line per request on stderr.
    pub log: bool,
    /// Connections served at once; over it, a new connection takes the
    /// slot of the oldest idle one (or is closed if none is idle).
    pub max_connections: usize,
    /// Time allowed from a request head's first byte to its end, ms.
    pub header_timeout_ms: u64,
    /// Time a connection may sit with no request in flight, ms.
    pub idle_timeout_ms: u64,
    /// Entries kept in each stored map (orders, payments, requestIds,
    /// tokens, gift batches...); beyond it the oldest entry is forgotten.
    pub max_records: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            port: DEFAULT_PORT,
            slow_ms: 15_000,
            token_ttl_ms: 86_400_000,
            pay_token_ttl_ms: 600_000,
            pay_page_ttl_ms: None,
            ipn_url: None,
            ipn_attempts: 3,
            ipn_retry_delay_ms: 500,
            max_body_bytes: 64 * 1024,
            log: false,
            max_connections: 1024,
            header_timeout_ms: 10_000,
            idle_timeout_ms: 30_000,
            max_records: DEFAULT_MAX_RECORDS,
        }
    }
}

/// A running sandbox.
pub struct Sandbox {
    credentials: Credentials,
    shutdown: Option<oneshot::Sender<()>>,
    server: JoinHandle<io::Result<()>>,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("url", &self.credentials.url)
            .finish()
    }
}

impl Sandbox {
    /// Binds 127.0.0.1:`options.port` and serves in the background on the
    /// current tokio runtime.
    pub async fn start(options: Options) -> io::Result<Sandbox> {
        if let Some(url) = &options.ipn_url {
            ipn::check_url(url).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        }
        let (key, public_pem) = credentials::key_pair().map_err(io::Error::other)?;
        let listener = TcpListener::bind(("127.0.0.1", options.port)).await?;
        let port = listener.local_addr()?.port();
        let credentials = Credentials::for_url(&format!("http://127.0.0.1:{port}"), &public_pem);
        let counters = Arc::new(state::Counters::default());
        let ipn = ipn::spawn(
            counters.clone(),
            ipn::Retry {
                attempts: options.ipn_attempts,
                first_delay_ms: options.ipn_retry_delay_ms,
                log: options.log,
            },
        );
        let limits = server::Limits {
            max_connections: options.max_connections.max(1),
            header_timeout: Duration::from_millis(options.header_timeout_ms.max(1)),
            idle_timeout: Duration::from_millis(options.idle_timeout_ms.max(1)),
        };
        let shared = Arc::new(state::Shared::new(
            credentials.clone(),
            key,
            options,
            ipn,
            counters.clone(),
        ));
        let app = router(shared);
        let (tx, rx) = oneshot::channel::<()>();
        let server = tokio::spawn(server::serve(listener, app, limits, counters, rx));
        Ok(Sandbox {
            credentials,
            shutdown: Some(tx),
            server,
        })
    }

    /// Base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.credentials.url
    }

    /// The fixed test credentials with this sandbox's URL.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// `MOMO_SANDBOX_READY {json}`: the first line the binary prints.
    pub fn ready_line(&self) -> String {
        format!(
            "MOMO_SANDBOX_READY {}",
            serde_json::to_string(&self.credentials).unwrap_or_default()
        )
    }

    /// Stops accepting connections, lets running requests finish for up to
    /// two seconds, then stops.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if tokio::time::timeout(Duration::from_secs(2), &mut self.server)
            .await
            .is_err()
        {
            self.server.abort();
        }
    }

    /// Waits until the server stops (it stops only on [`Sandbox::stop`] or
    /// an accept error).
    pub async fn wait(self) -> io::Result<()> {
        let Sandbox {
            server, shutdown, ..
        } = self;
        let _keep_open = shutdown;
        server.await.map_err(io::Error::other)?
    }
}

fn router(shared: Arc<state::Shared>) -> Router {
    Router::new()
        .route("/", get(admin::index))
        .route("/sandbox/credentials", get(admin::credentials))
        .route(
            "/sandbox/ipn-url",
            get(admin::get_ipn_url).post(admin::set_ipn_url),
        )
        .route("/sandbox/stats", get(admin::stats))
        .route(
            "/v2/gateway/api/tokenization/create",
            post(gateway::tokenization_create),
        )
        .route(
            "/v2/gateway/api/tokenization/pay",
            post(gateway::tokenization_pay),
        )
        .route("/v2/gateway/api/create", post(onetime::create))
        .route("/sandbox/pay/{id}", get(onetime::page))
        .route("/sandbox/pay/{id}/approve", post(onetime::approve))
        .route("/sandbox/pay/{id}/decline", post(onetime::decline))
        .route("/v2/gateway/api/query", post(gateway::query))
        .route("/v2/gateway/api/confirm", post(gateway::confirm))
        .route("/v2/gateway/api/refund", post(gateway::refund))
        .route("/api/authentication/login", post(business::login))
        .route(
            "/api/v1/merchants/{partner_id}/campaigns/{campaign_id}/vouchers/redeem-status",
            post(business::redeem_status),
        )
        .route("/api/gift/create", post(gift::create))
        .route("/api/gift/status", post(gift::status))
        .route("/api/gift/get-trans", post(gift::get_trans))
        .route("/api/voucher/create", post(gift::create))
        .route("/api/voucher/status", post(gift::status))
        .route("/api/voucher/get-trans", post(gift::get_trans))
        .fallback(http::not_found)
        .method_not_allowed_fallback(http::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            http::log_requests,
        ))
        .with_state(shared)
}

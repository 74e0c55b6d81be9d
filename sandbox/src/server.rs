//! The accept loop and its defences against hostile clients: a header-read
//! timeout, an idle timeout and a cap on open connections.
//!
//! - **Header-read timeout**: once the first byte of a request head arrives,
//!   the whole head must arrive within `header_timeout`; else the
//!   connection is closed.
//! - **Idle timeout**: a connection with no request in flight and no byte
//!   of a new head for `idle_timeout` is closed (keep-alive included).
//! - **Connection cap**: at most `max_connections` connections are served.
//!   A new one over the cap takes the slot of the **oldest idle** connection
//!   (no request in flight: waiting between requests or still sending its
//!   head), which is closed. Connections with a request in flight are never
//!   evicted; when every slot has one, the new connection is closed at once.
//!   So slow or silent clients can hold slots only until someone new comes,
//!   and a health check always gets in.
//!
//! The timers are watched per connection by the task that serves it,
//! woken only when something changes (a head starts, a request ends, an
//! eviction), so thousands of idle connections cost no CPU.

use std::collections::BTreeMap;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot, watch, Notify};

use crate::state::Counters;

/// The connection limits (from [`crate::Options`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Connections served at once (at least 1).
    pub max_connections: usize,
    /// Time from a request head's first byte to its end.
    pub header_timeout: Duration,
    /// Time a connection may sit with no request in flight and no new head.
    pub idle_timeout: Duration,
}

/// What the accept loop and a connection's task share about it.
struct Conn {
    /// Requests in flight (head read, answer not yet handed to hyper).
    busy: AtomicUsize,
    /// When the current head's first byte arrived, ms since `epoch` + 1;
    /// 0 = no head under way.
    head_started: AtomicU64,
    /// When the connection last became idle, ms since `epoch`.
    idle_since: AtomicU64,
    /// Set when the accept loop gave this connection's slot away.
    evicted: AtomicBool,
    /// Wakes the connection's task to look at the above again.
    wake: Notify,
}

/// Milliseconds since `epoch`.
fn ms_since(epoch: Instant) -> u64 {
    u64::try_from(epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// Open connections by id (ids grow, so the first idle one is the oldest).
type Registry = Arc<Mutex<BTreeMap<u64, Arc<Conn>>>>;

/// Serves `router` on `listener` until `shutdown` fires, then lets each
/// connection finish its request in flight and returns when all are closed.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    counters: Arc<Counters>,
    mut shutdown: oneshot::Receiver<()>,
) -> io::Result<()> {
    let epoch = Instant::now();
    let registry: Registry = Arc::default();
    let (stop_tx, stop_rx) = watch::channel(false);
    // Every connection task holds a clone; recv() returns None when all ended.
    let (done_tx, mut done_rx) = mpsc::channel::<()>(1);
    let mut next_id = 0u64;
    loop {
        let stream = tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // Out of file descriptors or a reset before accept: back
                    // off a little instead of spinning.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
        };
        let conn = Arc::new(Conn {
            busy: AtomicUsize::new(0),
            head_started: AtomicU64::new(0),
            idle_since: AtomicU64::new(ms_since(epoch)),
            evicted: AtomicBool::new(false),
            wake: Notify::new(),
        });
        if !admit(&registry, next_id, &conn, limits.max_connections, &counters) {
            Counters::bump(&counters.conn_refused);
            drop(stream);
            continue;
        }
        Counters::bump(&counters.conn_accepted);
        let _ = stream.set_nodelay(true);
        let task = ConnTask {
            id: next_id,
            conn,
            epoch,
            limits,
            counters: counters.clone(),
            registry: registry.clone(),
        };
        next_id += 1;
        let router = router.clone();
        let stop_rx = stop_rx.clone();
        let done = done_tx.clone();
        tokio::spawn(async move {
            task.run(stream, router, stop_rx).await;
            drop(done);
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    drop(done_tx);
    let _ = done_rx.recv().await;
    Ok(())
}

/// Registers `conn` under `id`; at the cap, evicts the oldest idle
/// connection first. False when every slot has a request in flight.
fn admit(registry: &Registry, id: u64, conn: &Arc<Conn>, max: usize, counters: &Counters) -> bool {
    let mut map = registry.lock().unwrap_or_else(|e| e.into_inner());
    if map.len() >= max.max(1) {
        let victim = map
            .iter()
            .find(|(_, c)| c.busy.load(Ordering::Acquire) == 0)
            .map(|(id, _)| *id);
        let Some(victim) = victim.and_then(|v| map.remove(&v)) else {
            return false;
        };
        victim.evicted.store(true, Ordering::Release);
        victim.wake.notify_one();
        Counters::bump(&counters.conn_evicted);
    }
    map.insert(id, conn.clone());
    true
}

/// One connection's task: serves it with hyper and enforces the timers.
struct ConnTask {
    id: u64,
    conn: Arc<Conn>,
    epoch: Instant,
    limits: Limits,
    counters: Arc<Counters>,
    registry: Registry,
}

impl ConnTask {
    /// When this connection must close if nothing changes (`None` while a
    /// request is in flight).
    fn deadline(&self) -> Option<Instant> {
        if self.conn.busy.load(Ordering::Acquire) > 0 {
            return None;
        }
        let head = self.conn.head_started.load(Ordering::Acquire);
        let (since_ms, limit) = if head > 0 {
            (head - 1, self.limits.header_timeout)
        } else {
            (
                self.conn.idle_since.load(Ordering::Acquire),
                self.limits.idle_timeout,
            )
        };
        Some(self.epoch + Duration::from_millis(since_ms) + limit)
    }

    async fn run(self, stream: TcpStream, router: Router, mut stop: watch::Receiver<bool>) {
        Counters::up(&self.counters.conn_open);
        let io = TokioIo::new(Tracked {
            stream,
            conn: self.conn.clone(),
            epoch: self.epoch,
        });
        let tower = TowerToHyperService::new(router);
        let conn = self.conn.clone();
        let epoch = self.epoch;
        let service = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
            let busy = Busy::start(conn.clone(), epoch);
            let answer = hyper::service::Service::call(&tower, req);
            async move {
                let res = answer.await;
                drop(busy);
                res
            }
        });
        let served = http1::Builder::new()
            .keep_alive(true)
            .serve_connection(io, service);
        tokio::pin!(served);
        let mut closing = false;
        loop {
            let deadline = self.deadline();
            let expired = async {
                match deadline {
                    Some(at) => tokio::time::sleep_until(at.into()).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                _ = served.as_mut() => break,
                _ = self.conn.wake.notified() => {
                    if self.conn.evicted.load(Ordering::Acquire) {
                        if self.conn.busy.load(Ordering::Acquire) == 0 {
                            break;
                        }
                        if !closing {
                            served.as_mut().graceful_shutdown();
                            closing = true;
                        }
                    }
                }
                _ = expired => {
                    if self.conn.busy.load(Ordering::Acquire) == 0 {
                        let counter = if self.conn.head_started.load(Ordering::Acquire) > 0 {
                            &self.counters.conn_header_timeouts
                        } else {
                            &self.counters.conn_idle_timeouts
                        };
                        Counters::bump(counter);
                        break;
                    }
                }
                _ = stop.changed(), if !closing => {
                    if self.conn.busy.load(Ordering::Acquire) == 0 {
                        break;
                    }
                    served.as_mut().graceful_shutdown();
                    closing = true;
                }
            }
        }
        self.registry
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.id);
        Counters::down(&self.counters.conn_open);
    }
}

/// Marks a request in flight for as long as it lives.
struct Busy {
    conn: Arc<Conn>,
    epoch: Instant,
}

impl Busy {
    fn start(conn: Arc<Conn>, epoch: Instant) -> Self {
        conn.busy.fetch_add(1, Ordering::AcqRel);
        conn.head_started.store(0, Ordering::Release);
        Self { conn, epoch }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        if self.conn.busy.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.conn
                .idle_since
                .store(ms_since(self.epoch), Ordering::Release);
            self.conn.wake.notify_one();
        }
    }
}

/// The socket, noting when the first byte of a request head arrives on an
/// idle connection (which starts the header-read timer).
struct Tracked {
    stream: TcpStream,
    conn: Arc<Conn>,
    epoch: Instant,
}

impl AsyncRead for Tracked {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let polled = Pin::new(&mut this.stream).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(())))
            && buf.filled().len() > before
            && this.conn.busy.load(Ordering::Acquire) == 0
            && this.conn.head_started.load(Ordering::Acquire) == 0
        {
            let now = ms_since(this.epoch).saturating_add(1);
            this.conn.head_started.store(now, Ordering::Release);
            this.conn.wake.notify_one();
        }
        polled
    }
}

impl AsyncWrite for Tracked {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

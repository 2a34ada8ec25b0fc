//! The cap on open connections per origin, and how a connect waits for room.
//!
//! hyper-util's pool counts no open connections: a request that finds no idle
//! one asks the connector for a new one at once, so only the connector can
//! bound them. Each origin (scheme, host, port) gets a semaphore with one permit
//! per connection allowed. A connect takes a permit before it dials, and the
//! connection keeps it until the connection is dropped, for whatever reason:
//! closed by either side, found broken, evicted from the pool, or the transport
//! dropped.
//!
//! Idle connections come first. hyper-util looks in the pool before it calls
//! the connector, and while the connect waits here for a permit the request
//! keeps watching the pool, taking whichever comes first: a connection handed
//! back or a permit.
//!
//! hyper-util does not cancel a connect that lost that race; it lets it finish
//! in the background so that its connection is pooled. Such a connect waits for
//! a permit only while the request that started it is unfinished (see
//! [`while_wanted`]); after that it gives up, so a burst of requests leaves no
//! connects queued behind it to open connections nobody asked for.
//!
//! Limitation: the race has a loser of another kind, inside hyper-util. The
//! pool hands a returned connection to a waiting request through a oneshot
//! channel; if that request's own connect became ready in the same poll, the
//! request takes the new connection and drops its checkout, and the connection
//! in the channel is dropped with it, unused. Its permit is released, so the
//! cap holds, but the next connect opens a replacement, and the server counts
//! one more connection accepted over the burst. It takes another thread
//! returning a connection in that instant, so it is rare, and the connector
//! cannot prevent it.

use std::collections::HashMap;
use std::error::Error as StdError;
use std::fmt;
use std::future::{poll_fn, Future};
use std::pin::pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::Poll;

use http::Uri;
use tokio::sync::{watch, OwnedSemaphorePermit, Semaphore};

tokio::task_local! {
    /// Closes when the request being sent on this task is over.
    static DEMAND: watch::Receiver<()>;
}

/// Runs `request`, the legacy client's future for one request, so that every
/// connect it starts can tell when the request no longer needs it.
///
/// The connector is called while this future is polled (hyper-util starts a
/// connect on the first poll of its race against the pool), so the connect can
/// read the request's demand from the task-local.
pub(super) async fn while_wanted<F: Future>(request: F) -> F::Output {
    // Dropped when this future completes or is dropped, which closes the
    // receivers that connects took.
    let (_over, demand) = watch::channel(());
    DEMAND.scope(demand, request).await
}

/// At most so many open connections per origin.
pub(super) struct ConnectionCap {
    per_origin: usize,
    // Limitation: an origin's entry stays for the transport's life, even when it
    // has no connection left. A transport talks to a handful of origins, so the
    // map stays small.
    origins: Mutex<HashMap<CapOrigin, Arc<Semaphore>>>,
}

impl ConnectionCap {
    /// A cap of `per_origin` connections, which must be between 1 and
    /// [`Semaphore::MAX_PERMITS`].
    pub(super) fn new(per_origin: usize) -> Self {
        debug_assert!((1..=Semaphore::MAX_PERMITS).contains(&per_origin));
        Self {
            per_origin,
            origins: Mutex::new(HashMap::new()),
        }
    }

    /// Waits for room for one more connection to `target`.
    ///
    /// Call it from the connector's `call`: that runs inside the request's task,
    /// where the request's demand can be read.
    pub(super) fn permit(
        &self,
        target: &Uri,
    ) -> impl Future<Output = Result<OwnedSemaphorePermit, NoPermit>> + Send + 'static {
        let semaphore = self.semaphore(CapOrigin::of(target));
        let demand = DEMAND.try_with(watch::Receiver::clone).ok();
        wait_for_permit(semaphore, demand)
    }

    fn semaphore(&self, origin: CapOrigin) -> Arc<Semaphore> {
        let mut origins = self.origins.lock().unwrap_or_else(PoisonError::into_inner);
        let semaphore = origins
            .entry(origin)
            .or_insert_with(|| Arc::new(Semaphore::new(self.per_origin)));
        Arc::clone(semaphore)
    }
}

/// Takes a permit, or gives up once `demand` closes. Without a demand (a connect
/// started outside [`while_wanted`]) it waits as long as it takes.
async fn wait_for_permit(
    semaphore: Arc<Semaphore>,
    demand: Option<watch::Receiver<()>>,
) -> Result<OwnedSemaphorePermit, NoPermit> {
    let Some(mut demand) = demand else {
        return semaphore.acquire_owned().await.map_err(|_| NoPermit);
    };

    let mut acquire = pin!(semaphore.acquire_owned());
    // Nothing is ever sent, so this resolves only when the request is over.
    let mut over = pin!(demand.changed());
    poll_fn(|cx| {
        if let Poll::Ready(permit) = acquire.as_mut().poll(cx) {
            return Poll::Ready(permit.map_err(|_| NoPermit));
        }
        match over.as_mut().poll(cx) {
            Poll::Ready(_) => Poll::Ready(Err(NoPermit)),
            Poll::Pending => Poll::Pending,
        }
    })
    .await
}

/// Why a connect stopped waiting for a permit: the request that started it is
/// over. Only connects running in the background see it; hyper-util drops
/// their errors.
#[derive(Debug)]
pub(super) struct NoPermit;

impl fmt::Display for NoPermit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no longer wanted: the request waiting for a connection is over")
    }
}

impl StdError for NoPermit {}

/// What the cap counts by: scheme, lowercase host, and port, the scheme's
/// default when the URI has none, so `http://h` and `http://h:80` share one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CapOrigin {
    https: bool,
    host: String,
    port: u16,
}

impl CapOrigin {
    fn of(uri: &Uri) -> Self {
        let https = uri.scheme_str() == Some("https");
        let default_port = if https { 443 } else { 80 };
        Self {
            https,
            host: uri.host().unwrap_or_default().to_ascii_lowercase(),
            port: uri.port_u16().unwrap_or(default_port),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(text: &'static str) -> Uri {
        Uri::from_static(text)
    }

    #[test]
    fn origins_are_scheme_host_and_port_with_default_ports() {
        assert_eq!(
            CapOrigin::of(&uri("http://H")),
            CapOrigin::of(&uri("http://h:80"))
        );
        assert_eq!(
            CapOrigin::of(&uri("https://h")),
            CapOrigin::of(&uri("https://h:443"))
        );
        assert_ne!(
            CapOrigin::of(&uri("http://h")),
            CapOrigin::of(&uri("https://h"))
        );
        assert_ne!(
            CapOrigin::of(&uri("http://h:1")),
            CapOrigin::of(&uri("http://h:2"))
        );
    }

    #[tokio::test]
    async fn each_origin_has_its_own_permits() {
        let cap = ConnectionCap::new(1);
        let first = cap.permit(&uri("http://a")).await.unwrap();
        let other = cap.permit(&uri("http://b")).await.unwrap();

        let semaphore = cap.semaphore(CapOrigin::of(&uri("http://a:80")));
        assert_eq!(semaphore.available_permits(), 0);
        drop(first);
        assert_eq!(semaphore.available_permits(), 1);
        drop(other);
    }

    #[tokio::test]
    async fn a_wait_ends_when_its_request_is_over() {
        let cap = ConnectionCap::new(1);
        let held = cap.permit(&uri("http://a")).await.unwrap();

        let (over, demand) = watch::channel(());
        let waiting = DEMAND.sync_scope(demand, || cap.permit(&uri("http://a")));
        drop(over);

        assert!(matches!(waiting.await, Err(NoPermit)));
        drop(held);
        let semaphore = cap.semaphore(CapOrigin::of(&uri("http://a")));
        assert_eq!(semaphore.available_permits(), 1);
    }

    #[tokio::test]
    async fn a_wanted_wait_gets_the_permit_released_first() {
        let cap = ConnectionCap::new(1);
        let held = cap.permit(&uri("http://a")).await.unwrap();

        let (_over, demand) = watch::channel(());
        let mut waiting = pin!(DEMAND.sync_scope(demand, || cap.permit(&uri("http://a"))));
        let pending = poll_fn(|cx| Poll::Ready(waiting.as_mut().poll(cx).is_pending())).await;
        assert!(pending);

        drop(held);
        assert!(waiting.await.is_ok());
    }
}

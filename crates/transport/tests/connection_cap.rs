//! `max_connections_per_host` against a loopback server that counts the
//! connections it accepts.

mod counting_server;

use std::future::{poll_fn, Future};
use std::task::Poll;
use std::time::Duration;

use bytes::Bytes;
use counting_server::{Connections, CountingServer};
use openai_admin_transport::{HttpSend, HyperTransport};

fn get(url: &str) -> http::Request<Bytes> {
    http::Request::get(url).body(Bytes::new()).unwrap()
}

fn capped(max: usize) -> HyperTransport {
    HyperTransport::builder()
        .proxy_from_env(false)
        .max_connections_per_host(max)
        .build()
        .unwrap()
}

/// Sends `count` requests at once, each on a task of its own, and returns the
/// statuses in order; a transport error panics.
async fn burst(transport: &HyperTransport, url: &str, count: usize) -> Vec<u16> {
    let tasks: Vec<_> = (0..count)
        .map(|_| {
            let transport = transport.clone();
            let request = get(url);
            tokio::spawn(async move { transport.send(request).await })
        })
        .collect();
    let mut statuses = Vec::with_capacity(count);
    for task in tasks {
        statuses.push(task.await.unwrap().unwrap().status().as_u16());
    }
    statuses
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_requests_at_once_keep_at_most_four_connections() {
    let server = CountingServer::start(Connections::KeepAlive).await;
    let transport = capped(4);

    let statuses = burst(&transport, &server.url("/v1/x"), 200).await;

    assert_eq!(statuses, vec![200; 200]);
    // On two threads hyper-util now and then drops a connection it has just
    // handed to a request that opened one of its own at that instant, and the
    // cap lets a replacement open: the server may then have accepted five, one
    // of them closed by the client. Its count of open ones settles at four at
    // most once it has noticed that close; a broken cap would leave up to 200
    // open and fail here. The timeout only bounds a failure.
    let settled = tokio::time::timeout(Duration::from_secs(10), server.open_at_most(4)).await;
    assert!(matches!(settled, Ok(1..=4)), "still open: {settled:?}");
}

#[tokio::test]
async fn on_one_thread_the_burst_opens_exactly_the_cap() {
    let server = CountingServer::start(Connections::KeepAlive).await;
    let transport = capped(4);

    let statuses = burst(&transport, &server.url("/v1/x"), 200).await;

    assert_eq!(statuses, vec![200; 200]);
    assert_eq!(server.accepted(), 4);
}

#[tokio::test]
async fn idle_connections_are_reused_before_any_new_one() {
    let server = CountingServer::start(Connections::KeepAlive).await;
    let transport = capped(2);

    for _ in 0..5 {
        let response = transport.send(get(&server.url("/v1/x"))).await.unwrap();
        assert_eq!(response.status(), 200);
    }

    assert_eq!(server.accepted(), 1);
}

#[tokio::test]
async fn a_connection_that_closes_makes_room_for_the_next() {
    let server = CountingServer::start(Connections::CloseAfterEachResponse).await;
    let transport = capped(1);

    for _ in 0..3 {
        let response = transport.send(get(&server.url("/v1/x"))).await.unwrap();
        assert_eq!(response.status(), 200);
    }
    let statuses = burst(&transport, &server.url("/v1/x"), 10).await;

    assert_eq!(statuses, vec![200; 10]);
    assert_eq!(server.accepted(), 13);
    assert_eq!(server.peak_open(), 1);
}

#[tokio::test]
async fn a_request_dropped_while_waiting_leaves_the_cap_intact() {
    let mut server = CountingServer::start_holding_answers(Connections::KeepAlive).await;
    let transport = capped(1);
    let url = server.url("/v1/x");

    let first = tokio::spawn({
        let transport = transport.clone();
        let request = get(&url);
        async move { transport.send(request).await }
    });
    server.next_arrival().await;

    // The one connection is busy, so this request waits for a permit, until it
    // is dropped as a caller's timeout would drop it.
    let mut waiting = Box::pin(transport.send(get(&url)));
    let pending = poll_fn(|cx| Poll::Ready(waiting.as_mut().poll(cx).is_pending())).await;
    assert!(pending);
    drop(waiting);

    server.release(2);
    assert_eq!(first.await.unwrap().unwrap().status(), 200);
    let response = transport.send(get(&url)).await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(server.accepted(), 1);
}

#[tokio::test]
async fn different_origins_have_caps_of_their_own() {
    let one = CountingServer::start(Connections::KeepAlive).await;
    let two = CountingServer::start(Connections::KeepAlive).await;
    let transport = capped(2);
    let (url_one, url_two) = (one.url("/v1/x"), two.url("/v1/x"));

    let (a, b) = tokio::join!(
        burst(&transport, &url_one, 20),
        burst(&transport, &url_two, 20),
    );

    assert_eq!((a, b), (vec![200; 20], vec![200; 20]));
    assert_eq!((one.accepted(), two.accepted()), (2, 2));
}

#[test]
fn debug_shows_the_cap() {
    let builder = HyperTransport::builder()
        .proxy_from_env(false)
        .max_connections_per_host(4);
    assert!(format!("{builder:?}").contains(", max_connections_per_host: 4, "));

    let unlimited = HyperTransport::builder()
        .proxy_from_env(false)
        .build()
        .unwrap();
    let unlimited_cap = format!(", max_connections_per_host: {}, ", usize::MAX);
    assert!(format!("{unlimited:?}").contains(&unlimited_cap));
}

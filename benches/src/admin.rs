//! The client under test: `openai-admin` over its hyper transport, pointed at the
//! loopback server and nowhere else.

use std::time::Duration;

use openai_admin::{Client, HttpSend};
use openai_admin_transport::{HyperTransport, HyperTransportBuilder};

use crate::fixture;
use crate::server::LoopbackServer;

/// The base URL of a client over an in-memory transport. Nothing connects to it:
/// the transport answers without any network. It is a loopback address all the
/// same, so a mistake could reach nothing but this machine.
pub const IN_MEMORY_BASE_URL: &str = "http://127.0.0.1:9/v1";

/// How long one attempt may take in a benchmark. Far above any loopback answer; it
/// only keeps a broken run from hanging.
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(20);

/// An `openai-admin` client for `server`, keeping at most `pool_max_idle_per_host`
/// idle connections. No retries, so every call is exactly one request, and no
/// proxy, so every request goes straight to the loopback server.
///
/// # Panics
///
/// If the transport or the client cannot be built, which a loopback URL and a
/// fixed key never cause.
pub fn client(server: &LoopbackServer, pool_max_idle_per_host: usize) -> Client {
    client_with(server, |transport| {
        transport.pool_max_idle_per_host(pool_max_idle_per_host)
    })
}

/// An `openai-admin` client for `server` over a hyper transport with the settings
/// `configure` makes, and never a proxy. No retries, as for [`client`].
///
/// # Panics
///
/// If the transport or the client cannot be built, which a loopback URL, a fixed
/// key and valid settings never cause.
pub fn client_with(
    server: &LoopbackServer,
    configure: impl FnOnce(HyperTransportBuilder) -> HyperTransportBuilder,
) -> Client {
    let transport = configure(HyperTransport::builder())
        // Last, so that `configure` cannot turn it back on: a proxy named in the
        // environment would carry the benchmark's traffic off this machine, and
        // measure the proxy besides.
        .proxy_from_env(false)
        .build()
        .expect("build the hyper transport");
    with_transport(&server.base_url(), transport)
}

/// An `openai-admin` client over `transport`, such as
/// [`FixedAnswer`](crate::fixed_answer::FixedAnswer) with [`IN_MEMORY_BASE_URL`].
///
/// # Panics
///
/// If the client cannot be built, which a loopback URL and a fixed key never cause.
pub fn with_transport(base_url: &str, transport: impl HttpSend + 'static) -> Client {
    Client::builder()
        .admin_key(fixture::ADMIN_KEY)
        .base_url(base_url)
        .transport(transport)
        .timeout(ATTEMPT_TIMEOUT)
        .max_retries(0)
        .build()
        .expect("build the client")
}

//! A transport of your own in a few lines: this one adds a header to every request and
//! hands it to another transport (here the in-memory emulator, so the example runs
//! anywhere without a network).
//!
//! ```sh
//! cargo run --example custom_transport
//! ```

use bytes::Bytes;
use openai_admin::{Client, HttpSend, TransportError};
use openai_admin_testing::Emulator;
use openai_admin_transport::async_trait;

/// Tags every request with the service that sent it, then forwards it.
#[derive(Debug)]
struct Tagged<T> {
    inner: T,
    service: http::HeaderValue,
}

#[async_trait]
impl<T: HttpSend> HttpSend for Tagged<T> {
    async fn send(
        &self,
        mut request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        request
            .headers_mut()
            .insert("x-calling-service", self.service.clone());
        self.inner.send(request).await
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), openai_admin::Error> {
    let emulator = Emulator::builder()
        .certificate("cert_abc", "Edge", true)
        .build();
    let transport = Tagged {
        inner: emulator.clone(),
        service: "billing".parse().unwrap(),
    };
    let client = Client::builder()
        .admin_key("sk-admin-example")
        .transport(transport)
        .build()?;

    let page = client
        .organization()
        .certificates()
        .deactivate(["cert_abc"])
        .await?;

    println!("{} active={:?}", page.data[0].id, page.data[0].active);
    println!(
        "requests the emulator served: {}",
        emulator.requests_served()
    );
    Ok(())
}

//! The server's accept loop. axum's own `serve` keeps a connection for as long as the client
//! keeps it open: 1,100 idle sockets once took every descriptor and the server stopped
//! answering. Here each connection gets a header-read timeout (a client that sends no complete
//! request head in time, the first or the next on a kept-alive connection, is closed) and at most
//! [`MAX_CONNECTIONS`] are served at once (the next waits for a free slot). A response being
//! streamed (the change events) is not a header read, so it is not cut off.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// Connections served at once. A browser opens about six to a host.
pub const MAX_CONNECTIONS: usize = 256;
/// How long a client may take to send a request head, or stay idle between requests.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `router` on `listener` until the task is dropped, closing a connection that sends no
/// complete request head within `header_timeout`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    header_timeout: Duration,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return Ok(());
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of descriptors, or a connection reset before it was accepted: try again
            // shortly rather than spin or stop serving.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let _slot = slot;
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(TokioIo::new(stream), service);
            let _ = connection.await;
        });
    }
}

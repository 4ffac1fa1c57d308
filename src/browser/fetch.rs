//! Requests: a file fetched relative to the document's base URL, with a timeout.
//! Natively nothing is fetched (stores are preloaded there).

use std::future::Future;

/// Why a request brought nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// No answer: offline, DNS, connection refused, or the timeout passed.
    Network(String),
    /// The server answered with an error status.
    Http(u16),
}

/// How long a request may take before the resident is told.
pub const TIMEOUT_MS: u32 = 10_000;

/// The body of `url`, or why there is none; gives up after [`TIMEOUT_MS`].
pub async fn get(url: &str) -> Result<Vec<u8>, FetchError> {
    on_web!(
        std::future::ready(Err(FetchError::Network(
            "no network in a native build".into()
        ))),
        web::get(url)
    )
    .await
}

/// Runs a request in the background (natively: drops it, nothing is fetched there).
pub fn spawn(fut: impl Future<Output = ()> + 'static) {
    on_web!((), leptos::task::spawn_local(fut))
}

#[cfg(target_arch = "wasm32")]
mod web {
    use std::time::Duration;

    use super::{FetchError, TIMEOUT_MS};

    pub async fn get(url: &str) -> Result<Vec<u8>, FetchError> {
        let controller =
            web_sys::AbortController::new().map_err(|e| FetchError::Network(format!("{e:?}")))?;
        let abort = controller.clone();
        let timeout = leptos::prelude::set_timeout_with_handle(
            move || abort.abort(),
            Duration::from_millis(TIMEOUT_MS.into()),
        )
        .ok();
        let signal = controller.signal();
        let response = gloo_net::http::Request::get(url)
            .abort_signal(Some(&signal))
            .send()
            .await;
        let result = match response {
            Err(e) if signal.aborted() => Err(FetchError::Network(format!(
                "no answer within {} s ({e})",
                TIMEOUT_MS / 1000
            ))),
            Err(e) => Err(FetchError::Network(e.to_string())),
            Ok(r) if !r.ok() => Err(FetchError::Http(r.status())),
            Ok(r) => r
                .binary()
                .await
                .map_err(|e| FetchError::Network(e.to_string())),
        };
        if let Some(handle) = timeout {
            handle.clear();
        }
        result
    }
}

//! Browser-only concerns, kept here so that pages and content compile and test natively.

/// The path the app is served under, from the document's `<base href>` (Trunk writes
/// it from `--public-url`): "" at the site root, "/koers" under a sub-path.
pub fn base_path() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let uri = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .unwrap_or_default();
        // "https://host/koers/" -> "/koers"
        let path = uri
            .split_once("://")
            .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
            .unwrap_or("/");
        path.trim_end_matches('/').to_string()
    }
    #[cfg(not(target_arch = "wasm32"))]
    String::new()
}

/// The origin this app is served from ("https://koers.gemeente.be"), for addresses
/// that other sites use. Natively, a placeholder that is plainly an example.
pub fn origin() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    String::from(EXAMPLE_ORIGIN)
}

/// Stands in for the real origin where there is none (native rendering).
pub const EXAMPLE_ORIGIN: &str = "https://koers.example.be";

/// Puts `text` on the clipboard; `on_done(true)` when that worked.
pub fn copy_text(text: &str, on_done: impl FnOnce(bool) + 'static) {
    #[cfg(target_arch = "wasm32")]
    {
        let clipboard = web_sys::window()
            .map(|w| w.navigator())
            .filter(|n| js_sys::Reflect::has(n, &"clipboard".into()).unwrap_or(false))
            .map(|n| n.clipboard());
        let Some(clipboard) = clipboard else {
            return on_done(false);
        };
        let promise = clipboard.write_text(text);
        leptos::task::spawn_local(async move {
            on_done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = text;
        on_done(false);
    }
}

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

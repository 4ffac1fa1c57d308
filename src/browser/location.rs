//! Where the app is: the path it is served under and the origin it is served from.

/// Stands in for the real origin where there is none (native rendering).
pub const EXAMPLE_ORIGIN: &str = "https://koers.example.be";

/// The path the app is served under, from the document's `<base href>` (Trunk writes
/// it from `--public-url`): "" at the site root, "/koers" under a sub-path.
pub fn base_path() -> String {
    on_web!(String::new(), web::base_path())
}

/// The origin this app is served from ("https://koers.gemeente.be"), for addresses
/// that other sites use. Natively, a placeholder that is plainly an example.
pub fn origin() -> String {
    on_web!(String::from(EXAMPLE_ORIGIN), web::origin())
}

/// The query string of the address the page was opened with ("?embed=1…").
pub fn query() -> String {
    on_web!(String::new(), web::query())
}

#[cfg(target_arch = "wasm32")]
mod web {
    pub fn base_path() -> String {
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

    pub fn origin() -> String {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }

    pub fn query() -> String {
        web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default()
    }
}

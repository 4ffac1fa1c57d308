//! Messages for editors and developers in the browser's console (natively: none).

/// A failure the app has handled (residents got a message of their own).
pub fn error(message: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::error_1(&format!("Koers: {message}").into());
    #[cfg(not(target_arch = "wasm32"))]
    let _ = message;
}

/// Something ignored that a web editor may want to fix.
pub fn warn(message: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::warn_1(&format!("Koers: {message}").into());
    #[cfg(not(target_arch = "wasm32"))]
    let _ = message;
}

//! Messages for editors and developers in the browser's console (natively: none).

/// A failure the app has handled (residents got a message of their own).
pub fn error(message: &str) {
    on_web!((), web::error(message))
}

/// Something ignored that a web editor may want to fix.
pub fn warn(message: &str) {
    on_web!((), web::warn(message))
}

#[cfg(target_arch = "wasm32")]
mod web {
    pub fn error(message: &str) {
        web_sys::console::error_1(&format!("Koers: {message}").into());
    }

    pub fn warn(message: &str) {
        web_sys::console::warn_1(&format!("Koers: {message}").into());
    }
}

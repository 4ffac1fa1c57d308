//! The clipboard: the one place that writes to it ("Kopieer" on the embed page, and
//! "Deel" where the device has no share sheet).

/// Puts `text` on the clipboard; `on_done(true)` when that worked. Must be started
/// from the resident's click: browsers allow writing to the clipboard only then.
pub fn copy_text(text: &str, on_done: impl FnOnce(bool) + 'static) {
    on_web!(on_done(false), web::copy_text(text, on_done))
}

#[cfg(target_arch = "wasm32")]
mod web {
    pub fn copy_text(text: &str, on_done: impl FnOnce(bool) + 'static) {
        // `navigator.clipboard` is missing outside secure contexts.
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
}

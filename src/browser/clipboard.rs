//! The clipboard: the one place that writes to it ("Kopieer" on the embed page, and
//! "Deel" where the device has no share sheet).

/// Puts `text` on the clipboard; `on_done(true)` when that worked. Must be started
/// from the resident's click: browsers allow writing to the clipboard only then.
pub fn copy_text(text: &str, on_done: impl FnOnce(bool) + 'static) {
    on_web!(on_done(false), web::copy_text(text, on_done))
}

#[cfg(target_arch = "wasm32")]
mod web {
    use wasm_bindgen::JsCast;

    pub fn copy_text(text: &str, on_done: impl FnOnce(bool) + 'static) {
        // `navigator.clipboard` is missing outside secure contexts, and may be there but
        // empty where a browser or a policy turns it off.
        let clipboard = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"clipboard".into()).ok())
            .filter(|c| !c.is_undefined() && !c.is_null())
            .map(|c| c.unchecked_into::<web_sys::Clipboard>());
        let Some(clipboard) = clipboard else {
            return on_done(false);
        };
        let promise = clipboard.write_text(text);
        leptos::task::spawn_local(async move {
            on_done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
        });
    }
}

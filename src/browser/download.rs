//! Saving a file made in the page ("Bewaar contact"): a Blob, a temporary `blob:`
//! URL and a link with `download`, clicked once. A download is not a fetch, so the
//! Content Security Policy (`default-src 'self'`) lets it through.

/// How long the temporary URL lives: long enough for the browser to start saving.
#[cfg(target_arch = "wasm32")]
const REVOKE_AFTER_MS: u64 = 60_000;

/// Offers `text` as a file named `file_name` of type `mime`. Returns whether the
/// browser took it (natively: never).
pub fn save_text(file_name: &str, mime: &str, text: &str) -> bool {
    on_web!(false, web::save_text(file_name, mime, text))
}

#[cfg(target_arch = "wasm32")]
mod web {
    use std::time::Duration;

    use wasm_bindgen::{JsCast, JsValue};

    pub fn save_text(file_name: &str, mime: &str, text: &str) -> bool {
        offer(file_name, mime, text).is_ok()
    }

    fn offer(file_name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
        let window = web_sys::window().ok_or("no window")?;
        let document = window.document().ok_or("no document")?;
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
        link.set_href(&url);
        link.set_download(file_name);
        link.set_hidden(true);
        let body = document.body().ok_or("no body")?;
        body.append_child(&link)?;
        link.click();
        link.remove();
        leptos::prelude::set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            },
            Duration::from_millis(super::REVOKE_AFTER_MS),
        );
        Ok(())
    }
}

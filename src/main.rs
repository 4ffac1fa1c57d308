//! Browser entry point. On a pre-rendered page the app takes over the markup that is
//! already there, starting from the content embedded in the page, so nothing moves or
//! flashes; on a bare page (development) it mounts and fetches.

fn main() {
    #[cfg(target_arch = "wasm32")]
    browser::start();
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    use koers::load::{ContentStore, Embedded};
    use koers::App;

    pub fn start() {
        console_error_panic_hook::set_once();
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let embedded: Option<Embedded> = document
            .get_element_by_id("koers-data")
            .and_then(|e| e.text_content())
            .and_then(|text| match serde_json::from_str(&text) {
                Ok(data) => Some(data),
                Err(e) => {
                    web_sys::console::warn_1(
                        &format!("Koers: embedded content ignored: {e}").into(),
                    );
                    None
                }
            });
        // The app renders its own head elements: drop the pre-rendered copies.
        if let Ok(old) = document.query_selector_all("[data-prerendered]") {
            for i in 0..old.length() {
                if let Some(el) = old
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    el.remove();
                }
            }
        }
        // Before the app's first render, so the chosen text size is there at once.
        koers::device::page::restore_text_size();
        let root = document
            .get_element_by_id("koers")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        let app = move || {
            if let Some(data) = embedded {
                provide_context(ContentStore::preloaded(data.index, data.organisations));
            }
            view! { <App/> }
        };
        match root {
            Some(root) => {
                // Replaced in the same task as the first render: no frame shows it empty.
                root.set_inner_html("");
                leptos::mount::mount_to(root, app).forget();
            }
            None => leptos::mount::mount_to_body(app),
        }
    }
}

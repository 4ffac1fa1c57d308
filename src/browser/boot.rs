//! Starting the app in the browser. On a pre-rendered page the app takes over the
//! markup that is already there, starting from the content embedded in the page, so
//! nothing moves or flashes; on a bare page (development) it mounts and fetches.

use leptos::prelude::IntoView;

use crate::content::Embedded;

/// Mounts the view that `app` makes from the content embedded in the page (natively:
/// nothing, there is no document).
pub fn start<V: IntoView + 'static>(app: impl FnOnce(Option<Embedded>) -> V + 'static) {
    on_web!((), web::start(app))
}

#[cfg(target_arch = "wasm32")]
mod web {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    use crate::content::Embedded;

    pub fn start<V: IntoView + 'static>(app: impl FnOnce(Option<Embedded>) -> V + 'static) {
        console_error_panic_hook::set_once();
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let embedded: Option<Embedded> = document
            .get_element_by_id("koers-data")
            .and_then(|e| e.text_content())
            .and_then(|text| match crate::content::from_json(&text) {
                Ok(data) => Some(data),
                Err(e) => {
                    crate::browser::console::warn(&format!("embedded content ignored: {e}"));
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
        crate::browser::page::restore_text_size();
        let root = document
            .get_element_by_id("koers")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        let app = move || app(embedded);
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

//! "Deel": the device's own share sheet (Web Share API) where there is one; else the
//! link on the clipboard; else the resident copies it by hand.

/// What became of a request to share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shared {
    /// The share sheet opened (and was used or closed by the resident): say nothing.
    Sheet,
    /// The link is on the clipboard: say "Link gekopieerd".
    Copied,
    /// Neither works here: show the link to copy by hand.
    ByHand,
}

/// Shares `url` (with `title`), then calls `done` with what happened. Must be called
/// from the resident's click: browsers allow sharing and copying only then.
pub fn share(title: &str, url: &str, done: impl FnOnce(Shared) + 'static) {
    on_web!(done(Shared::ByHand), web::share(title, url, done))
}

#[cfg(target_arch = "wasm32")]
mod web {
    use js_sys::{Function, Object, Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    use super::Shared;

    /// `object.name(args…)` when `object.name` is a function.
    fn call(object: &JsValue, name: &str, arg: &JsValue) -> Option<Promise> {
        let f = Reflect::get(object, &name.into())
            .ok()?
            .dyn_into::<Function>()
            .ok()?;
        f.call1(object, arg).ok()?.dyn_into::<Promise>().ok()
    }

    pub fn share(title: &str, url: &str, done: impl FnOnce(Shared) + 'static) {
        let Some(window) = web_sys::window() else {
            return done(Shared::ByHand);
        };
        let navigator: JsValue = window.navigator().into();
        let data = Object::new();
        let _ = Reflect::set(&data, &"title".into(), &title.into());
        let _ = Reflect::set(&data, &"url".into(), &url.into());
        // Both calls start inside the click, while the browser still counts it as the
        // resident's own action; only the waiting happens afterwards.
        let sheet = call(&navigator, "share", &data);
        let url = url.to_string();
        leptos::task::spawn_local(async move {
            if let Some(sheet) = sheet {
                match JsFuture::from(sheet).await {
                    Ok(_) => return done(Shared::Sheet),
                    Err(e) => {
                        let name = Reflect::get(&e, &"name".into())
                            .ok()
                            .and_then(|n| n.as_string());
                        // The resident closed the sheet: that is an answer too.
                        if name.as_deref() == Some("AbortError") {
                            return done(Shared::Sheet);
                        }
                    }
                }
            }
            crate::browser::clipboard::copy_text(&url, move |copied| {
                done(if copied {
                    Shared::Copied
                } else {
                    Shared::ByHand
                })
            });
        });
    }
}

//! What the studio asks of the browser beyond what `koers::browser` offers: keeping the
//! work (and knowing whether it is kept), one tab per draft, asking before leaving
//! with unsaved work, reading a chosen or dropped file, and working offline. Natively
//! every function does nothing, or answers what a browser without the feature would.
//!
//! The only file of the studio that calls the browser, each time through `koers::on_web!`
//! (the residents' one switch, `koers::browser`): the calls sit in the inner `mod
//! browser`, compiled for wasm32 only. It knows nothing of the studio's screen or state.

use koers::on_web;
use leptos::prelude::*;

/// Draws the studio's screen `app` into the page's `#redactie` element.
pub fn mount<V: IntoView + 'static>(app: fn() -> V) {
    on_web!((), browser::mount(app))
}

/// Draws `view` into the own document of the inline frame `frame` (an empty one,
/// `about:blank`), with the residents' stylesheet that the studio's page links, and
/// keeps the frame as tall as what it shows. What is drawn stays until the value
/// returned is dropped; natively nothing is drawn.
pub fn draw_in_frame<V: IntoView + 'static>(
    frame: &web_sys::HtmlIFrameElement,
    view: impl FnOnce() -> V + 'static,
) -> Option<Box<dyn std::any::Any>> {
    on_web!(
        {
            let _ = (frame, view);
            None
        },
        browser::draw_in_frame(frame, view)
    )
}

/// `localStorage` (`Local`: kept on the device) or `sessionStorage` (`Tab`: this tab's,
/// kept over a reload).
#[derive(Clone, Copy)]
pub enum Store {
    Local,
    Tab,
}

/// The value of `key` in `store`, if storage works and has one.
pub fn get(store: Store, key: &str) -> Option<String> {
    on_web!(None, browser::get(store, key))
}

/// Keeps `value` under `key` in `store`; false when it is not kept (storage full, off
/// or forbidden). Natively: not kept.
pub fn set(store: Store, key: &str, value: &str) -> bool {
    on_web!(false, browser::set(store, key, value))
}

/// Forgets `key` in `store`.
pub fn remove(store: Store, key: &str) {
    on_web!((), browser::remove(store, key))
}

/// Asks the browser to keep this site's storage under storage pressure
/// (`navigator.storage.persist()`), where it can.
pub fn ask_persistent_storage() {
    on_web!((), browser::persist())
}

/// The time in milliseconds since 1970 (natively 0).
pub fn now_ms() -> u64 {
    on_web!(0, browser::now_ms())
}

/// Today's date on this device, as `2026-12-02` (the editor's own day, in their time
/// zone; natively the UTC day).
pub fn today() -> String {
    on_web!(
        chrono::Utc::now()
            .date_naive()
            .format("%Y-%m-%d")
            .to_string(),
        browser::today()
    )
}

/// An exclusive Web Lock this tab holds; released when dropped (or when the tab goes).
pub struct Held {
    #[cfg(target_arch = "wasm32")]
    release: Option<js_sys::Function>,
}

impl Drop for Held {
    fn drop(&mut self) {
        on_web!((), browser::release(self))
    }
}

/// Asks for the exclusive Web Lock `name` (`navigator.locks`) without waiting, then
/// calls `done` with it, or with `None` when another tab or window holds it. Where
/// the browser has no Web Locks, tabs cannot coordinate: `done` gets a lock that
/// guards nothing.
pub fn lock(name: &str, done: impl FnOnce(Option<Held>) + 'static) {
    on_web!(done(Some(Held {})), browser::lock(name, done))
}

/// The path the site is served under ("" at the root): the studio lives in its
/// `redactie/` folder.
pub fn site_base() -> String {
    let base = koers::browser::location::base_path();
    base.strip_suffix(&format!("/{}", koers::routes::STUDIO))
        .unwrap_or(&base)
        .to_string()
}

/// The browser asks "leave this page?" when `unsaved()` says there is work not yet
/// downloaded.
pub fn ask_before_leaving(unsaved: impl Fn() -> bool + 'static) {
    on_web!((), browser::ask_before_leaving(unsaved))
}

/// The service worker of the site, so the studio works offline after one visit.
pub fn register_worker() {
    koers::browser::pwa::start(koers::browser::pwa::PwaState::new(), &site_base());
}

/// What reading a chosen or dropped file gave.
pub enum FileRead {
    Bytes(Vec<u8>),
    /// Larger than asked for: its size in bytes, its bytes not read.
    TooLarge(u64),
    /// The browser could not read it.
    Failed,
}

/// Reads the first file of a file input's `change` or a `drop` event, if it has at
/// most `max_bytes` bytes (its size is looked at before a byte is read), then calls
/// `done` with its name and what was read.
pub fn read_file(
    ev: &leptos::ev::Event,
    max_bytes: usize,
    done: impl FnOnce(String, FileRead) + 'static,
) {
    on_web!((), browser::read_file(ev, max_bytes, done))
}

/// How long the text of the input or text area `ev` is pasted into would become, in
/// UTF-16 code units as `maxlength` counts (the selection replaced); `None` natively.
pub fn length_after_paste(ev: &leptos::ev::ClipboardEvent) -> Option<usize> {
    on_web!(None, browser::length_after_paste(ev))
}

/// What an editor pasted as a page: the clipboard's HTML read into a tree (by the
/// browser's `DOMParser`, which runs no script and loads nothing), else its plain text.
pub enum Clipboard {
    Html(crate::paste::html::Element),
    Text(String),
}

/// The page pasted with `ev`, HTML preferred; `None` natively, or when the clipboard
/// holds neither (or more than `paste::MAX_PASTE_BYTES`).
pub fn clipboard_page(ev: &leptos::ev::ClipboardEvent) -> Option<Clipboard> {
    on_web!(None, browser::clipboard_page(ev))
}

/// Fetches `path` (relative to the site) and calls `done` with its bytes, or `None`.
pub fn fetch(path: String, done: impl FnOnce(Option<Vec<u8>>) + 'static) {
    let url = format!("{}{path}", site_base());
    koers::browser::fetch::spawn(async move {
        done(koers::browser::fetch::get(&url).await.ok());
    });
}

/// Takes the query (an invite used) off the address, so a reload does not use it again.
pub fn forget_query() {
    on_web!((), browser::forget_query())
}

/// Asks the editor `question` (OK or cancel); natively: yes.
pub fn confirm(question: &str) -> bool {
    on_web!(true, browser::confirm(question))
}

/// Moves focus to the element with `id` (a field the summary links to).
pub fn focus(id: &str) {
    on_web!((), browser::focus(id))
}

/// Moves focus to the element with `id` once the screen has been drawn again (after
/// a change that brings that element).
pub fn focus_soon(id: String) {
    set_timeout(move || focus(&id), std::time::Duration::ZERO);
}

/// Moves focus, once the screen has been drawn again, to the first field (input,
/// select or text area) inside the element with `id` (a block just added), or to
/// that element when it has none.
pub fn focus_first_field_soon(id: String) {
    on_web!((), browser::focus_first_field_soon(id))
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::RefCell;
    use std::rc::Rc;

    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::prelude::wasm_bindgen;
    use wasm_bindgen::{JsCast, JsValue};

    use super::{Held, Store};

    fn storage(store: Store) -> Option<web_sys::Storage> {
        let window = web_sys::window()?;
        match store {
            Store::Local => window.local_storage(),
            Store::Tab => window.session_storage(),
        }
        .ok()
        .flatten()
    }

    pub fn get(store: Store, key: &str) -> Option<String> {
        storage(store)?.get_item(key).ok().flatten()
    }

    pub fn set(store: Store, key: &str, value: &str) -> bool {
        storage(store).is_some_and(|s| s.set_item(key, value).is_ok())
    }

    pub fn remove(store: Store, key: &str) {
        if let Some(storage) = storage(store) {
            let _ = storage.remove_item(key);
        }
    }

    pub fn now_ms() -> u64 {
        js_sys::Date::now() as u64
    }

    pub fn today() -> String {
        let now = js_sys::Date::new_0();
        format!(
            "{:04}-{:02}-{:02}",
            now.get_full_year(),
            now.get_month() + 1,
            now.get_date()
        )
    }

    pub fn forget_query() {
        use js_sys::{Function, Reflect};
        let Some(window) = web_sys::window() else {
            return;
        };
        let get = |of: &JsValue, name: &str| Reflect::get(of, &JsValue::from_str(name)).ok();
        let window: JsValue = window.into();
        let path = get(&window, "location")
            .and_then(|l| get(&l, "pathname"))
            .and_then(|p| p.as_string())
            .unwrap_or_default();
        if let Some(history) = get(&window, "history") {
            if let Some(replace) =
                get(&history, "replaceState").and_then(|f| f.dyn_into::<Function>().ok())
            {
                let _ = replace.call3(&history, &JsValue::NULL, &"".into(), &path.into());
            }
        }
    }

    pub fn confirm(question: &str) -> bool {
        web_sys::window()
            .and_then(|w| w.confirm_with_message(question).ok())
            .unwrap_or(true)
    }

    /// What [`draw_in_frame`](super::draw_in_frame) keeps: the view, and the observer
    /// that sizes the frame (stopped first: its callback goes with it).
    struct Framed {
        observer: web_sys::ResizeObserver,
        _resize: Closure<dyn FnMut()>,
        /// Leptos' `UnmountHandle`: dropped, it takes the view away.
        _view: Box<dyn std::any::Any>,
    }

    impl Drop for Framed {
        fn drop(&mut self) {
            self.observer.disconnect();
        }
    }

    pub fn draw_in_frame<V: leptos::prelude::IntoView + 'static>(
        frame: &web_sys::HtmlIFrameElement,
        view: impl FnOnce() -> V + 'static,
    ) -> Option<Box<dyn std::any::Any>> {
        let document = frame.content_document()?;
        let root = document.document_element()?;
        let _ = root.set_attribute("lang", "nl-BE");
        // The residents' stylesheet (Trunk's `main-<hash>.css`), as the studio links it.
        let links = leptos::prelude::document()
            .query_selector_all(r#"link[rel="stylesheet"]"#)
            .ok()?;
        let head = document.head()?;
        for i in 0..links.length() {
            let Some(link) = links
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlLinkElement>().ok())
            else {
                continue;
            };
            let href = link.href();
            if href
                .rsplit('/')
                .next()
                .is_some_and(|n| n.starts_with("main-"))
            {
                let own = document.create_element("link").ok()?;
                own.set_attribute("rel", "stylesheet").ok()?;
                own.set_attribute("href", &href).ok()?;
                head.append_child(&own).ok()?;
            }
        }
        let body = document.body()?;
        let view = leptos::mount::mount_to(body.clone(), view);
        let sized = frame.clone();
        let resize = Closure::<dyn FnMut()>::new(move || {
            // What it shows, and the frame's own edge (its height is the border box's).
            let edge = sized.offset_height() - sized.client_height();
            let height = root.scroll_height() + edge;
            let _ = sized.set_attribute("height", &height.to_string());
        });
        let observer = web_sys::ResizeObserver::new(resize.as_ref().unchecked_ref()).ok()?;
        observer.observe(&body);
        Some(Box::new(Framed {
            observer,
            _resize: resize,
            _view: Box::new(view),
        }))
    }

    /// Starts the studio's screen `app` in the page's `#redactie` element.
    pub fn mount<V: leptos::prelude::IntoView + 'static>(app: fn() -> V) {
        console_error_panic_hook::set_once();
        let root = leptos::prelude::document()
            .get_element_by_id("redactie")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(root) = root {
            root.set_inner_html("");
            leptos::mount::mount_to(root, app).forget();
        }
    }

    pub fn persist() {
        let Some(window) = web_sys::window() else {
            return;
        };
        // Older browsers have no `navigator.storage`.
        let has = js_sys::Reflect::get(&window.navigator(), &"storage".into())
            .is_ok_and(|s| !s.is_undefined() && !s.is_null());
        if has {
            let _ = window.navigator().storage().persist();
        }
    }

    // Web Locks, declared here: web-sys has them only behind `web_sys_unstable_apis`.
    #[wasm_bindgen]
    extern "C" {
        type LockManager;
        #[wasm_bindgen(method, catch)]
        fn request(
            this: &LockManager,
            name: &str,
            options: &JsValue,
            callback: &js_sys::Function,
        ) -> Result<js_sys::Promise, JsValue>;
    }

    pub fn release(held: &mut Held) {
        if let Some(release) = held.release.take() {
            let _ = release.call0(&JsValue::UNDEFINED);
        }
    }

    type Done = Rc<RefCell<Option<Box<dyn FnOnce(Option<Held>)>>>>;

    pub fn lock(name: &str, done: impl FnOnce(Option<Held>) + 'static) {
        let done: Done = Rc::new(RefCell::new(Some(Box::new(done))));
        let call = |done: &Done, held: Option<Held>| {
            if let Some(done) = done.borrow_mut().take() {
                done(held);
            }
        };
        let locks = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"locks".into()).ok())
            .filter(|l| !l.is_undefined() && !l.is_null());
        let Some(locks) = locks else {
            call(&done, Some(Held { release: None }));
            return;
        };
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"ifAvailable".into(), &true.into());
        let granted = done.clone();
        // Called once: with the lock, or with null when another tab holds it. The lock
        // is held until the promise returned here settles (`Held`'s drop).
        let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
            if lock.is_null() {
                call(&granted, None);
                return JsValue::UNDEFINED;
            }
            let mut release = None;
            let held = js_sys::Promise::new(&mut |resolve, _| release = Some(resolve));
            call(&granted, Some(Held { release }));
            held.into()
        });
        let locks: LockManager = locks.unchecked_into();
        if locks
            .request(name, &options, callback.unchecked_ref())
            .is_err()
        {
            call(&done, Some(Held { release: None }));
        }
    }

    pub fn ask_before_leaving(unsaved: impl Fn() -> bool + 'static) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let handler = Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(
            move |ev: web_sys::BeforeUnloadEvent| {
                if unsaved() {
                    ev.prevent_default();
                    ev.set_return_value("Je hebt wijzigingen die je nog niet downloadde.");
                }
            },
        );
        let _ = window
            .add_event_listener_with_callback("beforeunload", handler.as_ref().unchecked_ref());
        handler.forget();
    }

    pub fn read_file(
        ev: &web_sys::Event,
        max_bytes: usize,
        done: impl FnOnce(String, super::FileRead) + 'static,
    ) {
        use super::FileRead;
        let files = if let Some(drop) = ev.dyn_ref::<web_sys::DragEvent>() {
            drop.data_transfer().and_then(|d| d.files())
        } else {
            ev.target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|input| input.files())
        };
        let Some(file) = files.and_then(|f| f.get(0)) else {
            return;
        };
        let name = file.name();
        let size = file.size();
        if size > max_bytes as f64 {
            done(name, FileRead::TooLarge(size as u64));
            return;
        }
        let promise = file.array_buffer();
        wasm_bindgen_futures::spawn_local(async move {
            let read = match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(buffer) => FileRead::Bytes(js_sys::Uint8Array::new(&buffer).to_vec()),
                Err(_) => FileRead::Failed,
            };
            done(name, read);
        });
    }

    pub fn length_after_paste(ev: &web_sys::ClipboardEvent) -> Option<usize> {
        let pasted = ev.clipboard_data()?.get_data("text/plain").ok()?;
        let target = ev.target()?;
        let (value, start, end) =
            if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                let start = area.selection_start().ok().flatten();
                (area.value(), start, area.selection_end().ok().flatten())
            } else {
                let input = target.dyn_ref::<web_sys::HtmlInputElement>()?;
                let start = input.selection_start().ok().flatten();
                (input.value(), start, input.selection_end().ok().flatten())
            };
        let selected = match (start, end) {
            (Some(start), Some(end)) => end.saturating_sub(start) as usize,
            _ => 0,
        };
        let length = |s: &str| s.encode_utf16().count();
        Some((length(&value) + length(&pasted)).saturating_sub(selected))
    }

    pub fn clipboard_page(ev: &web_sys::ClipboardEvent) -> Option<super::Clipboard> {
        use crate::paste::MAX_PASTE_BYTES;
        let data = ev.clipboard_data()?;
        let html = data
            .get_data("text/html")
            .ok()
            .filter(|h| !h.trim().is_empty() && h.len() <= MAX_PASTE_BYTES);
        // An inert document: no script in it runs. Chromium still holds its inline
        // styles to the studio's Content-Security-Policy, refuses them and says so in
        // the console (one line per style), which is what we want done with them.
        let root = html.and_then(|html| {
            web_sys::DomParser::new()
                .ok()?
                .parse_from_string(&html, web_sys::SupportedType::TextHtml)
                .ok()?
                .document_element()
        });
        if let Some(root) = root {
            return Some(super::Clipboard::Html(tree(&root, 0)));
        }
        let text = data.get_data("text/plain").ok()?;
        (!text.trim().is_empty() && text.len() <= MAX_PASTE_BYTES)
            .then_some(super::Clipboard::Text(text))
    }

    /// The parsed document as the paste's own tree: elements with the attributes it
    /// reads, and text; comments and the rest left out, and nothing deeper than a
    /// page nests.
    fn tree(element: &web_sys::Element, depth: usize) -> crate::paste::html::Element {
        use crate::paste::html::{Element, Node, KEPT_ATTRIBUTES};
        let mut children = Vec::new();
        let nodes = element.child_nodes();
        for i in 0..nodes.length() {
            let Some(node) = nodes.item(i).filter(|_| depth < 256) else {
                continue;
            };
            match node.node_type() {
                web_sys::Node::ELEMENT_NODE => {
                    if let Ok(child) = node.dyn_into::<web_sys::Element>() {
                        children.push(Node::Element(tree(&child, depth + 1)));
                    }
                }
                web_sys::Node::TEXT_NODE => children.extend(node.node_value().map(Node::Text)),
                _ => {}
            }
        }
        Element {
            name: element.local_name().to_ascii_lowercase(),
            attributes: KEPT_ATTRIBUTES
                .iter()
                .filter_map(|a| element.get_attribute(a).map(|v| (a.to_string(), v)))
                .collect(),
            children,
        }
    }

    fn by_id(id: &str) -> Option<web_sys::Element> {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
    }

    fn focus_element(element: Option<web_sys::Element>) {
        if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = element.focus();
        }
    }

    pub fn focus(id: &str) {
        focus_element(by_id(id));
    }

    pub fn focus_first_field_soon(id: String) {
        leptos::prelude::set_timeout(
            move || {
                let container = by_id(&id);
                let field = container
                    .as_ref()
                    .and_then(|c| c.query_selector("input, select, textarea").ok().flatten());
                focus_element(field.or(container));
            },
            std::time::Duration::ZERO,
        );
    }
}

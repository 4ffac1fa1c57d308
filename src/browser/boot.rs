//! Starting the app in the browser. On a pre-rendered page the app takes over the
//! markup that is already there, starting from the content embedded in the page, so
//! nothing moves or flashes; on a bare page (development) it mounts and fetches.
//!
//! The takeover goes in steps, each a task of its own, so that the page answers a tap
//! in between (no long task after the first paint): the embedded content is read; then
//! the frame of the page (router, head, header, navigation) is rendered in place of
//! the pre-rendered markup; then the parts that a component put off with
//! [`after_takeover`] (the toolbar, the footer, the page's article, then each of its
//! blocks, a contact card's actions), a few in a task, which keep showing their
//! pre-rendered markup ([`prerendered`]) until then. Most of the time of each step is
//! the browser compiling the wasm it calls for the first time (Chromium compiles a
//! function on its first call), so a step's length is about the code it runs. Focus
//! and the scroll position stay where they were.

use leptos::prelude::IntoView;

use crate::content::Embedded;

/// Mounts the view that `app` makes from the content embedded in the page (natively:
/// nothing, there is no document).
pub fn start<V: IntoView + 'static>(app: impl FnOnce(Option<Embedded>) -> V + 'static) {
    on_web!((), web::start(app))
}

/// While the app renders in place of the pre-rendered page: the pre-rendered markup
/// (outer HTML) of the next element of that page that matches the CSS `selector`
/// (the first call for a selector gets its first match, the second its second), to
/// show until the part is made live in a later step. `None` natively, on a page that
/// was not pre-rendered, and after the first render.
pub fn prerendered(selector: &str) -> Option<String> {
    on_web!(None, web::prerendered(selector))
}

/// Runs `step` in a task of its own after the takeover's first render, in the order
/// asked; at once when no takeover is under way (natively, in development, later).
pub fn after_takeover(step: impl FnOnce() + 'static) {
    on_web!(step(), web::after_takeover(step))
}

/// The flag on `window` that is true while the takeover's steps are under way (the
/// tests wait for it to go, after the boot script's `wasmBindings`).
pub const TAKING_OVER: &str = "koersTakingOver";

#[cfg(target_arch = "wasm32")]
mod web {
    use std::cell::RefCell;
    use std::collections::VecDeque;

    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{Document, Element, HtmlElement};

    use super::TAKING_OVER;
    use crate::content::Embedded;

    /// The takeover under way.
    #[derive(Default)]
    struct Takeover {
        /// The pre-rendered markup: the root during the first render, then the same
        /// nodes out of the document.
        old: Option<Element>,
        /// How many matches of each selector [`prerendered`] has handed out.
        taken: Vec<(String, u32)>,
        /// What [`after_takeover`] put off, in order.
        steps: VecDeque<Box<dyn FnOnce()>>,
    }

    /// How long (ms) the steps after the first render may run before the browser gets
    /// its turn: the next step's own time is unknown (mostly compiling its code), so a
    /// slice stays far below the 50 ms of a long task.
    const SLICE_MS: f64 = 8.0;

    thread_local! {
        static TAKEOVER: RefCell<Option<Takeover>> = const { RefCell::new(None) };
    }

    pub fn prerendered(selector: &str) -> Option<String> {
        TAKEOVER.with_borrow_mut(|t| {
            let t = t.as_mut()?;
            let old = t.old.as_ref()?;
            let nth = match t.taken.iter_mut().find(|(s, _)| *s == selector) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    t.taken.push((selector.to_string(), 0));
                    0
                }
            };
            let found = old.query_selector_all(selector).ok()?.item(nth)?;
            Some(found.dyn_into::<Element>().ok()?.outer_html())
        })
    }

    pub fn after_takeover(step: impl FnOnce() + 'static) {
        let step: Box<dyn FnOnce()> = Box::new(step);
        let now = TAKEOVER.with_borrow_mut(|t| match t {
            Some(t) => {
                t.steps.push_back(step);
                None
            }
            None => Some(step),
        });
        if let Some(step) = now {
            step();
        }
    }

    pub fn start<V: IntoView + 'static>(app: impl FnOnce(Option<Embedded>) -> V + 'static) {
        console_error_panic_hook::set_once();
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let root = document
            .get_element_by_id("koers")
            .and_then(|e| e.dyn_into::<HtmlElement>().ok());
        let Some(root) = root.clone().filter(|r| r.child_element_count() > 0) else {
            // Not pre-rendered (development): mount at once and fetch the content.
            let app = move || app(embedded(&document));
            match root {
                Some(root) => leptos::mount::mount_to(root, app).forget(),
                None => leptos::mount::mount_to_body(app),
            }
            return;
        };
        set_taking_over(true);
        TAKEOVER.with_borrow_mut(|t| *t = Some(Takeover::default()));
        wasm_bindgen_futures::spawn_local(async move {
            // The wasm's first task is its download's end and instantiation: the
            // content embedded in the page is read in a task of its own.
            next_task().await;
            mark("koers: content");
            let embedded = embedded(&document);
            next_task().await;
            // Step 2: the frame of the page, in place of the pre-rendered markup.
            mark("koers: first render");
            render_first(&document, &root, move || app(embedded));
            // Then what the first render put off: in the same task while it is short.
            let mut began = f64::NEG_INFINITY;
            while let Some(step) = TAKEOVER.with_borrow_mut(|t| t.as_mut()?.steps.pop_front()) {
                if js_sys::Date::now() - began > SLICE_MS {
                    next_task().await;
                    began = js_sys::Date::now();
                }
                mark("koers: step");
                let kept = Kept::of(&root);
                step();
                // The parts re-render in the reactive system's next microtask.
                leptos::task::tick().await;
                kept.restore(&root);
            }
            TAKEOVER.with_borrow_mut(|t| *t = None);
            set_taking_over(false);
            mark("koers: taken over");
        });
    }

    /// The content embedded in the page, if any (and readable).
    fn embedded(document: &Document) -> Option<Embedded> {
        document
            .get_element_by_id("koers-data")
            .and_then(|e| e.text_content())
            .and_then(|text| match crate::content::from_json(&text) {
                Ok(data) => Some(data),
                Err(e) => {
                    crate::browser::console::warn(&format!("embedded content ignored: {e}"));
                    None
                }
            })
    }

    /// Renders the app next to the pre-rendered markup, then removes that markup: in
    /// the same task, so no frame shows the page empty or twice.
    fn render_first<V: IntoView + 'static>(
        document: &Document,
        root: &HtmlElement,
        app: impl FnOnce() -> V + 'static,
    ) {
        // The app renders its own head elements: drop the pre-rendered copies.
        if let Ok(old) = document.query_selector_all("[data-prerendered]") {
            for i in 0..old.length() {
                if let Some(el) = old.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    el.remove();
                }
            }
        }
        // Before the app's first render, so the chosen text size is there at once.
        crate::browser::page::restore_text_size();
        let kept = Kept::of(root);
        let old: Vec<web_sys::Node> = (0..root.child_nodes().length())
            .filter_map(|i| root.child_nodes().item(i))
            .collect();
        TAKEOVER.with_borrow_mut(|t| {
            if let Some(t) = t {
                t.old = Some(root.clone().into());
            }
        });
        leptos::mount::mount_to(root.clone(), app).forget();
        // Out of the document, kept for the parts that later steps make live.
        let holder = document.create_element("div").ok();
        for node in old {
            match &holder {
                Some(holder) => {
                    let _ = holder.append_child(&node);
                }
                None => {
                    let _ = root.remove_child(&node);
                }
            }
        }
        TAKEOVER.with_borrow_mut(|t| {
            if let Some(t) = t {
                t.old = holder;
            }
        });
        kept.restore(root);
    }

    /// Where focus and the view were before a part of the page was replaced.
    struct Kept {
        /// The focused element's place under the root, as element child indices.
        focus: Option<Vec<u32>>,
        scroll: (f64, f64),
    }

    impl Kept {
        fn of(root: &Element) -> Self {
            let window = web_sys::window();
            let scroll = window
                .as_ref()
                .map(|w| (w.scroll_x().unwrap_or(0.0), w.scroll_y().unwrap_or(0.0)))
                .unwrap_or_default();
            let focused = window
                .and_then(|w| w.document())
                .and_then(|d| d.active_element());
            Self {
                focus: focused.and_then(|f| place(root, &f)),
                scroll,
            }
        }

        /// Puts focus back on the element at the same place (the markup is the same)
        /// if it was lost, and the view where it was if it moved.
        fn restore(&self, root: &Element) {
            let Some(window) = web_sys::window() else {
                return;
            };
            if let Some(path) = &self.focus {
                let active = window.document().and_then(|d| d.active_element());
                let lost = active.is_none_or(|a| !root.contains(Some(&a)));
                let target = path
                    .iter()
                    .try_fold(root.clone(), |el, i| el.children().item(*i))
                    .and_then(|el| el.dyn_into::<HtmlElement>().ok());
                if let (true, Some(target)) = (lost, target) {
                    let options = web_sys::FocusOptions::new();
                    options.set_prevent_scroll(true);
                    let _ = target.focus_with_options(&options);
                }
            }
            let now = (
                window.scroll_x().unwrap_or(0.0),
                window.scroll_y().unwrap_or(0.0),
            );
            if now != self.scroll {
                window.scroll_to_with_x_and_y(self.scroll.0, self.scroll.1);
            }
        }
    }

    /// The element child indices that lead from `root` to `el` (`None` outside it).
    fn place(root: &Element, el: &Element) -> Option<Vec<u32>> {
        let mut path = Vec::new();
        let mut at = el.clone();
        while &at != root {
            let mut index = 0;
            let mut sibling = at.previous_element_sibling();
            while let Some(s) = sibling {
                index += 1;
                sibling = s.previous_element_sibling();
            }
            path.push(index);
            at = at.parent_element()?;
        }
        path.reverse();
        Some(path)
    }

    /// A mark in the browser's performance timeline (and its traces), where the
    /// browser has one.
    fn mark(name: &str) {
        let performance = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &"performance".into()).ok())
            .filter(JsValue::is_object);
        if let Some(performance) = performance {
            if let Ok(f) = js_sys::Reflect::get(&performance, &"mark".into()) {
                if let Ok(f) = f.dyn_into::<js_sys::Function>() {
                    let _ = f.call1(&performance, &name.into());
                }
            }
        }
    }

    /// Sets or clears `window.koersTakingOver`.
    fn set_taking_over(on: bool) {
        if let Some(window) = web_sys::window() {
            let _ = js_sys::Reflect::set(&window, &TAKING_OVER.into(), &JsValue::from_bool(on));
        }
    }

    /// Lets the browser run what waits (input, paint) before the next step:
    /// `scheduler.yield()` where the browser has it (the step continues before other
    /// tasks), else a new task through `setTimeout`.
    async fn next_task() {
        let global = js_sys::global();
        let yielded = js_sys::Reflect::get(&global, &"scheduler".into())
            .ok()
            .filter(JsValue::is_object)
            .and_then(|scheduler| {
                let f = js_sys::Reflect::get(&scheduler, &"yield".into()).ok()?;
                let promise = f
                    .dyn_into::<js_sys::Function>()
                    .ok()?
                    .call0(&scheduler)
                    .ok()?;
                promise.dyn_into::<js_sys::Promise>().ok()
            });
        let promise = yielded.unwrap_or_else(|| {
            js_sys::Promise::new(&mut |resolve, _| {
                if let Some(window) = web_sys::window() {
                    let _ = window.set_timeout_with_callback(&resolve);
                }
            })
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

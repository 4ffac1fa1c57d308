//! The installable app: service worker registration and updates, and the browser's
//! install prompt. Browser-only; natively every function does nothing, so the UI that
//! reads [`PwaState`] renders the same in tests (nothing offered).

use leptos::prelude::*;

/// What the browser offers right now, shared through context.
#[derive(Clone, Copy)]
pub struct PwaState {
    /// A new version is installed and waits for the resident's tap.
    pub update_ready: RwSignal<bool>,
    /// The browser offered installation (`beforeinstallprompt`).
    pub can_install: RwSignal<bool>,
    /// iOS Safari, not yet installed: it has no prompt, only "Zet op beginscherm".
    pub ios_hint: RwSignal<bool>,
}

impl PwaState {
    pub fn new() -> Self {
        PwaState {
            update_ready: RwSignal::new(false),
            can_install: RwSignal::new(false),
            ios_hint: RwSignal::new(false),
        }
    }
}

impl Default for PwaState {
    fn default() -> Self {
        Self::new()
    }
}

/// Registers `sw.js` under the app's base and watches for installs and updates.
pub fn start(state: PwaState, base: &str) {
    on_web!((), web::start(state, base))
}

/// Switches to the waiting version (the resident tapped "Vernieuwen").
pub fn apply_update() {
    on_web!((), web::apply_update())
}

/// Shows the browser's install dialog.
pub fn prompt_install(state: PwaState) {
    on_web!((), web::prompt_install(state))
}

#[cfg(target_arch = "wasm32")]
mod web {
    use std::cell::{Cell, RefCell};

    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        RegistrationOptions, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
        ServiceWorkerUpdateViaCache,
    };

    use super::PwaState;

    thread_local! {
        static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
        static INSTALL_EVENT: RefCell<Option<web_sys::Event>> = const { RefCell::new(None) };
        static RELOAD_ON_CHANGE: Cell<bool> = const { Cell::new(false) };
    }

    fn log(what: &str, error: &JsValue) {
        crate::browser::console::warn(&format!("{what}: {error:?}"));
    }

    pub fn start(state: PwaState, base: &str) {
        let Some(window) = web_sys::window() else {
            return;
        };
        watch_install_prompt(&window, state);
        // Browsers without service workers, or where they are blocked (by policy, by a
        // privacy setting, in some embedded views), simply get no offline mode.
        let container = js_sys::Reflect::get(&window.navigator(), &"serviceWorker".into())
            .ok()
            .filter(|c| c.is_object());
        let Some(container) = container.map(|c| c.unchecked_into::<ServiceWorkerContainer>())
        else {
            return;
        };
        let options = RegistrationOptions::new();
        options.set_scope(&format!("{base}/"));
        options.set_update_via_cache(ServiceWorkerUpdateViaCache::None);
        // Called through `Function::call` so that a synchronous throw is an error here,
        // not an abort of the whole app.
        let register = js_sys::Reflect::get(&container, &"register".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        let promise = match register
            .map(|f| f.call2(&container, &format!("{base}/sw.js").into(), &options))
        {
            Some(Ok(p)) => js_sys::Promise::resolve(&p),
            Some(Err(e)) => return log("service worker not registered", &e),
            None => return,
        };
        // The new worker takes over only after the resident's tap: then reload once.
        let on_change = Closure::<dyn FnMut()>::new(move || {
            if RELOAD_ON_CHANGE.get() {
                RELOAD_ON_CHANGE.set(false);
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }
        });
        container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget();
        leptos::task::spawn_local(async move {
            let registration: ServiceWorkerRegistration = match JsFuture::from(promise).await {
                // A blocked registration may also resolve to nothing.
                Ok(r) if r.is_object() => r.unchecked_into(),
                Ok(other) => return log("service worker not registered", &other),
                Err(e) => return log("service worker not registered", &e),
            };
            let controlled = || {
                web_sys::window()
                    .map(|w| w.navigator().service_worker().controller().is_some())
                    .unwrap_or(false)
            };
            if registration.waiting().is_some() && controlled() {
                state.update_ready.set(true);
            }
            let reg = registration.clone();
            let on_found = Closure::<dyn FnMut()>::new(move || {
                let Some(worker) = reg.installing() else {
                    return;
                };
                let watched = worker.clone();
                let on_state = Closure::<dyn FnMut()>::new(move || {
                    // A first install has no controller yet: that is not an update.
                    if watched.state() == ServiceWorkerState::Installed && controlled() {
                        state.update_ready.set(true);
                    }
                });
                worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
                on_state.forget();
            });
            registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
            on_found.forget();
            REGISTRATION.with(|r| *r.borrow_mut() = Some(registration));
        });
    }

    pub fn apply_update() {
        let waiting = REGISTRATION.with(|r| r.borrow().as_ref().and_then(|r| r.waiting()));
        match waiting {
            Some(worker) => {
                RELOAD_ON_CHANGE.set(true);
                if let Err(e) = worker.post_message(&"koers-skip-waiting".into()) {
                    log("update not applied", &e);
                }
            }
            None => {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }
        }
    }

    fn watch_install_prompt(window: &web_sys::Window, state: PwaState) {
        let on_prompt = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            INSTALL_EVENT.with(|e| *e.borrow_mut() = Some(event));
            state.can_install.set(true);
        });
        let _ = window.add_event_listener_with_callback(
            "beforeinstallprompt",
            on_prompt.as_ref().unchecked_ref(),
        );
        on_prompt.forget();
        let on_installed = Closure::<dyn FnMut()>::new(move || {
            state.can_install.set(false);
            state.ios_hint.set(false);
        });
        let _ = window.add_event_listener_with_callback(
            "appinstalled",
            on_installed.as_ref().unchecked_ref(),
        );
        on_installed.forget();
        // iOS Safari never fires beforeinstallprompt: a one-line hint instead.
        let navigator = window.navigator();
        let agent = navigator.user_agent().unwrap_or_default();
        let ios = agent.contains("iPhone") || agent.contains("iPad");
        let standalone = js_sys::Reflect::get(&navigator, &"standalone".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if ios && !standalone {
            state.ios_hint.set(true);
        }
    }

    pub fn prompt_install(state: PwaState) {
        let Some(event) = INSTALL_EVENT.with(|e| e.borrow_mut().take()) else {
            return;
        };
        let prompt = js_sys::Reflect::get(&event, &"prompt".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(prompt) = prompt {
            if let Err(e) = prompt.call0(&event) {
                log("install prompt failed", &e);
            }
        }
        // The prompt can be shown once; the browser may offer it again later.
        state.can_install.set(false);
    }
}

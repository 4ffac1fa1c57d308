//! The page as a whole: its text size, printing, its length and going back to top.

use crate::tools::TextSize;

/// Where the chosen text size is kept on the device.
pub const TEXT_SIZE_KEY: &str = "koers.textsize";

/// Fired on `window` when the text size changes, so that what depends on the page's
/// length can measure again.
pub const TEXT_SIZE_EVENT: &str = "koers-textsize";

/// The text size chosen earlier on this device (normal when none, or no storage).
pub fn saved_text_size() -> TextSize {
    TextSize::from_stored(super::storage::get(TEXT_SIZE_KEY).as_deref())
}

/// The class `<html>` gets before the first paint when scripts run: what only works
/// with JavaScript (the start page's filter field) is hidden without it.
pub const SCRIPTS_CLASS: &str = "js";

/// A tiny script for the `<head>` of every pre-rendered page, run before the first
/// paint: it marks that scripts run ([`SCRIPTS_CLASS`]) and applies the saved text
/// size, so a resident who chose larger text never sees the page at 100 % first and
/// then jump when the wasm starts. Built from [`TextSize`], so it can never disagree
/// with the app; the page's security policy allows it by its hash.
pub fn early_script() -> String {
    let cases: Vec<String> = TextSize::ALL
        .into_iter()
        .filter(|s| *s != TextSize::Normal)
        .map(|s| format!("s===\"{}\"?\"{}\"", s.stored(), s.css()))
        .collect();
    format!(
        "document.documentElement.classList.add(\"{SCRIPTS_CLASS}\");\
         try{{var s=localStorage.getItem(\"{TEXT_SIZE_KEY}\"),f={}:\"\";\
         if(f)document.documentElement.style.fontSize=f}}catch(e){{}}",
        cases.join(":")
    )
}

/// Applies the saved text size; called once when the app starts.
pub fn restore_text_size() {
    apply_text_size(saved_text_size());
}

/// Applies `size` and remembers it on the device.
pub fn choose_text_size(size: TextSize) {
    apply_text_size(size);
    super::storage::set(TEXT_SIZE_KEY, &size.stored());
    on_web!((), web::dispatch(TEXT_SIZE_EVENT))
}

/// Sets the `font-size` of `<html>` through the CSS object model (never a `style`
/// attribute in the markup, which the Content Security Policy forbids).
fn apply_text_size(size: TextSize) {
    on_web!((), web::apply_text_size(size))
}

/// Opens the browser's print dialog (where "Opslaan als PDF" is one of the printers).
pub fn print() {
    on_web!((), web::print())
}

/// The address of the page, to share.
pub fn current_url() -> String {
    on_web!(String::new(), web::current_url())
}

/// The title of the page, to share.
pub fn title() -> String {
    on_web!(String::new(), web::title())
}

/// Calls `report` with whether the page is long (about two screens or more): once it
/// has been drawn, and again when the window or the text size changes. Stops when the
/// calling component goes.
pub fn watch_length(report: impl Fn(bool) + Clone + 'static) {
    on_web!((), web::watch_length(report))
}

/// Back to the top of the page, with keyboard focus on the start of the content
/// (the skip link's target), so the next Tab continues from there.
pub fn to_top() {
    super::focus::focus_main(super::focus::Scroll::ToTop);
}

/// Milliseconds since 1970 (UTC) by the device's clock; `None` natively, so that
/// nothing that depends on the moment is ever pre-rendered.
pub fn now_ms() -> Option<f64> {
    on_web!(None, web::now_ms())
}

/// Calls `tick` every minute while the current view lives (nothing natively).
pub fn every_minute(tick: impl Fn() + 'static) {
    on_web!((), web::every_minute(tick))
}

#[cfg(target_arch = "wasm32")]
mod web {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    use super::{TextSize, TEXT_SIZE_EVENT};

    pub fn now_ms() -> Option<f64> {
        Some(js_sys::Date::now())
    }

    pub fn dispatch(name: &str) {
        if let (Some(w), Ok(event)) = (web_sys::window(), web_sys::Event::new(name)) {
            let _ = w.dispatch_event(&event);
        }
    }

    pub fn apply_text_size(size: TextSize) {
        let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        let style = html.style();
        if size == TextSize::Normal {
            let _ = style.remove_property("font-size");
        } else {
            let _ = style.set_property("font-size", &size.css());
        }
    }

    pub fn print() {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    }

    pub fn current_url() -> String {
        web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default()
    }

    pub fn title() -> String {
        web_sys::window()
            .and_then(|w| w.document())
            .map(|d| d.title())
            .unwrap_or_default()
    }

    /// Whether the page is longer than about two screens.
    fn is_long() -> bool {
        let Some(w) = web_sys::window() else {
            return false;
        };
        let screen = w
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let page = w
            .document()
            .and_then(|d| d.document_element())
            .map(|e| e.scroll_height() as f64)
            .unwrap_or(0.0);
        screen > 0.0 && page > 2.0 * screen
    }

    pub fn watch_length(report: impl Fn(bool) + Clone + 'static) {
        let first = report.clone();
        request_animation_frame(move || first(is_long()));
        let handles: Vec<_> = ["resize", TEXT_SIZE_EVENT]
            .into_iter()
            .map(|name| {
                let report = report.clone();
                window_event_listener_untyped(name, move |_| report(is_long()))
            })
            .collect();
        on_cleanup(move || {
            for h in handles {
                h.remove();
            }
        });
    }

    pub fn every_minute(tick: impl Fn() + 'static) {
        if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_secs(60)) {
            on_cleanup(move || handle.clear());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_early_script_knows_every_larger_size_and_nothing_else() {
        assert_eq!(
            early_script(),
            "document.documentElement.classList.add(\"js\");\
             try{var s=localStorage.getItem(\"koers.textsize\"),\
             f=s===\"125\"?\"125%\":s===\"150\"?\"150%\":\"\";\
             if(f)document.documentElement.style.fontSize=f}catch(e){}"
        );
    }
}

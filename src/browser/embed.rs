//! Embed mode: Koers inside another site's page, in an `<iframe>` that `embed.js`
//! (on the host page) created, or a plain `<iframe src="…?embed=1">`.
//!
//! The address tells the app, once, at start: `?embed=1&id=…&theme=…&host=…`. What it
//! finds is kept in context ([`Embed`]) for the whole visit inside the frame, so in-app
//! navigation (which never reloads the page) stays embedded.
//!
//! In the browser the frame then reports its content height to the host page on every
//! change ([`start`], [`report`]). The message carries only what the host needs: the
//! frame's `id`, its `height` and the page `title`, all of which the host could read on
//! the page anyway. It is posted to the host origin that `embed.js` named (`host`), so
//! it reaches no one else if the parent page navigated away; without an `id` and a
//! `host` (a plain iframe) nothing is posted at all. The app never listens to messages.
//!
//! The query is plain data, read and tested natively too; natively the functions that
//! talk to the host page do nothing, so pages render the same in tests.

use leptos::prelude::*;

use crate::content::{contrast, parse_colour, MIN_CONTRAST};

/// How the app is embedded, from the address it was opened with. `Default` is "not
/// embedded".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Embed {
    /// `embed=1`: no site header or footer, external links open in a new tab.
    pub active: bool,
    /// The iframe's id, given by `embed.js`: letters, digits, `-` and `_`.
    pub frame_id: Option<String>,
    /// The host's accent colour (`theme`), only when it is `#rrggbb` with at least
    /// 4.5:1 contrast with white; lower case.
    pub accent: Option<String>,
    /// The host page's origin (`host`), where height messages go.
    pub host: Option<String>,
    /// A `theme` was given but refused (shown in the console for the web editor).
    pub refused_theme: Option<String>,
}

impl Embed {
    /// Reads a query string (with or without its leading `?`). Anything invalid is
    /// left out, never guessed.
    pub fn from_query(query: &str) -> Embed {
        let mut embed = Embed::default();
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(value);
            match percent_decode(key).as_str() {
                "embed" => embed.active = value == "1",
                "id" => embed.frame_id = valid_frame_id(&value).then_some(value),
                "theme" => match valid_accent(&value) {
                    Some(accent) => embed.accent = Some(accent),
                    None => embed.refused_theme = Some(value),
                },
                "host" => embed.host = valid_origin(&value).then_some(value),
                _ => {}
            }
        }
        if !embed.active {
            return Embed::default();
        }
        embed
    }

    /// Whether the host page asked for height messages (it created the iframe).
    pub fn reports_height(&self) -> bool {
        self.active && self.frame_id.is_some() && self.host.is_some()
    }
}

/// The embedding from context; "not embedded" when none is provided.
pub fn use_embed() -> Embed {
    use_context::<Embed>().unwrap_or_default()
}

/// Whether the app runs embedded (from context).
pub fn is_embedded() -> bool {
    use_context::<Embed>().is_some_and(|e| e.active)
}

/// `#rrggbb` with enough contrast on white (the same rule as an organisation's
/// accent), in lower case; `None` otherwise.
pub fn valid_accent(value: &str) -> Option<String> {
    let rgb = parse_colour(value)?;
    (contrast(rgb, (255, 255, 255)) >= MIN_CONTRAST).then(|| value.to_ascii_lowercase())
}

fn valid_frame_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `http(s)://host[:port]`, nothing after it.
fn valid_origin(origin: &str) -> bool {
    let Some(rest) = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
    else {
        return false;
    };
    !rest.is_empty()
        && rest.len() <= 253
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

/// `%23` to `#`, `+` to a space; malformed escapes stay as they are.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(&s.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// The embedding of this page, from its address (the browser); natively none.
pub fn from_location() -> Embed {
    Embed::from_query(&super::location::query())
}

/// Prepares the page for embedding (transparent, light background; the host decides
/// the colours around it) and starts reporting its height. Does nothing when not
/// embedded.
pub fn start(embed: &Embed) {
    on_web!((), web::start(embed))
}

/// Reports the height and title now (after a route change, once the page has drawn).
pub fn report(embed: &Embed) {
    on_web!((), web::report_soon(embed))
}

#[cfg(target_arch = "wasm32")]
mod web {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    use super::Embed;

    pub fn start(embed: &Embed) {
        if !embed.active {
            return;
        }
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(root) = document.document_element() else {
            return;
        };
        let _ = root.class_list().add_1("koers-embed");
        if let Some(theme) = &embed.refused_theme {
            crate::browser::console::warn(&format!(
                "data-koers-theme \"{theme}\" is ignored: give a colour as #rrggbb \
                 with at least 4.5:1 contrast with white"
            ));
        }
        if !embed.reports_height() {
            return;
        }
        let reported = embed.clone();
        let on_resize = Closure::<dyn FnMut()>::new(move || post(&reported));
        match web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            Ok(observer) => {
                // The root element's box is the content's height, not the frame's.
                observer.observe(&root);
                std::mem::forget(observer);
            }
            Err(e) => web_sys::console::warn_1(&e),
        }
        on_resize.forget();
        // Chromium does not render an offscreen cross-origin frame, so its
        // ResizeObserver may never fire there: report once from a task as well.
        report_soon(embed);
    }

    /// From the next task: the new page and its title are in the document then. A
    /// timer, not an animation frame: an offscreen frame gets no animation frames.
    pub fn report_soon(embed: &Embed) {
        if !embed.reports_height() {
            return;
        }
        let embed = embed.clone();
        leptos::prelude::set_timeout(move || post(&embed), std::time::Duration::ZERO);
    }

    /// The height the host must give the iframe so that nothing scrolls and nothing
    /// is left empty: the root element's box, or more if something sticks out of it.
    fn content_height(document: &web_sys::Document) -> f64 {
        let root = document
            .document_element()
            .map(|r| r.get_bounding_client_rect().height().ceil())
            .unwrap_or(0.0);
        let body = document
            .body()
            .map(|b| f64::from(b.scroll_height()))
            .unwrap_or(0.0);
        root.max(body)
    }

    fn post(embed: &Embed) {
        let (Some(id), Some(host)) = (&embed.frame_id, &embed.host) else {
            return;
        };
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(document) = window.document() else {
            return;
        };
        let Ok(Some(parent)) = window.parent() else {
            return;
        };
        let message = js_sys::Object::new();
        let set = |key: &str, value: JsValue| {
            let _ = js_sys::Reflect::set(&message, &key.into(), &value);
        };
        set("type", "koers:height".into());
        set("id", id.as_str().into());
        set("height", content_height(&document).into());
        set("title", document.title().into());
        if let Err(e) = parent.post_message(&message, host) {
            web_sys::console::warn_1(&e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_embed_js_sends() {
        let e = Embed::from_query(
            "?embed=1&id=koers-embed-1&theme=%231D3B72&host=http%3A%2F%2Flocalhost%3A8081",
        );
        assert!(e.active);
        assert_eq!(e.frame_id.as_deref(), Some("koers-embed-1"));
        assert_eq!(e.accent.as_deref(), Some("#1d3b72"));
        assert_eq!(e.host.as_deref(), Some("http://localhost:8081"));
        assert!(e.reports_height());
    }

    #[test]
    fn a_plain_iframe_is_embedded_without_messages() {
        let e = Embed::from_query("embed=1");
        assert!(e.active);
        assert!(!e.reports_height());
    }

    #[test]
    fn without_embed_1_nothing_applies() {
        assert_eq!(
            Embed::from_query("?id=x&theme=%231d3b72&host=https%3A%2F%2Fa.be"),
            Embed::default()
        );
        assert_eq!(Embed::from_query("?embed=0"), Embed::default());
        assert_eq!(Embed::from_query(""), Embed::default());
    }

    #[test]
    fn themes_without_enough_contrast_or_form_are_refused() {
        for theme in [
            "%23ffff00",
            "%23fff",
            "red",
            "%23zzzzzz",
            "1d3b72",
            "%231d3b72%3B",
        ] {
            let e = Embed::from_query(&format!("embed=1&theme={theme}"));
            assert_eq!(e.accent, None, "{theme}");
            assert!(e.refused_theme.is_some(), "{theme}");
        }
    }

    #[test]
    fn odd_ids_and_hosts_are_dropped() {
        let e = Embed::from_query("embed=1&id=%3Cscript%3E&host=javascript%3Aalert(1)");
        assert_eq!((e.frame_id, e.host), (None, None));
        let e = Embed::from_query("embed=1&id=a&host=https%3A%2F%2Fa.be%2Fpath");
        assert_eq!(e.host, None, "an origin has no path");
    }

    #[test]
    fn percent_decoding_keeps_malformed_escapes() {
        assert_eq!(percent_decode("%23a%2"), "#a%2");
        assert_eq!(percent_decode("a+b%20c"), "a b c");
    }
}

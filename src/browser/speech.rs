//! "Lees voor": the page's main content read aloud by the browser's speech synthesis,
//! one sentence at a time, with the sentence being read marked on screen.
//!
//! Each sentence is one utterance; the next is spoken when the previous one ends, so
//! the mark always follows the voice. The sentence is marked with the CSS Custom
//! Highlight API (`::highlight(koers-reading)`) where the browser has it, and its
//! block always gets the class `reading`, so browsers without the API still show
//! where the reading is.

/// Where the reading is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Idle,
    Speaking,
    Paused,
}

/// The name of the highlight in the style sheet: `::highlight(koers-reading)`.
pub const HIGHLIGHT: &str = "koers-reading";
/// The class of the block being read.
pub const READING_CLASS: &str = "reading";

/// Whether this browser can speak (`speechSynthesis` and `SpeechSynthesisUtterance`).
pub fn available() -> bool {
    // Pre-rendered pages offer it (most browsers can speak), so the app's takeover
    // changes nothing there; the browser build leaves it out where it cannot speak.
    on_web!(true, web::available())
}

/// Starts reading the main content (`#inhoud`) from the top; `on_change` hears every
/// change of state, including the end of the text.
pub fn read_main(on_change: impl Fn(Reading) + 'static) {
    on_web!(on_change(Reading::Idle), web::read_main(on_change))
}

pub fn pause() {
    on_web!((), web::pause())
}

pub fn resume() {
    on_web!((), web::resume())
}

/// Stops reading and removes the mark; `on_change` hears `Idle`.
pub fn stop() {
    on_web!((), web::stop(true))
}

/// Stops reading without telling anyone (the page that listened is going away).
pub fn stop_silently() {
    on_web!((), web::stop(false))
}

#[cfg(target_arch = "wasm32")]
mod web {
    use std::cell::RefCell;
    use std::rc::Rc;

    use js_sys::{Array, Function, Reflect};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{Element, Node, SpeechSynthesis, SpeechSynthesisUtterance};

    use super::{Reading, HIGHLIGHT, READING_CLASS};
    use crate::tools::sentences;

    /// The blocks read aloud, leaves only (a block inside another is read once).
    const BLOCKS: &str = "h1, h2, h3, p, li, dt, dd, figcaption";
    /// What is on the page but not its content.
    const SKIP: &str = ".tools, .notice, .status, .contact-actions, .back-to-top, .search-form, \
                        [hidden], [aria-hidden=\"true\"]";

    struct Sentence {
        text: String,
        block: Element,
        range: Option<web_sys::Range>,
    }

    struct Session {
        id: u32,
        sentences: Vec<Sentence>,
        next: usize,
        on_change: Rc<dyn Fn(Reading)>,
        /// Kept so the browser does not drop it before it ends (a Chromium quirk).
        current: Option<SpeechSynthesisUtterance>,
        marked: Option<Element>,
    }

    thread_local! {
        static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
        static COUNTER: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }

    fn synth() -> Option<SpeechSynthesis> {
        let w = web_sys::window()?;
        let s = Reflect::get(&w, &"speechSynthesis".into()).ok()?;
        if s.is_undefined() || s.is_null() {
            return None;
        }
        w.speech_synthesis().ok()
    }

    pub fn available() -> bool {
        let Some(w) = web_sys::window() else {
            return false;
        };
        let ctor = Reflect::get(&w, &"SpeechSynthesisUtterance".into())
            .map(|c| c.is_function())
            .unwrap_or(false);
        ctor && synth().is_some()
    }

    pub fn read_main(on_change: impl Fn(Reading) + 'static) {
        let on_change: Rc<dyn Fn(Reading)> = Rc::new(on_change);
        stop(false);
        let Some(synth) = synth() else {
            return on_change(Reading::Idle);
        };
        // Something left in the queue (another page, an earlier visit) goes first.
        synth.cancel();
        let sentences = collect().unwrap_or_default();
        if sentences.is_empty() {
            return on_change(Reading::Idle);
        }
        let id = COUNTER.with(|c| {
            c.set(c.get().wrapping_add(1));
            c.get()
        });
        SESSION.with(|s| {
            *s.borrow_mut() = Some(Session {
                id,
                sentences,
                next: 0,
                on_change: on_change.clone(),
                current: None,
                marked: None,
            })
        });
        on_change(Reading::Speaking);
        speak_next(id);
    }

    /// Speaks the next sentence of session `id`, or ends it.
    fn speak_next(id: u32) {
        let Some(synth) = synth() else {
            return stop(true);
        };
        let step = SESSION.with(|s| {
            let mut s = s.borrow_mut();
            let session = s.as_mut().filter(|x| x.id == id)?;
            let i = session.next;
            session.next += 1;
            let sentence = session.sentences.get(i)?;
            let utterance = SpeechSynthesisUtterance::new_with_text(&sentence.text).ok()?;
            mark(session, i);
            session.current = Some(utterance.clone());
            Some(utterance)
        });
        let Some(utterance) = step else {
            // Either the text is done, or this session was replaced or stopped.
            let done = SESSION.with(|s| s.borrow().as_ref().is_some_and(|x| x.id == id));
            if done {
                stop(true);
            }
            return;
        };
        utterance.set_lang("nl-BE");
        if let Some(voice) = dutch_voice(&synth) {
            utterance.set_lang(&voice.lang());
            utterance.set_voice(Some(&voice));
        }
        let on_end = Closure::once_into_js(move |_: JsValue| speak_next(id));
        utterance.set_onend(Some(on_end.unchecked_ref()));
        let on_error = Closure::once_into_js(move |e: JsValue| {
            let error = Reflect::get(&e, &"error".into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            crate::browser::console::warn(&format!("voorlezen gestopt: {error}"));
            if SESSION.with(|s| s.borrow().as_ref().is_some_and(|x| x.id == id)) {
                stop(true);
            }
        });
        utterance.set_onerror(Some(on_error.unchecked_ref()));
        synth.speak(&utterance);
    }

    /// A Dutch voice: Flemish first, then any Dutch one.
    fn dutch_voice(synth: &SpeechSynthesis) -> Option<web_sys::SpeechSynthesisVoice> {
        let voices: Vec<web_sys::SpeechSynthesisVoice> = synth
            .get_voices()
            .iter()
            .map(|v| v.unchecked_into())
            .collect();
        // Language tags are ASCII: no Unicode tables needed to compare them.
        let lang = |v: &web_sys::SpeechSynthesisVoice| -> String {
            v.lang().replace('_', "-").to_ascii_lowercase()
        };
        voices
            .iter()
            .find(|v| lang(v) == "nl-be")
            .or_else(|| voices.iter().find(|v| lang(v).starts_with("nl")))
            .cloned()
    }

    pub fn pause() {
        if let Some(synth) = synth() {
            synth.pause();
            notify(Reading::Paused);
        }
    }

    pub fn resume() {
        if let Some(synth) = synth() {
            synth.resume();
            notify(Reading::Speaking);
        }
    }

    fn notify(state: Reading) {
        let listener = SESSION.with(|s| s.borrow().as_ref().map(|x| x.on_change.clone()));
        if let Some(f) = listener {
            f(state);
        }
    }

    pub fn stop(tell: bool) {
        let Some(session) = SESSION.with(|s| s.borrow_mut().take()) else {
            return;
        };
        if let Some(u) = &session.current {
            u.set_onend(None);
            u.set_onerror(None);
        }
        if let Some(synth) = synth() {
            synth.cancel();
        }
        if let Some(block) = &session.marked {
            let _ = block.class_list().remove_1(READING_CLASS);
        }
        set_highlight(None);
        if tell {
            (session.on_change)(Reading::Idle);
        }
    }

    /// Marks sentence `i`: its block gets the class, the sentence the highlight.
    fn mark(session: &mut Session, i: usize) {
        let Some(sentence) = session.sentences.get(i) else {
            return;
        };
        if let Some(old) = session.marked.take() {
            let _ = old.class_list().remove_1(READING_CLASS);
        }
        let _ = sentence.block.class_list().add_1(READING_CLASS);
        session.marked = Some(sentence.block.clone());
        set_highlight(sentence.range.as_ref());
        // Keep the sentence in view for whoever follows along.
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        sentence
            .block
            .scroll_into_view_with_scroll_into_view_options(&options);
    }

    /// Sets or clears `CSS.highlights["koers-reading"]`, where the browser has it.
    fn set_highlight(range: Option<&web_sys::Range>) {
        let global = js_sys::global();
        let Some(registry) = Reflect::get(&global, &"CSS".into())
            .ok()
            .and_then(|css| Reflect::get(&css, &"highlights".into()).ok())
            .filter(|r| r.is_object())
        else {
            return;
        };
        let method = |name: &str| {
            Reflect::get(&registry, &name.into())
                .ok()
                .and_then(|f| f.dyn_into::<Function>().ok())
        };
        match range {
            None => {
                if let Some(delete) = method("delete") {
                    let _ = delete.call1(&registry, &HIGHLIGHT.into());
                }
            }
            Some(range) => {
                let highlight = Reflect::get(&global, &"Highlight".into())
                    .ok()
                    .and_then(|c| c.dyn_into::<Function>().ok())
                    .and_then(|c| Reflect::construct(&c, &Array::of1(range)).ok());
                if let (Some(h), Some(set)) = (highlight, method("set")) {
                    let _ = set.call2(&registry, &HIGHLIGHT.into(), &h);
                }
            }
        }
    }

    /// A piece of a block's text: a text node, or a line break (no node).
    struct Piece {
        start: usize,
        end: usize,
        node: Option<Node>,
    }

    fn pieces(node: &Node, text: &mut String, out: &mut Vec<Piece>) {
        let children = node.child_nodes();
        for i in 0..children.length() {
            let Some(child) = children.item(i) else {
                continue;
            };
            match child.node_type() {
                Node::TEXT_NODE => {
                    let data = child.text_content().unwrap_or_default();
                    let start = text.len();
                    text.push_str(&data);
                    out.push(Piece {
                        start,
                        end: text.len(),
                        node: Some(child),
                    });
                }
                Node::ELEMENT_NODE => {
                    let element: &Element = child.unchecked_ref();
                    if element.tag_name().eq_ignore_ascii_case("br") {
                        let start = text.len();
                        text.push('\n');
                        out.push(Piece {
                            start,
                            end: text.len(),
                            node: None,
                        });
                    } else if element.closest(SKIP).ok().flatten().is_none() {
                        pieces(&child, text, out);
                    }
                }
                _ => {}
            }
        }
    }

    /// The text node and UTF-16 offset of byte `at` of the block's text.
    fn position(pieces: &[Piece], text: &str, at: usize, is_end: bool) -> Option<(Node, u32)> {
        let piece = pieces.iter().find(|p| {
            p.node.is_some()
                && if is_end {
                    p.start < at && at <= p.end
                } else {
                    p.start <= at && at < p.end
                }
        })?;
        let offset = text[piece.start..at].encode_utf16().count() as u32;
        Some((piece.node.clone()?, offset))
    }

    /// The sentences of the main content, in reading order.
    fn collect() -> Option<Vec<Sentence>> {
        let document = web_sys::window()?.document()?;
        let main = document.get_element_by_id(crate::routes::MAIN_ID)?;
        let list = main.query_selector_all(BLOCKS).ok()?;
        let mut out = Vec::new();
        for i in 0..list.length() {
            let Some(block) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            if block.closest(SKIP).ok().flatten().is_some()
                || block.query_selector(BLOCKS).ok().flatten().is_some()
            {
                continue;
            }
            let mut text = String::new();
            let mut parts = Vec::new();
            pieces(&block, &mut text, &mut parts);
            for r in sentences(&text) {
                let spoken = text[r.clone()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let range = match (
                    position(&parts, &text, r.start, false),
                    position(&parts, &text, r.end, true),
                ) {
                    (Some((sn, so)), Some((en, eo))) => {
                        document.create_range().ok().filter(|range| {
                            range.set_start(&sn, so).is_ok() && range.set_end(&en, eo).is_ok()
                        })
                    }
                    _ => None,
                };
                out.push(Sentence {
                    text: spoken,
                    block: block.clone(),
                    range,
                });
            }
        }
        Some(out)
    }
}

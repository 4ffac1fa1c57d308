//! The residents' toolbar under the header of an organisation's pages — text size,
//! reading aloud, sharing, printing, search — and "Naar boven" at the end of long
//! pages. Each tool shows only where the browser can do what it promises.

use leptos::prelude::*;

use super::use_base;
use crate::browser::share::Shared;
use crate::browser::speech::Reading;
use crate::browser::{focus, page, share, speech};
use crate::routes;
use crate::tools::TextSize;

/// The id of the row of tools, which the phone's "Hulpmiddelen" button opens.
const TOOLS_ID: &str = "hulpmiddelen";

/// The toolbar. `slug` is the organisation's, for its search page.
#[component]
pub fn Toolbar(slug: String) -> impl IntoView {
    let base = use_base();
    // One polite live region for what the tools have to say ("Link gekopieerd").
    let status = RwSignal::new(String::new());
    let search = base.href(&routes::search(&slug));
    // On a phone the tools wait behind one button, so the page's heading is in the
    // first screen (the style sheet hides the row after a closed button there, and
    // shows the button, only when scripts run: without them every tool stays in sight).
    let open = RwSignal::new(false);
    let toggle = NodeRef::<leptos::html::Button>::new();
    // Escape closes the opened row, and the keyboard goes back to its button.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(button) = toggle.get_untracked() {
                let _ = button.focus();
            }
        }
    };
    view! {
        <div class="tools" role="group" aria-label="Hulpmiddelen" on:keydown=on_keydown>
            <div class="wrap">
                <button
                    type="button"
                    node_ref=toggle
                    class="tool tools-toggle"
                    aria-controls=TOOLS_ID
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    "Hulpmiddelen"
                </button>
                <div class="tools-row" id=TOOLS_ID>
                    <TextSizeControl status/>
                    <ReadAloud/>
                    <ShareButton status/>
                    <button type="button" class="tool" on:click=move |_| page::print()>
                        "Print of bewaar als PDF"
                    </button>
                    <a class="tool" href=search>"Zoeken"</a>
                </div>
                <p class="tool-status" role="status" aria-live="polite">{move || status.get()}</p>
            </div>
        </div>
    }
    // Erased: the layout's view type would otherwise grow past the compiler's limits.
    .into_any()
}

/// "a | A": three text sizes, remembered on this device.
#[component]
fn TextSizeControl(status: RwSignal<String>) -> impl IntoView {
    let size = RwSignal::new(page::saved_text_size());
    let change = move |next: TextSize| {
        if next != size.get_untracked() {
            size.set(next);
            page::choose_text_size(next);
        }
        // Said also at the ends, so a press never goes unanswered.
        focus::say(status, next.label());
    };
    let change = Callback::new(change);
    view! {
        <span class="text-size">
            <SizeStep size change step=TextSize::smaller at_end=TextSize::is_smallest
                letter="a" class="small-a" label="Kleinere tekst"/>
            <SizeStep size change step=TextSize::larger at_end=TextSize::is_largest
                letter="A" class="large-a" label="Grotere tekst"/>
        </span>
    }
}

/// One step of "a | A": marked disabled at its end of the scale (still focusable, so
/// the status still answers a press).
#[component]
fn SizeStep(
    size: RwSignal<TextSize>,
    change: Callback<TextSize>,
    step: fn(TextSize) -> TextSize,
    at_end: fn(TextSize) -> bool,
    letter: &'static str,
    class: &'static str,
    label: &'static str,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="tool"
            aria-disabled=move || at_end(size.get()).then_some("true")
            on:click=move |_| change.run(step(size.get_untracked()))
        >
            <span class=class aria-hidden="true">{letter}</span>
            <span class="visually-hidden">{label}</span>
        </button>
    }
}

/// "Lees voor", then "Pauzeer"/"Verder" and "Stop"; absent where the browser cannot
/// speak.
#[component]
fn ReadAloud() -> impl IntoView {
    if !speech::available() {
        return None;
    }
    let state = RwSignal::new(Reading::Idle);
    let toggle_ref = NodeRef::<leptos::html::Button>::new();
    let stop_ref = NodeRef::<leptos::html::Button>::new();
    on_cleanup(speech::stop_silently);
    let toggle = move |_| match state.get_untracked() {
        Reading::Idle => speech::read_main(move |r| {
            // Read to the end, the Stop button goes away: the keyboard on it goes to
            // "Lees voor", not to the page's body.
            let on_stop = stop_ref
                .get_untracked()
                .is_some_and(|b| b.matches(":focus").unwrap_or(false));
            state.try_set(r);
            if r == Reading::Idle && on_stop {
                if let Some(button) = toggle_ref.get_untracked() {
                    let _ = button.focus();
                }
            }
        }),
        Reading::Speaking => speech::pause(),
        Reading::Paused => speech::resume(),
    };
    let stop = move |_| {
        speech::stop();
        // The Stop button goes away: keep the keyboard where it was. (Natively there is
        // never an element: nothing is mounted.)
        if let Some(button) = toggle_ref.get_untracked() {
            let _ = button.focus();
        }
    };
    let label = move || match state.get() {
        Reading::Idle => "Lees voor",
        Reading::Speaking => "Pauzeer",
        Reading::Paused => "Verder",
    };
    Some(view! {
        <button type="button" class="tool" node_ref=toggle_ref on:click=toggle>
            {label}
        </button>
        <Show when=move || state.get() != Reading::Idle>
            <button type="button" class="tool" node_ref=stop_ref on:click=stop>"Stop"</button>
        </Show>
    })
}

/// "Deel": the share sheet, else the link copied ("Link gekopieerd"), else the link
/// in a field to copy by hand.
#[component]
fn ShareButton(status: RwSignal<String>) -> impl IntoView {
    let by_hand = RwSignal::new(None::<String>);
    let field = NodeRef::<leptos::html::Input>::new();
    let click = move |_| {
        let url = page::current_url();
        let shown = url.clone();
        share::share(&page::title(), &url, move |result| match result {
            Shared::Sheet => {}
            Shared::Copied => focus::say(status, "Link gekopieerd".into()),
            Shared::ByHand => {
                focus::say(status, "Kopieer de link hieronder.".into());
                if by_hand.get_untracked().as_ref() != Some(&shown) {
                    by_hand.try_set(Some(shown));
                }
            }
        });
    };
    // The field appears after the click: put the keyboard in it, the link selected.
    Effect::new(move |_| {
        if let Some(input) = field.get() {
            let _ = input.focus();
            input.select();
        }
    });
    view! {
        <button type="button" class="tool" on:click=click>"Deel"</button>
        {move || {
            by_hand.get().map(|url| {
                view! {
                    <span class="share-by-hand">
                        <label for="deel-link">"Link van deze pagina"</label>
                        <input id="deel-link" type="text" readonly value=url node_ref=field/>
                    </span>
                }
            })
        }}
    }
}

/// "Naar boven", at the end of pages longer than about two screens.
#[component]
pub fn BackToTop() -> impl IntoView {
    let long = RwSignal::new(false);
    page::watch_length(move |is_long| {
        long.try_set(is_long);
    });
    (move || {
        long.get().then(|| {
            view! {
                <p class="back-to-top">
                    // A button, not a link to "#inhoud": the router would add a history
                    // entry and scroll to the content instead of the top.
                    <button type="button" class="link-button" on:click=move |_| page::to_top()>
                        "Naar boven"
                    </button>
                </p>
            }
        })
    })
    .into_any()
}

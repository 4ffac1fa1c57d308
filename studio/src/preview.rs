//! The page as residents will see it, rendered by the residents' own components
//! (`koers::components::BlockView`) in a frame of a phone's width (360 px), updated
//! when typing pauses. A frame, so that the residents' stylesheet and its media queries
//! see the phone's width and not the studio's. A picture: `inert`, so its controls
//! and headings are not the studio's.

use koers::components::BlockView;
use koers_content::{Block, Organisation};
use leptos::prelude::*;

use crate::state::studio;
use crate::web;

#[component]
pub fn Preview() -> impl IntoView {
    let studio = studio();
    let heading = move || format!("Voorbeeld: pagina ‘{}’", studio.page.get().label());
    let frame = NodeRef::<leptos::html::Iframe>::new();
    // What is drawn in the frame, kept while the preview is there.
    let drawn = StoredValue::new_local(None);
    Effect::new(move |_| {
        let Some(frame) = frame.get() else {
            return;
        };
        drawn.set_value(web::draw_in_frame(&frame, move || {
            move || {
                studio.settled.track();
                let kind = studio.page.get();
                studio.org.with_untracked(|org| page(org, kind))
            }
        }));
    });
    on_cleanup(move || drawn.dispose());
    view! {
        <section
            class="studio-preview"
            aria-labelledby="voorbeeld"
            aria-describedby="voorbeeld-uitleg"
            aria-busy=move || studio.typing.get().then_some("true")
        >
            <h2 id="voorbeeld">{heading}</h2>
            <p id="voorbeeld-uitleg" class="field-hint">
                "Zo zien inwoners de pagina op hun telefoon. Het voorbeeld is alleen om te bekijken: "
                "wat erin staat, vul je in het formulier in."
            </p>
            // A picture of the page, not a part of this one: out of reach of the keyboard
            // and of screen readers (its links and buttons do nothing here, and its
            // headings would sit under this section's).
            <iframe class="preview-frame" node_ref=frame inert title=heading></iframe>
        </section>
    }
}

/// A block still without the text that makes it (a heading or a link being added):
/// it would show as an empty heading or link, so the picture leaves it out until then.
fn is_blank(block: &Block) -> bool {
    match block {
        Block::Heading { text } => text.trim().is_empty(),
        Block::Link { label, .. } => label.trim().is_empty(),
        _ => false,
    }
}

fn page(org: &Organisation, kind: koers_content::PageKind) -> AnyView {
    let nav = org
        .pages
        .present()
        .into_iter()
        .map(|(k, _)| {
            let current = (k == kind).then_some("page");
            view! { <li><span class="preview-link" aria-current=current>{k.label()}</span></li> }
        })
        .collect_view();
    let body = match org.pages.get(kind) {
        Some(page) => {
            let blocks = page
                .blocks
                .iter()
                .filter(|block| !is_blank(block))
                .cloned()
                .map(|block| view! { <BlockView block/> })
                .collect_view();
            let title = (!page.title.trim().is_empty()).then(|| page.title.clone());
            view! {
                <article class="page">
                    {title.map(|title| view! { <h1>{title}</h1> })}
                    {blocks}
                </article>
            }
            .into_any()
        }
        None => {
            view! { <p>"Deze pagina is er nog niet. Voeg ze toe in het formulier."</p> }.into_any()
        }
    };
    view! {
        <div class="org" style:--accent=org.accent.clone()>
            <div class="site-header">
                <div class="wrap"><span class="brand">{org.name.clone()}</span></div>
                <div class="wrap page-nav"><ul>{nav}</ul></div>
            </div>
            <div class="wrap">{body}</div>
        </div>
    }
    .into_any()
}

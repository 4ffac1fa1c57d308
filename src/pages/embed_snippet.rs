//! `/:org/insluiten`: for the organisation's web editors, the snippet that shows its
//! pages inside their own website, ready to copy, with this site's real address.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::shared::with_organisation;
use crate::components::{use_base, OrgLayout};
use crate::content::Organisation;
use crate::routes;

/// `/:org/insluiten`: loads the organisation, then shows its snippets.
#[component]
pub fn EmbedSnippetRoute() -> impl IntoView {
    with_organisation(|org| view! { <EmbedSnippetPage org/> }.into_any())
}

/// The snippet an editor pastes: a placeholder element and the script that turns it
/// into a frame. `origin_and_base` is e.g. "https://koers.gemeente.be/koers".
pub fn snippet(origin_and_base: &str, path: &str) -> String {
    snippet_around(origin_and_base, path, "")
}

/// The snippet with `inside` in its placeholder, which the script replaces by the frame
/// it makes: where scripts are stripped (oEmbed in WordPress), `inside` (a [`frame`])
/// is what remains.
pub fn snippet_around(origin_and_base: &str, path: &str, inside: &str) -> String {
    format!(
        "<div data-koers-embed=\"{origin_and_base}{path}\">{inside}</div>\n\
         <script src=\"{origin_and_base}/embed.js\" defer></script>"
    )
}

/// A plain frame of the page at `path`, for sites that allow no scripts: a fixed
/// height, no header or footer. `title` names the frame for screen readers.
pub fn frame(origin_and_base: &str, path: &str, title: &str) -> String {
    format!(
        "<iframe src=\"{origin_and_base}{path}?embed=1\" title=\"{}\" \
         width=\"100%\" height=\"{FRAME_HEIGHT}\" style=\"border:0\"></iframe>",
        html_escape::encode_double_quoted_attribute(title)
    )
}

/// A plain frame's height in CSS pixels: most pages fit without an inner scrollbar.
pub const FRAME_HEIGHT: u32 = 900;

#[component]
pub fn EmbedSnippetPage(org: Arc<Organisation>) -> impl IntoView {
    let base = use_base();
    let site = format!("{}{}", crate::browser::location::origin(), base.0);
    let pages = org.pages.present();
    let snippets = pages
        .iter()
        .map(|(kind, page)| {
            let code = snippet(&site, &routes::org_page(&org.slug, *kind));
            view! { <Snippet label=page.title.clone() code/> }
        })
        .collect_view();
    let first = pages
        .first()
        .map(|(kind, page)| (routes::org_page(&org.slug, *kind), page.title.clone()));
    let (first_path, first_title) = first.unwrap_or_default();
    let themed =
        format!("<div data-koers-embed=\"{site}{first_path}\" data-koers-theme=\"#1d3b72\"></div>");
    let plain = frame(&site, &first_path, &format!("{first_title} — {}", org.name));
    let intro = format!(
        "Ben je webbeheerder bij {}? Dan kun je de pagina's van Koers ook op je eigen \
         website tonen, bijvoorbeeld in Drupal. Ze verschijnen zonder de kop en de voet van \
         Koers, en zijn altijd even hoog als hun inhoud: er komt geen schuifbalk.",
        org.name
    );
    let colour = format!(
        "Koers toont de pagina's in de kleur van {}. Wil je de kleur van je eigen website? \
         Zet dan data-koers-theme bij het div-element, met een kleur in de vorm #rrggbb:",
        org.name
    );
    let title = format!("Op je eigen website tonen — {}", org.name);
    view! {
        <Title text=title/>
        <Meta name="description" content="Code om deze pagina's op je eigen website te tonen."/>
        <OrgLayout org=org.clone() current=None>
            <article class="page embed-help">
                <h1 tabindex="-1">"Op je eigen website tonen"</h1>
                <p>{intro}</p>
                <h2>"Zo doe je het"</h2>
                <ol>
                    <li>"Kopieer hieronder de code van de pagina die je wilt tonen."</li>
                    <li>"Plak de code in je webpagina, in de HTML-weergave van je editor (vaak ‘Bron’ of ‘Source’)."</li>
                    <li>"Bewaar je pagina en bekijk ze."</li>
                </ol>
                <p>"Wil je meer dan één pagina tonen? Zet dan meer stukjes code op je pagina."</p>
                {snippets}
                <h2>"Je eigen kleur"</h2>
                <p>{colour}</p>
                <pre class="snippet"><code>{themed}</code></pre>
                <p>"De kleur moet genoeg contrast hebben met wit (minstens 4,5 op 1), zodat iedereen de tekst goed kan lezen. Een kleur met te weinig contrast gebruikt Koers niet."</p>
                <h2>"Zonder script"</h2>
                <p>"Laat je website geen scripts toe? Gebruik dan alleen een iframe. De hoogte past zich dan niet vanzelf aan: kies zelf een hoogte die past."</p>
                <pre class="snippet"><code>{plain}</code></pre>
                <h2>"Zie je niets?"</h2>
                <p>"Dan laat de server van Koers je website nog niet toe. Vraag de beheerder van Koers om het adres van je website toe te laten (‘frame-ancestors’, in de handleiding van Koers)."</p>
            </article>
        </OrgLayout>
    }
}

/// One page's code, with a button that copies it.
#[component]
fn Snippet(label: String, code: String) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let copy = {
        let code = code.clone();
        move |_| {
            crate::browser::clipboard::copy_text(&code, move |ok| {
                let said = if ok {
                    "De code staat op je klembord."
                } else {
                    "Kopiëren lukte niet. Selecteer de code en kopieer ze zelf."
                };
                crate::browser::focus::say(status, said.into());
            })
        }
    };
    view! {
        <section class="snippet-block">
            <h3>{label.clone()}</h3>
            <pre class="snippet"><code>{code}</code></pre>
            <button type="button" class="button" on:click=copy>
                "Kopieer de code"<span class="visually-hidden">{format!(" voor {label}")}</span>
            </button>
            <p class="snippet-status" role="status">{move || status.get()}</p>
        </section>
    }
}

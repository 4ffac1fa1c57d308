//! Renders content blocks as plain, semantic HTML. Text from content is always
//! inserted as text, never parsed as HTML.
//!
//! Embedded in another site, links to other sites open in a new tab, so the resident
//! keeps the host page; a hidden phrase tells screen reader users so.

use leptos::prelude::*;

use super::{ContactActions, Later};
use crate::browser::embed::is_embedded;
use crate::content::{has_scheme, Block, ContactPoint, OpeningHours, LINK_SCHEMES, WEB_SCHEMES};

/// One content block.
#[component]
pub fn BlockView(block: Block) -> impl IntoView {
    match block {
        Block::Heading { text } => view! { <h2>{text}</h2> }.into_any(),
        Block::Paragraph { text } => view! { <p>{text}</p> }.into_any(),
        Block::List { items } => view! {
            <ul>{items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul>
        }
        .into_any(),
        Block::Quote { text, source } => view! {
            <figure class="quote">
                <blockquote><p>{text}</p></blockquote>
                <figcaption>{source}</figcaption>
            </figure>
        }
        .into_any(),
        Block::Definitions { items } => view! {
            <dl class="definitions">
                {items
                    .into_iter()
                    .map(|d| view! { <div><dt>{d.term}</dt><dd>{d.description}</dd></div> })
                    .collect_view()}
            </dl>
        }
        .into_any(),
        Block::Theme { title, ambitions } => view! {
            <section class="theme">
                <h2>{title}</h2>
                <p class="theme-question">"Wat is de ambitie?"</p>
                <ul>{ambitions.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
            </section>
        }
        .into_any(),
        Block::Contact(contact) => view! { <ContactCard contact/> }.into_any(),
        Block::Link { label, href } => view! {
            <p><ExternalLink href=href>{label}</ExternalLink></p>
        }
        .into_any(),
    }
}

/// How to reach a service: only the details the content has, each one actionable.
/// Its name is an `h2`; an `h3` when `nested` under a section's own `h2`.
#[component]
pub fn ContactCard(contact: ContactPoint, #[prop(optional)] nested: bool) -> impl IntoView {
    // Made live after the takeover's first render (used only once the page is read).
    let card = contact.clone();
    let actions = view! {
        <Later region=".contact-actions"><ContactActions contact=card.clone()/></Later>
    };
    let opening_hours = contact.opening_hours();
    let address = contact.address.map(|a| {
        view! {
            <div>
                <dt>"Adres"</dt>
                <dd><address>{a.street}<br/>{a.postcode}" "{a.city}</address></dd>
            </div>
        }
    });
    let phone = contact.phone.map(|p| {
        view! {
            <div>
                <dt>"Telefoon"</dt>
                <dd><a href=tel_href(&p)>{p.clone()}</a></dd>
            </div>
        }
    });
    let fax = contact
        .fax
        .map(|f| view! { <div><dt>"Fax"</dt><dd>{f}</dd></div> });
    let email = contact.email.map(|e| {
        view! {
            <div>
                <dt>"E-mail"</dt>
                <dd><a href=safe_href(&format!("mailto:{e}"))>{e.clone()}</a></dd>
            </div>
        }
    });
    let website = contact.website.map(|w| {
        view! {
            <div>
                <dt>"Website"</dt>
                <dd><ExternalLink href=w.clone()>{w}</ExternalLink></dd>
            </div>
        }
    });
    let hours = (!opening_hours.is_empty()).then(|| {
        let week = crate::tools::hours::week_summary(&opening_hours);
        view! {
            <div>
                <dt>"Openingsuren"</dt>
                <dd>
                    <OpenNow hours=opening_hours/>
                    <ul class="hours">
                        {week
                            .into_iter()
                            .map(|(day, periods)| view! { <li>{format!("{}: {periods}", day.name())}</li> })
                            .collect_view()}
                    </ul>
                </dd>
            </div>
        }
    });
    let heading = if nested {
        view! { <h3>{contact.name}</h3> }.into_any()
    } else {
        view! { <h2>{contact.name}</h2> }.into_any()
    };
    view! {
        <section class="contact-card">
            {heading}
            <dl>{address}{phone}{fax}{email}{website}{hours}</dl>
            {actions}
        </section>
    }
}

/// "Nu open, tot 17.00 uur" or "Nu gesloten, opent morgen om 9.00 uur", by Belgian
/// time, kept current each minute. It depends on the moment the resident reads it, so
/// it is filled in only once the app runs in the browser; the pre-rendered page keeps
/// its line free (no layout shift) and lists the hours themselves.
#[component]
fn OpenNow(hours: Vec<OpeningHours>) -> impl IntoView {
    use crate::tools::{hours::belgian_time, opening_status};
    let status = RwSignal::new(None::<String>);
    let update = std::rc::Rc::new(move || {
        let Some(ms) = crate::browser::page::now_ms() else {
            return;
        };
        let now = belgian_time(ms);
        status.set(opening_status(&hours, now).describe(now));
    });
    Effect::new(move || {
        update();
        let update = update.clone();
        crate::browser::page::every_minute(move || update());
    });
    view! { <p class="open-now">{move || status.get()}</p> }
}

/// A `tel:` link in international form: "011 80 80 86" becomes "tel:+3211808086".
pub fn tel_href(number: &str) -> String {
    format!("tel:{}", crate::tools::vcard::international_phone(number))
}

/// Lets only http(s), tel and mailto links through; anything else (`javascript:`,
/// `data:`) becomes an inert `#`. Validation refuses such content too: this is the
/// second line of defence.
pub fn safe_href(href: &str) -> String {
    if has_scheme(href, LINK_SCHEMES) {
        href.trim().to_string()
    } else {
        "#".into()
    }
}

/// A link from content. Links to other sites say so to assistive technology and
/// search engines, and open in a new tab when Koers is embedded.
#[component]
fn ExternalLink(href: String, children: Children) -> impl IntoView {
    let external = is_external(&href);
    let new_tab = external && is_embedded();
    view! {
        <a
            href=safe_href(&href)
            rel=external.then_some("noopener external")
            target=new_tab.then_some("_blank")
        >
            {children()}
            {new_tab.then(|| view! { <span class="visually-hidden">" (opent in een nieuw tabblad)"</span> })}
        </a>
    }
    .into_any()
}

/// Whether a link leads to another site (`tel:` and `mailto:` open other apps).
fn is_external(href: &str) -> bool {
    has_scheme(href, WEB_SCHEMES)
}

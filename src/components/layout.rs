//! The frame around every page: skip link, header, navigation, main, footer.
//!
//! Embedded in another site ([`crate::browser::embed`]), the host page has its own header and
//! footer: then only the skip link, the organisation's page navigation (useful to move
//! between its pages inside the frame) and the main content are shown, in the host's
//! accent colour when it gave a valid one.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{Link, Meta};

use super::{
    use_base, BackToTop, CurrentOrganisation, InstallOffer, Later, SkipLink, Toolbar, UpdateNotice,
};
use crate::browser::embed::use_embed;
use crate::browser::IN_BROWSER;
use crate::content::{format_enterprise_number, Organisation, PageKind};
use crate::routes::{self, MAIN_ID};

/// The accent as an inline custom property, set through the CSSOM in the browser
/// (allowed by the Content Security Policy). Pre-rendered pages carry none: the
/// build writes a `.org[data-org=…]` rule into the stylesheet instead.
fn accent_style(accent: &str) -> Option<String> {
    IN_BROWSER.then(|| accent.to_string())
}

/// Layout of pages that belong to no organisation (the start page, not found).
#[component]
pub fn SiteLayout(children: Children) -> impl IntoView {
    let base = use_base();
    let embed = use_embed();
    if embed.active {
        return view! {
            <main id=MAIN_ID tabindex="-1" class="wrap" style:--accent=embed.accent>
                {children()}
            </main>
        }
        .into_any();
    }
    view! {
        <SkipLink/>
        <header class="site-header">
            <div class="wrap">
                <a class="brand" href=base.href(&routes::home())>"Koers"</a>
            </div>
        </header>
        <main id=MAIN_ID tabindex="-1" class="wrap">{children()}</main>
        <footer class="site-footer">
            <div class="wrap">
                <p>"Koers: missie, visie, ambities en contact van lokale besturen."</p>
                <p><a href=base.href(&routes::site_statement())>"Toegankelijkheid"</a></p>
            </div>
        </footer>
    }
    .into_any()
}

/// Layout of an organisation's pages: its name, its navigation (only the pages it
/// has, the current one marked) and its accent colour.
#[component]
pub fn OrgLayout(
    org: Arc<Organisation>,
    /// The page shown, marked in the navigation; `None` when no page of the four is.
    current: Option<PageKind>,
    children: Children,
) -> impl IntoView {
    let base = use_base();
    let slug = org.slug.clone();
    let links = org
        .pages
        .present()
        .into_iter()
        .map(|(kind, _)| {
            let href = base.href(&routes::org_page(&slug, kind));
            let aria_current = (current == Some(kind)).then_some("page");
            view! { <li><a href=href aria-current=aria_current>{kind.label()}</a></li> }
        })
        .collect_view();
    let nav = view! {
        <nav class="wrap page-nav" aria-label="Pagina's">
            <ul>{links}</ul>
        </nav>
    };
    let embed = use_embed();
    if embed.active {
        let accent = embed.accent.unwrap_or_else(|| org.accent.clone());
        return view! {
            <div class="org embedded" style:--accent=accent>
                <SkipLink/>
                {nav}
                <main id=MAIN_ID tabindex="-1" class="wrap">{children()}</main>
            </div>
        }
        .into_any();
    }
    let app = |file: &str| base.href(&format!("/{slug}/{file}"));
    provide_context(CurrentOrganisation(org.clone()));
    let (tools_slug, footer_org) = (slug.clone(), org.clone());
    view! {
        // Each organisation is its own installable app.
        <Link rel="manifest" href=app("manifest.webmanifest")/>
        <Link rel="apple-touch-icon" href=app("icon-192.png")/>
        <Meta name="theme-color" content=org.accent.clone()/>
        <div class="org" data-org=slug.clone() style:--accent=accent_style(&org.accent)>
            <SkipLink/>
            <header class="site-header">
                <div class="wrap">
                    <a class="brand" href=base.href(&routes::org_start(&slug))>{org.name.clone()}</a>
                </div>
                {nav}
            </header>
            <Later region=".tools"><Toolbar slug=tools_slug.clone()/></Later>
            <main id=MAIN_ID tabindex="-1" class="wrap">
                <UpdateNotice/>
                {children()}
                <BackToTop/>
            </main>
            // The toolbar and the footer are made live after the takeover's first
            // render: the page itself comes first.
            <Later region="footer.site-footer"><OrgFooter org=footer_org.clone()/></Later>
        </div>
    }
    .into_any()
}

/// The footer of an organisation's pages: the install offer, its name and enterprise
/// number, and the ways to the other pages of the app.
#[component]
fn OrgFooter(org: Arc<Organisation>) -> impl IntoView {
    let base = use_base();
    let slug = org.slug.as_str();
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <InstallOffer/>
                <p>{org.name.clone()}</p>
                {org.enterprise_number.as_deref().and_then(format_enterprise_number).map(|n| view! { <p>"Ondernemingsnummer " {n}</p> })}
                <p><a href=base.href(&routes::home())>"Alle lokale besturen"</a></p>
                <p><a href=base.href(&routes::embed(slug))>"Deze pagina's op je eigen website tonen"</a></p>
                <p>
                    <a href=base.href(&routes::org_statement(slug))>"Toegankelijkheid"</a>
                    <span aria-hidden="true">" · "</span>
                    <a href=base.href(&routes::privacy(slug))>"Privacy"</a>
                </p>
            </div>
        </footer>
    }
}

/// The pages an organisation has, as list items linking to each (for a page that is
/// missing or not found: the ways on), named as `OrgLayout`'s navigation names them.
#[component]
pub fn PageLinks(org: Arc<Organisation>) -> impl IntoView {
    let base = use_base();
    org.pages
        .present()
        .into_iter()
        .map(|(kind, _)| {
            let href = base.href(&routes::org_page(&org.slug, kind));
            view! { <li><a href=href>{kind.label()}</a></li> }
        })
        .collect_view()
}

//! The frame around every page: skip link, header, navigation, main, footer.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{Link, Meta};

use super::{use_base, InstallOffer, SkipLink, UpdateNotice};
use crate::content::{Organisation, PageKind};

/// Layout of pages that belong to no organisation (the start page, not found).
#[component]
pub fn SiteLayout(children: Children) -> impl IntoView {
    let base = use_base();
    view! {
        <SkipLink/>
        <header class="site-header">
            <div class="wrap">
                <a class="brand" href=base.href("/")>"Koers"</a>
            </div>
        </header>
        <main id="inhoud" tabindex="-1" class="wrap">{children()}</main>
        <footer class="site-footer">
            <div class="wrap">
                <p>"Koers: missie, visie, ambities en contact van lokale besturen."</p>
                <p><a href=base.href("/toegankelijkheid")>"Toegankelijkheid"</a></p>
            </div>
        </footer>
    }
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
            let href = base.href(&format!("/{slug}/{}", kind.slug()));
            let aria_current = (current == Some(kind)).then_some("page");
            view! { <li><a href=href aria-current=aria_current>{kind.label()}</a></li> }
        })
        .collect_view();
    let app = |file: &str| base.href(&format!("/{slug}/{file}"));
    view! {
        // Each organisation is its own installable app.
        <Link rel="manifest" href=app("manifest.webmanifest")/>
        <Link rel="apple-touch-icon" href=app("icon-192.png")/>
        <Meta name="theme-color" content=org.accent.clone()/>
        <div class="org" style:--accent=org.accent.clone()>
            <SkipLink/>
            <header class="site-header">
                <div class="wrap">
                    <a class="brand" href=base.href(&format!("/{slug}"))>{org.name.clone()}</a>
                </div>
                <nav class="wrap page-nav" aria-label="Pagina's">
                    <ul>{links}</ul>
                </nav>
            </header>
            <main id="inhoud" tabindex="-1" class="wrap">
                <UpdateNotice/>
                {children()}
            </main>
            <footer class="site-footer">
                <div class="wrap">
                    <InstallOffer/>
                    <p>{org.name.clone()}</p>
                    <p><a href=base.href("/")>"Alle lokale besturen"</a></p>
                    <p><a href=base.href(&format!("/{slug}/toegankelijkheid"))>"Toegankelijkheid"</a></p>
                </div>
            </footer>
        </div>
    }
}

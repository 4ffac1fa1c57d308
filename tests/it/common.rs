//! Shared by the native tests: the real content files, and rendering a route to HTML
//! exactly as the app would (same components, content from context).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use koers::browser::embed::Embed;
use koers::components::Base;
use koers::content::{parse_index, parse_organisation, Block, ContentIndex, Organisation};
use koers::load::ContentStore;
use koers::App;
use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use scraper::{ElementRef, Html, Selector};

pub fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("public/content")
}

pub fn index() -> ContentIndex {
    let bytes = std::fs::read(content_dir().join("index.json")).unwrap();
    parse_index("index.json", &bytes).unwrap_or_else(|p| panic!("{p:#?}"))
}

pub fn organisation(slug: &str) -> Organisation {
    let file = format!("{slug}.json");
    let bytes = std::fs::read(content_dir().join(&file)).unwrap();
    parse_organisation(&file, &bytes).unwrap_or_else(|p| panic!("{p:#?}"))
}

pub fn organisations() -> Vec<Organisation> {
    index()
        .organisations
        .iter()
        .map(|e| organisation(&e.slug))
        .collect()
}

/// The paths of the pages `org` has, in the navigation's order.
pub fn page_paths(org: &Organisation) -> Vec<String> {
    org.pages
        .present()
        .into_iter()
        .map(|(kind, _)| koers::routes::org_page(&org.slug, kind))
        .collect()
}

/// The HTML of `path` (e.g. "/herentals/missie") with the real content.
pub fn render(path: &str) -> String {
    render_with(path, index(), organisations())
}

pub fn render_with(path: &str, index: ContentIndex, orgs: Vec<Organisation>) -> String {
    render_full(path, index, orgs, Embed::default())
}

/// The HTML of `path` embedded in another site, opened with `query` (e.g.
/// "?embed=1&theme=%231d3b72").
/// `path` rendered, parsed, with Herenthout's mission replaced by one paragraph of
/// made-up `text` (for what content must never become: markup).
pub fn render_with_mission_text(path: &str, text: &str) -> Html {
    let mut org = organisation("herenthout");
    org.pages.missie.as_mut().unwrap().blocks = vec![Block::Paragraph { text: text.into() }];
    parse(&render_with(path, index(), vec![org]))
}

pub fn render_embedded(path: &str, query: &str) -> String {
    render_full(path, index(), organisations(), Embed::from_query(query))
}

pub fn render_full(
    path: &str,
    index: ContentIndex,
    orgs: Vec<Organisation>,
    embed: Embed,
) -> String {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(RequestUrl::new(path));
        provide_context(Base(String::new()));
        provide_context(ContentStore::preloaded(Some(index), orgs));
        provide_context(embed);
        view! { <App/> }.to_html()
    })
}

/// Rendered HTML, parsed as a browser parses it.
pub fn parse(html: &str) -> Html {
    Html::parse_document(html)
}

/// Every element of `html` that the CSS selector `css` selects, in document order.
pub fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    html.select(&selector(css)).collect()
}

/// The one element of `html` that `css` selects: none or more than one is a failure.
pub fn the<'a>(html: &'a Html, css: &str) -> ElementRef<'a> {
    match select(html, css)[..] {
        [one] => one,
        ref all => panic!("{} elements {css}, not one, in {}", all.len(), html.html()),
    }
}

/// Every element inside `element` that `css` selects, in document order.
pub fn select_in<'a>(element: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    element.select(&selector(css)).collect()
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("{css}: {e:?}"))
}

/// The text of an element: its text nodes in order, each apart (as the words of two
/// elements are), whitespace folded.
pub fn text_in(element: ElementRef) -> String {
    fold(&element.text().collect::<Vec<_>>().join(" "))
}

/// The text of rendered HTML, as [`text_in`] reads it.
pub fn text_of(html: &str) -> String {
    text_in(Html::parse_fragment(html).root_element())
}

/// The `href` of each element, in order.
pub fn hrefs(elements: &[ElementRef]) -> Vec<String> {
    elements
        .iter()
        .map(|a| a.attr("href").unwrap_or_default().to_string())
        .collect()
}

/// The text of a string, whitespace folded, to compare with [`text_of`].
pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

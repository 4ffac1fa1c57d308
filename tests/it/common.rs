//! Shared by the native tests: the real content files, and rendering a route to HTML
//! exactly as the app would (same components, content from context).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use koers::browser::embed::Embed;
use koers::components::Base;
use koers::content::{parse_index, parse_organisation, ContentIndex, Organisation};
use koers::load::ContentStore;
use koers::App;
use leptos::prelude::*;
use leptos_router::location::RequestUrl;

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

/// The HTML of `path` (e.g. "/herentals/missie") with the real content.
pub fn render(path: &str) -> String {
    render_with(path, index(), organisations())
}

pub fn render_with(path: &str, index: ContentIndex, orgs: Vec<Organisation>) -> String {
    render_full(path, index, orgs, Embed::default())
}

/// The HTML of `path` embedded in another site, opened with `query` (e.g.
/// "?embed=1&theme=%231d3b72").
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

/// The text of an HTML fragment, tags removed and whitespace folded, entities decoded
/// for the few that rendering produces.
pub fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a string, whitespace folded, to compare with [`text_of`].
pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

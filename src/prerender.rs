//! Pre-rendering: a route of the app rendered natively to HTML, with the same
//! components and content as in the browser, so that `cargo xtask dist` can write every
//! route as a readable page before any WebAssembly arrives.

use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;

use crate::components::Base;
use crate::content::Embedded;
use crate::load::ContentStore;
use crate::App;

/// A rendered route: what goes in `<head>` (title, description, manifest…) and the
/// markup of the app, which goes in the mount point.
pub struct Rendered {
    pub head: String,
    pub body: String,
}

/// Renders `path` (e.g. "/herentals/missie", without the base) under `base` ("" or
/// "/koers") with exactly the content the page embeds, so the app, starting from the
/// same content, renders the same.
pub fn render(path: &str, base: &str, content: Embedded) -> Rendered {
    // leptos_meta hands over the head through an async stream.
    let _ = any_spawner::Executor::init_futures_executor();
    let owner = Owner::new();
    owner.with(|| {
        let (meta, output) = ServerMetaContext::new();
        provide_context(meta);
        provide_context(RequestUrl::new(path));
        provide_context(Base(base.to_string()));
        provide_context(ContentStore::preloaded(
            content.index,
            content.organisations,
        ));
        let body = view! { <App/> }.to_html();
        let chunk = futures::stream::iter(["<head></head>".to_string()]);
        let head = futures::executor::block_on(async {
            use futures::StreamExt;
            output
                .inject_meta_context(chunk)
                .await
                .collect::<String>()
                .await
        });
        let head = head
            .trim_start_matches("<head>")
            .trim_end_matches("</head>")
            .to_string();
        Rendered { head, body }
    })
}

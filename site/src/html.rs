//! Reading and rewriting HTML with an HTML parser (`lol_html`), never by searching
//! the text: elements are found by CSS selectors, attributes are read however they
//! are quoted, and everything not edited comes out byte for byte as it went in.
//! Used by the boot script, the pre-rendering, the link check and the size budget.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;

use anyhow::Context as _;
use lol_html::html_content::{ContentType, Element, TextChunk};
use lol_html::{doc_text, rewrite_str, ElementContentHandlers, RewriteStrSettings, Selector};

use crate::Result;

/// One change to every element a selector matches.
pub enum Edit<'a> {
    /// Remove the element and its content; a void element (`<link>`, `<meta>`…)
    /// takes the line break right after it along, so its line leaves no empty line.
    Remove,
    /// Put this HTML in the element's place.
    Replace(&'a str),
    /// Put this HTML right after the element's start tag.
    Prepend(&'a str),
    /// Put this HTML right after the element (its end tag, if it has one).
    After(&'a str),
    /// Make this HTML the element's content.
    SetContent(&'a str),
    /// Add this attribute, without a value, first in the start tag; the rest of the
    /// tag stays as written.
    Mark(&'a str),
}

/// A `<link rel="alternate">` for a page's head: another form of it (`mime`) at `href`,
/// named `title`; both escaped for the attribute.
pub fn alternate_link(mime: &str, href: &str, title: &str) -> String {
    format!(
        "<link rel=\"alternate\" type=\"{mime}\" href=\"{}\" title=\"{}\">",
        html_escape::encode_double_quoted_attribute(href),
        html_escape::encode_double_quoted_attribute(title),
    )
}

/// `html` with every edit applied to every element its selector matches.
pub fn edit(html: &str, edits: &[(&str, Edit)]) -> Result<String> {
    let removed_ends = RefCell::new(HashSet::new());
    let mut settings = RewriteStrSettings::new();
    for (selector, edit) in edits {
        let removed_ends = &removed_ends;
        settings = settings.append_element_content_handler(on(selector, move |el| {
            apply(html, el, edit, removed_ends);
        })?);
    }
    let settings = settings.append_document_content_handler(doc_text!(|text| {
        let start = text.source_location().bytes().start;
        if removed_ends.borrow().contains(&start) {
            if let Some(rest) = text.as_str().strip_prefix('\n') {
                text.set_str(rest.to_string());
            }
        }
        Ok(())
    }));
    Ok(rewrite_str(html, settings)?)
}

fn apply(html: &str, el: &mut Element, edit: &Edit, removed_ends: &RefCell<HashSet<usize>>) {
    match edit {
        Edit::Remove => {
            if !el.can_have_content() {
                removed_ends
                    .borrow_mut()
                    .insert(el.source_location().bytes().end);
            }
            el.remove();
        }
        Edit::Replace(new) => el.replace(new, ContentType::Html),
        Edit::Prepend(new) => el.prepend(new, ContentType::Html),
        Edit::After(new) => el.after(new, ContentType::Html),
        Edit::SetContent(new) => el.set_inner_content(new, ContentType::Html),
        Edit::Mark(attribute) => {
            let tag = &html[el.source_location().bytes()];
            // "<" and the tag name, as written.
            let (open, rest) = tag.split_at(1 + el.tag_name_preserve_case().len());
            el.start_tag()
                .replace(&format!("{open} {attribute}{rest}"), ContentType::Html);
        }
    }
}

/// `html` without the elements the selectors match (see [`Edit::Remove`]).
pub fn remove(html: &str, selectors: &[&str]) -> Result<String> {
    let edits: Vec<(&str, Edit)> = selectors.iter().map(|s| (*s, Edit::Remove)).collect();
    edit(html, &edits)
}

/// A handler for the elements `selector` matches.
fn on<'h, 's>(
    selector: &str,
    mut handler: impl FnMut(&mut Element) + 'h,
) -> Result<(Cow<'s, Selector>, ElementContentHandlers<'h>)> {
    let handlers = ElementContentHandlers::default().element(move |el: &mut Element| {
        handler(el);
        Ok(())
    });
    Ok((Cow::Owned(parse(selector)?), handlers))
}

fn parse(selector: &str) -> Result<Selector> {
    selector
        .parse()
        .with_context(|| format!("CSS selector `{selector}`"))
}

/// Runs `visit` on every element each selector matches, in document order.
fn scan(html: &str, selectors: &[&str], mut visit: impl FnMut(usize, &Element)) -> Result {
    let visit = RefCell::new(&mut visit);
    let mut settings = RewriteStrSettings::new();
    for (i, selector) in selectors.iter().enumerate() {
        let visit = &visit;
        settings = settings
            .append_element_content_handler(on(selector, move |el| (visit.borrow_mut())(i, el))?);
    }
    rewrite_str(html, settings)?;
    Ok(())
}

/// How many elements `selector` matches.
pub fn count(html: &str, selector: &str) -> Result<usize> {
    let n = Cell::new(0);
    scan(html, &[selector], |_, _| n.set(n.get() + 1))?;
    Ok(n.get())
}

/// Values of `attr` on every element `selector` matches, as written (entities and
/// all), in document order.
pub fn attribute_values(html: &str, selector: &str, attr: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    scan(html, &[selector], |_, el| {
        out.extend(el.get_attribute(attr))
    })?;
    Ok(out)
}

/// The text of the first element `selector` matches (a script's code, say).
pub fn text_of(html: &str, selector: &str) -> Result<Option<String>> {
    let texts = RefCell::new(Vec::<String>::new());
    let handlers = ElementContentHandlers::default()
        .element(|_: &mut Element| {
            texts.borrow_mut().push(String::new());
            Ok(())
        })
        .text(|chunk: &mut TextChunk| {
            if let Some(text) = texts.borrow_mut().last_mut() {
                text.push_str(chunk.as_str());
            }
            Ok(())
        });
    let settings = RewriteStrSettings::new()
        .append_element_content_handler((Cow::Owned(parse(selector)?), handlers));
    rewrite_str(html, settings)?;
    Ok(texts.into_inner().into_iter().next())
}

/// The `<base href>` Trunk wrote from `--public-url`, always ending in `/`.
pub fn base_href(html: &str) -> Result<String> {
    let base = attribute_values(html, "base[href]", "href")?
        .into_iter()
        .next()
        .unwrap_or_else(|| "/".into());
    Ok(if base.ends_with('/') {
        base
    } else {
        format!("{base}/")
    })
}

/// What a page makes the browser download at once: scripts, then module preloads,
/// preloads (the wasm), stylesheets and the icon, each in document order. A `data:`
/// URL (the inlined favicon) is part of the page, not a download.
pub fn loaded_assets(html: &str) -> Result<Vec<String>> {
    const LOADED: [&str; 4] = ["modulepreload", "preload", "stylesheet", "icon"];
    let (mut scripts, mut links) = (Vec::new(), Vec::new());
    scan(html, &["script[src]", "link[href]"], |i, el| {
        if i == 0 {
            scripts.extend(el.get_attribute("src"));
        } else if el
            .get_attribute("rel")
            .is_some_and(|rel| rel.split_ascii_whitespace().any(|r| LOADED.contains(&r)))
        {
            links.extend(el.get_attribute("href").filter(|h| !h.starts_with("data:")));
        }
    })?;
    scripts.extend(links);
    Ok(scripts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_loads_its_scripts_wasm_and_icon_but_not_its_manifest() {
        let html = r#"<script type="module" src="/boot.js"></script><link rel="icon" href="/f.svg"><link data-prerendered href="/h/manifest.webmanifest" rel="manifest"><link rel="modulepreload" href="/k.js"><link rel="preload" href="/k.wasm" as="fetch"><link rel="icon" href="data:image/svg+xml,%3Csvg/%3E">"#;
        assert_eq!(
            loaded_assets(html).unwrap(),
            vec!["/boot.js", "/f.svg", "/k.js", "/k.wasm"]
        );
    }

    #[test]
    fn attributes_are_read_whole() {
        let html = r#"<link rel="icon" href="/a.svg" data-href="x"><script src="/b.js"></script>"#;
        assert_eq!(attribute_values(html, "*", "href").unwrap(), vec!["/a.svg"]);
        assert_eq!(attribute_values(html, "*", "src").unwrap(), vec!["/b.js"]);
    }

    #[test]
    fn attributes_are_read_however_they_are_quoted() {
        let html =
            "<a href='/single'>x</a><a href=/bare>y</a><a title=\"a > b\" href=\"/after\">z</a>\
                    <a HREF=\"/upper\">u</a>";
        assert_eq!(
            attribute_values(html, "a", "href").unwrap(),
            vec!["/single", "/bare", "/after", "/upper"]
        );
        assert_eq!(base_href("<base href='/koers'>").unwrap(), "/koers/");
        assert_eq!(base_href("<p>no base</p>").unwrap(), "/");
    }

    #[test]
    fn text_in_scripts_and_comments_is_not_markup() {
        let html =
            "<!-- <a href=\"/commented\"> --><script>let s = '<a href=\"/in-js\">';</script>\
                    <a href=\"/real\">r</a>";
        assert_eq!(attribute_values(html, "a", "href").unwrap(), vec!["/real"]);
        assert_eq!(
            text_of(html, "script").unwrap().as_deref(),
            Some("let s = '<a href=\"/in-js\">';")
        );
        assert_eq!(text_of(html, "style").unwrap(), None);
    }

    #[test]
    fn preload_tags_are_removed_whole() {
        let html = "<a>\n<link rel=\"modulepreload\" href=\"/k.js\">\n<link rel=\"preload\" href=\"/k.wasm\" as=\"fetch\">\n<b>";
        assert_eq!(
            remove(html, &["link[rel=modulepreload]", "link[rel=preload]"]).unwrap(),
            "<a>\n<b>"
        );
    }

    #[test]
    fn only_the_targeted_link_tags_are_removed() {
        let head = "<link rel=\"manifest\" href=\"m\"><link rel='icon' href=\"i\">\
                    <link rel=apple-touch-icon href=\"a\"><link rel=\"stylesheet\" href=\"s\">";
        assert_eq!(
            remove(head, &["link[rel=manifest]", "link[rel=apple-touch-icon]"]).unwrap(),
            "<link rel='icon' href=\"i\"><link rel=\"stylesheet\" href=\"s\">"
        );
        let page = "<noscript><p>JS</p></noscript>\n<div id=\"koers\"></div>";
        assert_eq!(
            remove(page, &["noscript"]).unwrap(),
            "\n<div id=\"koers\"></div>",
            "only a void element takes its line break along"
        );
    }

    #[test]
    fn edits_leave_everything_else_as_written() {
        let html = "<!doctype html><head><meta charset=utf-8><TITLE>Koers</TITLE></head>\
                    <meta name='description' content=\"a &amp; b\"><div id=koers></div><p class=x>";
        let edited = edit(
            html,
            &[
                ("meta", Edit::Mark("data-prerendered")),
                ("meta[charset]", Edit::After("<script>1</script>")),
                ("title", Edit::Replace("<title>T</title>")),
                ("head", Edit::Prepend("\n")),
                ("#koers", Edit::SetContent("<main>hi</main>")),
                ("#koers", Edit::After("<script>2</script>")),
            ],
        )
        .unwrap();
        assert_eq!(
            edited,
            "<!doctype html><head>\n<meta data-prerendered charset=utf-8><script>1</script>\
             <title>T</title></head><meta data-prerendered name='description' \
             content=\"a &amp; b\"><div id=koers><main>hi</main></div><script>2</script><p class=x>"
        );
        assert!(
            edit(html, &[("a[", Edit::Remove)]).is_err(),
            "a bad selector fails"
        );
    }
}

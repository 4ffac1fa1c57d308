//! Reading and rewriting HTML: the attributes of tags, the tags to drop, what a page
//! makes the browser download. Used by the pre-rendering and by the size budget.

/// `html` without the tags that start with any of `starts`.
pub fn remove_tags(html: &str, starts: &[&str]) -> String {
    let mut out = html.to_string();
    for start in starts {
        while let Some(a) = out.find(start) {
            let b = out[a..].find('>').map_or(out.len(), |e| a + e + 1);
            let b = if out[b..].starts_with('\n') { b + 1 } else { b };
            out.replace_range(a..b, "");
        }
    }
    out
}

/// The `<base href>` Trunk wrote from `--public-url`, always ending in `/`.
pub fn base_href(html: &str) -> String {
    let base = attribute_values(html, "<base ", "href")
        .into_iter()
        .next()
        .unwrap_or_else(|| "/".into());
    if base.ends_with('/') {
        base
    } else {
        format!("{base}/")
    }
}

/// What a page makes the browser download at once: scripts, module preloads,
/// preloads (the wasm), stylesheets, the icon.
pub fn loaded_assets(html: &str) -> Vec<String> {
    let mut out = attribute_values(html, "<script", "src");
    for tag in html.split('<').filter(|t| t.starts_with("link ")) {
        let tag = format!("<{tag}");
        let rel = attribute_values(&tag, "<link", "rel");
        if rel.iter().any(|r| {
            matches!(
                r.as_str(),
                "modulepreload" | "preload" | "stylesheet" | "icon"
            )
        }) {
            out.extend(attribute_values(&tag, "<link", "href"));
        }
    }
    out
}

/// Values of `attr="…"` in every tag that starts with `tag`.
pub fn attribute_values(html: &str, tag: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let needle = format!("{attr}=\"");
    for (i, _) in html.match_indices(tag) {
        let end = html[i..].find('>').map_or(html.len(), |e| i + e);
        let tag_text = &html[i..end];
        let mut rest = tag_text;
        while let Some(pos) = rest.find(&needle) {
            // Only a whole attribute name: preceded by whitespace.
            let ok = rest[..pos].ends_with(char::is_whitespace);
            let value_start = pos + needle.len();
            let Some(len) = rest[value_start..].find('"') else {
                break;
            };
            if ok {
                out.push(rest[value_start..value_start + len].to_string());
            }
            rest = &rest[value_start + len..];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_loads_its_scripts_wasm_and_icon_but_not_its_manifest() {
        let html = r#"<script type="module" src="/boot.js"></script><link rel="icon" href="/f.svg"><link data-prerendered href="/h/manifest.webmanifest" rel="manifest"><link rel="modulepreload" href="/k.js"><link rel="preload" href="/k.wasm" as="fetch">"#;
        assert_eq!(
            loaded_assets(html),
            vec!["/boot.js", "/f.svg", "/k.js", "/k.wasm"]
        );
    }

    #[test]
    fn attributes_are_read_whole() {
        let html = r#"<link rel="icon" href="/a.svg" data-href="x"><script src="/b.js"></script>"#;
        assert_eq!(attribute_values(html, "<", "href"), vec!["/a.svg"]);
        assert_eq!(attribute_values(html, "<", "src"), vec!["/b.js"]);
    }

    #[test]
    fn preload_tags_are_removed_whole() {
        let html = "<a>\n<link rel=\"modulepreload\" href=\"/k.js\">\n<link rel=\"preload\" href=\"/k.wasm\" as=\"fetch\">\n<b>";
        assert_eq!(
            remove_tags(
                html,
                &["<link rel=\"modulepreload\"", "<link rel=\"preload\""]
            ),
            "<a>\n<b>"
        );
    }
}

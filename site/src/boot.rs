//! The boot script: Trunk's page loads the app with an inline module script; Koers
//! replaces it with its own, which loads the app only after the first paint, and
//! drops Trunk's preloads, which would fetch the app before that paint.

use anyhow::{bail, Context as _};

use super::html::{self, base_href, Edit};
use crate::Result;

/// Trunk's `index.html` with Koers' boot script.
pub struct Booted {
    /// The page, with Koers' boot script and without Trunk's preloads.
    pub page: String,
    /// The `<base href>`, ending in `/`.
    pub base: String,
    /// The boot script (the security policy allows it by its hash).
    pub script: String,
}

/// Trunk's page with Koers' boot script in place of Trunk's.
pub fn from_trunk(index_html: &str) -> Result<Booted> {
    let base = base_href(index_html)?;
    let (page, script) = inline_boot_script(index_html)?;
    // Trunk's preloads would fetch the app's code before the first paint, competing
    // with the page; the boot script fetches it after (see `boot_script`).
    let page = html::remove(&page, &["link[rel=modulepreload]", "link[rel=preload]"])?;
    Ok(Booted { page, base, script })
}

/// The boot script of every page, in place of Trunk's inline one (same steps, same
/// `wasmBindings` and `TrunkApplicationStarted`). A pre-rendered page is complete
/// without the app, so the app's code is fetched only once the browser has recorded
/// the page's first paint (its largest-contentful-paint entry): the content never
/// waits for the wasm, and the takeover cannot replace the nodes of that paint before
/// Chrome has counted it (it would then count the invisible, identical re-paint at
/// wasm time instead). On a slow network the entry is long there when the script
/// runs; it waits at most a second, and not at all where the browser does not report
/// it or the page is not pre-rendered (development).
///
/// The wasm is compiled while it downloads (`compileStreaming`), and instantiated and
/// started in a task of its own: the compilation's end and the app's start are then
/// two short tasks instead of one long one (BENCHMARKS.md). Where a host serves it with
/// another media type, which `compileStreaming` refuses, the glue loads it from its
/// path as before (from its bytes, with a warning in the console).
///
/// Where the app cannot start (no WebAssembly, as in iOS' Lockdown Mode, or its code
/// does not arrive), the page stays as pre-rendered and drops the mark that scripts
/// run (`koers::browser::page::SCRIPTS_CLASS`): its tools show as without scripts,
/// not behind a "Hulpmiddelen" button that nothing answers.
fn boot_script(glue: &str, wasm: &str) -> String {
    let scripts = koers::browser::page::SCRIPTS_CLASS;
    format!(
        "await new Promise((go) => {{
  if (!document.querySelector('#koers > *')
    || !(PerformanceObserver.supportedEntryTypes || []).includes('largest-contentful-paint')) return go();
  const timer = setTimeout(go, 1000);
  new PerformanceObserver((_, observer) => {{ observer.disconnect(); clearTimeout(timer); go(); }})
    .observe({{ type: 'largest-contentful-paint', buffered: true }});
}});
try {{
  const bindings = await import('{glue}');
  const module = await WebAssembly.compileStreaming(fetch('{wasm}')).catch(() => '{wasm}');
  await new Promise((go) => setTimeout(go));
  const wasm = await bindings.default({{ module_or_path: module }});
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', {{ detail: {{ wasm }} }}));
}} catch (e) {{
  document.documentElement.classList.remove('{scripts}');
  throw e;
}}
"
    )
}

/// The quoted string that follows the first `marker` in `text` (after spaces only).
fn quoted_after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let rest = text[text.find(marker)? + marker.len()..].trim_start();
    let q = rest.chars().next().filter(|c| matches!(c, '\'' | '"'))?;
    let value = &rest[1..];
    Some(&value[..value.find(q)?])
}

/// The files a boot script loads (JS glue and wasm), as paths from the site root:
/// Koers' ([`boot_script`]) or Trunk's (the studio's).
pub fn boot_imports(script: &str) -> Vec<String> {
    ["import(", "fetch(", "module_or_path:"]
        .iter()
        .filter_map(|m| quoted_after(script, m).map(str::to_string))
        .collect()
}

/// Trunk's boot script: the inline module script of its page.
pub const SELECTOR: &str = "script[type=module]:not([src])";

/// Replaces the inline `<script type="module">` that Trunk injects with Koers' own
/// ([`boot_script`]), inline too: a file would be one more request before the first
/// paint. Returns the page and the script (the security policy allows it by hash).
pub(super) fn inline_boot_script(page: &str) -> Result<(String, String)> {
    if html::count(page, SELECTOR)? > 1 {
        bail!("index.html: Trunk wrote more than one inline module script");
    }
    let trunk = html::text_of(page, SELECTOR)?.context("index.html: Trunk wrote no boot script")?;
    let trunk = trunk.trim();
    let (Some(glue), Some(wasm)) = (
        quoted_after(trunk, " from "),
        quoted_after(trunk, "module_or_path:"),
    ) else {
        bail!("index.html: Trunk's boot script changed, update boot_script(): {trunk}");
    };
    let script = boot_script(glue, wasm);
    let page = html::edit(page, &[(SELECTOR, Edit::SetContent(&script))])?;
    Ok((page, script))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_boot_script_loads_what_trunk_named_after_the_first_paint() {
        let trunk = "<script type=\"module\">import init, * as bindings from '/k/koers-1.js';\n\
                     const wasm = await init({ module_or_path: '/k/koers-1_bg.wasm' });\n\
                     window.wasmBindings = bindings;</script><div id=\"koers\"></div>";
        let (html, script) = inline_boot_script(trunk).unwrap();
        assert_eq!(
            html,
            format!("<script type=\"module\">{script}</script><div id=\"koers\"></div>")
        );
        assert_eq!(
            boot_imports(&html),
            vec!["/k/koers-1.js", "/k/koers-1_bg.wasm"]
        );
        let wait = script.find("largest-contentful-paint").unwrap();
        assert!(
            wait < script.find("import(").unwrap(),
            "nothing loads before the paint"
        );
        assert!(
            script.find("compileStreaming").unwrap() < script.find("setTimeout(go)").unwrap()
                && script.find("setTimeout(go)").unwrap()
                    < script.find("bindings.default").unwrap(),
            "the app starts in a task after its compilation's"
        );
        assert!(script.contains("window.wasmBindings = bindings;"));
        assert!(script.contains("TrunkApplicationStarted"));
        let changed = "<script type=\"module\">import('/x.js')</script>";
        assert!(inline_boot_script(changed).is_err());
    }
}

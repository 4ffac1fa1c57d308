//! After Trunk has built `dist/`: everything that turns the app into a deployable,
//! installable, offline-capable and locked-down site.
//!
//! 1. Trunk's inline boot script moves to a file, so the Content Security Policy needs
//!    no `unsafe-inline` and stays the same from build to build.
//! 2. The policy goes into every page as a `<meta>` and into `_headers`.
//! 3. Each organisation gets its own web manifest and icons, from its content file.
//! 4. Every route gets its own `index.html`, so static hosts need no rewrite rules.
//! 5. An offline page and a service worker whose precache list and version come from
//!    the files actually built.
//! 6. `.br` and `.gz` beside every text asset.
//! 7. Every link in every page and manifest must resolve.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use koers::content::{parse_colour, parse_index, parse_organisation, Organisation};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::icon::{icon_png, initials};
use crate::Result;

/// The policy for every page: scripts and styles only from this site, WebAssembly
/// allowed to compile, nothing from other hosts.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

/// Headers for static hosts that read a `_headers` file; `deploy/nginx.conf` says the same.
pub fn headers_file() -> String {
    format!(
        "# Security headers for every file (Netlify, Cloudflare Pages and similar hosts).\n\
         # To let your own site embed Koers, add its origin to frame-ancestors.\n\
         /*\n  Content-Security-Policy: {CSP}; frame-ancestors 'self'\n  Referrer-Policy: strict-origin-when-cross-origin\n  X-Content-Type-Options: nosniff\n  Permissions-Policy: {PERMISSIONS}\n\
         /sw.js\n  Cache-Control: no-cache\n"
    )
}

pub const PERMISSIONS: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

/// Runs every step on a freshly built `dist`.
pub fn finish(dist: &Path) -> Result {
    let shell_path = dist.join("index.html");
    let mut shell = read(&shell_path)?;
    let base = base_href(&shell);
    shell = externalize_boot_script(dist, &shell, &base)?;
    shell = insert_csp(&shell);
    write(&shell_path, shell.as_bytes())?;
    let orgs = organisations(dist)?;
    for org in &orgs {
        write_app_files(dist, org)?;
    }
    let css = find_file(dist, "main-", ".css")?;
    write(
        &dist.join("offline.html"),
        include_str!("../assets/offline.html")
            .replace("__KOERS_CSS__", &format!("{base}{css}"))
            .replace("<head>", &format!("<head>\n  {}", csp_meta()))
            .as_bytes(),
    )?;
    write(&dist.join("_headers"), headers_file().as_bytes())?;
    write_service_worker(dist)?;
    // Route copies of the shell come after the precache list: the worker serves the
    // shell for every navigation, so it need not store each copy.
    for route in routes(&orgs) {
        let dir = dist.join(route.trim_start_matches('/'));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        write(&dir.join("index.html"), shell.as_bytes())?;
    }
    compress(dist)?;
    check_links(dist, &base, &orgs)
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// The `<base href>` Trunk wrote from `--public-url`, always ending in `/`.
fn base_href(html: &str) -> String {
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

fn csp_meta() -> String {
    format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">")
}

fn insert_csp(html: &str) -> String {
    html.replacen(
        "<meta charset=\"utf-8\">",
        &format!("<meta charset=\"utf-8\">\n  {}", csp_meta()),
        1,
    )
}

/// Moves the inline `<script type="module">` that Trunk injects into `boot-<hash>.js`.
fn externalize_boot_script(dist: &Path, html: &str, base: &str) -> Result<String> {
    let open = "<script type=\"module\">";
    let Some(start) = html.find(open) else {
        return Ok(html.to_string());
    };
    let body_start = start + open.len();
    let end = body_start
        + html[body_start..]
            .find("</script>")
            .ok_or("index.html: unterminated boot script")?;
    let script = html[body_start..end].trim();
    let hash = hex(&Sha256::digest(script.as_bytes()))[..16].to_string();
    let name = format!("boot-{hash}.js");
    write(&dist.join(&name), format!("{script}\n").as_bytes())?;
    Ok(format!(
        "{}<script type=\"module\" src=\"{base}{name}\"></script>{}",
        &html[..start],
        &html[end + "</script>".len()..]
    ))
}

fn organisations(dist: &Path) -> Result<Vec<Organisation>> {
    let content = dist.join("content");
    let index = parse_index(
        "content/index.json",
        read(&content.join("index.json"))?.as_bytes(),
    )
    .map_err(|p| format!("{p:?}"))?;
    index
        .organisations
        .iter()
        .map(|e| {
            let file = format!("content/{}.json", e.slug);
            parse_organisation(&file, read(&dist.join(&file))?.as_bytes())
                .map_err(|p| format!("{p:?}"))
        })
        .collect()
}

/// The web manifest of one organisation; URLs are relative to the manifest itself,
/// which lives at `<base>/<slug>/manifest.webmanifest`.
pub fn manifest(org: &Organisation) -> serde_json::Value {
    let start = org.start_page().map(|(kind, _)| kind.slug()).unwrap_or("");
    json!({
        "id": "./",
        "name": org.name,
        "short_name": org.short_name,
        "description": org.description,
        "lang": "nl-BE",
        "dir": "ltr",
        "start_url": format!("./{start}"),
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": org.accent,
        "icons": [
            { "src": "icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any" },
            { "src": "icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any" },
            { "src": "icon-maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable" }
        ]
    })
}

fn write_app_files(dist: &Path, org: &Organisation) -> Result {
    let dir = dist.join(&org.slug);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let text = serde_json::to_string_pretty(&manifest(org)).map_err(|e| e.to_string())?;
    write(&dir.join("manifest.webmanifest"), text.as_bytes())?;
    let rgb = parse_colour(&org.accent).ok_or("validated accent")?;
    let letters = initials(&org.name);
    write(
        &dir.join("icon-192.png"),
        &icon_png(&letters, rgb, 192, false),
    )?;
    write(
        &dir.join("icon-512.png"),
        &icon_png(&letters, rgb, 512, false),
    )?;
    write(
        &dir.join("icon-maskable-512.png"),
        &icon_png(&letters, rgb, 512, true),
    )?;
    Ok(())
}

/// Every route of the app: `/toegankelijkheid`, and `/<org>`, `/<org>/<page>` for the
/// pages it has and `/<org>/toegankelijkheid`.
pub fn routes(orgs: &[Organisation]) -> Vec<String> {
    let mut routes = vec!["/toegankelijkheid".to_string()];
    for org in orgs {
        routes.push(format!("/{}", org.slug));
        for (kind, _) in org.pages.present() {
            routes.push(format!("/{}/{}", org.slug, kind.slug()));
        }
        routes.push(format!("/{}/toegankelijkheid", org.slug));
    }
    routes
}

/// Every file under `dir`, as paths relative to it with `/` separators.
fn files(dir: &Path) -> Result<Vec<String>> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != ".stage") {
                    walk(root, &path, out)?;
                }
            } else if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

fn find_file(dist: &Path, prefix: &str, suffix: &str) -> Result<String> {
    files(dist)?
        .into_iter()
        .find(|f| !f.contains('/') && f.starts_with(prefix) && f.ends_with(suffix))
        .ok_or_else(|| format!("dist has no {prefix}*{suffix}"))
}

/// The service worker, versioned by the hash of everything it precaches.
fn write_service_worker(dist: &Path) -> Result {
    let precache: Vec<String> = files(dist)?
        .into_iter()
        .filter(|f| {
            !matches!(f.as_str(), "sw.js" | "_headers")
                && !f.ends_with(".br")
                && !f.ends_with(".gz")
        })
        .collect();
    let mut hasher = Sha256::new();
    for f in &precache {
        hasher.update(f.as_bytes());
        hasher.update(std::fs::read(dist.join(f)).map_err(|e| e.to_string())?);
    }
    let version = hex(&hasher.finalize())[..16].to_string();
    let list = serde_json::to_string(&precache).map_err(|e| e.to_string())?;
    let sw = include_str!("../assets/sw.js")
        .replace("__KOERS_VERSION__", &version)
        .replace("__KOERS_FILES__", &list);
    write(&dist.join("sw.js"), sw.as_bytes())
}

/// `.br` and `.gz` beside every text and wasm file, for servers that serve them as is.
fn compress(dist: &Path) -> Result {
    use std::io::Write as _;
    const EXTS: [&str; 9] = [
        ".html",
        ".js",
        ".wasm",
        ".css",
        ".json",
        ".svg",
        ".webmanifest",
        ".xml",
        ".txt",
    ];
    for f in files(dist)? {
        if !EXTS.iter().any(|e| f.ends_with(e)) {
            continue;
        }
        let bytes = std::fs::read(dist.join(&f)).map_err(|e| e.to_string())?;
        let mut br = Vec::new();
        {
            let mut w = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
            w.write_all(&bytes).map_err(|e| e.to_string())?;
        }
        write(&dist.join(format!("{f}.br")), &br)?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes).map_err(|e| e.to_string())?;
        write(
            &dist.join(format!("{f}.gz")),
            &gz.finish().map_err(|e| e.to_string())?,
        )?;
    }
    Ok(())
}

/// Values of `attr="…"` in every tag that starts with `tag`.
fn attribute_values(html: &str, tag: &str, attr: &str) -> Vec<String> {
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

/// Every `href` and `src` of every page, and every URL of every manifest, must name a
/// file in `dist` or a route of the app.
pub fn check_links(dist: &Path, base: &str, orgs: &[Organisation]) -> Result {
    let all = files(dist)?;
    let known: BTreeSet<String> = all.iter().cloned().collect();
    let routes: BTreeSet<String> = routes(orgs).into_iter().chain(["/".to_string()]).collect();
    let mut broken = String::new();
    for f in &all {
        let links: Vec<String> = if f.ends_with(".html") {
            let html = read(&dist.join(f))?;
            let mut v = attribute_values(&html, "<", "href");
            v.extend(attribute_values(&html, "<", "src"));
            v
        } else if f.ends_with(".webmanifest") {
            let m: serde_json::Value =
                serde_json::from_str(&read(&dist.join(f))?).map_err(|e| format!("{f}: {e}"))?;
            let mut v: Vec<String> = ["start_url", "scope", "id"]
                .iter()
                .filter_map(|k| m[k].as_str().map(String::from))
                .collect();
            v.extend(
                m["icons"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|i| i["src"].as_str().map(String::from)),
            );
            v
        } else {
            continue;
        };
        let page_dir = match f.rfind('/') {
            Some(i) => format!("{base}{}/", &f[..i]),
            None => base.to_string(),
        };
        for link in links {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
                || link.starts_with('#')
                || link.starts_with("data:")
            {
                continue;
            }
            // HTML pages resolve against <base>; manifests against their own folder.
            let from = if f.ends_with(".html") {
                base
            } else {
                page_dir.as_str()
            };
            let absolute = resolve(from, &link);
            let inside = absolute
                .strip_prefix(base.trim_end_matches('/'))
                .unwrap_or(&absolute);
            let path = inside.split(['?', '#']).next().unwrap_or("");
            let rel = path.trim_start_matches('/');
            let ok = path == "/"
                || known.contains(rel)
                || known.contains(&format!("{}/index.html", rel.trim_end_matches('/')))
                || routes.contains(path.trim_end_matches('/'));
            if !ok {
                let _ = writeln!(broken, "{f}: link \"{link}\" leads nowhere ({absolute})");
            }
        }
    }
    if broken.is_empty() {
        Ok(())
    } else {
        Err(format!("broken links in dist/:\n{broken}"))
    }
}

/// Resolves `link` against a directory path ending in `/`.
fn resolve(dir: &str, link: &str) -> String {
    if link.starts_with('/') {
        return link.to_string();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for segment in link.split('/') {
        match segment {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    if parts.is_empty() {
        return "/".into();
    }
    let trailing = if link.ends_with('/') || link == "." {
        "/"
    } else {
        ""
    };
    format!("/{}{trailing}", parts.join("/"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The project root's `dist/`.
pub fn dist_dir() -> PathBuf {
    crate::root().join("dist")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(slug: &str) -> Organisation {
        let path = crate::root().join(format!("public/content/{slug}.json"));
        parse_organisation(&format!("{slug}.json"), &std::fs::read(path).unwrap()).unwrap()
    }

    #[test]
    fn manifests_match_their_content_files() {
        for entry in parse_index(
            "index.json",
            &std::fs::read(crate::root().join("public/content/index.json")).unwrap(),
        )
        .unwrap()
        .organisations
        {
            let org = org(&entry.slug);
            let m = manifest(&org);
            assert_eq!(m["name"], org.name.as_str());
            assert_eq!(m["short_name"], org.short_name.as_str());
            assert_eq!(m["theme_color"], org.accent.as_str());
            assert_eq!(m["display"], "standalone");
            assert_eq!(m["lang"], "nl-BE");
            assert_eq!(m["scope"], "./");
            let start = m["start_url"].as_str().unwrap();
            let (kind, _) = org.start_page().unwrap();
            assert_eq!(
                start,
                format!("./{}", kind.slug()),
                "start_url opens the first page, inside the scope"
            );
            let icons = m["icons"].as_array().unwrap();
            for (size, purpose) in [
                ("192x192", "any"),
                ("512x512", "any"),
                ("512x512", "maskable"),
            ] {
                assert!(
                    icons
                        .iter()
                        .any(|i| i["sizes"] == size && i["purpose"] == purpose),
                    "{size} {purpose}"
                );
            }
        }
    }

    #[test]
    fn links_resolve_like_a_browser() {
        assert_eq!(resolve("/", "koers.js"), "/koers.js");
        assert_eq!(
            resolve("/koers/herentals/", "icon-192.png"),
            "/koers/herentals/icon-192.png"
        );
        assert_eq!(resolve("/koers/herentals/", "./"), "/koers/herentals/");
        assert_eq!(resolve("/koers/herentals/", "../sw.js"), "/koers/sw.js");
        assert_eq!(resolve("/a/", "/b"), "/b");
        assert_eq!(resolve("/", "./"), "/");
    }

    #[test]
    fn attributes_are_read_whole() {
        let html = r#"<link rel="icon" href="/a.svg" data-href="x"><script src="/b.js"></script>"#;
        assert_eq!(attribute_values(html, "<", "href"), vec!["/a.svg"]);
        assert_eq!(attribute_values(html, "<", "src"), vec!["/b.js"]);
    }

    #[test]
    fn the_policy_forbids_inline_code_and_other_hosts() {
        assert!(!CSP.contains("unsafe-inline"));
        assert!(!CSP.contains("unsafe-eval'") || CSP.contains("'wasm-unsafe-eval'"));
        assert!(!CSP
            .replace("'wasm-unsafe-eval'", "")
            .contains("unsafe-eval"));
        assert!(CSP.contains("default-src 'self'"));
        let nginx = std::fs::read_to_string(crate::root().join("deploy/nginx.conf")).unwrap();
        assert!(
            nginx.contains(CSP),
            "deploy/nginx.conf carries the same policy"
        );
        assert!(nginx.contains(PERMISSIONS));
    }
}

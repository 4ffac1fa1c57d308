//! The security policy of the site: the Content Security Policy (in every page as a
//! `<meta>`, and as a header), and the other security headers, written for hosts that
//! read a `_headers` file and for nginx (`nginx-headers.conf`); and how long browsers
//! may keep each file: a content-hashed file for a year, everything else revalidated.

use std::fmt::Write as _;
use std::path::Path;

use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::files::{files, write};
use crate::Result;

/// The policy for every page: scripts and styles only from this site (plus the one
/// inline stylesheet and the inline scripts of this build, by their hashes),
/// WebAssembly allowed to compile, nothing from other hosts.
fn csp(style_hash: &str, script_hashes: &[String]) -> String {
    let scripts: Vec<String> = script_hashes
        .iter()
        .map(|h| format!("'sha256-{h}'"))
        .collect();
    let scripts = scripts.join(" ");
    format!(
        "default-src 'self'; script-src 'self' {scripts} 'wasm-unsafe-eval'; \
         style-src 'self' 'sha256-{style_hash}'; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'"
    )
}

/// The policy of this build: its inline stylesheet and inline scripts by their hashes.
pub fn policy(css: &str, scripts: &[&str]) -> String {
    let script_hashes: Vec<String> = scripts.iter().map(|s| hash(s)).collect();
    csp(&hash(css), &script_hashes)
}

/// The hash by which the policy allows an inline script or stylesheet.
fn hash(text: &str) -> String {
    base64(&Sha256::digest(text.as_bytes()))
}

pub const PERMISSIONS: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

/// Who may show Koers in a frame, unless the deployer adds their own site.
pub const FRAME_ANCESTORS: &str = "frame-ancestors 'self'";

/// The headers of every response, for hosts that read a `_headers` file (Netlify,
/// Cloudflare Pages…) and, as `nginx-headers.conf`, for nginx (`deploy/nginx.conf`
/// includes it). Built with the build's stylesheet hash.
fn headers(csp: &str) -> [(&'static str, String); 4] {
    [
        (
            "Content-Security-Policy",
            format!("{csp}; {FRAME_ANCESTORS}"),
        ),
        ("Referrer-Policy", "strict-origin-when-cross-origin".into()),
        ("X-Content-Type-Options", "nosniff".into()),
        ("Permissions-Policy", PERMISSIONS.into()),
    ]
}

/// How browsers may cache a file whose name carries a hash of its content: it never
/// changes, so for a year and without revalidating.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// [`is_hashed`] as a regular expression, for `deploy/nginx.conf` and the service
/// worker (checked by tests).
pub const HASHED_PATTERN: &str = r"-[0-9a-f]{16}(_bg)?\.(js|wasm|css|svg)$";

/// The name of a content-hashed file the build writes itself: `<stem>-<the first 16
/// hex digits of the SHA-256 of its bytes>.<extension>`, the form [`is_hashed`] knows.
pub fn hashed_name(stem: &str, extension: &str, bytes: &[u8]) -> String {
    let hash = hex::encode(Sha256::digest(bytes));
    format!("{stem}-{}.{extension}", &hash[..16])
}

/// Whether `file` (relative to `dist`) is one of the build's content-hashed files, the
/// ones named `<name>-<16 hex digits>` (`koers-<hash>.js`, `koers-<hash>_bg.wasm`,
/// `main-<hash>.css`, `favicon-<hash>.svg`, `<org>/accent-<hash>.css`).
/// `deploy/nginx.conf` and the service worker say the same with [`HASHED_PATTERN`].
pub fn is_hashed(file: &str) -> bool {
    let name = file.rsplit('/').next().unwrap_or(file);
    let Some((stem, extension)) = name.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let hash = stem.rsplit_once('-').map_or("", |(_, h)| h);
    matches!(extension, "js" | "wasm" | "css" | "svg")
        && hash.len() == 16
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// `_headers`: the security headers for every file, and the caching of the worker and
/// of the content-hashed files (`hashed`, relative to `dist`). Hosts that read it
/// revalidate every other file by default (Netlify, Cloudflare Pages); a `Cache-Control`
/// for `/*` would be merged into the hashed files' own.
pub fn headers_file(csp: &str, hashed: &[String]) -> String {
    let mut out = format!(
        "# Security headers for every file (Netlify, Cloudflare Pages and similar hosts).\n\
         # Embedding: only this site may show Koers in a frame. To let your own website\n\
         # embed it (embed.js or an iframe), add its origin after 'self', for example:\n\
         #   {FRAME_ANCESTORS} https://www.uwgemeente.be\n\
         # (several origins: separate them with spaces; never use *).\n/*\n"
    );
    for (name, value) in headers(csp) {
        let _ = writeln!(out, "  {name}: {value}");
    }
    out.push_str("/sw.js\n  Cache-Control: no-cache\n");
    for file in hashed {
        let _ = writeln!(out, "/{file}\n  Cache-Control: {IMMUTABLE}");
    }
    out
}

pub fn nginx_headers(csp: &str) -> String {
    let mut out = String::from("# Generated by cargo xtask dist: include in the server block.\n");
    for (name, value) in headers(csp) {
        let _ = writeln!(out, "add_header {name} \"{value}\" always;");
    }
    out
}

/// `_headers` and `nginx-headers.conf`.
pub fn write_files(dist: &Path, csp: &str) -> Result {
    let hashed: Vec<String> = files(dist)?.into_iter().filter(|f| is_hashed(f)).collect();
    write(
        &dist.join("_headers"),
        headers_file(csp, &hashed).as_bytes(),
    )?;
    write(
        &dist.join("nginx-headers.conf"),
        nginx_headers(csp).as_bytes(),
    )
}

/// The policy as a page states it, in its `<head>`.
pub fn csp_meta(csp: &str) -> String {
    format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">")
}

/// Standard base64 with padding, as CSP hashes are written.
fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_forbids_inline_code_and_other_hosts() {
        let policy = csp("abc=", &["def=".into(), "ghi=".into()]);
        assert!(!policy.contains("unsafe-inline"));
        assert!(!policy
            .replace("'wasm-unsafe-eval'", "")
            .contains("unsafe-eval"));
        assert!(policy.contains("default-src 'self'"));
        assert!(policy.contains("style-src 'self' 'sha256-abc='"));
        assert!(policy.contains("script-src 'self' 'sha256-def=' 'sha256-ghi=' 'wasm-unsafe-eval'"));
        assert!(headers_file(&policy, &[]).contains(&policy));
        let line = format!(
            "add_header Content-Security-Policy \"{policy}; frame-ancestors 'self'\" always;"
        );
        assert!(nginx_headers(&policy).contains(&line));
        let nginx = std::fs::read_to_string(crate::root().join("deploy/nginx.conf")).unwrap();
        assert!(
            nginx.contains("include /var/www/koers/nginx-headers.conf;"),
            "deploy/nginx.conf uses the generated headers"
        );
    }

    #[test]
    fn the_policy_allows_the_inline_code_of_this_build_by_its_hash() {
        // SHA-256 of nothing, in base64.
        let empty = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
        let policy = policy("", &["", ""]);
        assert!(policy.contains(&format!("style-src 'self' 'sha256-{empty}';")));
        assert!(policy.contains(&format!(
            "'sha256-{empty}' 'sha256-{empty}' 'wasm-unsafe-eval'"
        )));
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn framing_is_limited_to_this_site_and_says_how_to_add_yours() {
        let policy = csp("abc=", &["def=".into(), "ghi=".into()]);
        let headers = headers_file(&policy, &[]);
        assert!(headers.contains(&format!("{policy}; {FRAME_ANCESTORS}\n")));
        assert!(nginx_headers(&policy).contains(&format!("{policy}; {FRAME_ANCESTORS}\"")));
        assert!(headers.contains("frame-ancestors 'self' https://www.uwgemeente.be"));
        assert!(
            !headers.contains("X-Frame-Options"),
            "it would forbid every host"
        );
        let nginx = std::fs::read_to_string(crate::root().join("deploy/nginx.conf")).unwrap();
        assert!(nginx.contains("frame-ancestors 'self' https://www.uwgemeente.be"));
    }

    #[test]
    fn only_content_hashed_files_are_immutable() {
        for hashed in [
            "koers-572024a358e66223.js",
            "koers-572024a358e66223_bg.wasm",
            "main-323a75f6218b40ac.css",
            "favicon-fd13fcfdbc326f62.svg",
            "herentals/accent-0123456789abcdef.css",
        ] {
            assert!(is_hashed(hashed), "{hashed}");
        }
        for plain in [
            "sw.js",
            "embed.js",
            "offline.html",
            "herentals/index.html",
            "herentals/manifest.webmanifest",
            "herentals/icon-192.png",
            "content/herentals.json",
            "koers-572024a358e66223.js.br",
            "koers-572024A358E66223.js",
            "koers-572024a358e6622.js",
            "ocmw-de-wilg/precache.json",
        ] {
            assert!(!is_hashed(plain), "{plain}");
        }
        assert!(is_hashed(&hashed_name("accent", "css", b"x")));
        let hashed = ["koers-572024a358e66223.js".to_string()];
        let file = headers_file("x", &hashed);
        assert!(file.contains(&format!(
            "/koers-572024a358e66223.js\n  Cache-Control: {IMMUTABLE}\n"
        )));
        assert!(file.contains("/sw.js\n  Cache-Control: no-cache\n"));
        assert_eq!(file.matches("Cache-Control").count(), 2, "nothing for /*");
        let nginx = std::fs::read_to_string(crate::root().join("deploy/nginx.conf")).unwrap();
        assert!(
            nginx.contains(&format!("\"~{HASHED_PATTERN}\" \"{IMMUTABLE}\";")),
            "deploy/nginx.conf caches the hashed files as is_hashed says"
        );
    }
}

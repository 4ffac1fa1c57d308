//! The security policy of the site: the Content Security Policy (in every page as a
//! `<meta>`, and as a header), and the other security headers, written for hosts that
//! read a `_headers` file and for nginx (`nginx-headers.conf`); how long browsers may
//! keep each file: a content-hashed file for a year, everything else revalidated; that
//! no other site may frame the editors' studio; and which files of the build a host
//! must not serve. `deploy/nginx.conf` says the same as this file (checked by tests).

use std::fmt::Write as _;
use std::path::Path;

use base64::Engine as _;
use koers::routes::STUDIO;
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

/// Who may show Koers in a frame, unless the deployer adds their own site. The editors'
/// studio keeps this whatever the deployer adds (see [`headers_file`] and
/// [`studio_pattern`]).
pub const FRAME_ANCESTORS: &str = "frame-ancestors 'self'";

/// The policy as a header: the page's policy and who may frame the page.
fn header_policy(csp: &str) -> String {
    format!("{csp}; {FRAME_ANCESTORS}")
}

/// The headers of every response, for hosts that read a `_headers` file (Netlify,
/// Cloudflare Pages…) and, as `nginx-headers.conf`, for nginx (`deploy/nginx.conf`
/// includes it). Built with the build's stylesheet hash.
fn headers(csp: &str) -> [(&'static str, String); 4] {
    [
        ("Content-Security-Policy", header_policy(csp)),
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

/// The build's files that are for the host, not for browsers: a host must answer them
/// (and their `.gz` and `.br`) 404, as `deploy/nginx.conf` does. `routes.json` is no
/// longer in `dist/` (see `prerender::routes_file`), but a folder deployed over an
/// older build may still hold it.
pub const HOST_FILES: [&str; 3] = ["_headers", "nginx-headers.conf", "routes.json"];

/// [`HOST_FILES`] and their compressed twins, under any path (so also under a sub-path),
/// as the regular expression of the location that refuses them in `deploy/nginx.conf`
/// (which a test holds to it).
#[cfg(test)]
pub fn host_files_pattern() -> String {
    let names: Vec<String> = HOST_FILES.iter().map(|f| f.replace('.', r"\.")).collect();
    format!(r"/({})(\.gz|\.br)?$", names.join("|"))
}

/// The editors' studio's paths (`/redactie`, `/redactie/…`, also under a sub-path), as
/// the regular expression by which `deploy/nginx.conf` gives them a second policy,
/// [`FRAME_ANCESTORS`] alone. A browser enforces every policy it receives, so no other
/// site may frame the studio whatever origins a deployer adds to the first. A test
/// holds `deploy/nginx.conf` to it.
#[cfg(test)]
pub fn studio_pattern() -> String {
    format!("/{STUDIO}(/|$)")
}

/// `_headers`: the security headers for every file, the studio's own policy, and the
/// caching of the worker and of the content-hashed files (`hashed`, relative to `dist`);
/// paths under `base` (the `<base href>`, "/" or a sub-path like "/koers/"). Hosts that
/// read it revalidate every other file by default (Netlify, Cloudflare Pages); a
/// `Cache-Control` for `/*` would be merged into the hashed files' own.
///
/// The studio's rule repeats the whole policy, with [`FRAME_ANCESTORS`] as built: a
/// path that matches two rules gets both values of a header, joined by a comma, from
/// some hosts (Cloudflare Pages: two policies, and the browser enforces both) and the
/// later rule's alone from others (Netlify): either way no origin a deployer adds to
/// the rule for `/*` may frame the studio, and the studio keeps its full policy.
pub fn headers_file(csp: &str, base: &str, hashed: &[String]) -> String {
    let mut out = format!(
        "# Security headers for every file (Netlify, Cloudflare Pages and similar hosts).\n\
         # Embedding: only this site may show Koers in a frame. To let your own website\n\
         # embed it (embed.js or an iframe), add its origin after 'self' in the rule for\n\
         # /* just below, for example:\n\
         #   {FRAME_ANCESTORS} https://www.uwgemeente.be\n\
         # (several origins: separate them with spaces; never use *).\n/*\n"
    );
    for (name, value) in headers(csp) {
        let _ = writeln!(out, "  {name}: {value}");
    }
    out.push_str(
        "# The editors' studio: no other site may frame it, whatever the rule for /*\n\
         # allows. Leave these two rules as they are.\n",
    );
    for path in [format!("{base}{STUDIO}"), format!("{base}{STUDIO}/*")] {
        let _ = writeln!(
            out,
            "{path}\n  Content-Security-Policy: {}",
            header_policy(csp)
        );
    }
    let _ = writeln!(out, "{base}sw.js\n  Cache-Control: no-cache");
    for file in hashed {
        let _ = writeln!(out, "{base}{file}\n  Cache-Control: {IMMUTABLE}");
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

/// `_headers` and `nginx-headers.conf`, for the site served under `base`.
pub fn write_files(dist: &Path, base: &str, csp: &str) -> Result {
    let hashed: Vec<String> = files(dist)?.into_iter().filter(|f| is_hashed(f)).collect();
    write(
        &dist.join("_headers"),
        headers_file(csp, base, &hashed).as_bytes(),
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
        assert!(headers_file(&policy, "/", &[]).contains(&policy));
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
        let headers = headers_file(&policy, "/", &[]);
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

    /// The rules of a `_headers` file: each path pattern with its headers.
    fn rules(file: &str) -> Vec<(String, Vec<(String, String)>)> {
        let mut rules: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for line in file.lines().filter(|l| !l.trim_start().starts_with('#')) {
            if let Some(header) = line.strip_prefix("  ") {
                let (name, value) = header.split_once(": ").expect("a header line");
                let rule = rules.last_mut().expect("a header after its path");
                rule.1.push((name.to_string(), value.to_string()));
            } else {
                rules.push((line.to_string(), Vec::new()));
            }
        }
        rules
    }

    /// The policies a host that reads `file` sends for `path`: the `Content-Security-Policy`
    /// of every rule that matches it, joined by a comma (`join`, as Cloudflare Pages
    /// does), or the last matching rule's alone (as Netlify does), split into policies
    /// as a browser splits the header.
    fn policies_for(file: &str, path: &str, join: bool) -> Vec<String> {
        let matching: Vec<String> = rules(file)
            .into_iter()
            .filter(|(pattern, _)| match pattern.strip_suffix('*') {
                Some(prefix) => path.starts_with(prefix),
                None => path == pattern,
            })
            .flat_map(|(_, headers)| headers)
            .filter(|(name, _)| name == "Content-Security-Policy")
            .map(|(_, value)| value)
            .collect();
        let header = if join {
            matching.join(", ")
        } else {
            matching.last().cloned().unwrap_or_default()
        };
        header.split(',').map(|p| p.trim().to_string()).collect()
    }

    /// Whether a page of `origin` may frame a response with `policies`: every policy's
    /// `frame-ancestors` (if it has one) must name it.
    fn may_frame(policies: &[String], origin: &str) -> bool {
        policies.iter().all(|policy| {
            policy
                .split(';')
                .map(str::trim)
                .find_map(|d| d.strip_prefix("frame-ancestors "))
                .is_none_or(|sources| sources.split_whitespace().any(|s| s == origin))
        })
    }

    /// `file` as a deployer edits it to let `origin` embed Koers, as the README and the
    /// file's own comment say: `origin` after 'self' in the rule for `/*`.
    fn allow_embedding(file: &str, origin: &str) -> String {
        let rule = "/*\n  Content-Security-Policy: ";
        let at = file.find(rule).expect("the rule for /* states the policy") + rule.len();
        let end = at + file[at..].find('\n').unwrap();
        let line = &file[at..end];
        assert!(line.ends_with(FRAME_ANCESTORS), "{line}");
        format!("{}{line} {origin}{}", &file[..at], &file[end..])
    }

    #[test]
    fn no_other_site_frames_the_studio_whatever_origins_the_deployer_adds() {
        let policy = csp("abc=", &["def=".into()]);
        let municipality = "https://www.uwgemeente.be";
        for base in ["/", "/koers/"] {
            let built = headers_file(&policy, base, &[]);
            let edited = allow_embedding(&built, municipality);
            for join in [true, false] {
                let studio = [
                    format!("{base}redactie"),
                    format!("{base}redactie/"),
                    format!("{base}redactie/index.html"),
                    format!("{base}redactie/boot-0123456789abcdef.js"),
                ];
                for path in &studio {
                    for file in [&built, &edited] {
                        let policies = policies_for(file, path, join);
                        assert!(!may_frame(&policies, municipality), "{path}: {policies:?}");
                        assert!(
                            policies.iter().all(|p| p.starts_with(&policy)),
                            "{path} keeps the whole policy: {policies:?}"
                        );
                    }
                }
                for path in [
                    format!("{base}herentals/"),
                    format!("{base}herentals/missie"),
                ] {
                    assert!(!may_frame(&policies_for(&built, &path, join), municipality));
                    assert!(
                        may_frame(&policies_for(&edited, &path, join), municipality),
                        "{path}: the deployer's origin may embed the residents' pages"
                    );
                }
            }
            assert!(
                built.contains(&format!("\n{base}sw.js\n  Cache-Control: no-cache\n")),
                "{built}"
            );
        }
        // nginx: a second policy for the studio's paths, from deploy/nginx.conf's map.
        let nginx = std::fs::read_to_string(crate::root().join("deploy/nginx.conf")).unwrap();
        assert!(
            nginx.contains(&format!("\"~{}\" \"{FRAME_ANCESTORS}\";", studio_pattern())),
            "deploy/nginx.conf gives the studio its own frame-ancestors"
        );
        assert!(nginx.contains("add_header Content-Security-Policy $koers_studio_policy always;"));
    }

    #[test]
    fn nginx_serves_none_of_the_hosts_files() {
        let nginx = std::fs::read_to_string(crate::root().join("deploy/nginx.conf")).unwrap();
        assert!(
            nginx.contains(&format!("location ~ \"{}\" {{", host_files_pattern())),
            "deploy/nginx.conf refuses {HOST_FILES:?}"
        );
        assert_eq!(
            host_files_pattern(),
            r"/(_headers|nginx-headers\.conf|routes\.json)(\.gz|\.br)?$"
        );
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
        let file = headers_file("x", "/", &hashed);
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

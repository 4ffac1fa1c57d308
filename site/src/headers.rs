//! The security policy of the site: the Content Security Policy of this build (in every
//! page as a `<meta>`, and as a header), computed from the hashes of its inline scripts
//! and stylesheet, and the files hosts read it from: `_headers` (with the caching of
//! this build's content-hashed files) and `nginx-headers.conf`. What those files say,
//! and the rest of how a build is served, is the serving rules' table (the
//! `koers-serving` crate), which also writes `deploy/nginx.conf` and runs koers-server.

use std::path::Path;

use base64::Engine as _;
pub use koers_serving::{headers_file, is_hashed, nginx_headers, HASHED_PATTERN, HOST_FILES};
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

/// The name of a content-hashed file the build writes itself: `<stem>-<the first 16
/// hex digits of the SHA-256 of its bytes>.<extension>`, the form [`is_hashed`] knows.
pub fn hashed_name(stem: &str, extension: &str, bytes: &[u8]) -> String {
    let hash = hex::encode(Sha256::digest(bytes));
    format!("{stem}-{}.{extension}", &hash[..16])
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
    use koers_serving::{host_files_pattern, studio_pattern, FRAME_ANCESTORS, IMMUTABLE};

    #[test]
    fn the_serving_rules_name_the_studio_as_the_routes_do() {
        assert_eq!(koers_serving::STUDIO, koers::routes::STUDIO);
    }

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
        koers_serving::parse_headers_file(file)
            .expect("a _headers file")
            .into_iter()
            .map(|rule| (rule.pattern, rule.headers))
            .collect()
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

    /// Which files are content-hashed: the serving rules' test
    /// (`koers_serving::tests::only_content_hashed_files_are_immutable`).
    #[test]
    fn only_content_hashed_files_are_immutable() {
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
